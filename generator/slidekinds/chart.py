"""The chart slide: one editable chart of one measure and status (the chart kinds are generator/chartkinds)."""
from __future__ import annotations

from typing import TYPE_CHECKING, Literal

from ..chartkinds import CHART_KINDS
from ..document import Page
from ..specs import ChartSpec
from . import SlideKind

if TYPE_CHECKING:
    from ..compose import Composer


class ChartSlide(ChartSpec):
    kind: Literal["chart"]
    section: str | None = None


def compose_slide(c: Composer, spec: ChartSlide) -> list[Page]:
    """The chart, titled by itself; the notes read the section's key points and each figure aloud."""
    chart, fact_ids = c.chart(spec)
    return [Page(chart.title, (chart,), notes=c.points(spec.section) + c.figure_notes(fact_ids),
                 sources=c.sources(fact_ids))]


KIND = SlideKind(ChartSlide, "an editable chart (`chart:` " + ", ".join(CHART_KINDS) + ") of figures of one measure "
                 "and status", "- kind: chart\n  chart: bar\n  facts: [high_tech_investment_growth, "
                 "technical_upgrade_investment_growth,\n          leading_industries_investment_growth]", compose_slide)
