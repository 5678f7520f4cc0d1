"""The deck laid out once for every painter: Document slides -> positioned shapes with text broken into lines."""
from __future__ import annotations

from dataclasses import replace
from collections.abc import Callable
from typing import TYPE_CHECKING

from ... import document as d
from ...document import Document, Page
from ...errors import GeneratorError
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
        try:
            slide = _slide(theme, metrics, document, page, number, frame)
        except Overflow as overflow:
            # a small slide: what does not fit continues on the next slides, shared out evenly
            def lays_out(part: Page, number: int = number) -> bool:
                try:
                    _slide(theme, metrics, document, part, number, frame)
                except (Overflow, GeneratorError):  # the error, if any, is raised where the part is laid out
                    return False
                return True

            pages[:0] = _split(page, overflow, document.meta.continued, lays_out)
            continue
        drawings.append(SlideDrawing(number, page, tuple(slide.shapes), _notes(page, document)))
    return DeckLayout(width, height, tuple(drawings), theme, template, faces)


def _slide(theme: Theme, metrics: DeckMetrics, document: Document, page: Page, number: int,
           frame: Frame) -> SlideLayout:
    """The page laid out as one slide; raises Overflow when a block's items do not all fit."""
    body = frame.body if page.kind == "content" else Box(0, 0, frame.width, frame.height)
    slide = SlideLayout(theme, metrics, document, page, number, frame, body)
    if page.kind == "content":
        _chrome(slide)
    for block in page.blocks:
        HANDLERS[type(block)](slide, block)
    return slide


#: the field holding the items of each block that can continue on another slide
_ITEMS = {d.BulletList: "items", d.Table: "rows", d.KeyFigures: "figures"}


def _split(page: Page, overflow: Overflow, continued: str, lays_out: Callable[[Page], bool]) -> list[Page]:
    """The page as several: its block's items shared out evenly between as few slides as hold them all (each
    part tried with lays_out), the first with the page's title, the others with a title that says they continue;
    notes that follow the items one to one go with them. Without an even share that fits (items of very
    different lengths), the items that fit, then the rest."""
    block = overflow.block
    field = _ITEMS[type(block)]
    items = getattr(block, field)
    index = page.blocks.index(block)
    follows = len(page.notes) == len(items)
    title = page.title if page.continued or not continued else page.title + continued

    def part(start: int, stop: int) -> Page:
        changed = replace(block, **{field: items[start:stop]})  # the items' field is named at run time (_ITEMS)
        blocks = page.blocks[:index] + (changed,) + page.blocks[index + 1:]
        return replace(page, title=page.title if start == 0 else title, blocks=blocks,
                       notes=page.notes[start:stop] if follows else page.notes,
                       continued=page.continued if start == 0 else True)

    for parts in range(-(-len(items) // overflow.fits), len(items) + 1):
        # as many on each slide (the first ones one more), not full slides and a last one or two
        share, extra = divmod(len(items), parts)
        bounds = [0]
        for number in range(parts):
            bounds.append(bounds[-1] + share + (1 if number < extra else 0))
        pages = [part(start, stop) for start, stop in zip(bounds, bounds[1:])]
        if all(lays_out(candidate) for candidate in pages):
            return pages
    return [part(0, overflow.fits), part(overflow.fits, len(items))]


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
