"""The architecture holds: renderers cover every block type and never read inputs; only loading parses."""
from __future__ import annotations

import ast
from pathlib import Path

from generator.document import BLOCK_TYPES
from generator.render.docx.blocks import HANDLERS as DOCX_HANDLERS
from generator.render.pdf.blocks import HANDLERS as PDF_HANDLERS
from generator.render.slides.blocks import HANDLERS as SLIDE_HANDLERS

PACKAGE = Path(__file__).resolve().parents[2] / "generator"


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = "." * node.level + (node.module or "")
            names.add(base)
            names.update(f"{base}.{alias.name}" if node.module else f"{base}{alias.name}" for alias in node.names)
    return names


def test_every_renderer_handles_every_block_type():
    # the slide layout serves the deck and the deck as PDF; the briefing and the editable briefing have their own
    assert set(SLIDE_HANDLERS) == set(BLOCK_TYPES)
    assert set(PDF_HANDLERS) == set(BLOCK_TYPES)
    assert set(DOCX_HANDLERS) == set(BLOCK_TYPES)


def test_renderers_never_import_inputs():
    for path in (PACKAGE / "render").rglob("*.py"):
        for name in _imports(path):
            last = name.split(".")[-1]
            assert last not in {"yaml", "json", "dataset", "layouts", "loading", "compose"}, (path, name)


def test_the_slide_layout_is_format_neutral():
    for path in (PACKAGE / "render" / "slides").rglob("*.py"):
        roots = {n.split(".")[0] for n in _imports(path)}
        assert not roots & {"pptx", "reportlab", "svglib", "matplotlib"}, path


def test_only_loading_imports_the_parsers():
    # loading reads the user's inputs; the cache reads back only the program's own entries, as plain JSON
    for path in PACKAGE.rglob("*.py"):
        if path.name in ("loading.py", "cache.py"):
            continue
        names = {n.split(".")[0] for n in _imports(path)}
        assert not names & {"yaml", "json"}, path


def _hook_imports(path: Path) -> dict[str, set[str]]:
    """The roots of the modules each function of a file imports, by the function's name ("" for the module)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: dict[str, set[str]] = {"": set()}
    for node in tree.body:
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            found[""] |= {n.split(".")[0] for n in _imports_of(node)}
        if isinstance(node, ast.FunctionDef):
            found[node.name] = {n.split(".")[0] for inner in ast.walk(node)
                                if isinstance(inner, (ast.Import, ast.ImportFrom)) for n in _imports_of(inner)}
    return found


def _imports_of(node) -> set[str]:
    if isinstance(node, ast.Import):
        return {alias.name for alias in node.names}
    return {"." * node.level + (node.module or "")}


def test_a_chart_kind_reaches_a_painter_only_through_its_named_hook():
    """A chart kind's module holds every painter's hook; validation reads it, so it imports no painter's library
    but inside the hook that painter calls: pptx in style_pptx, matplotlib in draw."""
    for path in (PACKAGE / "chartkinds").glob("*.py"):
        for function, roots in _hook_imports(path).items():
            heavy = roots & {"pptx", "reportlab", "svglib", "matplotlib", "numpy", "lxml"}
            allowed = {"style_pptx": {"pptx", "lxml"}, "draw": {"matplotlib", "numpy"}}.get(function, set())
            assert heavy <= allowed, (path.name, function, heavy)


def test_only_the_pptx_renderer_imports_pptx_the_pdf_renderer_reportlab_and_the_docx_renderer_docx():
    for path in PACKAGE.rglob("*.py"):
        roots = {n.split(".")[0] for n in _imports(path)}
        inside = path.relative_to(PACKAGE).parts
        if inside[0] == "chartkinds":
            continue  # a kind's painter hooks: see the test above
        if "pptx" in roots:
            assert inside[:2] == ("render", "pptx"), path
        if "reportlab" in roots or "svglib" in roots:
            assert inside[:2] == ("render", "pdf"), path
        if "docx" in roots:
            assert inside[:2] == ("render", "docx"), path


def test_every_module_has_a_docstring():
    for path in PACKAGE.rglob("*.py"):
        assert ast.get_docstring(ast.parse(path.read_text(encoding="utf-8"))), path


def test_deck_painters_only_paint():
    """The PPTX, deck-as-PDF and handout painters neither break lines, change text nor measure it."""
    painters = sorted((PACKAGE / "render" / "pptx").rglob("*.py")) + [PACKAGE / "render" / "pdf" / "deck.py"]
    for path in painters:
        names = {n.split(".")[-1] for n in _imports(path)}
        assert not names & {"textfit", "wrap", "wrap_runs", "normalise_punctuation", "fit_size", "stringWidth",
                            "metrics_for", "MixedMetrics", "fonts"}, path
        assert "stringWidth" not in path.read_text(encoding="utf-8"), path


def test_punctuation_is_decided_in_compose_once_and_no_painter_changes_text():
    """normalise_punctuation runs in compose (the document is final); the slide layout, the painters and the chart
    kinds take its text as it is."""
    users = sorted(str(path.relative_to(PACKAGE)) for path in PACKAGE.rglob("*.py")
                   if any(name.endswith("normalise_punctuation") for name in _imports(path)))
    assert users == ["compose.py"], users


def test_the_composed_document_is_already_normalised(dataset):
    from generator.compose import compose
    from generator.document import _strings
    from generator.layouts import load_layout
    from generator.textfit import normalise_punctuation

    for path in sorted((PACKAGE.parent / "layouts").glob("*.yaml")):
        for lang in ("zh", "en"):
            document = compose(dataset, load_layout(path, dataset), lang)
            texts = [page.title for page in (*document.slides, *document.pages)]
            texts += [s for page in (*document.slides, *document.pages) for b in page.blocks for s in _strings(b)]
            assert [t for t in texts if normalise_punctuation(t) != t] == [], (path.name, lang)
