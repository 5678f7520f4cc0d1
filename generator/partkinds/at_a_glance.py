"""At a glance: the zone's mission and its headline figures."""
from __future__ import annotations

from typing import TYPE_CHECKING, Literal

from pydantic import Field

from ..document import Page, Paragraph
from ..specs import Titled
from . import PartKind

if TYPE_CHECKING:
    from ..compose import Composer


class GlancePart(Titled):
    kind: Literal["at_a_glance"]
    facts: tuple[str, ...] = Field(min_length=1, max_length=60, description="the headline figures")
    lead_zh: str | None = Field(None, description="the sentence above the figures (default: the zone's mission line "
                                "of the dataset)")
    lead_en: str | None = None



def compose_part(c: Composer, spec: GlancePart) -> Page:
    """A lead sentence (the layout's, or the zone's mission line of the dataset), and a table of the figures."""
    zone = c.d.model.zone
    lead = c.say.pick(spec.lead_zh, spec.lead_en) or c.say.pick(zone.mission_line_zh, zone.mission_line_en)
    return Page(c.title_of(spec, c.w("at_a_glance.title")), (Paragraph(lead, "lead"), c.fact_table(spec.facts, "summary")),
                sources=c.sources(spec.facts), bookmark="glance")


KIND = PartKind(GlancePart, "the zone's mission and a table of headline figures",
                "- kind: at_a_glance\n  facts: [projects_attracted, planned_investment, public_satisfaction]",
                compose_part)
