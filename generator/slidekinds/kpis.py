"""The key figures slide: two to six figures as cards."""
from __future__ import annotations

from typing import TYPE_CHECKING, Literal

from pydantic import Field

from ..document import Page
from ..specs import Titled
from . import SlideKind

if TYPE_CHECKING:
    from ..compose import Composer


class KpiSlide(Titled):
    kind: Literal["kpis"]
    facts: tuple[str, ...] = Field(min_length=2, max_length=6, description="2 to 6 fact ids")
    section: str | None = Field(None, description="section whose key points become the speaker notes")



def compose_slide(c: Composer, spec: KpiSlide) -> list[Page]:
    """The figure cards; the notes read the section's key points and each figure aloud."""
    title = c.title_of(spec, c.section_title(spec.section) if spec.section else c.w("kpis.title"))
    return [Page(title, (c.key_figures(spec.facts),), notes=c.points(spec.section) + c.figure_notes(spec.facts),
                 sources=c.sources(spec.facts))]


KIND = SlideKind(KpiSlide, "2 to 6 figures as cards; `section` puts its key points in the speaker notes",
                 "- kind: kpis\n  facts: [projects_attracted, planned_investment, innovation_teams]", compose_slide)
