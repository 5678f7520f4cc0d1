"""The projects slide: named projects, institutions and groups with their own figures."""
from __future__ import annotations

from typing import TYPE_CHECKING, Literal

from pydantic import Field

from ..document import Page
from ..specs import Titled
from . import SlideKind

if TYPE_CHECKING:
    from ..compose import Composer


class ProjectsSlide(Titled):
    kind: Literal["projects"]
    section: str | None = Field(None, description="only the projects and institutions of this section")


def compose_slide(c: Composer, spec: ProjectsSlide) -> list[Page]:
    """The projects table, on as many slides as its rows need."""
    table, _fact_ids = c.projects_table(spec.section)
    return c.table_pages(c.title_of(spec, c.w("projects")), table)


KIND = SlideKind(ProjectsSlide, "named projects, institutions and groups with their own figures",
                 "- kind: projects\n  section: plan", compose_slide)
