"""Sentences of the dataset and the layout in one language: {fact_id} becomes the figure as the article writes it
(约43亿元, about RMB 4.3 billion), {results_year} and {plan_year} the dataset's years."""
from __future__ import annotations

import re

from .dataset import PLACEHOLDER, Dataset, Fact
from .formatting import figure
from .document import Figure


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
        return figure(fact, self.lang, self.dataset.years).text if fact else match.group(0)

    def pick(self, zh: str | None, en: str | None) -> str:
        """The text of this language, worded."""
        return self(zh if self.lang == "zh" else en)

    def label(self, fact: Fact) -> str:
        return self.pick(fact.label_zh, fact.label_en)

    def figure(self, fact: Fact) -> Figure:
        return figure(fact, self.lang, self.dataset.years, self.label(fact))
