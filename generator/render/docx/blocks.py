"""One handler per block type, writing blocks into the Word document as styled paragraphs, tables and pictures.

The body is written as WordprocessingML text and parsed once: python-docx's object API took 0.55 s for the default
meeting's 850 table cells (table.cell() walks the whole table each time), this takes under 0.05 s."""
from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from functools import lru_cache
from typing import TYPE_CHECKING, Any
from xml.sax.saxutils import escape

from ... import document as d
from ...document import Document, Page
from ...textfit import tokens
from .styles import TWIPS_PER_MM, Look

if TYPE_CHECKING:
    from docx.document import Document as WordDocument

    from .. import RenderOptions

#: joins the characters of a figure and its unit so that no line breaks inside (U+2060 WORD JOINER, invisible);
#: a no-break space where the figure has a space, in English
JOINER = "\u2060"
NO_BREAK_SPACE = "\u00a0"
_ENGLISH_FIGURE = re.compile(
    r"(?:(?<=\bRMB)|(?<=\bUSD)|(?<=\babout)|(?<=\bover)|(?<=\bnearly))\s(?=\d)|(?<=\d)\s(?=[A-Za-z%])")
#: the character style of a figure in running text: Latin line breaking rules inside it (LibreOffice's Chinese
#: line breaking ignores the word joiner and splits 259|亿元; measured on the article's sentences)
FIGURE_STYLE = "FigureText"


#: qualifiers written after a figure's unit (2亿美元以上): they stay with it
QUALIFIERS = ("以上", "以下", "左右", "以内")


def _units(text: str) -> list[str]:
    """textfit's unbreakable units, a figure's qualifier joined to it."""
    units = tokens(text)
    merged: list[str] = []
    index = 0
    while index < len(units):
        unit = units[index]
        if any(c.isdigit() for c in unit) and "".join(units[index + 1 : index + 3]).startswith(QUALIFIERS):
            unit, index = unit + "".join(units[index + 1 : index + 3]), index + 3
        else:
            index += 1
        merged.append(unit)
    return merged


@lru_cache(maxsize=4096)
def pieces(text: str) -> tuple[tuple[str, bool], ...]:
    """The text as (piece, is_figure): each figure joined with its unit, qualifier and the punctuation that
    follows by word joiners (a no-break space for a space inside it). Remembered: tables repeat figures."""
    if not any(c.isdigit() for c in text):
        return ((text, False),)
    text = _ENGLISH_FIGURE.sub(NO_BREAK_SPACE, text)
    out: list[tuple[str, bool]] = []
    for token in _units(text):
        figure = any(c.isdigit() for c in token) and not token.isspace()
        # a Chinese figure's characters are joined; an English one is held by its no-break spaces already
        piece = JOINER.join(token) if figure and _WIDE.search(token) else token
        if out and not figure and not out[-1][1]:  # each figure a run of its own: lines may break between two
            out[-1] = (out[-1][0] + piece, figure)
        else:
            out.append((piece, figure))
    return tuple(out)


#: characters whose font Word chooses by the language (quotes, dashes), and the Chinese characters around them
_AMBIGUOUS = re.compile("[“”‘’—…·]")
_CHINESE = re.compile("[\u3400-\u9fff]")
#: Chinese characters and full-width punctuation (、，（）): a figure holding one is joined by word joiners
_WIDE = re.compile("[\u2e80-\uffef]")


def _properties(piece: str, figure: bool) -> str:
    """A run's properties: the figure style, and the East Asian font hint for quotes and dashes among Chinese
    characters (so that Word sets them in the Chinese font, full width, whatever the paragraph's language)."""
    hint = '<w:rFonts w:hint="eastAsia"/>' if _AMBIGUOUS.search(piece) and _CHINESE.search(piece) else ""
    style = f'<w:rStyle w:val="{FIGURE_STYLE}"/>' if figure else ""
    return f"<w:rPr>{style}{hint}</w:rPr>" if style or hint else ""


def runs(text: str, whole: bool = False) -> str:
    """The WordprocessingML runs of a text: no formatting of their own; figures in the figure character style.
    whole: the text is one figure (a key figure: 2亿美元以上, 翻一番), joined from end to end."""
    out = []
    held = _ENGLISH_FIGURE.sub(NO_BREAK_SPACE, text)
    for piece, figure in (((JOINER.join(held) if _WIDE.search(held) else held, True),) if whole
                          else pieces(text)):
        style = _properties(piece, figure)
        for index, line in enumerate(piece.split("\n")):
            if index:
                out.append(f"<w:r>{style}<w:br/></w:r>")
            if line:
                out.append(f'<w:r>{style}<w:t xml:space="preserve">{escape(line)}</w:t></w:r>')
    return "".join(out)


def paragraph(text: str, style: str, extra: str = "", content: str = "") -> str:
    """A paragraph of the style holding the text; extra: more paragraph properties (in the schema's order after
    the style); content: runs already written."""
    return f'<w:p><w:pPr><w:pStyle w:val="{style}"/>{extra}</w:pPr>{runs(text, style == "KeyFigure")}{content}</w:p>'


class Ctx:
    """What a handler writes into: the body's XML, the look, the composed document and the page."""

    def __init__(self, word: WordDocument, look: Look, document: Document, options: RenderOptions):
        self.word, self.look, self.document, self.options = word, look, document, options
        self.page: Page | None = None
        self.index = 0
        self.new_page = False  # the next paragraph starts a page
        self.body: list[str] = []

    def para(self, text: str, style: str, extra: str = "", content: str = "") -> None:
        if self.new_page:
            extra = "<w:pageBreakBefore/>" + extra
            self.new_page = False
        self.body.append(paragraph(text, style, extra, content))

    @property
    def heading_style(self) -> str:
        """The style of a heading inside the current part (a table's or chart's caption)."""
        return "Heading2" if self.page is None or self.page.level <= 1 else "Heading3"

    @property
    def width_mm(self) -> float:
        top, inside, bottom, outside = self.look.margins_mm
        return self.look.page_mm[0] - inside - outside

    def table(self, rows: Sequence[Sequence[Sequence[tuple[str, str]]]], widths: Sequence[float] = (),
              header: bool = False, keep_rows: int = 0) -> None:
        """A table of the full type width with a grid, columns in proportion to widths; each cell a list of
        (text, paragraph style); with header, the first row repeats on every page the table runs to; the first
        keep_rows rows are kept with the next (the paragraph property keepNext)."""
        if self.new_page:  # a table cannot carry the page break: an empty paragraph before it does
            self.para("", "Normal")
        columns = max(len(row) for row in rows)
        weights = list(widths) or [1.0] * columns
        sizes = _widened([round(self.width_mm * TWIPS_PER_MM * weight / sum(weights)) for weight in weights],
                         [max((_unit_twips(text) for row in rows if index < len(row) for text, _style in row[index]),
                              default=0) for index in range(columns)])
        out = [f'<w:tbl><w:tblPr><w:tblStyle w:val="TableGrid"/><w:tblW w:w="{sum(sizes)}" w:type="dxa"/>'
               '<w:tblLayout w:type="fixed"/><w:tblLook w:val="04A0" w:firstRow="1" w:lastRow="0" '
               'w:firstColumn="0" w:lastColumn="0" w:noHBand="0" w:noVBand="1"/></w:tblPr><w:tblGrid>']
        out += [f'<w:gridCol w:w="{size}"/>' for size in sizes]
        out.append("</w:tblGrid>")
        for number, row in enumerate(rows):
            properties = "<w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>" if header and number == 0 else \
                "<w:trPr><w:cantSplit/></w:trPr>"
            out.append(f"<w:tr>{properties}")
            for size, cell in zip(sizes, row):
                keep = "<w:keepNext/>" if number < keep_rows else ""
                content = "".join(paragraph(text, style, keep) for text, style in cell) or paragraph("", "TableText")
                out.append(f'<w:tc><w:tcPr><w:tcW w:w="{size}" w:type="dxa"/></w:tcPr>{content}</w:tc>')
            out.append("</w:tr>")
        out.append("</w:tbl>")
        self.body.append("".join(out))


#: the size of table text (表格, 12 pt in every look) and a cell's left and right margins, in twips
_TABLE_PT = 12
_CELL_MARGINS_TWIPS = 2 * 108 + 40


def _unit_twips(text: str) -> int:
    """The width of the widest unbreakable figure of a cell's text (a figure with its unit, qualifier and tag, as
    the line breaker keeps it), estimated from the table's size: a Chinese or full-width character an em, a Latin
    one 0.62 em, with a tenth more (the offices' and LibreOffice's substitute fonts differ in their widths)."""
    widest = 0.0
    for unit in tokens(text):
        if not any(c.isdigit() for c in unit):
            continue
        ems = 1.1 * sum(1.0 if ord(c) > 0x2E7F else 0.62 for c in unit if c != JOINER)
        widest = max(widest, ems)
    return round(widest * _TABLE_PT * 20) + _CELL_MARGINS_TWIPS if widest else 0


def _widened(sizes: list[int], needed: list[int]) -> list[int]:
    """Column sizes with each column at least as wide as its widest figure needs, taken from the widest column that
    can spare it (the same rule as the briefing's tables), so that Word and LibreOffice need not break a figure."""
    # a column gives at most half its share: a column of words (a label, a quote) needs no figure's width, and
    # without a floor it could be given away whole (an English target of many words left its labels 0 cm)
    floor = [max(need, size // 2) for size, need in zip(sizes, needed)]
    sizes = list(sizes)
    for index, need in enumerate(needed):
        while sizes[index] < need:
            spare = [other for other in range(len(sizes)) if other != index and sizes[other] > floor[other]]
            if not spare:
                break
            donor = max(spare, key=lambda other: sizes[other] - floor[other])
            moved = min(need - sizes[index], sizes[donor] - floor[donor])
            sizes[index] += moved
            sizes[donor] -= moved
    return sizes


def _grid(ctx: Ctx, columns: Sequence[str], rows: Sequence[Sequence[str]], numeric: Sequence[int] = (),
          widths: Sequence[float] = (), whole: bool = False) -> None:
    """A table with a header row; whole: kept on one page (a chart's figures, with the chart)."""
    head = [[(text, "TableHeading")] for text in columns]
    body = [[[(text, "TableNumber" if index in numeric else "TableText")] for index, text in enumerate(row)]
            for row in rows]
    ctx.table([head, *body], widths, header=True, keep_rows=len(rows) if whole else 0)


def page_heading(ctx: Ctx, page: Page) -> None:
    """A part's title: Heading 1 (Heading 2 for a sub-part), outside the numbering for the appendix; the
    document's title where the first part is a title block (a compact cover) rather than a numbered part."""
    appendix = any(isinstance(b, d.Table) and b.role == "appendix" for b in page.blocks)
    title_block = ctx.index == 0 and page.title == ctx.document.meta.title
    ctx.para(page.title, "Title" if title_block else "Appendix" if appendix else
             "Heading1" if page.level <= 1 else "Heading2")


# ---------------------------------------------------------------------------------------------- handlers


def _add_title(ctx: Ctx, block: d.Title) -> None:
    ctx.para(block.title, "Title")
    if block.subtitle:
        ctx.para(block.subtitle, "Subtitle")
    ctx.para(block.organisation, "Signature")
    ctx.para(block.date, "Signature")
    if block.note:
        ctx.para(block.note, "Caption")


def _add_agenda(ctx: Ctx, block: d.Agenda) -> None:
    for number, item in enumerate(block.items, block.start):
        ctx.para(f"{number}. {item}", "Normal")


def _field_char(kind: str) -> str:
    dirty = ' w:dirty="true"' if kind == "begin" else ""  # Word computes the result when it opens the document
    return f'<w:r><w:fldChar w:fldCharType="{kind}"{dirty}/></w:r>'


def field(instruction: str, shown: str) -> str:
    """A complete field as runs: its instruction and the result shown until it is updated."""
    return (_field_char("begin") + f'<w:r><w:instrText xml:space="preserve"> {escape(instruction)} </w:instrText></w:r>'
            + _field_char("separate") + runs(shown) + _field_char("end"))


def _add_contents(ctx: Ctx, block: d.Contents) -> None:
    """The contents as a TOC field over the part headings, showing their titles until Word fills in the page
    numbers (it updates the field when the document opens; LibreOffice and WPS: right-click, Update)."""
    ctx.para(block.title, "TOCHeading")
    entries = [page.title for page in ctx.document.pages[ctx.index + 1:]
               if page.kind == "content" and page.title and page.level <= 1
               and not any(isinstance(b, d.Contents) for b in page.blocks)] or [""]
    begin = _field_char("begin") + ('<w:r><w:instrText xml:space="preserve"> TOC \\o "1-1" \\h \\z \\u '
                                    '</w:instrText></w:r>') + _field_char("separate")
    for index, title in enumerate(entries):
        content = runs(title) + (_field_char("end") if index == len(entries) - 1 else "")
        ctx.body.append(f'<w:p><w:pPr><w:pStyle w:val="TOC1"/></w:pPr>{begin if index == 0 else ""}{content}</w:p>')


def _add_section_divider(ctx: Ctx, block: d.SectionDivider) -> None:
    ctx.para(f"{block.number:02d} {block.title}", ctx.heading_style)
    ctx.para(block.headline, "Lead")


def _add_key_figures(ctx: Ctx, block: d.KeyFigures) -> None:
    per_row = min(3 if len(block.figures) != 4 else 2, len(block.figures))
    cells = [[(figure.text, "KeyFigure"), (figure.label, "TableText")] for figure in block.figures]
    cells += [[] for _ in range(-len(cells) % per_row)]
    ctx.table([cells[i : i + per_row] for i in range(0, len(cells), per_row)])


def _add_chart(ctx: Ctx, block: d.Chart) -> None:
    """The chart as a high-resolution picture with its description as alt text, and its figures in a small
    table under it (the type area is one column)."""
    import io

    from docx.shared import Mm
    from lxml import etree

    from ..figures import chart_png

    ctx.para(block.title, ctx.heading_style)
    height_mm = CHART_HEIGHTS_MM[block.kind]
    png = chart_png(block, ctx.options.theme, ctx.options.regular, ctx.width_mm / 25.4, height_mm / 25.4, 300)
    inline = ctx.word.part.new_pic_inline(io.BytesIO(png), Mm(ctx.width_mm), None)
    inline.docPr.set("descr", block.description)
    inline.docPr.set("title", block.title)
    drawing = etree.tostring(inline, encoding="unicode")
    ctx.para("", "Figure", content=f"<w:r><w:drawing>{drawing}</w:drawing></w:r>")
    columns = [""] + [series.name for series in block.series]
    rows = [[category] + [series.labels[i] for series in block.series] for i, category in enumerate(block.categories)]
    _grid(ctx, columns, rows, numeric=range(1, len(columns)), widths=[2.4] + [1.0] * len(block.series), whole=True)


def _add_timeline(ctx: Ctx, block: d.Timeline) -> None:
    if block.caption:
        ctx.para(block.caption, ctx.heading_style)
    ctx.table([[[(event.date, "TableHeading")], [(event.label, "TableHeading"), (event.detail, "TableText")]]
               for event in block.events], (0.28, 0.72))


def _add_bullet_list(ctx: Ctx, block: d.BulletList) -> None:
    style = "ListBullet" if ctx.look.points_as_list else "Normal"
    for item in block.items:
        ctx.para(item, style)


def _add_table(ctx: Ctx, block: d.Table) -> None:
    if block.caption:
        ctx.para(block.caption, ctx.heading_style)
    _grid(ctx, block.columns, block.rows, block.numeric_columns, block.widths)


def _add_highlight(ctx: Ctx, block: d.Highlight) -> None:
    if block.figure:
        ctx.para(block.figure.text, "KeyFigure")
    ctx.para(block.text, "Lead")
    if block.attribution:
        ctx.para(block.attribution, "Caption")


def _add_paragraph(ctx: Ctx, block: d.Paragraph) -> None:
    ctx.para(block.text, {"lead": "Lead", "body": "Normal", "source": "Caption"}[block.role])


def _add_closing(ctx: Ctx, block: d.Closing) -> None:
    ctx.para(block.subtitle, "Signature")
    ctx.para(block.organisation, "Signature")


#: one handler per block type; a test checks that every block type has one
#: the editable briefing's handler of each chart kind (generator/chartkinds): the height of its picture, drawn by
#: figures.DRAW as a 300 dpi PNG
CHART_HEIGHTS_MM: dict[str, float] = {"column": 62, "bar": 62, "grouped": 62, "grouped_bar": 62, "doughnut": 58,
                                      "line": 62, "trend": 62}

HANDLERS: dict[type, Callable[[Ctx, Any], None]] = {
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

__all__ = ["HANDLERS", "Ctx", "page_heading"]
