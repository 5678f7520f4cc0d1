"""The facts of the article as frozen models — what each figure measures, of what, with what status — and the
checks that prove them against the article."""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from decimal import Decimal
from functools import cached_property
from pathlib import Path
from collections.abc import Callable, Iterator
from typing import Literal, Self

from pydantic import Field, field_validator, model_validator

from .errors import IssueCollector, SourceRef, did_you_mean
from .i18n import _
from .loading import KeyPath, Loaded, display_path, load_file, read_text
from .validation import Strict, build_model

Id = Field(pattern=r"^[a-z][a-z0-9_]*$", description="stable English snake_case id")
Qualifier = Literal["more_than", "nearly", "about", "at_least"]
#: what a figure's number is: achieved in the results year, a running total as of the report, a target for the
#: plan year, projects already in progress (a stock, not a target), a goal over several years, or a circumstance
#: of the plan year (an anniversary)
Status = Literal["achieved", "cumulative", "target", "pipeline", "goal", "context"]
EntityKind = Literal["project", "company", "organisation", "school", "hospital", "care"]

#: units whose English form is computed from the value (the rest need `unit_en`)
SCALED_UNITS = {"亿元", "万元", "亿美元", "万平方米", "万人", "%", "公里"}
#: the subject of a figure about the whole zone
ZONE = "zone"
#: the names a sentence may use for the dataset's years
YEAR_KEYS = ("results_year", "plan_year")


class Source(Strict):
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


class Measure(Strict):
    """What figures count or measure; only figures of one measure may share a chart."""

    id: str = Id
    label_zh: str
    label_en: str


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
    subject: str = Field(ZONE, description="whose figure it is: zone, or an event, entity or group id")
    section: str
    quote: str

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


class Entity(Strict):
    """A named project, company or institution; its figures are the facts whose subject it is."""

    id: str = Id
    kind: EntityKind
    name_zh: str
    name_en: str
    section: str
    quote: str


class Group(Strict):
    """Several projects or institutions the article counts together (献唐学校等6所); a group's figures belong to the
    group, never to one of its named members."""

    id: str = Id
    kind: EntityKind
    name_zh: str
    name_en: str
    members: tuple[str, ...] = Field((), max_length=100, description="entity ids of the members the article names")
    section: str
    quote: str


class Whole(Strict):
    """Figures that are parts of one whole; a doughnut may show only the parts of a complete whole."""

    id: str = Id
    label_zh: str
    label_en: str
    total: str | None = Field(None, description="the fact holding the total; omit when the article gives none")
    parts: tuple[str, ...] = Field(min_length=2, max_length=20)
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


class Market(Strict):
    id: str = Id
    name_zh: str
    name_en: str
    quote: str


class Comparison(Strict):
    """A target of the plan year paired with the result of the results year for the same measure."""

    id: str = Id
    label_zh: str
    label_en: str
    actual: str
    target: str


#: the most records of one kind (facts, events…): a year's report has about a hundred facts; the caps keep a
#: mistake from making every later step slow
MAX_RECORDS = 1000


class DatasetModel(Strict):
    source: Source
    years: Years
    zone: Zone
    measures: tuple[Measure, ...] = Field((), max_length=MAX_RECORDS)
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


@dataclass(frozen=True)
class Dataset:
    """The validated dataset, with look-ups by id and the article it was proved against."""

    path: str
    model: DatasetModel
    article: str

    @cached_property
    def facts(self) -> dict[str, Fact]:
        return {fact.id: fact for fact in self.model.facts}

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
    def group_of(self) -> dict[str, Group]:
        """The group each named member belongs to."""
        return {member: group for group in self.model.groups for member in group.members}

    @property
    def counts(self) -> dict[str, int]:
        m = self.model
        return {
            "facts": len(m.facts),
            "measures": len(m.measures),
            "sections": len(m.sections),
            "events": len(m.events),
            "projects and institutions": len(m.entities),
            "groups": len(m.groups),
            "industries": len(m.industries),
            "comparisons": len(m.comparisons),
        }


def number_text(value: int | float) -> str:
    """Return a number as the article writes it: 259, 875.12 (no thousands separator)."""
    if isinstance(value, int):
        return str(value)
    text = repr(value)
    return text[:-2] if text.endswith(".0") else text


#: a figure or year named in a sentence: {projects_attracted}, {plan_year}
PLACEHOLDER = re.compile(r"\{([A-Za-z0-9_]*)\}")
_DIGITS = re.compile(r"\d+(?:[.,]\d+)*")


def placeholders(text: str) -> list[str]:
    """The names of the placeholders in text, in order."""
    return PLACEHOLDER.findall(text)


_BRACED = re.compile(r"\{[^{}]*\}?")


def malformed_placeholders(text: str) -> list[str]:
    """What text writes in braces that is not a placeholder ({ 2020}, {2020年}, {id.__class__}, an unclosed
    brace): it would be printed as typed."""
    return [match.group() for match in _BRACED.finditer(text) if not PLACEHOLDER.fullmatch(match.group())]


def bare_numbers(text: str) -> list[str]:
    """The numbers written in text outside placeholders."""
    return _DIGITS.findall(PLACEHOLDER.sub("", text))


def load_dataset(path: Path) -> Dataset:
    """Return the dataset of a YAML or JSON file at path, proved against its article; raise GeneratorError listing
    every problem. (generator.datafile.load_dataset reads a workbook too.)"""
    loaded = load_file(path, "dataset")
    model = build_model(loaded, DatasetModel, "dataset")
    article_path = path.parent / model.source.file
    article = read_text(article_path, "source article")
    dataset = Dataset(loaded.path, model, article)
    validate_dataset(dataset, loaded, display_path(article_path))
    return dataset


def article_body(dataset: Dataset) -> tuple[int, int]:
    """Return the start and end offsets of the article body (between the source's two markers)."""
    src = dataset.model.source
    start = dataset.article.find(src.body_after)
    end = dataset.article.find(src.body_before, max(start, 0))
    if start < 0 or end < 0:
        return 0, len(dataset.article)
    return start + len(src.body_after), end


_NUMERAL = re.compile(r"\d+(?:\.\d+)?")


def body_numerals(dataset: Dataset) -> list[tuple[int, str]]:
    """Return (offset, text) of every Arabic numeral of the body that is not part of a date or one of the
    dataset's years (its results and plan year, followed by 年)."""
    start, end = article_body(dataset)
    years = {str(year) for year in dataset.years.values()}
    found = []
    for match in _NUMERAL.finditer(dataset.article, start, end):
        after = dataset.article[match.end() : match.end() + 1]
        if after in ("月", "日") or (match.group() in years and after == "年"):
            continue
        found.append((match.start(), match.group()))
    return found


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


def covered_numerals(dataset: Dataset) -> dict[int, list[str]]:
    """Return, per body offset of a numeral, the ids of the facts whose value and quote hold it."""
    covered: dict[int, list[str]] = {}
    for fact in dataset.model.facts:
        numbers = [v for v in (fact.value, fact.value_to) if isinstance(v, (int, float))]
        for quote_at in _occurrences(dataset.article, fact.quote):
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
    for key in ("name_zh", "name_en", "organisation_zh", "organisation_en", "mission_zh", "mission_en"):
        yield ("zone", key), getattr(model.zone, key), False
    named = {"facts": ("label_zh", "label_en"), "events": ("label_zh", "label_en"), "measures": ("label_zh", "label_en"),
             "entities": ("name_zh", "name_en"), "groups": ("name_zh", "name_en"), "wholes": ("label_zh", "label_en"),
             "industry_roles": ("label_zh", "label_en"), "industries": ("name_zh", "name_en"),
             "markets": ("name_zh", "name_en"), "comparisons": ("label_zh", "label_en")}
    for kind, keys in named.items():
        for index, item in enumerate(getattr(model, kind)):
            for key in keys:
                yield (kind, index, key), getattr(item, key), True
    for index, fact in enumerate(model.facts):
        if fact.unit_en:
            yield ("facts", index, "unit_en"), fact.unit_en, False


def validate_dataset(dataset: Dataset, loaded: Loaded, article_shown: str) -> None:
    """Check ids, references, what each figure measures and whose it is, wholes, comparisons, quotes, values,
    sentences and coverage; raise GeneratorError listing every problem."""
    model, article = dataset.model, dataset.article
    issues = IssueCollector()
    src = model.source
    for key in ("body_after", "body_before"):
        if getattr(src, key) not in article:
            issues.add(loaded.ref(("source", key)), _("marker '{getattr_src_key}' not found in {article_shown}").format(
                getattr_src_key=getattr(src, key), article_shown=article_shown))
    if model.zone.mission_quote not in article:
        issues.add(loaded.ref(("zone", "mission_quote")), _("quote not found in {article_shown}").format(
            article_shown=article_shown))

    section_ids = [s.id for s in model.sections]
    fact_ids = [f.id for f in model.facts]
    kinds = ("measures", "sections", "facts", "events", "entities", "groups", "wholes", "industry_roles", "industries",
             "markets", "comparisons")
    for kind in kinds:
        seen: dict[str, int] = {}
        for index, item in enumerate(getattr(model, kind)):
            if item.id in seen:
                first = loaded.ref((kind, seen[item.id], "id"))
                issues.add(loaded.ref((kind, index, "id")), _("duplicate id '{item_id}'").format(
                    item_id=item.id), _("first used at line {first_line}").format(first_line=first.line))
            else:
                seen[item.id] = index
    subject_ids = set(dataset.subject_kinds)
    clashes = {fact.id for fact in model.facts} & (subject_ids | set(dataset.comparisons)) | ({ZONE} & set(fact_ids))
    for index, fact in enumerate(model.facts):
        if fact.id in clashes:
            issues.add(loaded.ref(("facts", index, "id")), _("the fact id '{fact_id}' is also the id of an event, "
                                                              "entity, group or comparison").format(
                fact_id=fact.id), _("give each thing its own id"))

    for index, section in enumerate(model.sections):
        if len(section.points_zh) != len(section.points_en):
            issues.add(
                loaded.ref(("sections", index, "points_en")),
                _("section '{section_id}' has {len_section_points_zh} Chinese key points but {len_section_points_en} "
                   "English ones").format(
                    section_id=section.id, len_section_points_zh=len(section.points_zh),
                    len_section_points_en=len(section.points_en)),
                _("every point needs its translation"),
            )

    def check_section(kind: str, index: int, section: str) -> None:
        if section not in section_ids:
            issues.add(
                loaded.ref((kind, index, "section")), _("unknown section '{section}'").format(
                    section=section), did_you_mean(section, section_ids)
            )

    def check_quote(kind: str, index: int, item_id: str, quote: str) -> None:
        if quote not in article:
            issues.add(
                loaded.ref((kind, index, "quote")),
                _("{kind_1} '{item_id}': quote is not in the article {article_shown}").format(
                    kind_1=kind[:-1], item_id=item_id, article_shown=article_shown),
                _("copy the quote from the article exactly, punctuation included"),
            )

    def check_fact(key_path: KeyPath, fact_id: str) -> bool:
        if fact_id not in dataset.facts:
            issues.add(loaded.ref(key_path), _("unknown fact '{fact_id}'").format(
                fact_id=fact_id), did_you_mean(fact_id, fact_ids))
            return False
        return True

    for index, fact in enumerate(model.facts):
        check_section("facts", index, fact.section)
        check_quote("facts", index, fact.id, fact.quote)
        if fact.subject not in subject_ids:
            issues.add(loaded.ref(("facts", index, "subject")),
                       _("fact '{fact_id}': unknown subject '{fact_subject}'").format(
                fact_id=fact.id, fact_subject=fact.subject),
                       did_you_mean(fact.subject, subject_ids)
                       or _("the subject is zone, or an event, entity or group id"))
        if fact.measure is not None and fact.measure not in dataset.measures:
            issues.add(loaded.ref(("facts", index, "measure")),
                       _("fact '{fact_id}': unknown measure '{fact_measure}'").format(
                fact_id=fact.id, fact_measure=fact.measure),
                       did_you_mean(fact.measure, dataset.measures) or _("add it to `measures`"))
        if fact.is_number:
            if fact.measure is None:
                issues.add(loaded.ref(("facts", index)), _("fact '{fact_id}': a number needs its measure").format(
                    fact_id=fact.id),
                           _("add `measure:` naming what it counts or measures (see `measures`)"))
            if not _number_offsets(fact.quote, fact.value_text):
                issues.add(
                    loaded.ref(("facts", index, "value")),
                    _("fact '{fact_id}': value {fact_value_text} does not occur in its quote “{fact_quote}”").format(
                        fact_id=fact.id, fact_value_text=fact.value_text, fact_quote=fact.quote),
                    _("the value must be written as in the article"),
                )
            if fact.unit and fact.unit not in SCALED_UNITS and not fact.unit_en:
                issues.add(
                    loaded.ref(("facts", index, "unit")),
                    _("fact '{fact_id}': unit '{fact_unit}' needs an English form").format(
                        fact_id=fact.id, fact_unit=fact.unit),
                    _("add unit_en, e.g. unit_en: projects"),
                )
        else:
            if fact.value_text not in fact.quote:
                issues.add(
                    loaded.ref(("facts", index, "value")),
                    _("fact '{fact_id}': value “{fact_value_text}” does not occur in its quote").format(
                        fact_id=fact.id, fact_value_text=fact.value_text),
                )
            if not fact.value_en:
                issues.add(
                    loaded.ref(("facts", index, "value")),
                    _("fact '{fact_id}': a value in words needs value_en, its English wording").format(fact_id=fact.id),
                )
        if fact.value_to is not None and not _number_offsets(fact.quote, number_text(fact.value_to)):
            issues.add(loaded.ref(("facts", index, "value_to")), _("fact '{fact_id}': value_to does not occur in its "
                                                                    "quote").format(fact_id=fact.id))

    for index, event in enumerate(model.events):
        check_section("events", index, event.section)
        check_quote("events", index, event.id, event.quote)
        if event.subject is not None and dataset.subject_kinds.get(event.subject) not in ("entity", "group"):
            issues.add(loaded.ref(("events", index, "subject")), _("event '{event_id}': unknown subject "
                                                                    "'{event_subject}'").format(
                event_id=event.id, event_subject=event.subject),
                       did_you_mean(event.subject, list(dataset.entities) + list(dataset.groups))
                       or _("name an entity or a group"))
        day = f"{event.date.month}月{event.date.day}日"
        if day not in event.quote:
            issues.add(loaded.ref(("events", index, "date")), _("event '{event_id}': date {day} does not occur in its "
                                                                 "quote").format(event_id=event.id, day=day))
    for index, entity in enumerate(model.entities):
        check_section("entities", index, entity.section)
        check_quote("entities", index, entity.id, entity.quote)
    members_seen: dict[str, str] = {}
    for index, group in enumerate(model.groups):
        check_section("groups", index, group.section)
        check_quote("groups", index, group.id, group.quote)
        for position, member in enumerate(group.members):
            if member not in dataset.entities:
                issues.add(loaded.ref(("groups", index, "members", position)), _("unknown entity '{member}'").format(
                    member=member),
                           did_you_mean(member, dataset.entities))
            elif member in members_seen:
                issues.add(loaded.ref(("groups", index, "members", position)),
                           _("'{member}' is already a member of the group '{members_seen_member}'").format(
                               member=member, members_seen_member=members_seen[member]))
            else:
                members_seen[member] = group.id
    for kind in ("industries", "markets"):
        for index, item in enumerate(getattr(model, kind)):
            check_quote(kind, index, item.id, item.quote)
    for index, industry in enumerate(model.industries):
        for position, role in enumerate(industry.roles):
            if role not in dataset.roles:
                issues.add(loaded.ref(("industries", index, "roles", position)),
                           _("unknown industry role '{role}'").format(
                    role=role),
                           did_you_mean(role, dataset.roles) or _("add it to `industry_roles`"))

    for index, whole in enumerate(model.wholes):
        _check_whole(dataset, whole, index, loaded, issues, check_fact)
    for index, comparison in enumerate(model.comparisons):
        known = [check_fact(("comparisons", index, key), getattr(comparison, key)) for key in ("actual", "target")]
        if not all(known):
            continue
        actual, target = dataset.facts[comparison.actual], dataset.facts[comparison.target]
        if actual.status != "achieved":
            issues.add(loaded.ref(("comparisons", index, "actual")), _("comparison '{comparison_id}': '{actual_id}' "
                                                                        "is not a result achieved in the results year "
                                                                        "(its status is {actual_status})").format(
                comparison_id=comparison.id, actual_id=actual.id, actual_status=actual.status))
        if target.status != "target":
            issues.add(loaded.ref(("comparisons", index, "target")), _("comparison '{comparison_id}': '{target_id}' "
                                                                        "is not a target (its status is "
                                                                        "{target_status})").format(
                comparison_id=comparison.id, target_id=target.id, target_status=target.status))
        if actual.measure != target.measure:
            issues.add(loaded.ref(("comparisons", index)), _("comparison '{comparison_id}' pairs two different "
                                                              "measures ('{actual_measure}' and '{target_measure}')").format(
                comparison_id=comparison.id, actual_measure=actual.measure,
                target_measure=target.measure), _("pair a target with the result of the same measure"))

    _check_sentences(dataset, loaded, issues)

    if not issues.issues:
        covered = covered_numerals(dataset)
        for offset, numeral in body_numerals(dataset):
            if offset not in covered:
                line = article.count("\n", 0, offset) + 1
                context = article[max(0, offset - 8) : offset + len(numeral) + 4].replace("\n", " ")
                issues.add(
                    SourceRef(article_shown, line),
                    _("the article's figure {numeral} (…{context}…) is not held by any fact").format(
                        numeral=numeral, context=context),
                    _("add a fact to {path} whose value and quote hold it").format(path=loaded.path),
                )
    issues.raise_if_any()


def _check_whole(dataset: Dataset, whole: Whole, index: int, loaded: Loaded, issues: IssueCollector,
                 check_fact: Callable[[KeyPath, str], bool]) -> None:
    """The parts of a whole measure the same thing with the same status and unit as each other and the total;
    a complete whole's parts add up to its total."""
    ids: list[tuple[str, int | None, str]] = [("parts", position, part) for position, part in enumerate(whole.parts)]
    if whole.total is not None:
        ids.insert(0, ("total", None, whole.total))
    known = []
    for key, position, fact_id in ids:
        path = ("wholes", index, key) + ((position,) if position is not None else ())
        if check_fact(path, fact_id):
            fact = dataset.facts[fact_id]
            if not fact.is_number:
                issues.add(loaded.ref(path), _("whole '{whole_id}': '{fact_id}' is not a number").format(
                    whole_id=whole.id, fact_id=fact_id))
            else:
                known.append(fact)
    if len(known) != len(ids):
        return
    first = known[0]
    for fact in known[1:]:
        if (fact.measure, fact.status, fact.unit) != (first.measure, first.status, first.unit):
            issues.add(loaded.ref(("wholes", index)), _("whole '{whole_id}': '{fact_id}' and '{first_id}' differ in "
                                                         "measure, status or unit").format(
                whole_id=whole.id, fact_id=fact.id,
                first_id=first.id), _("the parts of a whole count the same thing at the same time"))
            return
    if whole.complete and whole.total is not None:
        total = Decimal(number_text(dataset.facts[whole.total].number))
        parts = sum(Decimal(number_text(dataset.facts[p].number)) for p in whole.parts)
        if parts != total:
            issues.add(loaded.ref(("wholes", index, "complete")), _("whole '{whole_id}': the parts add up to {parts}, "
                                                                     "not to the total {total}").format(
                whole_id=whole.id, parts=parts,
                total=total), _("set complete: false when the article names only some parts"))


def _check_sentences(dataset: Dataset, loaded: Loaded, issues: IssueCollector) -> None:
    """Sentences show figures only through {fact_id} placeholders and years through {results_year} and
    {plan_year}: a number typed into a sentence would not follow the fact when it changes."""
    years = {str(v): k for k, v in dataset.years.items()}
    by_value: dict[str, list[str]] = {}
    for fact in dataset.model.facts:
        if fact.is_number:
            by_value.setdefault(fact.value_text, []).append(fact.id)
    for key_path, text, figures_allowed in sentences(dataset.model):
        for written in malformed_placeholders(text):
            issues.add(loaded.ref(key_path), _("“{written}” is not a placeholder").format(written=written),
                       _("a placeholder is a fact id or a year in braces, without spaces: {plan_year}年"))
        for name in placeholders(text):
            allowed = set(YEAR_KEYS) | (set(dataset.facts) if figures_allowed else set())
            if name not in allowed:
                issues.add(loaded.ref(key_path), _("unknown placeholder {{{name}}}").format(name=name),
                           did_you_mean(name, allowed) or _("placeholders name a fact id, {results_year} or {plan_year}"))
        for number in bare_numbers(text):
            if number in years:
                hint = _("write {{{key}}} so that the year follows the dataset").format(key=years[number])
            elif by_value.get(number):
                hint = _("write {names} so that the figure comes from its fact").format(
                    names=_(" or ").join(f"{{{i}}}" for i in by_value[number][:3]))
            else:
                hint = _("name the figure by its fact id in braces, e.g. {projects_attracted}")
            issues.add(loaded.ref(key_path), _("the number {number} is typed into the text “{text}”").format(
                number=number, text=text), hint)
