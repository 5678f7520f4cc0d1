"""The markets slide: where the zone looks for investors."""
from __future__ import annotations

from typing import TYPE_CHECKING, Literal

from ..document import BulletList, Page
from ..i18n import _
from ..specs import Problem, Titled
from . import SlideKind

if TYPE_CHECKING:
    from ..compose import Composer
    from ..dataset import Dataset


class MarketsSlide(Titled):
    kind: Literal["markets"]



def compose_slide(c: Composer, spec: MarketsSlide) -> list[Page]:
    """The dataset's markets as a list of names (a few are drawn as tiles)."""
    names = tuple(c.say.pick(m.name_zh, m.name_en) for m in c.d.model.markets)
    return [Page(c.title_of(spec, c.w("markets.title")), (BulletList(names, "names"),), notes=names)]


def check(spec: MarketsSlide, dataset: Dataset) -> list[Problem]:
    """The slide needs the dataset's markets."""
    if dataset.model.markets:
        return []
    return [((), _("a markets slide has nothing to show: the dataset has no markets"),
             _("remove the slide or add `markets` to the dataset"))]


KIND = SlideKind(MarketsSlide, "where the zone looks for investors", "- kind: markets", compose_slide, check)
