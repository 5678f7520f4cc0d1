"""The primitives a laid-out slide is made of, in inches: drawn natively by the deck renderer, on a canvas by
the deck-as-PDF renderer."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal, Union

from ...document import Chart, Page


@dataclass(frozen=True)
class Box:
    """A rectangle in inches from the slide's top-left corner."""

    x: float
    y: float
    w: float
    h: float


@dataclass(frozen=True)
class Run:
    """Text of one size, weight and colour."""

    text: str
    size_pt: float
    bold: bool = False
    colour: str = "#000000"


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
    paragraphs: tuple[tuple[Run, ...], ...]
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
    text: str
    bold: bool
    colour: str
    fill: str
    align: Literal["left", "right"] = "left"


@dataclass(frozen=True)
class TableShape:
    box: Box
    widths_in: tuple[float, ...]
    row_height_in: float
    rows: tuple[tuple[Cell, ...], ...]
    size_pt: float
    name: str
    pad_in: float = 0.08


@dataclass(frozen=True)
class ChartShape:
    box: Box
    chart: Chart
    size_pt: float


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
    """One laid-out slide: the page it shows and its shapes in drawing order."""

    number: int
    page: Page
    shapes: tuple[Shape, ...] = field(default_factory=tuple)
