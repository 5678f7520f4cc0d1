"""The chart kinds: each module of this package holds one kind's meaning (what a layout names, what makes it true,
how its figures are read); adding a module adds a kind. How a kind is drawn belongs to each painter, in its own
table of chart kinds (generator/render)."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from ..registry import discover


@dataclass(frozen=True)
class ChartKind:
    """What one kind of chart means. Compose, validation and every painter read it; it names no painter."""

    name: str
    description: str  # one line for the schema and `briefing kinds`
    of: Literal["facts", "comparisons"]  # what a layout's entry names: figures, or results beside their targets
    horizontal: bool = False  # categories down the side, the values across (room for long labels)
    parts_of_a_whole: bool = False  # its facts must be the parts of one complete whole of the dataset
    over_time: bool = False  # comparisons as one line per measure from the results year to the plan year
    values_in_legend: bool = False  # each value is shown in the legend beside its category, not on its mark
    over_periods: bool = False  # one measure of one subject over periods of one length, each point named by its period


_ORDER = ("column", "bar", "grouped", "doughnut", "line", "trend")  # the order of the kinds in messages and the schema

#: every chart kind by name
CHART_KINDS: dict[str, ChartKind] = discover(__name__, __path__, ChartKind, lambda kind: kind.name, _ORDER)
