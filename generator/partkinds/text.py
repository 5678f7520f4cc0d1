"""A text part: the meeting's own words in the briefing."""
from __future__ import annotations

from typing import TYPE_CHECKING, Literal

from pydantic import Field

from ..document import BulletList, Page, Paragraph
from ..specs import OwnWords
from . import PartKind

if TYPE_CHECKING:
    from ..compose import Composer


class TextPart(OwnWords):
    kind: Literal["text"]
    bullets: bool = Field(False, description="show the lines as a bulleted list; false: as paragraphs")


def compose_part(c: Composer, spec: TextPart) -> Page:
    """The lines as paragraphs or a list; without a title, it continues the part before it."""
    lines, ids = c.own_words(spec)
    blocks = (BulletList(lines, "items"),) if spec.bullets else tuple(Paragraph(line) for line in lines)
    return Page(c.title_of(spec, ""), blocks, sources=c.sources(ids), level=2 if not spec.title_zh and
                not spec.title_en else 1)


KIND = PartKind(TextPart, "the meeting's own words as paragraphs (`bullets: true` for a list)",
                "- kind: text\n  title_zh: 致辞\n  title_en: Welcome\n  text_zh: [\"欢迎来到日照经开区。\"]\n"
                "  text_en: [\"Welcome to the zone.\"]", compose_part)
