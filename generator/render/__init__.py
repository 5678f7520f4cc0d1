"""The renderers, each turning a Document (the deck's painters: its one slide layout) into a file format."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Optional

from ..document import Document
from ..errors import GeneratorError
from ..fonts import FontFace
from ..i18n import _
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
    created: dt.datetime = field(default_factory=lambda: creation_time())  # when the documents say they were made


_EARLIEST = dt.datetime(1980, 1, 1, tzinfo=dt.timezone.utc)  # a zip entry cannot be older
_LATEST = dt.datetime(2107, 12, 31, 23, 59, 58, tzinfo=dt.timezone.utc)  # nor newer


def creation_time() -> dt.datetime:
    """When the documents say they were made (UTC, without tzinfo): SOURCE_DATE_EPOCH, seconds since 1970, when it
    is set, as reproducible builds expect; otherwise the day of the build at midnight, so that the same inputs give
    the same bytes all day. Raises GeneratorError for a SOURCE_DATE_EPOCH that is not such a number."""
    import os

    value = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if not value:
        return dt.datetime.combine(dt.date.today(), dt.time())
    try:
        when = dt.datetime.fromtimestamp(int(value), dt.timezone.utc) if value.isdigit() else None
    except (OverflowError, OSError, ValueError):
        when = None
    if when is None or not _EARLIEST <= when <= _LATEST:
        raise GeneratorError(
            _("SOURCE_DATE_EPOCH is {value}; it must be whole seconds since 1970-01-01 UTC, from 1980 to 2107")
            .format(value=repr(value[:40])),
            hint=_("for example SOURCE_DATE_EPOCH=$(git log -1 --format=%ct), or unset it"))
    return when.replace(tzinfo=None)


def pdf_date(created: dt.datetime) -> Callable[..., str]:
    """A date formatter for reportlab's canvas: every date of the PDF is `created` (UTC)."""
    return lambda *_ignored: created.strftime("D:%Y%m%d%H%M%S+00'00'")


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


def _docx(document: Document, options: RenderOptions, out_path: Path, deck: Deck = None) -> str:
    from .docx import render_docx

    return render_docx(document, options, out_path)


RENDERERS: dict[str, Renderer] = {
    "pptx": Renderer("pptx", ".pptx", _pptx, "the deck", default=True, paints_deck=True),
    "pdf": Renderer("pdf", ".pdf", _pdf, "the briefing", default=True),
    "deck-pdf": Renderer("deck-pdf", ".deck.pdf", _deck_pdf, "the slides as PDF, no PowerPoint needed",
                         paints_deck=True),
    "handout": Renderer("handout", ".handout.pdf", _handout, "three slides per A4 page with lines for notes",
                        paints_deck=True),
    "docx": Renderer("docx", ".docx", _docx, "the briefing as an editable Word document in the national format"),
}
