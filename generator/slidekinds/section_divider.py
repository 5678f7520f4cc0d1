"""The section divider: opens a part of the meeting."""
from __future__ import annotations

from typing import TYPE_CHECKING, Literal

from ..document import Page, SectionDivider
from ..specs import Titled
from . import SlideKind

if TYPE_CHECKING:
    from ..compose import Composer


class DividerSlide(Titled):
    kind: Literal["section_divider"]
    section: str


def compose_slide(c: Composer, spec: DividerSlide) -> list[Page]:
    """The section's number (counting the deck's dividers), title and headline; its key points as notes."""
    return [Page(c.title_of(spec, c.section_title(spec.section)),
                 (SectionDivider(c.next_divider(), c.section_title(spec.section), c.headline(spec.section)),),
                 kind="divider", notes=c.points(spec.section))]


KIND = SlideKind(DividerSlide, "opens a part: its number, title and headline",
                 "- kind: section_divider\n  section: plan", compose_slide)
