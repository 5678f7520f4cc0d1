"""Document -> .pptx with python-pptx: native, editable text, tables and charts; one handler per block."""
from __future__ import annotations

import re
import time
import zipfile
from dataclasses import dataclass
from pathlib import Path

from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE
from pptx.enum.text import MSO_ANCHOR, PP_ALIGN
from pptx.oxml.ns import qn
from lxml import etree

from ...document import Document, Page
from ...fonts import MixedMetrics, latin_metrics, metrics_for
from .. import RenderOptions
from .blocks import HANDLERS, Box, SlideContext
from .text import DeckFonts, Run, emu, prepare_frame, write_paragraphs

SLIDE_SIZES_IN = {"16:9": (13.333, 7.5), "4:3": (10.0, 7.5)}


@dataclass(frozen=True)
class Frame:
    """Slide geometry in inches."""

    width: float
    height: float
    margin: float
    title_top: float = 0.38
    title_height: float = 0.85
    footer_height: float = 0.4

    @property
    def body(self) -> tuple[float, float, float, float]:
        top = self.title_top + self.title_height + 0.3
        return self.margin, top, self.width - 2 * self.margin, self.height - top - self.footer_height - 0.3


def render_pptx(document: Document, options: RenderOptions, out_path: Path) -> str:
    """Write the deck to out_path; return a summary. Raises GeneratorError when text cannot fit."""
    started = time.perf_counter()
    theme = options.theme
    lang = "zh-CN" if document.meta.language == "zh" else "en-US"
    latin = theme.fonts.latin_families
    fonts = DeckFonts(theme.fonts.deck_east_asian, theme.fonts.deck_latin, lang,
                      MixedMetrics(metrics_for(options.regular), latin_metrics(latin, False)),
                      MixedMetrics(metrics_for(options.bold), latin_metrics(latin, True)))
    prs = Presentation()
    _number_parts_in_constant_time(prs.part.package)
    width, height = SLIDE_SIZES_IN[document.slide_size]
    prs.slide_width, prs.slide_height = emu(width), emu(height)
    frame = Frame(width, height, theme.slide_margin_in)
    blank = prs.slide_layouts[6]
    total = len(document.slides)
    for number, page in enumerate(document.slides, 1):
        slide = prs.slides.add_slide(blank)
        ctx = SlideContext(slide, theme, fonts, document, page, number, frame_box(frame, page), frame)
        _frame(ctx, total)
        for block in page.blocks:
            HANDLERS[type(block)](ctx, block)
        _notes(slide, page, document, fonts)
    _properties(prs, document)
    prs.save(str(out_path))
    _normalise_zip(out_path, document.meta.date_iso)
    return f"{total} slides, {out_path.stat().st_size / 1024:.0f} KB, {time.perf_counter() - started:.2f} s"


def _number_parts_in_constant_time(package) -> None:
    """python-pptx names each new slide, notes or chart part by walking every part of the package, which makes
    a deck of n slides cost n² (minutes at a thousand slides). This deck's parts are only ever added, so a
    counter per name pattern, seeded from the parts present, gives the same names (pinned python-pptx 1.0.2)."""
    from pptx.opc.packuri import PackURI

    counters: dict[str, int] = {}

    def next_partname(tmpl: str) -> PackURI:
        if tmpl not in counters:
            prefix = tmpl[: (tmpl % 42).find("42")]
            counters[tmpl] = sum(1 for p in package.iter_parts() if p.partname.startswith(prefix))
        counters[tmpl] += 1
        return PackURI(tmpl % counters[tmpl])

    package.next_partname = next_partname


def frame_box(frame: Frame, page: Page) -> Box:
    if page.kind in ("title", "divider", "closing"):
        return Box(0, 0, frame.width, frame.height)
    return Box(*frame.body)


def _frame(ctx: SlideContext, total: int) -> None:
    """Background, title bar and footer of a slide."""
    page, theme, frame = ctx.page, ctx.theme, ctx.frame
    colors = theme.colors
    if page.kind != "content":
        return
    # a thin accent bar left of the title, the title, a rule below it
    ctx.rect(Box(frame.margin, frame.title_top + 0.12, 0.09, frame.title_height - 0.24), colors.accent, "title bar")
    title_box = Box(frame.margin + 0.25, frame.title_top, frame.width - 2 * frame.margin - 0.25, frame.title_height)
    size = ctx.fit_line(page.title, title_box, theme.sizes.deck_title_pt, 20, bold=True, where="slide title")
    shape = ctx.text_box(title_box, [[Run(page.title, size, True, colors.primary)]], anchor=MSO_ANCHOR.MIDDLE,
                         name="Title")
    del shape
    rule_y = frame.title_top + frame.title_height + 0.08
    ctx.rect(Box(frame.margin, rule_y, frame.width - 2 * frame.margin, 0.02), colors.rule, "rule")
    # footer: organisation · meeting · date on the left, the slide number on the right
    foot_y = frame.height - frame.footer_height - 0.12
    foot = ctx.text_box(Box(frame.margin, foot_y, frame.width - 2 * frame.margin - 1.2, frame.footer_height),
                        [[Run(ctx.document.meta.footer, theme.sizes.deck_footer_pt, False, colors.muted)]],
                        anchor=MSO_ANCHOR.MIDDLE, name="Footer")
    del foot
    number = ctx.text_box(Box(frame.width - frame.margin - 1.2, foot_y, 1.2, frame.footer_height),
                          [[Run(str(ctx.number), theme.sizes.deck_footer_pt, False, colors.muted)]],
                          anchor=MSO_ANCHOR.MIDDLE, align=PP_ALIGN.RIGHT, name="Slide Number")
    _slide_number_field(number, ctx.number)


def _slide_number_field(shape, number: int) -> None:
    """Turn the number's run into a slide-number field, so that it follows when slides are reordered."""
    run = shape.text_frame.paragraphs[0].runs[0]._r
    field = etree.Element(qn("a:fld"))
    field.set("id", "{B6F15528-21DE-4FAA-801E-634DDDAF4B2B}")
    field.set("type", "slidenum")
    field.append(run.find(qn("a:rPr")))
    text = etree.SubElement(field, qn("a:t"))
    text.text = str(number)
    run.addprevious(field)
    run.getparent().remove(run)


def _notes(slide, page: Page, document: Document, fonts: DeckFonts) -> None:
    """Speaker notes: talking points, then the source of each figure shown."""
    lines = [f"• {point}" for point in page.notes]
    if page.sources:
        lines.append("")
        lines.append(document.meta.source_line)
        sep = "：" if document.meta.language == "zh" else ": "
        lines.extend(f"[{s.fact_id}]{sep}“{s.quote}”" for s in page.sources)
    if not lines:
        lines = [page.title]
    frame = slide.notes_slide.notes_text_frame
    write_paragraphs(frame, [[Run(line, 12)] for line in lines], fonts)


def _properties(prs, document: Document) -> None:
    import datetime as dt

    meta = document.meta
    props = prs.core_properties
    props.title = meta.title
    props.subject = meta.subject
    props.author = meta.organisation
    props.last_modified_by = meta.organisation
    props.keywords = "; ".join(meta.keywords)
    props.language = "zh-CN" if meta.language == "zh" else "en-US"
    props.comments = meta.source_line
    props.category = meta.meeting
    props.revision = 1
    stamp = dt.datetime.fromisoformat(meta.date_iso)
    props.created = stamp
    props.modified = stamp
    props.last_printed = stamp


def _normalise_zip(path: Path, date_iso: str) -> None:
    """Rewrite the deck with fixed entry times, and the chart workbooks inside it with fixed times and dates,
    so that the same inputs give the same bytes."""
    data = _normalised_zip_bytes(path.read_bytes(), date_iso, nested=lambda name, blob: (
        _normalised_zip_bytes(blob, date_iso) if name.endswith(".xlsx") else blob))
    path.write_bytes(data)


_CORE_DATE = re.compile(rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*(</dcterms:)")


def _normalised_zip_bytes(blob: bytes, date_iso: str, nested=None) -> bytes:
    import io

    year, month, day = (int(x) for x in date_iso.split("-"))
    stamp = (max(year, 1980), month, day, 0, 0, 0)
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(blob)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = source.read(info.filename)
            if nested is not None:
                data = nested(info.filename, data)
            if info.filename == "docProps/core.xml":
                data = _CORE_DATE.sub(rb"\g<1>" + f"{date_iso}T00:00:00Z".encode() + rb"\g<2>", data)
            entry = zipfile.ZipInfo(info.filename, stamp)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o600 << 16
            target.writestr(entry, data)
    return out.getvalue()
