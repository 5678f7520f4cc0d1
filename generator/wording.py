"""Sentences of the dataset and the layout in one language: {fact_id} becomes the figure as the article writes it
(约43亿元, about RMB 4.3 billion), {results_year} and {plan_year} the dataset's years."""
from __future__ import annotations

import re

from dataclasses import replace

from .dataset import PLACEHOLDER, Dataset, Fact
from .formatting import figure
from .document import Figure
from .periods import Period
from .words import WORDS


class Wording:
    """Words texts of one dataset in one language; every figure through the one formatter."""

    def __init__(self, dataset: Dataset, lang: str):
        self.dataset, self.lang, self.words = dataset, lang, WORDS[lang]

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
        return self(self.words.of((zh, en)))

    def label(self, fact: Fact) -> str:
        return self.pick(fact.label_zh, fact.label_en)

    def figure(self, fact: Fact) -> Figure:
        """The fact's figure with its label, and the period and status it holds for (see when)."""
        shown = replace(figure(fact, self.lang, self.dataset.years, self.label(fact)), period=self.when(fact))
        if fact.share_of is not None:  # a share with its base: 93%（基数86个）, 93% (of 86 villages)
            base = figure(self.dataset.facts[fact.share_of], self.lang, self.dataset.years).text
            shown = replace(shown, suffix=shown.suffix + self.words["share_base"].format(base=base))
        return shown

    def period(self, fact: Fact) -> Period:
        return self.dataset.period_of(fact)

    def when(self, fact: Fact) -> str:
        """When the figure holds and what it is, as shown beside it: 2020年, 2022年1—10月, 2021年目标, 累计,
        截至2020年10月底, 中长期目标 (2020, Jan–Oct 2022, 2021 target, to date, multi-year goal)."""
        period = self.dataset.period_of(fact)
        phrases = self.words.phrases
        # a running total or a stock to date, and a long-term goal, have words of their own
        for kind in ("to_date", "long_term"):
            if period.kind == kind and f"{kind}.{fact.status}" in phrases:
                return phrases[f"{kind}.{fact.status}"]
        text = period.text(self.lang)
        if f"when.{fact.status}" in phrases:  # what a status adds to its period: 2021年目标, 2021 target
            return phrases[f"when.{fact.status}"].format(period=text)
        return text
