"""What the slide layout takes from a corporate template: its size, slide layouts, title box, colours and fonts."""
from __future__ import annotations

from dataclasses import dataclass, field, replace

from ...errors import GeneratorError, SourceRef
from ...theme import Theme
from .shapes import Box, Frame
from ...i18n import _

#: the slide kinds a deck is made of, each put on one of the template's slide layouts
SLIDE_KINDS = ("title", "content", "divider", "closing")


@dataclass(frozen=True)
class ThemeFont:
    """A theme font of the template (its major font for headings or its minor font for body text): the Latin
    and East Asian typefaces, and the one for Simplified Chinese that applies when the East Asian one is empty."""

    latin: str = ""
    east_asian: str = ""
    chinese: str = ""

    @property
    def cjk(self) -> str:
        """The typeface Chinese text is shown in."""
        return self.east_asian or self.chinese


@dataclass(frozen=True)
class DeckTemplate:
    """A template as read from its file: slide size, the slide layout chosen for each kind of slide, the title
    placeholder of the content slides' layout, the theme colours (dk1, accent1…) and the theme fonts."""

    path: str
    width_in: float
    height_in: float
    layouts: dict[str, str]
    title_box: Box
    colours: dict[str, str] = field(default_factory=dict)
    major: ThemeFont = ThemeFont()
    minor: ThemeFont = ThemeFont()


#: the height of the footer line below a template's content
_FOOTER_IN = 0.4


def template_frame(template: DeckTemplate, margin_in: float) -> Frame:
    """The slide geometry a template gives: its title placeholder, the body below it, no decoration of ours.
    Raises GeneratorError when the title leaves no room for content."""
    title_box = template.title_box
    return Frame(template.width_in, template.height_in, max(margin_in, title_box.x), footer_height=_FOOTER_IN,
                 title_box=title_box, body_box=body_box(template), chrome=False)


def body_box(template: DeckTemplate) -> Box:
    """The box of a content slide's body on the template: below its title placeholder, above the footer. Raises
    GeneratorError when the title leaves no room for content."""
    title_box = template.title_box
    body_top = title_box.y + title_box.h + 0.25
    box = Box(title_box.x, body_top, title_box.w, template.height_in - body_top - _FOOTER_IN - 0.35)
    if box.h < 2 or box.w < 4:
        raise GeneratorError(_("the title placeholder of '{template_layouts_content}' leaves no room for content "
                                "({body_box_w:.1f} × {body_box_h:.1f} in)").format(
            template_layouts_content=template.layouts['content'], body_box_w=box.w,
            body_box_h=box.h), SourceRef(template.path))
    return box


def with_template_colours(theme: Theme, template: DeckTemplate | dict[str, str]) -> Theme:
    """The theme with the template's accent and dark colours (its own, or as read) for primary, accent, text and
    chart series."""
    found = template if isinstance(template, dict) else template.colours
    if not found.get("accent1"):
        return theme
    series = tuple(c for c in (found.get(f"accent{i}") for i in range(1, 6)) if c)
    colors = replace(theme.colors, primary=found["accent1"], accent=found.get("accent2") or theme.colors.accent,
                     primary_dark=found.get("dk2") or theme.colors.primary_dark,
                     text=found.get("dk1") or theme.colors.text, series=series or theme.colors.series)
    return replace(theme, colors=colors)


def with_template_look(theme: Theme, colours: dict[str, str], body: ThemeFont) -> Theme:
    """The theme as a template gives it to every output, the briefing included: its colours, and its body font
    first among the families looked for (the theme's follow, for a machine without it) and named in the editable
    briefing."""
    fonts = replace(theme.fonts, cjk_families=tuple(dict.fromkeys((body.cjk,) * bool(body.cjk) +
                                                                   theme.fonts.cjk_families)),
                    deck_east_asian=body.cjk or theme.fonts.deck_east_asian,
                    deck_latin=body.latin or theme.fonts.deck_latin)
    return replace(with_template_colours(theme, colours), fonts=fonts)


#: slide sizes a layout may ask for, in inches
SLIDE_SIZES_IN = {"16:9": (13.333, 7.5), "4:3": (10.0, 7.5)}


def size_conflict(template: DeckTemplate, slide_size: str | None, where: str = "") -> str | None:
    """A warning when the layout asks for a slide size whose proportions differ from the template's, told at where
    (the layout's slide_size line) when known."""
    if slide_size not in SLIDE_SIZES_IN:
        return None
    width, height = SLIDE_SIZES_IN[slide_size]
    if abs(width / height - template.width_in / template.height_in) < 0.01:
        return None
    message = _("the layout asks for {slide_size} slides, but the template {path} is {width:g} × {height:g} in: the "
                "deck has the template's size (remove slide_size from the layout to silence this)").format(
        slide_size=slide_size, path=template.path, width=template.width_in, height=template.height_in)
    return _("{where}: {message}").format(where=where, message=message) if where else message
