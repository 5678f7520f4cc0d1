"""The cover: a cover page, or a title block at the top of the first page."""
from __future__ import annotations

from typing import TYPE_CHECKING, Literal

from pydantic import Field

from ..document import Page, Paragraph
from ..specs import Titled
from . import PartKind

if TYPE_CHECKING:
    from ..compose import Composer


class CoverPart(Titled):
    kind: Literal["cover"]
    compact: bool = Field(False, description="a title block at the top of the first page instead of a cover page")


def compose_part(c: Composer, spec: CoverPart) -> Page:
    """The title page; compact: the heading, then who and when, and the article it comes from."""
    if spec.compact:
        info = " · ".join(p for p in (c.organisation, c.meta.date) if p)
        lines: tuple[tuple[str, Literal["lead", "source"]], ...] = (
            (c.meta.subtitle, "lead"), (info, "source"), (c.quote_attribution(), "source"))
        blocks = tuple(Paragraph(text, role) for text, role in lines if text)
        return Page(c.meta.title, blocks, level=1)
    return Page(c.meta.title, (c.title_block(),), kind="title")


KIND = PartKind(CoverPart, "a cover page (`compact: true`: a title block on the first page instead)", "- kind: cover",
                compose_part)
