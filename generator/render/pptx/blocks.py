"""One handler per block type, drawing native, editable shapes, tables and charts on a slide."""
from __future__ import annotations

from dataclasses import dataclass

from pptx.chart.data import CategoryChartData
from pptx.dml.color import RGBColor
from pptx.enum.chart import XL_CHART_TYPE, XL_LABEL_POSITION, XL_LEGEND_POSITION
from pptx.enum.shapes import MSO_CONNECTOR, MSO_SHAPE
from pptx.enum.text import MSO_ANCHOR, PP_ALIGN
from pptx.oxml.ns import qn
from pptx.util import Pt

from ... import document as d
from ...document import Document, Page
from ...errors import GeneratorError
from ...textfit import normalise_punctuation
from ...theme import Theme
from .text import (
    EMU_PER_PT, DeckFonts, Run, emu, fit, hex_rgb, measure_at, prepare_frame, set_run_props, sizes_between,
    write_paragraphs,
)


@dataclass(frozen=True)
class Box:
    """A rectangle in inches."""

    x: float
    y: float
    w: float
    h: float

    def inset(self, dx: float, dy: float | None = None) -> "Box":
        dy = dx if dy is None else dy
        return Box(self.x + dx, self.y + dy, self.w - 2 * dx, self.h - 2 * dy)


@dataclass
class SlideContext:
    """What a handler needs: the slide, theme, fonts, the page and its body box."""

    slide: object
    theme: Theme
    fonts: DeckFonts
    document: Document
    page: Page
    number: int
    body: Box
    frame: object

    @property
    def where(self) -> str:
        return f"slide {self.number} ('{self.page.title}')"

    # ------------------------------------------------------------------ drawing helpers
    def rect(self, box: Box, fill: str, name: str, shape=MSO_SHAPE.RECTANGLE, line: str | None = None):
        shape_obj = self.slide.shapes.add_shape(shape, emu(box.x), emu(box.y), emu(box.w), emu(box.h))
        shape_obj.name = name
        shape_obj.fill.solid()
        shape_obj.fill.fore_color.rgb = RGBColor.from_string(hex_rgb(fill))
        if line:
            shape_obj.line.color.rgb = RGBColor.from_string(hex_rgb(line))
            shape_obj.line.width = Pt(0.75)
        else:
            shape_obj.line.fill.background()
        shape_obj.shadow.inherit = False
        if shape_obj.has_text_frame:
            prepare_frame(shape_obj.text_frame)
        return shape_obj

    def text_box(self, box: Box, paragraphs: list[list[Run]], anchor=MSO_ANCHOR.TOP, align=None, name: str = "",
                 **kwargs):
        shape = self.slide.shapes.add_textbox(emu(box.x), emu(box.y), emu(box.w), emu(box.h))
        if name:
            shape.name = name
        prepare_frame(shape.text_frame, anchor=anchor)
        write_paragraphs(shape.text_frame, paragraphs, self.fonts, align=align, **kwargs)
        return shape

    def fit_line(self, text: str, box: Box, largest: float, smallest: float, bold: bool = False,
                 where: str = "text", max_lines: int | None = 2) -> float:
        metrics = self.fonts.bold if bold else self.fonts.regular
        return fit([text], emu(box.w), emu(box.h), sizes_between(largest, smallest), metrics,
                   f"{self.where}, {where}", max_lines=max_lines)

    def fit_lines(self, texts: list[str], box: Box, largest: float, smallest: float, gap: float,
                  where: str) -> float:
        return fit(texts, emu(box.w), emu(box.h), sizes_between(largest, smallest), self.fonts.regular,
                   f"{self.where}, {where}", gap=gap)


def _describe(shape, text: str) -> None:
    """Alt text: PowerPoint reads it from the descr attribute of the shape's non-visual properties."""
    for c_nv_pr in shape._element.iter(qn("p:cNvPr")):
        c_nv_pr.set("descr", normalise_punctuation(text))
        break


def _group(ctx: SlideContext, name: str, description: str):
    group = ctx.slide.shapes.add_group_shape()
    group.name = name
    _describe(group, description)
    return group


# ---------------------------------------------------------------------------------------------- handlers


def _add_title(ctx: SlideContext, block: d.Title) -> None:
    theme, f = ctx.theme, ctx.frame
    colors, sizes = theme.colors, theme.sizes
    ctx.rect(Box(0, 0, f.width, f.height), colors.primary, "background")
    ctx.rect(Box(0, f.height * 0.62, f.width, f.height * 0.38), colors.primary_dark, "band")
    ctx.rect(Box(f.margin + 0.1, f.height * 0.62 - 0.06, 1.6, 0.12), colors.accent, "accent")
    width = f.width - 2 * f.margin - 0.2
    title_box = Box(f.margin + 0.1, f.height * 0.18, width, f.height * 0.26)
    size = ctx.fit_line(block.title, title_box, sizes.deck_cover_title_pt, 28, True, "title", max_lines=2)
    ctx.text_box(title_box, [[Run(block.title, size, True, colors.on_primary)]], anchor=MSO_ANCHOR.BOTTOM,
                 name="Title")
    sub_box = Box(f.margin + 0.1, f.height * 0.46, width, f.height * 0.13)
    sub = ctx.fit_line(block.subtitle, sub_box, sizes.deck_subtitle_pt, 16, False, "subtitle")
    ctx.text_box(sub_box, [[Run(block.subtitle, sub, False, colors.on_primary)]], name="Subtitle")
    info_box = Box(f.margin + 0.1, f.height * 0.68, width, f.height * 0.22)
    ctx.text_box(info_box, [[Run(block.organisation, 18, True, colors.on_primary)],
                            [Run(block.date, 16, False, colors.on_primary)],
                            [Run(block.note, 12, False, colors.rule)]], name="Organisation and date",
                 space_after_pt=6)


def _add_agenda(ctx: SlideContext, block: d.Agenda) -> None:
    colors, body = ctx.theme.colors, ctx.body
    count = len(block.items)
    row = min(0.95, body.h / max(count, 1))
    size = min(ctx.fit_line(item, Box(0, 0, body.w - 1.1, row * 0.9), 24, 18, False, "agenda", max_lines=1)
               for item in block.items)
    for index, item in enumerate(block.items):
        y = body.y + index * row
        number = block.start + index
        badge = ctx.rect(Box(body.x, y + row * 0.12, 0.75, row * 0.76), colors.primary, f"number {number}",
                         MSO_SHAPE.ROUNDED_RECTANGLE)
        write_paragraphs(badge.text_frame, [[Run(f"{number:02d}", 20, True, colors.on_primary)]], ctx.fonts,
                         align=PP_ALIGN.CENTER)
        badge.text_frame.vertical_anchor = MSO_ANCHOR.MIDDLE
        ctx.text_box(Box(body.x + 1.1, y, body.w - 1.1, row), [[Run(item, size, False, colors.text)]],
                     anchor=MSO_ANCHOR.MIDDLE, name=f"agenda item {number}")


def _add_contents(ctx: SlideContext, block: d.Contents) -> None:
    items = [p.title for p in ctx.document.slides if p.kind == "divider"]
    _add_agenda(ctx, d.Agenda(tuple(items) or (block.title,)))


def _add_section_divider(ctx: SlideContext, block: d.SectionDivider) -> None:
    colors, f = ctx.theme.colors, ctx.frame
    panel_w = f.width * 0.36
    ctx.rect(Box(0, 0, panel_w, f.height), colors.primary, "panel")
    ctx.text_box(Box(0.4, f.height * 0.3, panel_w - 0.8, f.height * 0.4),
                 [[Run(f"{block.number:02d}", 96, True, colors.on_primary)]], anchor=MSO_ANCHOR.MIDDLE,
                 align=PP_ALIGN.CENTER, name="part number")
    x = panel_w + 0.7
    width = f.width - x - f.margin
    title_box = Box(x, f.height * 0.18, width, f.height * 0.3)
    size = ctx.fit_line(block.title, title_box, 40, 24, True, "part title", max_lines=2)
    ctx.text_box(title_box, [[Run(block.title, size, True, colors.primary)]], anchor=MSO_ANCHOR.BOTTOM,
                 name="Title")
    ctx.rect(Box(x, f.height * 0.5, 1.2, 0.08), colors.accent, "accent")
    head_box = Box(x, f.height * 0.55, width, f.height * 0.25)
    head = ctx.fit_line(block.headline, head_box, 26, 18, False, "headline", max_lines=3)
    ctx.text_box(head_box, [[Run(block.headline, head, False, colors.text)]], name="headline")


def _card_grid(count: int, body: Box) -> list[Box]:
    cols = count if count <= 3 else (2 if count == 4 else 3)
    rows = -(-count // cols)
    gap = 0.3
    w = (body.w - gap * (cols - 1)) / cols
    h = min((body.h - gap * (rows - 1)) / rows, 2.6)
    top = body.y + (body.h - (h * rows + gap * (rows - 1))) / 2
    return [Box(body.x + (i % cols) * (w + gap), top + (i // cols) * (h + gap), w, h) for i in range(count)]


def _add_key_figures(ctx: SlideContext, block: d.KeyFigures) -> None:
    colors, sizes = ctx.theme.colors, ctx.theme.sizes
    boxes = _card_grid(len(block.figures), ctx.body)
    description = "；".join(f"{f.label} {f.text}" for f in block.figures)
    group = _group(ctx, "key figures", description)
    inner_ctx = _GroupContext(ctx, group)
    # one value size for every card: the largest at which every value fits its card
    value_size = min(_figure_size(inner_ctx, fig, box.w - 0.5, box.h * 0.5, sizes) for fig, box in zip(block.figures, boxes))
    label_size = min(
        inner_ctx.fit_line(fig.label, Box(0, 0, box.w - 0.5, box.h * 0.42), sizes.deck_kpi_label_pt + 2,
                           sizes.deck_kpi_label_pt - 2, False, f"label of '{fig.label}'", max_lines=3)
        for fig, box in zip(block.figures, boxes)
    )
    for fig, box in zip(block.figures, boxes):
        inner_ctx.rect(box, colors.light, f"card {fig.fact_id}")
        inner_ctx.rect(Box(box.x, box.y, 0.08, box.h), colors.primary, "card edge")
        small = _small(value_size)
        runs = []
        if fig.prefix:
            runs.append(Run(fig.prefix, small, True, colors.primary))
        runs.append(Run(fig.value, value_size, True, colors.primary))
        if fig.suffix:
            runs.append(Run(fig.suffix, small, True, colors.primary))
        inner_ctx.text_box(Box(box.x + 0.25, box.y + 0.1, box.w - 0.4, box.h * 0.5), [runs],
                           anchor=MSO_ANCHOR.BOTTOM, name=f"value {fig.fact_id}")
        inner_ctx.text_box(Box(box.x + 0.25, box.y + box.h * 0.55, box.w - 0.4, box.h * 0.42),
                           [[Run(fig.label, label_size, False, colors.text)]], name=f"label {fig.fact_id}")


def _small(size: float) -> float:
    """Size of a figure's prefix and unit beside a value of the given size."""
    return max(size * 0.5, 16)


def _figure_size(ctx: SlideContext, fig: d.Figure, width_in: float, height_in: float, sizes) -> float:
    """The largest value size at which the figure fits: one line, or two for a figure in words."""
    regular, bold = ctx.fonts.regular, ctx.fonts.bold
    from .text import WIDTH_SLACK

    words = not any(ch.isdigit() for ch in fig.value)
    for size in sizes_between(sizes.deck_kpi_value_pt, sizes.deck_kpi_value_min_pt if not words else 24):
        small = _small(size)
        width = (bold.width(fig.prefix, small) + bold.width(fig.value, size) + bold.width(fig.suffix, small)) * WIDTH_SLACK
        lines = 1 if width <= width_in * 72 else (2 if words and width <= 2 * width_in * 72 * 0.9 else 0)
        if lines and lines * size * 1.2 <= height_in * 72:
            return size
    raise GeneratorError(f"{ctx.where}, figure '{fig.label}': “{fig.text}” does not fit its card even at "
                         f"{sizes.deck_kpi_value_min_pt:g} pt", hint="show fewer figures on this slide")


class _GroupContext(SlideContext):
    """A SlideContext whose shapes go into a group shape."""

    def __init__(self, ctx: SlideContext, group):
        super().__init__(_ShapesOf(group), ctx.theme, ctx.fonts, ctx.document, ctx.page, ctx.number, ctx.body,
                         ctx.frame)


class _ShapesOf:
    def __init__(self, group):
        self.shapes = group.shapes


_CHART_TYPES = {
    "column": XL_CHART_TYPE.COLUMN_CLUSTERED,
    "grouped": XL_CHART_TYPE.COLUMN_CLUSTERED,
    "bar": XL_CHART_TYPE.BAR_CLUSTERED,
    "doughnut": XL_CHART_TYPE.DOUGHNUT,
    "line": XL_CHART_TYPE.LINE_MARKERS,
}


def _add_chart(ctx: SlideContext, block: d.Chart) -> None:
    colors, sizes = ctx.theme.colors, ctx.theme.sizes
    data = CategoryChartData(number_format="General")
    categories = [normalise_punctuation(c) for c in block.categories]
    if block.kind == "doughnut":  # slices are too thin for labels: the legend carries each value
        categories = [f"{c}  {label}" for c, label in zip(categories, block.series[0].labels)]
    if block.kind == "bar":  # PowerPoint draws bar categories bottom-up: reverse to read top-down
        categories = categories[::-1]
    data.categories = categories
    for series in block.series:
        values = series.values[::-1] if block.kind == "bar" else series.values
        data.add_series(series.name, values)
    body = ctx.body
    frame = ctx.slide.shapes.add_chart(_CHART_TYPES[block.kind], emu(body.x), emu(body.y), emu(body.w), emu(body.h),
                                       data)
    frame.name = f"chart: {block.title}"
    _describe(frame, block.description)
    chart = frame.chart
    size = sizes.deck_chart_pt
    longest = max((len(c) for c in categories), default=0)
    if block.kind in ("column", "grouped") and longest * size * len(categories) > body.w * 72 * 1.6:
        size = sizes.deck_chart_min_pt
    chart.font.size = Pt(size)
    chart.has_title = False
    unit = block.unit if block.unit not in ("", None) else ""
    suffix = unit.replace('"', "") if unit and block.kind != "doughnut" else ""
    number_format = f'General"{suffix}"' if suffix and suffix != "%" else ("General\\%" if suffix == "%" else "General")
    plot = chart.plots[0]
    plot.has_data_labels = block.kind != "doughnut"
    if plot.has_data_labels:
        labels = plot.data_labels
        labels.font.size = Pt(size)
        labels.number_format = number_format
        labels.number_format_is_linked = False
    if block.kind == "doughnut":
        chart.has_legend = True
        chart.legend.position = XL_LEGEND_POSITION.RIGHT
        chart.legend.include_in_layout = False
        chart.legend.font.size = Pt(size)
        for index, point in enumerate(plot.series[0].points):
            point.format.fill.solid()
            point.format.fill.fore_color.rgb = RGBColor.from_string(hex_rgb(colors.series[index % len(colors.series)]))
    else:
        if block.kind != "line":
            plot.data_labels.position = XL_LABEL_POSITION.OUTSIDE_END
            plot.gap_width = 60
        chart.has_legend = len(block.series) > 1
        if chart.has_legend:
            chart.legend.position = XL_LEGEND_POSITION.TOP
            chart.legend.include_in_layout = False
            chart.legend.font.size = Pt(size)
        value_axis = chart.value_axis
        value_axis.has_major_gridlines = True
        value_axis.major_gridlines.format.line.color.rgb = RGBColor.from_string(hex_rgb(colors.rule))
        value_axis.visible = False
        value_axis.tick_labels.font.size = Pt(size)
        chart.category_axis.tick_labels.font.size = Pt(size)
        chart.category_axis.format.line.color.rgb = RGBColor.from_string(hex_rgb(colors.rule))
        for index, series in enumerate(plot.series):
            colour = colors.series[index % len(colors.series)]
            if block.kind == "line":
                series.format.line.color.rgb = RGBColor.from_string(hex_rgb(colour))
                series.format.line.width = Pt(3)
                series.smooth = False
                continue
            series.format.fill.solid()
            series.format.fill.fore_color.rgb = RGBColor.from_string(hex_rgb(colour))
            if block.highlight is not None and len(block.series) == 1:
                count = len(block.categories)
                target = count - 1 - block.highlight if block.kind == "bar" else block.highlight
                for point_index in range(count):
                    point = series.points[point_index]
                    point.format.fill.solid()
                    shade = colors.accent if point_index == target else colors.primary
                    point.format.fill.fore_color.rgb = RGBColor.from_string(hex_rgb(shade))
    _chart_fonts(chart, ctx.fonts, colors.text)


def _chart_fonts(chart, fonts: DeckFonts, colour: str) -> None:
    """Give every text property of the chart the East Asian typeface and language."""
    space = chart._chartSpace
    for element in space.iter(qn("a:defRPr"), qn("a:rPr"), qn("a:endParaRPr")):
        set_run_props(element, fonts, colour=colour)


def _add_timeline(ctx: SlideContext, block: d.Timeline) -> None:
    colors, body = ctx.theme.colors, ctx.body
    count = len(block.events)
    group = _group(ctx, "timeline", "；".join(f"{e.date} {e.label}" for e in block.events))
    g = _GroupContext(ctx, group)
    line_y = body.y + body.h * 0.36
    g.rect(Box(body.x, line_y - 0.03, body.w, 0.06), colors.rule, "time axis")
    col = body.w / count
    date_size = min(g.fit_line(e.date, Box(0, 0, col - 0.3, 0.5), 20, 14, True, "date", 1) for e in block.events)
    text_size = min(
        g.fit_lines([e.label, e.detail], Box(0, 0, col - 0.3, body.h * 0.58), 20, 14, 0.3, f"event '{e.label}'")
        for e in block.events
    )
    for index, event in enumerate(block.events):
        x = body.x + index * col
        dot = 0.34
        g.rect(Box(x + 0.15, line_y - dot / 2, dot, dot), colors.accent, "milestone", MSO_SHAPE.OVAL)
        g.text_box(Box(x + 0.1, line_y - 0.85, col - 0.3, 0.6), [[Run(event.date, date_size, True, colors.primary)]],
                   anchor=MSO_ANCHOR.BOTTOM, name="date")
        g.text_box(Box(x + 0.1, line_y + 0.35, col - 0.3, body.h * 0.6),
                   [[Run(event.label, text_size, True, colors.text)], [Run(event.detail, text_size - 2, False, colors.muted)]],
                   name="event", space_after_pt=text_size * 0.3)


def _add_bullet_list(ctx: SlideContext, block: d.BulletList) -> None:
    colors, sizes, body = ctx.theme.colors, ctx.theme.sizes, ctx.body
    indent = 0.35
    box = Box(body.x, body.y, body.w, body.h)
    text_box = Box(box.x + indent, box.y, box.w - indent, box.h)
    size = ctx.fit_lines(list(block.items), text_box, sizes.deck_body_pt + 2, sizes.deck_body_min_pt, 0.6,
                         "key points")
    ctx.text_box(box, [[Run(item, size, False, colors.text)] for item in block.items], name="key points",
                 space_after_pt=size * 0.6, bullet="■", bullet_colour=colors.accent, indent_emu=int(emu(indent)),
                 line_spacing=1.0)


def _add_table(ctx: SlideContext, block: d.Table) -> None:
    colors, sizes, body = ctx.theme.colors, ctx.theme.sizes, ctx.body
    rows, cols = len(block.rows) + 1, len(block.columns)
    weights = block.widths or tuple(1.0 for _ in block.columns)
    total = sum(weights)
    widths = [body.w * w / total for w in weights]
    row_h = min(body.h / rows, 0.75)
    cell_pad = 0.08
    # every cell must fit its row at one common size
    size = sizes.deck_table_pt
    for candidate in sizes_between(sizes.deck_table_pt, sizes.deck_table_min_pt, 1):
        size = candidate
        ok = True
        for row in (block.columns,) + block.rows:
            for text, width in zip(row, widths):
                lines = _line_count(ctx, text, width - 2 * cell_pad, candidate)
                if lines * candidate * 1.2 > (row_h - 2 * 0.04) * 72:
                    ok = False
        if ok:
            break
    else:
        raise GeneratorError(f"{ctx.where}, table: the cells do not fit even at {sizes.deck_table_min_pt:g} pt",
                             hint="lower max_table_rows_per_slide in the layout")
    shape = ctx.slide.shapes.add_table(rows, cols, emu(body.x), emu(body.y), emu(body.w), emu(row_h * rows))
    shape.name = f"table: {ctx.page.title}"
    table = shape.table
    for index, width in enumerate(widths):
        table.columns[index].width = emu(width)
    for r in range(rows):
        table.rows[r].height = emu(row_h)
        values = block.columns if r == 0 else block.rows[r - 1]
        for c in range(cols):
            cell = table.cell(r, c)
            cell.margin_left = cell.margin_right = emu(cell_pad)
            cell.margin_top = cell.margin_bottom = emu(0.04)
            cell.vertical_anchor = MSO_ANCHOR.MIDDLE
            header = r == 0
            fill = colors.primary if header else (colors.light if r % 2 == 0 else colors.background)
            cell.fill.solid()
            cell.fill.fore_color.rgb = RGBColor.from_string(hex_rgb(fill))
            align = PP_ALIGN.RIGHT if c in block.numeric_columns else PP_ALIGN.LEFT
            write_paragraphs(cell.text_frame, [[Run(values[c], size, header, colors.on_primary if header else colors.text)]],
                             ctx.fonts, align=align)


def _line_count(ctx: SlideContext, text: str, width_in: float, size: float) -> int:
    from ...textfit import wrap

    return len(wrap(normalise_punctuation(text), width_in * 72, measure_at(ctx.fonts.regular)(size)))


def _add_highlight(ctx: SlideContext, block: d.Highlight) -> None:
    colors, sizes, body = ctx.theme.colors, ctx.theme.sizes, ctx.body
    card = Box(body.x + body.w * 0.1, body.y + 0.2, body.w * 0.8, body.h - 0.4)
    ctx.rect(card, colors.light, "highlight card")
    ctx.rect(Box(card.x, card.y, card.w, 0.1), colors.accent, "highlight edge")
    if block.figure:
        fig = block.figure
        size = ctx.fit_line(fig.text, Box(0, 0, card.w - 0.8, 1.6), 72, sizes.deck_kpi_value_min_pt, True, "figure", 1)
        runs = [Run(fig.prefix, size * 0.5, True, colors.primary)] if fig.prefix else []
        runs += [Run(fig.value, size, True, colors.primary)]
        runs += [Run(fig.suffix, size * 0.5, True, colors.primary)] if fig.suffix else []
        ctx.text_box(Box(card.x + 0.4, card.y + 0.5, card.w - 0.8, card.h * 0.45), [runs], anchor=MSO_ANCHOR.BOTTOM,
                     align=PP_ALIGN.CENTER, name="figure")
    label = ctx.fit_line(block.text, Box(0, 0, card.w - 0.8, card.h * 0.25), 28, sizes.deck_body_min_pt, False, "text")
    ctx.text_box(Box(card.x + 0.4, card.y + card.h * 0.55, card.w - 0.8, card.h * 0.25),
                 [[Run(block.text, label, False, colors.text)]], align=PP_ALIGN.CENTER, name="text")
    ctx.text_box(Box(card.x + 0.4, card.y + card.h * 0.82, card.w - 0.8, card.h * 0.14),
                 [[Run(block.attribution, 12, False, colors.muted)]], align=PP_ALIGN.CENTER, name="source")


def _add_paragraph(ctx: SlideContext, block: d.Paragraph) -> None:
    colors, sizes, body = ctx.theme.colors, ctx.theme.sizes, ctx.body
    size = ctx.fit_lines([block.text], body, sizes.deck_body_pt, sizes.deck_body_min_pt, 0, "paragraph")
    ctx.text_box(body, [[Run(block.text, size, block.role == "lead", colors.text)]], name="text")


def _add_closing(ctx: SlideContext, block: d.Closing) -> None:
    colors, f = ctx.theme.colors, ctx.frame
    ctx.rect(Box(0, 0, f.width, f.height), colors.primary, "background")
    ctx.rect(Box(f.width / 2 - 0.8, f.height * 0.56, 1.6, 0.08), colors.accent, "accent")
    ctx.text_box(Box(f.margin, f.height * 0.25, f.width - 2 * f.margin, f.height * 0.3),
                 [[Run(block.title, 54, True, colors.on_primary)]], anchor=MSO_ANCHOR.BOTTOM, align=PP_ALIGN.CENTER,
                 name="Title")
    sub = ctx.fit_line(block.subtitle, Box(0, 0, f.width - 2 * f.margin, 0.8), 24, 16, False, "closing subtitle")
    ctx.text_box(Box(f.margin, f.height * 0.62, f.width - 2 * f.margin, 1.4),
                 [[Run(block.subtitle, sub, False, colors.on_primary)], [Run(block.organisation, 16, False, colors.rule)]],
                 align=PP_ALIGN.CENTER, name="organisation", space_after_pt=8)


HANDLERS = {
    d.Title: _add_title,
    d.Agenda: _add_agenda,
    d.Contents: _add_contents,
    d.SectionDivider: _add_section_divider,
    d.KeyFigures: _add_key_figures,
    d.Chart: _add_chart,
    d.Timeline: _add_timeline,
    d.BulletList: _add_bullet_list,
    d.Table: _add_table,
    d.Highlight: _add_highlight,
    d.Paragraph: _add_paragraph,
    d.Closing: _add_closing,
}
