"""The comparison slide: results beside next year's targets."""
from __future__ import annotations

from typing import TYPE_CHECKING, Literal

from pydantic import Field

from ..document import Page
from ..specs import Titled
from . import SlideKind

if TYPE_CHECKING:
    from ..compose import Composer


class ComparisonSlide(Titled):
    kind: Literal["comparison"]
    comparisons: tuple[str, ...] | None = Field(None, max_length=24, description="comparison ids; default: all")


def compose_slide(c: Composer, spec: ComparisonSlide) -> list[Page]:
    """The comparison table, on as many slides as its rows need."""
    table, _fact_ids = c.comparison_table(spec.comparisons or list(c.d.comparisons))
    return c.table_pages(c.title_of(spec, c.w("comparison")), table)


KIND = SlideKind(ComparisonSlide, "a table of results beside next year's targets (`comparisons`, default: all)",
                 "- kind: comparison", compose_slide)
