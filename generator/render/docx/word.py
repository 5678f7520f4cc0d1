"""WordprocessingML that python-docx has no API for: styles written whole, heading and bullet numbering, fields
(contents, page numbers), the page's grid, facing-page footers, the font table's fallbacks and reproducible zips."""
from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from typing import TYPE_CHECKING, Any

from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn

from .styles import TWIPS_PER_MM, Look, StyleSpec

if TYPE_CHECKING:
    from docx.document import Document as WordDocument

TWIPS_PER_PT = 20
#: numbering definitions: the headings' (一、 （一） 1.) and the key points' bullets
HEADING_NUMBERING, BULLET_NUMBERING = 901, 902


def element(tag: str, **attributes: str | int | float) -> Any:  # an lxml element of python-docx's classes
    """A new w: element with w: attributes (names without the prefix)."""
    node = OxmlElement(tag)
    for name, value in attributes.items():
        node.set(qn(f"w:{name}"), str(value))
    return node


def twips(points: float) -> int:
    return round(points * TWIPS_PER_PT)


def mm_twips(millimetres: float) -> int:
    return round(millimetres * TWIPS_PER_MM)


# ------------------------------------------------------------------------------------------------ styles


def write_styles(word: WordDocument, look: Look, language: str) -> None:
    """Replace the template's document defaults and the styles the briefing uses by the look's, each written
    whole (the template's colours, theme fonts and spacing would otherwise leak into them)."""
    styles = word.styles.element
    lang = "zh-CN" if language == "zh" else "en-US"
    defaults = styles.find(qn("w:docDefaults"))
    if defaults is not None:
        styles.remove(defaults)
    normal = look.styles[0]
    defaults = element("w:docDefaults")
    rpr_default = element("w:rPrDefault")
    rpr_default.append(_run_properties(normal, lang, defaults=True))
    defaults.append(rpr_default)
    ppr_default = element("w:pPrDefault")
    ppr_default.append(element("w:pPr"))
    defaults.append(ppr_default)
    styles.insert(0, defaults)
    for spec in look.styles:
        for old in styles.findall(qn("w:style")):
            if old.get(qn("w:styleId")) == spec.style_id:
                styles.remove(old)
        styles.append(_style(spec, lang, look))


def _style(spec: StyleSpec, lang: str, look: Look) -> Any:
    style = element("w:style", type=spec.kind, styleId=spec.style_id)
    if spec.style_id == "Normal":
        style.set(qn("w:default"), "1")
    style.append(element("w:name", val=spec.name))
    if spec.alias and lang == "zh-CN":
        style.append(element("w:aliases", val=spec.alias))
    if spec.based_on:
        style.append(element("w:basedOn", val=spec.based_on))
    style.append(element("w:next", val="Normal" if spec.style_id.startswith(("Heading", "Title", "TOCHeading"))
                         else spec.style_id))
    style.append(element("w:uiPriority", val=9 if spec.style_id.startswith("Heading") else 1))
    style.append(element("w:qFormat"))
    if spec.kind == "paragraph":
        style.append(_paragraph_properties(spec, look))
    style.append(_run_properties(spec, lang))
    return style


def _paragraph_properties(spec: StyleSpec, look: Look) -> Any:
    ppr = element("w:pPr")
    if spec.keep_next:
        ppr.append(element("w:keepNext"))
        ppr.append(element("w:keepLines"))
    if spec.page_break_before:
        ppr.append(element("w:pageBreakBefore"))
    ppr.append(element("w:widowControl"))
    level = {"Heading1": 0, "Heading2": 1, "Heading3": 2}.get(spec.style_id)
    if look.numbered_headings and level is not None:
        numbering = element("w:numPr")
        numbering.append(element("w:ilvl", val=level))
        numbering.append(element("w:numId", val=HEADING_NUMBERING))
        ppr.append(numbering)
    if spec.style_id == "ListBullet":
        numbering = element("w:numPr")
        numbering.append(element("w:numId", val=BULLET_NUMBERING))
        ppr.append(numbering)
    if not spec.snap_to_grid:
        ppr.append(element("w:snapToGrid", val=0))
    spacing = element("w:spacing", before=twips(spec.before_pt), after=twips(spec.after_pt))
    if spec.line_pt:
        spacing.set(qn("w:line"), str(twips(spec.line_pt)))
        spacing.set(qn("w:lineRule"), "exact")
    elif spec.line_multiple:
        spacing.set(qn("w:line"), str(round(240 * spec.line_multiple)))
        spacing.set(qn("w:lineRule"), "auto")
    ppr.append(spacing)
    if spec.first_line_chars >= 0 or spec.left_chars:
        size = spec.size_pt or look.body_pt
        indent = element("w:ind")
        if spec.left_chars:
            indent.set(qn("w:leftChars"), str(spec.left_chars))
            indent.set(qn("w:left"), str(twips(size * spec.left_chars / 100)))
        if spec.first_line_chars >= 0:
            indent.set(qn("w:firstLineChars"), str(spec.first_line_chars))
            indent.set(qn("w:firstLine"), str(twips(size * spec.first_line_chars / 100)))
        ppr.append(indent)
    if spec.align:
        ppr.append(element("w:jc", val=spec.align))
    if spec.outline_level is not None:
        ppr.append(element("w:outlineLvl", val=spec.outline_level))
    return ppr


def _run_properties(spec: StyleSpec, lang: str, defaults: bool = False) -> Any:
    rpr = element("w:rPr")
    if spec.east_asian or spec.latin:
        fonts = element("w:rFonts")
        if spec.latin:
            for slot in ("ascii", "hAnsi", "cs"):
                fonts.set(qn(f"w:{slot}"), spec.latin)
        if spec.east_asian:
            fonts.set(qn("w:eastAsia"), spec.east_asian)
        rpr.append(fonts)
    if spec.bold:
        rpr.append(element("w:b"))
        rpr.append(element("w:bCs"))
    elif spec.style_id.startswith(("Heading", "Title")):
        rpr.append(element("w:b", val=0))  # Word's own heading styles are bold; these say they are not
        rpr.append(element("w:bCs", val=0))
    if spec.colour:
        rpr.append(element("w:color", val=spec.colour.lstrip("#").upper()))
    if spec.char_spacing_pt:
        rpr.append(element("w:spacing", val=twips(spec.char_spacing_pt)))
    if spec.size_pt:
        rpr.append(element("w:sz", val=round(spec.size_pt * 2)))
        rpr.append(element("w:szCs", val=round(spec.size_pt * 2)))
    if defaults:
        rpr.append(element("w:lang", val=lang, eastAsia="zh-CN", bidi="ar-SA"))
    elif spec.latin_breaks:
        rpr.append(element("w:lang", val="en-US", eastAsia="en-US"))
    elif spec.latin_breaks_east_asian:
        rpr.append(element("w:lang", val=lang, eastAsia="en-US"))
    return rpr


# ----------------------------------------------------------------------------------------------- numbering


def write_numbering(word: WordDocument, look: Look) -> None:
    """The headings' multi-level numbering (一、 （一） 1.), restarting under each higher level, and a bullet."""
    numbering = word.part.numbering_part.element
    levels = [("chineseCounting", "%1、", "Heading1"), ("chineseCounting", "（%2）", "Heading2"),
              ("decimal", "%3.", "Heading3")]
    body = "".join(
        f'<w:lvl w:ilvl="{index}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/><w:pStyle w:val="{style}"/>'
        f'<w:suff w:val="nothing"/><w:lvlText w:val="{text}"/><w:lvlJc w:val="left"/>'
        # indented two characters like the body, as official documents set their headings
        f'<w:pPr><w:ind w:left="0" w:firstLineChars="200" w:firstLine="{twips(look.body_pt * 2)}"/></w:pPr></w:lvl>'
        for index, (fmt, text, style) in enumerate(levels))
    headings = parse_xml(f'<w:abstractNum {nsdecls("w")} w:abstractNumId="{HEADING_NUMBERING}">'
                         f'<w:multiLevelType w:val="multilevel"/>{body}</w:abstractNum>')
    bullet = parse_xml(
        f'<w:abstractNum {nsdecls("w")} w:abstractNumId="{BULLET_NUMBERING}"><w:multiLevelType w:val="singleLevel"/>'
        f'<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="bullet"/><w:lvlText w:val="■"/>'
        f'<w:lvlJc w:val="left"/><w:pPr><w:ind w:left="{twips(look.body_pt * 1.6)}" '
        f'w:hanging="{twips(look.body_pt * 1.6)}"/></w:pPr><w:rPr><w:sz w:val="{round(look.body_pt * 1.2)}"/>'
        f'</w:rPr></w:lvl></w:abstractNum>')
    first_num = numbering.find(qn("w:num"))
    for abstract in (headings, bullet):
        if first_num is not None:
            first_num.addprevious(abstract)  # every abstractNum precedes every num
        else:
            numbering.append(abstract)
    for number in (HEADING_NUMBERING, BULLET_NUMBERING):
        numbering.append(parse_xml(f'<w:num {nsdecls("w")} w:numId="{number}"><w:abstractNumId w:val="{number}"/>'
                                   f'</w:num>'))


# ------------------------------------------------------------------------------------------ page and footers


def set_up_pages(word: WordDocument, look: Look, header_text: str) -> None:
    """A4 with the look's margins, mirrored for printing on both sides; the grid of lines and characters; page
    numbers "— N —" on the outer side of odd and even pages; a running header where the look has one."""
    from docx.shared import Mm

    from .blocks import field, paragraph, runs

    section = word.sections[0]
    width, height = look.page_mm
    top, inside, bottom, outside = look.margins_mm
    section.page_width, section.page_height = Mm(width), Mm(height)
    section.top_margin, section.bottom_margin = Mm(top), Mm(bottom)
    section.left_margin, section.right_margin = Mm(inside), Mm(outside)
    section.header_distance, section.footer_distance = Mm(max(top - 15, 8)), Mm(look.footer_mm)
    section.gutter = Mm(0)
    sect: Any = section._sectPr
    grid = sect.find(qn("w:docGrid"))
    if grid is not None:
        sect.remove(grid)
    if look.grid is not None:
        # A grid of lines only: LibreOffice (7.4) sets a grid of lines and characters ("linesAndChars") with
        # the line pitch as the character pitch, 15 characters a line instead of 28; the body style's condensed
        # spacing makes the 28 characters in Word, WPS and LibreOffice alike.
        lines, _chars = look.grid
        grid = element("w:docGrid", type="lines", linePitch=int((height - top - bottom) / lines * TWIPS_PER_MM))
    else:
        grid = element("w:docGrid", linePitch=360)
    sect.append(grid)
    size_pt = next((s.size_pt for s in look.styles if s.style_id == "Footer"), look.body_pt)
    indent = twips(size_pt * look.page_number_chars_in)

    def side(odd: bool) -> str:  # the outer side: right on odd pages, left on even ones
        return "right" if odd else "left"

    for footer, odd in ((section.footer, True), (section.even_page_footer, False)):
        footer.is_linked_to_previous = False
        _replace_content(footer._element, paragraph(
            "", "Footer", f'<w:ind w:{side(odd)}="{indent}"/><w:jc w:val="{side(odd)}"/>',
            runs("— ") + field("PAGE", "1") + runs(" —")))
    for header, odd in ((section.header, True), (section.even_page_header, False)):
        header.is_linked_to_previous = False
        _replace_content(header._element, paragraph(header_text, "Header",
                                                    f'<w:jc w:val="{side(odd)}"/>'))


def _replace_content(story: Any, xml: str) -> None:
    for child in list(story):
        story.remove(child)
    story.append(parse_xml(xml.replace("<w:p>", f'<w:p {nsdecls("w")}>', 1)))


def write_settings(word: WordDocument, language: str) -> None:
    """Facing pages with mirrored margins (printed on both sides), even and odd footers, and the language; the
    template's copy of its styles for Word 2010 goes (it would disagree with the styles written here)."""
    settings = word.settings.element
    for tag, after in (("w:mirrorMargins", "w:zoom"), ("w:evenAndOddHeaders", "w:defaultTabStop")):
        anchor = settings.find(qn(after))
        if settings.find(qn(tag)) is None and anchor is not None:  # python-docx's template has both anchors
            anchor.addnext(element(tag))
    fonts_lang = settings.find(qn("w:themeFontLang"))
    if fonts_lang is not None:
        fonts_lang.set(qn("w:val"), "zh-CN" if language == "zh" else "en-US")
        fonts_lang.set(qn("w:eastAsia"), "zh-CN")
    for rel_id, rel in list(word.part.rels.items()):
        if rel.reltype.endswith("/stylesWithEffects"):
            word.part.drop_rel(rel_id)


def write_font_table(word: WordDocument, look: Look) -> None:
    """Name the office fonts the styles use, each with the font Word and WPS take where it is not installed."""
    from docx.opc.constants import RELATIONSHIP_TYPE as RT

    if not look.fonts:
        return
    from lxml import etree

    table = next((rel.target_part for rel in word.part.rels.values() if rel.reltype == RT.FONT_TABLE), None)
    if table is None:  # python-docx's own template has one
        return
    fonts = etree.fromstring(table.blob)
    for name, fallback in look.fonts.items():
        font = parse_xml(
            f'<w:font {nsdecls("w")} w:name="{name}"><w:altName w:val="{fallback}"/><w:charset w:val="86"/>'
            f'<w:family w:val="{"modern" if name == "黑体" else "roman"}"/><w:pitch w:val="variable"/></w:font>')
        fonts.append(font)
    table._blob = etree.tostring(fonts, xml_declaration=True, encoding="UTF-8", standalone=True)


# ---------------------------------------------------------------------------------------------- the package


_CORE_DATE = re.compile(rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*(</dcterms:)")


def reproducible_zip(blob: bytes, created: dt.datetime) -> bytes:
    """The package with every entry's time, and the core properties' dates, set to the build's creation time, so
    that the same inputs give the same bytes. (The PPTX painter does the same for decks; python-docx offers no way
    to choose the zip times.)"""
    stamp = (created.year, created.month, created.day, created.hour, created.minute, created.second // 2 * 2)
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(blob)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename == "docProps/core.xml":
                data = _CORE_DATE.sub(rb"\g<1>" + f"{created:%Y-%m-%dT%H:%M:%S}Z".encode() + rb"\g<2>", data)
            entry = zipfile.ZipInfo(info.filename, stamp)
            # the pictures are PNG, compressed already: stored as they are (deflating them again cost 0.05 s)
            entry.compress_type = zipfile.ZIP_STORED if info.filename.startswith("word/media/") else zipfile.ZIP_DEFLATED
            entry.external_attr = 0o600 << 16
            target.writestr(entry, data)
    return out.getvalue()
