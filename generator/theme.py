"""Colours, fonts, sizes and page geometry shared by both renderers; the built-in themes."""
from __future__ import annotations

from dataclasses import dataclass, field, fields, replace
from typing import Any


@dataclass(frozen=True)
class Colors:
    """Colours as #RRGGBB. `series` colours are chosen to differ in lightness too, for grayscale print."""

    primary: str
    primary_dark: str
    accent: str
    text: str
    muted: str
    background: str
    light: str
    rule: str
    on_primary: str = "#FFFFFF"
    series: tuple[str, ...] = ()


@dataclass(frozen=True)
class Fonts:
    """Font families: the CJK families looked up on this machine (first installed wins) and the names
    written into decks for PowerPoint/WPS on Windows (East Asian and Latin typefaces)."""

    cjk_families: tuple[str, ...] = (
        "Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei", "PingFang SC", "WenQuanYi Micro Hei",
    )
    deck_east_asian: str = "Microsoft YaHei"
    deck_latin: str = "Arial"
    #: installed fonts with Arial's metrics, used to measure Latin text in decks (LibreOffice draws with them)
    latin_families: tuple[str, ...] = ("Arial", "Liberation Sans", "Arimo")
    regular_file: str | None = None
    bold_file: str | None = None


@dataclass(frozen=True)
class Sizes:
    """Type scale in points: the deck's sizes and their floors, and the briefing's."""

    deck_title_pt: float = 28
    deck_cover_title_pt: float = 40
    deck_subtitle_pt: float = 20
    deck_body_pt: float = 22
    deck_body_min_pt: float = 18
    deck_kpi_value_pt: float = 44
    deck_kpi_value_min_pt: float = 32
    deck_kpi_label_pt: float = 16
    deck_table_pt: float = 16
    deck_table_min_pt: float = 12
    deck_chart_pt: float = 14
    deck_chart_min_pt: float = 12
    deck_footer_pt: float = 10
    pdf_body_pt: float = 10.5
    pdf_small_pt: float = 8.5
    pdf_h1_pt: float = 18
    pdf_h2_pt: float = 13
    pdf_title_pt: float = 28
    pdf_kpi_value_pt: float = 20
    pdf_leading: float = 1.6


@dataclass(frozen=True)
class Theme:
    """One theme, used by both the deck and the briefing renderer."""

    name: str
    description: str
    colors: Colors
    fonts: Fonts = field(default_factory=Fonts)
    sizes: Sizes = field(default_factory=Sizes)
    slide_margin_in: float = 0.6
    page_margin_inner_mm: float = 25
    page_margin_outer_mm: float = 20
    page_margin_top_mm: float = 22
    page_margin_bottom_mm: float = 22
    logo: str | None = None


THEMES: dict[str, Theme] = {
    "civic_blue": Theme(
        name="civic_blue",
        description="deep blue and teal; the default for reports to deputies and leaders",
        colors=Colors(
            primary="#1F4E79", primary_dark="#143552", accent="#2E9C8F", text="#1E1E1E", muted="#5F6B76",
            background="#FFFFFF", light="#EEF3F8", rule="#C8D3DE",
            series=("#1F4E79", "#7FB2D9", "#2E9C8F", "#B9DCD5", "#5F6B76"),
        ),
    ),
    "investment_navy": Theme(
        name="investment_navy",
        description="navy and gold; for investment promotion",
        colors=Colors(
            primary="#0B2545", primary_dark="#06172C", accent="#C9A227", text="#1B1B1B", muted="#5C6670",
            background="#FFFFFF", light="#F3F1EA", rule="#D6D0BD",
            series=("#0B2545", "#C9A227", "#5C8DC4", "#E8D9A0", "#5C6670"),
        ),
    ),
    "party_red": Theme(
        name="party_red",
        description="red and gold; for Party-building meetings",
        colors=Colors(
            primary="#B71C1C", primary_dark="#7F1010", accent="#D4A017", text="#1E1E1E", muted="#6B5E5E",
            background="#FFFFFF", light="#FBF1EC", rule="#E2C9C0",
            series=("#B71C1C", "#E9A0A0", "#D4A017", "#7F1010", "#6B5E5E"),
        ),
    ),
}


def luminance(colour: str) -> float:
    """The relative luminance of #RRGGBB (WCAG 2)."""
    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (int(colour.lstrip("#")[i:i + 2], 16) for i in (0, 2, 4))
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)


def contrast(first: str, second: str) -> float:
    """The contrast ratio of two colours, 1 to 21 (WCAG 2)."""
    light, dark = sorted((luminance(first), luminance(second)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def needed_contrast(size_pt: float, bold: bool = False) -> float:
    """WCAG AA: 3:1 for large text (18 pt, or 14 pt bold), 4.5:1 for smaller text."""
    return 3.0 if size_pt >= 18 or (bold and size_pt >= 14) else 4.5


def legible(colour: str, fill: str, size_pt: float, bold: bool = False, dark: str = "#000000",
            light: str = "#FFFFFF") -> str:
    """colour where it meets WCAG AA on fill at this size, else the dark or the light text colour, whichever
    contrasts more (a theme's or a template's light colour on a light fill, a pale colour on a dark one)."""
    if contrast(colour, fill) >= needed_contrast(size_pt, bold):
        return colour
    return light if contrast(light, fill) >= contrast(dark, fill) else dark


#: the page a briefing is printed on
PAPER = "#FFFFFF"


def ink(colour: str, colors: Colors, size_pt: float, bold: bool = False, fill: str = PAPER, mark: bool = False) -> str:
    """The colour a briefing sets text of this size in on fill (a mark such as a bullet: 3:1, as WCAG asks of
    graphics): colour where it meets WCAG AA; on paper or a light fill else the theme's primary, else its text
    colour, where those do; else black or white, whichever contrasts more (see legible)."""
    needed = 3.0 if mark else needed_contrast(size_pt, bold)
    candidates = (colour,) if fill == colors.primary else (colour, colors.primary, colors.text)
    for candidate in candidates:
        if contrast(candidate, fill) >= needed:
            return candidate
    return legible(colour, fill, 18 if mark else size_pt, bold)


def theme_fields(section: str) -> list[str]:
    """Return the names a layout may override in one part of a theme ('colors', 'fonts' or 'sizes')."""
    cls = {"colors": Colors, "fonts": Fonts, "sizes": Sizes}[section]
    return [f.name for f in fields(cls)]


def theme_defaults(section: str) -> dict[str, Any]:
    """The default values of one part of a theme ('colors', 'fonts' or 'sizes'), where they have defaults."""
    from dataclasses import MISSING

    cls = {"colors": Colors, "fonts": Fonts, "sizes": Sizes}[section]
    return {f.name: f.default for f in fields(cls) if f.default is not MISSING}


def apply_overrides(theme: Theme, overrides: dict[str, dict[str, Any]]) -> Theme:
    """Return theme with the layout's overrides applied (already validated by the layout loader)."""
    changes = {}
    for section, values in overrides.items():
        if values:
            current = getattr(theme, section)
            converted = {k: tuple(v) if isinstance(v, list) else v for k, v in values.items()}
            changes[section] = replace(current, **converted)
    return replace(theme, **changes)
