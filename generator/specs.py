"""What the slide kinds and briefing parts of a layout share: their title fields, the meeting's own words, a chart's
entry, and the record each kind's module fills in (generator/slidekinds, generator/partkinds)."""
from __future__ import annotations

import typing
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Annotated, Generic, Literal, Protocol, Self, TypeVar

from pydantic import AfterValidator, BaseModel, Field, model_validator

from .chartkinds import CHART_KINDS
from .i18n import N_
from .validation import Strict

if TYPE_CHECKING:
    from .compose import Composer
    from .dataset import Dataset, Fact
    from .loading import KeyPath

    ChartKind = str
else:  # the names of the chart kinds' modules: a new module is a new name a layout may use
    ChartKind = Literal[tuple(CHART_KINDS)]


#: the most characters of a title, and of one line of a meeting's own words: longer titles run off the slide (a
#: 10,000-character title took 35 pages, white on white), longer lines make the line breaker slow
MAX_TITLE_CHARS = 200
MAX_LINE_CHARS = 2000


def _one_line(value: str) -> str:
    if "\t" in value or "\r" in value:
        raise ValueError(N_("a tab or a carriage return shows as a box; write a space instead"))
    return value


#: a title or a name shown on one line
Line = Annotated[str, Field(max_length=MAX_TITLE_CHARS), AfterValidator(_one_line)]
#: one line or paragraph of a meeting's own words
TextLine = Annotated[str, Field(max_length=MAX_LINE_CHARS), AfterValidator(_one_line)]


class Titled(Strict):
    title_zh: Line | None = Field(None, description="replaces the slide's or part's default title (Chinese)")
    title_en: Line | None = Field(None, description="replaces the slide's or part's default title (English)")


class OwnWords(Titled):
    """The meeting's own words (an agenda of the meeting, questions, contacts), in both languages; a figure is
    named {fact_id}. A language left out shows the other language's text."""

    text_zh: tuple[TextLine, ...] = Field((), max_length=12, description="lines or paragraphs in Chinese")
    text_en: tuple[TextLine, ...] = Field((), max_length=12, description="lines or paragraphs in English")
    bullets: bool = Field(True, description="show the lines as a bulleted list; false: as paragraphs")

    @model_validator(mode="after")
    def _some_text(self) -> Self:
        if not self.text_zh and not self.text_en:
            raise ValueError(N_("needs text_zh or text_en: the lines to show"))
        return self


class TargetsChoice(Titled):
    """Which targets a targets slide or part shows: those named, or every target of a period."""

    facts: tuple[str, ...] | None = Field(None, max_length=40, description="target fact ids; default: every target "
                                          "of `period`")
    sections: tuple[str, ...] | None = Field(None, max_length=20, description="only the targets of these sections")
    period: str | None = Field(None, description="the targets of this period (2021年, 2022年上半年); default: the "
                               "plan year")

    def chosen(self, dataset: Dataset) -> list[Fact]:
        from .periods import Period
        from .targets import targets

        return targets(dataset, self.facts, self.sections, Period.parse(self.period) if self.period else None)

    def problems(self, dataset: Dataset) -> list[Problem]:
        """Named facts must be targets; the period must be one; there must be a target to show."""
        from .i18n import _
        from .periods import Period

        found: list[Problem] = []
        for position, fact_id in enumerate(self.facts or ()):
            fact = dataset.facts.get(fact_id)
            if fact is not None and fact.status != "target":
                found.append((("facts", position), _("'{fact}' is not a target (its status is {status})").format(
                    fact=fact_id, status=fact.status), _("name facts of status target")))
        if self.period:
            try:
                Period.parse(self.period)
            except ValueError as error:
                return found + [(("period",), str(error), "")]
        if not found and not self.facts and not self.chosen(dataset):
            found.append(((), _("there is no target to show: the dataset has no target of {period}").format(
                period=(Period.parse(self.period) if self.period else Period(kind="year", year=dataset.model.years.plan)
                        ).text("zh")), _("name targets under `facts`, or choose another `period`")))
        return found


class ChartSpec(Titled):
    chart: ChartKind
    facts: tuple[str, ...] | None = Field(None, max_length=24, description="numeric facts of one unit (column, bar, doughnut)")
    comparisons: tuple[str, ...] | None = Field(None, max_length=24, description="comparison ids (grouped, line)")
    highlight: str | None = Field(None, description="fact id to emphasise")


class Entry(Protocol):
    """What code may read of any entry of a deck or a briefing, whatever its kind (its model is the kind's spec)."""

    @property
    def kind(self) -> str: ...

    @property
    def title_zh(self) -> str | None: ...

    @property
    def title_en(self) -> str | None: ...


#: a problem of one entry that its model cannot see (it needs the dataset): the key path below the entry, the
#: message and a hint (may be empty)
Problem = tuple["KeyPath", str, str]

S = TypeVar("S", bound=Titled)
R = TypeVar("R")


@dataclass(frozen=True)
class EntryKind(Generic[S, R]):
    """Everything the program knows of one kind of entry of a layout: its model, its line in `briefing kinds`, the
    smallest entry that builds it, how compose makes it into pages, and what validation checks beyond its ids."""

    spec: type[S]  # the entry's model; its `kind: Literal[...]` names the kind
    description: str  # what it shows, one line for `briefing kinds`
    snippet: str  # the smallest YAML entry that builds it (with the shipped dataset)
    compose: Callable[[Composer, S], R]  # (the composer's shared helpers, the entry) -> its page(s)
    check: Callable[[S, Dataset], Sequence[Problem]] | None = None  # what makes an entry wrong for the dataset

    def __post_init__(self) -> None:
        kind_name(self.spec)  # a model without its `kind` stops the program where the kind is made

    @property
    def name(self) -> str:
        """The kind's name: the value of `kind:` in a layout."""
        return kind_name(self.spec)


def kind_name(spec: type[BaseModel]) -> str:
    """The value the model's `kind` field must have."""
    field = spec.model_fields.get("kind")
    names = typing.get_args(field.annotation) if field else ()
    if len(names) != 1 or not isinstance(names[0], str):
        raise TypeError(f"{spec.__name__} must have a field kind: Literal['<its name>']")
    return names[0]
