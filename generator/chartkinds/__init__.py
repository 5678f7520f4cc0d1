"""The chart kinds: each module of this package holds one kind whole (what a layout names, what makes it true,
how compose arranges it, and each painter's hook); adding a module adds a kind, with no other file to change."""
from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Callable, Literal

from ..registry import discover

if TYPE_CHECKING:
    from ..document import Chart
    from ..render.slides.shapes import Box, ChartShape


@dataclass(frozen=True)
class ChartKind:
    """Everything the program knows of one kind of chart. The hooks are called by the slide layout (geometry),
    the PDF painter (draw, with matplotlib) and the PPTX painter (pptx_type and style_pptx)."""

    name: str
    description: str  # one line for the schema and `briefing kinds`
    of: Literal["facts", "comparisons"]  # what a layout's entry names: figures, or results beside their targets
    #: the slide layout: (text measurer, chart, box) -> the placed chart, or None when its labels do not fit
    geometry: Callable[[Any, "Chart", "Box"], "ChartShape | None"]
    #: the briefing's vector drawing: (matplotlib axes, chart, palette, colours, category labels, legend box)
    draw: Callable[..., None]
    pptx_type: str  # the name of python-pptx's XL_CHART_TYPE member
    #: the PowerPoint chart's colours and axes: (chart, plot, block, colours, text size)
    style_pptx: Callable[..., None]
    pptx_labels: str | None = "OUTSIDE_END"  # XL_LABEL_POSITION of each value's label; None: the legend holds them
    horizontal: bool = False  # categories down the side (PowerPoint lists them bottom-up)
    parts_of_a_whole: bool = False  # its facts must be the parts of one complete whole of the dataset
    over_time: bool = False  # comparisons drawn as one line per measure from the results year to the plan year
    upright_labels: bool = False  # category labels sit under upright columns (long ones start at the smallest size)
    briefing_height_mm: float = 62


# The shared hooks, imported when first called: a kind's module is read by validation, which must stay light.
def columns(text: Any, chart: "Chart", box: "Box") -> "ChartShape | None":
    from ..render.slides.charts import columns as geometry

    return geometry(text, chart, box)


def bars(text: Any, chart: "Chart", box: "Box") -> "ChartShape | None":
    from ..render.slides.charts import bars as geometry

    return geometry(text, chart, box)


def draw_bars(*args: Any) -> None:
    from ..charts import draw_bars as draw

    draw(*args)


def style_bars(*args: Any) -> None:
    from ..render.pptx.charts import style_bars as style

    style(*args)


_ORDER = ("column", "bar", "grouped", "doughnut", "line")  # the order of the kinds in messages and the schema

#: every chart kind by name
CHART_KINDS: dict[str, ChartKind] = discover(__name__, __path__, ChartKind, lambda kind: kind.name, _ORDER)
