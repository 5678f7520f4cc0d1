"""The closing slide: thanks, a closing line and contacts."""
from __future__ import annotations

from typing import TYPE_CHECKING, Literal

from pydantic import Field

from ..document import Closing, Page
from ..specs import Titled
from . import SlideKind

if TYPE_CHECKING:
    from ..compose import Composer


class ClosingSlide(Titled):
    kind: Literal["closing"]
    subtitle_zh: str | None = Field(None, description="the closing line (default: the meeting's title)")
    subtitle_en: str | None = None
    contact_zh: str | None = Field(None, description="contact details shown below (default: the organisation)")
    contact_en: str | None = None



def compose_slide(c: Composer, spec: ClosingSlide) -> list[Page]:
    """Thanks, the closing line (default: the meeting's title) and contacts (default: the organisation)."""
    title = c.title_of(spec, c.w("closing.title"))
    subtitle = c.say.pick(spec.subtitle_zh, spec.subtitle_en) or c.meta.title
    contact = c.say.pick(spec.contact_zh, spec.contact_en) or c.organisation
    return [Page(title, (Closing(title, subtitle, contact),), kind="closing")]


KIND = SlideKind(ClosingSlide, "the last slide: thanks, a closing line (`subtitle_*`) and contacts (`contact_*`)",
                 "- kind: closing", compose_slide)
