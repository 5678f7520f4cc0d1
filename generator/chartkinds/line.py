"""A line per comparison from the results year to the plan year."""
from __future__ import annotations

from typing import Any

from . import ChartKind, columns


def draw(ax: Any, chart: Any, palette: Any, colors: Any, labels: list[str] | None = None, legend: Any = None) -> None:
    """A line with markers per series, each point labelled above."""
    markers = ("o", "s", "^", "D", "v")
    categories = labels or list(chart.categories)
    for index, series in enumerate(chart.series):
        colour = palette[index % len(palette)]
        ax.plot(categories, series.values, marker=markers[index % len(markers)], color=colour, linewidth=2,
                linestyle=("-", "--", ":", "-.")[index % 4], label=series.name)
        for x, y, label in zip(categories, series.values, series.labels):
            ax.annotate(label, (x, y), xytext=(0, 6), textcoords="offset points", ha="center",
                        color=colors.text)
    ax.set_ylim(0, max(max(s.values) for s in chart.series) * 1.25)
    ax.margins(x=0.25)
    from ..charts import style_axes

    style_axes(ax, colors, False)
    ax.legend(frameon=False, loc="upper left")


def style_pptx(chart: Any, plot: Any, block: Any, colors: Any, size: float) -> None:
    """Lines in the theme's series colours, 3 pt wide, not smoothed."""
    from pptx.util import Pt

    from ..render.pptx.charts import rgb, style_axes

    style_axes(chart, block, colors, size)
    for index, series in enumerate(plot.series):
        series.format.line.color.rgb = rgb(colors.series[index % len(colors.series)])
        series.format.line.width = Pt(3)
        series.smooth = False


KIND = ChartKind("line", "a line per comparison from the results year to the plan year", "comparisons", columns,
                 draw, "LINE_MARKERS", style_pptx, pptx_labels="ABOVE", over_time=True)
