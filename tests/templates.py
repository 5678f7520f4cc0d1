"""Corporate templates made in code with python-pptx, of any slide size, for the tests (nothing binary is kept)."""
from __future__ import annotations

import re
from pathlib import Path

EMU_PER_IN = 914400

#: the slide sizes templates come in, in inches
TEMPLATE_SIZES_IN = {
    "4:3": (10.0, 7.5),
    "16:9": (13.333, 7.5),
    "16:10": (10.0, 6.25),
    "16:9 old": (10.0, 5.625),
    "A4 landscape": (10.83, 7.5),
}


def make_template(path: Path, size_in: tuple[float, float] = (10.0, 7.5), accent: str | None = None,
                  major: tuple[str, str] | None = None, minor: tuple[str, str] | None = None,
                  layout_names: dict[str, str] | None = None, drop_layout: str | None = None,
                  sample_slide: bool = True) -> Path:
    """Save python-pptx's default template at another slide size, its master and layouts scaled to it as
    PowerPoint does; optionally with another accent colour, theme fonts (latin, east asian) and layout names."""
    from pptx import Presentation
    from pptx.opc.constants import RELATIONSHIP_TYPE as RT

    prs = Presentation()
    old_w, old_h = prs.slide_width, prs.slide_height
    width, height = (int(round(v * EMU_PER_IN)) for v in size_in)
    prs.slide_width, prs.slide_height = width, height
    for owner in [prs.slide_master, *prs.slide_layouts]:
        for shape in owner.shapes:
            if shape._element.xpath("./p:spPr/a:xfrm"):
                shape.left, shape.width = shape.left * width // old_w, shape.width * width // old_w
                shape.top, shape.height = shape.top * height // old_h, shape.height * height // old_h
    theme = prs.slide_master.part.part_related_by(RT.THEME)
    blob = theme.blob.decode("utf-8")
    if accent:
        blob = blob.replace('<a:srgbClr val="4F81BD"/>', f'<a:srgbClr val="{accent}"/>', 1)
    for tag, fonts in (("majorFont", major), ("minorFont", minor)):
        if fonts:
            latin, east_asian = fonts
            blob = re.sub(rf'(<a:{tag}><a:latin typeface=")[^"]*("/><a:ea typeface=")[^"]*"',
                          rf'\g<1>{latin}\g<2>{east_asian}"', blob)
    theme._blob = blob.encode("utf-8")
    if drop_layout:
        layout = next(l for l in prs.slide_layouts if l.name == drop_layout)
        prs.slide_layouts.remove(layout)
    for layout in prs.slide_layouts:
        layout.name = (layout_names or {}).get(layout.name, layout.name)
    if sample_slide:
        prs.slides.add_slide(prs.slide_layouts[0]).shapes.title.text = "a sample slide the deck must not keep"
    prs.save(str(path))
    return path
