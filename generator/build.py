"""Build a meeting's outputs: load, compose, render each format into a temporary file, then rename it."""
from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from .errors import GeneratorError, SourceRef

FORMATS = ("pptx", "pdf")


@dataclass(frozen=True)
class Output:
    """One written file and what the renderer said about it."""

    path: Path
    summary: str


def resolve_theme(layout):
    """Return the layout's theme with its overrides applied."""
    from .theme import THEMES, apply_overrides

    from dataclasses import replace

    overrides = layout.model.theme_overrides.model_dump()
    theme = apply_overrides(THEMES[layout.model.theme], overrides)
    return replace(theme, logo=str(layout.logo)) if layout.logo else theme


def _ignore(message: str) -> None:
    """The default for warnings: the CLI passes a function that prints them (or, with --strict, stops)."""


def render_options(theme, document, template=None, warn=_ignore):
    """Find the theme's fonts and check that they have every character of the document; report fallbacks
    through warn."""
    from .fonts import find_face, latin_metrics, metrics_for
    from .render import RenderOptions

    regular = find_face(theme.fonts.cjk_families, False, theme.fonts.regular_file)
    bold = find_face(theme.fonts.cjk_families, True, theme.fonts.bold_file)
    if not bold.bold:
        warn(f"{bold.label}: {bold.how_found}; bold text (titles, figures) is set in the regular weight")
    if latin_metrics(theme.fonts.latin_families, False) is None:
        warn("no font with Arial's metrics (" + ", ".join(theme.fonts.latin_families) + ") is installed: Latin "
             "text in decks is measured with the CJK font's Latin letters (on Debian: apt-get install fonts-liberation2)")
    text = document.text()
    for face in {regular, bold}:
        missing = metrics_for(face).missing(text)
        if missing:
            where = _where_chars_occur(document, missing)
            raise GeneratorError(
                f"the font {face.label} has no glyph for {''.join(missing)!r} ({where}); "
                "the text would print as boxes",
                hint="choose another font in the theme, or change the text",
            )
    return RenderOptions(theme, regular, bold, template)


def _where_chars_occur(document, missing: list[str]) -> str:
    places = []
    for kind, pages in (("slide", document.slides), ("briefing part", document.pages)):
        for number, page in enumerate(pages, 1):
            from .document import _strings

            text = page.title + "".join(s for b in page.blocks for s in _strings(b))
            if any(c in text for c in missing):
                places.append(f"{kind} {number} '{page.title}'")
    return "in " + ", ".join(places[:3]) if places else "in the document"


def write_atomically(out_path: Path, produce) -> str:
    """Call produce(temp_path) to write a file beside out_path, then rename it into place.

    On any failure the temporary file is removed and out_path keeps its previous content.
    """
    folder = out_path.parent
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise GeneratorError(f"cannot create the output folder: {exc.strerror}", SourceRef(str(folder)),
                             "choose another folder with --out") from None
    temp = folder / f".{out_path.stem}.{os.getpid()}.tmp{out_path.suffix}"
    try:
        summary = produce(temp)
        try:
            os.replace(temp, out_path)
        except PermissionError:
            raise GeneratorError(
                "cannot replace the file: it is open in another program (PowerPoint, WPS or a PDF viewer) "
                "or the folder is read-only",
                SourceRef(str(out_path)), "close the file and build again") from None
        return summary
    except OSError as exc:
        raise GeneratorError(f"cannot write the output: {exc.strerror or exc}", SourceRef(str(out_path)),
                             "check that the folder is writable and the disk is not full") from None
    finally:
        if temp.exists():
            temp.unlink()


def build(layout_path: Path, data_path: Path, out_dir: Path, formats: tuple[str, ...], lang: str | None,
          dataset=None, warn=_ignore) -> list[Output]:
    """Build the layout's outputs into out_dir; return what was written. Raises GeneratorError."""
    from .compose import compose
    from .dataset import load_dataset
    from .layouts import load_layout
    from .render import RENDERERS

    dataset = dataset or load_dataset(data_path)
    layout = load_layout(layout_path, dataset)
    document = compose(dataset, layout, lang)
    options = render_options(resolve_theme(layout), document, layout.template, warn)
    suffix = "" if (lang or layout.model.language) == layout.model.language else f".{lang}"
    jobs = [(name, out_dir / f"{layout.slug}{suffix}{RENDERERS[name].suffix}") for name in formats]
    if len(jobs) > 1 and _can_fork():
        # the deck here, the briefing in a forked process: each imports and renders on its own core
        from concurrent.futures import ProcessPoolExecutor
        from multiprocessing import get_context

        with ProcessPoolExecutor(max_workers=1, mp_context=get_context("fork")) as pool:
            later = [pool.submit(_render_one, document, options, name, path) for name, path in jobs[1:]]
            first = _render_one(document, options, *jobs[0])
            return [first] + [future.result() for future in later]
    return [_render_one(document, options, name, path) for name, path in jobs]


def _can_fork() -> bool:
    import multiprocessing

    return "fork" in multiprocessing.get_all_start_methods() and os.environ.get("BRIEFING_JOBS", "2") != "1"


def _render_one(document, options, name: str, out_path: Path) -> Output:
    from .render import RENDERERS

    renderer = RENDERERS[name]
    return Output(out_path, write_atomically(out_path, lambda temp: renderer.render(document, options, temp)))
