"""The comparison slide: results beside next year's targets."""
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


class ComparisonSlide(Titled):
    kind: Literal["comparison"]
    comparisons: tuple[str, ...] | None = Field(None, max_length=24, description="comparison ids; default: all")


def compose_slide(c: Composer, spec: ComparisonSlide) -> list[Page]:
    """The comparison table, on as many slides as its rows need."""
    ids = spec.comparisons or list(c.d.comparisons)
    table, _fact_ids = c.comparison_table(ids)
    return c.table_pages(c.title_of(spec, c.comparison_title(ids)), table)


def check(spec: ComparisonSlide, dataset: Dataset) -> list[Problem]:
    """A comparison table needs comparisons to show."""
    if spec.comparisons or dataset.comparisons:
        return []
    return [((), _("a comparison slide has nothing to show: the dataset has no comparisons"),
             _("remove the slide, or pair a result with its target under `comparisons` in the dataset"))]


KIND = SlideKind(ComparisonSlide, "a table of results beside next year's targets (`comparisons`, default: all)",
                 "- kind: comparison", compose_slide, check)
