"""The dataset proved against its article and against itself: one validator per kind of record (facts, events,
entities, groups, wholes, comparisons, sentences), every problem collected in one round with its line."""
from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

from .dataset import (
    malformed_placeholders,
    MAIN_SOURCE, SCALED_UNITS, YEAR_KEYS, ZONE, Comparison, Dataset, Derived, Event, Fact, Group, Whole, _number_offsets,
    bare_numbers,
    body_numerals, covered_numerals, number_text, placeholders, sentences,
)
from .errors import IssueCollector, SourceRef, did_you_mean
from .i18n import _
from .loading import KeyPath, Loaded

#: the kinds of record that have ids, in the dataset's order
RECORDS = ("sources", "measures", "entity_kinds", "sections", "facts", "events", "entities", "groups", "wholes",
           "industry_roles", "industries", "markets", "comparisons", "derived")
#: the periods each status may hold for: a running total or a stock holds as of a date; a result, a target or a
#: circumstance holds for a year, part of one or a span; only a goal may be for the long term
PERIODS_OF_STATUS = {
    "achieved": ("year", "months", "span", "as_of"),
    "cumulative": ("to_date", "as_of"),
    "pipeline": ("to_date", "as_of"),
    "target": ("year", "months", "span", "as_of"),
    "context": ("year", "months", "span"),
    "goal": ("year", "span", "as_of", "long_term"),
}


def in_digits(text: str) -> str:
    """text with the numbers written in Chinese words as digits (二十八个 -> 28个), by cn2an."""
    import warnings

    import cn2an  # type: ignore[import-untyped]

    with warnings.catch_warnings():  # cn2an warns of every word it leaves alone (十四五)
        warnings.simplefilter("ignore")
        return str(cn2an.transform(text, "cn2an"))


class Proof:
    """Checks one dataset; each method checks one kind of record and adds what it finds to `issues`."""

    def __init__(self, dataset: Dataset, loaded: Loaded, article_shown: str):
        self.dataset, self.loaded, self.article_shown = dataset, loaded, article_shown
        self.model, self.article = dataset.model, dataset.article
        self.issues = IssueCollector()
        self.section_ids = [s.id for s in self.model.sections]
        self.subject_ids = set(dataset.subject_kinds)

    def add(self, key_path: KeyPath, message: str, hint: str = "") -> None:
        self.issues.add(self.loaded.ref(key_path), message, hint)

    # ------------------------------------------------------------------ shared checks
    def section(self, kind: str, index: int, section: str) -> None:
        if section not in self.section_ids:
            self.add((kind, index, "section"), _("unknown section '{section}'").format(section=section),
                     did_you_mean(section, self.section_ids))

    def quote(self, kind: str, index: int, item_id: str, quote: str, source: str = MAIN_SOURCE) -> None:
        """The quote is in its own source's text (the article, or the later report the record names)."""
        if source not in self.dataset.texts:
            self.add((kind, index, "source"), _("{kind_1} '{item_id}': unknown source '{source}'").format(
                kind_1=kind[:-1], item_id=item_id, source=source),
                did_you_mean(source, self.dataset.texts) or _("sources: {ids}").format(
                    ids=", ".join(self.dataset.texts)))
            return
        if quote not in self.dataset.texts[source]:
            shown = self.article_shown if source == MAIN_SOURCE else self.shown_of(source)
            self.add((kind, index, "quote"), _("{kind_1} '{item_id}': quote is not in the article {article_shown}").format(
                kind_1=kind[:-1], item_id=item_id, article_shown=shown),
                _("copy the quote from the article exactly, punctuation included"))

    def shown_of(self, source: str) -> str:
        """How a message names a later source's file."""
        from .loading import display_path

        return display_path(Path(self.loaded.path).parent / self.dataset.all_sources[source].file)

    def known_fact(self, key_path: KeyPath, fact_id: str) -> bool:
        if fact_id not in self.dataset.facts:
            self.add(key_path, _("unknown fact '{fact_id}'").format(fact_id=fact_id),
                     did_you_mean(fact_id, [f.id for f in self.model.facts]))
            return False
        return True

    # ------------------------------------------------------------------ records
    def source(self) -> None:
        src = self.model.source
        for key in ("body_after", "body_before"):
            if getattr(src, key) not in self.article:
                self.add(("source", key), _("marker '{getattr_src_key}' not found in {article_shown}").format(
                    getattr_src_key=getattr(src, key), article_shown=self.article_shown))
        for index, later in enumerate(self.model.sources):
            if later.id == MAIN_SOURCE:
                self.add(("sources", index, "id"), _("the id '{id}' is the dataset's own article").format(id=later.id),
                         _("give the later report an id of its own, e.g. report_2021"))
            for key in ("body_after", "body_before"):
                if getattr(later, key) not in self.dataset.texts.get(later.id, ""):
                    self.add(("sources", index, key), _("marker '{getattr_src_key}' not found in {article_shown}").format(
                        getattr_src_key=getattr(later, key), article_shown=self.shown_of(later.id)))
        if self.model.zone.mission_quote not in self.article:
            self.add(("zone", "mission_quote"), _("quote not found in {article_shown}").format(
                article_shown=self.article_shown))

    def ids(self) -> None:
        for kind in RECORDS:
            seen: dict[str, int] = {}
            for index, item in enumerate(getattr(self.model, kind)):
                if item.id in seen:
                    first = self.loaded.ref((kind, seen[item.id], "id"))
                    self.add((kind, index, "id"), _("duplicate id '{item_id}'").format(item_id=item.id),
                             _("first used at line {first_line}").format(first_line=first.line))
                else:
                    seen[item.id] = index
        fact_ids = {fact.id for fact in self.model.facts}
        for index, item in enumerate(self.model.derived):
            if item.id in fact_ids:
                self.add(("derived", index, "id"), _("the derived figure '{id}' has the id of a fact").format(
                    id=item.id), _("give each figure its own id, e.g. {id}_completion").format(id=item.id))
        clashes = fact_ids & (self.subject_ids | set(self.dataset.comparisons)) | ({ZONE} & fact_ids)
        for index, fact in enumerate(self.model.facts):
            if fact.id in clashes:
                self.add(("facts", index, "id"), _("the fact id '{fact_id}' is also the id of an event, entity, group "
                                                   "or comparison").format(fact_id=fact.id),
                         _("give each thing its own id"))

    def sections(self) -> None:
        for index, section in enumerate(self.model.sections):
            if len(section.points_zh) != len(section.points_en):
                self.add(("sections", index, "points_en"),
                         _("section '{section_id}' has {len_section_points_zh} Chinese key points but "
                           "{len_section_points_en} English ones").format(
                             section_id=section.id, len_section_points_zh=len(section.points_zh),
                             len_section_points_en=len(section.points_en)),
                         _("every point needs its translation"))

    def fact(self, index: int, fact: Fact) -> None:
        self.section("facts", index, fact.section)
        self.quote("facts", index, fact.id, fact.quote, fact.source)
        if fact.subject not in self.subject_ids:
            self.add(("facts", index, "subject"), _("fact '{fact_id}': unknown subject '{fact_subject}'").format(
                fact_id=fact.id, fact_subject=fact.subject),
                did_you_mean(fact.subject, self.subject_ids) or _("the subject is zone, or an event, entity or group id"))
        if fact.measure is not None and fact.measure not in self.dataset.measures:
            self.add(("facts", index, "measure"), _("fact '{fact_id}': unknown measure '{fact_measure}'").format(
                fact_id=fact.id, fact_measure=fact.measure),
                did_you_mean(fact.measure, self.dataset.measures) or _("add it to `measures`"))
        if fact.is_number:
            self.number(index, fact)
        else:
            if fact.value_text not in fact.quote:
                self.add(("facts", index, "value"), _("fact '{fact_id}': value “{fact_value_text}” does not occur in "
                                                      "its quote").format(fact_id=fact.id,
                                                                          fact_value_text=fact.value_text))
            if not fact.value_en:
                self.add(("facts", index, "value"), _("fact '{fact_id}': a value in words needs value_en, its English "
                                                      "wording").format(fact_id=fact.id))
        if fact.among is not None:
            self.rank(index, fact)
        if fact.share_of is not None and self.known_fact(("facts", index, "share_of"), fact.share_of):
            base = self.dataset.facts[fact.share_of]
            if fact.unit != "%" or not base.is_number or base.share_of is not None:
                self.add(("facts", index, "share_of"), _("fact '{fact_id}': a share is a % of a number; '{base}' is "
                                                         "not its base").format(fact_id=fact.id, base=base.id),
                         _("name the fact that counts the whole, e.g. the number of villages"))
        if fact.value_to is not None and not _number_offsets(fact.quote, number_text(fact.value_to)):
            self.add(("facts", index, "value_to"), _("fact '{fact_id}': value_to does not occur in its quote").format(
                fact_id=fact.id))
        period = self.dataset.period_of(fact)
        if period.kind not in PERIODS_OF_STATUS[fact.status]:
            self.add(("facts", index, "period") if fact.period else ("facts", index, "status"),
                     _("fact '{fact_id}': a figure of status {status} cannot hold for “{period}”").format(
                         fact_id=fact.id, status=fact.status, period=period.text("zh")),
                     _("a running total or a stock holds as of a date (截至2020年10月底, 截至目前); a result or a "
                       "target for a year, part of one or a span; only a goal for the long term (中长期)"))

    def number(self, index: int, fact: Fact) -> None:
        """A figure: its measure, its value in its quote, the English of its unit; no English of its value (the
        program writes numbers in both languages)."""
        if fact.measure is None:
            self.add(("facts", index), _("fact '{fact_id}': a number needs its measure").format(fact_id=fact.id),
                     _("add `measure:` naming what it counts or measures (see `measures`)"))
        if not _number_offsets(fact.quote, fact.value_text):
            in_words = in_digits(fact.quote)  # 二十八个 -> 28个: a figure the article writes in words
            if not _number_offsets(in_words, fact.value_text):
                written = [n for n in bare_numbers(in_words) if n not in bare_numbers(fact.quote)]
                self.add(("facts", index, "value"),
                         _("fact '{fact_id}': value {fact_value_text} does not occur in its quote “{fact_quote}”").format(
                             fact_id=fact.id, fact_value_text=fact.value_text, fact_quote=fact.quote),
                         _("the quote writes in words: {numbers}").format(numbers=", ".join(written)) if written else
                         _("the value must be written as in the article"))
        if fact.unit and fact.unit not in SCALED_UNITS and not fact.unit_en and fact.among is None:
            self.add(("facts", index, "unit"), _("fact '{fact_id}': unit '{fact_unit}' needs an English form").format(
                fact_id=fact.id, fact_unit=fact.unit), _("add unit_en, e.g. unit_en: projects"))
        if fact.value_en is not None:
            self.add(("facts", index, "value_en"), _("fact '{fact_id}': a number is written in English by the "
                                                     "program, so value_en is not used").format(fact_id=fact.id),
                     _("remove value_en; give the English of the unit in unit_en"))

    def rank(self, index: int, fact: Fact) -> None:
        """A place in a ranking: a whole number no larger than how many were ranked, both in the quote, with the
        English of what was ranked."""
        among = fact.among or 0
        if not isinstance(fact.value, int) or not 1 <= fact.value <= among:
            self.add(("facts", index, "value"), _("fact '{fact_id}': a rank is a whole number from 1 to {among}").format(
                fact_id=fact.id, among=among))
        if not _number_offsets(fact.quote, str(among)):
            self.add(("facts", index, "among"), _("fact '{fact_id}': the number ranked, {among}, does not occur in its "
                                                  "quote").format(fact_id=fact.id, among=among))
        if not fact.among_unit or not fact.among_en:
            self.add(("facts", index, "among"), _("fact '{fact_id}': a rank among {among} needs among_unit and "
                                                  "among_en").format(fact_id=fact.id, among=among),
                     _("e.g. among_unit: 个, among_en: \"provincial development zones\""))

    def event(self, index: int, event: Event) -> None:
        self.section("events", index, event.section)
        self.quote("events", index, event.id, event.quote, event.source)
        if event.subject is not None and self.dataset.subject_kinds.get(event.subject) not in ("entity", "group"):
            self.add(("events", index, "subject"), _("event '{event_id}': unknown subject '{event_subject}'").format(
                event_id=event.id, event_subject=event.subject),
                did_you_mean(event.subject, list(self.dataset.entities) + list(self.dataset.groups))
                or _("name an entity or a group"))
        day = f"{event.date.month}月{event.date.day}日"
        if day not in event.quote:
            self.add(("events", index, "date"), _("event '{event_id}': date {day} does not occur in its quote").format(
                event_id=event.id, day=day))
            return
        # the year: written just before the day (2020年10月27日), or else the year the article reports on (同年)
        stated = re.search(r"(\d{4})年\s*" + re.escape(day), event.quote)
        year = int(stated.group(1)) if stated else self.model.years.results
        if year != event.date.year:
            self.add(("events", index, "date"),
                     _("event '{event_id}': the date's year {date_year} is not the year {year} of its quote").format(
                         event_id=event.id, date_year=event.date.year, year=year),
                     _("a quote without a year is of the results year ({results}); write the year the article "
                       "gives").format(results=self.model.years.results))

    def entities(self) -> None:
        kinds = {kind.id for kind in self.model.entity_kinds}
        used = [("entities", index, item.kind) for index, item in enumerate(self.model.entities)]
        used += [("groups", index, item.kind) for index, item in enumerate(self.model.groups)]
        for record, index, kind in used:
            if kind not in kinds:
                self.add((record, index, "kind"), _("unknown kind '{kind}'").format(kind=kind),
                         did_you_mean(kind, kinds) or _("add it to `entity_kinds`"))
        for index, entity in enumerate(self.model.entities):
            self.section("entities", index, entity.section)
            self.quote("entities", index, entity.id, entity.quote, entity.source)

    def groups(self) -> None:
        members_seen: dict[str, str] = {}
        for index, group in enumerate(self.model.groups):
            self.group(index, group, members_seen)

    def group(self, index: int, group: Group, members_seen: dict[str, str]) -> None:
        self.section("groups", index, group.section)
        self.quote("groups", index, group.id, group.quote, group.source)
        for position, member in enumerate(group.members):
            if member not in self.dataset.entities:
                self.add(("groups", index, "members", position), _("unknown entity '{member}'").format(member=member),
                         did_you_mean(member, self.dataset.entities))
            elif member in members_seen:
                self.add(("groups", index, "members", position),
                         _("'{member}' is already a member of the group '{members_seen_member}'").format(
                             member=member, members_seen_member=members_seen[member]))
            else:
                members_seen[member] = group.id

    def industries(self) -> None:
        for kind in ("industries", "markets"):
            for index, item in enumerate(getattr(self.model, kind)):
                self.quote(kind, index, item.id, item.quote, item.source)
        for index, industry in enumerate(self.model.industries):
            for position, role in enumerate(industry.roles):
                if role not in self.dataset.roles:
                    self.add(("industries", index, "roles", position), _("unknown industry role '{role}'").format(
                        role=role), did_you_mean(role, self.dataset.roles) or _("add it to `industry_roles`"))

    def whole(self, index: int, whole: Whole) -> None:
        """The parts of a whole measure the same thing with the same status, period and unit as each other and
        the total; a complete whole's parts add up to its total."""
        if whole.total is None and len(whole.parts) < 2:
            self.add(("wholes", index, "parts"), _("whole '{whole_id}': without its total, a whole needs at least two "
                                                   "parts").format(whole_id=whole.id),
                     _("name the fact holding the total in `total:`"))
        ids: list[tuple[str, int | None, str]] = [("parts", position, part) for position, part in enumerate(whole.parts)]
        if whole.total is not None:
            ids.insert(0, ("total", None, whole.total))
        known = []
        for key, position, fact_id in ids:
            path = ("wholes", index, key) + ((position,) if position is not None else ())
            if self.known_fact(path, fact_id):
                fact = self.dataset.facts[fact_id]
                if not fact.is_number:
                    self.add(path, _("whole '{whole_id}': '{fact_id}' is not a number").format(
                        whole_id=whole.id, fact_id=fact_id))
                else:
                    known.append(fact)
        if len(known) != len(ids):
            return
        first = known[0]

        def alike(fact: Fact) -> tuple[object, ...]:
            return fact.measure, fact.status, fact.unit, self.dataset.period_of(fact)

        for fact in known[1:]:
            if alike(fact) != alike(first):
                self.add(("wholes", index), _("whole '{whole_id}': '{fact_id}' and '{first_id}' differ in measure, "
                                              "status or unit").format(whole_id=whole.id, fact_id=fact.id,
                                                                       first_id=first.id),
                         _("the parts of a whole count the same thing at the same time"))
                return
        if whole.complete and whole.total is not None:
            total = Decimal(number_text(self.dataset.facts[whole.total].number))
            parts = sum(Decimal(number_text(self.dataset.facts[p].number)) for p in whole.parts)
            if parts != total:
                self.add(("wholes", index, "complete"), _("whole '{whole_id}': the parts add up to {parts}, not to the "
                                                          "total {total}").format(whole_id=whole.id, parts=parts,
                                                                                  total=total),
                         _("set complete: false when the article names only some parts"))

    def comparison(self, index: int, comparison: Comparison) -> None:
        known = [self.known_fact(("comparisons", index, key), getattr(comparison, key)) for key in ("actual", "target")]
        if not all(known):
            return
        actual, target = self.dataset.facts[comparison.actual], self.dataset.facts[comparison.target]
        if actual.status != "achieved":
            self.add(("comparisons", index, "actual"),
                     _("comparison '{comparison_id}': '{actual_id}' is not a result achieved in the results year (its "
                       "status is {actual_status})").format(comparison_id=comparison.id, actual_id=actual.id,
                                                            actual_status=actual.status))
        if target.status != "target":
            self.add(("comparisons", index, "target"),
                     _("comparison '{comparison_id}': '{target_id}' is not a target (its status is "
                       "{target_status})").format(comparison_id=comparison.id, target_id=target.id,
                                                  target_status=target.status))
        if actual.measure != target.measure:
            self.add(("comparisons", index), _("comparison '{comparison_id}' pairs two different measures "
                                               "('{actual_measure}' and '{target_measure}')").format(
                comparison_id=comparison.id, actual_measure=actual.measure, target_measure=target.measure),
                _("pair a target with the result of the same measure"))

    def derived(self, index: int, item: Derived) -> None:
        """A derived figure is computed from figures of the sources that are alike: one measure and unit, exact
        numbers; a result against a target of its period (or of a period the result is part of); a sum of one
        period; a growth over a period of the same length a year or more before."""
        self.section("derived", index, item.section)
        wanted = {"ratio": 2, "gap": 2, "growth": 2}.get(item.formula)
        if wanted and len(item.of) != wanted:
            self.add(("derived", index, "of"), _("derived '{id}': a {formula} is computed from {count} facts, not "
                                                 "{given}").format(id=item.id, formula=item.formula, count=wanted,
                                                                   given=len(item.of)),
                     _("name the result first, then its target or base: of: [result_id, target_id]"))
            return
        given = {fact.id: fact for fact in self.model.facts}
        facts: list[Fact] = []
        for position, fact_id in enumerate(item.of):
            fact = given.get(fact_id)
            if fact is None:
                self.add(("derived", index, "of", position), _("unknown fact '{fact_id}'").format(fact_id=fact_id),
                         did_you_mean(fact_id, given) or _("a derived figure is computed from facts of `facts`"))
            elif not fact.is_number or fact.among is not None or fact.value_to is not None:
                self.add(("derived", index, "of", position), _("derived '{id}': '{fact_id}' is not one number (a "
                                                               "text, a rank or a range)").format(id=item.id,
                                                                                                  fact_id=fact_id),
                         _("compute only from facts whose value is a single number"))
            else:
                facts.append(fact)
        if len(facts) < len(item.of):
            return
        self.alike(index, item, facts)
        if item.formula in ("ratio", "gap"):
            self.against_target(index, item, facts[0], facts[1])
        elif item.formula == "sum":
            periods = {self.dataset.period_of(f).text("zh") for f in facts}
            if len(periods) > 1 or len({f.status for f in facts}) > 1:
                self.add(("derived", index, "of"), _("derived '{id}' adds up figures of different periods or status "
                                                     "({periods})").format(id=item.id, periods="、".join(sorted(periods))),
                         _("a sum adds figures of one period and one status"))
        else:
            later, earlier = (self.dataset.period_of(f) for f in facts)
            if not later.same_length(earlier) or later.end <= earlier.end or facts[0].status != facts[1].status:
                self.add(("derived", index, "of"), _("derived '{id}': a growth compares a period with one of the same "
                                                     "length before it, and “{later}” against “{earlier}” is not that"
                                                     ).format(id=item.id, later=later.text("zh"),
                                                              earlier=earlier.text("zh")),
                         _("name the later figure first, then the same measure a year earlier: 2021年上半年 against "
                           "2020年上半年, 2021年 against 2020年"))
        exact = facts if item.formula != "gap" else facts[1:]
        for fact in exact:
            if fact.qualifier is not None and not (item.formula in ("ratio", "gap") and fact is facts[1]
                                                   and fact.qualifier in ("at_least", "more_than")):
                self.add(("derived", index, "of"), _("derived '{id}': '{fact_id}' is approximate ({qualifier}), so "
                                                     "nothing exact can be computed from it").format(
                    id=item.id, fact_id=fact.id, qualifier=fact.qualifier),
                    _("show the figures side by side without a computed figure"))

    def alike(self, index: int, item: Derived, facts: list[Fact]) -> None:
        """The facts of a derived figure measure one thing in one unit."""
        measures = {str(f.measure) for f in facts}
        units = {f.unit for f in facts}
        if len(measures) > 1 or len(units) > 1:
            self.add(("derived", index, "of"), _("derived '{id}' pairs figures of different measures or units "
                                                 "({list})").format(id=item.id, list=", ".join(
                                                     f"{f.id}: {f.measure} {f.unit}" for f in facts)),
                     _("compute only from figures of one measure and unit"))

    def against_target(self, index: int, item: Derived, result: Fact, target: Fact) -> None:
        """A completion (ratio) or gap sets a result against a target of its period or of a period it is part of;
        a target written as a floor (以上, 余) has no completion rate, only reached or short by."""
        if result.status not in ("achieved", "cumulative") or target.status != "target":
            self.add(("derived", index, "of"), _("derived '{id}': a {formula} sets a result (achieved or cumulative) "
                                                 "against a target; '{result}' is {result_status}, '{target}' is "
                                                 "{target_status}").format(
                id=item.id, formula=item.formula, result=result.id, result_status=result.status, target=target.id,
                target_status=target.status), _("name the result first, then its target: of: [result_id, target_id]"))
            return
        period, of_target = self.dataset.period_of(result), self.dataset.period_of(target)
        if not period.within(of_target):
            self.add(("derived", index, "of"), _("derived '{id}' sets a result of “{period}” against a target of "
                                                 "“{target_period}”").format(id=item.id, period=period.text("zh"),
                                                                             target_period=of_target.text("zh")),
                     _("a result counts towards a target of its own period, or of a period it is part of"))
        if item.formula == "ratio" and target.qualifier in ("at_least", "more_than"):
            self.add(("derived", index, "formula"), _("derived '{id}': the target '{target}' is a floor ({qualifier}): "
                                                      "a percentage of a floor is no completion rate").format(
                id=item.id, target=target.id, qualifier=target.qualifier),
                _("write formula: gap: it shows reached (达到) or how far the result is short of the floor (尚差)"))
        if item.formula == "gap" and result.qualifier is not None and not (
                result.qualifier in ("more_than", "at_least") and result.number >= target.number):
            self.add(("derived", index, "of"), _("derived '{id}': the result '{result}' is approximate ({qualifier}), "
                                                 "so how far it is short cannot be computed").format(
                id=item.id, result=result.id, qualifier=result.qualifier),
                _("show the result beside its target without a computed figure"))

    def sentences(self) -> None:
        """Sentences show figures only through {fact_id} placeholders and years through {results_year} and
        {plan_year}: a number typed into a sentence would not follow the fact when it changes."""
        dataset = self.dataset
        years = {str(v): k for k, v in dataset.years.items()}
        by_value: dict[str, list[str]] = {}
        for fact in self.model.facts:
            if fact.is_number:
                by_value.setdefault(fact.value_text, []).append(fact.id)
        names = dataset.names_with_digits
        for key_path, text, figures_allowed in sentences(self.model):
            for name in placeholders(text):
                allowed = set(YEAR_KEYS) | (set(dataset.facts) if figures_allowed else set())
                if name not in allowed:
                    self.add(key_path, _("unknown placeholder {{{name}}}").format(name=name),
                             did_you_mean(name, allowed) or _("placeholders name a fact id, {results_year} or "
                                                              "{plan_year}"))
            for written in malformed_placeholders(text):
                self.add(key_path, _("“{written}” is not a placeholder").format(written=written),
                         _("a placeholder is a fact id or a year in braces, without spaces: {plan_year}年"))
            plain = text
            for name in names:  # digits of a name are the name's (G205国道)
                plain = plain.replace(name, " ")
            for number in bare_numbers(plain):
                if number in years:
                    hint = _("write {{{key}}} so that the year follows the dataset").format(key=years[number])
                elif by_value.get(number):
                    hint = _("write {names} so that the figure comes from its fact").format(
                        names=_(" or ").join(f"{{{i}}}" for i in by_value[number][:3]))
                else:
                    hint = _("name the figure by its fact id in braces, e.g. {projects_attracted}")
                self.add(key_path, _("the number {number} is typed into the text “{text}”").format(
                    number=number, text=text), hint)

    def coverage(self) -> None:
        """Every figure of the article's body is held by a fact (checked once everything else is right)."""
        for source, text in self.dataset.texts.items():
            self.coverage_of(source, text)

    def coverage_of(self, source: str, text: str) -> None:
        covered = covered_numerals(self.dataset, source)
        shown = self.article_shown if source == MAIN_SOURCE else self.shown_of(source)
        for offset, numeral in body_numerals(self.dataset, source):
            if offset not in covered:
                line = text.count("\n", 0, offset) + 1
                context = text[max(0, offset - 8) : offset + len(numeral) + 4].replace("\n", " ")
                self.issues.add(SourceRef(shown, line),
                                _("the article's figure {numeral} (…{context}…) is not held by any fact").format(
                                    numeral=numeral, context=context),
                                _("add a fact to {path} whose value and quote hold it").format(path=self.loaded.path))


def validate_dataset(dataset: Dataset, loaded: Loaded, article_shown: str) -> None:
    """Check ids, references, what each figure measures, whose it is and when, wholes, comparisons, quotes, values,
    sentences and coverage; raise GeneratorError listing every problem."""
    prove(dataset, loaded, article_shown).raise_if_any()


def prove(dataset: Dataset, loaded: Loaded, article_shown: str, coverage_always: bool = False) -> IssueCollector:
    """Every problem of the dataset, in one collection. The article's figures no fact holds are looked for once
    everything else is right, or always (a dataset moved on to a new article: every figure still to be held)."""
    proof = Proof(dataset, loaded, article_shown)
    model = dataset.model
    proof.source()
    proof.ids()
    proof.sections()
    for index, fact in enumerate(model.facts):
        proof.fact(index, fact)
    for index, event in enumerate(model.events):
        proof.event(index, event)
    proof.entities()
    proof.groups()
    proof.industries()
    for index, whole in enumerate(model.wholes):
        proof.whole(index, whole)
    for index, comparison in enumerate(model.comparisons):
        proof.comparison(index, comparison)
    for index, item in enumerate(model.derived):
        proof.derived(index, item)
    proof.sentences()
    if coverage_always or not proof.issues.issues:
        proof.coverage()
    return proof.issues
