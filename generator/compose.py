"""compose(dataset, layout, lang) -> Document: resolves ids, words every figure once, splits long lists."""
from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import replace

from . import layouts as L
from .dataset import Dataset, Fact
from .document import (
    Agenda, BulletList, Chart, Closing, Contents, Document, Figure, Highlight, KeyFigures, Meta, Page, Paragraph,
    SectionDivider, Series, Source, Table, Timeline, TimelineEvent, Title,
)
from .formatting import chart_unit, chart_value, date_text, figure
from .layouts import Layout
from .textfit import normalise_punctuation

#: fixed wording of both languages
WORDS = {
    "agenda": ("汇报提纲", "Agenda"),
    "contents": ("目录", "Contents"),
    "key_figures": ("主要指标", "Key figures"),
    "timeline": ("重点项目时间线", "Milestones"),
    "comparison": ("2020年实绩与2021年目标", "2020 results and 2021 targets"),
    "fact_table": ("数据一览", "Facts and figures"),
    "projects": ("重点项目与机构", "Key projects and institutions"),
    "highlight": ("亮点", "Highlight"),
    "closing": ("谢谢！", "Thank you"),
    "glance": ("要点速览", "At a glance"),
    "appendix": ("附录：数据与原文出处", "Appendix: every figure and its source"),
    "indicator": ("指标", "Indicator"),
    "value": ("数值", "Value"),
    "period": ("时期", "Period"),
    "actual": ("2020年实绩", "2020 actual"),
    "target": ("2021年目标", "2021 target"),
    "name": ("名称", "Name"),
    "kind": ("类别", "Type"),
    "related": ("相关数据", "Figures"),
    "quote": ("原文", "Source text (Chinese)"),
    "id": ("编号", "ID"),
    "continued": ("（续）", " (continued)"),
    "source": ("来源", "Source"),
    "section_facts": ("本部分数据", "Figures of this part"),
    "actual_2020": ("2020年", "2020"),
    "target_2021": ("2021年目标", "2021 target"),
    "goal_multi_year": ("中长期目标", "Multi-year goal"),
    "project": ("项目", "project"),
    "company": ("企业", "company"),
    "organisation": ("组织", "organisation"),
    "school": ("学校", "school"),
    "hospital": ("医院", "hospital"),
    "care": ("养老", "elderly care"),
    "industries": ("重点产业", "Key industries"),
    "industry": ("产业", "Industry"),
    "role": ("定位", "Role"),
    "markets": ("招商重点区域", "Where we look for partners"),
    "investment_focus": ("招商重点产业", "investment focus"),
    "emerging_2021": ("2021年着力发展的新兴产业", "emerging industry for 2021"),
    "cluster_100bn": ("千亿级产业集群目标", "target: RMB 100-billion cluster"),
    "cluster_30bn": ("三百亿级产业集群目标", "target: RMB 30-billion cluster"),
    "groundbreaking_2020": ("2020年集中开工项目涵盖", "among the 2020 groundbreakings"),
    "logistics_2021": ("现代化临港物流基地", "modern port logistics base"),
}


class _Words:
    def __init__(self, lang: str):
        self.lang = lang
        self.index = 0 if lang == "zh" else 1

    def __call__(self, key: str) -> str:
        return WORDS[key][self.index]

    def pick(self, zh: str | None, en: str | None) -> str | None:
        return zh if self.lang == "zh" else en


def _chunks(items: Sequence, size: int) -> list[Sequence]:
    """Split items into chunks of at most size, balanced so the last is not a lone straggler."""
    if len(items) <= size:
        return [items]
    count = -(-len(items) // size)
    per = -(-len(items) // count)
    return [items[i : i + per] for i in range(0, len(items), per)]


class _Composer:
    def __init__(self, dataset: Dataset, layout: Layout, lang: str):
        self.d = dataset
        self.m = layout.model
        self.slug = layout.slug
        self.lang = lang
        self.w = _Words(lang)
        zone = dataset.model.zone
        self.organisation = self.w.pick(self.m.organisation_zh or zone.organisation_zh,
                                        self.m.organisation_en or zone.organisation_en) or ""

    # ------------------------------------------------------------------ helpers
    def label(self, fact: Fact) -> str:
        return fact.label_zh if self.lang == "zh" else fact.label_en

    def fig(self, fact_id: str) -> Figure:
        return figure(self.d.facts[fact_id], self.lang)

    def sources(self, fact_ids: Iterable[str]) -> tuple[Source, ...]:
        seen, result = set(), []
        for fact_id in fact_ids:
            if fact_id in seen:
                continue
            seen.add(fact_id)
            result.append(Source(fact_id, normalise_punctuation(self.d.facts[fact_id].quote)))
        return tuple(result)

    def section_title(self, section_id: str) -> str:
        s = self.d.sections[section_id]
        return s.title_zh if self.lang == "zh" else s.title_en

    def headline(self, section_id: str) -> str:
        s = self.d.sections[section_id]
        return s.headline_zh if self.lang == "zh" else s.headline_en

    def points(self, section_id: str | None) -> tuple[str, ...]:
        if not section_id:
            return ()
        s = self.d.sections[section_id]
        return s.points_zh if self.lang == "zh" else s.points_en

    def figure_notes(self, fact_ids: Iterable[str]) -> tuple[str, ...]:
        sep = "：" if self.lang == "zh" else ": "
        return tuple(f"{self.fig(f).label}{sep}{self.fig(f).text}" for f in fact_ids)

    def period(self, fact: Fact) -> str:
        return self.w(fact.period)

    def title_of(self, spec, default: str) -> str:
        return self.w.pick(spec.title_zh, spec.title_en) or default

    def continued(self, title: str, index: int) -> str:
        return title + self.w("continued") if index else title

    # ------------------------------------------------------------------ blocks
    def chart(self, spec: L.ChartSpec) -> tuple[Chart, list[str]]:
        w, d = self.w, self.d
        if spec.chart in ("grouped", "line"):
            comparisons = [d.comparisons[c] for c in spec.comparisons or ()]
            categories = tuple(c.label_zh if self.lang == "zh" else c.label_en for c in comparisons)
            series = []
            for key, name in (("actual", w("actual")), ("target", w("target"))):
                facts = [d.facts[getattr(c, key)] for c in comparisons]
                series.append(Series(name, tuple(chart_value(f, self.lang) for f in facts),
                                     tuple(figure(f, self.lang).text for f in facts)))
            if spec.chart == "line":
                # a line runs over time: one line per measure, from 2020 to 2021
                categories, series = (w("actual"), w("target")), [
                    Series(cat, (a, t), (la, lt))
                    for cat, a, t, la, lt in zip(categories, series[0].values, series[1].values, series[0].labels,
                                                 series[1].labels)
                ]
            unit = chart_unit(d.facts[comparisons[0].actual], self.lang)
            fact_ids = [f for c in comparisons for f in (c.actual, c.target)]
            title = self.title_of(spec, w("comparison"))
        else:
            facts = [d.facts[f] for f in spec.facts or ()]
            categories = tuple(self.label(f) for f in facts)
            series = [Series(w("value"), tuple(chart_value(f, self.lang) for f in facts),
                             tuple(figure(f, self.lang).text for f in facts))]
            unit = chart_unit(facts[0], self.lang)
            fact_ids = [f.id for f in facts]
            title = self.title_of(spec, self.section_title(facts[0].section))
        highlight = fact_ids.index(spec.highlight) if spec.highlight in fact_ids and spec.chart not in ("grouped", "line") else None
        sep = "；" if self.lang == "zh" else "; "
        pairs = [f"{cat} {lab}" for s in series for cat, lab in zip(categories if len(series) == 1 else [s.name] * len(categories), s.labels)]
        if len(series) > 1 and spec.chart == "grouped":
            pairs = [f"{cat}: {series[0].labels[i]} → {series[1].labels[i]}" for i, cat in enumerate(categories)]
        description = f"{title}{'：' if self.lang == 'zh' else ': '}" + sep.join(pairs)
        return Chart(spec.chart, title, categories, tuple(series), unit, description, highlight), fact_ids

    def comparison_table(self, ids: Sequence[str]) -> tuple[Table, list[str]]:
        w, rows, fact_ids = self.w, [], []
        for cid in ids:
            c = self.d.comparisons[cid]
            rows.append((c.label_zh if self.lang == "zh" else c.label_en, self.fig(c.actual).text, self.fig(c.target).text))
            fact_ids += [c.actual, c.target]
        return Table((w("indicator"), w("actual"), w("target")), tuple(rows), "comparison", (1, 2), (2.2, 1, 1)), fact_ids

    def fact_rows(self, fact_ids: Sequence[str]) -> tuple[tuple[str, ...], ...]:
        return tuple((self.fig(f).label, self.fig(f).text, self.period(self.d.facts[f])) for f in fact_ids)

    def fact_table(self, fact_ids: Sequence[str], role: str = "facts") -> Table:
        w = self.w
        return Table((w("indicator"), w("value"), w("period")), self.fact_rows(fact_ids), role, (1,), (2.6, 1.3, 0.9))

    def section_facts(self, section_id: str) -> list[str]:
        return [f.id for f in self.d.model.facts if f.section == section_id]

    def timeline(self, event_ids: Sequence[str] | None) -> tuple[Timeline, list[str]]:
        events = [self.d.events[e] for e in event_ids] if event_ids else sorted(self.d.model.events, key=lambda e: e.date)
        items, fact_ids = [], []
        for e in events:
            details = [self.fig(f).label + ("：" if self.lang == "zh" else ": ") + self.fig(f).text for f in e.facts]
            items.append(TimelineEvent(date_text(e.date, self.lang), e.label_zh if self.lang == "zh" else e.label_en,
                                       ("；" if self.lang == "zh" else "; ").join(details)))
            fact_ids += list(e.facts)
        return Timeline(tuple(items)), fact_ids

    def projects_table(self, section_id: str | None) -> tuple[Table, list[str]]:
        w, rows, fact_ids = self.w, [], []
        for entity in self.d.model.entities:
            if section_id and entity.section != section_id:
                continue
            figures = "、" if self.lang == "zh" else "; "
            related = figures.join(self.fig(f).text for f in entity.facts[:2]) or "—"
            rows.append((entity.name_zh if self.lang == "zh" else entity.name_en, w(entity.kind), related))
            fact_ids += list(entity.facts[:2])
        return Table((w("name"), w("kind"), w("related")), tuple(rows), "facts", (), (2.2, 0.8, 1.6)), fact_ids

    def industries_table(self) -> Table:
        w = self.w
        sep = "、" if self.lang == "zh" else "; "
        rows = tuple((i.name_zh if self.lang == "zh" else i.name_en, sep.join(w(role) for role in i.roles))
                     for i in self.d.model.industries)
        return Table((w("industry"), w("role")), rows, "facts", (), (1.4, 2.2))

    # ------------------------------------------------------------------ deck
    def deck(self) -> tuple[Page, ...]:
        m, w = self.m, self.w
        pages: list[Page] = []
        divider_sections = [s.section for s in m.deck if isinstance(s, L.DividerSlide)]
        divider_number = 0
        for spec in m.deck:
            if isinstance(spec, L.TitleSlide):
                pages.append(Page(self.title_of(spec, self.meta.title), (self.title_block(),), kind="title",
                                  notes=(self.meta.subtitle,) + tuple(self.points_intro())))
            elif isinstance(spec, L.AgendaSlide):
                sections = spec.sections or divider_sections or [s.id for s in self.d.model.sections]
                items = [self.headline(s) for s in sections]
                title = self.title_of(spec, w("agenda"))
                start = 1
                for i, chunk in enumerate(_chunks(items, m.max_bullets_per_slide)):
                    pages.append(Page(self.continued(title, i), (Agenda(tuple(chunk), start),), notes=tuple(chunk),
                                      continued=bool(i)))
                    start += len(chunk)
            elif isinstance(spec, L.DividerSlide):
                divider_number += 1
                pages.append(Page(self.title_of(spec, self.section_title(spec.section)),
                                  (SectionDivider(divider_number, self.section_title(spec.section),
                                                  self.headline(spec.section)),),
                                  kind="divider", notes=self.points(spec.section)))
            elif isinstance(spec, L.KpiSlide):
                title = self.title_of(spec, self.section_title(spec.section) if spec.section else w("key_figures"))
                pages.append(Page(title, (KeyFigures(tuple(self.fig(f) for f in spec.facts)),),
                                  notes=self.points(spec.section) + self.figure_notes(spec.facts),
                                  sources=self.sources(spec.facts)))
            elif isinstance(spec, L.ChartSlide):
                chart, fact_ids = self.chart(spec)
                pages.append(Page(chart.title, (chart,), notes=self.points(spec.section) + self.figure_notes(fact_ids),
                                  sources=self.sources(fact_ids)))
            elif isinstance(spec, L.TimelineSlide):
                block, fact_ids = self.timeline(spec.events)
                pages.append(Page(self.title_of(spec, w("timeline")), (block,),
                                  notes=tuple(f"{e.date}{e.label}" for e in block.events), sources=self.sources(fact_ids)))
            elif isinstance(spec, L.KeyPointsSlide):
                points = self.points(spec.section)
                title = self.title_of(spec, self.headline(spec.section))
                ids = self.section_facts(spec.section)
                for i, chunk in enumerate(_chunks(points, m.max_bullets_per_slide)):
                    pages.append(Page(self.continued(title, i), (BulletList(tuple(chunk)),), notes=tuple(chunk),
                                      sources=self.sources(ids), continued=bool(i)))
            elif isinstance(spec, (L.ComparisonSlide, L.FactTableSlide, L.ProjectsSlide)):
                if isinstance(spec, L.ComparisonSlide):
                    table, fact_ids = self.comparison_table(spec.comparisons or list(self.d.comparisons))
                    title = self.title_of(spec, w("comparison"))
                elif isinstance(spec, L.FactTableSlide):
                    fact_ids = list(spec.facts or self.section_facts(spec.section))
                    table = self.fact_table(fact_ids)
                    title = self.title_of(spec, self.section_title(spec.section) + " · " + w("fact_table")
                                          if spec.section else w("fact_table"))
                else:
                    table, fact_ids = self.projects_table(spec.section)
                    title = self.title_of(spec, w("projects"))
                for i, rows in enumerate(_chunks(table.rows, m.max_table_rows_per_slide)):
                    part = Table(table.columns, tuple(rows), table.role, table.numeric_columns, table.widths)
                    shown = [r[0] for r in rows]
                    pages.append(Page(self.continued(title, i), (part,), notes=tuple("：".join(r[:2]) if self.lang == "zh" else ": ".join(r[:2]) for r in rows),
                                      sources=self.sources(f for f in fact_ids if self.fig(f).label in shown or isinstance(spec, L.ComparisonSlide)),
                                      continued=bool(i)))
            elif isinstance(spec, L.IndustriesSlide):
                table = self.industries_table()
                pages.append(Page(self.title_of(spec, w("industries")), (table,),
                                  notes=tuple(f"{r[0]}：{r[1]}" if self.lang == "zh" else f"{r[0]}: {r[1]}"
                                              for r in table.rows)))
            elif isinstance(spec, L.MarketsSlide):
                names = tuple(m.name_zh if self.lang == "zh" else m.name_en for m in self.d.model.markets)
                pages.append(Page(self.title_of(spec, w("markets")), (BulletList(names, "items"),), notes=names))
            elif isinstance(spec, L.HighlightSlide):
                fact = self.d.facts[spec.fact]
                fig = self.fig(spec.fact)
                pages.append(Page(self.title_of(spec, self.section_title(fact.section)),
                                  (Highlight(fig.label, fig, self.quote_attribution()),),
                                  notes=self.figure_notes([spec.fact]), sources=self.sources([spec.fact])))
            elif isinstance(spec, L.ClosingSlide):
                pages.append(Page(self.title_of(spec, w("closing")),
                                  (Closing(self.title_of(spec, w("closing")), self.meta.title, self.organisation),),
                                  kind="closing"))
        return tuple(pages)

    def quote_attribution(self) -> str:
        src = self.d.model.source
        return f"{self.w('source')}：{src.publication_zh}《{src.title_zh}》" if self.lang == "zh" else \
            f"{self.w('source')}: {src.publication_en}, “{src.title_en}”"

    def points_intro(self) -> list[str]:
        zone = self.d.model.zone
        return [zone.mission_zh if self.lang == "zh" else zone.mission_en]

    def title_block(self) -> Title:
        return Title(self.meta.title, self.meta.subtitle, self.organisation, self.meta.date, self.quote_attribution())

    # ------------------------------------------------------------------ briefing
    def briefing(self) -> tuple[Page, ...]:
        w = self.w
        pages: list[Page] = []
        for spec in self.m.briefing:
            if isinstance(spec, L.CoverPart):
                pages.append(Page(self.meta.title, (self.title_block(),), kind="title"))
            elif isinstance(spec, L.ContentsPart):
                pages.append(Page(self.title_of(spec, w("contents")), (Contents(self.title_of(spec, w("contents"))),),
                                  level=0))
            elif isinstance(spec, L.GlancePart):
                zone = self.d.model.zone
                lead = (zone.mission_zh if self.lang == "zh" else zone.mission_en)
                lead = (f"{zone.name_zh}致力打造{lead}。" if self.lang == "zh" else
                        f"The {zone.name_en} aims to be {lead}.")
                pages.append(Page(self.title_of(spec, w("glance")),
                                  (Paragraph(lead, "lead"), self.fact_table(spec.facts, "summary")),
                                  sources=self.sources(spec.facts), bookmark="glance"))
            elif isinstance(spec, L.SectionPart):
                pages.append(self.section_page(spec))
            elif isinstance(spec, L.AppendixPart):
                rows = []
                for number, fact in enumerate(self.d.model.facts, 1):
                    if spec.sections and fact.section not in spec.sections:
                        continue
                    rows.append((str(number), self.label(fact), figure(fact, self.lang).text,
                                 normalise_punctuation(fact.quote)))
                table = Table((w("id"), w("indicator"), w("value"), w("quote")), tuple(rows), "appendix", (0,),
                              (0.4, 1.9, 1.2, 2.6))
                pages.append(Page(self.title_of(spec, w("appendix")),
                                  (Paragraph(self.quote_attribution(), "source"), table), bookmark="appendix"))
        return tuple(pages)

    def section_page(self, spec: L.SectionPart) -> Page:
        blocks: list = [Paragraph(self.section_title(spec.section), "lead"), BulletList(self.points(spec.section))]
        fact_ids: list[str] = list(spec.figures)
        if spec.figures:
            blocks.append(KeyFigures(tuple(self.fig(f) for f in spec.figures)))
        for chart_spec in spec.charts:
            chart, ids = self.chart(chart_spec)
            blocks.append(chart)
            fact_ids += ids
        if spec.comparisons:
            table, ids = self.comparison_table(spec.comparisons)
            blocks.append(replace(table, caption=self.w("comparison")))
            fact_ids += ids
        if spec.timeline:
            block, ids = self.timeline(None)
            blocks.append(replace(block, caption=self.w("timeline")))
            fact_ids += ids
        if spec.projects:
            table, ids = self.projects_table(spec.section)
            if table.rows:
                blocks.append(replace(table, caption=self.w("projects")))
                fact_ids += ids
        if spec.fact_table:
            ids = self.section_facts(spec.section)
            blocks.append(replace(self.fact_table(ids), caption=self.w("section_facts")))
            fact_ids += ids
        return Page(self.title_of(spec, self.headline(spec.section)), tuple(blocks), sources=self.sources(fact_ids),
                    bookmark=spec.section)

    # ------------------------------------------------------------------ document
    def compose(self) -> Document:
        m, zone, src = self.m, self.d.model.zone, self.d.model.source
        w = self.w
        title = w.pick(m.title_zh, m.title_en) or ""
        meeting = w.pick(m.meeting_zh, m.meeting_en) or ""
        date = date_text(m.date, self.lang)
        self.meta = Meta(
            title=title,
            subtitle=w.pick(m.subtitle_zh, m.subtitle_en) or "",
            organisation=self.organisation,
            date=date,
            date_iso=m.date.isoformat(),
            language=self.lang,  # type: ignore[arg-type]
            meeting=self.slug,
            subject=w.pick(zone.name_zh, zone.name_en) or "",
            keywords=tuple(self.section_title(s.id) for s in self.d.model.sections),
            source_line=self.quote_attribution(),
            footer=" · ".join(part for part in (self.organisation, meeting, date) if part),
            continued=self.w("continued"),
        )
        del src
        return Document(self.meta, self.deck(), self.briefing(), m.theme, m.slide_size, m.new_page_per_part)


def compose(dataset: Dataset, layout: Layout, lang: str | None = None) -> Document:
    """Return the meeting's Document in lang (default: the layout's language). Pure: reads and writes nothing."""
    return _Composer(dataset, layout, lang or layout.model.language).compose()
