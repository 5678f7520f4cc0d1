"""The laid-out deck every painter paints: each slide's shapes and notes, and the size, theme, template and faces
they were laid out with."""
from __future__ import annotations

from dataclasses import dataclass, field

from ...document import Page
from ...theme import Theme
from .faces import DeckFaces
from .shapes import Shape
from .template import DeckTemplate


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
    theme: Theme
    template: DeckTemplate | None = None
    faces: DeckFaces | None = None
