"""A reportlab flowable for Chinese text: our line breaker, justified by character spacing, split across pages."""
from __future__ import annotations

from dataclasses import dataclass

from functools import lru_cache

from reportlab.lib.colors import Color, HexColor
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable

from ...textfit import wrap


@dataclass(frozen=True)
class TextStyle:
    """How a text block looks: font name as registered, size, leading, colour and alignment."""

    font: str
    size: float
    leading: float
    colour: str
    align: str = "justify"  # justify, left, center, right
    space_before: float = 0
    space_after: float = 0
    bullet: str = ""
    bullet_colour: str = ""
    indent: float = 0  # hanging indent for bullets, in points


@lru_cache(maxsize=64)
def colour(hex_colour: str) -> Color:
    """A reportlab colour for #RRGGBB, parsed once (parsing on every line was a third of the drawing time)."""
    return HexColor(hex_colour)


class TextBlock(Flowable):
    """A paragraph of plain text set line by line. Lines are broken by generator.textfit (no line starts with
    closing punctuation, a figure stays whole with its qualifier, unit and status tag, no character alone on a last
    line); full Chinese lines are justified by spacing the characters, English ones are set ragged-right."""

    _wrapped_at: float | None = None  # the width the lines were broken for
    _last_is_full = False  # the head of a split paragraph: its last line is justified like the others
    _bullet_done = False  # the tail of a split paragraph: its bullet was drawn with the head

    def __init__(self, text: str, style: TextStyle, lines: list[str] | None = None, first: bool = True,
                 outline: tuple[int, str, str] | None = None):
        super().__init__()
        self.text = text
        self.style = style
        self._lines = lines
        self._first = first
        self.outline = outline  # (level, title, key) for headings
        self.spaceBefore = style.space_before if first else 0
        self.spaceAfter = style.space_after

    def _measure(self, text: str) -> float:
        return stringWidth(text, self.style.font, self.style.size)

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self.width = avail_width
        if self._lines is None or self._wrapped_at != avail_width:
            if self._lines is None or self._first:
                self._lines = wrap(self.text, avail_width - self.style.indent, self._measure)
            self._wrapped_at = avail_width
        self.height = len(self._lines) * self.style.leading
        return avail_width, self.height

    def split(self, avail_width: float, avail_height: float) -> list[Flowable]:
        self.wrap(avail_width, avail_height)
        fit = int(avail_height // self.style.leading)
        lines = self._lines or []
        if fit >= len(lines):
            return [self]
        # keep at least two lines on each side of a page break (no widows, no orphans)
        if fit < 2 or len(lines) < 4:
            return []
        fit = min(fit, len(lines) - 2)
        head = TextBlock(self.text, self.style, lines[:fit], self._first, self.outline)
        head._last_is_full = True
        head._wrapped_at = avail_width
        tail = TextBlock(self.text, self.style, lines[fit:], False, None)
        tail._wrapped_at = avail_width
        tail._bullet_done = True
        return [head, tail]

    def draw(self) -> None:
        canvas, style = self.canv, self.style
        canvas.saveState()
        canvas.setFillColor(colour(style.colour))
        y = self.height - style.leading + (style.leading - style.size) * 0.6
        width = self.width - style.indent
        last_full = self._last_is_full
        if style.bullet and not self._bullet_done:
            canvas.setFillColor(colour(style.bullet_colour or style.colour))
            canvas.setFont(style.font, style.size * 0.7)
            canvas.drawString(0, y + style.size * 0.12, style.bullet)
            canvas.setFillColor(colour(style.colour))
        lines = self._lines or []
        for index, line in enumerate(lines):
            is_last = index == len(lines) - 1 and not last_full
            line_width = self._measure(line)
            x = style.indent
            text = canvas.beginText()
            text.setFont(style.font, style.size)
            if style.align == "center":
                x += (width - line_width) / 2
            elif style.align == "right":
                x += width - line_width
            elif style.align == "justify" and not is_last and len(line) > 1:
                # Chinese lines are justified by spacing their characters; lines of Latin words stay ragged-right
                # (spacing their words apart left gaps of up to 0.6 em in English paragraphs)
                extra = width - line_width
                latin = sum(1 for c in line if c.isascii())
                if not (" " in line and latin > len(line) * 0.6) and extra < style.size * 2:
                    text.setCharSpace(extra / (len(line) - 1))
            text.setTextOrigin(x, y)
            text.textOut(line)
            canvas.drawText(text)
            y -= style.leading
        canvas.restoreState()
