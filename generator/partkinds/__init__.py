"""The briefing parts: each module of this package holds one kind of part whole (its entry's model in a layout's
`briefing:`, what it shows, the smallest entry that builds it, and how compose makes its page); adding a module
adds a kind, with no other file to change."""
from __future__ import annotations

from typing import Any, TypeVar

from ..document import Page
from ..registry import discover
from ..specs import EntryKind, Titled

S = TypeVar("S", bound=Titled)


class PartKind(EntryKind[S, Page]):
    """One kind of briefing part: compose makes one entry of the briefing into one page, which the briefing's
    layout flows over as many A4 pages as it needs."""


_ORDER = ("cover", "contents", "at_a_glance", "section", "targets", "text", "appendix")  # the order in the schema and messages

#: every briefing part by name
PART_KINDS: dict[str, PartKind[Any]] = discover(__name__, __path__, PartKind, lambda kind: kind.name, _ORDER)
