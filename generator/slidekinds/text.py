"""The text slide: the meeting's own words."""
from __future__ import annotations

from typing import TYPE_CHECKING, Literal, Self

from pydantic import model_validator

from ..document import BulletList, Page, Paragraph
from ..i18n import N_
from ..specs import OwnWords
from . import SlideKind

if TYPE_CHECKING:
    from ..compose import Composer


class TextSlide(OwnWords):
    kind: Literal["text"]

    @model_validator(mode="after")
    def _titled(self) -> Self:
        if not self.title_zh and not self.title_en:
            raise ValueError(N_("a text slide needs its title: title_zh (and title_en)"))
        return self


def compose_slide(c: Composer, spec: TextSlide) -> list[Page]:
    """The lines as bullets (continued on more slides when long), or as one paragraph."""
    lines, ids = c.own_words(spec)
    title = c.title_of(spec, "")
    if not spec.bullets:
        return [Page(title, (Paragraph("\n".join(lines)),), notes=lines, sources=c.sources(ids))]
    return [Page(c.continued(title, i), (BulletList(tuple(chunk), "items"),), notes=tuple(chunk),
                 sources=c.sources(ids), continued=bool(i))
            for i, chunk in enumerate(c.bullet_chunks(lines))]


KIND = SlideKind(TextSlide, "the meeting's own words: lines (bullets) or paragraphs; {fact_id} names a figure",
                 "- kind: text\n  title_zh: 会议议程\n  title_en: Programme\n  text_zh: [\"9:00 开幕\", \"9:30 推介\"]\n"
                 "  text_en: [\"9:00 Opening\", \"9:30 Presentation\"]", compose_slide)
