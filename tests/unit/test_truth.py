"""Every figure means what the article says: charts compare like with like, groups keep their figures, sentences
name figures through facts, and years come from the dataset, so that next year's dataset needs no code."""
from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from generator import document as d
from generator.compose import compose
from generator.datafile import load_dataset
from generator.dataset import Dataset, Whole, placeholders
from generator.errors import GeneratorError
from generator.layouts import Layout, LayoutModel, load_layout

from ..conftest import DATA, LAYOUTS
from ..fixtures.next_year import FOLDER as NEXT_YEAR, shift_years

LAYOUT_PATHS = sorted(LAYOUTS.glob("*.yaml"))
YEAR = re.compile(r"(?<!\d)(?:19|20)\d{2}(?!\d)")


def _layout_errors(dataset, deck: list[dict]) -> str:
    """The validation errors of a layout with these slides, or "" when it is valid."""
    import yaml

    from generator.loading import load_file
    from generator.layouts import validate_layout

    path = Path(__file__).parent / "_chart_layout.yaml"
    data = {"description": "t", "title_zh": "标题", "title_en": "Title", "date": "2021-01-20", "deck": deck,
            "briefing": [{"kind": "cover"}]}
    try:
        path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
        loaded = load_file(path, "layout")
        model = LayoutModel.model_validate(loaded.data)
        try:
            validate_layout(model, loaded, dataset)
        except GeneratorError as error:
            return str(error)
        return ""
    finally:
        path.unlink(missing_ok=True)


def _chart(kind: str, facts: list[str]) -> list[dict]:
    return [{"kind": "chart", "chart": kind, "facts": facts}]


def test_a_doughnut_of_figures_that_are_not_parts_of_one_whole_is_refused(dataset):
    message = _layout_errors(dataset, _chart("doughnut", [
        "pipeline_investment", "projects_under_construction_investment", "signed_projects_investment"]))
    assert "a doughnut shows the parts of one whole" in message and "_chart_layout.yaml:" in message


def test_a_doughnut_of_an_incomplete_whole_is_refused(dataset):
    message = _layout_errors(dataset, _chart("doughnut", ["talent_platforms_national", "talent_platforms_provincial"]))
    assert "not the parts of one complete whole" in message


def test_a_doughnut_of_the_parts_of_a_complete_whole_is_accepted(dataset):
    whole = Whole(id="platforms", label_zh="平台", label_en="Platforms", parts=(
        "talent_platforms_national", "talent_platforms_provincial"), complete=True)
    complete = Dataset(dataset.path, dataset.model.model_copy(update={"wholes": (whole,)}), dataset.article)
    assert _layout_errors(complete, _chart("doughnut", ["talent_platforms_national", "talent_platforms_provincial"])) == ""


def test_a_chart_of_different_measures_is_refused(dataset):
    message = _layout_errors(dataset, _chart("bar", [
        "high_tech_investment_growth", "leading_industries_investment_growth", "tech_smes_growth"]))
    assert "measure different things: investment_growth" in message and "enterprise_count_growth (tech_smes_growth)" \
        in message


def test_a_chart_of_the_zones_total_beside_single_events_is_refused(dataset):
    message = _layout_errors(dataset, _chart("column", [
        "planned_investment", "groundbreaking_oct27_investment", "dobot_base_investment"]))
    assert "puts the zone's totals (planned_investment) beside figures of single events" in message


def test_a_chart_mixing_a_stock_with_a_result_is_refused(dataset):
    message = _layout_errors(dataset, _chart("column", ["planned_investment", "pipeline_investment"]))
    assert "different status (achieved: planned_investment; pipeline: pipeline_investment)" in message


def test_a_grouped_chart_of_different_measures_is_refused(dataset):
    message = _layout_errors(dataset, [{"kind": "chart", "chart": "grouped", "comparisons": ["teams", "talents"]}])
    assert "the comparisons measure different things" in message


def _documents(dataset):
    for path in LAYOUT_PATHS:
        layout = load_layout(path, dataset)
        for lang in ("zh", "en"):
            yield path.stem, lang, compose(dataset, layout, lang)


def test_every_shipped_chart_compares_one_measure_of_one_status(dataset):
    charts = 0
    for name, lang, document in _documents(dataset):
        for page in document.slides + document.pages:
            for block in page.blocks:
                if isinstance(block, d.Chart):
                    charts += 1
                    assert block.kind != "doughnut", (name, block.title)
    facts = dataset.facts
    for path in LAYOUT_PATHS:
        model = load_layout(path, dataset).model
        specs = [s for s in model.deck if getattr(s, "chart", None)] + [c for p in model.briefing
                                                                          for c in getattr(p, "charts", ())]
        for spec in specs:
            ids = spec.facts or [f for c in spec.comparisons for f in (dataset.comparisons[c].actual,
                                                                         dataset.comparisons[c].target)]
            if spec.facts:
                assert len({(facts[f].measure, facts[f].status, facts[f].unit) for f in ids}) == 1, (path, ids)
    assert charts >= 8


def test_a_groups_figures_stand_only_on_the_groups_row(dataset):
    members = {m for g in dataset.model.groups for m in g.members}
    member_names = {dataset.entities[m].name_zh for m in members} | {dataset.entities[m].name_en for m in members}
    rows = 0
    for name, lang, document in _documents(dataset):
        for page in document.slides + document.pages:
            for block in page.blocks:
                if isinstance(block, d.Table) and block.row_facts and block.columns[-1] in ("相关数据", "Figures"):
                    for row, ids in zip(block.rows, block.row_facts):
                        rows += 1
                        assert row[0] not in member_names or not ids, (name, lang, row)
                        assert len({dataset.facts[f].subject for f in ids}) <= 1, (name, lang, row)
    assert rows > 10
    xiantang = [f.id for f in dataset.facts_of("xiantang_school")]
    assert xiantang == [] and {f.id for f in dataset.facts_of("xiantang_schools")} == {"schools_built", "school_investment"}


def test_the_projects_table_names_the_group_with_its_members(dataset):
    document = compose(dataset, load_layout(LAYOUTS / "lianghui.yaml", dataset), "zh")
    names = [row[0] for page in document.pages for block in page.blocks if isinstance(block, d.Table)
             and block.caption == "重点项目与机构" for row in block.rows]
    assert "包括聚力焊接、盈和生物、艾锐光电等在内的12个重点项目" in names
    assert "献唐学校等6所中小学、幼儿园" in names and "献唐学校" not in names
    assert "日照港国际物流园等4个物流项目" in names and "日照港国际物流园" not in names


def test_fact_table_periods_say_cumulative_and_in_progress(dataset):
    layout = Layout("t.yaml", "t", LayoutModel.model_validate({
        "description": "t", "title_zh": "t", "title_en": "t", "date": dt.date(2021, 1, 20),
        "deck": [{"kind": "fact_table", "facts": ["talent_platforms_total", "film_screenings", "pipeline_projects",
                                                  "foreign_investment_target", "projects_attracted"]}],
        "briefing": [{"kind": "cover"}]}))
    rows = [r for p in compose(dataset, layout, "zh").slides for r in p.blocks[0].rows]
    assert [r[2] for r in rows] == ["累计", "累计", "推进中", "2021年目标", "2020年"]


def test_speaker_notes_name_no_fact_ids_and_separate_dates(dataset):
    named = sorted((i for i in dataset.facts if "_" in i), key=len, reverse=True)  # "graduates" is also a word
    ids = re.compile(r"\[|\b(" + "|".join(named) + r")\b")
    for name, lang, document in _documents(dataset):
        for page in document.slides:
            text = "\n".join(page.notes) + "\n".join(s.label for s in page.sources)
            assert not ids.search(text), (name, lang, page.title, ids.search(text))
            if any(isinstance(b, d.Timeline) for b in page.blocks):
                for note in page.notes:
                    assert re.match(r"^(\d{4}年\d+月\d+日：|\d+ \w+ \d{4}: )", note), note
            if any(isinstance(b, d.Table) and b.role == "comparison" for b in page.blocks):
                for note in page.notes:
                    assert re.search(r"2020.*2021", note), note


def test_the_default_meeting_covers_the_plans_central_claims(dataset):
    document = compose(dataset, load_layout(LAYOUTS / "lianghui.yaml", dataset), "zh")
    deck = "\n".join(s for page in document.slides for s in [page.title, *d._strings(page.blocks)])
    for words in ("高端装备制造", "生物医药及生命大健康", "新一代信息技术", "文体旅游", "满产", "正济药业", "英锐半导体",
                  "三百亿级", "千亿级", "翻一番"):
        assert words in deck, words


def test_english_key_points_say_no_more_than_the_article(dataset):
    text = "\n".join(p for s in dataset.model.sections for p in s.points_en)
    assert "of them" not in text  # the article does not say the 67 signed projects are among the 107


def _typed_variants(text: str):
    """The dataset's text with one placeholder of a sentence replaced by the figure as typed, for each sentence."""
    lines = text.splitlines(keepends=True)
    for number, line in enumerate(lines, 1):
        if line.lstrip().startswith(("quote:", "#", "value_en:")):  # the article's words, and their translation
            continue
        for name in set(placeholders(line)):
            yield number, name, "".join(lines[: number - 1] + [line.replace("{" + name + "}", "{TYPED}", 1)]
                                        + lines[number:])


def test_a_number_typed_into_any_sentence_fails_the_check_with_its_line(tmp_path, dataset):
    from generator.wording import Wording

    source = DATA.read_text(encoding="utf-8")
    (tmp_path / "article.txt").write_text(dataset.article, encoding="utf-8")
    zh = Wording(dataset, "zh")
    tried = 0
    for line, name, variant in _typed_variants(source):
        typed = str(dataset.years[name]) if name in dataset.years else zh.figure(dataset.facts[name]).text
        if not re.search(r"\d", typed):
            continue  # a figure in words (翻一番) has no number to type
        path = tmp_path / "facts.yaml"
        path.write_text(variant.replace("{TYPED}", typed), encoding="utf-8")
        with pytest.raises(GeneratorError) as info:
            load_dataset(path)
        assert f"facts.yaml:{line}:" in str(info.value) and "is typed into the text" in str(info.value), (line, name)
        tried += 1
    assert tried > 100


def test_next_years_fixture_is_the_shipped_dataset_moved_on_by_a_year():
    for name in ("facts.yaml", "article.txt"):
        shipped = (DATA.parent / name).read_text(encoding="utf-8")
        assert (NEXT_YEAR / name).read_text(encoding="utf-8") == shift_years(shipped), \
            f"run: python -m tests.fixtures.next_year ({name} changed)"


def test_every_layout_builds_from_next_years_dataset_and_shows_only_its_years():
    later = load_dataset(NEXT_YEAR / "facts.yaml")
    assert later.years == {"results_year": 2021, "plan_year": 2022}
    known = {str(y) for y in later.years.values()} | {str(e.date.year) for e in later.model.events}
    shown: set[str] = set()
    for name, lang, document in _documents(later):
        years = set(YEAR.findall(document.text()))
        assert years <= known, (name, lang, years - known)
        shown |= years
    assert shown == {"2021", "2022"}


def _with_period(dataset, fact_id: str, period: str) -> Dataset:
    from generator.periods import Period

    facts = tuple(f.model_copy(update={"period": Period.parse(period)}) if f.id == fact_id else f
                  for f in dataset.model.facts)
    return Dataset(dataset.path, dataset.model.model_copy(update={"facts": facts}), dataset.article)


def test_a_chart_of_figures_of_different_periods_is_refused(dataset):
    partial = _with_period(dataset, "high_tech_investment_growth", "2020年1—10月")
    message = _layout_errors(partial, _chart("bar", [
        "high_tech_investment_growth", "technical_upgrade_investment_growth"]))
    assert "different periods (2020年1—10月: high_tech_investment_growth; 2020年: technical_upgrade" in message


def test_every_figure_card_and_table_row_shows_its_period(dataset):
    partial = _with_period(dataset, "school_places_added", "2020年1—10月")
    layout = Layout("t.yaml", "t", LayoutModel.model_validate({
        "description": "t", "title_zh": "t", "title_en": "t", "date": dt.date(2021, 1, 20),
        "deck": [{"kind": "kpis", "facts": ["school_places_added", "projects_attracted", "talent_platforms_total",
                                            "foreign_investment_target"]},
                 {"kind": "fact_table", "facts": ["school_places_added"]}],
        "briefing": [{"kind": "cover"}]}))
    zh, en = compose(partial, layout, "zh"), compose(partial, layout, "en")
    assert [f.label for f in zh.slides[0].blocks[0].figures] == [
        "新增学位（2020年1—10月）", "招引项目（2020年）", "科技人才平台载体累计", "实际使用外资（2021年目标）"]
    assert [f.label.replace("\u00a0", " ") for f in en.slides[0].blocks[0].figures][:2] == [
        "School places added (Jan–Oct 2020)", "Projects attracted (2020)"]
    assert zh.slides[1].blocks[0].rows[0][2] == "2020年1—10月"
    assert "新增学位（2020年1—10月）：6510个" in zh.slides[0].notes


_STRINGS = "\n".join([
    "description: a layout whose every shown string is mutated in turn (test data)",
    "title_zh: 测试会议", "title_en: Test meeting", "subtitle_zh: 副标题", "subtitle_en: Subtitle",
    "meeting_zh: 会议", "meeting_en: Meeting", "organisation_zh: 管委会", "organisation_en: Committee",
    "date: 2021-01-20", "deck:", "  - kind: title",
    "  - kind: kpis", "    title_zh: 指标", "    title_en: Figures", "    facts: [projects_attracted, graduates]",
    "  - kind: chart", "    chart: bar", "    title_zh: 增长", "    title_en: Growth",
    "    facts: [high_tech_investment_growth, technical_upgrade_investment_growth]",
    "  - kind: text", "    title_zh: 议程", "    title_en: Programme", "    text_zh: [开幕]", "    text_en: [Opening]",
    "  - kind: closing", "    subtitle_zh: 结束语", "    subtitle_en: Closing line", "    contact_zh: 联系人",
    "    contact_en: Contact", "briefing:", "  - kind: cover",
    "  - kind: text", "    title_zh: 说明", "    title_en: Notes", "    text_zh: [正文]", "    text_en: [Body]", ""])


@pytest.mark.parametrize("old, new", [
    ("title_zh: 测试会议", "title_zh: 新增学位6510个"), ("title_en: Test meeting", "title_en: 6,510 new places"),
    ("subtitle_zh: 副标题", "subtitle_zh: 副标题127个"), ("subtitle_en: Subtitle", "subtitle_en: 127 branches"),
    ("meeting_zh: 会议", "meeting_zh: 第3次会议"), ("organisation_en: Committee", "organisation_en: Committee of 12"),
    ("title_zh: 指标", "title_zh: 107个项目"), ("title_en: Growth", "title_en: Growth of 30%"),
    ("text_zh: [开幕]", "text_zh: [全区设立127个网格党支部]"), ("text_en: [Opening]", "text_en: [127 grid branches]"),
    ("subtitle_zh: 结束语", "subtitle_zh: 再创259亿元佳绩"), ("contact_en: Contact", "contact_en: 15 staff"),
    ("text_zh: [正文]", "text_zh: [新增学位6510个]"), ("title_en: Notes", "title_en: 5 notes"),
])
def test_a_number_typed_into_any_layout_string_is_an_error_with_its_line(tmp_path, dataset, old, new):
    path = tmp_path / "strings.yaml"
    path.write_text(_STRINGS, encoding="utf-8")
    load_layout(path, dataset)  # as written, every string is valid
    text = _STRINGS.replace(old, new, 1)
    assert text != _STRINGS
    path.write_text(text, encoding="utf-8")
    line = _STRINGS[: _STRINGS.index(old)].count("\n") + 1
    with pytest.raises(GeneratorError) as info:
        load_layout(path, dataset)
    assert f"strings.yaml:{line}:" in str(info.value) and "is typed into the text" in str(info.value)


@pytest.mark.parametrize("old, new", [
    ("contact_zh: 联系人", "contact_zh: 联系电话 0633-8776655"),
    ("text_zh: [开幕]", "text_zh: ['9:30 开幕，1月20日', 咨询电话：0633-8776655]"),
    ("subtitle_en: Subtitle", "subtitle_en: The 14th Five-Year Plan"),
    ("title_zh: 指标", "title_zh: '{results_year}年指标'"),
])
def test_times_days_phone_numbers_and_declared_names_are_not_figures(tmp_path, dataset, old, new):
    path = tmp_path / "strings.yaml"
    path.write_text(_STRINGS.replace(old, new, 1), encoding="utf-8")
    load_layout(path, dataset)


@pytest.mark.parametrize("entry, empty, message", [
    ({"kind": "comparison"}, {"comparisons": ()}, "a comparison slide has nothing to show"),
    ({"kind": "markets"}, {"markets": ()}, "a markets slide has nothing to show"),
    ({"kind": "projects"}, {"entities": (), "groups": ()}, "a projects slide has nothing to show"),
    ({"kind": "industries"}, {"industries": ()}, "an industries slide has nothing to show"),
    ({"kind": "timeline"}, {"events": ()}, "a timeline slide needs events"),
])
def test_a_slide_with_nothing_to_show_is_an_error_naming_the_entry(dataset, entry, empty, message):
    assert _layout_errors(dataset, [entry]) == ""
    emptied = Dataset(dataset.path, dataset.model.model_copy(update=empty), dataset.article)
    errors = _layout_errors(emptied, [entry])
    assert message in errors and "_chart_layout.yaml:" in errors


def test_a_part_shown_with_its_total_reads_of_which_and_stands_under_it(dataset):
    layout = Layout("t.yaml", "t", LayoutModel.model_validate({
        "description": "t", "title_zh": "t", "title_en": "t", "date": dt.date(2021, 1, 20),
        "deck": [{"kind": "fact_table", "facts": ["talent_platforms_national", "projects_attracted",
                                                  "talent_platforms_total"]},
                 {"kind": "kpis", "facts": ["talent_platforms_provincial", "talent_platforms_total"]}],
        "briefing": [{"kind": "cover"}]}))
    zh, en = compose(dataset, layout, "zh"), compose(dataset, layout, "en")
    assert [r[0] for r in zh.slides[0].blocks[0].rows] == ["招引项目", "科技人才平台载体累计", "其中：国家级平台载体"]
    assert en.slides[0].blocks[0].rows[2][0] == "of which: national-level platforms"
    assert [f.label for f in zh.slides[1].blocks[0].figures] == ["科技人才平台载体累计", "其中：省级平台载体（累计）"]


def test_a_chart_of_a_total_beside_its_part_is_refused(dataset):
    message = _layout_errors(dataset, _chart("column", ["talent_platforms_total", "talent_platforms_national"]))
    assert "puts a total beside its own part (talent_platforms_total ⊃ talent_platforms_national)" in message


def test_a_section_part_asking_for_a_timeline_or_projects_it_cannot_show_is_an_error(dataset):
    from generator.partkinds.section import SectionPart, check

    entry = SectionPart(kind="section", section="party_building", timeline=True, projects=True)
    assert check(entry, dataset) == []
    emptied = Dataset(dataset.path, dataset.model.model_copy(update={"events": (), "entities": (), "groups": ()}),
                      dataset.article)
    problems = check(entry, emptied)
    assert [tail for tail, _message, _hint in problems] == [("timeline",), ("projects",)]
    assert problems[0][1] == "the section asks for a timeline, and the dataset has no events"
    assert "names none in section 'party_building'" in problems[1][1]
