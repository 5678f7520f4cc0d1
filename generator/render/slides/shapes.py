"""The primitives a laid-out slide is made of, in inches, with its text already broken into lines."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal, Union

from ...document import Chart, Page

if TYPE_CHECKING:
    from ...theme import Theme
    from .faces import DeckFaces
    from .template import DeckTemplate


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
class SlideDrawing:
    """One laid-out slide: the page it shows, its shapes in drawing order and its speaker notes, one paragraph
    per line."""

    number: int
    page: Page
    shapes: tuple[Shape, ...] = field(default_factory=tuple)
    notes: tuple[str, ...] = ()


@dataclass(frozen=True)
class DeckLayout:
    """A deck laid out once for every painter: the slide size, the slides, the theme they were laid out with
    (a template's colours applied), the template, if any, and the faces the text was measured with."""

    width_in: float
    height_in: float
    slides: tuple[SlideDrawing, ...]
    theme: "Theme"
    template: "DeckTemplate | None" = None
    faces: "DeckFaces | None" = None
