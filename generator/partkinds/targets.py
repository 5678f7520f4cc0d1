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


#: what the part says under its table: how targets and results are paired, and (when the table shows one) that a
#: computed figure is the program's, not a source's
PAIRED = ("实绩与目标按同一指标、同一主体、同一时期（或其中一段）配对。",
          "Each target is paired with the result of the same measure, subject and period (or part of it).")
COMPUTED = ("标注“计算”的数字由本系统依据两项原文数据计算，算式见附录。",
            "Figures marked (computed) are calculated from two figures of the sources; the appendix gives each "
            "formula.")


def compose_part(c: Composer, spec: TargetsPart) -> Page:
    """The targets table, then what pairs them and what "computed" means."""
    table, _notes, ids = c.targets_table(spec.chosen(c.d))
    said = c.word(PAIRED) + ((" " if c.lang == "en" else "") + c.word(COMPUTED) if set(ids) & set(c.d.derived) else "")
    return Page(c.title_of(spec, c.targets_title(spec)), (table, Paragraph(said, "source")), sources=c.sources(ids))


def check(spec: TargetsPart, dataset: Dataset) -> list[Problem]:
    return spec.problems(dataset)


KIND = PartKind(TargetsPart, "each target beside the result reported for it and its computed completion "
                "(`facts`: targets; default: every target of the plan year)", "- kind: targets", compose_part, check)
