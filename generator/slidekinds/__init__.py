"""The slide kinds: each module of this package holds one kind of slide whole (its entry's model in a layout's
`deck:`, what it shows, the smallest entry that builds it, and how compose makes its slides); adding a module adds
a kind, with no other file to change."""
from __future__ import annotations

from typing import Any, TypeVar

from ..document import Page
from ..registry import discover
from ..specs import EntryKind, Titled

S = TypeVar("S", bound=Titled)


class SlideKind(EntryKind[S, "list[Page]"]):
    """One kind of slide: compose makes one entry of the deck into one slide or more (a long list goes on)."""


_ORDER = ("title", "agenda", "section_divider", "kpis", "chart", "timeline", "key_points", "comparison", "targets",
          "fact_table", "projects", "industries", "markets", "highlight", "text", "closing")  # the order in the schema and messages

#: every slide kind by name
SLIDE_KINDS: dict[str, SlideKind[Any]] = discover(__name__, __path__, SlideKind, lambda kind: kind.name, _ORDER)
