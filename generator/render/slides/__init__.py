"""The deck laid out once for every painter: Document slides -> positioned shapes with text broken into lines."""
from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from ... import document as d
from ...document import Document, Page
from ...fonts import FontFace, MixedMetrics, metrics_for
from ...theme import Theme
from .blocks import HANDLERS, Overflow, SlideLayout
from .drawing import DeckLayout, SlideDrawing
from .fit import DeckMetrics
from .shapes import Box, Frame, Run
from .faces import DeckFaces, deck_faces
from .template import SLIDE_SIZES_IN, DeckTemplate, template_frame, with_template_colours

if TYPE_CHECKING:
    from ..options import RenderOptions

__all__ = ["HANDLERS", "DeckLayout", "DeckMetrics", "Frame", "SLIDE_SIZES_IN", "SlideDrawing", "deck_metrics",
           "lay_out", "layout_deck"]


def faces_of(options: RenderOptions) -> DeckFaces:
    """The render options' deck faces (the theme's when the options name none)."""
    return options.deck_faces or deck_faces(options.theme, options.regular, options.bold)


def deck_metrics(faces: DeckFaces) -> DeckMetrics:
    """The metrics slides are laid out with: the CJK faces, with the Latin faces where installed."""
    def mixed(cjk: FontFace, latin: FontFace | None) -> MixedMetrics:
        return MixedMetrics(metrics_for(cjk), metrics_for(latin) if latin else None)

    body, heading = faces.body, faces.heading
    return DeckMetrics(mixed(body.regular, body.latin_regular), mixed(body.bold, body.latin_bold),
                       mixed(heading.regular, heading.latin_regular), mixed(heading.bold, heading.latin_bold))


def lay_out(document: Document, options: RenderOptions) -> DeckLayout:
    """The deck of document laid out with the render options' theme, faces and template."""
    faces = faces_of(options)
    return layout_deck(document, options.theme, deck_metrics(faces), options.template, faces)


def layout_deck(document: Document, theme: Theme, metrics: DeckMetrics, template: DeckTemplate | None = None,
                faces: DeckFaces | None = None) -> DeckLayout:
    """Lay out every slide on the template's slide size and title box (without one: the document's slide size
    and the theme's margins); raises GeneratorError naming the slide when text cannot fit its box."""
    if template is not None:
        theme = with_template_colours(theme, template)
        frame = template_frame(template, theme.slide_margin_in)
    else:
        width, height = SLIDE_SIZES_IN[document.slide_size]
        frame = Frame(width, height, theme.slide_margin_in)
    width, height = frame.width, frame.height
    drawings: list[SlideDrawing] = []
    pages = list(document.slides)
    while pages:
        page = pages.pop(0)
        number = len(drawings) + 1
        body = frame.body if page.kind == "content" else Box(0, 0, width, height)
        slide = SlideLayout(theme, metrics, document, page, number, frame, body)
        try:
            if page.kind == "content":
                _chrome(slide)
            for block in page.blocks:
                HANDLERS[type(block)](slide, block)
        except Overflow as overflow:
            # a small slide: what does not fit continues on the next slide
            pages[:0] = _split(page, overflow, document.meta.continued)
            continue
        drawings.append(SlideDrawing(number, page, tuple(slide.shapes), _notes(page, document)))
    return DeckLayout(width, height, tuple(drawings), theme, template, faces)


#: the field holding the items of each block that can continue on another slide
_ITEMS = {d.BulletList: "items", d.Table: "rows", d.KeyFigures: "figures"}


def _split(page: Page, overflow: Overflow, continued: str) -> list[Page]:
    """The page as two: a share of the block's items that fit, then the rest on a page whose title says it
    continues. Items are shared out evenly between the slides needed; notes that follow the items one to one
    go with them."""
    block = overflow.block
    field = _ITEMS[type(block)]
    items = getattr(block, field)
    parts = -(-len(items) // overflow.fits)
    count = -(-len(items) // parts)  # as many on each slide, not a full slide and a last one or two
    index = page.blocks.index(block)

    def part(chosen: tuple[object, ...], title: str, notes: tuple[str, ...], continues: bool) -> Page:
        # the items' field is named at run time (_ITEMS), which mypy's check of replace() cannot follow
        changed = replace(block, **{field: chosen})  # type: ignore[arg-type]
        blocks = page.blocks[:index] + (changed,) + page.blocks[index + 1:]
        return replace(page, title=title, blocks=blocks, notes=notes, continued=continues)

    follows = len(page.notes) == len(items)
    title = page.title if page.continued or not continued else page.title + continued
    return [part(items[:count], page.title, page.notes[:count] if follows else page.notes, page.continued),
            part(items[count:], title, page.notes[count:] if follows else page.notes, True)]


def _quoted(quote: str) -> str:
    """The article's words in quotation marks, not doubled when the quote itself opens or closes with them."""
    return quote if quote.startswith("“") or quote.endswith("”") else f"“{quote}”"


def _notes(page: Page, document: Document) -> tuple[str, ...]:
    """Speaker notes: talking points, then the source of each figure shown."""
    lines = [f"• {point}" for point in page.notes]
    if page.sources:
        lines.append("")
        lines.append(document.meta.source_line)
        sep = "：" if document.meta.language == "zh" else ": "
        lines.extend(f"{s.label or s.fact_id}{sep}{_quoted(s.quote)}" for s in page.sources)
    if not lines:
        lines = [page.title]
    return tuple(lines)


def _chrome(s: SlideLayout) -> None:
    """The title bar, its rule and the footer of a content slide."""
    f, colors, sizes = s.frame, s.theme.colors, s.theme.sizes
    if f.chrome:
        s.rect(Box(f.margin, f.title_top + 0.12, 0.09, f.title_height - 0.24), colors.accent, "title bar")
    size = s.fit_line(s.page.title, f.title, sizes.deck_title_pt, 20, bold=True, where="slide title", heading=True)
    s.text(f.title, [[Run(s.page.title, size, True, colors.primary, heading=True)]], "Title", anchor="middle")
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
