"""The agenda slide: the numbered parts of the meeting."""
from __future__ import annotations

from typing import TYPE_CHECKING, Literal

from pydantic import Field

from ..document import Agenda, Page
from ..specs import Titled
from . import SlideKind
from .section_divider import DividerSlide

if TYPE_CHECKING:
    from ..compose import Composer


class AgendaSlide(Titled):
    kind: Literal["agenda"]
    sections: tuple[str, ...] | None = Field(None, max_length=20, description="section ids; default: the sections of the deck's dividers")



def compose_slide(c: Composer, spec: AgendaSlide) -> list[Page]:
    """The headlines of the sections, numbered on across the slides a long agenda takes."""
    divider_sections = [s.section for s in c.m.deck if isinstance(s, DividerSlide)]
    sections = spec.sections or divider_sections or [s.id for s in c.d.model.sections]
    items = [c.headline(s) for s in sections]
    title = c.title_of(spec, c.w("agenda.title"))
    pages, start = [], 1
    for i, chunk in enumerate(c.bullet_chunks(items)):
        pages.append(Page(c.continued(title, i), (Agenda(tuple(chunk), start),), notes=tuple(chunk),
                          continued=bool(i)))
        start += len(chunk)
    return pages


KIND = SlideKind(AgendaSlide, "numbered list of the parts (the sections of the deck's dividers, or `sections`)",
                 "- kind: agenda", compose_slide)
