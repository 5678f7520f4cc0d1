"""Sentences of the dataset and the layout in one language: {fact_id} becomes the figure as the article writes it
(约43亿元, about RMB 4.3 billion), {results_year} and {plan_year} the dataset's years."""
from __future__ import annotations

import re

from dataclasses import replace

from .dataset import PLACEHOLDER, Dataset, Fact
from .formatting import figure
from .document import Figure
from .periods import Period

#: what a status adds to its period: a target of 2021 is "2021年目标"; a running total or a stock to date, and a
#: goal in the long term, have words of their own
_WHEN = {
    "target": ("{period}目标", "{period} target"),
    "pipeline": ("{period}，推进中", "in progress {period}"),
    "goal": ("{period}目标", "goal for {period}"),
}
_TO_DATE = {"cumulative": ("累计", "to date"), "pipeline": ("推进中", "in progress")}
_LONG_TERM = {"goal": ("中长期目标", "multi-year goal")}
#: a share's base after the share
_BASE = ("（基数{base}）", " (of {base})")


class Wording:
    """Words texts of one dataset in one language; every figure through the one formatter."""

    def __init__(self, dataset: Dataset, lang: str):
        self.dataset, self.lang = dataset, lang

    def __call__(self, text: str | None) -> str:
        """The text with its placeholders filled (placeholders were validated when the inputs were loaded)."""
        if not text:
            return ""
        return PLACEHOLDER.sub(self._value_of, text)

    def _value_of(self, match: re.Match[str]) -> str:
        name = match.group(1)
        if name in self.dataset.years:
            return str(self.dataset.years[name])
        fact = self.dataset.facts.get(name)
        if fact and match.group(2):  # {fact_id:period}: when the figure holds
            return self.dataset.period_of(fact).text(self.lang)
        return figure(fact, self.lang, self.dataset.years).text if fact else match.group(0)

    def pick(self, zh: str | None, en: str | None) -> str:
        """The text of this language, worded."""
        return self(zh if self.lang == "zh" else en)

    def label(self, fact: Fact) -> str:
        return self.pick(fact.label_zh, fact.label_en)

    def figure(self, fact: Fact) -> Figure:
        """The fact's figure with its label, and the period and status it holds for (see when)."""
        shown = replace(figure(fact, self.lang, self.dataset.years, self.label(fact)), period=self.when(fact))
        if fact.share_of is not None:  # a share with its base: 93%（基数86个）, 93% (of 86 villages)
            base = figure(self.dataset.facts[fact.share_of], self.lang, self.dataset.years).text
            shown = replace(shown, suffix=shown.suffix + (_BASE[0] if self.lang == "zh" else _BASE[1]).format(
                base=base))
        return shown

    def period(self, fact: Fact) -> Period:
        return self.dataset.period_of(fact)

    def when(self, fact: Fact) -> str:
        """When the figure holds and what it is, as shown beside it: 2020年, 2022年1—10月, 2021年目标, 累计,
        截至2020年10月底, 中长期目标 (2020, Jan–Oct 2022, 2021 target, to date, multi-year goal)."""
        period = self.dataset.period_of(fact)
        index = 0 if self.lang == "zh" else 1
        if period.kind == "to_date" and fact.status in _TO_DATE:
            return _TO_DATE[fact.status][index]
        if period.kind == "long_term" and fact.status in _LONG_TERM:
            return _LONG_TERM[fact.status][index]
        text = period.text(self.lang)
        if fact.status in _WHEN:
            return _WHEN[fact.status][index].format(period=text)
        return text
