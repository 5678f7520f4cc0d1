"""The primitives a laid-out slide is made of, in inches, with its text already broken into lines."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Literal, Union

from ...document import Chart


@dataclass(frozen=True)
class Box:
    """A rectangle in inches from the slide's top-left corner."""

    x: float
    y: float
    w: float
    h: float


@dataclass(frozen=True)
class Run:
    """Text of one size, weight and colour, in the body font or (`heading`) the heading font."""

    text: str
    size_pt: float
    bold: bool = False
    colour: str = "#000000"
    heading: bool = False


@dataclass(frozen=True)
class Line:
    """One line of text as it is painted: its runs and their advance width in points."""

    runs: tuple[Run, ...]
    width_pt: float


@dataclass(frozen=True)
class TextParagraph:
    """A paragraph: its runs as written, and the same text broken into the lines of its box."""

    runs: tuple[Run, ...]
    lines: tuple[Line, ...]


@dataclass(frozen=True)
class Rect:
    box: Box
    fill: str
    name: str
    shape: Literal["rect", "rounded", "oval"] = "rect"
    text: "TextShape | None" = None  # text inside the shape (agenda numbers)


@dataclass(frozen=True)
class TextShape:
    """A text box whose size was decided at build time; `field` "slidenum" makes it the slide number."""

    box: Box
    paragraphs: tuple[TextParagraph, ...]
    name: str
    anchor: Literal["top", "middle", "bottom"] = "top"
    align: Literal["left", "center", "right"] = "left"
    space_after_pt: float = 0
    line_spacing: float | None = None
    bullet: str = ""
    bullet_colour: str = ""
    indent_in: float = 0
    field: str = ""


@dataclass(frozen=True)
class Cell:
    """A table cell: its one paragraph, broken for the column's width inside the padding."""

    paragraph: TextParagraph
    fill: str
    align: Literal["left", "right"] = "left"


@dataclass(frozen=True)
class TableShape:
    box: Box
    widths_in: tuple[float, ...]
    row_heights_in: tuple[float, ...]
    rows: tuple[tuple[Cell, ...], ...]
    size_pt: float
    name: str
    pad_in: float = 0.08


@dataclass(frozen=True)
class ChartShape:
    """A chart: its spec; the text size of its labels; each category's label (for a doughnut: its legend entry,
    the category and its value) and each series' label of each point, broken into lines; where its plot area
    (without the axis labels) and its legend go, as fractions of its box; and its alt text."""

    box: Box
    chart: Chart
    size_pt: float
    categories: tuple[tuple[str, ...], ...]
    labels: tuple[tuple[tuple[str, ...], ...], ...]
    plot: Box
    legend: Box | None
    description: str


@dataclass(frozen=True)
class Picture:
    """An image file drawn in a box (the box already has the image's proportions)."""

    box: Box
    path: str
    description: str


@dataclass(frozen=True)
class Group:
    """Shapes that belong together (a set of figure cards, a timeline) with their alt text."""

    name: str
    description: str
    shapes: tuple["Shape", ...]


Shape = Union[Rect, TextShape, TableShape, ChartShape, Picture, Group]


@dataclass(frozen=True)
class Frame:
    """Slide geometry in inches: margins, the title bar and the footer band. A corporate template gives its
    own title box (its title placeholder) and body box, and draws its own decoration (`chrome` False)."""

    width: float
    height: float
    margin: float
    title_top: float = 0.38
    title_height: float = 0.85
    footer_height: float = 0.4
    title_box: Box | None = None
    body_box: Box | None = None
    chrome: bool = True

    @property
    def title(self) -> Box:
        if self.title_box:
            return self.title_box
        return Box(self.margin + 0.25, self.title_top, self.width - 2 * self.margin - 0.25, self.title_height)

    @property
    def body(self) -> Box:
        if self.body_box:
            return self.body_box
        top = self.title_top + self.title_height + 0.3
        return Box(self.margin, top, self.width - 2 * self.margin, self.height - top - self.footer_height - 0.3)
