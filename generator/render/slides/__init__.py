"""The deck laid out once, for every painter (PPTX, deck as PDF, handout): Document slides -> positioned shapes
whose text is broken into lines, on the template's slide size and layouts when the layout names one."""
from __future__ import annotations

from ...document import Document, Page
from ...fonts import MixedMetrics, latin_metrics, metrics_for
from ...textfit import normalise_punctuation
from ...theme import Theme
from .blocks import HANDLERS, Frame, SlideLayout
from .fit import DeckMetrics
from .shapes import Box, DeckLayout, Run, SlideDrawing
from .template import DeckTemplate, template_frame, with_template_colours

SLIDE_SIZES_IN = {"16:9": (13.333, 7.5), "4:3": (10.0, 7.5)}

__all__ = ["HANDLERS", "DeckLayout", "DeckMetrics", "Frame", "SLIDE_SIZES_IN", "SlideDrawing", "deck_metrics",
           "lay_out", "layout_deck"]


def deck_metrics(options) -> DeckMetrics:
    """The metrics slides are laid out with: the CJK faces, with Arial-metric Latin faces where installed."""
    latin = options.theme.fonts.latin_families
    return DeckMetrics(MixedMetrics(metrics_for(options.regular), latin_metrics(latin, False)),
                       MixedMetrics(metrics_for(options.bold), latin_metrics(latin, True)))


def lay_out(document: Document, options) -> DeckLayout:
    """The deck of document laid out with the render options' theme, fonts and template."""
    return layout_deck(document, options.theme, deck_metrics(options), options.template)


def layout_deck(document: Document, theme: Theme, metrics: DeckMetrics,
                template: DeckTemplate | None = None) -> DeckLayout:
    """Lay out every slide on the template's slide size and title box (without one: the document's slide size
    and the theme's margins); raises GeneratorError naming the slide when text cannot fit its box."""
    if template is not None:
        theme = with_template_colours(theme, template)
        frame = template_frame(template, theme.slide_margin_in)
    else:
        width, height = SLIDE_SIZES_IN[document.slide_size]
        frame = Frame(width, height, theme.slide_margin_in)
    width, height = frame.width, frame.height
    drawings = []
    for number, page in enumerate(document.slides, 1):
        body = frame.body if page.kind == "content" else Box(0, 0, width, height)
        slide = SlideLayout(theme, metrics, document, page, number, frame, body)
        if page.kind == "content":
            _chrome(slide)
        for block in page.blocks:
            HANDLERS[type(block)](slide, block)
        drawings.append(SlideDrawing(number, page, tuple(slide.shapes), _notes(page, document)))
    return DeckLayout(width, height, tuple(drawings), theme, template)


def _notes(page: Page, document: Document) -> tuple[str, ...]:
    """Speaker notes: talking points, then the source of each figure shown."""
    lines = [f"• {point}" for point in page.notes]
    if page.sources:
        lines.append("")
        lines.append(document.meta.source_line)
        sep = "：" if document.meta.language == "zh" else ": "
        lines.extend(f"[{s.fact_id}]{sep}“{s.quote}”" for s in page.sources)
    if not lines:
        lines = [page.title]
    return tuple(normalise_punctuation(line) for line in lines)


def _chrome(s: SlideLayout) -> None:
    """The title bar, its rule and the footer of a content slide."""
    f, colors, sizes = s.frame, s.theme.colors, s.theme.sizes
    if f.chrome:
        s.rect(Box(f.margin, f.title_top + 0.12, 0.09, f.title_height - 0.24), colors.accent, "title bar")
    size = s.fit_line(s.page.title, f.title, sizes.deck_title_pt, 20, bold=True, where="slide title")
    s.text(f.title, [[Run(s.page.title, size, True, colors.primary)]], "Title", anchor="middle")
    if f.chrome:
        s.rect(Box(f.margin, f.title_top + f.title_height + 0.08, f.width - 2 * f.margin, 0.02), colors.rule, "rule")
    foot_y = f.height - f.footer_height - 0.12
    footer_box = Box(f.margin, foot_y, f.width - 2 * f.margin - 1.2, f.footer_height)
    s.fit_line(s.document.meta.footer, footer_box, sizes.deck_footer_pt, sizes.deck_footer_pt, where="footer",
               max_lines=1)
    s.text(footer_box, [[Run(s.document.meta.footer, sizes.deck_footer_pt, False, colors.muted)]], "Footer",
           anchor="middle")
    s.text(Box(f.width - f.margin - 1.2, foot_y, 1.2, f.footer_height),
           [[Run(str(s.number), sizes.deck_footer_pt, False, colors.muted)]], "Slide Number", anchor="middle",
           align="right", field="slidenum")
