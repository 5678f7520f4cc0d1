"""The projects slide: named projects, institutions and groups with their own figures."""
from __future__ import annotations

from typing import TYPE_CHECKING, Literal

from pydantic import Field

from ..document import Page
from ..i18n import _
from ..specs import Problem, Titled
from . import SlideKind

if TYPE_CHECKING:
    from ..compose import Composer
    from ..dataset import Dataset


class ProjectsSlide(Titled):
    kind: Literal["projects"]
    section: str | None = Field(None, description="only the projects and institutions of this section")


def compose_slide(c: Composer, spec: ProjectsSlide) -> list[Page]:
    """The projects table, on as many slides as its rows need."""
    table, _fact_ids = c.projects_table(spec.section)
    return c.table_pages(c.title_of(spec, c.w("projects")), table)


def check(spec: ProjectsSlide, dataset: Dataset) -> list[Problem]:
    """The table needs named projects or institutions (of the section, when one is named)."""
    records = list(dataset.model.entities) + list(dataset.model.groups)
    if any(not spec.section or item.section == spec.section for item in records):
        return []
    return [((), _("a projects slide has nothing to show: the dataset names no projects or institutions{of_section}")
             .format(of_section=f" ({spec.section})" if spec.section else ""),
             _("remove the slide, or name another section"))]


KIND = SlideKind(ProjectsSlide, "named projects, institutions and groups with their own figures",
                 "- kind: projects\n  section: plan", compose_slide, check)
