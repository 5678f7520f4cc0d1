"""The key points slide: a section's key points as bullets."""
from __future__ import annotations

from typing import TYPE_CHECKING, Literal

from ..document import BulletList, Page
from ..specs import Titled
from . import SlideKind

if TYPE_CHECKING:
    from ..compose import Composer


class KeyPointsSlide(Titled):
    kind: Literal["key_points"]
    section: str


def compose_slide(c: Composer, spec: KeyPointsSlide) -> list[Page]:
    """The points, continued on more slides when there are more than a slide holds."""
    points = c.points(spec.section)
    title = c.title_of(spec, c.headline(spec.section))
    ids = c.point_facts(spec.section)
    return [Page(c.continued(title, i), (BulletList(tuple(chunk)),), notes=tuple(chunk), sources=c.sources(ids),
                 continued=bool(i))
            for i, chunk in enumerate(c.bullet_chunks(points))]


KIND = SlideKind(KeyPointsSlide, "a section's key points (continued on more slides when long)",
                 "- kind: key_points\n  section: investment_talent", compose_slide)
