"""What every painter needs besides the document: the render options, and when the documents say they were made."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Callable

from ..errors import GeneratorError
from ..fonts import FontFace
from ..i18n import _
from ..theme import Theme

if TYPE_CHECKING:
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
