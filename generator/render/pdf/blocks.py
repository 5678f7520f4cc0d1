"""One handler per block type, turning blocks into reportlab flowables for the A4 briefing."""
from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Protocol, cast

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import CondPageBreak, Flowable, KeepTogether, Spacer, Table, TableStyle
from reportlab.platypus.tableofcontents import TableOfContents
from reportlab.lib.styles import ParagraphStyle

from ... import document as d
from ...document import Document, Page
from ...textfit import tokens
from ...theme import PAPER, Theme, ink
from .text import TextBlock, TextStyle, colour

if TYPE_CHECKING:
    from ..options import RenderOptions

#: a command of a reportlab TableStyle: (name, first cell, last cell, values...)
_StyleCommand = tuple[Any, ...]


class Styles:
    """The briefing's type scale, built from the theme."""

    def __init__(self, theme: Theme, regular: str, bold: str, lang: str):
        s, c = theme.sizes, theme.colors
        self.theme, self.regular, self.bold, self.lang = theme, regular, bold, lang
        lead = s.pdf_leading
        cell = s.pdf_small_pt + 0.5

        def on(colour: str, size: float, bold: bool = False, fill: str = PAPER) -> str:
            return ink(colour, c, size, bold, fill)  # every text legible on its fill (WCAG AA), templates included

        self.body = TextStyle(regular, s.pdf_body_pt, s.pdf_body_pt * lead, on(c.text, s.pdf_body_pt), space_after=4)
        self.lead = TextStyle(bold, s.pdf_h2_pt - 1, (s.pdf_h2_pt - 1) * 1.5, on(c.accent, s.pdf_h2_pt - 1, True),
                              "left", space_after=4)
        self.bullet = TextStyle(regular, s.pdf_body_pt, s.pdf_body_pt * lead, on(c.text, s.pdf_body_pt),
                                space_after=3, bullet="■", bullet_colour=ink(c.accent, c, s.pdf_body_pt, mark=True),
                                indent=s.pdf_body_pt * 1.4)
        self.h1 = TextStyle(bold, s.pdf_h1_pt, s.pdf_h1_pt * 1.4, on(c.primary, s.pdf_h1_pt, True), "left",
                            space_before=0, space_after=8)
        self.h2 = TextStyle(bold, s.pdf_h2_pt, s.pdf_h2_pt * 1.45, on(c.primary, s.pdf_h2_pt, True), "left",
                            space_before=10, space_after=5)
        self.small = TextStyle(regular, s.pdf_small_pt, s.pdf_small_pt * 1.5, on(c.muted, s.pdf_small_pt), "left")
        self.cell = TextStyle(regular, cell, cell * 1.45, on(c.text, cell, fill=c.light), "left")
        self.cell_right = TextStyle(regular, cell, cell * 1.45, on(c.text, cell, fill=c.light), "right")
        self.cell_head = TextStyle(bold, cell, cell * 1.45, on(c.on_primary, cell, True, c.primary), "left")
        self.kpi_value = TextStyle(bold, s.pdf_kpi_value_pt, s.pdf_kpi_value_pt * 1.25,
                                   on(c.primary, s.pdf_kpi_value_pt, True, c.light), "left")
        self.kpi_label = TextStyle(regular, cell, cell * 1.45, on(c.text, cell, fill=c.light), "left")
        self.cover_title = TextStyle(bold, s.pdf_title_pt, s.pdf_title_pt * 1.3,
                                     on(c.on_primary, s.pdf_title_pt, True, c.primary), "left", space_after=8)
        self.cover_sub = TextStyle(regular, s.pdf_h2_pt + 1, (s.pdf_h2_pt + 1) * 1.5,
                                   on(c.on_primary, s.pdf_h2_pt + 1, fill=c.primary), "left")
        self.cover_info = TextStyle(regular, s.pdf_body_pt + 1, (s.pdf_body_pt + 1) * 1.6, on(c.text, s.pdf_body_pt + 1),
                                    "left")
        self.muted = on(c.muted, s.pdf_small_pt)  # the running header and footer, a timeline's details
        self.date = on(c.primary, cell, True, c.light)  # a timeline's dates

    def with_(self, style: TextStyle, **changes: Any) -> TextStyle:
        from dataclasses import replace

        return replace(style, **changes)


class _Ctx:
    def __init__(self, page: Page, index: int, styles: Styles, document: Document, options: RenderOptions):
        self.page, self.index, self.styles, self.document, self.options = page, index, styles, document, options

    @property
    def theme(self) -> Theme:
        return self.styles.theme


def page_flowables(page: Page, index: int, styles: Styles, document: Document,
                   options: RenderOptions) -> list[Flowable]:
    """Return the flowables of one briefing part: its heading (with a bookmark) and its blocks."""
    ctx = _Ctx(page, index, styles, document, options)
    flowables: list[Flowable] = []
    if page.kind == "content" and page.title and not any(isinstance(b, d.Contents) for b in page.blocks):
        key = f"part{index}"
        heading = TextBlock(page.title, styles.h1, outline=(0, page.title, key))
        flowables += [CondPageBreak(60 * mm), heading, _Rule(styles.theme.colors.accent, 40 * mm, 1.5), Spacer(0, 4 * mm)]
    for block in page.blocks:
        flowables.extend(HANDLERS[type(block)](ctx, block))
    return flowables


class _Rule(Flowable):
    def __init__(self, colour: str, width: float, thickness: float):
        super().__init__()
        self.colour, self.rule_width, self.thickness = colour, width, thickness

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        return self.rule_width, self.thickness + 2

    def draw(self) -> None:
        self.canv.setFillColor(self.colour)
        self.canv.rect(0, 0, self.rule_width, self.thickness, stroke=0, fill=1)


def _table_style(ctx: _Ctx, commands: list[_StyleCommand]) -> TableStyle:
    """A table style whose cells name our font (reportlab otherwise sets Helvetica for every cell)."""
    return TableStyle([("FONTNAME", (0, 0), (-1, -1), ctx.styles.regular)] + list(commands))


def _heading2(ctx: _Ctx, text: str) -> TextBlock:
    return TextBlock(text, ctx.styles.h2)


def _keep_with_next(heading: Flowable, first: Flowable) -> list[Flowable]:
    return [_RoomFor(heading, first), heading, first]


class _RoomFor(CondPageBreak):
    """A page break unless the rest of the page holds the heading and the start of what it heads: for a table,
    its header and the two rows it keeps at a page foot, or all of a table too short to split (a heading alone at a
    page foot reads as a mistake)."""

    def __init__(self, heading: Flowable, first: Flowable) -> None:
        super().__init__(45 * mm)
        self.heading, self.first = heading, first

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803 - reportlab's names
        heading = self.heading
        needed = heading.wrap(availWidth, availHeight)[1] + heading.getSpaceBefore() + heading.getSpaceAfter()
        if isinstance(self.first, _KeptRows):
            self.first.wrap(availWidth, availHeight)
            rows = cast(_TableRows, self.first)._rowHeights
            header = self.first.repeatRows or 0
            # a table too short to split (two rows here, TAIL_ROWS on the next page) goes whole
            body = len(rows) - header
            needed += sum(rows[: header + (2 if body >= 2 + _KeptRows.TAIL_ROWS else body)])
        self.height = max(45 * mm, needed)
        return super().wrap(availWidth, availHeight)


# ---------------------------------------------------------------------------------------------- handlers


def _title_flowables(ctx: _Ctx, block: d.Title) -> list[Flowable]:
    s = ctx.styles
    logo: list[Flowable] = []
    if ctx.theme.logo:
        from reportlab.platypus import Image

        image = Image(ctx.theme.logo, height=16 * mm, width=60 * mm, kind="proportional", hAlign="LEFT")
        logo = [Spacer(0, 10 * mm), image, Spacer(0, 29 * mm - image.drawHeight)]
    return logo + [
        Spacer(0, 55 * mm if not logo else 0),
        TextBlock(block.title, s.cover_title),
        TextBlock(block.subtitle, s.cover_sub),
        Spacer(0, 95 * mm),
        TextBlock(block.organisation, s.with_(s.cover_info, font=s.bold, size=s.cover_info.size + 2,
                                              leading=(s.cover_info.size + 2) * 1.6)),
        TextBlock(block.date, s.cover_info),
        Spacer(0, 6 * mm),
        TextBlock(block.note, s.small),
    ]


def _agenda_flowables(ctx: _Ctx, block: d.Agenda) -> list[Flowable]:
    s = ctx.styles
    return [TextBlock(f"{i}. {item}", s.body) for i, item in enumerate(block.items, block.start)]


def _contents_flowables(ctx: _Ctx, block: d.Contents) -> list[Flowable]:
    s = ctx.styles
    toc = TableOfContents(dotsMinLevel=0)
    toc.levelStyles = [
        ParagraphStyle("toc0", fontName=s.regular, fontSize=s.body.size + 1, leading=(s.body.size + 1) * 2.0,
                       textColor=colour(ctx.theme.colors.text), wordWrap="CJK", bulletFontName=s.regular),
        ParagraphStyle("toc1", fontName=s.regular, fontSize=s.body.size, leading=s.body.size * 1.8, leftIndent=12,
                       textColor=colour(ctx.theme.colors.text), wordWrap="CJK", bulletFontName=s.regular),
    ]
    toc.tableStyle = _table_style(ctx, [("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 0),
                                        ("RIGHTPADDING", (0, 0), (-1, -1), 0)])
    heading = TextBlock(block.title, s.h1, outline=(0, block.title, "contents"))
    return [heading, _Rule(ctx.theme.colors.accent, 40 * mm, 1.5), Spacer(0, 6 * mm), toc]


def _section_divider_flowables(ctx: _Ctx, block: d.SectionDivider) -> list[Flowable]:
    return [_heading2(ctx, f"{block.number:02d} {block.title}"), TextBlock(block.headline, ctx.styles.lead)]


def _key_figures_flowables(ctx: _Ctx, block: d.KeyFigures) -> list[Flowable]:
    s, c = ctx.styles, ctx.theme.colors
    per_row = 3 if len(block.figures) != 4 else 2
    per_row = min(per_row, len(block.figures))
    cells: list[list[Flowable] | str] = []
    for fig in block.figures:
        small = s.with_(s.kpi_value, size=s.kpi_value.size * 0.55)
        cells.append([_FigureText(fig, s.kpi_value, small), TextBlock(fig.label, s.kpi_label)])
    rows = [cells[i : i + per_row] for i in range(0, len(cells), per_row)]
    for row in rows:
        row.extend([""] * (per_row - len(row)))
    table = Table(rows, colWidths=[f"{100 / per_row:.3f}%"] * per_row)
    style: list[_StyleCommand] = [
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 8),
        ("RIGHTPADDING", (0, 0), (-1, -1), 8),
        ("TOPPADDING", (0, 0), (-1, -1), 7),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 8),
    ]
    for r, row in enumerate(rows):
        for col, cell in enumerate(row):
            if cell:
                style += [("BACKGROUND", (col, r), (col, r), c.light),
                          ("LINEBEFORE", (col, r), (col, r), 2.5, c.primary),
                          ("LINEAFTER", (col, r), (col, r), 4, c.background),
                          ("LINEBELOW", (col, r), (col, r), 4, c.background)]
    table.setStyle(_table_style(ctx, style))
    return [Spacer(0, 2 * mm), table, Spacer(0, 3 * mm)]


class _FigureText(Flowable):
    """A figure: prefix and unit smaller than the value, on one baseline."""

    def __init__(self, figure: d.Figure, big: TextStyle, small: TextStyle):
        super().__init__()
        self.figure, self.big, self.small = figure, big, small

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        from reportlab.pdfbase.pdfmetrics import stringWidth

        self.parts = [(self.figure.prefix, self.small), (self.figure.value, self.big), (self.figure.suffix, self.small)]
        total = sum(stringWidth(t, st.font, st.size) for t, st in self.parts if t)
        scale = min(1.0, avail_width / total) if total else 1.0
        self.scale = scale
        self.width, self.height = avail_width, self.big.leading * scale
        return self.width, self.height

    def draw(self) -> None:
        from reportlab.pdfbase.pdfmetrics import stringWidth

        x, y = 0.0, self.height * 0.2
        for text, st in self.parts:
            if not text:
                continue
            size = st.size * self.scale
            self.canv.setFont(st.font, size)
            self.canv.setFillColor(st.colour)
            self.canv.drawString(x, y, text)
            x += stringWidth(text, st.font, size)


def chart_svg_of(block: d.Chart, theme: Theme, options: RenderOptions) -> bytes:
    """The chart as the briefing draws it (SVG, from the cache when drawn before)."""
    from ..figures import chart_svg

    width_mm = 165 - theme.page_margin_inner_mm + 25 - 2
    height_mm = CHART_HEIGHTS_MM[block.kind]
    return chart_svg(block, theme, options.regular, width_mm / 25.4, height_mm / 25.4)


#: the briefing's handler of each chart kind (generator/chartkinds): the height of its drawing (figures.DRAW)
CHART_HEIGHTS_MM: dict[str, float] = {"column": 62, "bar": 62, "grouped": 62, "grouped_bar": 62, "doughnut": 58,
                                      "line": 62, "trend": 62}


def draw_charts(document: Document, options: RenderOptions) -> None:
    """Draw the briefing's charts that are not in the cache yet, into it."""
    for page in document.pages:
        for block in page.blocks:
            if isinstance(block, d.Chart):
                chart_svg_of(block, options.theme, options)


def _chart_flowables(ctx: _Ctx, block: d.Chart) -> list[Flowable]:
    from .svg import VectorChart, svg_drawing

    svg = chart_svg_of(block, ctx.theme, ctx.options)
    drawing = VectorChart(svg_drawing(svg, ctx.options, ctx.styles.regular, ctx.styles.bold), ctx.styles.regular)
    caption = _heading2(ctx, block.title)
    return [KeepTogether([caption, drawing, Spacer(0, 3 * mm)])]


def _timeline_flowables(ctx: _Ctx, block: d.Timeline) -> list[Flowable]:
    s, c = ctx.styles, ctx.theme.colors
    rows = [[TextBlock(e.date, s.with_(s.cell, font=s.bold, colour=s.date)),
             [TextBlock(e.label, s.with_(s.cell, font=s.bold)), TextBlock(e.detail, s.with_(s.cell, colour=s.muted))]]
            for e in block.events]
    table = Table(rows, colWidths=["28%", "72%"])
    table.setStyle(_table_style(ctx, [
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LINEBEFORE", (1, 0), (1, -1), 1.5, c.accent),
        ("LEFTPADDING", (1, 0), (1, -1), 10),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 6),
    ]))
    if block.caption:
        return _keep_with_next(_heading2(ctx, block.caption), table)
    return [table]


def _bullet_list_flowables(ctx: _Ctx, block: d.BulletList) -> list[Flowable]:
    return [TextBlock(item, ctx.styles.bullet) for item in block.items] + [Spacer(0, 2 * mm)]


class _TableRows(Protocol):
    """What a laid-out reportlab table holds that its type stubs do not declare: its cells and row heights."""

    _cellvalues: list[list[Any]]
    _rowHeights: list[float]


class _KeptRows(Table):
    """A table that, split across pages, repeats its header, keeps at least two body rows at the foot of a page and
    carries at least TAIL_ROWS over to the next (a page holding two rows of a table's end reads as a mistake)."""

    TAIL_ROWS = 4

    def split(self, avail_width: float, avail_height: float) -> list[Flowable]:
        parts = super().split(avail_width, avail_height)
        header = self.repeatRows or 0
        while len(parts) == 2:
            head, tail = cast("list[_TableRows]", parts)  # a table splits into two tables
            first_rows = len(head._cellvalues) - header
            if first_rows < 2:
                return []  # the whole table starts on the next page
            if len(tail._cellvalues) - header >= self.TAIL_ROWS:
                return parts
            if first_rows <= 2:
                return []
            # leave room for one row less, so that more rows go over together
            avail_height -= cast(_TableRows, self)._rowHeights[len(head._cellvalues) - 1] + 0.5
            parts = super().split(avail_width, avail_height)
        return parts


def _table_flowables(ctx: _Ctx, block: d.Table) -> list[Flowable]:
    s, c = ctx.styles, ctx.theme.colors
    weights = _room_for_units(ctx, block, block.widths or tuple(1.0 for _ in block.columns))
    total = sum(weights)
    widths = [f"{100 * w / total:.3f}%" for w in weights]
    head = [TextBlock(text, s.with_(s.cell_head, align="right" if i in block.numeric_columns else "left"))
            for i, text in enumerate(block.columns)]
    body = [[TextBlock(text, s.cell_right if i in block.numeric_columns else s.cell) for i, text in enumerate(row)]
            for row in block.rows]
    table = _KeptRows([head] + body, colWidths=widths, repeatRows=1, splitByRow=1)
    style: list[_StyleCommand] = [
        ("BACKGROUND", (0, 0), (-1, 0), c.primary),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LINEBELOW", (0, 1), (-1, -1), 0.4, c.rule),
        ("TOPPADDING", (0, 0), (-1, -1), 4),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
        ("LEFTPADDING", (0, 0), (-1, -1), 5),
        ("RIGHTPADDING", (0, 0), (-1, -1), 5),
    ]
    for r in range(2, len(block.rows) + 1, 2):
        style.append(("BACKGROUND", (0, r), (-1, r), c.light))
    table.setStyle(_table_style(ctx, style))
    if block.caption:
        return _keep_with_next(_heading2(ctx, block.caption), table) + [Spacer(0, 2 * mm)]
    return [Spacer(0, 2 * mm), table, Spacer(0, 2 * mm)]


def _room_for_units(ctx: _Ctx, block: d.Table, weights: tuple[float, ...]) -> tuple[float, ...]:
    """The columns' relative widths, widened where a column's widest unit that must not be broken (a figure with
    its qualifier and unit: about RMB 4.3 billion) would not fit, at the expense of the widest other column."""
    theme, s = ctx.theme, ctx.styles
    frame_pt = A4[0] - (theme.page_margin_inner_mm + theme.page_margin_outer_mm) * mm
    padding_pt = 10 + 1  # the cells' left and right padding, and a point to spare
    needed = [max((stringWidth(unit.strip(), s.cell.font, s.cell.size) for row in block.rows
                   for unit in tokens(row[index])), default=0) + padding_pt for index in range(len(weights))]
    share = [frame_pt * w / sum(weights) for w in weights]
    widened = False
    for index, want in enumerate(needed):
        lack = want - share[index]
        donor = max(range(len(share)), key=lambda i: share[i] - needed[i])
        if lack > 0 and donor != index and share[donor] - lack >= needed[donor]:
            share[index] += lack
            share[donor] -= lack
            widened = True
    return tuple(share) if widened else weights


def _highlight_flowables(ctx: _Ctx, block: d.Highlight) -> list[Flowable]:
    s, c = ctx.styles, ctx.theme.colors
    cells: list[list[Flowable]] = [[TextBlock(block.text, s.lead)]]
    if block.figure:
        cells.insert(0, [_FigureText(block.figure, s.kpi_value, s.with_(s.kpi_value, size=s.kpi_value.size * 0.55))])
    cells.append([TextBlock(block.attribution, s.small)])
    table = Table(cells, colWidths=["100%"])
    table.setStyle(_table_style(ctx, [("BACKGROUND", (0, 0), (-1, -1), c.light),
                               ("LINEBEFORE", (0, 0), (0, -1), 3, c.accent),
                               ("LEFTPADDING", (0, 0), (-1, -1), 10)]))
    return [table, Spacer(0, 3 * mm)]


def _paragraph_flowables(ctx: _Ctx, block: d.Paragraph) -> list[Flowable]:
    s = ctx.styles
    style = {"lead": s.lead, "body": s.body, "source": s.small}[block.role]
    return [TextBlock(block.text, style)]


def _closing_flowables(ctx: _Ctx, block: d.Closing) -> list[Flowable]:
    s = ctx.styles
    return [Spacer(0, 10 * mm), TextBlock(block.subtitle, s.with_(s.lead, align="center")),
            TextBlock(block.organisation, s.with_(s.small, align="center"))]


#: one handler per block type; a test checks that every block type has one
HANDLERS: dict[type, Callable[[_Ctx, Any], list[Flowable]]] = {
    d.Title: _title_flowables,
    d.Agenda: _agenda_flowables,
    d.Contents: _contents_flowables,
    d.SectionDivider: _section_divider_flowables,
    d.KeyFigures: _key_figures_flowables,
    d.Chart: _chart_flowables,
    d.Timeline: _timeline_flowables,
    d.BulletList: _bullet_list_flowables,
    d.Table: _table_flowables,
    d.Highlight: _highlight_flowables,
    d.Paragraph: _paragraph_flowables,
    d.Closing: _closing_flowables,
}
