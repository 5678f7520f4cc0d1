"""The faces slide text is measured and painted with: a template's theme fonts where installed, else the theme's."""
from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Callable

from ...errors import GeneratorError
from ...fonts import FontFace, find_face, metrics_for
from ...theme import Theme
from .template import DeckTemplate, ThemeFont
from ...i18n import N_, _

#: fonts of Office templates and their metric-compatible twins on Linux (the same advance widths); listed by
#: hand because fontconfig's aliases, which LibreOffice follows, do not exist on Windows or macOS
METRIC_TWINS = {
    "calibri": ("Carlito",),
    "cambria": ("Caladea",),
    "arial": ("Liberation Sans", "Arimo"),
    "times new roman": ("Liberation Serif", "Tinos"),
    "courier new": ("Liberation Mono", "Cousine"),
}


@dataclass(frozen=True)
class RoleFaces:
    """The faces of one role of text: CJK faces for everything, and Latin faces for ASCII where installed."""

    regular: FontFace
    bold: FontFace
    latin_regular: FontFace | None = None
    latin_bold: FontFace | None = None

    def faces(self) -> list[FontFace]:
        return [f for f in (self.regular, self.bold, self.latin_regular, self.latin_bold) if f is not None]


@dataclass(frozen=True)
class DeckFaces:
    """Body text in the template's minor font, headings in its major font; both the theme's without one."""

    body: RoleFaces
    heading: RoleFaces

    def faces(self) -> list[FontFace]:
        """Every distinct face, body first."""
        return list(dict.fromkeys(self.body.faces() + self.heading.faces()))


def _ignore(message: str) -> None:
    """Warnings go nowhere unless the caller passes a function."""


def deck_faces(theme: Theme, regular: FontFace, bold: FontFace, template: DeckTemplate | None = None,
               language: str = "zh", warn: Callable[[str], None] = _ignore, text: str = "") -> DeckFaces:
    """The faces for the deck: regular and bold are the theme's resolved CJK faces. A template font that is not
    installed (or lacks a character of text) is replaced by the theme's, with a warning (for its CJK face only
    in a Chinese deck)."""
    themed = RoleFaces(regular, bold, _installed(theme.fonts.latin_families, False),
                       _installed(theme.fonts.latin_families, True))
    if template is None:
        return DeckFaces(themed, themed)
    return DeckFaces(_role(template.minor, "body", themed, language, warn, text),
                     _role(template.major, "heading", themed, language, warn, text))


def _role(font: ThemeFont, role: str, themed: RoleFaces, language: str, warn: Callable[[str], None],
          text: str) -> RoleFaces:
    faces = themed
    if font.cjk:
        found = _installed((font.cjk,), False)
        missing = metrics_for(found).missing(text) if found is not None else []
        if missing:
            warn(_("the template's {role} font '{font_cjk}' has no glyph for {join_missing_5!r}: slide text is "
                    "measured, and the deck as PDF and the handout drawn, with {themed_regular_family} instead").format(
                role=_(ROLE_WORDS[role]), font_cjk=font.cjk, join_missing_5=''.join(missing[:5]),
                themed_regular_family=themed.regular.family))
        elif found is not None:
            bold = _installed((font.cjk,), True) or found
            faces = replace(faces, regular=_why(found, role), bold=_why(bold, role))
        elif language == "zh":
            warn(_("the template's {role} font '{font_cjk}' is not installed on this machine: slide text is measured, "
                    "and the deck as PDF and the handout drawn, with {themed_regular_family} instead").format(
                role=_(ROLE_WORDS[role]), font_cjk=font.cjk, themed_regular_family=themed.regular.family))
    if font.latin:
        families = (font.latin, *METRIC_TWINS.get(font.latin.lower(), ()))
        found = _installed(families, False)
        if found is not None:
            bold = _installed(families, True) or found
            faces = replace(faces, latin_regular=_why(found, role), latin_bold=_why(bold, role))
        else:
            instead = themed.latin_regular.family if themed.latin_regular else themed.regular.family
            warn(_("the template's {role} font '{font_latin}' is not installed on this machine: Latin text is "
                    "measured, and drawn in the deck as PDF and the handout, with {instead} instead").format(
                role=_(ROLE_WORDS[role]), font_latin=font.latin, instead=instead))
    return faces


def _installed(families: tuple[str, ...], bold: bool) -> FontFace | None:
    try:
        return find_face(families, bold)
    except GeneratorError:
        return None


#: the template's two font roles, as messages name them
ROLE_WORDS = {"body": N_("body"), "heading": N_("heading")}


def _why(face: FontFace, role: str) -> FontFace:
    return replace(face, how_found=_("the template's {role} font; {how_found}").format(
        role=_(ROLE_WORDS[role]), how_found=face.how_found))
