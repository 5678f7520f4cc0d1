"""The targets slide: each target beside the result reported for it, paired by data, with its declared completion."""
from __future__ import annotations

from typing import TYPE_CHECKING, Literal

from pydantic import Field

from ..document import Page
from ..specs import Problem, TargetsChoice
from . import SlideKind

if TYPE_CHECKING:
    from ..compose import Composer
    from ..dataset import Dataset


class TargetsSlide(TargetsChoice):
    kind: Literal["targets"]


def compose_slide(c: Composer, spec: TargetsSlide) -> list[Page]:
    """The targets table on as many slides as its rows need; each row's note says the target, the result and how
    any computed figure was computed."""
    table, notes, _ids = c.targets_table(spec.chosen(c.d))
    return c.table_pages(c.title_of(spec, c.targets_title(spec)), table, notes)


def check(spec: TargetsSlide, dataset: Dataset) -> list[Problem]:
    return spec.problems(dataset)


KIND = SlideKind(TargetsSlide, "each target beside the result reported for it and its computed completion "
                 "(`facts`: targets; default: every target of the plan year)", "- kind: targets", compose_slide,
                 check)
