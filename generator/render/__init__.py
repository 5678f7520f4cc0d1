"""The renderers: each turns a Document into one file format. RENDERERS maps a format name to one."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from ..document import Document
from ..fonts import FontFace
from ..theme import Theme


@dataclass(frozen=True)
class RenderOptions:
    """What every renderer needs besides the document: the theme and the resolved font faces."""

    theme: Theme
    regular: FontFace
    bold: FontFace
    template: Path | None = None  # a .pptx corporate template for the deck


@dataclass(frozen=True)
class Renderer:
    """A renderer: the output suffix, and render(document, options, out_path) -> a one-line summary."""

    name: str
    suffix: str
    render: Callable[[Document, RenderOptions, Path], str]
    description: str = ""  # what the output is, for `briefing build --help`
    default: bool = False  # built when no --format is given (and by --format all)


def _pptx(document: Document, options: RenderOptions, out_path: Path) -> str:
    from .pptx import render_pptx

    return render_pptx(document, options, out_path)


def _pdf(document: Document, options: RenderOptions, out_path: Path) -> str:
    from .pdf import render_pdf

    return render_pdf(document, options, out_path)


def _deck_pdf(document: Document, options: RenderOptions, out_path: Path) -> str:
    from .pdf.deck import render_deck_pdf

    return render_deck_pdf(document, options, out_path)


def _handout(document: Document, options: RenderOptions, out_path: Path) -> str:
    from .pdf.deck import render_handout

    return render_handout(document, options, out_path)


RENDERERS: dict[str, Renderer] = {
    "pptx": Renderer("pptx", ".pptx", _pptx, "the deck", default=True),
    "pdf": Renderer("pdf", ".pdf", _pdf, "the briefing", default=True),
    "deck-pdf": Renderer("deck-pdf", ".deck.pdf", _deck_pdf, "the slides as PDF, no PowerPoint needed"),
    "handout": Renderer("handout", ".handout.pdf", _handout, "three slides per A4 page with lines for notes"),
}
