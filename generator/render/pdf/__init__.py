"""Document -> A4 briefing PDF with reportlab: embedded CJK subsets, contents, bookmarks, page X / Y."""
from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, CondPageBreak, Flowable, Frame, PageBreak, PageTemplate, Spacer
from reportlab.platypus.tableofcontents import TableOfContents

from ...document import Contents, Document
from ...theme import Theme
from ...errors import GeneratorError
from ...fonts import FontFace, truetype_for_pdf_all
from ..options import RenderOptions, pdf_date
from .blocks import HANDLERS, Styles, draw_charts, page_flowables
from .text import TextBlock
from ...i18n import _, ngettext

def register_fonts(options: RenderOptions, text: str, meanwhile: Callable[[], None] | None = None) -> tuple[str, str]:
    """Register the theme's regular and bold faces with reportlab (TrueType subsets for CFF fonts), running
    meanwhile() while subsets are made; return their registered names."""
    regular, bold = _register([("BriefingSans", options.regular), ("BriefingSans-Bold", options.bold)], text,
                              meanwhile)
    pdfmetrics.registerFontFamily(regular, normal=regular, bold=bold, italic=regular, boldItalic=bold)
    return regular, bold


def register_faces(faces: list[FontFace], text: str) -> dict[FontFace, str]:
    """Register faces with reportlab; return the name each is registered under."""
    faces = list(dict.fromkeys(faces))
    names = _register([("BriefingSans-Bold" if face.bold else "BriefingSans", face) for face in faces], text)
    return dict(zip(faces, names))


def _register(labelled: list[tuple[str, FontFace]], text: str, meanwhile: Callable[[], None] | None = None) -> list[str]:
    """Register each face (a TrueType subset covering text where it has CFF outlines) under its label and a
    hash of its file: a name is unique to its file, as reportlab ignores a second registration."""
    import hashlib

    names = []
    files = truetype_for_pdf_all([face for _, face in labelled], text, meanwhile)
    for (label, face), (path, index) in zip(labelled, files):
        name = f"{label}-{hashlib.sha1(f'{path}#{index}'.encode()).hexdigest()[:10]}"
        names.append(name)
        if name in pdfmetrics.getRegisteredFontNames():
            continue
        try:
            pdfmetrics.registerFont(TTFont(name, path, subfontIndex=index))
        except Exception as exc:  # noqa: BLE001 - reportlab raises several types for unusable files
            raise GeneratorError(_("reportlab cannot use the font {face_label}: {exc}").format(
                face_label=face.label, exc=exc),
                                 hint=_("name a TrueType or OpenType font file in the theme")) from None
    return names


class _BriefingDoc(BaseDocTemplate):
    def __init__(self, path: str, document: Document, styles: Styles, created: dt.datetime, **kwargs: Any):
        super().__init__(path, pagesize=A4, invariant=True, **kwargs)
        self.created = created
        self.document = document
        self.styles = styles
        self.total_pages = 0  # from the previous pass: multiBuild runs at least two for the contents

    def build(self, flowables: list[Flowable], *args: Any, **kwargs: Any) -> None:
        self.used_total = self.total_pages
        self.part_starts: list[tuple[str, int]] = []
        self.contents_entries: list[tuple[int, str, int, str]] = []  # what this pass told the contents
        super().build(flowables, *args, **kwargs)
        self.total_pages = self.page

    def afterPage(self) -> None:  # noqa: N802 - reportlab's name
        # the next page's side, from its number: reportlab's own autoNextPageTemplate keeps a stale template index
        # and so alternates facing pages in pairs (odd, odd, even, even), in a phase that depends on earlier passes
        self.handle_nextPageTemplate("odd" if (self.page + 1) % 2 else "even")

    def beforeDocument(self) -> None:  # noqa: N802 - reportlab's name
        self.canv.setDateFormatter(pdf_date(self.created))

    def afterFlowable(self, flowable: Flowable) -> None:  # noqa: N802 - reportlab's name
        outline = getattr(flowable, "outline", None)
        if outline:
            level, title, key = outline
            self.canv.bookmarkPage(key)
            self.canv.addOutlineEntry(title, key, level=level, closed=False)
            if level == 0:
                self.part_starts.append((title, self.page))
            if level <= 1 and key != "contents":
                # the contents are drawn by reportlab's Paragraph, which reads markup: the title is text, never markup
                entry = (level, escape(title), self.page, key)
                self.contents_entries.append(entry)
                self.notify("TOCEntry", entry)


def render_pdf(document: Document, options: RenderOptions, out_path: Path) -> str:
    """Write the A4 briefing to out_path; return a summary. A briefing over the layout's page budget is set
    tighter, in at most two steps that keep its text legible (see _tighter), before it is refused."""
    started = time.perf_counter()
    # a cold cache's charts are drawn while the font subsets are made in other processes
    regular, bold = register_fonts(options, document.text(), lambda: draw_charts(document, options))
    for step in range(len(_TIGHTER) + 1):
        doc = _paginate(document, options, _tighter(options.theme, step), regular, bold, out_path)
        if not document.max_pages or doc.page <= document.max_pages:
            break
    pages = doc.page
    if document.max_pages and pages > document.max_pages:
        message = _over_budget(document, doc.part_starts, pages)
        raise GeneratorError(f"{document.max_pages_origin}: {message}" if document.max_pages_origin else message,
                             hint=_("remove or shorten a part (fact_table: false, fewer figures, an appendix of fewer "
                                    "sections), or set new_page_per_part: false; or raise briefing_pages")
                             if document.page_per_part else
                             _("remove or shorten a part (fact_table: false, fewer figures, an appendix of fewer "
                               "sections); or raise briefing_pages"))
    return ngettext("{pages} page A4, {size_kb:.0f} KB, {seconds:.2f} s",
                    "{pages} pages A4, {size_kb:.0f} KB, {seconds:.2f} s", pages).format(
        pages=pages, size_kb=out_path.stat().st_size / 1024, seconds=time.perf_counter() - started)


def _paginate(document: Document, options: RenderOptions, theme: Theme, regular: str, bold: str,
              out_path: Path) -> _BriefingDoc:
    """Lay the briefing out with this theme and write it to out_path; the laid-out document (its pages)."""
    meta = document.meta
    styles = Styles(theme, regular, bold, meta.language)
    inner, outer = theme.page_margin_inner_mm * mm, theme.page_margin_outer_mm * mm
    top, bottom = theme.page_margin_top_mm * mm, theme.page_margin_bottom_mm * mm
    width, height = A4
    doc = _BriefingDoc(
        str(out_path), document, styles, options.created,
        title=meta.title, author=meta.organisation, subject=meta.subject, keywords=list(meta.keywords),
        creator="briefing", lang="zh-CN" if meta.language == "zh" else "en-US",
        initialFontName=regular, initialFontSize=10,  # no unembedded Helvetica on any page
        leftMargin=inner, rightMargin=outer, topMargin=top, bottomMargin=bottom,
    )

    def frame(odd: bool) -> Frame:
        left = inner if odd else outer
        return Frame(left, bottom, width - inner - outer, height - top - bottom, id="odd" if odd else "even",
                     leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)

    def decorate(odd: bool) -> Callable[[Canvas, _BriefingDoc], None]:
        def on_page(canvas: Canvas, doc_: _BriefingDoc) -> None:
            # the title once on a page: beside a compact cover's title block the header holds the logo alone
            titled = not (_compact_cover(document) and canvas.getPageNumber() == 1)
            if titled or theme.logo:
                _running_header(canvas, document, theme, styles, odd, inner, outer, top, titled)
            _footer(canvas, document, theme, styles, odd, inner, outer, bottom, doc_.total_pages)
        return on_page

    def cover(canvas: Canvas, doc_: _BriefingDoc) -> None:
        canvas.saveState()
        canvas.setFillColor(theme.colors.primary)
        canvas.rect(0, height * 0.52, width, height * 0.48, stroke=0, fill=1)
        canvas.setFillColor(theme.colors.accent)
        canvas.rect(inner, height * 0.52 - 3 * mm, 40 * mm, 3 * mm, stroke=0, fill=1)
        canvas.restoreState()

    templates = [
        PageTemplate("cover", [frame(True)], onPage=cover),
        PageTemplate("odd", [frame(True)], onPage=decorate(True)),
        PageTemplate("even", [frame(False)], onPage=decorate(False)),
    ]
    has_cover = bool(document.pages) and document.pages[0].kind == "title"
    doc.addPageTemplates(templates if has_cover else templates[1:] + templates[:1])  # the first is used first
    hint_keys = _pagination_keys(document, theme, options)
    hint = _read_pagination(hint_keys[0]) or _read_pagination(hint_keys[1])
    for _pass in range(3):  # until the last pass wrote "page X / Y" with the final page count
        story = _story(document, styles, options)  # fresh flowables: reportlab marks used ones
        contents = [flowable for flowable in story if isinstance(flowable, TableOfContents)]
        if hint is not None and _pass == 0:
            # last time's page numbers, for the first pass to draw with: given as the contents' entries known
            # before building (reportlab's addEntries), which its IndexingFlowable protocol (beforeBuild) keeps
            # as the last pass's; when they are right again, the contents and the page count are satisfied
            # after one pass, and when not, reportlab runs more passes
            doc.total_pages = hint[1]
            for toc in contents:
                toc.addEntries(hint[0])
        doc.multiBuild(story)
        if doc.used_total == doc.total_pages:
            break
    entries: list[tuple[Any, ...]] = list(doc.contents_entries) if contents else []
    if hint != (entries, doc.total_pages):
        for key in hint_keys:
            _write_pagination(key, entries, doc.total_pages)
    return doc


#: how a briefing over its page budget is set tighter, step by step: its type sizes (never under 9 pt for text and
#: 7.5 pt for notes), its leading and its page margins (never under 15 mm) by these factors
_TIGHTER = (0.93, 0.86)


def _tighter(theme: Theme, step: int) -> Theme:
    """The theme at a step of tightening (0: as it is)."""
    from dataclasses import replace

    if step == 0:
        return theme
    f, s = _TIGHTER[step - 1], theme.sizes
    sizes = replace(s, pdf_body_pt=max(9.0, s.pdf_body_pt * f), pdf_small_pt=max(7.5, s.pdf_small_pt * f),
                    pdf_h1_pt=s.pdf_h1_pt * f, pdf_h2_pt=s.pdf_h2_pt * f, pdf_kpi_value_pt=s.pdf_kpi_value_pt * f,
                    pdf_title_pt=s.pdf_title_pt * f, pdf_leading=max(1.35, s.pdf_leading * f))
    return replace(theme, sizes=sizes, page_margin_top_mm=max(15.0, theme.page_margin_top_mm * f),
                   page_margin_bottom_mm=max(15.0, theme.page_margin_bottom_mm * f))


def _pagination_keys(document: Document, theme: Theme, options: RenderOptions) -> tuple[str, str]:
    """Where the briefing's last page numbers are remembered: under all they depend on (its content, theme and
    fonts, and the code), and, as a guess for an edited meeting (a changed subtitle moves no page), under the
    meeting, its language, theme, fonts and the code. A remembered record only saves layout passes; a wrong one
    costs a pass, never a wrong page number."""
    from ... import cache

    return (cache.key("pagination", document, theme, options.regular, options.bold),
            cache.key("pagination", "meeting", document.meta.meeting, document.meta.language, theme,
                      options.regular, options.bold))


def _read_pagination(key: str) -> tuple[list[tuple[Any, ...]], int] | None:
    from ... import cache

    blob = cache.read("pagination", key + ".json")
    try:
        entries, total = cache.record_of(blob.decode("utf-8"))["pages"] if blob else (None, None)
        if isinstance(total, int) and isinstance(entries, list) and all(isinstance(e, list) for e in entries):
            return [tuple(entry) for entry in entries], total
    except (ValueError, KeyError, TypeError, UnicodeDecodeError):
        pass
    return None


def _write_pagination(key: str, entries: list[tuple[Any, ...]], total: int) -> None:
    from ... import cache

    cache.write("pagination", key + ".json", cache.record_text({"pages": [entries, total]}).encode("utf-8"))


def _over_budget(document: Document, starts: list[tuple[str, int]], pages: int) -> str:
    """Which parts take the room: each part's first page and how many pages it runs to."""
    parts = []
    for index, (title, first) in enumerate(starts):
        last = starts[index + 1][1] if index + 1 < len(starts) else pages + 1
        parts.append(_("“{title}” pp. {first}–{last}").format(title=title, first=first, last=last - 1)
                     if last - 1 > first else _("“{title}” p. {first}").format(title=title, first=first))
    return _("the briefing takes {pages} pages, and the layout allows {max_pages} (briefing_pages); its parts: "
             "{parts}").format(pages=pages, max_pages=document.max_pages, parts=_(", ").join(parts))


def _story(document: Document, styles: Styles, options: RenderOptions) -> list[Flowable]:
    story: list[Flowable] = []
    theme = styles.theme
    frame_height = A4[1] - (theme.page_margin_top_mm + theme.page_margin_bottom_mm) * mm
    for index, page in enumerate(document.pages):
        if index and page.kind != "title" and page.level <= 1 and document.page_per_part:
            if story and not isinstance(story[-1], (PageBreak, CondPageBreak)):
                # a part starts on a new page, unless less than a third of this one is used; the contents, whose
                # length the page numbers decide, always have their page (else a layout pass more)
                before = document.pages[index - 1]
                contents = any(isinstance(block, Contents) for block in before.blocks)
                story.append(PageBreak() if contents else CondPageBreak(frame_height * 2 / 3 + 1))
        story.extend(page_flowables(page, index, styles, document, options))
        if index == 0 and _compact_cover(document):
            story.append(Spacer(0, 6 * mm))  # the title block stands apart from the first part's heading
    return story


def _compact_cover(document: Document) -> bool:
    """Whether the briefing opens with a title block on its first page instead of a cover page."""
    return bool(document.pages) and document.pages[0].kind == "content" and \
        document.pages[0].title == document.meta.title and not document.pages[0].continued


def _running_header(canvas: Canvas, document: Document, theme: Theme, styles: Styles, odd: bool, inner: float,
                    outer: float, top: float, titled: bool = True) -> None:
    """The title (when `titled`), the logo and the rule at the head of a page."""
    width, height = A4
    canvas.saveState()
    canvas.setFont(styles.regular, theme.sizes.pdf_small_pt)
    canvas.setFillColor(styles.muted)
    y = height - top + 8 * mm
    text = document.meta.title + (f" · {document.meta.subtitle}" if document.meta.subtitle else "")
    room = width - inner - outer - (46 * mm if theme.logo else 0)
    text = _fitted(text, styles.regular, theme.sizes.pdf_small_pt, room) if titled else ""
    if odd:
        canvas.drawRightString(width - outer, y, text)
    else:
        canvas.drawString(outer, y, text)
    if theme.logo:  # a small logo on the inner side of the running header
        from reportlab.lib.utils import ImageReader

        image = ImageReader(theme.logo)
        width_px, height_px = image.getSize()
        logo_h = 6 * mm
        logo_w = min(logo_h * width_px / height_px, 40 * mm)
        x = inner if odd else width - inner - logo_w
        canvas.drawImage(image, x, y - 1 * mm, logo_w, logo_w * height_px / width_px, mask="auto")
    canvas.setStrokeColor(theme.colors.rule)
    canvas.setLineWidth(0.5)
    left = inner if odd else outer
    canvas.line(left, y - 2.5 * mm, width - (outer if odd else inner), y - 2.5 * mm)
    canvas.restoreState()


def _footer(canvas: Canvas, document: Document, theme: Theme, styles: Styles, odd: bool, inner: float, outer: float,
            bottom: float, total: int) -> None:
    width = A4[0]
    canvas.saveState()
    canvas.setFont(styles.regular, theme.sizes.pdf_small_pt)
    canvas.setFillColor(styles.muted)
    y = bottom - 10 * mm
    number = f"{canvas.getPageNumber()} / {total}"
    room = width - inner - outer - pdfmetrics.stringWidth(number, styles.regular, theme.sizes.pdf_small_pt) - 8 * mm
    footer = _fitted(document.meta.footer, styles.regular, theme.sizes.pdf_small_pt, room)
    if odd:
        canvas.drawRightString(width - outer, y, number)
        canvas.drawString(inner, y, footer)
    else:
        canvas.drawString(outer, y, number)
        canvas.drawRightString(width - inner, y, footer)
    canvas.restoreState()


def _fitted(text: str, font: str, size: float, width: float) -> str:
    """The text, or as much of it as fits the width followed by an ellipsis (a running header or footer has one
    line beside the page number and the logo)."""
    if pdfmetrics.stringWidth(text, font, size) <= width:
        return text
    low, high = 0, len(text)
    while low < high:  # the longest start that fits with its ellipsis
        middle = (low + high + 1) // 2
        if pdfmetrics.stringWidth(text[:middle].rstrip() + "…", font, size) <= width:
            low = middle
        else:
            high = middle - 1
    return text[:low].rstrip() + "…"


__all__ = ["render_pdf", "HANDLERS", "TextBlock"]
