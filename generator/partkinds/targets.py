"""The targets part: each target beside the result reported for it, paired by data, with its declared completion."""
from __future__ import annotations

from typing import TYPE_CHECKING, Literal

from ..document import Page, Paragraph
from ..specs import Problem, TargetsChoice
from . import PartKind

if TYPE_CHECKING:
    from ..compose import Composer
    from ..dataset import Dataset


class TargetsPart(TargetsChoice):
    kind: Literal["targets"]


def compose_part(c: Composer, spec: TargetsPart) -> Page:
    """The targets table, then what pairs them and what "computed" means."""
    table, _notes, ids = c.targets_table(spec.chosen(c.d))
    # how targets and results are paired; and, when the table shows one, that a computed figure is the program's
    said = c.w("targets.paired") + (c.words.sentence_gap + c.w("targets.computed") if set(ids) & set(c.d.derived)
                                    else "")
    return Page(c.title_of(spec, c.targets_title(spec)), (table, Paragraph(said, "source")), sources=c.sources(ids))


def check(spec: TargetsPart, dataset: Dataset) -> list[Problem]:
    return spec.problems(dataset)


KIND = PartKind(TargetsPart, "each target beside the result reported for it and its computed completion "
                "(`facts`: targets; default: every target of the plan year)", "- kind: targets", compose_part, check)
