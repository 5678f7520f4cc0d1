"""A user's corporate .pptx template: read what the slide layout needs, and open it to add the deck's slides."""
from __future__ import annotations

import zipfile
from pathlib import Path

from lxml import etree
from pptx import Presentation
from pptx.enum.shapes import PP_PLACEHOLDER
from pptx.opc.constants import RELATIONSHIP_TYPE as RT

from ...errors import GeneratorError, SourceRef
from ..slides.shapes import Box
from ..slides.template import DeckTemplate

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


def read_template(path: Path) -> DeckTemplate:
    """Read what the slide layout needs from the template; raise GeneratorError naming the file and what it
    lacks."""
    prs = _open(path)
    layouts = _layouts(prs, path)
    width, height = prs.slide_width / EMU_PER_IN, prs.slide_height / EMU_PER_IN
    title = next(ph for ph in layouts["content"].placeholders if ph.placeholder_format.type in TITLE_TYPES)
    title_box = Box(title.left / EMU_PER_IN, title.top / EMU_PER_IN, title.width / EMU_PER_IN, title.height / EMU_PER_IN)
    return DeckTemplate(str(path), width, height, {kind: layout.name for kind, layout in layouts.items()}, title_box,
                        _colours(prs))


def open_presentation(template: DeckTemplate):
    """The template opened to add slides to, without its sample slides; and its slide layout per slide kind."""
    prs = _open(Path(template.path))
    _remove_slides(prs)
    return prs, {kind: next(l for l in prs.slide_layouts if l.name == name) for kind, name in template.layouts.items()}


def _open(path: Path):
    shown = SourceRef(str(path))
    if not zipfile.is_zipfile(path):
        raise GeneratorError("the template is not a PowerPoint file (.pptx)", shown,
                             "in PowerPoint: File → Save As → PowerPoint Presentation (.pptx)")
    try:
        return Presentation(str(path))
    except Exception as exc:  # noqa: BLE001 - python-pptx raises many types for damaged packages
        raise GeneratorError(f"the template cannot be opened: {exc}", shown, "open and save it again in PowerPoint") from None


def _layouts(prs, path: Path) -> dict:
    shown = SourceRef(str(path))
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
    return layouts


def _remove_slides(prs) -> None:
    """A template may carry sample slides; the deck starts without them."""
    slide_ids = prs.slides._sldIdLst
    for slide_id in list(slide_ids):
        prs.part.drop_rel(slide_id.rId)
        slide_ids.remove(slide_id)


def _colours(prs) -> dict[str, str]:
    """The template's theme colours as #RRGGBB by name (dk1, dk2, accent1…)."""
    try:
        blob = prs.slide_master.part.part_related_by(RT.THEME).blob
    except KeyError:
        return {}
    scheme = etree.fromstring(blob).find(f".//{A}clrScheme")
    if scheme is None:
        return {}

    def colour(name: str) -> str | None:
        element = scheme.find(f"{A}{name}")
        if element is None:
            return None
        rgb = element.find(f"{A}srgbClr")
        if rgb is not None:
            return "#" + rgb.get("val").upper()
        system = element.find(f"{A}sysClr")
        return "#" + system.get("lastClr").upper() if system is not None and system.get("lastClr") else None

    names = ("dk1", "dk2", "accent1", "accent2", "accent3", "accent4", "accent5")
    return {name: found for name in names if (found := colour(name))}
