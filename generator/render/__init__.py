"""The renderers, each turning a Document (the deck's painters: its one slide layout) into a file format, and each
naming its painter's handler tables: one handler per block type and per chart kind, the painter's own."""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Optional

from ..document import Document
from .options import RenderOptions, creation_time, pdf_date

if TYPE_CHECKING:
    from .slides.drawing import DeckLayout

__all__ = ["RENDERERS", "Handlers", "Renderer", "RenderOptions", "creation_time", "pdf_date"]


@dataclass(frozen=True)
class Handlers:
    """A painter's handler tables, each with one entry per block type, shape type or chart kind (the tests hold
    them against document.BLOCK_TYPES and chartkinds.CHART_KINDS): what a new block type or chart kind needs from
    this painter, and all that a new painter adds, with no kind module to change."""

    #: block type -> handler: the painter's own, or for a painter of the laid-out deck the slide layout's
    blocks: Mapping[type, Any]
    #: chart kind -> handler, for every table the painter draws charts with (its own and those it shares)
    charts: tuple[Mapping[str, Any], ...]
    #: laid-out shape type -> handler: a painter of the laid-out deck paints its shapes (None: it paints blocks)
    shapes: Mapping[type, Any] | None = None


@dataclass(frozen=True)
class Renderer:
    """A renderer: the output suffix, whether it paints the deck's slide layout, its painter's handler tables, and
    render(document, options, out_path, deck=None) -> a one-line summary."""

    name: str
    suffix: str
    render: Callable[..., str]
    description: str = ""  # what the output is, for `briefing build --help`
    default: bool = False  # built when no --format is given (and by --format all)
    paints_deck: bool = False
    #: the painter's handler tables, imported when asked for (the registry stays light)
    handlers: Callable[[], Handlers] = field(kw_only=True)


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


def _pptx_handlers() -> Handlers:
    from .pptx.charts import CHARTS
    from .pptx.draw import HANDLERS
    from .slides.blocks import HANDLERS as LAYOUT
    from .slides.charts import CHARTS as GEOMETRY

    return Handlers(LAYOUT, (GEOMETRY, CHARTS), HANDLERS)


def _pdf_handlers() -> Handlers:
    from .figures import DRAW
    from .pdf.blocks import CHART_HEIGHTS_MM, HANDLERS

    return Handlers(HANDLERS, (DRAW, CHART_HEIGHTS_MM))


def _deck_pdf_handlers() -> Handlers:
    from .figures import DRAW
    from .pdf.deck import HANDLERS
    from .slides.blocks import HANDLERS as LAYOUT
    from .slides.charts import CHARTS as GEOMETRY

    return Handlers(LAYOUT, (GEOMETRY, DRAW), HANDLERS)


def _docx_handlers() -> Handlers:
    from .docx.blocks import CHART_HEIGHTS_MM, HANDLERS
    from .figures import DRAW

    return Handlers(HANDLERS, (DRAW, CHART_HEIGHTS_MM))


def _docx(document: Document, options: RenderOptions, out_path: Path, deck: Deck = None) -> str:
    from .docx import render_docx

    return render_docx(document, options, out_path)


RENDERERS: dict[str, Renderer] = {
    "pptx": Renderer("pptx", ".pptx", _pptx, "the deck", default=True, paints_deck=True, handlers=_pptx_handlers),
    "pdf": Renderer("pdf", ".pdf", _pdf, "the briefing", default=True, handlers=_pdf_handlers),
    "deck-pdf": Renderer("deck-pdf", ".deck.pdf", _deck_pdf, "the slides as PDF, no PowerPoint needed",
                         paints_deck=True, handlers=_deck_pdf_handlers),
    "handout": Renderer("handout", ".handout.pdf", _handout, "three slides per A4 page with lines for notes",
                        paints_deck=True, handlers=_deck_pdf_handlers),
    "docx": Renderer("docx", ".docx", _docx, "the briefing as an editable Word document in the national format",
                     handlers=_docx_handlers),
}
