"""The timeline slide: the dataset's dated events in order."""
from __future__ import annotations

from typing import TYPE_CHECKING, Literal

from pydantic import Field

from ..document import Page
from ..i18n import _
from ..specs import Problem, Titled
from . import SlideKind

if TYPE_CHECKING:
    from ..compose import Composer
    from ..dataset import Dataset


class TimelineSlide(Titled):
    kind: Literal["timeline"]
    events: tuple[str, ...] | None = Field(None, max_length=40, description="event ids; default: all, by date")


def compose_slide(c: Composer, spec: TimelineSlide) -> list[Page]:
    """The events with their figures; the notes read each event aloud."""
    block, fact_ids = c.timeline(spec.events)
    said = [(f"{e.date}{c.sep}{e.label}", e.detail) for e in block.events]
    notes = tuple(c.words.bracketed(line, detail) if detail else line for line, detail in said)
    return [Page(c.title_of(spec, c.w("timeline")), (block,), notes=notes, sources=c.sources(fact_ids))]


def check(spec: TimelineSlide, dataset: Dataset) -> list[Problem]:
    """A timeline needs the dataset's events."""
    if dataset.events:
        return []
    return [((), _("a timeline slide needs events, and the dataset has none"),
             _("remove the slide or add dated events to the dataset"))]


KIND = SlideKind(TimelineSlide, "the dated events of the dataset (or `events`), in order", "- kind: timeline",
                 compose_slide, check)
