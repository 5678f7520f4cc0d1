"""Native, editable PowerPoint charts of laid-out chart shapes, labels and placement as the layout decided."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, cast

from lxml import etree
from pptx.chart.data import CategoryChartData
from pptx.dml.color import RGBColor
from pptx.enum.chart import XL_CHART_TYPE, XL_LABEL_POSITION, XL_LEGEND_POSITION
from pptx.oxml.ns import qn
from pptx.util import Pt

from ...chartkinds import CHART_KINDS
from ...document import Chart as ChartBlock
from ...theme import Colors
from ..slides import shapes as sh
from ..slides.shapes import Run
from .text import DeckFonts, emu, hex_rgb, set_run_props, write_paragraphs

if TYPE_CHECKING:
    from pptx.chart.chart import Chart
    from pptx.chart.plot import BarPlot, _BasePlot
    from pptx.shapes.graphfrm import GraphicFrame
    from pptx.shapes.shapetree import _BaseGroupShapes


def rgb(colour: str) -> RGBColor:
    found: RGBColor = RGBColor.from_string(hex_rgb(colour))
    return found


def add_chart(shapes: _BaseGroupShapes, shape: sh.ChartShape, fonts: DeckFonts, colors: Colors) -> GraphicFrame:
    """Add the chart, whose data staff can edit in PowerPoint (right-click → Edit Data); return its frame."""
    block, size = shape.chart, shape.size_pt
    kind, native = CHART_KINDS[block.kind], CHARTS[block.kind]
    data = CategoryChartData(number_format="General")
    # a category's lines are kept by line feeds, which PowerPoint and LibreOffice show as line breaks
    categories = ["\n".join(lines) for lines in shape.categories]
    series_list = list(block.series)
    if kind.horizontal:  # PowerPoint draws bar categories, and a cluster's series, bottom-up: reverse to read top-down
        categories = categories[::-1]
        series_list = series_list[::-1]
    data.categories = categories
    for series in series_list:
        data.add_series(series.name, series.values[::-1] if kind.horizontal else series.values)
    b = shape.box
    # python-pptx annotates add_chart as taking its ChartData alias and returning a Chart: it takes any chart
    # data and returns the graphic frame holding the chart
    frame = cast("GraphicFrame", shapes.add_chart(native.chart_type, emu(b.x), emu(b.y),
                                                  emu(b.w), emu(b.h), data))  # type: ignore[arg-type]
    frame.name = f"chart: {block.title}"
    chart = frame.chart
    chart.font.size = Pt(size)
    chart.has_title = False
    plot = chart.plots[0]
    labels_at = None if kind.values_in_legend else native.labels_at  # None: the legend holds the values
    plot.has_data_labels = labels_at is not None
    if labels_at is not None:
        plot.data_labels.font.size = Pt(size)
        plot.data_labels.position = labels_at
    native.style(chart, plot, block, colors, size)
    _place(chart, shape)
    _unsigned_axis_ids(chart)
    if labels_at is not None:
        _point_labels(plot, shape, fonts, colors, labels_at)
    for element in chart._chartSpace.iter(qn("a:defRPr"), qn("a:rPr"), qn("a:endParaRPr")):
        set_run_props(element, fonts, colour=colors.text)
    return frame


def _point_labels(plot: _BasePlot, shape: sh.ChartShape, fonts: DeckFonts, colors: Colors,
                  labels_at: XL_LABEL_POSITION) -> None:
    """Each point's label is its own text as the briefing shows it (约43亿元, 75名, RMB 25.9 billion), in the
    lines the slide layout broke it into; the workbook behind the chart keeps the plain numbers."""
    kind = CHART_KINDS[shape.chart.kind]
    for series, labels in zip(plot.series, shape.labels[::-1] if kind.horizontal else shape.labels):
        if kind.horizontal:  # the points were reversed with the categories
            labels = labels[::-1]
        for point, lines in zip(series.points, labels):
            label = point.data_label
            write_paragraphs(label.text_frame, [[[Run(line, shape.size_pt, False, colors.text)] for line in lines]],
                             fonts)
            label.position = labels_at


def style_axes(chart: Chart, block: ChartBlock, colors: Colors, size: float) -> None:
    """A legend on top when there are several series; neither a value axis nor gridlines (each value is labelled,
    and gridlines without a scale say nothing); the category axis ruled."""
    chart.has_legend = len(block.series) > 1
    if chart.has_legend:
        chart.legend.position = XL_LEGEND_POSITION.TOP
        chart.legend.include_in_layout = False
        chart.legend.font.size = Pt(size)
    value_axis = chart.value_axis
    value_axis.has_major_gridlines = False
    value_axis.minimum_scale = 0  # bars and lines measured from zero: an axis cut above it would misstate them
    value_axis.visible = False
    value_axis.tick_labels.font.size = Pt(size)
    chart.category_axis.tick_labels.font.size = Pt(size)
    chart.category_axis.format.line.color.rgb = rgb(colors.rule)


def style_bars(chart: Chart, plot: BarPlot, block: ChartBlock, colors: Colors, size: float) -> None:
    """Bars or columns: close together, one colour per series, or the highlighted one in the accent colour."""
    plot.gap_width = 60
    style_axes(chart, block, colors, size)
    horizontal = CHART_KINDS[block.kind].horizontal
    for index, series in enumerate(plot.series):
        own = len(block.series) - 1 - index if horizontal else index  # the series were added in reverse
        series.format.fill.solid()
        series.format.fill.fore_color.rgb = rgb(colors.series[own % len(colors.series)])
        if block.highlight is not None and len(block.series) == 1:
            count = len(block.categories)
            target = count - 1 - block.highlight if CHART_KINDS[block.kind].horizontal else block.highlight
            for point_index in range(count):
                point = series.points[point_index]
                point.format.fill.solid()
                point.format.fill.fore_color.rgb = rgb(colors.accent if point_index == target else colors.primary)


def style_doughnut(chart: Chart, plot: _BasePlot, block: ChartBlock, colors: Colors, size: float) -> None:
    """Slices are too thin for labels: the legend on the right carries each value; each slice its own colour."""
    chart.has_legend = True
    chart.legend.position = XL_LEGEND_POSITION.RIGHT
    chart.legend.include_in_layout = False
    chart.legend.font.size = Pt(size)
    for index, point in enumerate(plot.series[0].points):
        point.format.fill.solid()
        point.format.fill.fore_color.rgb = rgb(colors.series[index % len(colors.series)])


def style_line(chart: Chart, plot: _BasePlot, block: ChartBlock, colors: Colors, size: float) -> None:
    """Lines in the theme's series colours, 3 pt wide, not smoothed."""
    style_axes(chart, block, colors, size)
    for index, series in enumerate(plot.series):
        series.format.line.color.rgb = rgb(colors.series[index % len(colors.series)])
        series.format.line.width = Pt(3)
        series.smooth = False


@dataclass(frozen=True)
class NativeChart:
    """The PPTX painter's handler of one chart kind: PowerPoint's chart type, its styling and where the values'
    labels go on the marks (a kind whose values are in its legend has none)."""

    chart_type: XL_CHART_TYPE
    #: the chart's colours, axes and legend: (chart, its plot, the block, the colours, the text size in pt)
    style: Callable[[Chart, Any, ChartBlock, Colors, float], None]
    labels_at: XL_LABEL_POSITION = XL_LABEL_POSITION.OUTSIDE_END


#: the PPTX painter's handler of each chart kind (generator/chartkinds)
CHARTS: dict[str, NativeChart] = {
    "column": NativeChart(XL_CHART_TYPE.COLUMN_CLUSTERED, style_bars),
    "bar": NativeChart(XL_CHART_TYPE.BAR_CLUSTERED, style_bars),
    "grouped": NativeChart(XL_CHART_TYPE.COLUMN_CLUSTERED, style_bars),
    "grouped_bar": NativeChart(XL_CHART_TYPE.BAR_CLUSTERED, style_bars),
    "doughnut": NativeChart(XL_CHART_TYPE.DOUGHNUT, style_doughnut),
    "line": NativeChart(XL_CHART_TYPE.LINE_MARKERS, style_line, XL_LABEL_POSITION.ABOVE),
    "trend": NativeChart(XL_CHART_TYPE.LINE_MARKERS, style_line, XL_LABEL_POSITION.ABOVE),
}


def _place(chart: Chart, shape: sh.ChartShape) -> None:
    """The plot area (inner: without the axis labels) and the legend where the slide layout put them, and the
    category labels never rotated: the viewer neither rearranges nor turns what was measured."""
    space = chart._chartSpace
    _set_layout(space.find(f"{qn('c:chart')}/{qn('c:plotArea')}"), shape.plot, inner=True)
    if shape.legend is not None:
        # as wide as its longest line: LibreOffice sets as many entries side by side as a legend's width holds
        _set_layout(space.find(f"{qn('c:chart')}/{qn('c:legend')}"), shape.legend)
    for axis in space.iter(qn("c:catAx")):
        body = axis.find(f"{qn('c:txPr')}/{qn('a:bodyPr')}")
        if body is not None:
            body.set("rot", "0")
            body.set("vert", "horz")


def _unsigned_axis_ids(chart: Chart) -> None:
    """python-pptx numbers axes with negative ids (as PowerPoint did once); the schema wants unsigned ones. Each
    id loses its sign, so that axes and their crossing axes still match; the ids stay below 2³¹, as LibreOffice
    reads them as signed numbers (above, it loses the category axis and its labels)."""
    for element in chart._chartSpace.iter(qn("c:axId"), qn("c:crossAx")):
        element.set("val", str(abs(int(element.get("val")))))


#: the children that come before c:layout in the elements placed by one (c:plotArea, c:legend)
_BEFORE_LAYOUT = (qn("c:legendPos"), qn("c:legendEntry"))


def _set_layout(parent: etree._Element, box: sh.Box, inner: bool = False) -> None:
    """Give a c:plotArea or c:legend a c:layout placing and sizing it at fractions of the chart's size: the one it
    has (python-pptx writes an empty one for some chart types), or a new one in its place in the schema's order."""
    layout = parent.find(qn("c:layout"))
    if layout is None:
        layout = etree.Element(qn("c:layout"))
        before = [child for child in parent if child.tag in _BEFORE_LAYOUT]
        parent.insert(parent.index(before[-1]) + 1 if before else 0, layout)
    for child in list(layout):
        layout.remove(child)
    manual = etree.SubElement(layout, qn("c:manualLayout"))
    if inner:
        etree.SubElement(manual, qn("c:layoutTarget")).set("val", "inner")
    etree.SubElement(manual, qn("c:xMode")).set("val", "edge")
    etree.SubElement(manual, qn("c:yMode")).set("val", "edge")
    for tag, value in (("c:x", box.x), ("c:y", box.y), ("c:w", box.w), ("c:h", box.h)):
        etree.SubElement(manual, qn(tag)).set("val", f"{value:.4f}")
