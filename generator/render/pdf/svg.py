"""SVG charts into reportlab drawings, their text set in the registered CJK font (vector, searchable)."""
from __future__ import annotations

import io

from ...charts import family_of


def svg_drawing(svg: bytes, options, regular: str, bold: str):
    """Return a reportlab Drawing of the SVG, mapping the chart's font family to the registered fonts."""
    from svglib import fonts as svg_fonts
    from svglib.svglib import svg2rlg

    family = family_of(options.regular)
    font_map = svg_fonts.get_global_font_map()
    for weight, name in (("normal", regular), ("bold", bold)):
        internal = font_map.build_internal_name(family, weight, "normal")
        font_map._map[internal] = {"svg_family": family, "svg_weight": weight, "svg_style": "normal",
                                   "rlgFont": name, "exact": True}
    font_map._family_index.setdefault(family.lower(), family)
    drawing = svg2rlg(io.BytesIO(svg))
    return drawing


class VectorChart:
    """A flowable drawing an SVG-converted chart at the frame's width, text in our fonts (never Helvetica)."""

    def __new__(cls, drawing, font_name: str):
        from reportlab.graphics import renderPDF
        from reportlab.graphics import shapes
        from reportlab.platypus import Flowable

        class _Chart(Flowable):
            def wrap(self, avail_width, avail_height):
                self.scale = min(1.0, avail_width / drawing.width)
                self.width, self.height = drawing.width * self.scale, drawing.height * self.scale
                return self.width, self.height

            def draw(self):
                saved = shapes.STATE_DEFAULTS["fontName"]
                shapes.STATE_DEFAULTS["fontName"] = font_name
                try:
                    self.canv.scale(self.scale, self.scale)
                    renderPDF.draw(drawing, self.canv, 0, 0)
                finally:
                    shapes.STATE_DEFAULTS["fontName"] = saved

        return _Chart()
