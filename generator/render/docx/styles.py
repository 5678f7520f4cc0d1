"""The editable briefing's paragraph styles: GB/T 9704-2012 for Chinese, a plain business style for English, or the
theme's designed look; each a table of named styles that carry every font, size and spacing (no direct formatting)."""
from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any, Literal

from ...theme import Theme, ink

#: twentieths of a point, WordprocessingML's length unit, in a millimetre
TWIPS_PER_MM = 1440 / 25.4

#: the national format's page: A4, top margin 37 mm, binding margin 28 mm, type area 156 × 225 mm
OFFICIAL_PAGE_MM = (210.0, 297.0)
OFFICIAL_MARGINS_MM = (37.0, 28.0, 297.0 - 37.0 - 225.0, 210.0 - 28.0 - 156.0)  # top, left (binding), bottom, right
#: 22 lines of 28 characters in the type area: the line pitch and the character pitch
OFFICIAL_LINES, OFFICIAL_CHARS = 22, 28

# The fonts Chinese offices have for official documents (Windows with the 方正 and GB2312 fonts installed), and
# what Word and WPS use where one is missing (the font table's altName): 仿宋_GB2312 → 仿宋 and so on.
XIAOBIAOSONG = "方正小标宋简体"
FANGSONG = "仿宋_GB2312"
KAITI = "楷体_GB2312"
HEITI = "黑体"
SONGTI = "宋体"
FALLBACKS = {XIAOBIAOSONG: "宋体", FANGSONG: "仿宋", KAITI: "楷体", HEITI: "SimHei", SONGTI: "SimSun"}
LATIN_SERIF = "Times New Roman"
LATIN_SANS = "Arial"

DocxStyle = Literal["official", "designed"]


@dataclass(frozen=True)
class StyleSpec:
    """One paragraph (or character) style: its id, its name in the document's language, what it is based on, and
    its look. Sizes in points; line spacing as an exact pitch in points, or a multiple of single spacing."""

    style_id: str
    name: str
    based_on: str | None = "Normal"
    east_asian: str = ""
    latin: str = ""
    size_pt: float = 0
    bold: bool = False
    colour: str = ""  # #RRGGBB
    align: Literal["", "left", "center", "right", "both"] = ""
    line_pt: float = 0  # an exact line pitch
    line_multiple: float = 0
    before_pt: float = 0
    after_pt: float = 0
    first_line_chars: int = -1  # first-line indent in characters (-1: inherit)
    left_chars: int = 0
    keep_next: bool = False
    page_break_before: bool = False
    outline_level: int | None = None
    snap_to_grid: bool = True
    char_spacing_pt: float = 0  # added to each character's advance (negative: condensed)
    latin_breaks: bool = False  # Latin line-breaking rules (the language en-US), for figures kept whole
    #: Latin line-breaking rules for the Chinese text too (a table's text): LibreOffice (7.4) breaks a table cell's
    #: lines by the cell's Chinese language, which ignores word joiners and split 9 figures of the appendix
    #: (40.|1亿元); with this, none (measured)
    latin_breaks_east_asian: bool = False
    alias: str = ""  # the Chinese name Word shows beside a built-in style's (e.g. 一级标题 for Heading 1)
    kind: Literal["paragraph", "character"] = "paragraph"


@dataclass(frozen=True)
class Look:
    """Everything the painter needs to know about one style set: the styles, the page, the grid, how headings are
    numbered and how points are set."""

    styles: tuple[StyleSpec, ...]
    page_mm: tuple[float, float]
    margins_mm: tuple[float, float, float, float]  # top, left (inside), bottom, right (outside)
    footer_mm: float
    grid: tuple[int, int] | None  # lines per page, characters per line
    body_pt: float
    numbered_headings: bool  # 一、 （一） 1.
    points_as_list: bool  # key points as a bulleted list (otherwise as indented body paragraphs)
    page_number_chars_in: float = 1  # the page number's distance from the type area's edge, in characters
    fonts: dict[str, str] = field(default_factory=dict)  # font name -> what to use where it is missing


#: a figure in running text, held together with its unit (see blocks.FIGURE_STYLE)
FIGURE_TEXT = StyleSpec("FigureText", "Figure Text", None, latin_breaks=True, kind="character", first_line_chars=-1)


def official_look() -> Look:
    """GB/T 9704-2012: body 3号 (16 pt) 仿宋, title 2号 (22 pt) 小标宋 centred, headings 黑体 / 楷体 / bold 仿宋,
    black, 22 lines of 28 characters, page numbers 4号 (14 pt) 宋体."""
    height = OFFICIAL_PAGE_MM[1] - OFFICIAL_MARGINS_MM[0] - OFFICIAL_MARGINS_MM[2]
    pitch = height / OFFICIAL_LINES / 25.4 * 72  # 28.95 pt
    black = "#000000"
    body: dict[str, Any] = dict(latin=LATIN_SERIF, size_pt=16.0, colour=black, line_pt=pitch)
    styles = (
        # 28 characters of 16 pt in 156 mm: a pitch of 15.79 pt, so each character is condensed by 0.25 pt
        StyleSpec("Normal", "Normal", None, FANGSONG, align="both", first_line_chars=200, alias="正文",
                  char_spacing_pt=-0.25, **body),
        FIGURE_TEXT,
        StyleSpec("Title", "Title", "Normal", XIAOBIAOSONG, LATIN_SERIF, 22, colour=black, align="center",
                  line_pt=pitch * 1.2, after_pt=pitch, first_line_chars=0, alias="标题"),
        StyleSpec("Subtitle", "Subtitle", "Normal", KAITI, align="center", first_line_chars=0, alias="副标题"),
        StyleSpec("Heading1", "heading 1", "Normal", HEITI, keep_next=True, outline_level=0, alias="一级标题"),
        StyleSpec("Heading2", "heading 2", "Normal", KAITI, keep_next=True, outline_level=1, alias="二级标题"),
        StyleSpec("Heading3", "heading 3", "Normal", FANGSONG, bold=True, keep_next=True, outline_level=2,
                  alias="三级标题"),
        StyleSpec("Lead", "导语", "Normal", KAITI),
        StyleSpec("Signature", "落款", "Normal", align="center", first_line_chars=0),
        # table lines at an exact pitch: a line of Latin figures alone would be lower than one with Chinese
        StyleSpec("TableText", "表格", "Normal", FANGSONG, size_pt=12, align="left", line_pt=12 * 1.35,
                  first_line_chars=0, snap_to_grid=False, latin_breaks_east_asian=True),
        StyleSpec("TableHeading", "表头", "TableText", HEITI, keep_next=True),
        StyleSpec("TableNumber", "表格数字", "TableText", align="right"),
        StyleSpec("Figure", "图", "Normal", align="center", line_multiple=1.0, first_line_chars=0, snap_to_grid=False,
                  keep_next=True),
        StyleSpec("KeyFigure", "数字", "TableText", HEITI, size_pt=16, line_pt=16 * 1.3, keep_next=True),
        StyleSpec("Caption", "caption", "Normal", FANGSONG, size_pt=12, align="left", line_multiple=1.0,
                  first_line_chars=0, snap_to_grid=False, before_pt=3, after_pt=6, alias="注释"),
        StyleSpec("TOCHeading", "TOC Heading", "Normal", HEITI, align="center", first_line_chars=0,
                  outline_level=None, alias="目录标题"),
        StyleSpec("TOC1", "toc 1", "Normal", first_line_chars=0, alias="目录 1"),
        StyleSpec("TOC2", "toc 2", "Normal", first_line_chars=0, left_chars=200, alias="目录 2"),
        StyleSpec("Footer", "footer", "Normal", SONGTI, size_pt=14, line_multiple=1.0, first_line_chars=0,
                  snap_to_grid=False, alias="页脚"),
        StyleSpec("Header", "header", "Normal", SONGTI, size_pt=10.5, line_multiple=1.0, first_line_chars=0,
                  snap_to_grid=False, alias="页眉"),
    )
    return Look(_with_appendix(styles, "附录标题"), OFFICIAL_PAGE_MM, OFFICIAL_MARGINS_MM, 26.0,
                (OFFICIAL_LINES, OFFICIAL_CHARS),
                16.0, numbered_headings=True, points_as_list=False, fonts=dict(FALLBACKS))


def business_look() -> Look:
    """The English equivalent: the same page and margins, 12 pt Times New Roman body, Arial headings, black, page
    numbers as "— 1 —" on the outer side."""
    black = "#000000"
    body: dict[str, Any] = dict(size_pt=12.0, colour=black, line_multiple=1.15, after_pt=6)
    styles = (
        StyleSpec("Normal", "Normal", None, SONGTI, LATIN_SERIF, align="both", first_line_chars=0, **body),
        FIGURE_TEXT,
        StyleSpec("Title", "Title", "Normal", HEITI, LATIN_SANS, 20, bold=True, align="center", after_pt=12),
        StyleSpec("Subtitle", "Subtitle", "Normal", SONGTI, LATIN_SANS, 13, align="center", after_pt=12),
        StyleSpec("Heading1", "heading 1", "Normal", HEITI, LATIN_SANS, 15, bold=True, before_pt=12, after_pt=6,
                  keep_next=True, outline_level=0),
        StyleSpec("Heading2", "heading 2", "Normal", HEITI, LATIN_SANS, 13, bold=True, before_pt=10, after_pt=4,
                  keep_next=True, outline_level=1),
        StyleSpec("Heading3", "heading 3", "Normal", HEITI, LATIN_SANS, 12, bold=True, before_pt=8, after_pt=3,
                  keep_next=True, outline_level=2),
        StyleSpec("Lead", "Lead", "Normal", bold=True),
        StyleSpec("Signature", "Signature", "Normal", align="center"),
        StyleSpec("TableText", "Table Text", "Normal", size_pt=10, align="left", line_pt=10 * 1.35, after_pt=0,
                  latin_breaks_east_asian=True),
        StyleSpec("TableHeading", "Table Heading", "TableText", HEITI, LATIN_SANS, bold=True, keep_next=True),
        StyleSpec("TableNumber", "Table Number", "TableText", align="right"),
        StyleSpec("Figure", "Figure", "Normal", align="center", line_multiple=1.0, keep_next=True),
        StyleSpec("KeyFigure", "Key Figure", "TableText", HEITI, LATIN_SANS, 14, bold=True, line_pt=14 * 1.3,
                  keep_next=True),
        StyleSpec("Caption", "caption", "Normal", size_pt=10, align="left", line_multiple=1.0, before_pt=3),
        StyleSpec("TOCHeading", "TOC Heading", "Normal", HEITI, LATIN_SANS, 15, bold=True, after_pt=12),
        StyleSpec("TOC1", "toc 1", "Normal", after_pt=4),
        StyleSpec("TOC2", "toc 2", "Normal", after_pt=4, left_chars=200),
        StyleSpec("ListBullet", "List Bullet", "Normal", after_pt=4),
        StyleSpec("Footer", "footer", "Normal", size_pt=12, line_multiple=1.0, after_pt=0),
        StyleSpec("Header", "header", "Normal", size_pt=9, line_multiple=1.0, after_pt=0),
    )
    return Look(_with_appendix(styles, "Appendix Heading"), OFFICIAL_PAGE_MM, OFFICIAL_MARGINS_MM, 23.0, None, 12.0,
                numbered_headings=False,
                points_as_list=True, fonts={HEITI: "SimHei", SONGTI: "SimSun"})


def designed_look(theme: Theme, language: str) -> Look:
    """The briefing PDF's own look in Word: the theme's fonts, sizes, colours and margins."""
    s, theme_colours = theme.sizes, theme.colors
    # every text legible on paper (WCAG AA), templates included: the heading, lead and caption colours as painted
    c = replace(theme_colours, text=ink(theme_colours.text, theme_colours, s.pdf_body_pt),
                primary=ink(theme_colours.primary, theme_colours, s.pdf_body_pt + 1, True),
                accent=ink(theme_colours.accent, theme_colours, s.pdf_h2_pt - 1, True),
                muted=ink(theme_colours.muted, theme_colours, s.pdf_small_pt))
    east_asian, latin = theme.fonts.deck_east_asian, theme.fonts.deck_latin
    body: dict[str, Any] = dict(size_pt=s.pdf_body_pt, colour=c.text, line_multiple=s.pdf_leading, after_pt=4)
    styles = (
        StyleSpec("Normal", "Normal", None, east_asian, latin, align="both", first_line_chars=0,
                  alias="正文" if language == "zh" else "", **body),
        FIGURE_TEXT,
        StyleSpec("Title", "Title", "Normal", size_pt=s.pdf_title_pt, bold=True, colour=c.primary, align="left",
                  line_multiple=1.1, after_pt=8, alias="标题" if language == "zh" else ""),
        StyleSpec("Subtitle", "Subtitle", "Normal", size_pt=s.pdf_h2_pt + 1, colour=c.muted, align="left",
                  after_pt=24),
        StyleSpec("Heading1", "heading 1", "Normal", size_pt=s.pdf_h1_pt, bold=True, colour=c.primary,
                  before_pt=6, after_pt=8, keep_next=True, outline_level=0, line_multiple=1.2,
                  alias="一级标题" if language == "zh" else ""),
        StyleSpec("Heading2", "heading 2", "Normal", size_pt=s.pdf_h2_pt, bold=True, colour=c.primary,
                  before_pt=10, after_pt=5, keep_next=True, outline_level=1, line_multiple=1.2,
                  alias="二级标题" if language == "zh" else ""),
        StyleSpec("Heading3", "heading 3", "Normal", size_pt=s.pdf_body_pt + 1, bold=True, colour=c.primary,
                  before_pt=6, after_pt=3, keep_next=True, outline_level=2, alias="三级标题" if language == "zh" else ""),
        StyleSpec("Lead", "导语" if language == "zh" else "Lead", "Normal", size_pt=s.pdf_h2_pt - 1, bold=True,
                  colour=c.accent, align="left"),
        StyleSpec("Signature", "落款" if language == "zh" else "Signature", "Normal", align="left"),
        StyleSpec("TableText", "表格" if language == "zh" else "Table Text", "Normal", size_pt=s.pdf_small_pt + 0.5,
                  align="left", line_pt=(s.pdf_small_pt + 0.5) * 1.45, after_pt=0, latin_breaks_east_asian=True),
        StyleSpec("TableHeading", "表头" if language == "zh" else "Table Heading", "TableText", bold=True,
                  keep_next=True),
        StyleSpec("TableNumber", "表格数字" if language == "zh" else "Table Number", "TableText", align="right"),
        StyleSpec("Figure", "图" if language == "zh" else "Figure", "Normal", align="center", line_multiple=1.0,
                  keep_next=True),
        StyleSpec("KeyFigure", "数字" if language == "zh" else "Key Figure", "TableText", size_pt=s.pdf_kpi_value_pt,
                  bold=True, colour=c.primary, line_pt=s.pdf_kpi_value_pt * 1.3, keep_next=True),
        StyleSpec("Caption", "caption", "Normal", size_pt=s.pdf_small_pt, colour=c.muted, align="left",
                  line_multiple=1.3, alias="注释" if language == "zh" else ""),
        StyleSpec("TOCHeading", "TOC Heading", "Heading1", outline_level=None),
        StyleSpec("TOC1", "toc 1", "Normal", size_pt=s.pdf_body_pt + 1, after_pt=6),
        StyleSpec("TOC2", "toc 2", "Normal", after_pt=4, left_chars=200),
        StyleSpec("ListBullet", "List Bullet", "Normal", after_pt=3),
        StyleSpec("Footer", "footer", "Normal", size_pt=s.pdf_small_pt, colour=c.muted, line_multiple=1.0,
                  after_pt=0),
        StyleSpec("Header", "header", "Normal", size_pt=s.pdf_small_pt, colour=c.muted, line_multiple=1.0,
                  after_pt=0),
    )
    margins = (theme.page_margin_top_mm, theme.page_margin_inner_mm, theme.page_margin_bottom_mm,
               theme.page_margin_outer_mm)
    return Look(_with_appendix(styles, "附录标题" if language == "zh" else "Appendix Heading"), OFFICIAL_PAGE_MM,
                margins, max(theme.page_margin_bottom_mm - 12, 6), None, s.pdf_body_pt,
                numbered_headings=False, points_as_list=True, page_number_chars_in=0)


def _with_appendix(styles: tuple[StyleSpec, ...], name: str) -> tuple[StyleSpec, ...]:
    """The styles and the appendix's heading: Heading 1's look and level, outside the headings' numbering."""
    from dataclasses import replace

    heading = next(spec for spec in styles if spec.style_id == "Heading1")
    return styles + (replace(heading, style_id="Appendix", name=name, alias=""),)


def look_for(style: DocxStyle | None, language: str, theme: Theme) -> Look:
    """The style set a document gets: the national format (Chinese) or its English equivalent by default, the
    theme's designed look when the layout asks for it."""
    if style == "designed":
        return designed_look(theme, language)
    return official_look() if language == "zh" else business_look()
