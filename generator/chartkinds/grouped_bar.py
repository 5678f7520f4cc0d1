"""Grouped horizontal bars: each comparison's result beside its target, with room for long labels."""
from __future__ import annotations

from typing import Any

from . import ChartKind, bars, draw_bars, style_bars


def draw(ax: Any, chart: Any, palette: Any, colors: Any, labels: list[str] | None = None, legend: Any = None) -> None:
    """The bars, with the series' legend in a row above the plot, where the slide's layout left room for it."""
    draw_bars(ax, chart, palette, colors, labels, legend)
    ax.legend(frameon=False, loc="lower left", bbox_to_anchor=(0, 1), ncol=len(chart.series), borderaxespad=0.2)


KIND = ChartKind("grouped_bar", "horizontal bars of results beside their targets (comparisons of one measure; room "
                 "for long labels)", "comparisons", bars, draw, "BAR_CLUSTERED", style_bars, horizontal=True)
