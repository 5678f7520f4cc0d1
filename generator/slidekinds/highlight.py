"""The highlight slide: one figure, large, with its source."""
from __future__ import annotations

from typing import TYPE_CHECKING, Literal

from ..document import Highlight, Page
from ..specs import Titled
from . import SlideKind

if TYPE_CHECKING:
    from ..compose import Composer


class HighlightSlide(Titled):
    kind: Literal["highlight"]
    fact: str


def compose_slide(c: Composer, spec: HighlightSlide) -> list[Page]:
    """The figure under its section's title, with the article it comes from."""
    fact = c.d.facts[spec.fact]
    fig = c.fig(spec.fact)
    label = fig.label if fig.period in fig.label else c.tagged(fig.label, fig.period)
    return [Page(c.title_of(spec, c.section_title(fact.section)), (Highlight(label, fig, c.quote_attribution()),),
                 notes=c.figure_notes([spec.fact]), sources=c.sources([spec.fact]))]


KIND = SlideKind(HighlightSlide, "one figure, large, with its source", "- kind: highlight\n  fact: public_satisfaction",
                 compose_slide)
