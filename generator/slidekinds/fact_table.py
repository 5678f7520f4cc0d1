"""The fact table slide: figures with their period."""
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


class FactTableSlide(Titled):
    kind: Literal["fact_table"]
    facts: tuple[str, ...] | None = Field(None, max_length=60, description="fact ids, at most 60 (ten slides)")
    section: str | None = Field(None, description="all facts of this section, when `facts` is not given")


def compose_slide(c: Composer, spec: FactTableSlide) -> list[Page]:
    """The table of the facts named, or of all of a section's, on as many slides as its rows need."""
    fact_ids = list(spec.facts or c.section_facts(spec.section or ""))
    title = c.w("fact_table.title")
    default = (c.section_title(spec.section) + " · " + title) if spec.section else title
    return c.table_pages(c.title_of(spec, default), c.fact_table(fact_ids))


def check(spec: FactTableSlide, dataset: Dataset) -> list[Problem]:
    """The table needs its facts, named or by section."""
    return [] if spec.facts or spec.section else [((), _("a fact_table needs 'facts' or 'section'"), "")]


KIND = SlideKind(FactTableSlide, "a table of figures with their period (`facts`, or all of a `section`)",
                 "- kind: fact_table\n  section: party_building", compose_slide, check)
