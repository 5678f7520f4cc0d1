"""A section of the briefing: its key points, and the figures, charts and tables the layout asks for."""
from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING, Literal

from pydantic import Field

from ..document import Block, BulletList, Page, Paragraph
from ..i18n import _
from ..specs import ChartSpec, Problem, Titled
from . import PartKind

if TYPE_CHECKING:
    from ..compose import Composer
    from ..dataset import Dataset


class SectionPart(Titled):
    kind: Literal["section"]
    section: str
    figures: tuple[str, ...] = Field((), max_length=6, description="fact ids shown as figure boxes")
    charts: tuple[ChartSpec, ...] = Field((), max_length=6)
    comparisons: tuple[str, ...] = Field((), max_length=24, description="comparison ids shown as a 2020 vs 2021 table")
    timeline: bool = False
    projects: bool = False
    fact_table: bool = Field(True, description="list every fact of the section in a table")


def compose_part(c: Composer, spec: SectionPart) -> Page:
    """The section's title and key points, then figure boxes, charts, the comparison table, the timeline, the
    projects and the section's facts, as the entry asks; its sources are every figure shown."""
    title = c.title_of(spec, c.headline(spec.section))
    lead = [Paragraph(c.section_title(spec.section), "lead")] if c.section_title(spec.section) != title else []
    blocks: list[Block] = [*lead, BulletList(c.points(spec.section))]
    fact_ids: list[str] = list(spec.figures) + c.point_facts(spec.section)
    if spec.figures:
        blocks.append(c.key_figures(spec.figures))
    for chart_spec in spec.charts:
        chart, ids = c.chart(chart_spec)
        blocks.append(chart)
        fact_ids += ids
    if spec.comparisons:
        table, ids = c.comparison_table(spec.comparisons)
        blocks.append(replace(table, caption=c.comparison_title(spec.comparisons)))
        fact_ids += ids
    if spec.timeline:
        block, ids = c.timeline(None)
        blocks.append(replace(block, caption=c.w("timeline")))
        fact_ids += ids
    if spec.projects:
        table, ids = c.projects_table(spec.section)
        if table.rows:
            blocks.append(replace(table, caption=c.w("projects")))
            fact_ids += ids
    if spec.fact_table:
        ids = c.section_facts(spec.section)
        blocks.append(replace(c.fact_table(ids), caption=c.w("section.facts")))
        fact_ids += ids
    return Page(title, tuple(blocks), sources=c.sources(fact_ids), bookmark=spec.section)


def check(spec: SectionPart, dataset: Dataset) -> list[Problem]:
    """A timeline or a projects table the entry asks for needs something to show."""
    problems: list[Problem] = []
    if spec.timeline and not dataset.events:
        problems.append((("timeline",), _("the section asks for a timeline, and the dataset has no events"),
                         _("remove `timeline: true` or add dated events to the dataset")))
    records = list(dataset.model.entities) + list(dataset.model.groups)
    if spec.projects and not any(item.section == spec.section for item in records):
        problems.append((("projects",), _("the section asks for its projects, and the dataset names none in section "
                                          "'{section}'").format(section=spec.section),
                         _("remove `projects: true`")))
    return problems


KIND = PartKind(SectionPart, "a section: key points, figure boxes, charts, comparison table, timeline, projects, its "
                "facts", "- kind: section\n  section: livelihood\n  figures: [living_allowances, school_places_added]",
                compose_part, check)
