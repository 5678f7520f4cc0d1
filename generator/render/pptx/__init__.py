"""Document -> .pptx with python-pptx: the shared slide layout drawn as native, editable shapes, tables and charts."""
from __future__ import annotations

import datetime as dt
import re
import time
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from pptx import Presentation

from ...document import Document
from ..options import RenderOptions
from ...i18n import _
from ..slides import DeckLayout
from .draw import Painter
from .speed import remembered_lookups
from .template import localise_prompts, open_presentation
from ..slides.shapes import Run
from .text import DeckFonts, emu, write_paragraphs

if TYPE_CHECKING:
    from pptx.opc.package import OpcPackage
    from pptx.presentation import Presentation as PresentationT
    from pptx.oxml.xmlchemy import BaseOxmlElement
    from pptx.slide import NotesSlide, Slide


def render_pptx(document: Document, deck: DeckLayout, options: RenderOptions, out_path: Path) -> str:
    """Paint the laid-out deck into out_path (on the template's masters and layouts when it has one); return a
    summary."""
    started = time.perf_counter()
    with remembered_lookups():
        _paint(document, deck, options, out_path)
    _normalise_zip(out_path, options.created)
    return _("{slides} slides, {size_kb:.0f} KB, {seconds:.2f} s").format(
        slides=len(deck.slides), size_kb=out_path.stat().st_size / 1024, seconds=time.perf_counter() - started)


def _paint(document: Document, deck: DeckLayout, options: RenderOptions, out_path: Path) -> None:
    """Paint the laid-out deck and save it to out_path."""
    lang = "zh-CN" if document.meta.language == "zh" else "en-US"
    if deck.template is not None:
        # the template's masters, layouts, theme colours and theme fonts (+mn-lt, +mn-ea) and its slide size
        prs, layouts = open_presentation(deck.template)
        fonts = DeckFonts.of_template(lang)
        layout_for = {kind: layouts[kind if kind in layouts else "content"]
                      for kind in ("title", "content", "divider", "closing")}
    else:
        prs = Presentation()
        prs.slide_width, prs.slide_height = emu(deck.width_in), emu(deck.height_in)
        localise_prompts(prs, lang)
        fonts = DeckFonts(deck.theme.fonts.deck_east_asian, deck.theme.fonts.deck_latin, lang)
        layout_for = dict.fromkeys(("title", "content", "divider", "closing"), prs.slide_layouts[6])
    _number_parts_in_constant_time(prs.part.package)
    painter = Painter(fonts, deck.theme, template=deck.template is not None)
    blank_notes = _BlankNotes()
    for drawing in deck.slides:
        slide = prs.slides.add_slide(layout_for[drawing.page.kind])
        painter.begin_slide(slide)
        for shape in drawing.shapes:
            painter.draw(slide.shapes, shape)
        painter.end_slide()
        _notes(blank_notes.add(slide), drawing.notes, fonts)
    _properties(prs, document, options.created)
    prs.save(str(out_path))


def _number_parts_in_constant_time(package: OpcPackage) -> None:
    """Name each new slide, notes, chart or theme part with a number above every one its kind has yet.

    python-pptx names a new part by walking every part of the package, which makes a deck of n slides cost n²
    (minutes at a thousand slides). Here each name pattern's numbers in use are read once, and new numbers count
    up from the highest: unique by construction, whatever numbers a template's parts have (a template whose only
    theme is theme2.xml gets theme3.xml, never a second theme2.xml). Every part this renderer adds is named here,
    so the numbers read stay complete."""
    from pptx.opc.packuri import PackURI

    used: dict[str, set[int]] = {}

    def next_partname(tmpl: str) -> PackURI:
        numbers = used.get(tmpl)
        if numbers is None:
            head, tail = tmpl.split("%d")
            pattern = re.compile(re.escape(head) + r"(\d+)" + re.escape(tail))
            numbers = used[tmpl] = {int(found.group(1)) for part in package.iter_parts()
                                    if (found := pattern.fullmatch(str(part.partname)))}
        number = max(numbers, default=0) + 1
        numbers.add(number)
        return PackURI(tmpl % number)

    package.next_partname = next_partname  # type: ignore[method-assign]  # this package object's own naming


class _BlankNotes:
    """Adds each slide's notes page. python-pptx makes each one anew from the notes master (parsing a template and
    cloning the master's placeholders: a quarter of a deck's painting); every blank notes page of a deck is the
    same XML, so the first one python-pptx makes is copied for the others, related as python-pptx relates it."""

    def __init__(self) -> None:
        self.blank: BaseOxmlElement | None = None

    def add(self, slide: Slide) -> NotesSlide:
        from copy import deepcopy

        from pptx.opc.constants import CONTENT_TYPE as CT
        from pptx.opc.constants import RELATIONSHIP_TYPE as RT
        from pptx.parts.slide import NotesSlidePart

        slide_part = slide.part
        if self.blank is None:
            notes_slide = slide.notes_slide
            self.blank = deepcopy(notes_slide._element)
            return notes_slide
        package = slide_part.package
        notes_part = NotesSlidePart(package.next_partname("/ppt/notesSlides/notesSlide%d.xml"), CT.PML_NOTES_SLIDE,
                                    package, deepcopy(self.blank))
        notes_part.relate_to(package.presentation_part.notes_master_part, RT.NOTES_MASTER)
        notes_part.relate_to(slide_part, RT.SLIDE)
        slide_part.relate_to(notes_part, RT.NOTES_SLIDE)
        notes: NotesSlide = slide.notes_slide  # python-pptx finds the related part
        return notes


def _notes(notes_slide: NotesSlide, notes: tuple[str, ...], fonts: DeckFonts) -> None:
    """Speaker notes, one paragraph per line."""
    frame = notes_slide.notes_text_frame
    if frame is None:
        from ...errors import GeneratorError

        raise GeneratorError(_("the template's notes page has no body placeholder for the speaker notes"),
                             hint=_("add one in PowerPoint: View → Notes Master"))
    write_paragraphs(frame, [[[Run(line, 12)]] for line in notes], fonts)


def _properties(prs: PresentationT, document: Document, created: dt.datetime) -> None:
    from ..properties import fill_core_properties

    fill_core_properties(prs.core_properties, document.meta, created)


def _normalise_zip(path: Path, created: dt.datetime) -> None:
    """Rewrite the deck with fixed entry times, and the chart workbooks inside it with fixed times and dates,
    so that the same inputs give the same bytes."""
    data = _normalised_zip_bytes(path.read_bytes(), created, nested=lambda name, blob: (
        _normalised_zip_bytes(blob, created) if name.endswith(".xlsx") else blob))
    path.write_bytes(data)


_CORE_DATE = re.compile(rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*(</dcterms:)")


def _normalised_zip_bytes(blob: bytes, created: dt.datetime,
                          nested: Callable[[str, bytes], bytes] | None = None) -> bytes:
    import io

    # a zip entry's time has two-second steps
    stamp = (created.year, created.month, created.day, created.hour, created.minute, created.second // 2 * 2)
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(blob)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = source.read(info.filename)
            if nested is not None:
                data = nested(info.filename, data)
            if info.filename == "docProps/core.xml":
                data = _CORE_DATE.sub(rb"\g<1>" + f"{created:%Y-%m-%dT%H:%M:%S}Z".encode() + rb"\g<2>", data)
            entry = zipfile.ZipInfo(info.filename, stamp)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o600 << 16
            target.writestr(entry, data)
    return out.getvalue()
