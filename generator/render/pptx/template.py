"""A user's corporate .pptx template: read what the slide layout needs, and open it to add the deck's slides."""
from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING

from lxml import etree
from pptx import Presentation
from pptx.enum.shapes import PP_PLACEHOLDER
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.oxml.ns import qn

from ...document import PageKind
from ...i18n import _
from ...errors import GeneratorError, Issue, SourceRef
from ...reading import read_bytes
from ..slides.shapes import Box
from ..slides.template import DeckTemplate, ThemeFont, body_box

if TYPE_CHECKING:
    from pptx.presentation import Presentation as PresentationT
    from pptx.slide import SlideLayout

EMU_PER_IN = 914400
A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"

#: the template's slide layout used for each kind of slide, by name, in order of preference (English names, and
#: the names a Chinese PowerPoint or WPS gives the same layouts)
LAYOUT_NAMES: dict[PageKind, tuple[str, ...]] = {
    "title": ("Title Slide", "标题幻灯片"),
    "content": ("Title Only", "仅标题", "Title and Content", "标题和内容"),
    "divider": ("Section Header", "节标题"),
    "closing": ("Title Slide", "标题幻灯片", "Title Only", "仅标题"),
}
TITLE_TYPES = {PP_PLACEHOLDER.TITLE, PP_PLACEHOLDER.CENTER_TITLE}


def read_template(path: Path, names: Mapping[PageKind, str] | None = None,
                  kinds: frozenset[str] = frozenset(LAYOUT_NAMES)) -> DeckTemplate:
    """Read what the slide layout needs from the template for slides of the given kinds, using the slide layouts
    names gives per slide kind (else the usual English or Chinese names); raise GeneratorError naming the file
    and what it lacks."""
    prs = _open(path)
    layouts = _layouts(prs, path, names or {}, kinds | {"content"})
    if prs.slide_width is None or prs.slide_height is None:
        raise GeneratorError(_("the template has no slide size"), SourceRef(str(path)),
                             _("open and save it again in PowerPoint"))
    width, height = prs.slide_width / EMU_PER_IN, prs.slide_height / EMU_PER_IN
    # python-pptx annotates LayoutPlaceholders.__iter__ in a way mypy reads as taking no self
    placeholders = layouts["content"].placeholders
    title = next(ph for ph in placeholders if ph.placeholder_format.type in TITLE_TYPES)  # type: ignore[misc]
    if None in (title.left, title.top, title.width, title.height):  # neither the layout nor the master places it
        raise GeneratorError(_("the title placeholder of the template's slide layout '{layout_name}' has no position "
                               "or size").format(layout_name=layouts["content"].name), SourceRef(str(path)),
                             _("in PowerPoint: View → Slide Master, move the title placeholder a little and save"))
    title_box = Box(title.left / EMU_PER_IN, title.top / EMU_PER_IN, title.width / EMU_PER_IN, title.height / EMU_PER_IN)
    major, minor = _fonts(prs)
    template = DeckTemplate(str(path), width, height, {kind: layout.name for kind, layout in layouts.items()},
                            title_box, _colours(prs), major, minor)
    body_box(template)  # a title that leaves no room for content is found with the template's other faults
    return template


def template_look(path: Path) -> tuple[dict[str, str], ThemeFont]:
    """The template's theme colours (dk1, accent1…) and its body font: what the briefing takes from it."""
    prs = _open(path)
    return _colours(prs), _fonts(prs)[1]


def open_presentation(template: DeckTemplate) -> tuple[PresentationT, dict[str, SlideLayout]]:
    """The template opened to add slides to, without its sample slides; and its slide layout per slide kind."""
    prs = _open(Path(template.path))
    _remove_slides(prs)
    return prs, {kind: next(l for l in prs.slide_layouts if l.name == name) for kind, name in template.layouts.items()}


#: bounds checked before a template is unpacked
MAX_TEMPLATE_BYTES = 200 * 2**20
MAX_TEMPLATE_ENTRIES = 5000


def _open(path: Path) -> PresentationT:
    shown = SourceRef(str(path))
    blob = io.BytesIO(read_bytes(path, "template", MAX_TEMPLATE_BYTES))
    if not zipfile.is_zipfile(blob):
        raise GeneratorError(_("the template is not a PowerPoint file (.pptx)"), shown,
                             _("in PowerPoint: File → Save As → PowerPoint Presentation (.pptx)"))
    with zipfile.ZipFile(blob) as package:  # before unpacking anything: a small file may unpack to gigabytes
        entries = package.infolist()
        unpacked = sum(entry.file_size for entry in entries)
    if len(entries) > MAX_TEMPLATE_ENTRIES or unpacked > MAX_TEMPLATE_BYTES:
        raise GeneratorError(_("the template unpacks to {size} MB in {count} parts; a template may have at most {limit} "
                               "MB").format(size=unpacked // 2**20, count=len(entries),
                                            limit=MAX_TEMPLATE_BYTES // 2**20), shown,
                             _("save the template without its sample slides and pictures"))
    try:
        blob.seek(0)
        return Presentation(blob)
    except Exception as exc:  # noqa: BLE001 - python-pptx raises many types for damaged packages
        raise GeneratorError(_("the template cannot be opened: {exc}").format(
            exc=exc), shown, _("open and save it again in PowerPoint")) from None


def _layouts(prs: PresentationT, path: Path, chosen: Mapping[PageKind, str],
             kinds: frozenset[str]) -> dict[PageKind, SlideLayout]:
    shown = SourceRef(str(path))
    available = [layout.name for layout in prs.slide_layouts]
    layouts: dict[PageKind, SlideLayout] = {}
    problems = []
    for kind, names in LAYOUT_NAMES.items():
        if kind not in kinds:
            continue
        if kind in chosen:
            names = (chosen[kind],)
        elif kind == "closing" and "title" in chosen:
            names = (chosen["title"],) + names  # the closing slide looks like the title slide
        found = next((l for name in names for l in prs.slide_layouts if l.name.lower() == name.lower()), None)
        if found is None:
            named = (_("'{name}' (template_layouts: {kind} in the layout)").format(name=chosen[kind], kind=kind)
                     if kind in chosen else _(" or ").join(f"'{n}'" for n in names))
            problems.append(Issue(shown, _("the template has no slide layout named {named} (for {kind} slides); its "
                                           "layouts: {available}").format(
                                      named=named, kind=kind, available=", ".join(f"'{n}'" for n in available)),
                                  _("name one of its layouts under template_layouts in the layout, or add or rename "
                                    "the layout in PowerPoint: View → Slide Master")))
            continue
        layouts[kind] = found
    if problems:
        raise GeneratorError(problems)
    for kind, layout in layouts.items():
        # python-pptx annotates LayoutPlaceholders.__iter__ in a way mypy reads as taking no self
        if not any(ph.placeholder_format.type in TITLE_TYPES for ph in layout.placeholders):  # type: ignore[misc]
            raise GeneratorError(_("the template's slide layout '{layout_name}' (for {kind} slides) has no title "
                                    "placeholder").format(
                layout_name=layout.name,
                kind=kind), shown, _("add one in PowerPoint: View → Slide Master → Insert Placeholder"))
    return layouts


def _remove_slides(prs: PresentationT) -> None:
    """A template may carry sample slides; the deck starts without them."""
    slide_ids = prs.slides._sldIdLst
    for slide_id in list(slide_ids):
        prs.part.drop_rel(slide_id.rId)
        slide_ids.remove(slide_id)


def _theme_xml(prs: PresentationT) -> etree._Element | None:
    """The slide master's theme part as XML, or None."""
    try:
        return etree.fromstring(prs.slide_master.part.part_related_by(RT.THEME).blob)
    except KeyError:
        return None


def _fonts(prs: PresentationT) -> tuple[ThemeFont, ThemeFont]:
    """The theme's major (heading) and minor (body) fonts."""
    theme = _theme_xml(prs)
    found = []
    for tag in ("majorFont", "minorFont"):
        element = theme.find(f".//{A}fontScheme/{A}{tag}") if theme is not None else None
        if element is None:
            found.append(ThemeFont())
            continue

        def typeface(path: str) -> str:
            child = element.find(path)
            return (child.get("typeface") or "") if child is not None else ""

        found.append(ThemeFont(typeface(f"{A}latin"), typeface(f"{A}ea"), typeface(f"{A}font[@script='Hans']")))
    return found[0], found[1]


def _colours(prs: PresentationT) -> dict[str, str]:
    """The template's theme colours as #RRGGBB by name (dk1, dk2, accent1…)."""
    theme = _theme_xml(prs)
    scheme = theme.find(f".//{A}clrScheme") if theme is not None else None
    if scheme is None:
        return {}

    def colour(name: str) -> str | None:
        element = scheme.find(f"{A}{name}")
        if element is None:
            return None
        rgb = element.find(f"{A}srgbClr")
        system = element.find(f"{A}sysClr")
        value = rgb.get("val") if rgb is not None else system.get("lastClr") if system is not None else None
        # a colour that is not six hex digits (FFF, GGGGGG) is left out: the theme's own is used, as PowerPoint
        # shows such a colour as black or not at all
        return "#" + value.upper() if value and re.fullmatch(r"[0-9A-Fa-f]{6}", value) else None

    names = ("dk1", "dk2", "accent1", "accent2", "accent3", "accent4", "accent5")
    return {name: found for name in names if (found := colour(name))}


#: the prompts of python-pptx's own master and layouts as a Chinese PowerPoint writes them
_PROMPTS_ZH = {
    "Click to edit Master title style": "单击此处编辑母版标题样式",
    "Click to edit Master subtitle style": "单击此处编辑母版副标题样式",
    "Click to edit Master text styles": "单击此处编辑母版文本样式",
    "Second level": "第二级",
    "Third level": "第三级",
    "Fourth level": "第四级",
    "Fifth level": "第五级",
}


def localise_prompts(prs: PresentationT, lang: str) -> None:
    """Write the placeholder prompts of the built-in master and its layouts in the deck's language (zh-CN: as a
    Chinese PowerPoint shows them); a template's own prompts are the template's business."""
    if lang != "zh-CN":
        return
    for owner in [prs.slide_master, *prs.slide_layouts]:
        for text in owner.element.iter(qn("a:t")):
            if text.text in _PROMPTS_ZH:
                text.text = _PROMPTS_ZH[text.text]
                properties = text.getparent().find(qn("a:rPr"))
                if properties is not None:
                    properties.set("lang", lang)
