"""The facts of the article as frozen models, and the checks that prove them against the article."""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Literal

from pydantic import Field, field_validator

from .errors import IssueCollector, SourceRef, did_you_mean
from .loading import Loaded, display_path, load_file, read_text
from .validation import Strict, build_model

Id = Field(pattern=r"^[a-z][a-z0-9_]*$", description="stable English snake_case id")
Period = Literal["actual_2020", "target_2021", "goal_multi_year"]
Qualifier = Literal["more_than", "nearly", "about", "at_least"]

#: units whose English form is computed from the value (the rest need `unit_en`)
SCALED_UNITS = {"亿元", "万元", "亿美元", "万平方米", "万人", "%", "公里"}


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


class Zone(Strict):
    name_zh: str
    name_en: str
    short_en: str
    organisation_zh: str
    organisation_en: str
    mission_zh: str
    mission_en: str
    mission_quote: str


class Section(Strict):
    id: str = Id
    title_zh: str
    title_en: str
    headline_zh: str
    headline_en: str
    points_zh: tuple[str, ...] = Field(min_length=3, max_length=6)
    points_en: tuple[str, ...] = Field(min_length=3, max_length=6)


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
    period: Period
    section: str
    quote: str

    @field_validator("value", "value_to", mode="before")
    @classmethod
    def _no_booleans(cls, value):
        if isinstance(value, bool):  # YAML reads yes/no/true/false as booleans; pydantic would make them 1 and 0
            raise ValueError("must be a number or text, not true/false")
        return value

    @field_validator("value", "value_to")
    @classmethod
    def _not_negative(cls, value):
        if isinstance(value, (int, float)) and value < 0:
            raise ValueError(f"must not be negative (got {value})")
        return value

    @property
    def is_number(self) -> bool:
        return isinstance(self.value, (int, float))

    @property
    def value_text(self) -> str:
        """The value as the article writes it."""
        return number_text(self.value) if self.is_number else str(self.value)


class Event(Strict):
    id: str = Id
    date: dt.date
    label_zh: str
    label_en: str
    section: str
    facts: tuple[str, ...] = ()
    quote: str


class Entity(Strict):
    id: str = Id
    kind: Literal["project", "company", "organisation", "school", "hospital", "care"]
    name_zh: str
    name_en: str
    section: str
    facts: tuple[str, ...] = ()
    quote: str


class Industry(Strict):
    id: str = Id
    name_zh: str
    name_en: str
    roles: tuple[
        Literal[
            "investment_focus", "emerging_2021", "cluster_100bn", "cluster_30bn", "groundbreaking_2020", "logistics_2021"
        ],
        ...,
    ]
    quote: str


class Market(Strict):
    id: str = Id
    name_zh: str
    name_en: str
    quote: str


class Comparison(Strict):
    id: str = Id
    label_zh: str
    label_en: str
    actual: str
    target: str


class DatasetModel(Strict):
    source: Source
    zone: Zone
    sections: tuple[Section, ...] = Field(min_length=1)
    facts: tuple[Fact, ...] = Field(min_length=1)
    events: tuple[Event, ...] = ()
    entities: tuple[Entity, ...] = ()
    industries: tuple[Industry, ...] = ()
    markets: tuple[Market, ...] = ()
    comparisons: tuple[Comparison, ...] = ()


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
    def comparisons(self) -> dict[str, Comparison]:
        return {comparison.id: comparison for comparison in self.model.comparisons}

    @property
    def counts(self) -> dict[str, int]:
        m = self.model
        return {
            "facts": len(m.facts),
            "sections": len(m.sections),
            "events": len(m.events),
            "projects and institutions": len(m.entities),
            "industries": len(m.industries),
            "comparisons": len(m.comparisons),
        }


def number_text(value: int | float) -> str:
    """Return a number as the article writes it: 259, 875.12 (no thousands separator)."""
    if isinstance(value, int):
        return str(value)
    text = repr(value)
    return text[:-2] if text.endswith(".0") else text


def load_dataset(path: Path) -> Dataset:
    """Return the dataset at path, proved against its article; raise GeneratorError listing every problem."""
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
    """Return (offset, text) of every Arabic numeral of the body that is not part of a date or the years 2020/2021."""
    start, end = article_body(dataset)
    found = []
    for match in _NUMERAL.finditer(dataset.article, start, end):
        after = dataset.article[match.end() : match.end() + 1]
        if after in ("月", "日") or (match.group() in ("2020", "2021") and after == "年"):
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


def validate_dataset(dataset: Dataset, loaded: Loaded, article_shown: str) -> None:
    """Check ids, references, quotes, values and coverage; raise GeneratorError listing every problem."""
    model, article = dataset.model, dataset.article
    issues = IssueCollector()
    src = model.source
    for key in ("body_after", "body_before"):
        if getattr(src, key) not in article:
            issues.add(loaded.ref(("source", key)), f"marker '{getattr(src, key)}' not found in {article_shown}")
    if model.zone.mission_quote not in article:
        issues.add(loaded.ref(("zone", "mission_quote")), f"quote not found in {article_shown}")

    section_ids = [s.id for s in model.sections]
    fact_ids = [f.id for f in model.facts]
    for kind in ("sections", "facts", "events", "entities", "industries", "markets", "comparisons"):
        seen: dict[str, int] = {}
        for index, item in enumerate(getattr(model, kind)):
            if item.id in seen:
                first = loaded.ref((kind, seen[item.id], "id"))
                issues.add(loaded.ref((kind, index, "id")), f"duplicate id '{item.id}'", f"first used at line {first.line}")
            else:
                seen[item.id] = index

    for index, section in enumerate(model.sections):
        if len(section.points_zh) != len(section.points_en):
            issues.add(
                loaded.ref(("sections", index, "points_en")),
                f"section '{section.id}' has {len(section.points_zh)} Chinese key points "
                f"but {len(section.points_en)} English ones",
                "every point needs its translation",
            )

    def check_section(kind: str, index: int, section: str) -> None:
        if section not in section_ids:
            issues.add(
                loaded.ref((kind, index, "section")), f"unknown section '{section}'", did_you_mean(section, section_ids)
            )

    def check_quote(kind: str, index: int, item_id: str, quote: str) -> None:
        if quote not in article:
            issues.add(
                loaded.ref((kind, index, "quote")),
                f"{kind[:-1]} '{item_id}': quote is not in the article {article_shown}",
                "copy the quote from the article exactly, punctuation included",
            )

    def check_fact_refs(kind: str, index: int, refs: tuple[str, ...]) -> None:
        for position, fact_id in enumerate(refs):
            if fact_id not in dataset.facts:
                issues.add(
                    loaded.ref((kind, index, "facts", position)),
                    f"unknown fact '{fact_id}'",
                    did_you_mean(fact_id, fact_ids),
                )

    for index, fact in enumerate(model.facts):
        check_section("facts", index, fact.section)
        check_quote("facts", index, fact.id, fact.quote)
        if fact.is_number:
            if not _number_offsets(fact.quote, fact.value_text):
                issues.add(
                    loaded.ref(("facts", index, "value")),
                    f"fact '{fact.id}': value {fact.value_text} does not occur in its quote “{fact.quote}”",
                    "the value must be written as in the article",
                )
            if fact.unit and fact.unit not in SCALED_UNITS and not fact.unit_en:
                issues.add(
                    loaded.ref(("facts", index, "unit")),
                    f"fact '{fact.id}': unit '{fact.unit}' needs an English form",
                    "add unit_en, e.g. unit_en: projects",
                )
        else:
            if fact.value_text not in fact.quote:
                issues.add(
                    loaded.ref(("facts", index, "value")),
                    f"fact '{fact.id}': value “{fact.value_text}” does not occur in its quote",
                )
            if not fact.value_en:
                issues.add(
                    loaded.ref(("facts", index, "value")),
                    f"fact '{fact.id}': a value in words needs value_en, its English wording",
                )
        if fact.value_to is not None and not _number_offsets(fact.quote, number_text(fact.value_to)):
            issues.add(loaded.ref(("facts", index, "value_to")), f"fact '{fact.id}': value_to does not occur in its quote")

    for index, event in enumerate(model.events):
        check_section("events", index, event.section)
        check_quote("events", index, event.id, event.quote)
        check_fact_refs("events", index, event.facts)
        day = f"{event.date.month}月{event.date.day}日"
        if day not in event.quote:
            issues.add(loaded.ref(("events", index, "date")), f"event '{event.id}': date {day} does not occur in its quote")
    for index, entity in enumerate(model.entities):
        check_section("entities", index, entity.section)
        check_quote("entities", index, entity.id, entity.quote)
        check_fact_refs("entities", index, entity.facts)
    for kind in ("industries", "markets"):
        for index, item in enumerate(getattr(model, kind)):
            check_quote(kind, index, item.id, item.quote)
    for index, comparison in enumerate(model.comparisons):
        for key in ("actual", "target"):
            fact_id = getattr(comparison, key)
            if fact_id not in dataset.facts:
                issues.add(loaded.ref(("comparisons", index, key)), f"unknown fact '{fact_id}'", did_you_mean(fact_id, fact_ids))

    if not issues.issues:
        covered = covered_numerals(dataset)
        for offset, numeral in body_numerals(dataset):
            if offset not in covered:
                line = article.count("\n", 0, offset) + 1
                context = article[max(0, offset - 8) : offset + len(numeral) + 4].replace("\n", " ")
                issues.add(
                    SourceRef(article_shown, line),
                    f"the article's figure {numeral} (…{context}…) is not held by any fact",
                    f"add a fact to {loaded.path} whose value and quote hold it",
                )
    issues.raise_if_any()
