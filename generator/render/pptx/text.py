"""Text in decks: typefaces and language on every run (python-pptx's font.name sets only the Latin one)."""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from lxml import etree
from pptx.oxml.ns import qn
from pptx.util import Emu, Pt

from ..slides.shapes import Run

if TYPE_CHECKING:
    from pptx.enum.text import MSO_ANCHOR, PP_ALIGN
    from pptx.text.text import TextFrame, _Paragraph


def hex_rgb(colour: str) -> str:
    return colour.lstrip("#").upper()


@dataclass(frozen=True)
class DeckFonts:
    """The typefaces and language written into every run of the deck: East Asian, Latin and complex-script
    typefaces of body text, and of headings."""

    east_asian: str
    latin: str
    lang: str  # zh-CN or en-US
    heading_east_asian: str = ""
    heading_latin: str = ""
    complex_script: str = ""  # default: the Latin typeface
    heading_complex_script: str = ""

    @classmethod
    def of_template(cls, lang: str) -> "DeckFonts":
        """The template's theme fonts: minor (body) and major (headings)."""
        return cls("+mn-ea", "+mn-lt", lang, "+mj-ea", "+mj-lt", "+mn-cs", "+mj-cs")

    def typefaces(self, heading: bool) -> tuple[str, str, str]:
        """(latin, east asian, complex script) typefaces of body text or headings."""
        if heading and self.heading_latin:
            return self.heading_latin, self.heading_east_asian, self.heading_complex_script or self.heading_latin
        return self.latin, self.east_asian, self.complex_script or self.latin


#: the children of a:rPr, a:defRPr and a:endParaRPr in the order of the schema (CT_TextCharacterProperties)
RUN_PROPERTY_ORDER = ("a:ln", "a:noFill", "a:solidFill", "a:gradFill", "a:blipFill", "a:pattFill", "a:grpFill",
                      "a:effectLst", "a:effectDag", "a:highlight", "a:uLnTx", "a:uLn", "a:uFillTx", "a:uFill",
                      "a:latin", "a:ea", "a:cs", "a:sym", "a:hlinkClick", "a:hlinkMouseOver", "a:rtl", "a:extLst")
_RUN_RANKS = {qn(tag): rank for rank, tag in enumerate(RUN_PROPERTY_ORDER)}
_FILLS = tuple(qn(tag) for tag in RUN_PROPERTY_ORDER[1:7])


def child_in_order(parent: etree._Element, tag: str, ranks: dict[str, int]) -> etree._Element:
    """The parent's child of this tag; a new one, inserted before the first child that the schema's sequence
    (ranks: tag -> position) puts after it, when it has none. (python-pptx's own element classes do the same
    for the children they know, about five times slower: a deck sets several thousand run properties.)"""
    name = qn(tag)
    rank = ranks[name]
    for child in parent:
        if child.tag == name:
            return child
    element = parent.makeelement(name, {})
    for child in parent:
        if ranks.get(str(child.tag), -1) > rank:
            child.addprevious(element)
            return element
    parent.append(element)
    return element


_SOLID_FILL, _SRGB = qn("a:solidFill"), qn("a:srgbClr")
_TYPEFACES = (qn("a:latin"), qn("a:ea"), qn("a:cs"))
_R, _R_PR, _T, _BR, _END = qn("a:r"), qn("a:rPr"), qn("a:t"), qn("a:br"), qn("a:endParaRPr")
_CONTROL = re.compile(r"[\x00-\x08\x0B-\x1F]")


def set_run_props(r_pr: etree._Element, fonts: DeckFonts, size_pt: float | None = None, bold: bool | None = None,
                  colour: str | None = None, heading: bool = False) -> None:
    """Write size, weight, colour, language and the Latin, East Asian and complex-script typefaces onto an
    a:rPr/a:defRPr/a:endParaRPr element, each child in its place in the schema's sequence."""
    r_pr.set("lang", fonts.lang)
    r_pr.set("altLang", "en-US" if fonts.lang == "zh-CN" else "zh-CN")
    if size_pt is not None:
        r_pr.set("sz", str(int(round(size_pt * 100))))
    if bold is not None:
        r_pr.set("b", "1" if bold else "0")
    if len(r_pr) == 0:  # a new element: its children appended in the schema's order (fill, then typefaces)
        if colour is not None:
            etree.SubElement(etree.SubElement(r_pr, _SOLID_FILL), _SRGB).set("val", hex_rgb(colour))
        for tag, face in zip(_TYPEFACES, fonts.typefaces(heading)):
            etree.SubElement(r_pr, tag).set("typeface", face)
        return
    if colour is not None:
        for other in [child for child in r_pr if child.tag in _FILLS and child.tag != qn("a:solidFill")]:
            r_pr.remove(other)  # a run has one fill
        fill = child_in_order(r_pr, "a:solidFill", _RUN_RANKS)
        for old in list(fill):
            fill.remove(old)
        etree.SubElement(fill, qn("a:srgbClr")).set("val", hex_rgb(colour))
    latin, east_asian, complex_script = fonts.typefaces(heading)
    for tag, face in (("a:latin", latin), ("a:ea", east_asian), ("a:cs", complex_script)):
        child_in_order(r_pr, tag, _RUN_RANKS).set("typeface", face)


def write_paragraphs(frame: TextFrame, paragraphs: list[list[list[Run]]], fonts: DeckFonts, align: PP_ALIGN | None = None,
                     space_after_pt: float = 0,
                     line_spacing: float | None = None, bullet: str | None = None, bullet_colour: str | None = None,
                     indent_emu: int = 0) -> None:
    """Replace the text of a text frame with paragraphs, each of lines of runs; lines are ended by explicit line
    breaks, so that every viewer shows the lines the slide layout measured. Every run is fully styled."""
    frame.clear()
    for index, lines in enumerate(paragraphs):
        paragraph = frame.paragraphs[0] if index == 0 else frame.add_paragraph()
        if align is not None:
            paragraph.alignment = align
        if space_after_pt:
            paragraph.space_after = Pt(space_after_pt)
        if line_spacing:
            paragraph.line_spacing = line_spacing
        if bullet:
            _set_bullet(paragraph, bullet, bullet_colour, indent_emu)
        last = Run("", 12)
        p: etree._Element = paragraph._p
        # runs and line breaks go before the paragraph's end properties (a placeholder's paragraph may have them);
        # made here as python-pptx makes them (a:r of a:rPr and a:t, a:br of a:rPr), without its per-child
        # look-ups of where a new child goes: a deck has thousands of runs
        end = p.find(_END)
        for number, runs in enumerate(lines):
            if number:
                brk = p.makeelement(_BR, {})
                set_run_props(etree.SubElement(brk, _R_PR), fonts, last.size_pt, last.bold, last.colour, last.heading)
                _insert(p, brk, end)
            for item in runs:
                run = p.makeelement(_R, {})
                set_run_props(etree.SubElement(run, _R_PR), fonts, item.size_pt, item.bold, item.colour, item.heading)
                # control characters written as python-pptx writes them (_x0007_)
                etree.SubElement(run, _T).text = _CONTROL.sub(lambda m: "_x%04X_" % ord(m.group(0)), item.text)
                _insert(p, run, end)
            last = runs[-1] if runs else last
        set_run_props(paragraph._p.get_or_add_endParaRPr(), fonts, last.size_pt, last.bold, last.colour, last.heading)


def _insert(p: etree._Element, child: etree._Element, end: etree._Element | None) -> None:
    if end is None:
        p.append(child)
    else:
        end.addprevious(child)


#: the children of a:pPr in the order of the schema (CT_TextParagraphProperties)
PARAGRAPH_PROPERTY_ORDER = ("a:lnSpc", "a:spcBef", "a:spcAft", "a:buClrTx", "a:buClr", "a:buSzTx", "a:buSzPct",
                            "a:buSzPts", "a:buFontTx", "a:buFont", "a:buNone", "a:buAutoNum", "a:buChar", "a:buBlip",
                            "a:tabLst", "a:defRPr", "a:extLst")
_PARAGRAPH_RANKS = {qn(tag): rank for rank, tag in enumerate(PARAGRAPH_PROPERTY_ORDER)}


def _set_bullet(paragraph: _Paragraph, char: str, colour: str | None, indent_emu: int) -> None:
    p_pr = paragraph._p.get_or_add_pPr()
    p_pr.set("marL", str(indent_emu))
    p_pr.set("indent", str(-indent_emu))
    for tag in ("a:buClr", "a:buFont", "a:buChar", "a:buNone"):
        for old in p_pr.findall(qn(tag)):
            p_pr.remove(old)
    if colour:
        clr = child_in_order(p_pr, "a:buClr", _PARAGRAPH_RANKS)
        etree.SubElement(clr, qn("a:srgbClr")).set("val", hex_rgb(colour))
    child_in_order(p_pr, "a:buFont", _PARAGRAPH_RANKS).set("typeface", "Arial")
    child_in_order(p_pr, "a:buChar", _PARAGRAPH_RANKS).set("char", char)


def prepare_frame(frame: TextFrame, margin_pt: float = 0, anchor: MSO_ANCHOR | None = None) -> None:
    """Word wrap on, no auto-fit, fixed inner margins: the build decides sizes, not the viewer."""
    from pptx.enum.text import MSO_AUTO_SIZE

    frame.word_wrap = True
    frame.auto_size = MSO_AUTO_SIZE.NONE
    for side in ("margin_left", "margin_right", "margin_top", "margin_bottom"):
        setattr(frame, side, Pt(margin_pt))
    if anchor is not None:
        frame.vertical_anchor = anchor


def emu(value_in: float) -> Emu:
    """Inches to EMU."""
    return Emu(int(round(value_in * 914400)))
