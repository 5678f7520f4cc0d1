"""Text in decks: typefaces and language on every run, and sizes decided at build time with font metrics."""
from __future__ import annotations

from dataclasses import dataclass

from lxml import etree
from pptx.oxml.ns import qn
from pptx.util import Emu, Pt

from ...errors import GeneratorError
from ...fonts import MixedMetrics
from ...textfit import fit_size, normalise_punctuation

#: LibreOffice spaces Chinese and Latin apart where PowerPoint does not: measure 8 % wider than the font says
WIDTH_SLACK = 1.08
LINE_HEIGHT = 1.2
EMU_PER_PT = 12700


def hex_rgb(colour: str) -> str:
    return colour.lstrip("#").upper()


@dataclass(frozen=True)
class DeckFonts:
    """The typefaces written into the deck and the metrics used to measure text."""

    east_asian: str
    latin: str
    lang: str  # zh-CN or en-US
    regular: "MixedMetrics"
    bold: "MixedMetrics"


def set_run_props(r_pr, fonts: DeckFonts, size_pt: float | None = None, bold: bool | None = None,
                  colour: str | None = None) -> None:
    """Write size, weight, colour, language and the Latin + East Asian typefaces onto an a:rPr/a:defRPr/
    a:endParaRPr element, children in schema order (fill, latin, ea, cs)."""
    r_pr.set("lang", fonts.lang)
    r_pr.set("altLang", "en-US" if fonts.lang == "zh-CN" else "zh-CN")
    if size_pt is not None:
        r_pr.set("sz", str(int(round(size_pt * 100))))
    if bold is not None:
        r_pr.set("b", "1" if bold else "0")
    for tag in ("a:solidFill", "a:latin", "a:ea", "a:cs"):
        for old in r_pr.findall(qn(tag)):
            r_pr.remove(old)
    position = 0
    if colour is not None:
        fill = etree.SubElement(r_pr, qn("a:solidFill"))
        etree.SubElement(fill, qn("a:srgbClr")).set("val", hex_rgb(colour))
        r_pr.remove(fill)
        r_pr.insert(position, fill)
        position += 1
    # ln and effect elements never come before these in our files; insert after the fill
    for tag, face in (("a:latin", fonts.latin), ("a:ea", fonts.east_asian), ("a:cs", fonts.latin)):
        element = etree.Element(qn(tag))
        element.set("typeface", face)
        r_pr.insert(position, element)
        position += 1


@dataclass(frozen=True)
class Run:
    text: str
    size_pt: float
    bold: bool = False
    colour: str | None = None


def write_paragraphs(frame, paragraphs: list[list[Run]], fonts: DeckFonts, align=None, space_after_pt: float = 0,
                     line_spacing: float | None = None, bullet: str | None = None, bullet_colour: str | None = None,
                     indent_emu: int = 0) -> None:
    """Replace the text of a text frame with paragraphs of runs, every run fully styled."""
    frame.clear()
    for index, runs in enumerate(paragraphs):
        paragraph = frame.paragraphs[0] if index == 0 else frame.add_paragraph()
        if align is not None:
            paragraph.alignment = align
        if space_after_pt:
            paragraph.space_after = Pt(space_after_pt)
        if line_spacing:
            paragraph.line_spacing = line_spacing
        if bullet:
            _set_bullet(paragraph, bullet, bullet_colour, indent_emu)
        for item in runs:
            run = paragraph.add_run()
            run.text = normalise_punctuation(item.text)
            set_run_props(run._r.get_or_add_rPr(), fonts, item.size_pt, item.bold, item.colour)
        last = runs[-1] if runs else Run("", 12)
        set_run_props(paragraph._p.get_or_add_endParaRPr(), fonts, last.size_pt, last.bold, last.colour)


def _set_bullet(paragraph, char: str, colour: str | None, indent_emu: int) -> None:
    p_pr = paragraph._p.get_or_add_pPr()
    p_pr.set("marL", str(indent_emu))
    p_pr.set("indent", str(-indent_emu))
    for tag in ("a:buClr", "a:buFont", "a:buChar", "a:buNone"):
        for old in p_pr.findall(qn(tag)):
            p_pr.remove(old)
    if colour:
        clr = etree.SubElement(p_pr, qn("a:buClr"))
        etree.SubElement(clr, qn("a:srgbClr")).set("val", hex_rgb(colour))
    etree.SubElement(p_pr, qn("a:buFont")).set("typeface", "Arial")
    etree.SubElement(p_pr, qn("a:buChar")).set("char", char)


def prepare_frame(frame, margin_pt: float = 0, anchor=None) -> None:
    """Word wrap on, no auto-fit, fixed inner margins: the build decides sizes, not the viewer."""
    from pptx.enum.text import MSO_AUTO_SIZE

    frame.word_wrap = True
    frame.auto_size = MSO_AUTO_SIZE.NONE
    for side in ("margin_left", "margin_right", "margin_top", "margin_bottom"):
        setattr(frame, side, Pt(margin_pt))
    if anchor is not None:
        frame.vertical_anchor = anchor


def measure_at(metrics: MixedMetrics):
    """measure_at(metrics)(size)(text) -> width in points, with slack; text is already normalised."""
    def at(size_pt: float):
        return lambda text: metrics.width(text, size_pt) * WIDTH_SLACK
    return at


def fit(texts: list[str], width_emu: int, height_emu: int, sizes: list[float], metrics: MixedMetrics, where: str,
        gap: float = 0.0, max_lines: int | None = None) -> float:
    """Return the largest size of sizes at which texts fit the box; raise GeneratorError naming `where` if none."""
    width_pt, height_pt = width_emu / EMU_PER_PT, height_emu / EMU_PER_PT
    texts = [normalise_punctuation(t) for t in texts]
    result = fit_size(texts, width_pt, height_pt, sizes, measure_at(metrics), LINE_HEIGHT, gap, max_lines)
    if result is None:
        raise GeneratorError(
            f"{where}: the text does not fit its box even at {min(sizes):g} pt",
            hint="shorten the text, or lower max_bullets_per_slide / max_table_rows_per_slide in the layout so "
            "that it continues on another slide",
        )
    return result[0]


def sizes_between(largest: float, smallest: float, step: float = 2) -> list[float]:
    sizes, size = [], largest
    while size >= smallest:
        sizes.append(size)
        size -= step
    if sizes[-1] != smallest:
        sizes.append(smallest)
    return sizes


def emu(value_in: float) -> Emu:
    """Inches to EMU."""
    return Emu(int(round(value_in * 914400)))
