"""A user's corporate .pptx template: its slide layouts and placeholders, theme colours and slide size."""
from __future__ import annotations

import zipfile
from dataclasses import dataclass, replace
from pathlib import Path

from lxml import etree
from pptx import Presentation
from pptx.enum.shapes import PP_PLACEHOLDER
from pptx.opc.constants import RELATIONSHIP_TYPE as RT

from ...errors import GeneratorError, SourceRef
from ...theme import Theme
from ..slides.blocks import Frame
from ..slides.shapes import Box

EMU_PER_IN = 914400
A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"

#: the template's slide layout used for each kind of slide, by name, in order of preference (English names, and
#: the names a Chinese PowerPoint or WPS gives the same layouts)
LAYOUT_NAMES = {
    "title": ("Title Slide", "标题幻灯片"),
    "content": ("Title Only", "仅标题", "Title and Content", "标题和内容"),
    "divider": ("Section Header", "节标题"),
    "closing": ("Title Slide", "标题幻灯片", "Title Only", "仅标题"),
}
TITLE_TYPES = {PP_PLACEHOLDER.TITLE, PP_PLACEHOLDER.CENTER_TITLE}


@dataclass
class Template:
    """The opened template, the layout to use per slide kind, the frame its title placeholder gives, and the
    theme with the template's colours."""

    presentation: object
    layouts: dict
    frame: Frame
    theme: Theme


def open_template(path: Path, theme: Theme) -> Template:
    """Open the template; raise GeneratorError naming the file and what it lacks."""
    shown = SourceRef(str(path))
    if not zipfile.is_zipfile(path):
        raise GeneratorError("the template is not a PowerPoint file (.pptx)", shown,
                             "in PowerPoint: File → Save As → PowerPoint Presentation (.pptx)")
    try:
        prs = Presentation(str(path))
    except Exception as exc:  # noqa: BLE001 - python-pptx raises many types for damaged packages
        raise GeneratorError(f"the template cannot be opened: {exc}", shown, "open and save it again in PowerPoint") from None
    _remove_slides(prs)
    available = [layout.name for layout in prs.slide_layouts]
    layouts = {}
    for kind, names in LAYOUT_NAMES.items():
        found = next((l for name in names for l in prs.slide_layouts if l.name.lower() == name.lower()), None)
        if found is None:
            raise GeneratorError(
                "the template has no slide layout named " + " or ".join(f"'{n}'" for n in names)
                + f" (for {kind} slides); its layouts: " + ", ".join(f"'{n}'" for n in available),
                shown, "add or rename the layout in PowerPoint: View → Slide Master")
        layouts[kind] = found
    for kind, layout in layouts.items():
        if not any(ph.placeholder_format.type in TITLE_TYPES for ph in layout.placeholders):
            raise GeneratorError(f"the template's slide layout '{layout.name}' (for {kind} slides) has no title "
                                 "placeholder", shown, "add one in PowerPoint: View → Slide Master → Insert Placeholder")
    width, height = prs.slide_width / EMU_PER_IN, prs.slide_height / EMU_PER_IN
    title = next(ph for ph in layouts["content"].placeholders if ph.placeholder_format.type in TITLE_TYPES)
    title_box = Box(title.left / EMU_PER_IN, title.top / EMU_PER_IN, title.width / EMU_PER_IN, title.height / EMU_PER_IN)
    body_top = title_box.y + title_box.h + 0.25
    footer = 0.4
    body_box = Box(title_box.x, body_top, title_box.w, height - body_top - footer - 0.35)
    if body_box.h < 2 or body_box.w < 4:
        raise GeneratorError(f"the title placeholder of '{layouts['content'].name}' leaves no room for content "
                             f"({body_box.w:.1f} × {body_box.h:.1f} in)", shown)
    frame = Frame(width, height, max(theme.slide_margin_in, title_box.x), footer_height=footer,
                  title_box=title_box, body_box=body_box, chrome=False)
    return Template(prs, layouts, frame, _with_template_colours(theme, prs))


def _remove_slides(prs) -> None:
    """A template may carry sample slides; the deck starts without them."""
    slide_ids = prs.slides._sldIdLst
    for slide_id in list(slide_ids):
        prs.part.drop_rel(slide_id.rId)
        slide_ids.remove(slide_id)


def _with_template_colours(theme: Theme, prs) -> Theme:
    """The theme with the template's accent and dark colours for primary, accent, text and chart series."""
    try:
        blob = prs.slide_master.part.part_related_by(RT.THEME).blob
    except KeyError:
        return theme
    scheme = etree.fromstring(blob).find(f".//{A}clrScheme")
    if scheme is None:
        return theme

    def colour(name: str) -> str | None:
        element = scheme.find(f"{A}{name}")
        if element is None:
            return None
        rgb = element.find(f"{A}srgbClr")
        if rgb is not None:
            return "#" + rgb.get("val").upper()
        system = element.find(f"{A}sysClr")
        return "#" + system.get("lastClr").upper() if system is not None and system.get("lastClr") else None

    found = {name: colour(name) for name in ("dk1", "dk2", "accent1", "accent2", "accent3", "accent4", "accent5")}
    if not found["accent1"]:
        return theme
    series = tuple(c for c in (found[f"accent{i}"] for i in range(1, 6)) if c)
    colors = replace(theme.colors, primary=found["accent1"], accent=found["accent2"] or theme.colors.accent,
                     primary_dark=found["dk2"] or theme.colors.primary_dark, text=found["dk1"] or theme.colors.text,
                     series=series or theme.colors.series)
    return replace(theme, colors=colors)
