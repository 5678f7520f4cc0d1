"""The title slide: the meeting's title page."""
from __future__ import annotations

from typing import TYPE_CHECKING, Literal

from ..document import Page
from ..specs import Titled
from . import SlideKind

if TYPE_CHECKING:
    from ..compose import Composer


class TitleSlide(Titled):
    kind: Literal["title"]


def compose_slide(c: Composer, spec: TitleSlide) -> list[Page]:
    """The title block; the speaker notes hold the subtitle and the zone's mission."""
    zone = c.d.model.zone
    return [Page(c.title_of(spec, c.meta.title), (c.title_block(),), kind="title",
                 notes=(c.meta.subtitle, c.say.pick(zone.mission_zh, zone.mission_en)))]


KIND = SlideKind(TitleSlide, "title page: the layout's title, subtitle, organisation, date and logo", "- kind: title",
                 compose_slide)
