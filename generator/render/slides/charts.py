"""Chart geometry on a slide: plot area and legend placed, every label broken into lines by our line breaker."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol

from ... import document as d
from ...chartkinds import CHART_KINDS
from ...errors import GeneratorError
from ...theme import Theme
from .fit import WIDTH_SLACK, DeckMetrics, sizes_between
from .shapes import Box, ChartShape, Run, TextParagraph
from ...i18n import _

PAD_IN = 0.1
Lines = tuple[str, ...]


class SlideText(Protocol):
    """What a chart's geometry uses of the slide being laid out (blocks.SlideLayout): its theme, its metrics, where
    it is for messages, and its line breaker."""

    @property
    def theme(self) -> Theme: ...

    @property
    def metrics(self) -> DeckMetrics: ...

    @property
    def where(self) -> str: ...

    def paragraph(self, runs: list[Run], width_pt: float) -> TextParagraph: ...


class _Text:
    """Measures and breaks chart text at one size with the deck's body font."""

    def __init__(self, s: SlideText, size: float):
        self.s, self.size = s, size
        self.line_in = size * 1.2 / 72

    def width_in(self, text: str) -> float:
        return self.s.metrics.regular.width(text, self.size) * WIDTH_SLACK / 72

    def lines(self, text: str, width_in: float) -> Lines:
        paragraph = self.s.paragraph([Run(text, self.size)], max(width_in, 0.2) * 72)
        return tuple("".join(run.text for run in line.runs) for line in paragraph.lines)

    def height_in(self, lines: Lines) -> float:
        return len(lines) * self.line_in


def chart_shape(s: SlideText, block: d.Chart, box: Box) -> ChartShape:
    """The chart in box at the largest chart text size (from the theme's, down to its floor) at which its labels
    fit; raise GeneratorError naming the slide when they do not fit even at the floor."""
    sizes = s.theme.sizes
    first = sizes.deck_chart_pt
    longest = max((len(c) for c in block.categories), default=0)
    geometry = CHARTS[block.kind]
    if geometry.labels_under_columns and longest * first * len(block.categories) > box.w * 72 * 1.6:
        first = sizes.deck_chart_min_pt
    for size in sizes_between(first, min(first, sizes.deck_chart_min_pt), 1):
        placed = geometry.place(_Text(s, size), block, box)
        if placed is not None:
            return placed
    raise GeneratorError(_("{s_where}, chart: its labels do not fit even at {sizes_deck_chart_min_pt:g} pt").format(
        s_where=s.where, sizes_deck_chart_min_pt=sizes.deck_chart_min_pt),
                         hint=_("chart fewer items, or shorten their labels in the dataset"))


def shape(t: _Text, block: d.Chart, box: Box, categories: list[Lines], labels: list[list[Lines]], plot: Box,
           legend: Box | None = None) -> ChartShape:
    """The shape, with the plot and legend boxes given in inches turned into fractions of the chart's box."""
    def fraction(b: Box) -> Box:
        return Box(b.x / box.w, b.y / box.h, b.w / box.w, b.h / box.h)

    return ChartShape(box, block, t.size, tuple(categories), tuple(tuple(series) for series in labels),
                      fraction(plot), fraction(legend) if legend else None, block.description)


def _legend_height(t: _Text, block: d.Chart) -> float:
    """Room for a legend of the series at the top, when there are several."""
    return t.line_in + 0.15 if len(block.series) > 1 else 0.0


def columns(t: _Text, block: d.Chart, box: Box) -> ChartShape | None:
    """Columns (or a line's points) side by side: each category's label below its slot, each value's label above
    its column, within the column's width."""
    count, groups = len(block.categories), len(block.series)
    plot_w = box.w - 2 * PAD_IN
    slot = plot_w / count
    categories = [t.lines(c, slot * 0.9 - 0.05) for c in block.categories]
    point_w = slot * 0.9 if CHART_KINDS[block.kind].over_time else slot * 0.95 / groups
    labels = [[t.lines(label, point_w) for label in series.labels] for series in block.series]
    if max(len(lines) for lines in categories) > 4 or max(len(l) for s in labels for l in s) > 2:
        return None
    top = _legend_height(t, block) + max(t.height_in(l) for s in labels for l in s) + 0.1
    bottom = max(t.height_in(lines) for lines in categories) + 0.2
    plot_h = box.h - top - bottom
    if plot_h < box.h * 0.45:
        return None
    return shape(t, block, box, categories, labels, Box(PAD_IN, top, plot_w, plot_h))


def bars(t: _Text, block: d.Chart, box: Box) -> ChartShape | None:
    """Horizontal bars: the categories' labels in a column on the left as wide as they need (up to 45 % of the
    chart), each within its bar's height; the values' labels on one line right of the bars."""
    count = len(block.categories)
    labels: list[list[Lines]] = [[(label,) for label in series.labels] for series in block.series]
    room = max(t.width_in(l[0]) for s in labels for l in s) + 0.15
    top = PAD_IN + _legend_height(t, block)
    plot_h = box.h - top - PAD_IN
    slot = plot_h / count
    natural = max(t.width_in(c) for c in block.categories) + 0.1
    widths = [natural] if natural <= box.w * 0.3 else [box.w * f for f in (0.25, 0.3, 0.35, 0.4, 0.45)]
    for label_w in widths:
        categories = [t.lines(c, label_w - 0.1) for c in block.categories]
        if all(t.height_in(lines) <= slot * 0.92 for lines in categories):
            break
    else:
        return None
    x = PAD_IN + label_w
    plot_w = box.w - x - room - PAD_IN
    if plot_w < box.w * 0.3:
        return None
    return shape(t, block, box, categories, labels, Box(x, top, plot_w, plot_h))


def doughnut(t: _Text, block: d.Chart, box: Box) -> ChartShape | None:
    """The ring on the left; on its right a legend whose entries, each category with its value, are broken into
    lines and set in one column, as tall as their lines, inside the chart."""
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


@dataclass(frozen=True)
class Geometry:
    """The slide layout's handler of one chart kind: where its plot, labels and legend go in the chart's box."""

    #: (text measurer, chart, box) -> the placed chart, or None when its labels do not fit at that text size
    place: Callable[[_Text, d.Chart, Box], ChartShape | None]
    labels_under_columns: bool = False  # long category labels under upright columns start at the smallest size


#: the slide layout's handler of each chart kind (generator/chartkinds)
CHARTS: dict[str, Geometry] = {
    "column": Geometry(columns, labels_under_columns=True),
    "bar": Geometry(bars),
    "grouped": Geometry(columns, labels_under_columns=True),
    "grouped_bar": Geometry(bars),
    "doughnut": Geometry(doughnut),
    "line": Geometry(columns),
    "trend": Geometry(columns, labels_under_columns=True),
}
