"""Targets beside their results, paired by data: a result of the same measure and subject whose period is the
target's or part of it (上半年 of a whole-year target). Never by position: a target with no such result is
listed as having none, and a completion is shown only where the dataset declares it as a derived figure."""
from __future__ import annotations

from collections.abc import Sequence

from .dataset import Dataset, DerivedFact, Fact
from .periods import Period


def targets(dataset: Dataset, fact_ids: Sequence[str] | None = None, sections: Sequence[str] | None = None,
            period: Period | None = None) -> list[Fact]:
    """The targets to show: those named, or every target of the period (default: the plan year), in the dataset's
    order; only those of `sections` when given."""
    if fact_ids:
        return [dataset.facts[f] for f in fact_ids]
    period = period or Period(kind="year", year=dataset.model.years.plan)
    return [f for f in dataset.model.facts if f.status == "target" and dataset.period_of(f).within(period)
            and (not sections or f.section in sections)]


def result_for(dataset: Dataset, target: Fact) -> Fact | None:
    """The result reported for a target: achieved or cumulative, the same measure and subject, for the target's
    period or a part of it; the latest such result (a whole year before its first half), or None."""
    if target.measure is None:
        return None
    within = dataset.period_of(target)
    found = [f for f in dataset.model.facts if f.status in ("achieved", "cumulative") and f.measure == target.measure
             and f.subject == target.subject and dataset.period_of(f).within(within)]
    return max(found, key=lambda f: dataset.period_of(f).end, default=None)


def completion_for(dataset: Dataset, result: Fact, target: Fact) -> DerivedFact | None:
    """The declared completion rate or gap of this result against this target, if the dataset declares one."""
    return next((d for d in dataset.derived.values()
                 if d.formula in ("ratio", "gap") and d.of == (result.id, target.id)), None)
