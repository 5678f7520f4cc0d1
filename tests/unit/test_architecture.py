"""The architecture holds: every painter has its own handler for every block type and chart kind, kinds describe
meaning only, the import contracts hold and no module imports one that imports it back; only loading parses."""
from __future__ import annotations

import ast
import os
import subprocess
import sys
import tomllib
import typing
from pathlib import Path

import pytest

from generator.chartkinds import CHART_KINDS, ChartKind
from generator.document import BLOCK_TYPES
from generator.render import RENDERERS, Handlers
from generator.render.slides.shapes import Shape

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "generator"


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


def missing_handlers(handlers: Handlers) -> list[str]:
    """What a painter's tables lack (or have beyond the types and kinds there are), by name."""
    def differ(table, wanted, what) -> list[str]:
        return ([f"no handler of the {what} {getattr(k, '__name__', k)}" for k in wanted if k not in table]
                + [f"a handler of an unknown {what} {getattr(k, '__name__', k)}" for k in table if k not in wanted])

    found = differ(handlers.blocks, BLOCK_TYPES, "block type")
    if handlers.shapes is not None:
        found += differ(handlers.shapes, typing.get_args(Shape), "shape type")
    if not handlers.charts:
        found.append("no table of chart kinds")
    for table in handlers.charts:
        found += differ(table, CHART_KINDS, "chart kind")
    return found


@pytest.mark.parametrize("name", list(RENDERERS))
def test_every_painter_handles_every_block_type_and_chart_kind(name):
    # a painter of the laid-out deck (pptx, deck-pdf, handout) names the slide layout's block handlers and chart
    # geometry, and paints every shape type; the briefing has its own block handlers; each names its chart drawing
    assert missing_handlers(RENDERERS[name].handlers()) == []


def test_a_missing_handler_is_named():
    from generator import document as d
    from generator.render.figures import DRAW
    from generator.render.pdf.blocks import CHART_HEIGHTS_MM, HANDLERS

    blocks = {k: v for k, v in HANDLERS.items() if k is not d.Timeline}
    charts = {k: v for k, v in DRAW.items() if k != "doughnut"}
    assert missing_handlers(Handlers(blocks, (charts, CHART_HEIGHTS_MM))) == [
        "no handler of the block type Timeline", "no handler of the chart kind doughnut"]
    assert missing_handlers(Handlers(HANDLERS, ())) == ["no table of chart kinds"]


def test_chart_kinds_describe_meaning_only():
    """A chart kind's record holds what it means (names and flags), nothing a painter calls; its module defines no
    function."""
    for name, annotation in typing.get_type_hints(ChartKind).items():
        plain = annotation in (str, bool)
        assert plain or typing.get_origin(annotation) is typing.Literal, (name, annotation)
    for path in (PACKAGE / "chartkinds").glob("[!_]*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        assert not [n for n in ast.walk(tree) if isinstance(n, (ast.FunctionDef, ast.Lambda))], path


#: a painter package the test makes (test data): its own handler per block type and chart kind, registered
#: beside the shipped renderers; no module of the program is changed for it
STUB_PAINTER = """\"\"\"Test data: a painter made by a test, writing one line per block and per chart.\"\"\"
from generator import document as d
from generator.chartkinds import CHART_KINDS
from generator.render import RENDERERS, Handlers, Renderer


def _block(block):
    return type(block).__name__


def _chart(chart):
    across = ", across" if CHART_KINDS[chart.kind].horizontal else ""
    return f"{chart.kind}: {len(chart.categories)} categories{across}"


BLOCKS = {block_type: _block for block_type in d.BLOCK_TYPES}
CHARTS = {name: _chart for name in CHART_KINDS}


def render(document, options, out_path, deck=None):
    lines = []
    for page in (*document.slides, *document.pages):
        for block in page.blocks:
            lines.append(BLOCKS[type(block)](block))
            if isinstance(block, d.Chart):
                lines.append(CHARTS[block.kind](block))
    out_path.write_text("\\n".join(lines) + "\\n", encoding="utf-8")
    return f"{len(lines)} lines"


RENDERERS["stub"] = Renderer("stub", ".stub.txt", render, "test data: a painter made by a test",
                             handlers=lambda: Handlers(BLOCKS, (CHARTS,)))
"""


def _kind_modules() -> dict[str, bytes]:
    return {str(path): path.read_bytes() for folder in ("chartkinds", "slidekinds", "partkinds")
            for path in sorted((PACKAGE / folder).glob("*.py"))}


def test_a_new_painter_is_its_own_package_and_builds_every_shipped_layout(tmp_path, dataset):
    """A painter package made here, with one handler per block type and chart kind, registered before the command
    line starts, builds every shipped layout in both languages: adding a painter touches no kind module."""
    import importlib

    from generator.compose import compose
    from generator.layouts import load_layout

    kinds = _kind_modules()
    (tmp_path / "stub_painter").mkdir()
    (tmp_path / "stub_painter" / "__init__.py").write_text(STUB_PAINTER, encoding="utf-8")
    sys.path.insert(0, str(tmp_path))
    try:
        stub = importlib.import_module("stub_painter")
        assert missing_handlers(RENDERERS["stub"].handlers()) == []
    finally:
        sys.path.remove(str(tmp_path))
        RENDERERS.pop("stub", None)
        sys.modules.pop("stub_painter", None)
    layouts = sorted((ROOT / "layouts").glob("*.yaml"))
    run = "import sys, stub_painter; from generator.cli import main; sys.argv[0] = 'briefing'; main()"
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, (str(tmp_path), os.environ.get("PYTHONPATH"))))}
    for lang in ("zh", "en"):
        result = subprocess.run([sys.executable, "-c", run, "build", *(p.stem for p in layouts), "--lang", lang,
                                 "--format", "stub", "--out", str(tmp_path / lang)], cwd=ROOT, env=env,
                                capture_output=True, text=True)
        assert result.returncode == 0, result.stdout + result.stderr
        for path in layouts:
            document = compose(dataset, load_layout(path, dataset), lang)
            wanted = []
            for page in (*document.slides, *document.pages):
                for block in page.blocks:
                    wanted.append(type(block).__name__)
                    if type(block).__name__ == "Chart":
                        wanted.append(stub.CHARTS[block.kind](block))
            # in the layout's own language a file has no language in its name
            [written] = [(tmp_path / lang / name).read_text(encoding="utf-8")
                         for name in (f"{path.stem}.stub.txt", f"{path.stem}.{lang}.stub.txt")
                         if (tmp_path / lang / name).exists()]
            assert written.splitlines() == wanted, path.name
            assert any(line.startswith(("Chart", "Table")) for line in wanted)
    assert _kind_modules() == kinds


def test_the_import_contracts_hold():
    """The contracts of pyproject.toml (layers, painters, kinds, the document model, no cycles between siblings),
    which `make test` checks through this test."""
    result = subprocess.run([str(Path(sys.executable).parent / "lint-imports"), "--no-cache"], cwd=ROOT,
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-2000:]
    assert "0 broken" in result.stdout


def _ignored_imports() -> set[tuple[str, ...]]:
    """The imports the acyclic contract of pyproject.toml lets stand for now, as (importer, imported)."""
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    contracts = config["tool"]["importlinter"]["contracts"]
    ignored = next(c for c in contracts if c["type"] == "acyclic_siblings").get("ignore_imports", [])
    return {tuple(part.strip() for part in line.split("->")) for line in ignored}


def test_no_module_imports_one_that_imports_it_back():
    """No import cycle at all, between any two modules: an import inside a function counts (it runs when called),
    an import only for type checking does not (it never runs)."""
    import grimp

    graph = grimp.build_graph("generator", exclude_type_checking_imports=True, cache_dir=None)
    assert graph.direct_import_exists(importer="generator.render", imported="generator.render.pptx")  # a lazy one
    for importer, imported in _ignored_imports():
        graph.remove_import(importer=importer, imported=imported)
    cycles = []
    for module in sorted(graph.modules):
        for imported in sorted(graph.find_modules_directly_imported_by(module)):
            back = graph.find_shortest_chain(importer=imported, imported=module)
            if back is not None:
                cycles.append(" -> ".join((module, *back)))
    assert cycles == []


def test_the_document_model_imports_only_the_standard_library():
    names = _imports(PACKAGE / "document.py")
    assert not [name for name in names if name.startswith(".")], names
    assert {name.split(".")[0] for name in names} <= set(sys.stdlib_module_names) | {"__future__"}, names


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



def test_only_the_pptx_renderer_imports_pptx_the_pdf_renderer_reportlab_and_the_docx_renderer_docx():
    for path in PACKAGE.rglob("*.py"):
        roots = {n.split(".")[0] for n in _imports(path)}
        inside = path.relative_to(PACKAGE).parts
        if roots & {"matplotlib", "numpy"}:
            assert inside == ("render", "figures.py"), path
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
    """normalise_punctuation runs in compose (the document is final); the slide layout and the painters take its
    text as it is."""
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
