"""One layout handler per block type: where each shape of a slide goes, and at what size its text fits."""
from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from typing import Any

from ... import document as d
from ...document import Document, Page
from ...errors import GeneratorError
from ...fonts import MixedMetrics
from ...textfit import Measure, wrap_runs
from ...theme import Theme, legible
from .fit import LINE_HEIGHT, WIDTH_SLACK, DeckMetrics, fit, line_count, sizes_between
from .shapes import Box, Cell, Frame, Group, Line, Picture, Rect, Run, Shape, TableShape, TextParagraph, TextShape
from ...i18n import _


class Overflow(Exception):
    """A block's items do not all fit its slide at the smallest allowed size: the first `fits` of them do, and
    the rest continue on another slide."""

    def __init__(self, block: d.Block, fits: int):
        super().__init__(f"only {fits} items fit")
        self.block, self.fits = block, fits


@dataclass
class SlideLayout:
    """Collects the shapes of one slide while its handlers place them."""

    theme: Theme
    metrics: DeckMetrics
    document: Document
    page: Page
    number: int
    frame: Frame
    body: Box
    shapes: list[Shape] = field(default_factory=list)

    @property
    def where(self) -> str:
        where = f"slide {self.number} ('{self.page.title}')"
        return f"{self.page.origin}: {where}" if self.page.origin else where

    def rect(self, box: Box, fill: str, name: str, shape: str = "rect", text: TextShape | None = None) -> None:
        self.shapes.append(Rect(box, fill, name, shape, text))  # type: ignore[arg-type]

    def text(self, box: Box, paragraphs: list[list[Run]], name: str, **kwargs: Any) -> TextShape:
        shape = self.text_shape(box, paragraphs, name, **kwargs)
        self.shapes.append(shape)
        return shape

    def text_shape(self, box: Box, paragraphs: list[list[Run]], name: str, fill: str | None = None,
                   **kwargs: Any) -> TextShape:
        """A text box whose paragraphs are broken into lines for its width (less the bullets' indent), each run in
        a colour legible on the fill behind the box (given, or the shape drawn under the box's middle)."""
        width_pt = (box.w - kwargs.get("indent_in", 0)) * 72
        behind = fill or self.fill_behind(box)
        paragraphs = [[self.legible(run, behind) for run in runs] for runs in paragraphs]
        return TextShape(box, tuple(self.paragraph(runs, width_pt) for runs in paragraphs), name, **kwargs)

    def fill_behind(self, box: Box) -> str:
        """The fill of the last rectangle drawn so far under the middle of box, or the slide's background."""
        x, y = box.x + box.w / 2, box.y + box.h / 2
        for shape in reversed(self.shapes):
            if isinstance(shape, Rect) and shape.box.x <= x <= shape.box.x + shape.box.w and \
                    shape.box.y <= y <= shape.box.y + shape.box.h:
                return shape.fill
        return self.theme.colors.background

    def legible(self, run: Run, fill: str) -> Run:
        """The run in its colour where that meets WCAG AA on fill (4.5:1, 3:1 for large text), else in the theme's
        dark or light text colour."""
        colors = self.theme.colors
        colour = legible(run.colour, fill, run.size_pt, run.bold, colors.text, colors.on_primary)
        return run if colour == run.colour else replace(run, colour=colour)

    def paragraph(self, runs: list[Run], width_pt: float) -> TextParagraph:
        """The runs broken into lines no wider than width_pt as measured with the deck's fonts (and the same slack
        as the fitting); their text is final (compose normalised its punctuation)."""
        metrics = [self.metrics.of(r.bold, r.heading) for r in runs]
        measures = [_measure(m, r.size_pt) for m, r in zip(metrics, runs)]
        lines = []
        for pieces in wrap_runs([r.text for r in runs], width_pt, measures, no_lone_last=True):
            line = tuple(replace(runs[i], text=text) for i, text in pieces)
            width = sum(metrics[i].width(text, runs[i].size_pt) for i, text in pieces)
            lines.append(Line(line, width))
        return TextParagraph(tuple(runs), tuple(lines))

    @contextmanager
    def group(self, name: str, description: str) -> Iterator[None]:
        outer, self.shapes = self.shapes, []
        try:
            yield
        finally:
            inner, self.shapes = self.shapes, outer
            self.shapes.append(Group(name, description, tuple(inner)))

    def fit_line(self, text: str, box: Box, largest: float, smallest: float, bold: bool = False,
                 where: str = "text", max_lines: int | None = 2, heading: bool = False) -> float:
        metrics = self.metrics.of(bold, heading)
        return fit([text], box.w, box.h, sizes_between(largest, smallest), metrics, f"{self.where}, {where}",
                   max_lines=max_lines)

    def fit_lines(self, texts: list[str], box: Box, largest: float, smallest: float, gap: float, where: str) -> float:
        return fit(texts, box.w, box.h, sizes_between(largest, smallest), self.metrics.regular,
                   f"{self.where}, {where}", gap=gap)

    def fits(self, try_layout: Callable[[Any], object], items: tuple[Any, ...], block: d.Block) -> None:
        """Raise Overflow with how many of the block's first items fit, when try_layout(items) raises
        GeneratorError for all of them; re-raise it when not even one fits."""
        try:
            try_layout(items)
            return
        except GeneratorError as error:
            first_error = error

        def fit_first(count: int) -> bool:
            try:
                try_layout(items[:count])
            except GeneratorError:
                return False
            return True

        # fewer items always fit where more do: the most that fit is found by doubling, then halving the gap, in
        # about 2·log2(n) tries of at most as many items as fit (trying n-1, n-2… down took 185 s for 502 markets)
        if not fit_first(1):
            raise first_error
        fitting, failing = 1, len(items)
        while fitting * 2 < failing and fit_first(fitting * 2):
            fitting *= 2
        failing = min(failing, fitting * 2)
        while failing - fitting > 1:
            middle = (fitting + failing) // 2
            fitting, failing = (middle, failing) if fit_first(middle) else (fitting, middle)
        raise Overflow(block, fitting)


def _measure(metrics: MixedMetrics, size_pt: float) -> Measure:
    """Width in points of text at size_pt, with the same slack as the fitting."""
    return lambda text: metrics.width(text, size_pt) * WIDTH_SLACK


# ---------------------------------------------------------------------------------------------- handlers


def _on_background(s: SlideLayout) -> tuple[str, str]:
    """Text colours on a title, divider or closing slide: white on our own coloured background, the theme's
    text colours on a corporate template's background."""
    colors = s.theme.colors
    return (colors.on_primary, colors.rule) if s.frame.chrome else (colors.text, colors.muted)


def _logo(s: SlideLayout, height_in: float = 0.75) -> None:
    """The theme's logo in the top right corner, in its own proportions."""
    if not s.theme.logo:
        return
    from PIL import Image

    with Image.open(s.theme.logo) as image:
        width, height = image.size
    w = min(height_in * width / height, s.frame.width * 0.3)
    h = w * height / width
    s.shapes.append(Picture(Box(s.frame.width - s.frame.margin - w, 0.45, w, h), s.theme.logo,
                            f"{s.document.meta.organisation} logo"))


def _title(s: SlideLayout, block: d.Title) -> None:
    f, colors, sizes = s.frame, s.theme.colors, s.theme.sizes
    on, soft = _on_background(s)
    if f.chrome:
        s.rect(Box(0, 0, f.width, f.height), colors.primary, "background")
        s.rect(Box(0, f.height * 0.62, f.width, f.height * 0.38), colors.primary_dark, "band")
        s.rect(Box(f.margin + 0.1, f.height * 0.62 - 0.06, 1.6, 0.12), colors.accent, "accent")
    width = f.width - 2 * f.margin - 0.2
    title_box = Box(f.margin + 0.1, f.height * 0.18, width, f.height * 0.26)
    size = s.fit_line(block.title, title_box, sizes.deck_cover_title_pt, 28, True, "title", max_lines=2, heading=True)
    s.text(title_box, [[Run(block.title, size, True, on, heading=True)]], "Title", anchor="bottom")
    sub_box = Box(f.margin + 0.1, f.height * 0.46, width, f.height * 0.13)
    sub = s.fit_line(block.subtitle, sub_box, sizes.deck_subtitle_pt, 16, False, "subtitle")
    s.text(sub_box, [[Run(block.subtitle, sub, False, on)]], "Subtitle")
    info_box = Box(f.margin + 0.1, f.height * 0.68, width, f.height * 0.22)
    _logo(s)
    info = s.fit_lines([block.organisation, block.date, block.note], info_box, 18, 12, 0.3, "organisation and date")
    s.text(info_box, [[Run(block.organisation, info, True, on)],
                      [Run(block.date, info - 2, False, on)],
                      [Run(block.note, max(info - 6, 10), False, soft)]], "Organisation and date",
           space_after_pt=6)


def _agenda(s: SlideLayout, block: d.Agenda) -> None:
    colors, body = s.theme.colors, s.body
    row = min(1.1, body.h / max(len(block.items), 1))
    size = min(s.fit_line(item, Box(0, 0, body.w - 1.1, row * 0.9), 28, 18, False, "agenda", max_lines=1)
               for item in block.items)
    top = body.y + (body.h - row * len(block.items)) / 2  # the items centred in the body's height
    for index, item in enumerate(block.items):
        y = top + index * row
        number = block.start + index
        badge = Box(body.x, y + row * 0.12, 0.75, row * 0.76)
        label = s.text_shape(badge, [[Run(f"{number:02d}", 20, True, colors.on_primary)]], f"number {number}",
                             fill=colors.primary, anchor="middle", align="center")
        s.rect(badge, colors.primary, f"number {number}", "rounded", label)
        s.text(Box(body.x + 1.1, y, body.w - 1.1, row), [[Run(item, size, False, colors.text)]],
               f"agenda item {number}", anchor="middle")


def _contents(s: SlideLayout, block: d.Contents) -> None:
    items = [p.title for p in s.document.slides if p.kind == "divider"]
    _agenda(s, d.Agenda(tuple(items) or (block.title,)))


def _section_divider(s: SlideLayout, block: d.SectionDivider) -> None:
    colors, f = s.theme.colors, s.frame
    panel_w = f.width * 0.36
    if f.chrome:
        s.rect(Box(0, 0, panel_w, f.height), colors.primary, "panel")
    s.text(Box(0.4, f.height * 0.3, panel_w - 0.8, f.height * 0.4),
           [[Run(f"{block.number:02d}", 96, True, colors.on_primary if f.chrome else colors.primary)]],
           "part number", anchor="middle", align="center")
    x = panel_w + 0.7
    width = f.width - x - f.margin
    title_box = Box(x, f.height * 0.18, width, f.height * 0.3)
    size = s.fit_line(block.title, title_box, 40, 24, True, "part title", max_lines=2, heading=True)
    s.text(title_box, [[Run(block.title, size, True, colors.primary, heading=True)]], "Title", anchor="bottom")
    s.rect(Box(x, f.height * 0.5, 1.2, 0.08), colors.accent, "accent")
    head_box = Box(x, f.height * 0.55, width, f.height * 0.25)
    head = s.fit_line(block.headline, head_box, 26, 18, False, "headline", max_lines=3)
    s.text(head_box, [[Run(block.headline, head, False, colors.text)]], "headline")


def _grids(count: int) -> list[tuple[int, int]]:
    """Columns and rows for count cards, the usual arrangement first."""
    cols = count if count <= 3 else (2 if count == 4 else 3)
    grids = [(cols, -(-count // cols))]
    if count >= 4:
        other = 4 if count == 4 else 2
        grids.append((other, -(-count // other)))
    return grids


def _card_grid(count: int, body: Box, grid: tuple[int, int] | None = None) -> list[Box]:
    cols, rows = grid or _grids(count)[0]
    gap = 0.3
    w = (body.w - gap * (cols - 1)) / cols
    # a row of cards is as tall as 2/3 of the body (a few cards fill the slide), cards in rows at most 2.6 in
    h = min((body.h - gap * (rows - 1)) / rows, 2.6 if rows > 1 else max(2.6, body.h * 0.66))
    top = body.y + (body.h - (h * rows + gap * (rows - 1))) / 2
    return [Box(body.x + (i % cols) * (w + gap), top + (i // cols) * (h + gap), w, h) for i in range(count)]


def _small(size: float) -> float:
    """Size of a figure's prefix and unit beside a value of the given size."""
    return max(size * 0.5, 16)


def _figure_size(s: SlideLayout, fig: d.Figure, width_in: float, height_in: float, two_lines: bool = False) -> float:
    """The largest value size at which the figure fits: one line, or two for a figure in words (or for any
    figure when two_lines, on a slide too small for one)."""
    sizes, bold = s.theme.sizes, s.metrics.bold
    words = any(ch.isalpha() for ch in fig.value)  # a figure in words (翻一番, "double the 2020 number")
    for size in sizes_between(sizes.deck_kpi_value_pt, sizes.deck_kpi_value_min_pt if not words else 24):
        small = _small(size)
        width = (bold.width(fig.prefix, small) + bold.width(fig.value, size) + bold.width(fig.suffix, small)) * WIDTH_SLACK
        lines = 1 if width <= width_in * 72 else (2 if words and width <= 2 * width_in * 72 * 0.9 else 0)
        if not lines and two_lines:
            # on two lines, but the number keeps its scale (RMB 1 billion; 1,300+ graduates may break if need be)
            unit = [word for word in fig.suffix.replace("\u00a0", " ").split()[:1] if word in _SCALES]
            core = bold.width(fig.value, size) + (bold.width(" " + unit[0], small) if unit else 0)
            lines = len(s.paragraph(_figure_runs(fig, size, ""), width_in * 72).lines)
            lines = lines if lines <= 2 and core * WIDTH_SLACK <= width_in * 72 else 0
        if lines and lines * size * 1.2 <= height_in * 72:
            return size
    raise GeneratorError(_("{s_where}, figure '{fig_label}': “{fig_text}” does not fit its card even at "
                            "{sizes_deck_kpi_value_min_pt:g} pt").format(
        s_where=s.where, fig_label=fig.label, fig_text=fig.text,
        sizes_deck_kpi_value_min_pt=sizes.deck_kpi_value_min_pt), hint=_("show fewer figures on this slide"))


#: words of an English figure's unit that say its size: never on another line than the number
_SCALES = frozenset({"billion", "million", "thousand", "m²", "km"})


def _figure_runs(fig: d.Figure, size: float, colour: str) -> list[Run]:
    runs = [Run(fig.prefix, _small(size), True, colour)] if fig.prefix else []
    runs.append(Run(fig.value, size, True, colour))
    if fig.suffix:
        runs.append(Run(fig.suffix, _small(size), True, colour))
    return runs


def _key_figures(s: SlideLayout, block: d.KeyFigures) -> None:
    colors = s.theme.colors
    boxes, value_size, label_size = _figure_cards(s, block)
    with s.group("key figures", "；".join(f"{f.label} {f.text}" for f in block.figures)):
        for fig, box in zip(block.figures, boxes):
            s.rect(box, colors.light, f"card {fig.fact_id}")
            s.rect(Box(box.x, box.y, 0.08, box.h), colors.primary, "card edge")
            s.text(Box(box.x + 0.25, box.y + 0.1, box.w - 0.4, _value_height(box)),
                   [_figure_runs(fig, value_size, colors.primary)], f"value {fig.fact_id}", anchor="bottom")
            s.text(Box(box.x + 0.25, box.y + box.h * 0.55, box.w - 0.4, box.h * 0.42),
                   [[Run(fig.label, label_size, False, colors.text)]], f"label {fig.fact_id}")


def _value_height(card: Box) -> float:
    """The height of a card's value: half the card, ending above its label (at 55 % of the card) on a short one."""
    return min(card.h * 0.5, card.h * 0.55 - 0.12)


def _figure_cards(s: SlideLayout, block: d.KeyFigures) -> tuple[list[Box], float, float]:
    """The cards' boxes, and one value size and one label size for every card: the largest at which every
    card's text fits. Values on one line in the usual grid are preferred, then another grid, then values on
    two lines; Overflow when only some of the figures fit."""
    def attempt(items: tuple[d.Figure, ...]) -> tuple[list[Box], float, float]:
        first_error = None
        for two_lines in (False, True):
            for grid in _grids(len(items)):
                try:
                    return _cards_in(s, items, grid, two_lines)
                except GeneratorError as error:
                    first_error = first_error or error
        raise first_error  # type: ignore[misc]

    found: list[tuple[list[Box], float, float]] = []
    s.fits(lambda items: found.append(attempt(items)), block.figures, block)
    return found[-1]


def _cards_in(s: SlideLayout, figures: tuple[d.Figure, ...], grid: tuple[int, int],
              two_lines: bool) -> tuple[list[Box], float, float]:
    sizes = s.theme.sizes
    boxes = _card_grid(len(figures), s.body, grid)
    value_size = min(_figure_size(s, fig, box.w - 0.5, _value_height(box), two_lines) for fig, box in zip(figures, boxes))
    label_size = min(
        s.fit_line(fig.label, Box(0, 0, box.w - 0.5, box.h * 0.42), sizes.deck_kpi_label_pt + 2,
                   sizes.deck_kpi_label_pt - 2, False, f"label of '{fig.label}'", max_lines=3)
        for fig, box in zip(figures, boxes)
    )
    return boxes, value_size, label_size


def _chart(s: SlideLayout, block: d.Chart) -> None:
    from .charts import chart_shape

    s.shapes.append(chart_shape(s, block, s.body))


def _timeline(s: SlideLayout, block: d.Timeline) -> None:
    colors, body = s.theme.colors, s.body
    count = len(block.events)
    col = body.w / count
    # as large as the columns allow (a few events fill the slide's height, many share its width)
    date_size = min(s.fit_line(e.date, Box(0, 0, col - 0.3, 0.5), 22, 14, True, "date", 1) for e in block.events)
    text_size = min(s.fit_lines([e.label, e.detail], Box(0, 0, col - 0.3, body.h * 0.58), 26, 14, 0.3,
                                f"event '{e.label}'") for e in block.events)
    # the dates, the axis and the longest event's text as one block, centred in the body's height
    text_h = max((line_count(e.label, col - 0.3, text_size, s.metrics.bold) * text_size
                  + line_count(e.detail, col - 0.3, text_size - 2, s.metrics.regular) * (text_size - 2)) * 1.2 / 72
                 + text_size * 0.3 / 72 for e in block.events)
    # what room is left spreads the dates and the events a little apart from the axis
    spread = max((body.h - (0.85 + 0.35 + text_h)) * 0.15, 0)
    line_y = body.y + max((body.h - (0.85 + 0.35 + text_h + 2 * spread)) / 2, 0) + 0.85 + spread
    with s.group("timeline", "；".join(f"{e.date} {e.label}" for e in block.events)):
        s.rect(Box(body.x, line_y - 0.03, body.w, 0.06), colors.rule, "time axis")
        for index, event in enumerate(block.events):
            x = body.x + index * col
            dot = 0.34
            s.rect(Box(x + 0.15, line_y - dot / 2, dot, dot), colors.accent, "milestone", "oval")
            s.text(Box(x + 0.1, line_y - 0.85 - spread, col - 0.3, 0.6),
                   [[Run(event.date, date_size, True, colors.primary)]], "date", anchor="bottom")
            s.text(Box(x + 0.1, line_y + 0.35 + spread, col - 0.3,
                       min(body.h * 0.6, body.y + body.h - line_y - 0.35 - spread)),
                   [[Run(event.label, text_size, True, colors.text)],
                    [Run(event.detail, text_size - 2, False, colors.muted)]], "event", space_after_pt=text_size * 0.3)


def _bullet_list(s: SlideLayout, block: d.BulletList) -> None:
    colors, sizes, body = s.theme.colors, s.theme.sizes, s.body
    indent = 0.35
    if block.role == "names" and _as_tiles(s, block.items):
        return

    def size_for(items: tuple[str, ...]) -> float:
        return s.fit_lines(list(items), Box(body.x + indent, body.y, body.w - indent, body.h),
                           sizes.deck_body_pt + 2, sizes.deck_body_min_pt, 0.6, "key points")

    s.fits(size_for, block.items, block)
    size, gap = _filling(s, block.items, body.w - indent, body.h, size_for(block.items), sizes.deck_body_pt * 1.4)
    height = _list_height(s, block.items, body.w - indent, size, gap)
    box = Box(body.x, body.y + (body.h - height) / 2, body.w, body.h - (body.h - height) / 2)
    s.text(box, [[Run(item, size, False, colors.text)] for item in block.items], "key points",
           space_after_pt=gap, bullet="■", bullet_colour=colors.accent, indent_in=indent, line_spacing=1.0)


#: the most items of a list of names set as tiles, side by side, instead of a list that would leave the slide empty
_TILES = 3


def _as_tiles(s: SlideLayout, items: tuple[str, ...]) -> bool:
    """A few names (the markets) as tiles across the body, each name large in its own card, when each fits its
    tile on at most four lines; False (nothing drawn) otherwise."""
    colors, sizes, body = s.theme.colors, s.theme.sizes, s.body
    if not 1 < len(items) <= _TILES:
        return False
    gap = 0.3
    width = (body.w - gap * (len(items) - 1)) / len(items)
    height = body.h * 0.7
    inner = Box(0, 0, width - 0.6, height - 0.6)
    try:
        size = min(s.fit_lines([item], inner, sizes.deck_body_pt * 1.4, sizes.deck_body_min_pt, 0, "tile")
                   for item in items)
    except GeneratorError:
        return False
    if any(line_count(item, inner.w, size, s.metrics.regular) > 4 for item in items):
        return False
    top = body.y + (body.h - height) / 2
    for index, item in enumerate(items):
        box = Box(body.x + index * (width + gap), top, width, height)
        s.rect(box, colors.light, "tile")
        s.rect(Box(box.x, box.y, 0.08, box.h), colors.accent, "tile edge")
        s.text(Box(box.x + 0.3, box.y + 0.3, inner.w, inner.h), [[Run(item, size, True, colors.text)]], "tile text",
               anchor="middle")
    return True


#: a short list is set larger and spaced out until it fills this share of the slide's body, then centred in it
_FILL = 0.62


def _list_height(s: SlideLayout, items: tuple[str, ...], width: float, size: float, gap: float) -> float:
    """The height in inches of a list set at size with gap points after each item."""
    lines = sum(line_count(item, width, size, s.metrics.regular) for item in items)
    return (lines * size * LINE_HEIGHT + gap * (len(items) - 1)) / 72


def _filling(s: SlideLayout, items: tuple[str, ...], width: float, height: float, size: float,
             largest: float) -> tuple[float, float]:
    """The size and the gap after each item that let a list use the slide's height: the size that fits, and for
    a short list a larger one (up to `largest`) and a wider gap (up to 1.5 lines), until it fills _FILL of it."""
    gap = size * 0.6
    if _list_height(s, items, width, size, gap) >= height * _FILL:
        return size, gap
    for larger in sizes_between(largest, size, 1):
        if _list_height(s, items, width, larger, larger * 0.6) <= height * _FILL:
            size = larger
            break
    lines = sum(line_count(item, width, size, s.metrics.regular) for item in items)
    room = height * _FILL * 72 - lines * size * LINE_HEIGHT
    return size, min(max(size * 0.6, room / max(len(items) - 1, 1)), size * 1.5)


def _table(s: SlideLayout, block: d.Table) -> None:
    colors, sizes, body = s.theme.colors, s.theme.sizes, s.body
    weights = block.widths or tuple(1.0 for _ in block.columns)
    widths = tuple(body.w * w / sum(weights) for w in weights)
    pad, margins = 0.08, 0.08  # the cells' padding left and right, and their margins top and bottom together

    def needed(row: tuple[str, ...], size: float, header: bool) -> float:
        metrics = s.metrics.bold if header else s.metrics.regular
        return max(line_count(text, width - 2 * pad, size, metrics) for text, width in zip(row, widths)) * size * 1.2 / 72

    def rows_for(rows: tuple[tuple[str, ...], ...]) -> tuple[float, tuple[float, ...]]:
        """The text size and the rows' heights: the same height for every row where the cells allow it, else
        (on a small slide) each row as tall as its text."""
        count = len(rows) + 1
        uniform = min(body.h / count, 0.75)
        candidates = sizes_between(sizes.deck_table_pt, sizes.deck_table_min_pt, 1)
        for size in candidates:
            if needed(block.columns, size, True) <= uniform - margins and all(
                    needed(row, size, False) <= uniform - margins for row in rows):
                return size, (uniform,) * count
        for size in candidates:
            heights = [needed(block.columns, size, True) + margins] + [needed(row, size, False) + margins for row in rows]
            if sum(heights) <= body.h:
                extra = min((body.h - sum(heights)) / count, 0.15)
                return size, tuple(h + extra for h in heights)
        raise GeneratorError(_("{s_where}, table: the cells do not fit even at {sizes_deck_table_min_pt:g} pt").format(
            s_where=s.where, sizes_deck_table_min_pt=sizes.deck_table_min_pt),
                             hint=_("shorten the text of the table's cells"))

    s.fits(rows_for, block.rows, block)
    size, heights = rows_for(block.rows)

    def cell(index: int, text: str, bold: bool, colour: str, fill: str) -> Cell:
        paragraph = s.paragraph([s.legible(Run(text, size, bold, colour), fill)], (widths[index] - 2 * pad) * 72)
        return Cell(paragraph, fill, "right" if index in block.numeric_columns else "left")

    cells = [tuple(cell(i, text, True, colors.on_primary, colors.primary) for i, text in enumerate(block.columns))]
    for r, row in enumerate(block.rows, 1):
        fill = colors.light if r % 2 == 0 else colors.background
        cells.append(tuple(cell(i, text, False, colors.text, fill) for i, text in enumerate(row)))
    total = heights[0] * len(heights) if len(set(heights)) == 1 else sum(heights)
    s.shapes.append(TableShape(Box(body.x, body.y, body.w, total), widths, heights, tuple(cells), size,
                               f"table: {s.page.title}", pad))


def _highlight(s: SlideLayout, block: d.Highlight) -> None:
    colors, sizes, body = s.theme.colors, s.theme.sizes, s.body
    card = Box(body.x + body.w * 0.1, body.y + 0.2, body.w * 0.8, body.h - 0.4)
    s.rect(card, colors.light, "highlight card")
    s.rect(Box(card.x, card.y, card.w, 0.1), colors.accent, "highlight edge")
    if block.figure:
        fig = block.figure
        # the figure ends above the text (at 55 % of the card), also on a short card
        height = min(card.h * 0.45, card.h * 0.55 - 0.48)
        size = s.fit_line(fig.text, Box(0, 0, card.w - 0.8, min(1.6, height)), 72, sizes.deck_kpi_value_min_pt, True,
                          "figure", 1)
        s.text(Box(card.x + 0.4, card.y + 0.5, card.w - 0.8, height), [_figure_runs(fig, size, colors.primary)],
               "figure", anchor="bottom", align="center")
    label = s.fit_line(block.text, Box(0, 0, card.w - 0.8, card.h * 0.25), 28, sizes.deck_body_min_pt, False, "text")
    s.text(Box(card.x + 0.4, card.y + card.h * 0.55, card.w - 0.8, card.h * 0.25),
           [[Run(block.text, label, False, colors.text)]], "text", align="center")
    s.text(Box(card.x + 0.4, card.y + card.h * 0.82, card.w - 0.8, card.h * 0.14),
           [[Run(block.attribution, 12, False, colors.muted)]], "source", align="center")


def _paragraph(s: SlideLayout, block: d.Paragraph) -> None:
    colors, sizes, body = s.theme.colors, s.theme.sizes, s.body
    size = s.fit_lines([block.text], body, sizes.deck_body_pt, sizes.deck_body_min_pt, 0, "paragraph")
    s.text(body, [[Run(block.text, size, block.role == "lead", colors.text)]], "text")


def _closing(s: SlideLayout, block: d.Closing) -> None:
    colors, f = s.theme.colors, s.frame
    on, soft = _on_background(s)
    if f.chrome:
        s.rect(Box(0, 0, f.width, f.height), colors.primary, "background")
    s.rect(Box(f.width / 2 - 0.8, f.height * 0.56, 1.6, 0.08), colors.accent, "accent")
    s.text(Box(f.margin, f.height * 0.25, f.width - 2 * f.margin, f.height * 0.3),
           [[Run(block.title, 54, True, on, heading=True)]], "Title", anchor="bottom", align="center")
    sub = s.fit_line(block.subtitle, Box(0, 0, f.width - 2 * f.margin, 0.8), 24, 16, False, "closing subtitle")
    s.text(Box(f.margin, f.height * 0.62, f.width - 2 * f.margin, 1.4),
           [[Run(block.subtitle, sub, False, on)], [Run(block.organisation, 16, False, soft)]],
           "Subtitle", align="center", space_after_pt=8)
    _logo(s)


HANDLERS: dict[type, Callable[[SlideLayout, Any], None]] = {
    d.Title: _title,
    d.Agenda: _agenda,
    d.Contents: _contents,
    d.SectionDivider: _section_divider,
    d.KeyFigures: _key_figures,
    d.Chart: _chart,
    d.Timeline: _timeline,
    d.BulletList: _bullet_list,
    d.Table: _table,
    d.Highlight: _highlight,
    d.Paragraph: _paragraph,
    d.Closing: _closing,
}
