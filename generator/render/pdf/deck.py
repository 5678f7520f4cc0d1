"""The deck as PDF without LibreOffice: the shared slide layout drawn with reportlab, one slide per page, and a
handout with three slides per A4 page beside lines for notes."""
from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from ..figures import Placement, chart_svg
from ...document import Document
from ..options import RenderOptions, pdf_date
from ..slides import shapes as sh
from ..slides.drawing import DeckLayout
from ..slides import faces_of
from ..slides.faces import DeckFaces
from . import register_faces
from ...i18n import _, ngettext
from .svg import draw_drawing, svg_drawing
from .text import colour

PT = 72.0  # points per inch


class _Fonts:
    """The registered fonts of the deck's faces: for body text and headings, regular and bold, CJK and Latin."""

    def __init__(self, faces: DeckFaces, document: Document):
        self.faces = faces
        # the slide layout adds the continuation mark to the titles of slides it continues
        self.names = register_faces(faces.faces(), document.text() + document.meta.continued)
        self.regular = self.names[faces.body.regular]
        self.bold = self.names[faces.body.bold]

    def segments(self, run: sh.Run) -> list[tuple[str, str]]:
        """The run's text as (font name, text) pieces: ASCII in the Latin face where there is one, as the slide
        layout measured it, the rest in the CJK face."""
        role = self.faces.heading if run.heading else self.faces.body
        cjk = self.names[role.bold if run.bold else role.regular]
        latin_face = role.latin_bold if run.bold else role.latin_regular
        if latin_face is None:
            return [(cjk, run.text)]
        latin = self.names[latin_face]
        pieces: list[tuple[str, str]] = []
        for char in run.text:
            font = latin if char.isascii() else cjk
            if pieces and pieces[-1][0] == font:
                pieces[-1] = (font, pieces[-1][1] + char)
            else:
                pieces.append((font, char))
        return pieces


class _SlidePainter:
    """Draws laid-out slide shapes on a reportlab canvas; y runs down from the slide's top edge."""

    def __init__(self, canvas: Canvas, deck: DeckLayout, fonts: _Fonts, options: RenderOptions):
        self.c, self.height, self.fonts, self.options = canvas, deck.height_in, fonts, options
        self.regular = fonts.regular
        self.theme = deck.theme

    def y(self, y_in: float) -> float:
        return (self.height - y_in) * PT

    def draw(self, shape: sh.Shape) -> None:
        HANDLERS[type(shape)](self, shape)

    def picture(self, picture: sh.Picture) -> None:
        b = picture.box
        self.c.drawImage(picture.path, b.x * PT, self.y(b.y + b.h), b.w * PT, b.h * PT, mask="auto")

    def group(self, group: sh.Group) -> None:
        for child in group.shapes:
            self.draw(child)

    def rect(self, rect: sh.Rect) -> None:
        b, c = rect.box, self.c
        c.setFillColor(colour(rect.fill))
        x, y, w, h = b.x * PT, self.y(b.y + b.h), b.w * PT, b.h * PT
        if rect.shape == "oval":
            c.ellipse(x, y, x + w, y + h, stroke=0, fill=1)
        elif rect.shape == "rounded":
            c.roundRect(x, y, w, h, min(w, h) * 0.16, stroke=0, fill=1)
        else:
            c.rect(x, y, w, h, stroke=0, fill=1)
        if rect.text:
            self.text(rect.text)

    def text(self, text: sh.TextShape) -> None:
        """Paint the lines the slide layout broke: placed by their measured widths, each run after the last."""
        b = text.box
        indent = text.indent_in * PT
        spacing = 1.2 * (text.line_spacing or 1.0)
        heights = [sum(max(r.size_pt for r in line.runs) * spacing for line in p.lines) for p in text.paragraphs]
        total = sum(heights) + text.space_after_pt * max(0, len(text.paragraphs) - 1)
        top = {"top": 0.0, "middle": (b.h * PT - total) / 2, "bottom": b.h * PT - total}[text.anchor]
        cursor = b.y * PT + top
        for paragraph in text.paragraphs:
            for index, line in enumerate(paragraph.lines):
                size = max(r.size_pt for r in line.runs)
                baseline = cursor + size * 0.95
                x = b.x * PT + indent
                if text.align == "center":
                    x = b.x * PT + (b.w * PT - line.width_pt) / 2
                elif text.align == "right":
                    x = b.x * PT + b.w * PT - line.width_pt
                if text.bullet and index == 0:
                    self.c.setFillColor(colour(text.bullet_colour or line.runs[0].colour))
                    self.c.setFont(self.regular, size * 0.6)
                    self.c.drawString(b.x * PT, self.height * PT - baseline + size * 0.1, text.bullet)
                drawn = self.c.beginText(x, self.height * PT - baseline)
                for run in line.runs:
                    drawn.setFillColor(colour(run.colour))
                    for font, piece in self.fonts.segments(run):
                        drawn.setFont(font, run.size_pt)
                        drawn.textOut(piece)
                self.c.drawText(drawn)
                cursor += size * spacing
            cursor += text.space_after_pt

    def table(self, table: sh.TableShape) -> None:
        y = table.box.y
        for row, height in zip(table.rows, table.row_heights_in):
            x = table.box.x
            for cell, width in zip(row, table.widths_in):
                self.c.setFillColor(colour(cell.fill))
                self.c.rect(x * PT, self.y(y + height), width * PT, height * PT, stroke=0, fill=1)
                inner = sh.Box(x + table.pad_in, y, width - 2 * table.pad_in, height)
                self.text(sh.TextShape(inner, (cell.paragraph,), "cell", anchor="middle", align=cell.align))
                x += width
            y += height

    def chart(self, shape: sh.ChartShape) -> None:
        b = shape.box
        face = self.fonts.faces.body.regular
        plot, legend = shape.plot, shape.legend
        placement = Placement(shape.categories, (plot.x, plot.y, plot.w, plot.h),
                              (legend.x, legend.y, legend.w, legend.h) if legend else None)
        svg = chart_svg(shape.chart, self.theme, face, b.w, b.h, shape.size_pt, placement)
        drawing = svg_drawing(svg, self.options, self.fonts.regular, self.fonts.bold, face)
        scale = min(b.w * PT / drawing.width, b.h * PT / drawing.height)
        self.c.saveState()
        self.c.translate(b.x * PT, self.y(b.y) - drawing.height * scale)
        self.c.scale(scale, scale)
        draw_drawing(self.c, drawing, self.regular)
        self.c.restoreState()


#: the deck as PDF's and the handout's handler of each laid-out shape type (their blocks are laid out by the slide
#: layout's handlers, render/slides/blocks.py)
HANDLERS: dict[type, Callable[[_SlidePainter, Any], None]] = {
    sh.Rect: _SlidePainter.rect, sh.TextShape: _SlidePainter.text, sh.TableShape: _SlidePainter.table,
    sh.ChartShape: _SlidePainter.chart, sh.Picture: _SlidePainter.picture, sh.Group: _SlidePainter.group}


def _canvas(out_path: Path, document: Document, size: tuple[float, float], regular: str,
            created: dt.datetime) -> Canvas:
    meta = document.meta
    # the stubs type initialFontName as a number; reportlab takes the name of a registered font
    canvas = Canvas(str(out_path), pagesize=size, invariant=1, initialFontName=regular,  # type: ignore[arg-type]
                    initialFontSize=10, lang="zh-CN" if meta.language == "zh" else "en-US")
    canvas.setTitle(meta.title)
    canvas.setAuthor(meta.organisation)
    canvas.setSubject(meta.subject)
    canvas.setKeywords(", ".join(meta.keywords))
    canvas.setCreator("briefing")
    canvas.setDateFormatter(pdf_date(created))
    return canvas


def render_deck_pdf(document: Document, deck: DeckLayout, options: RenderOptions, out_path: Path) -> str:
    """Write the laid-out slides, one per page at the slide's size, with a bookmark per slide; return a summary."""
    started = time.perf_counter()
    drawings = deck.slides
    fonts = _Fonts(deck.faces or faces_of(options), document)
    canvas = _canvas(out_path, document, (deck.width_in * PT, deck.height_in * PT), fonts.regular, options.created)
    for drawing in drawings:
        painter = _SlidePainter(canvas, deck, fonts, options)
        for shape in drawing.shapes:
            painter.draw(shape)
        key = f"slide{drawing.number}"
        canvas.bookmarkPage(key)
        canvas.addOutlineEntry(f"{drawing.number}. {drawing.page.title}", key, level=0)
        canvas.showPage()
    canvas.save()
    return _("{slides} slides as PDF, {size_kb:.0f} KB, {seconds:.2f} s").format(
        slides=len(drawings), size_kb=out_path.stat().st_size / 1024, seconds=time.perf_counter() - started)


def render_handout(document: Document, deck: DeckLayout, options: RenderOptions, out_path: Path) -> str:
    """Write an A4 handout of the laid-out slides: three per page on the left, ruled lines for notes on the
    right."""
    started = time.perf_counter()
    theme, meta = deck.theme, document.meta
    drawings = deck.slides
    fonts = _Fonts(deck.faces or faces_of(options), document)
    regular = fonts.regular
    width_in, height_in = deck.width_in, deck.height_in
    page_w, page_h = A4
    margin, gap = 15 * mm, 8 * mm
    slot_h = (page_h - 2 * margin - 16 * mm - 2 * gap) / 3
    slide_w = min(page_w * 0.56, slot_h * width_in / height_in)
    scale = slide_w / (width_in * PT)
    slide_h = height_in * PT * scale
    pages = -(-len(drawings) // 3)
    canvas = _canvas(out_path, document, A4, regular, options.created)
    for start in range(0, len(drawings), 3):
        canvas.setFont(regular, 8.5)
        canvas.setFillColor(colour(theme.colors.muted))
        canvas.drawString(margin, page_h - margin + 2 * mm, meta.title)
        canvas.drawRightString(page_w - margin, margin - 8 * mm, f"{start // 3 + 1} / {pages}")
        canvas.drawString(margin, margin - 8 * mm, meta.footer)
        for slot, drawing in enumerate(drawings[start : start + 3]):
            top = page_h - margin - 8 * mm - slot * (slot_h + gap)
            x0, y0 = margin, top - slide_h
            canvas.saveState()
            canvas.translate(x0, y0)
            canvas.scale(scale, scale)
            painter = _SlidePainter(canvas, deck, fonts, options)
            for shape in drawing.shapes:
                painter.draw(shape)
            canvas.restoreState()
            canvas.setStrokeColor(colour(theme.colors.rule))
            canvas.setLineWidth(0.6)
            canvas.rect(x0, y0, slide_w, slide_h, stroke=1, fill=0)
            key = f"slide{drawing.number}"
            canvas.bookmarkHorizontal(key, 0, top)
            canvas.addOutlineEntry(f"{drawing.number}. {drawing.page.title}", key, level=0)
            lines_x0, lines_x1 = x0 + slide_w + 8 * mm, page_w - margin
            for line in range(1, 9):
                y = top - line * (slide_h / 8.5)
                canvas.line(lines_x0, y, lines_x1, y)
        canvas.showPage()
    canvas.save()
    return ngettext("{slides} slides on {pages} A4 page, {size_kb:.0f} KB, {seconds:.2f} s",
                    "{slides} slides on {pages} A4 pages, {size_kb:.0f} KB, {seconds:.2f} s", pages).format(
        slides=len(drawings), pages=pages, size_kb=out_path.stat().st_size / 1024, seconds=time.perf_counter() - started)
