"""compose(dataset, layout, lang) -> Document: resolves ids, words every figure and sentence once, splits long lists."""
from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, is_dataclass, replace
from typing import TypeVar, cast

from .chartkinds import CHART_KINDS
from .dataset import MAIN_SOURCE, ZONE, Dataset, DerivedFact, Event, Fact
from .dataset import Source as DataSource
from .document import (
    Chart, Document, Figure, KeyFigures, Meta, Page, Series, Source, Table, Timeline, TimelineEvent, Title,
)
from .formatting import chart_unit, chart_value, computed_mark, date_text
from .periods import Period
from .layouts import Layout, LayoutModel
from .partkinds import PART_KINDS
from .slidekinds import SLIDE_KINDS
from .specs import ChartSpec, OwnWords, TargetsChoice, Titled
from .textfit import normalise_punctuation
from .wording import Wording
from .words import WORDS, Words

_T = TypeVar("_T")


def _chunks(items: Sequence[_T], size: int) -> list[Sequence[_T]]:
    """Split items into chunks of at most size, balanced so the last is not a lone straggler."""
    if len(items) <= size:
        return [items]
    count = -(-len(items) // size)
    per = -(-len(items) // count)
    return [items[i : i + per] for i in range(0, len(items), per)]


@dataclass(frozen=True)
class Context:
    """What composing one document reads and never changes: the dataset, the layout, the language and its words
    (the state it changes as it goes is apart, in State)."""

    d: Dataset
    m: LayoutModel
    slug: str
    deck_lines: tuple[str, ...]
    budget_line: str
    lang: str
    say: Wording
    words: Words
    organisation: str
    #: the first words of the names the dataset declares: a label starting with one keeps its capital
    proper_words: frozenset[str]

    @classmethod
    def of(cls, dataset: Dataset, layout: Layout, lang: str) -> Context:
        say, model, zone = Wording(dataset, lang), dataset.model, dataset.model.zone
        names = [item.name_en for records in (model.entities, model.groups, model.industries, model.markets)
                 for item in records]
        return cls(dataset, layout.model, layout.slug, layout.deck_lines, layout.budget_line, lang, say, WORDS[lang],
                   say.pick(layout.model.organisation_zh or zone.organisation_zh,
                            layout.model.organisation_en or zone.organisation_en),
                   frozenset(name.split(" ")[0] for name in [*names, zone.name_en]))


@dataclass
class State:
    """What composing the deck changes as it goes, and only that: the section dividers so far (each shows its
    number)."""

    dividers: int = 0


class Composer:
    """What the kinds of slide and part (generator/slidekinds, generator/partkinds) compose their pages with: the
    read-only context (the dataset and layout, the wording in one language), the blocks several kinds share, and
    the one thing that changes as the deck is composed, the number of the next section divider."""

    __slots__ = ("_ctx", "_state", "_meta")

    def __init__(self, dataset: Dataset, layout: Layout, lang: str):
        self._ctx = Context.of(dataset, layout, lang)
        self._state = State()
        self._meta = self._make_meta()

    # ------------------------------------------------------------------ the context, read-only
    @property
    def d(self) -> Dataset:
        return self._ctx.d

    @property
    def m(self) -> LayoutModel:
        return self._ctx.m

    @property
    def lang(self) -> str:
        return self._ctx.lang

    @property
    def say(self) -> Wording:
        return self._ctx.say

    @property
    def words(self) -> Words:
        return self._ctx.words

    @property
    def sep(self) -> str:
        return self._ctx.words.sep

    @property
    def list_sep(self) -> str:
        return self._ctx.words.list_sep

    @property
    def organisation(self) -> str:
        return self._ctx.organisation

    @property
    def meta(self) -> Meta:
        return self._meta

    # ------------------------------------------------------------------ the state
    def next_divider(self) -> int:
        """The number of the deck's next section divider (counting the dividers composed so far)."""
        self._state.dividers += 1
        return self._state.dividers

    # ------------------------------------------------------------------ helpers
    def w(self, key: str) -> str:
        """A fixed phrase of this language (generator/words.py), with the dataset's years put in."""
        return self.say(self.words[key])

    def word(self, zh_en: tuple[str, str]) -> str:
        """The Chinese or English of a wording a kind brings itself, with the dataset's years put in."""
        return self.say(self.words.of(zh_en))

    def bullet_chunks(self, items: Sequence[_T]) -> list[Sequence[_T]]:
        """Items split into as many slides as the layout's max_bullets_per_slide asks, balanced."""
        return _chunks(items, self.m.max_bullets_per_slide)

    def label(self, fact: Fact) -> str:
        return self.say.label(fact)

    def fig(self, fact_id: str) -> Figure:
        return self.say.figure(self.d.facts[fact_id])

    def status(self, fact: Fact) -> str:
        """When the figure holds and what it is: 2020年, 2022年1—10月, 2021年目标, 累计 (see Wording.when)."""
        return self.say.when(fact)

    def tagged(self, text: str, tag: str, joined: bool = False) -> str:
        """text with tag in brackets: 招引项目（2020年）, Projects attracted (2020). The tag's words stay together
        (no-break spaces, as the formatter joins a figure's words); joined: the tag stays on the line of what it
        tags too (a figure's status in a table cell: 4 (in progress))."""
        return self.words.tagged(text, tag, joined)

    def pair_columns(self, actual: Sequence[Fact], target: Sequence[Fact]) -> tuple[str, str, bool]:
        """The names of a result column and a target column (2020年实绩, 2021年目标); when the rows differ in period,
        plain names, and true: each cell then shows its own period."""
        whens = {self.status(f) for f in actual}, {self.status(f) for f in target}
        if len(whens[0]) == 1 and len(whens[1]) == 1:
            return self.w("actual").format(when=next(iter(whens[0]))), next(iter(whens[1])), False
        return self.w("actual_plain"), self.w("target"), True

    def sources(self, fact_ids: Iterable[str]) -> tuple[Source, ...]:
        seen, result = set(), []
        for fact_id in fact_ids:
            if fact_id in seen:
                continue
            seen.add(fact_id)
            fact = self.d.facts[fact_id]
            if isinstance(fact, DerivedFact):  # no words of a source: its formula, and that it is computed
                result.append(Source(fact_id, self.formula_text(fact), self.label(fact) + computed_mark(self.lang)))
                continue
            cite = self.citation(fact.source)
            result.append(Source(fact_id, fact.quote, self.tagged(self.label(fact), cite) if cite else self.label(fact)))
        return tuple(result)

    def formula_text(self, fact: DerivedFact) -> str:
        """How a derived figure was computed, with the figures it comes from and their periods: 计算：1.42亿美元
        （2021年上半年）÷ 2亿美元（2021年目标）× 100% = 71%."""
        parts = [self.in_formula(self.d.facts[f]) for f in fact.of]
        if fact.formula == "ratio":
            sum_ = f"{parts[0]} ÷ {parts[1]} × 100%"
        elif fact.formula == "growth":
            sum_ = self.words["growth"].format(a=parts[0], b=parts[1])
        elif fact.formula == "gap":
            sum_ = f"{parts[1]} − {parts[0]}" if fact.is_number else self.words["reached"].format(a=parts[0],
                                                                                                 b=parts[1])
        else:
            sum_ = " + ".join(parts)
        if not fact.is_number:  # a target reached: the comparison says it all
            return self.w("formula").format(sum=sum_)
        result = self.say.figure(fact).text.removesuffix(computed_mark(self.lang))
        return self.w("formula").format(sum=f"{sum_} = {result}")

    def citation(self, source: str) -> str:
        """Where a quote is from when it is not the dataset's own article: 日照日报《…》, Rizhao Daily, “…”."""
        if source == MAIN_SOURCE:
            return ""
        return self._cite(self.d.all_sources[source])

    def _cite(self, src: DataSource) -> str:
        """A report by its publication and title: 日照日报《激活高质量发展新动能》."""
        words = self.words
        return words["citation"].format(publication=words.of((src.publication_zh, src.publication_en)),
                                        title=words.of((src.title_zh, src.title_en)))

    def section_title(self, section_id: str) -> str:
        s = self.d.sections[section_id]
        return self.say.pick(s.title_zh, s.title_en)

    def headline(self, section_id: str) -> str:
        s = self.d.sections[section_id]
        return self.say.pick(s.headline_zh, s.headline_en)

    def points(self, section_id: str | None) -> tuple[str, ...]:
        if not section_id:
            return ()
        s = self.d.sections[section_id]
        return tuple(self.say(p) for p in self.words.of((s.points_zh, s.points_en)))

    def figure_notes(self, fact_ids: Iterable[str]) -> tuple[str, ...]:
        """A line a speaker can read aloud per figure: what it is, when, and the figure."""
        lines = []
        for fact_id in fact_ids:
            fact, fig = self.d.facts[fact_id], self.fig(fact_id)
            lines.append(f"{self.words.bracketed(fig.label, self.status(fact))}{self.sep}{fig.text}")
        return tuple(lines)

    def title_of(self, spec: Titled, default: str) -> str:
        return self.say.pick(spec.title_zh, spec.title_en) or default

    def continued(self, title: str, index: int) -> str:
        return title + self.w("continued") if index else title

    def subject_name(self, subject: str) -> str:
        if subject in self.d.groups:
            group = self.d.groups[subject]
            return self.say.pick(group.name_zh, group.name_en)
        if subject in self.d.entities:
            entity = self.d.entities[subject]
            return self.say.pick(entity.name_zh, entity.name_en)
        if subject in self.d.events:
            event = self.d.events[subject]
            return self.say.pick(event.label_zh, event.label_en)
        return self.say.pick(self.d.model.zone.name_zh, self.d.model.zone.name_en)

    # ------------------------------------------------------------------ blocks
    def key_figures(self, fact_ids: Sequence[str]) -> KeyFigures:
        """Figure cards; each card's label ends with when its figure holds (2020年, 2022年1—10月, 2021年目标, 累计),
        so that a partial year or a target never reads as the year's result."""
        figures = []
        ordered, parts = self.of_which(fact_ids)
        for fact_id in ordered:
            fig = self.fig(fact_id)
            if fig.period not in fig.label:  # 科技人才平台载体累计, not …累计（累计）
                fig = replace(fig, label=self.tagged(fig.label, fig.period))
            if fact_id in parts:
                fig = replace(fig, label=self.part_label(fig.label))
            figures.append(fig)
        return KeyFigures(tuple(figures))

    def chart(self, spec: ChartSpec) -> tuple[Chart, list[str]]:
        d = self.d
        kind = CHART_KINDS[spec.chart]
        if kind.of == "comparisons":
            comparisons = [d.comparisons[c] for c in spec.comparisons or ()]
            categories = tuple(self.say.pick(c.label_zh, c.label_en) for c in comparisons)
            series = []
            actual_facts = [d.facts[c.actual] for c in comparisons]
            target_facts = [d.facts[c.target] for c in comparisons]
            names = self.pair_columns(actual_facts, target_facts)
            for name, facts in zip(names[:2], (actual_facts, target_facts)):
                series.append(Series(name, tuple(chart_value(f, self.lang) for f in facts),
                                     tuple(self.shown(f, names[2]) for f in facts)))
            if kind.over_time:
                # a line runs over time: one line per measure, from the results year to the plan year
                categories, series = (names[0], names[1]), [
                    Series(cat, (a, t), (la, lt))
                    for cat, a, t, la, lt in zip(categories, series[0].values, series[1].values, series[0].labels,
                                                 series[1].labels)
                ]
            first = d.facts[comparisons[0].actual]
            unit = chart_unit(first, self.lang)
            fact_ids = [f for c in comparisons for f in (c.actual, c.target)]
            measure = d.measures[first.measure] if first.measure else None
            default = self.comparison_title([c.id for c in comparisons]) + (
                f" · {self.say.pick(measure.label_zh, measure.label_en)}" if measure else "")
            title = self.title_of(spec, default)
        elif kind.over_periods:  # one measure over time: each point is named by its period, in time order
            facts = sorted((d.facts[f] for f in spec.facts or ()), key=lambda f: d.period_of(f).end)
            categories = tuple(d.period_of(f).text(self.lang) for f in facts)
            measure = d.measures[facts[0].measure] if facts[0].measure else None
            name = self.say.pick(measure.label_zh, measure.label_en) if measure else self.label(facts[0])
            series = [Series(name, tuple(chart_value(f, self.lang) for f in facts),
                             tuple(self.say.figure(f).text for f in facts))]
            unit = chart_unit(facts[0], self.lang)
            fact_ids = [f.id for f in facts]
            trend = self.w("trend").format(measure=name)
            title = self.title_of(spec, self.words.bracketed(trend, unit) if unit else trend)
        else:
            facts = [d.facts[f] for f in spec.facts or ()]
            categories = tuple(self.label(f) for f in facts)
            series = [Series(self.w("value"), tuple(chart_value(f, self.lang) for f in facts),
                             tuple(self.say.figure(f).text for f in facts))]
            unit = chart_unit(facts[0], self.lang)
            fact_ids = [f.id for f in facts]
            title = self.title_of(spec, self.chart_title(facts[0], unit))
            when = self.status(facts[0])  # a chart's figures share their period (checked): its title says it
            if when not in title:
                title = self.tagged(title, when)
        highlight = (fact_ids.index(spec.highlight)
                     if spec.highlight in fact_ids and kind.of == "facts" else None)
        if len(series) > 1 and kind.of == "comparisons" and not kind.over_time:
            pairs = [f"{cat}{self.sep}{series[0].name} {series[0].labels[i]} → {series[1].name} {series[1].labels[i]}"
                     for i, cat in enumerate(categories)]
        else:
            pairs = [f"{cat} {lab}" for s in series
                     for cat, lab in zip(categories if len(series) == 1 else [s.name] * len(categories), s.labels)]
        description = f"{title}{self.sep}" + self.list_sep.join(pairs)
        return Chart(spec.chart, title, categories, tuple(series), unit, description, highlight), fact_ids

    def chart_title(self, fact: Fact, unit: str) -> str:
        """The default title of a chart of one measure and status: 2020年 投资同比增长（%）."""
        declared = self.d.measures[fact.measure]  # type: ignore[index]
        title = self.words["chart_title"].format(when=self.status(fact),
                                                 measure=self.say.pick(declared.label_zh, declared.label_en))
        return self.words.bracketed(title, unit) if unit else title

    def comparison_title(self, ids: Sequence[str]) -> str:
        """What a comparison shows: 2020年实绩与2021年目标; 2023年1—10月实绩与2024年目标 when the results are of
        part of a year; 实绩与目标 when the rows differ in period."""
        comparisons = [self.d.comparisons[cid] for cid in ids]
        actual = [self.d.facts[c.actual] for c in comparisons]
        target = [self.d.facts[c.target] for c in comparisons]
        years = self.d.model.years
        if all(self.d.period_of(f) == Period(kind="year", year=years.results) for f in actual) and \
                all(self.d.period_of(f) == Period(kind="year", year=years.plan) for f in target):
            return self.w("comparison")
        names = self.pair_columns(actual, target)
        return self.w("both").format(actual=names[0], target=names[1])

    def in_formula(self, fact: Fact) -> str:
        """A figure in a formula with its period: 2021年上半年300套 in Chinese (no bracket to hold it to its figure,
        so that a narrow column breaks a long formula between its figures), 300 apartments (H1 2021) in English."""
        if self.lang != "zh":
            return self.shown(fact, True)
        fig = self.say.figure(fact)
        return f"{fig.period}{fig.text}"

    def shown(self, fact: Fact, with_period: bool) -> str:
        """The figure as text, with its period where the column does not say it."""
        fig = self.say.figure(fact)
        return self.tagged(fig.text, fig.period) if with_period else fig.text

    def comparison_table(self, ids: Sequence[str]) -> tuple[Table, list[str]]:
        rows, fact_ids, row_facts = [], [], []
        comparisons = [self.d.comparisons[cid] for cid in ids]
        actual, target, each = self.pair_columns([self.d.facts[c.actual] for c in comparisons],
                                                 [self.d.facts[c.target] for c in comparisons])
        for c in comparisons:
            rows.append((self.say.pick(c.label_zh, c.label_en), self.shown(self.d.facts[c.actual], each),
                         self.shown(self.d.facts[c.target], each)))
            fact_ids += [c.actual, c.target]
            row_facts.append((c.actual, c.target))
        return Table((self.w("indicator"), actual, target), tuple(rows), "comparison", (1, 2),
                     (2.2, 1, 1), row_facts=tuple(row_facts)), fact_ids

    def targets_title(self, spec: TargetsChoice) -> str:
        """2021年目标完成情况, Progress on the 2021 targets (the period the entry names, or the plan year)."""
        period = Period.parse(spec.period) if spec.period else Period(kind="year", year=self.d.model.years.plan)
        return self.w("targets_title").format(period=period.text(self.lang))

    def targets_table(self, targets: Sequence[Fact]) -> tuple[Table, tuple[str, ...], list[str]]:
        """Each target beside the result reported for it (paired by measure, subject and period, see
        generator/targets.py), with its declared completion; "no result reported yet" where there is none. Returns
        the table, a note per row (with each computed figure's formula) and the facts shown."""
        from .targets import completion_for, result_for

        whens = {self.status(t) for t in targets}
        one_when = len(whens) == 1
        rows, notes, fact_ids, row_facts = [], [], [], []
        for target in targets:
            result = result_for(self.d, target)
            done = completion_for(self.d, result, target) if result else None
            ids = [f.id for f in (target, result, done) if f is not None]
            target_text = self.say.figure(target).text if one_when else self.shown(target, True)
            result_text = self.shown(result, True) if result else self.w("no_result")
            done_text = self.say.figure(done).text if done else "—"
            rows.append((self.label(target), target_text, result_text, done_text))
            note = [f"{self.w('target')} {self.shown(target, True)}", f"{self.w('actual_plain')} {result_text}"]
            if done:
                note.append(self.formula_text(done))
            notes.append(self.label(target) + self.sep + self.list_sep.join(note))
            fact_ids += ids
            row_facts.append(tuple(ids))
        columns = (self.w("indicator"), next(iter(whens)) if one_when else self.w("target"),
                   self.w("actual_plain"), self.w("progress"))
        return Table(columns, tuple(rows), "targets", (1, 2, 3), (1.8, 1.2, 1.4, 1.3),
                     row_facts=tuple(row_facts)), tuple(notes), fact_ids

    def of_which(self, fact_ids: Sequence[str]) -> tuple[list[str], set[str]]:
        """The facts in order with each part of a whole moved under its total when the total is shown too, and the
        parts so placed: they read "其中" / "of which", never as figures beside their whole."""
        shown = set(fact_ids)
        parts = {f for f in fact_ids if self.d.total_of.get(f) in shown}
        ordered: list[str] = []
        for fact_id in fact_ids:
            if fact_id in parts:
                continue
            ordered.append(fact_id)
            ordered += [p for p in fact_ids if p in parts and self.d.total_of[p] == fact_id]
        return ordered, parts

    def part_label(self, label: str) -> str:
        """其中：国家级平台载体, of which: national-level platforms (a capital kept where the word is a name)."""
        if self.words.cased and label[:1].isupper() and not label[1:2].isupper() and label.split(" ")[0] not in \
                self._ctx.proper_words:
            label = label[0].lower() + label[1:]
        return self.w("of_which").replace("{part}", label)

    def fact_table(self, fact_ids: Sequence[str], role: str = "facts") -> Table:
        """Figures with their period; a part of a whole stands under its total, as "其中" / "of which"."""
        fact_ids, parts = self.of_which(fact_ids)
        rows = tuple((self.part_label(self.fig(f).label) if f in parts else self.fig(f).label, self.fig(f).text,
                      self.status(self.d.facts[f])) for f in fact_ids)
        return Table((self.w("indicator"), self.w("value"), self.w("period")), rows, role, (1,),  # type: ignore[arg-type]
                     (2.6, 1.3, 0.9), row_facts=tuple((f,) for f in fact_ids))

    def section_facts(self, section_id: str) -> list[str]:
        return [f.id for f in self.d.model.facts if f.section == section_id]

    def event_facts(self, event: Event) -> list[Fact]:
        subjects = (event.id,) + ((event.subject,) if event.subject else ())
        return self.d.facts_of(*subjects)

    def timeline(self, event_ids: Sequence[str] | None) -> tuple[Timeline, list[str]]:
        from .dataset import placeholders

        d = self.d
        events = [d.events[e] for e in event_ids] if event_ids else sorted(d.model.events, key=lambda e: e.date)
        items, fact_ids = [], []
        for e in events:
            named = set(placeholders(e.label_zh) + placeholders(e.label_en))
            facts = [f for f in self.event_facts(e) if f.id not in named]  # not again what its label says
            details = [f"{self.label(f)}{self.sep}{self.say.figure(f).text}" for f in facts]
            items.append(TimelineEvent(date_text(e.date, self.lang), self.say.pick(e.label_zh, e.label_en),
                                       self.list_sep.join(details)))
            fact_ids += [f.id for f in self.event_facts(e)]
        return Timeline(tuple(items)), fact_ids

    def is_the_result(self, fact: Fact) -> bool:
        """A result of the whole results year: the figure a reader takes a bare number for."""
        period = self.d.period_of(fact)
        return fact.status == "achieved" and period.kind == "year" and period.year == self.d.model.years.results

    def projects_table(self, section_id: str | None) -> tuple[Table, list[str]]:
        """One row per named project or institution and per group the article counts together. A row shows only
        the figures whose subject it is: a group's figures stand on the group's row, whose name says which
        members the article names; a member never carries them."""
        d = self.d
        rows, fact_ids, row_facts = [], [], []
        listed = [(e.id, e.kind, e.section) for e in d.model.entities if e.id not in d.group_of]
        listed += [(g.id, g.kind, g.section) for g in d.model.groups]
        order = {subject: index for index, subject in enumerate(
            [e.id for e in d.model.entities] + [g.id for g in d.model.groups])}
        # a group takes the place of its first named member, so that the table follows the article
        for group in d.model.groups:
            if group.members:
                order[group.id] = order[group.members[0]]
        sep = self.words.series_sep
        for subject, kind, section in sorted(listed, key=lambda item: order[item[0]]):
            if section_id and section != section_id:
                continue
            facts = d.facts_of(subject)
            related = sep.join(self.say.figure(f).text if self.is_the_result(f) else
                               self.tagged(self.say.figure(f).text, self.status(f), joined=True) for f in facts) or "—"
            declared = d.entity_kinds[kind]
            kind_word = self.say.pick(declared.label_zh, declared.label_en)
            if subject in d.groups:
                kinds = declared.plural_en or declared.label_en + "s"
                kind_word = self.say(self.words["group_of"].replace("{kind}", kind_word).replace("{kinds}", kinds))
            rows.append((self.subject_name(subject), kind_word, related))
            fact_ids += [f.id for f in facts]
            row_facts.append(tuple(f.id for f in facts))
        return Table((self.w("name"), self.w("kind"), self.w("related")), tuple(rows), "facts", (), (2.4, 0.8, 1.6),
                     row_facts=tuple(row_facts)), fact_ids

    def table_pages(self, title: str, table: Table, row_notes: Sequence[str] = ()) -> list[Page]:
        """A table on as many slides as it needs, each with the notes (`row_notes`, one per row, when given) and
        sources of its own rows."""
        pages = []
        size = self.m.max_table_rows_per_slide
        for i, rows in enumerate(_chunks(range(len(table.rows)), size)):
            part = replace(table, rows=tuple(table.rows[r] for r in rows),
                           row_facts=tuple(table.row_facts[r] for r in rows) if table.row_facts else ())
            notes = tuple(row_notes[r] for r in rows) if row_notes else tuple(
                self.sep.join((cells[0], cells[-1])) if table.role != "comparison" else
                f"{cells[0]}{self.sep}{table.columns[1]} {cells[1]}{self.list_sep}{table.columns[2]} {cells[2]}"
                for cells in part.rows)
            ids = [f for row in part.row_facts for f in row]
            pages.append(Page(self.continued(title, i), (part,), notes=notes, sources=self.sources(ids),
                              continued=bool(i)))
        return pages

    def point_facts(self, section_id: str) -> list[str]:
        """The facts a section's key points name, in order."""
        from .dataset import placeholders

        s = self.d.sections[section_id]
        ids = [name for point in s.points_zh + s.points_en for name in placeholders(point) if name in self.d.facts]
        return list(dict.fromkeys(ids))

    def own_words(self, spec: OwnWords) -> tuple[tuple[str, ...], list[str]]:
        """The lines of a text slide or part in this language (else the other), worded; and the facts they name."""
        from .dataset import placeholders

        lines = self.words.of((spec.text_zh or spec.text_en, spec.text_en or spec.text_zh))
        ids = [name for line in lines for name in placeholders(line) if name in self.d.facts]
        return tuple(self.say(line) for line in lines), list(dict.fromkeys(ids))

    def deck(self) -> tuple[Page, ...]:
        """The slides of every entry of the deck, by its kind's module, each marked with the entry's file:line."""
        self._state.dividers = 0
        pages: list[Page] = []
        for index, spec in enumerate(self.m.deck):
            origin = self._ctx.deck_lines[index] if index < len(self._ctx.deck_lines) else ""
            pages.extend(replace(page, origin=origin) for page in SLIDE_KINDS[spec.kind].compose(self, spec))
        return tuple(pages)

    def quote_attribution(self) -> str:
        """来源：日照日报《激活高质量发展新动能》, and each later report the dataset holds."""
        main = self.w("source") + self.sep + self._cite(self.d.model.source)
        return self.list_sep.join([main] + [self.citation(later.id) for later in self.d.model.sources])

    def title_block(self) -> Title:
        return Title(self.meta.title, self.meta.subtitle, self.organisation, self.meta.date, self.quote_attribution())

    def briefing(self) -> tuple[Page, ...]:
        """The page of every part of the briefing, by its kind's module."""
        return tuple(PART_KINDS[spec.kind].compose(self, spec) for spec in self.m.briefing)

    # ------------------------------------------------------------------ document
    def _make_meta(self) -> Meta:
        """The document's title, subtitle, date and what its files say of it."""
        m, zone = self.m, self.d.model.zone
        meeting = self.say.pick(m.meeting_zh, m.meeting_en)
        date = date_text(m.date, self.lang)
        return Meta(
            title=self.say.pick(m.title_zh, m.title_en),
            subtitle=self.say.pick(m.subtitle_zh, m.subtitle_en),
            organisation=self.organisation,
            date=date,
            date_iso=m.date.isoformat(),
            language=self.lang,  # type: ignore[arg-type]
            meeting=self._ctx.slug,
            subject=self.say.pick(zone.name_zh, zone.name_en),
            keywords=tuple(self.section_title(s.id) for s in self.d.model.sections),
            source_line=self.quote_attribution(),
            footer=" · ".join(part for part in (self.organisation, meeting, date) if part),
            continued=self.w("continued"),
        )

    def compose(self) -> Document:
        m = self.m
        return _final(Document(self.meta, self.deck(), self.briefing(), m.theme, m.slide_size, m.new_page_per_part,
                               m.briefing_pages, self._ctx.budget_line, m.docx_style))


def _final(value: _T) -> _T:
    """The document with its punctuation decided once (full-width , ; : ( ) between Chinese characters), so that
    renderers paint the text as it is."""
    # each branch returns a value of the type it was given: a str, a tuple, a dataclass of the same class
    if isinstance(value, str):
        return cast(_T, normalise_punctuation(value))
    if isinstance(value, tuple):
        return cast(_T, tuple(_final(item) for item in value))
    if is_dataclass(value) and not isinstance(value, type):
        return cast(_T, replace(value, **{name: _final(getattr(value, name)) for name in value.__dataclass_fields__
                                          if name not in _VERBATIM}))
    return value


#: fields that are identifiers or verbatim article text, never re-punctuated
_VERBATIM = {"fact_id", "row_facts", "origin", "max_pages_origin", "meeting", "date_iso", "language", "theme_name", "slide_size", "kind", "role",
              "editable_style"}


def compose(dataset: Dataset, layout: Layout, lang: str | None = None) -> Document:
    """Return the meeting's Document in lang (default: the layout's language). Pure: reads and writes nothing."""
    return Composer(dataset, layout, lang or layout.model.language).compose()


__all__ = ["ZONE", "Composer", "Context", "State", "compose"]
