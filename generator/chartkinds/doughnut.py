"""A ring of the parts of one complete whole, with a legend of each part and its value."""
from __future__ import annotations

from typing import Any

from . import ChartKind


def geometry(t: Any, block: Any, box: Any) -> Any:
    """The ring on the left; on its right a legend whose entries, each category with its value, are broken into
    lines and set in one column, as tall as their lines, inside the chart."""
    from ..render.slides.charts import PAD_IN, shape
    from ..render.slides.shapes import Box

    series = block.series[0]
    texts = [f"{c}  {label}" for c, label in zip(block.categories, series.labels)]
    # viewers add the colour key, its gap and padding to the text (LibreOffice about 2.6 times the text size),
    # and space lines of Chinese text 1.45 times their size, entries 3 pt apart
    overhead = 2.6 * t.size / 72 + 0.1
    line = 1.45 * t.size / 72
    for share in (0.3, 0.35, 0.4, 0.45):
        entries = [t.lines(text, box.w * share) for text in texts]
        height = sum(len(lines) for lines in entries) * line + (len(entries) + 1) * 3 / 72
        width = max(t.width_in(text) for lines in entries for text in lines) + overhead
        if height <= box.h - 2 * PAD_IN:
            break
    else:
        return None
    legend = Box(box.w - PAD_IN - width, (box.h - height) / 2, width, height)
    side = min(box.h - 2 * PAD_IN, legend.x - 0.3 - PAD_IN)
    if side < box.h * 0.5:
        return None
    labels: list[list[tuple[str, ...]]] = [[(label,) for label in series.labels]]
    plot = Box(PAD_IN, (box.h - side) / 2, side, side)
    return shape(t, block, box, entries, labels, plot, legend)


def draw(ax: Any, chart: Any, palette: Any, colors: Any, entries: list[str] | None = None,
         legend: tuple[float, float, float, float] | None = None) -> None:
    """The ring, each part in the next series colour, and the legend where the slide's layout put it."""
    series = chart.series[0]
    wedges, _texts = ax.pie(series.values, colors=[palette[i % len(palette)] for i in range(len(series.values))],
                            startangle=90, counterclock=False, wedgeprops={"width": 0.38, "edgecolor": "white",
                                                                            "linewidth": 1.5})
    labels = entries or [f"{c}  {label}" for c, label in zip(chart.categories, series.labels)]
    if legend is None:
        ax.legend(wedges, labels, frameon=False, loc="center left", bbox_to_anchor=(1.0, 0.5))
    else:  # in the box the slide's layout measured for it, inside the figure
        x, y, _w, _h = legend
        ax.legend(wedges, labels, frameon=False, loc="upper left", bbox_to_anchor=(x, 1 - y),
                  bbox_transform=ax.figure.transFigure, borderaxespad=0, borderpad=0, handletextpad=0.5)
    ax.set_aspect("equal")


def style_pptx(chart: Any, plot: Any, block: Any, colors: Any, size: float) -> None:
    """Slices are too thin for labels: the legend on the right carries each value; each slice its own colour."""
    from pptx.enum.chart import XL_LEGEND_POSITION
    from pptx.util import Pt

    from ..render.pptx.charts import rgb

    chart.has_legend = True
    chart.legend.position = XL_LEGEND_POSITION.RIGHT
    chart.legend.include_in_layout = False
    chart.legend.font.size = Pt(size)
    for index, point in enumerate(plot.series[0].points):
        point.format.fill.solid()
        point.format.fill.fore_color.rgb = rgb(colors.series[index % len(colors.series)])


KIND = ChartKind("doughnut", "a ring of the parts of one complete whole of the dataset", "facts", geometry, draw,
                 "DOUGHNUT", style_pptx, pptx_labels=None, parts_of_a_whole=True, briefing_height_mm=58)
