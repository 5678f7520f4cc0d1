"""Laid-out slide shapes as native PowerPoint shapes, tables and charts, one function per kind of shape."""
from __future__ import annotations

from pptx.chart.data import CategoryChartData
from pptx.dml.color import RGBColor
from pptx.enum.chart import XL_CHART_TYPE, XL_LABEL_POSITION, XL_LEGEND_POSITION
from pptx.enum.shapes import MSO_SHAPE
from pptx.enum.text import MSO_ANCHOR, PP_ALIGN
from pptx.oxml.ns import qn
from pptx.util import Pt

from ...theme import Theme
from ..slides import shapes as sh
from .text import DeckFonts, emu, hex_rgb, prepare_frame, set_run_props, write_paragraphs

_ANCHORS = {"top": MSO_ANCHOR.TOP, "middle": MSO_ANCHOR.MIDDLE, "bottom": MSO_ANCHOR.BOTTOM}
_ALIGNS = {"left": PP_ALIGN.LEFT, "center": PP_ALIGN.CENTER, "right": PP_ALIGN.RIGHT}
_SHAPES = {"rect": MSO_SHAPE.RECTANGLE, "rounded": MSO_SHAPE.ROUNDED_RECTANGLE, "oval": MSO_SHAPE.OVAL}


#: text shapes that go into a template's placeholders: the title, and the subtitle or body placeholder (idx 1)
PLACEHOLDER_ROLES = {"Title": 0, "Subtitle": 1, "headline": 1}


class Painter:
    """Draws shapes into a slide's (or a group's) shape collection. With a template, the title and subtitle go
    into the slide layout's placeholders, and placeholders left empty are removed."""

    def __init__(self, fonts: DeckFonts, theme: Theme, template: bool = False):
        self.fonts, self.theme, self.template = fonts, theme, template
        self.slide = None

    def begin_slide(self, slide) -> None:
        self.slide = slide

    def end_slide(self) -> None:
        for placeholder in list(self.slide.placeholders):
            if not placeholder.has_text_frame or not placeholder.text_frame.text.strip():
                placeholder._element.getparent().remove(placeholder._element)
        self.slide = None

    def draw(self, shapes, shape: sh.Shape) -> None:
        _DRAW[type(shape)](self, shapes, shape)

    def placeholder_for(self, shapes, text: sh.TextShape):
        if not (self.template and self.slide is not None and shapes is self.slide.shapes):
            return None
        index = PLACEHOLDER_ROLES.get(text.name)
        if index is None:
            return None
        for placeholder in self.slide.placeholders:
            if placeholder.placeholder_format.idx == index and not placeholder.text_frame.text:
                return placeholder
        return None


def _rgb(colour: str) -> RGBColor:
    return RGBColor.from_string(hex_rgb(colour))


def _describe(shape, text: str) -> None:
    """Alt text: PowerPoint reads it from the descr attribute of the shape's non-visual properties."""
    for c_nv_pr in shape._element.iter(qn("p:cNvPr")):
        c_nv_pr.set("descr", text)
        break


def _rect(painter: Painter, shapes, rect: sh.Rect) -> None:
    b = rect.box
    shape = shapes.add_shape(_SHAPES[rect.shape], emu(b.x), emu(b.y), emu(b.w), emu(b.h))
    shape.name = rect.name
    shape.fill.solid()
    shape.fill.fore_color.rgb = _rgb(rect.fill)
    shape.line.fill.background()
    shape.shadow.inherit = False
    prepare_frame(shape.text_frame)
    if rect.text:
        _fill_text(painter, shape.text_frame, rect.text)


def _fill_text(painter: Painter, frame, text: sh.TextShape) -> None:
    prepare_frame(frame, anchor=_ANCHORS[text.anchor])
    write_paragraphs(frame, [list(p.runs) for p in text.paragraphs], painter.fonts, align=_ALIGNS[text.align],
                     space_after_pt=text.space_after_pt, line_spacing=text.line_spacing, bullet=text.bullet or None,
                     bullet_colour=text.bullet_colour or None, indent_emu=int(emu(text.indent_in)))


def _text(painter: Painter, shapes, text: sh.TextShape) -> None:
    b = text.box
    shape = painter.placeholder_for(shapes, text)
    if shape is not None:  # the template's placeholder, at the size the text was fitted for
        shape.left, shape.top, shape.width, shape.height = emu(b.x), emu(b.y), emu(b.w), emu(b.h)
    else:
        shape = shapes.add_textbox(emu(b.x), emu(b.y), emu(b.w), emu(b.h))
        shape.name = text.name
    _fill_text(painter, shape.text_frame, text)
    if text.field == "slidenum":
        _slide_number_field(shape)


def _slide_number_field(shape) -> None:
    """Turn the number's run into a slide-number field, so that it follows when slides are reordered."""
    from lxml import etree

    run = shape.text_frame.paragraphs[0].runs[0]._r
    field = etree.Element(qn("a:fld"))
    field.set("id", "{B6F15528-21DE-4FAA-801E-634DDDAF4B2B}")
    field.set("type", "slidenum")
    field.append(run.find(qn("a:rPr")))
    etree.SubElement(field, qn("a:t")).text = run.findtext(qn("a:t"))
    run.addprevious(field)
    run.getparent().remove(run)


def _group(painter: Painter, shapes, group: sh.Group) -> None:
    shape = shapes.add_group_shape()
    shape.name = group.name
    _describe(shape, group.description)
    for child in group.shapes:
        painter.draw(shape.shapes, child)


def _table(painter: Painter, shapes, table: sh.TableShape) -> None:
    b = table.box
    rows, cols = len(table.rows), len(table.widths_in)
    frame = shapes.add_table(rows, cols, emu(b.x), emu(b.y), emu(b.w), emu(b.h))
    frame.name = table.name
    grid = frame.table
    for index, width in enumerate(table.widths_in):
        grid.columns[index].width = emu(width)
    for r, row in enumerate(table.rows):
        grid.rows[r].height = emu(table.row_heights_in[r])
        for c, cell in enumerate(row):
            target = grid.cell(r, c)
            target.margin_left = target.margin_right = emu(table.pad_in)
            target.margin_top = target.margin_bottom = emu(0.04)
            target.vertical_anchor = MSO_ANCHOR.MIDDLE
            target.fill.solid()
            target.fill.fore_color.rgb = _rgb(cell.fill)
            write_paragraphs(target.text_frame, [list(cell.paragraph.runs)], painter.fonts,
                             align=_ALIGNS[cell.align])


_CHART_TYPES = {
    "column": XL_CHART_TYPE.COLUMN_CLUSTERED,
    "grouped": XL_CHART_TYPE.COLUMN_CLUSTERED,
    "bar": XL_CHART_TYPE.BAR_CLUSTERED,
    "doughnut": XL_CHART_TYPE.DOUGHNUT,
    "line": XL_CHART_TYPE.LINE_MARKERS,
}


def _chart(painter: Painter, shapes, shape: sh.ChartShape) -> None:
    """A native chart whose data staff can edit in PowerPoint (right-click → Edit Data)."""
    block, colors, size = shape.chart, painter.theme.colors, shape.size_pt
    data = CategoryChartData(number_format="General")
    categories = list(shape.categories)
    if block.kind == "doughnut":  # slices are too thin for labels: the legend carries each value
        categories = [f"{c}  {label}" for c, label in zip(categories, block.series[0].labels)]
    if block.kind == "bar":  # PowerPoint draws bar categories bottom-up: reverse to read top-down
        categories = categories[::-1]
    data.categories = categories
    for series in block.series:
        data.add_series(series.name, series.values[::-1] if block.kind == "bar" else series.values)
    b = shape.box
    frame = shapes.add_chart(_CHART_TYPES[block.kind], emu(b.x), emu(b.y), emu(b.w), emu(b.h), data)
    frame.name = f"chart: {block.title}"
    _describe(frame, shape.description)
    chart = frame.chart
    chart.font.size = Pt(size)
    chart.has_title = False
    plot = chart.plots[0]
    plot.has_data_labels = block.kind != "doughnut"
    if plot.has_data_labels:
        suffix = block.unit.replace('"', "") if block.unit else ""
        labels = plot.data_labels
        labels.font.size = Pt(size)
        labels.number_format = "General\\%" if suffix == "%" else (f'General"{suffix}"' if suffix else "General")
        labels.number_format_is_linked = False
        if block.kind != "line":
            labels.position = XL_LABEL_POSITION.OUTSIDE_END
    if block.kind == "doughnut":
        chart.has_legend = True
        chart.legend.position = XL_LEGEND_POSITION.RIGHT
        chart.legend.include_in_layout = False
        chart.legend.font.size = Pt(size)
        for index, point in enumerate(plot.series[0].points):
            point.format.fill.solid()
            point.format.fill.fore_color.rgb = _rgb(colors.series[index % len(colors.series)])
    else:
        _axes_and_series(chart, plot, block, colors, size)
    for element in chart._chartSpace.iter(qn("a:defRPr"), qn("a:rPr"), qn("a:endParaRPr")):
        set_run_props(element, painter.fonts, colour=colors.text)


def _axes_and_series(chart, plot, block, colors, size: float) -> None:
    if block.kind != "line":
        plot.gap_width = 60
    chart.has_legend = len(block.series) > 1
    if chart.has_legend:
        chart.legend.position = XL_LEGEND_POSITION.TOP
        chart.legend.include_in_layout = False
        chart.legend.font.size = Pt(size)
    value_axis = chart.value_axis
    value_axis.has_major_gridlines = True
    value_axis.major_gridlines.format.line.color.rgb = _rgb(colors.rule)
    value_axis.visible = False
    value_axis.tick_labels.font.size = Pt(size)
    chart.category_axis.tick_labels.font.size = Pt(size)
    chart.category_axis.format.line.color.rgb = _rgb(colors.rule)
    for index, series in enumerate(plot.series):
        colour = colors.series[index % len(colors.series)]
        if block.kind == "line":
            series.format.line.color.rgb = _rgb(colour)
            series.format.line.width = Pt(3)
            series.smooth = False
            continue
        series.format.fill.solid()
        series.format.fill.fore_color.rgb = _rgb(colour)
        if block.highlight is not None and len(block.series) == 1:
            count = len(block.categories)
            target = count - 1 - block.highlight if block.kind == "bar" else block.highlight
            for point_index in range(count):
                point = series.points[point_index]
                point.format.fill.solid()
                point.format.fill.fore_color.rgb = _rgb(colors.accent if point_index == target else colors.primary)


def _picture(painter: Painter, shapes, picture: sh.Picture) -> None:
    b = picture.box
    shape = shapes.add_picture(picture.path, emu(b.x), emu(b.y), emu(b.w), emu(b.h))
    shape.name = "logo"
    _describe(shape, picture.description)


_DRAW = {sh.Rect: _rect, sh.TextShape: _text, sh.Group: _group, sh.TableShape: _table, sh.ChartShape: _chart,
         sh.Picture: _picture}
