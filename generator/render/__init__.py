"""The renderers, each turning a Document (the deck's painters: its one slide layout) into a file format."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Optional

from ..document import Document
from ..fonts import FontFace
from ..theme import Theme

if TYPE_CHECKING:
    from .slides.shapes import DeckLayout
    from .slides.faces import DeckFaces
    from .slides.template import DeckTemplate


@dataclass(frozen=True)
class RenderOptions:
    """What every renderer needs besides the document: the theme and the resolved font faces."""

    theme: Theme
    regular: FontFace
    bold: FontFace
    template: "DeckTemplate | None" = None  # what the deck takes from a corporate .pptx template
    deck_faces: "DeckFaces | None" = None  # the faces of slide text; None: the theme's


@dataclass(frozen=True)
class Renderer:
    """A renderer: the output suffix, whether it paints the deck's slide layout, and
    render(document, options, out_path, deck=None) -> a one-line summary."""

    name: str
    suffix: str
    render: Callable[..., str]
    description: str = ""  # what the output is, for `briefing build --help`
    default: bool = False  # built when no --format is given (and by --format all)
    paints_deck: bool = False


Deck = Optional["DeckLayout"]


def _deck(document: Document, options: RenderOptions, deck: Deck) -> "DeckLayout":
    from . import slides

    return deck if deck is not None else slides.lay_out(document, options)


def _pptx(document: Document, options: RenderOptions, out_path: Path, deck: Deck = None) -> str:
    from .pptx import render_pptx

    return render_pptx(document, _deck(document, options, deck), options, out_path)


def _pdf(document: Document, options: RenderOptions, out_path: Path, deck: Deck = None) -> str:
    from .pdf import render_pdf

    return render_pdf(document, options, out_path)


def _deck_pdf(document: Document, options: RenderOptions, out_path: Path, deck: Deck = None) -> str:
    from .pdf.deck import render_deck_pdf

    return render_deck_pdf(document, _deck(document, options, deck), options, out_path)


def _handout(document: Document, options: RenderOptions, out_path: Path, deck: Deck = None) -> str:
    from .pdf.deck import render_handout

    return render_handout(document, _deck(document, options, deck), options, out_path)


RENDERERS: dict[str, Renderer] = {
    "pptx": Renderer("pptx", ".pptx", _pptx, "the deck", default=True, paints_deck=True),
    "pdf": Renderer("pdf", ".pdf", _pdf, "the briefing", default=True),
    "deck-pdf": Renderer("deck-pdf", ".deck.pdf", _deck_pdf, "the slides as PDF, no PowerPoint needed",
                         paints_deck=True),
    "handout": Renderer("handout", ".handout.pdf", _handout, "three slides per A4 page with lines for notes",
                        paints_deck=True),
}
