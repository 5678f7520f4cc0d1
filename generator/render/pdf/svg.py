"""SVG charts into reportlab drawings, their text set in the registered CJK font (vector, searchable).

The SVG is cached (render/figures.py); the drawing is converted from it on every build (about 0.1 s for a meeting's
charts, in the briefing's own process): a converted drawing could only be kept as a pickle, and a cache must never
hold code to run."""
from __future__ import annotations

import io
from typing import TYPE_CHECKING, Any

from reportlab.platypus import Flowable

from ..figures import family_of
from ...fonts import FontFace

if TYPE_CHECKING:
    from reportlab.graphics.shapes import Drawing
    from reportlab.pdfgen.canvas import Canvas

    from ..options import RenderOptions

def svg_drawing(svg: bytes, options: RenderOptions, regular: str, bold: str, face: FontFace | None = None) -> Drawing:
    """Return a reportlab Drawing of the SVG, drawn by matplotlib with face (default: the options' regular
    face), whose text uses the registered fonts regular and bold."""
    drawing = _convert(svg, family_of(face or options.regular), regular, bold)
    _set_fonts(drawing, regular, bold)
    return drawing


def _convert(svg: bytes, family: str, regular: str, bold: str) -> Drawing:
    """Convert with the registered fonts, so that centred and right-aligned labels are measured correctly."""
    from svglib import fonts as svg_fonts
    from svglib.svglib import svg2rlg

    font_map = svg_fonts.get_global_font_map()
    for weight, name in (("normal", regular), ("bold", bold)):
        internal = font_map.build_internal_name(family, weight, "normal")
        font_map._map[internal] = {"svg_family": family, "svg_weight": weight, "svg_style": "normal",
                                   "rlgFont": name, "exact": True}
    font_map._family_index.setdefault(family.lower(), family)
    drawing = svg2rlg(io.BytesIO(svg))
    if drawing is None:  # svglib returns None for a file it cannot parse; matplotlib's SVG always parses
        raise RuntimeError("svglib could not read a chart drawn by matplotlib")
    return drawing


def _set_fonts(node: Any, regular: str, bold: str) -> None:  # any node of a reportlab drawing
    """Point every string of the drawing at the fonts registered for this document (the names of the
    registered subsets change with the characters a document uses)."""
    current = getattr(node, "fontName", None)
    if isinstance(current, str) and current.startswith("BriefingSans"):
        node.fontName = bold if current.startswith("BriefingSans-Bold") else regular
    for child in getattr(node, "contents", ()) or ():
        _set_fonts(child, regular, bold)


def draw_drawing(canvas: Canvas, drawing: Drawing, font_name: str) -> None:
    """Draw at the canvas origin; text with no font of its own uses font_name, never an unembedded Helvetica."""
    from reportlab.graphics import renderPDF, shapes

    saved = shapes.STATE_DEFAULTS["fontName"]
    shapes.STATE_DEFAULTS["fontName"] = font_name
    try:
        renderPDF.draw(drawing, canvas, 0, 0)
    finally:
        shapes.STATE_DEFAULTS["fontName"] = saved


class VectorChart(Flowable):
    """A flowable drawing an SVG-converted chart at the frame's width, text in our fonts (never Helvetica)."""

    def __init__(self, drawing: Drawing, font_name: str):
        super().__init__()
        self._drawing, self._font_name = drawing, font_name
        self.scale = 1.0

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        drawing = self._drawing
        self.scale = min(1.0, avail_width / drawing.width)
        self.width, self.height = drawing.width * self.scale, drawing.height * self.scale
        return self.width, self.height

    def draw(self) -> None:
        self.canv.scale(self.scale, self.scale)
        draw_drawing(self.canv, self._drawing, self._font_name)
