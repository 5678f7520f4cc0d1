"""The industries slide: the key industries and their roles."""
from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Literal

from pydantic import Field

from ..document import Page, Table
from ..i18n import _
from ..specs import Problem, Titled
from . import SlideKind

if TYPE_CHECKING:
    from ..compose import Composer
    from ..dataset import Dataset


class IndustriesSlide(Titled):
    kind: Literal["industries"]
    roles: tuple[str, ...] | None = Field(None, max_length=20, description="only the industries with these roles (industry_roles "
                                          "ids of the dataset); default: all")


def compose_slide(c: Composer, spec: IndustriesSlide) -> list[Page]:
    """One row per industry with the roles asked for; the notes read each row."""
    table = industries_table(c, spec.roles)
    return [Page(c.title_of(spec, c.w("industries.title")), (table,), notes=tuple(f"{r[0]}{c.sep}{r[1]}" for r in table.rows))]


def industries_table(c: Composer, roles: Sequence[str] | None = None) -> Table:
    """The industries and their roles; only those with one of roles, when given."""
    rows = []
    for industry in c.d.model.industries:
        shown = [r for r in industry.roles if not roles or r in roles]
        if not shown:
            continue
        labels = [c.say.pick(c.d.roles[r].label_zh, c.d.roles[r].label_en) for r in shown]
        rows.append((c.say.pick(industry.name_zh, industry.name_en), c.words.series_sep.join(labels)))
    return Table((c.w("industries.industry"), c.w("industries.role")), tuple(rows), "facts", (), (1.4, 2.2))


def check(spec: IndustriesSlide, dataset: Dataset) -> list[Problem]:
    """The table needs industries (with one of the roles, when roles are named)."""
    if any(not spec.roles or set(industry.roles) & set(spec.roles) for industry in dataset.model.industries):
        return []
    return [((), _("an industries slide has nothing to show: no industry of the dataset has these roles"),
             _("remove the slide, or add `industries` to the dataset"))]


KIND = SlideKind(IndustriesSlide, "the key industries and their roles (`roles` to show some)",
                 "- kind: industries\n  roles: [emerging]", compose_slide, check)
