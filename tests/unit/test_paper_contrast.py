"""Every text of the printed and the editable briefing meets WCAG AA on what it is printed on (4.5:1; 3:1 from
18 pt or 14 pt bold; 3:1 for a bullet), for every shipped theme and with templates whose accent is pale or dark;
the ratio is computed by the tests' own formula, not the program's."""
from __future__ import annotations

import pytest

from generator.render.docx.styles import designed_look
from generator.render.pdf.blocks import Styles
from generator.render.slides.template import with_template_colours
from generator.theme import THEMES

from ..visual_checks import contrast_ratio

#: a pale yellow accent (1.6:1 on white), a light one, a dark one
TEMPLATES = {"none": {}, "yellow": {"accent1": "#F2C200", "accent2": "#FFE699"},
             "pale": {"accent1": "#BDD7EE", "accent2": "#DDEBF7", "dk1": "#404040"},
             "dark": {"accent1": "#7A1F5C", "accent2": "#C0504D", "dk2": "#1F1F1F"}}


def _needed(size: float, bold: bool) -> float:
    return 3.0 if size >= 18 or (bold and size >= 14) else 4.5


@pytest.mark.parametrize("template", TEMPLATES)
@pytest.mark.parametrize("name", THEMES)
def test_every_text_style_of_the_pdf_briefing_is_legible_on_its_fill(name, template):
    theme = with_template_colours(THEMES[name], TEMPLATES[template])
    c = theme.colors
    styles = Styles(theme, "regular", "bold", "zh")
    fills = {"body": "#FFFFFF", "lead": "#FFFFFF", "bullet": "#FFFFFF", "h1": "#FFFFFF", "h2": "#FFFFFF",
             "small": "#FFFFFF", "cell": c.light, "cell_right": c.light, "cell_head": c.primary,
             "kpi_value": c.light, "kpi_label": c.light, "cover_title": c.primary, "cover_sub": c.primary,
             "cover_info": "#FFFFFF"}
    for style_name, fill in fills.items():
        style = getattr(styles, style_name)
        bold = style.font == "bold"
        ratio = contrast_ratio(style.colour.lstrip("#"), fill.lstrip("#"))
        assert ratio >= _needed(style.size, bold), (style_name, style.colour, fill, round(ratio, 2))
    assert contrast_ratio(styles.bullet.bullet_colour.lstrip("#"), "FFFFFF") >= 3.0
    for colour, size, bold, fill in ((styles.muted, theme.sizes.pdf_small_pt, False, "#FFFFFF"),
                                     (styles.date, styles.cell.size, True, c.light)):
        assert contrast_ratio(colour.lstrip("#"), fill.lstrip("#")) >= _needed(size, bold)


@pytest.mark.parametrize("template", TEMPLATES)
@pytest.mark.parametrize("name", THEMES)
def test_every_coloured_style_of_the_editable_briefing_is_legible_on_paper(name, template):
    theme = with_template_colours(THEMES[name], TEMPLATES[template])
    for spec in designed_look(theme, "zh").styles:
        if spec.colour:
            assert contrast_ratio(spec.colour.lstrip("#"), "FFFFFF") >= 4.5, (spec.style_id, spec.colour)


def test_the_accent_is_kept_where_it_is_legible():
    """A theme's own colours stay where they meet the rule: the rule changes only what fails it."""
    theme = THEMES["civic_blue"]
    styles = Styles(theme, "regular", "bold", "zh")
    assert styles.h1.colour == theme.colors.primary and styles.cell_head.colour == theme.colors.on_primary
    assert styles.bullet.bullet_colour == theme.colors.accent  # 3.35:1: a bullet needs 3:1
    assert styles.lead.colour == theme.colors.primary  # accent 3.35:1 fails for 12 pt bold text: primary instead
