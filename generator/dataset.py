"""The facts of the article as frozen models — what each figure measures, of what, with what status — and the
checks that prove them against the article."""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from functools import cached_property
from pathlib import Path
from collections.abc import Callable, Iterator
from typing import Literal, Self

from pydantic import Field, field_serializer, field_validator, model_validator

from .i18n import _
from .loading import KeyPath, display_path, load_file, read_text
from .periods import Period
from .validation import Strict, build_model

Id = Field(pattern=r"^[a-z][a-z0-9_]*$", description="stable English snake_case id")
Qualifier = Literal["more_than", "nearly", "about", "at_least"]
#: what a figure's number is: achieved in the results year, a running total as of the report, a target for the
#: plan year, projects already in progress (a stock, not a target), a goal over several years, or a circumstance
#: of the plan year (an anniversary)
Status = Literal["achieved", "cumulative", "target", "pipeline", "goal", "context"]

#: units whose English form is computed from the value (the rest need `unit_en`)
SCALED_UNITS = {"亿元", "万元", "亿美元", "万平方米", "万人", "%", "公里"}
#: the subject of a figure about the whole zone
ZONE = "zone"
#: the names a sentence may use for the dataset's years
YEAR_KEYS = ("results_year", "plan_year")


#: the id of the dataset's own article (its `source:`); a fact, event or entity names another source by its id
MAIN_SOURCE = "article"


class Source(Strict):
    """A report the figures come from: the dataset's `source:` (its article), or one of its later `sources:`."""

    id: str = Field(MAIN_SOURCE, pattern=r"^[a-z][a-z0-9_]*$", description="how facts name it; the dataset's own "
                    "article is `article`")
    file: str
    title_zh: str
    title_en: str
    publication_zh: str
    publication_en: str
    edition_zh: str
    authors_zh: str
    body_after: str = Field(description="text just before the article body")
    body_before: str = Field(description="text just after the article body")


class Years(Strict):
    """The year whose results the article reports and the year its plan is for."""

    results: int = Field(ge=1990, le=2100)
    plan: int = Field(ge=1990, le=2100)

    @model_validator(mode="after")
    def _plan_follows(self) -> Self:
        if self.plan < self.results:
            raise ValueError(_("the plan year {plan} comes before the results year {results}").format(
                plan=self.plan, results=self.results))
        return self


class Zone(Strict):
    name_zh: str
    name_en: str
    short_en: str
    organisation_zh: str
    organisation_en: str
    mission_zh: str
    mission_en: str
    mission_quote: str
    mission_line_zh: str = Field(description="the sentence that introduces the zone and its mission on the summary "
                                 "page")
    mission_line_en: str


class Measure(Strict):
    """What figures count or measure; only figures of one measure may share a chart."""

    id: str = Id
    label_zh: str
    label_en: str


class EntityKind(Strict):
    """A kind of named thing the article speaks of (project, school, road, park …), with its words."""

    id: str = Id
    label_zh: str
    label_en: str
    plural_en: str = Field("", description="the English plural; default: label_en + s")


class Section(Strict):
    id: str = Id
    title_zh: str
    title_en: str
    headline_zh: str
    headline_en: str
    points_zh: tuple[str, ...] = Field(min_length=3, max_length=8)
    points_en: tuple[str, ...] = Field(min_length=3, max_length=8)


#: the largest figure, and the longest figure written as text (a figure stands in a table cell or a box)
MAX_VALUE = 10**15
MAX_VALUE_CHARS = 40


class Fact(Strict):
    id: str = Id
    label_zh: str
    label_en: str
    value: int | float | str
    value_to: int | float | None = None
    value_en: str | None = None
    unit: str = ""
    unit_en: str | None = None
    qualifier: Qualifier | None = None
    measure: str | None = Field(None, description="what the figure counts or measures (a measure id)")
    status: Status
    share_of: str | None = Field(None, description="a share's base: the fact whose figure is the whole (a % of it)")
    among: int | None = Field(None, ge=1, description="a rank's base: how many were ranked (第33名/126个: 126)")
    among_unit: str = Field("", description="the Chinese counting word of the base (个)")
    among_en: str = Field("", description="what was ranked, in English (provincial development zones)")
    period: Period | None = Field(None, description="when the figure holds: 2020年, 2022年1—10月, 2021年上半年, "
                                  "2016—2020年, 十四五, 截至2020年10月底, 截至目前; default: from the status and `years`")
    subject: str = Field(ZONE, description="whose figure it is: zone, or an event, entity or group id")
    section: str
    quote: str
    source: str = Field(MAIN_SOURCE, description="the id of the source the quote is from (default: the article)")

    @field_validator("period", mode="before")
    @classmethod
    def _read_period(cls, value: object) -> object:
        if isinstance(value, (str, int)) and not isinstance(value, bool):
            return Period.parse(str(value))
        return value

    @field_serializer("period")
    def _write_period(self, period: Period | None) -> str | None:
        return period.canonical if period else None

    @field_validator("value", "value_to", mode="before")
    @classmethod
    def _no_booleans(cls, value: object) -> object:
        if isinstance(value, bool):  # YAML reads yes/no/true/false as booleans; pydantic would make them 1 and 0
            raise ValueError(_("must be a number or text, not true/false"))
        return value

    @field_validator("value", "value_to")
    @classmethod
    def _not_negative(cls, value: int | float | str | None) -> int | float | str | None:
        if isinstance(value, float) and value != value or value in (float("inf"), float("-inf")):
            raise ValueError(_("must be a number the article writes, not {value}").format(value=value))
        if isinstance(value, (int, float)) and value < 0:
            raise ValueError(_("must not be negative (got {value})").format(value=value))
        if isinstance(value, (int, float)) and value >= MAX_VALUE:  # a 400-digit figure fits no table cell
            raise ValueError(_("is larger than any figure of a report ({limit:,}); is a digit repeated?").format(
                limit=MAX_VALUE))
        if isinstance(value, str) and len(value) > MAX_VALUE_CHARS:
            raise ValueError(_("is {count} characters long; a figure written as text has at most {limit}").format(
                count=len(value), limit=MAX_VALUE_CHARS))
        return value

    @property
    def is_rank(self) -> bool:
        """A place in a ranking among `among` (第33名/126个)."""
        return self.among is not None

    @property
    def is_number(self) -> bool:
        return isinstance(self.value, (int, float))

    @property
    def value_text(self) -> str:
        """The value as the article writes it."""
        return str(self.value) if isinstance(self.value, str) else number_text(self.value)

    @property
    def number(self) -> int | float:
        """The value of a fact whose is_number is true; raises TypeError for a fact whose value is text."""
        if isinstance(self.value, str):
            raise TypeError(f"fact '{self.id}' is text, not a number")
        return self.value


class Event(Strict):
    id: str = Id
    date: dt.date
    label_zh: str
    label_en: str
    section: str
    subject: str | None = Field(None, description="the group or entity the event is about; its figures are shown")
    quote: str
    source: str = Field(MAIN_SOURCE, description="the id of the source the quote is from (default: the article)")


class Entity(Strict):
    """A named project, company or institution; its figures are the facts whose subject it is."""

    id: str = Id
    kind: str = Field(description="an id of `entity_kinds`")
    name_zh: str
    name_en: str
    section: str
    quote: str
    source: str = Field(MAIN_SOURCE, description="the id of the source the quote is from (default: the article)")


class Group(Strict):
    """Several projects or institutions the article counts together (献唐学校等6所); a group's figures belong to the
    group, never to one of its named members."""

    id: str = Id
    kind: str = Field(description="an id of `entity_kinds`")
    name_zh: str
    name_en: str
    members: tuple[str, ...] = Field((), max_length=100, description="entity ids of the members the article names")
    section: str
    quote: str
    source: str = Field(MAIN_SOURCE, description="the id of the source the quote is from (default: the article)")


class Whole(Strict):
    """Figures that are parts of one whole; a doughnut may show only the parts of a complete whole."""

    id: str = Id
    label_zh: str
    label_en: str
    total: str | None = Field(None, description="the fact holding the total; omit when the article gives none")
    parts: tuple[str, ...] = Field(min_length=1, max_length=20, description="the parts the article names (其中…); a whole without "
                                   "its total needs two")
    complete: bool = Field(description="true when the parts make up the whole (they add up to the total)")


class IndustryRole(Strict):
    id: str = Id
    label_zh: str
    label_en: str


class Industry(Strict):
    id: str = Id
    name_zh: str
    name_en: str
    roles: tuple[str, ...] = Field(max_length=20)
    quote: str
    source: str = Field(MAIN_SOURCE, description="the id of the source the quote is from (default: the article)")


class Market(Strict):
    id: str = Id
    name_zh: str
    name_en: str
    quote: str
    source: str = Field(MAIN_SOURCE, description="the id of the source the quote is from (default: the article)")


class Comparison(Strict):
    """A target of the plan year paired with the result of the results year for the same measure."""

    id: str = Id
    label_zh: str
    label_en: str
    actual: str
    target: str


#: how a derived figure is computed from the facts it names (`of`): ratio: the first as a % of the second (a result
#: against its target: the completion rate); gap: what the first (a result) still lacks of the second (a target
#: written as a floor, 2亿美元以上): reached, or short by so much; sum: the facts added up; growth: the change of the
#: first over the second, the same measure a period earlier, in %
Formula = Literal["ratio", "gap", "sum", "growth"]
#: formulas whose figure is a %
PERCENT_FORMULAS = ("ratio", "growth")


class Derived(Strict):
    """A figure the program computes from named facts: the source gives it nowhere, so it is declared here, checked
    for units and periods, and shown everywhere as computed, with its formula in the notes and the appendix."""

    id: str = Id
    label_zh: str
    label_en: str
    formula: Formula = Field(description="ratio (the first as a % of the second: a completion rate), gap (a result "
                             "against a target written as a floor: reached, or short by so much), sum, growth (the "
                             "first over the second, a period earlier, in %)")
    of: tuple[str, ...] = Field(min_length=2, max_length=20, description="the fact ids it is computed from: the "
                                "result first, then its target or base (ratio, gap, growth name two)")
    section: str


class DerivedFact(Fact):
    """A computed figure, made from a `Derived` declaration and its facts; `quote` is empty (it has no words of a
    source) and every painter marks it as computed."""

    formula: Formula
    of: tuple[str, ...]


#: the most records of one kind (facts, events…): a year's report has about a hundred facts; the caps keep a
#: mistake from making every later step slow
MAX_RECORDS = 1000


class DatasetModel(Strict):
    source: Source
    sources: tuple[Source, ...] = Field((), description="later reports on the same zone the figures may come from")
    years: Years
    zone: Zone
    measures: tuple[Measure, ...] = Field((), max_length=MAX_RECORDS)
    entity_kinds: tuple[EntityKind, ...] = Field((), max_length=100)
    sections: tuple[Section, ...] = Field(min_length=1, max_length=50)
    facts: tuple[Fact, ...] = Field(min_length=1, max_length=MAX_RECORDS)
    events: tuple[Event, ...] = Field((), max_length=MAX_RECORDS)
    entities: tuple[Entity, ...] = Field((), max_length=MAX_RECORDS)
    groups: tuple[Group, ...] = Field((), max_length=MAX_RECORDS)
    wholes: tuple[Whole, ...] = Field((), max_length=MAX_RECORDS)
    industry_roles: tuple[IndustryRole, ...] = Field((), max_length=20)
    industries: tuple[Industry, ...] = Field((), max_length=60)
    markets: tuple[Market, ...] = Field((), max_length=200)
    comparisons: tuple[Comparison, ...] = Field((), max_length=MAX_RECORDS)
    derived: tuple[Derived, ...] = Field((), max_length=MAX_RECORDS, description="figures the program computes from "
                                         "named facts (a completion rate, a gap to a target, a sum)")


@dataclass(frozen=True)
class Dataset:
    """The validated dataset, with look-ups by id and the article it was proved against."""

    path: str
    model: DatasetModel
    article: str
    others: tuple[tuple[str, str], ...] = ()  # (source id, text) of each later source

    @cached_property
    def texts(self) -> dict[str, str]:
        """The text of every source by id: the article, and each later report."""
        return {MAIN_SOURCE: self.article, **dict(self.others)}

    @cached_property
    def all_sources(self) -> dict[str, Source]:
        return {MAIN_SOURCE: self.model.source, **{src.id: src for src in self.model.sources}}

    @cached_property
    def facts(self) -> dict[str, Fact]:
        """Every figure by id: the sources' facts, then the derived figures that can be computed."""
        return {**{fact.id: fact for fact in self.model.facts}, **self.derived}

    @cached_property
    def derived(self) -> dict[str, DerivedFact]:
        """The declared derived figures whose facts are numbers (the proof reports the others), computed."""
        given = {fact.id: fact for fact in self.model.facts}
        found: dict[str, DerivedFact] = {}
        for item in self.model.derived:
            facts = [given.get(fact_id) for fact_id in item.of]
            if all(f is not None and f.is_number for f in facts):
                made = derive(item, [f for f in facts if f is not None], self.period_of)
                if made is not None:
                    found[item.id] = made
        return found

    @cached_property
    def sections(self) -> dict[str, Section]:
        return {section.id: section for section in self.model.sections}

    @cached_property
    def events(self) -> dict[str, Event]:
        return {event.id: event for event in self.model.events}

    @cached_property
    def entities(self) -> dict[str, Entity]:
        return {entity.id: entity for entity in self.model.entities}

    @cached_property
    def groups(self) -> dict[str, Group]:
        return {group.id: group for group in self.model.groups}

    @cached_property
    def measures(self) -> dict[str, Measure]:
        return {measure.id: measure for measure in self.model.measures}

    @cached_property
    def entity_kinds(self) -> dict[str, EntityKind]:
        return {kind.id: kind for kind in self.model.entity_kinds}

    @cached_property
    def wholes(self) -> dict[str, Whole]:
        return {whole.id: whole for whole in self.model.wholes}

    @cached_property
    def roles(self) -> dict[str, IndustryRole]:
        return {role.id: role for role in self.model.industry_roles}

    @cached_property
    def comparisons(self) -> dict[str, Comparison]:
        return {comparison.id: comparison for comparison in self.model.comparisons}

    @cached_property
    def years(self) -> dict[str, int]:
        """The values of the year placeholders: {results_year} and {plan_year}."""
        return {"results_year": self.model.years.results, "plan_year": self.model.years.plan}

    def period_of(self, fact: Fact) -> Period:
        """When the fact holds: its own period, or the one its status implies: a result in the results year, a
        target or a circumstance in the plan year, a running total or a stock to date, a goal in the long term."""
        if fact.period is not None:
            return fact.period
        years = self.model.years
        if fact.status == "achieved":
            return Period(kind="year", year=years.results)
        if fact.status in ("target", "context"):
            return Period(kind="year", year=years.plan)
        return Period(kind="long_term") if fact.status == "goal" else Period(kind="to_date")

    @cached_property
    def subject_kinds(self) -> dict[str, str]:
        """Every id a fact may name as its subject, and what it is: zone, event, entity or group."""
        kinds = {ZONE: "zone"}
        kinds.update((e.id, "event") for e in self.model.events)
        kinds.update((e.id, "entity") for e in self.model.entities)
        kinds.update((g.id, "group") for g in self.model.groups)
        return kinds

    def facts_of(self, *subjects: str) -> list[Fact]:
        """The facts whose subject is one of subjects, in the dataset's order."""
        return [fact for fact in self.model.facts if fact.subject in subjects]

    @cached_property
    def names_with_digits(self) -> tuple[str, ...]:
        """Names the dataset declares (projects and institutions, industries, markets, the zone) and the named spans
        of years, longest first, that hold digits: digits inside them (G205国道, 14th Five-Year Plan) are a name's,
        not a figure."""
        from .periods import NAMED_SPANS

        model = self.model
        names = [name_en for _first, _last, name_en in NAMED_SPANS.values()]
        for records in (model.entities, model.industries, model.markets):  # a group's name counts by placeholder
            names += [text for item in records for text in (item.name_zh, item.name_en)]
        names += [model.zone.name_zh, model.zone.name_en, model.zone.short_en, model.zone.organisation_zh,
                  model.zone.organisation_en]
        return tuple(sorted({name for name in names if name and re.search(r"\d", name)}, key=len, reverse=True))

    @cached_property
    def total_of(self) -> dict[str, str]:
        """The fact holding the total of each part of a whole that has one (其中: of which)."""
        return {part: whole.total for whole in self.model.wholes if whole.total for part in whole.parts}

    @cached_property
    def group_of(self) -> dict[str, Group]:
        """The group each named member belongs to."""
        return {member: group for group in self.model.groups for member in group.members}

    @property
    def counts(self) -> dict[str, int]:
        m = self.model
        derived = {"derived figures": len(m.derived)} if m.derived else {}
        return {
            "facts": len(m.facts),
            "measures": len(m.measures),
            "sections": len(m.sections),
            "events": len(m.events),
            "projects and institutions": len(m.entities),
            "groups": len(m.groups),
            "industries": len(m.industries),
            "comparisons": len(m.comparisons),
        } | derived


def derive(item: Derived, facts: list[Fact], period_of: Callable[[Fact], Period]) -> DerivedFact | None:
    """The derived figure computed from its facts (numbers), in decimal arithmetic (1.42 + 0.3 is 1.72, not
    1.7199999999999998); a % to one decimal place. None when it cannot be computed (a zero base)."""
    numbers = [Decimal(number_text(f.number)) for f in facts]
    first = facts[0]
    value: Decimal | str
    unit, unit_en, measure = first.unit, first.unit_en, first.measure
    value_en = None
    if item.formula == "sum":
        value = sum(numbers, Decimal(0))
    elif item.formula == "gap":  # how far from a target is no figure of the target's measure: no chart takes it
        short = numbers[1] - numbers[0]
        value, value_en = (short, None) if short > 0 else ("达到", "reached")
        measure = None
    else:
        if numbers[1] == 0:
            return None
        ratio = numbers[0] / numbers[1] * 100 if item.formula == "ratio" else (numbers[0] / numbers[1] - 1) * 100
        value = ratio.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
        unit, unit_en, measure = "%", None, None
    shown: int | float | str = value if isinstance(value, str) else (
        int(value) if value == value.to_integral_value() else float(value))
    return DerivedFact.model_construct(
        id=item.id, label_zh=item.label_zh, label_en=item.label_en, value=shown, value_to=None, value_en=value_en,
        unit=unit, unit_en=unit_en, qualifier=None, measure=measure, status=first.status, share_of=None, among=None,
        among_unit="", among_en="", period=period_of(first), subject=first.subject, section=item.section, quote="",
        source=MAIN_SOURCE, formula=item.formula, of=item.of)


def number_text(value: int | float) -> str:
    """Return a number as the article writes it: 259, 875.12 (no thousands separator)."""
    if isinstance(value, int):
        return str(value)
    text = repr(value)
    return text[:-2] if text.endswith(".0") else text


#: a figure or year named in a sentence: {projects_attracted}, {plan_year}; {signed_projects:period} is when the
#: figure holds (2022年1—10月, Jan–Oct 2022)
PLACEHOLDER = re.compile(r"\{([A-Za-z0-9_]*)(:period)?\}")
_DIGITS = re.compile(r"\d+(?:[.,]\d+)*")


def placeholders(text: str) -> list[str]:
    """The names of the placeholders in text, in order."""
    return [match.group(1) for match in PLACEHOLDER.finditer(text)]


_BRACED = re.compile(r"\{[^{}]*\}?")


def malformed_placeholders(text: str) -> list[str]:
    """What text writes in braces that is not a placeholder ({ 2020}, {2020年}, {id.__class__}, an unclosed
    brace): it would be printed as typed."""
    return [match.group() for match in _BRACED.finditer(text) if not PLACEHOLDER.fullmatch(match.group())]


def bare_numbers(text: str) -> list[str]:
    """The numbers written in text outside placeholders."""
    return _DIGITS.findall(PLACEHOLDER.sub("", text))


def article_body(dataset: Dataset, source: str = MAIN_SOURCE) -> tuple[int, int]:
    """Return the start and end offsets of a source's body (between the source's two markers)."""
    src, text = dataset.all_sources[source], dataset.texts[source]
    start = text.find(src.body_after)
    end = text.find(src.body_before, max(start, 0))
    if start < 0 or end < 0:
        return 0, len(text)
    return start + len(src.body_after), end


_NUMERAL = re.compile(r"\d+(?:\.\d+)?")


def body_numerals(dataset: Dataset, source: str = MAIN_SOURCE) -> list[tuple[int, str]]:
    """Return (offset, text) of every Arabic numeral of the body that is a figure: not part of a date (10月27日,
    the first month of 1—10月, a year followed by 年) nor of a name the dataset declares (G205国道)."""
    start, end = article_body(dataset, source)
    article = dataset.texts[source]
    named = [range(at, at + len(name)) for name in dataset.names_with_digits
             for at in _occurrences(article[:end], name) if at >= start]
    found = []
    for match in _NUMERAL.finditer(article, start, end):
        after = article[match.end() : match.end() + 1]
        if after in ("月", "日") or _MONTH_RANGE.match(article, match.end()):
            continue
        if after == "年" and re.fullmatch(r"(19|20)\d\d", match.group()):
            continue
        if any(match.start() in span for span in named):
            continue
        found.append((match.start(), match.group()))
    return found


#: the rest of a range of months after its first month: —10月 of 1—10月
_MONTH_RANGE = re.compile(r"\s*[—–\-~～至到]\s*\d{1,2}月")


def _occurrences(text: str, part: str) -> list[int]:
    found, index = [], text.find(part)
    while index >= 0:
        found.append(index)
        index = text.find(part, index + 1)
    return found


def _number_offsets(quote: str, number: str) -> list[int]:
    """Offsets of number in quote where it stands alone (not part of a longer number)."""
    pattern = re.compile(r"(?<![\d.])" + re.escape(number) + r"(?![\d]|\.\d)")
    return [m.start() for m in pattern.finditer(quote)]


def covered_numerals(dataset: Dataset, source: str = MAIN_SOURCE) -> dict[int, list[str]]:
    """Return, per body offset of a numeral of a source, the ids of the facts of that source whose value and quote
    hold it."""
    covered: dict[int, list[str]] = {}
    for fact in dataset.model.facts:
        if fact.source != source:
            continue
        numbers = [v for v in (fact.value, fact.value_to, fact.among) if isinstance(v, (int, float))]
        for quote_at in _occurrences(dataset.texts[source], fact.quote):
            for number in numbers:
                for offset in _number_offsets(fact.quote, number_text(number)):
                    covered.setdefault(quote_at + offset, []).append(fact.id)
    return covered


def sentences(model: DatasetModel) -> Iterator[tuple[KeyPath, str, bool]]:
    """Yield (key path, text, figures allowed) for every sentence and label of the dataset that is shown: these
    may name figures and years only through placeholders. (Quotes and values are the article's own text.)"""
    for index, section in enumerate(model.sections):
        for key in ("title_zh", "title_en", "headline_zh", "headline_en"):
            yield ("sections", index, key), getattr(section, key), True
        for key in ("points_zh", "points_en"):
            for position, point in enumerate(getattr(section, key)):
                yield ("sections", index, key, position), point, True
    for key in ("name_zh", "name_en", "organisation_zh", "organisation_en", "mission_zh", "mission_en",
                "mission_line_zh", "mission_line_en"):
        yield ("zone", key), getattr(model.zone, key), False
    named = {"facts": ("label_zh", "label_en"), "events": ("label_zh", "label_en"), "measures": ("label_zh", "label_en"),
             "entities": ("name_zh", "name_en"), "groups": ("name_zh", "name_en"), "wholes": ("label_zh", "label_en"),
             "industry_roles": ("label_zh", "label_en"), "entity_kinds": ("label_zh", "label_en"), "industries": ("name_zh", "name_en"),
             "markets": ("name_zh", "name_en"), "comparisons": ("label_zh", "label_en"),
             "derived": ("label_zh", "label_en")}
    for kind, keys in named.items():
        for index, item in enumerate(getattr(model, kind)):
            for key in keys:
                yield (kind, index, key), getattr(item, key), True
    for index, fact in enumerate(model.facts):
        if fact.unit_en:
            yield ("facts", index, "unit_en"), fact.unit_en, False
