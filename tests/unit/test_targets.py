"""Targets beside results: paired by measure, subject and period (never by position), completion only where the
dataset declares it as a derived figure, every computed figure marked as computed; and what `check` refuses: a
derived figure of unlike figures, a result set against another period's target, a percentage of a floor, a part of
a year drawn among whole years. The later reports are TEST DATA (tests/fixtures/progress)."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from generator import document as d
from generator.compose import Composer
from generator.datafile import load_dataset
from generator.errors import GeneratorError
from generator.layouts import Layout, LayoutModel, load_layout
from generator.periods import Period
from generator.targets import completion_for, result_for
from generator.textfit import normalise_punctuation
from generator.wording import Wording

from ..conftest import ROOT
from ..progress_data import LAYOUT, write_progress_dataset


@pytest.fixture(scope="module")
def progress(tmp_path_factory):
    return load_dataset(write_progress_dataset(tmp_path_factory.mktemp("progress")))


def _layout(deck: list[dict], briefing: list[dict] | None = None) -> Layout:
    return Layout("t.yaml", "t", LayoutModel.model_validate({
        "description": "t", "title_zh": "t", "title_en": "t", "date": dt.date(2022, 1, 15), "deck": deck,
        "briefing": briefing or [{"kind": "cover"}]}))


def _targets_table(dataset, lang: str) -> d.Table:
    document = Composer(dataset, _layout([{"kind": "title"}], [{"kind": "targets"}]), lang).compose()
    return next(b for page in document.pages for b in page.blocks if isinstance(b, d.Table))


def test_a_period_lies_within_another_by_its_months_and_years():
    year, half, span = Period.parse("2021年"), Period.parse("2021年上半年"), Period.parse("十四五")
    assert half.within(year) and year.within(span) and Period.parse("截至2021年6月底").within(year)
    assert not year.within(half) and not Period.parse("2020年").within(year)
    assert not Period.parse("2020年上半年").within(year) and not Period.parse("截至目前").within(year)
    assert half.same_length(Period.parse("2020年上半年")) and not half.same_length(Period.parse("2020年"))


def test_results_are_paired_with_targets_by_measure_subject_and_period(progress):
    facts = progress.facts
    # the whole year's result before the first half's; the first half's where the year's is not reported
    assert result_for(progress, facts["foreign_investment_target"]).id == "foreign_investment_2021"
    assert result_for(progress, facts["talent_apartments_target"]).id == "talent_apartments_h1_2021"
    # last year's result is no result of this year's target, though it measures the same
    assert facts["innovation_teams"].measure == facts["innovation_teams_target"].measure
    assert result_for(progress, facts["innovation_teams_target"]).id == "innovation_teams_2021"
    for unreported in ("emerging_industries", "large_projects_target", "top_university_graduates_target"):
        assert result_for(progress, facts[unreported]) is None
    assert completion_for(progress, facts["graduates_2021"], facts["graduates_target"]).id == "graduates_completion"


def test_with_one_article_every_target_has_no_result(dataset):
    targets = [f for f in dataset.model.facts if f.status == "target"]
    assert len(targets) == 10
    assert all(result_for(dataset, t) is None for t in targets)
    table = _targets_table(dataset, "zh")
    say = Wording(dataset, "zh")
    assert [row[0] for row in table.rows] == [normalise_punctuation(say.label(t)) for t in targets]  # none dropped
    assert "“双一流”高校毕业生较2020年" in [row[0] for row in table.rows]  # a multiple says of what
    assert {row[2] for row in table.rows} == {"暂无实绩数据"} and {row[3] for row in table.rows} == {"—"}
    assert {row[2] for row in _targets_table(dataset, "en").rows} == {"no result reported yet"}


# computed by hand: 16/15 = 106.67 %, 82/90 = 91.11 %, 1120/1000 = 112 %, 300/546 = 54.95 %, 16/13 - 1 = 23.08 %,
# 2.3 >= 2 (a floor: reached)
@pytest.mark.parametrize("derived_id, value", [
    ("innovation_teams_completion", 106.7), ("innovative_talents_completion", 91.1), ("graduates_completion", 112),
    ("talent_apartments_progress", 54.9), ("innovation_teams_growth", 23.1), ("foreign_investment_target_gap", "达到"),
])
def test_derived_figures_are_computed_in_decimals(progress, derived_id, value):
    assert progress.facts[derived_id].value == value


def test_the_targets_table_shows_each_result_with_its_period_and_computed_completion(progress):
    rows = {row[0]: row[1:] for row in _targets_table(progress, "zh").rows}
    assert rows["实际使用外资"] == ("2亿美元以上", "2.3亿美元（2021年）", "达到（计算）")
    assert rows["建成高端人才公寓"] == ("546套", "300套（2021年上半年）", "54.9%（计算）")
    assert rows["新引进高层次创新创业团队"] == ("15个", "16个（2021年）", "106.7%（计算）")
    assert rows["着力发展的新兴产业"] == ("4个", "暂无实绩数据", "—")
    rows_en = {row[0]: row[1:] for row in _targets_table(progress, "en").rows}
    nbsp = "\u00a0"
    assert rows_en["Apartments for high-end talent to complete"] == (
        f"546{nbsp}apartments", f"300{nbsp}apartments (H1{nbsp}2021)", f"54.9%{nbsp}(computed)")


def test_every_computed_figure_is_marked_wherever_it_is_shown(progress):
    layout = load_layout(LAYOUT, progress)
    for lang, mark in (("zh", "（计算）"), ("en", "(computed)")):
        document = Composer(progress, layout, lang).compose()
        computed = {fact_id for fact_id in progress.derived}
        cards = [f for page in document.slides for b in page.blocks if isinstance(b, d.KeyFigures) for f in b.figures]
        assert {f.fact_id for f in cards} == {"innovation_teams_growth", "talent_apartments_progress"}
        assert all(f.text.replace("\u00a0", " ").endswith(mark) for f in cards)
        sources = [s for page in document.slides for s in page.sources if s.fact_id in computed]
        assert sources and all(s.label.replace("\u00a0", " ").endswith(mark) for s in sources)
        assert all(s.quote.startswith(("计算：", "Computed: ")) for s in sources)
        appendix = document.pages[-1].blocks[-1]
        formulas = [row[3] for row in appendix.rows if row[1] in {progress.facts[i].label_zh if lang == "zh" else
                                                                  progress.facts[i].label_en for i in computed}]
        assert len(formulas) == 6


def test_the_notes_give_the_formula_with_both_figures_and_periods(progress):
    document = Composer(progress, load_layout(LAYOUT, progress), "zh").compose()
    notes = [n for page in document.slides for n in page.notes]
    assert "建成高端人才公寓：目标 546套（2021年目标）；实绩 300套（2021年上半年）；计算：2021年上半年300套 ÷ 2021年目标546套" \
           " × 100% = 54.9%" in notes
    assert "着力发展的新兴产业：目标 4个（2021年目标）；实绩 暂无实绩数据" in notes


def test_a_trend_names_each_point_by_its_period_in_time_order(progress):
    document = Composer(progress, _layout([{"kind": "chart", "chart": "trend",
                                            "facts": ["innovation_teams_2021", "innovation_teams"]}]), "zh").compose()
    chart = document.slides[0].blocks[0]
    assert chart.categories == ("2020年", "2021年") and chart.series[0].labels == ("13个", "16个")


def _append(path: Path, text: str) -> int:
    """Add lines at the end of the dataset (its last key is `derived:`); return the first added line's number."""
    before = path.read_text(encoding="utf-8")
    path.write_text(before + text, encoding="utf-8")
    return before.count("\n") + 1


@pytest.mark.parametrize("entry, message", [
    ("{id: x, label_zh: x, label_en: x, formula: ratio, of: [innovation_teams_2021, graduates_target], "
     "section: plan}", "derived 'x' pairs figures of different measures or units"),
    ("{id: x, label_zh: x, label_en: x, formula: ratio, of: [innovation_teams, innovation_teams_target], "
     "section: plan}", "derived 'x' sets a result of “2020年” against a target of “2021年”"),
    ("{id: x, label_zh: x, label_en: x, formula: ratio, of: [foreign_investment_2021, foreign_investment_target], "
     "section: plan}", "the target 'foreign_investment_target' is a floor (at_least)"),
    ("{id: x, label_zh: x, label_en: x, formula: growth, of: [innovation_teams_h1_2021, innovation_teams], "
     "section: plan}", "a growth compares a period with one of the same length before it"),
    ("{id: x, label_zh: x, label_en: x, formula: sum, of: [graduates, graduates_2021], section: plan}",
     "is approximate (more_than)"),
    ("{id: x, label_zh: x, label_en: x, formula: ratio, of: [innovation_teams_2021, no_such_fact], section: plan}",
     "unknown fact 'no_such_fact'"),
])
def test_a_derived_figure_of_unlike_figures_is_refused_with_its_line(tmp_path, entry, message):
    path = write_progress_dataset(tmp_path)
    line = _append(path, f"- {entry}\n")
    with pytest.raises(GeneratorError) as info:
        load_dataset(path)
    found = [str(issue) for issue in info.value.issues]
    assert any(f"facts.yaml:{line}:" in text and message in text for text in found), found


def _refused(dataset, tmp_path: Path, deck: str) -> list:
    """The problems of a layout with this deck (YAML lines after `deck:`, from line 6)."""
    path = tmp_path / "layout.yaml"
    path.write_text("description: t\ntitle_zh: t\ntitle_en: t\ndate: 2022-01-15\ndeck:\n" + deck +
                    "briefing:\n  - kind: cover\n", encoding="utf-8")
    with pytest.raises(GeneratorError) as info:
        load_layout(path, dataset)
    return info.value.issues


def test_a_part_of_a_year_among_whole_years_is_refused_with_its_line(progress, tmp_path):
    issues = _refused(progress, tmp_path, "  - kind: title\n  - kind: chart\n    chart: trend\n"
                                          "    facts: [innovation_teams, innovation_teams_h1_2021]\n")
    assert [(issue.ref.line, issue.message) for issue in issues] == [
        (9, "the trend draws “2021年上半年” (innovation_teams_h1_2021) beside “2020年” (innovation_teams): a part of a "
            "year among whole years would read as a whole year")]


def test_a_targets_entry_naming_a_result_is_refused(progress, tmp_path):
    issues = _refused(progress, tmp_path, "  - kind: targets\n"
                                          "    facts: [foreign_investment_target, foreign_investment_2021]\n")
    assert [(issue.ref.line, issue.message) for issue in issues] == [
        (7, "'foreign_investment_2021' is not a target (its status is achieved)")]


def test_the_shipped_progress_layout_lists_the_plan_years_targets(dataset):
    layout = load_layout(ROOT / "layouts" / "progress.yaml", dataset)
    document = Composer(dataset, layout, "zh").compose()
    titles = [page.title for page in document.slides]
    assert "2021年目标完成情况" in titles


def test_a_gap_to_a_floor_says_how_far_the_result_is_short(tmp_path):
    path = write_progress_dataset(tmp_path)
    text = path.read_text(encoding="utf-8")
    # the same report, had it given 1.42亿美元 for the whole year: 2 − 1.42 = 0.58 (decimal, not 0.5800000000000001)
    path.write_text(text.replace("实际使用外资2.3亿美元", "实际使用外资1.42亿美元").replace("value: 2.3\n", "value: 1.42\n"),
                    encoding="utf-8")
    (tmp_path / "yearend-2021.txt").write_text(
        (tmp_path / "yearend-2021.txt").read_text(encoding="utf-8").replace("2.3亿美元", "1.42亿美元"), encoding="utf-8")
    dataset = load_dataset(path)
    gap = dataset.facts["foreign_investment_target_gap"]
    assert gap.value == 0.58
    rows = {row[0]: row[3] for row in _targets_table(dataset, "zh").rows}
    assert rows["实际使用外资"] == "尚差0.58亿美元（计算）"
    rows_en = {row[0]: row[3].replace("\u00a0", " ") for row in _targets_table(dataset, "en").rows}
    assert rows_en["Foreign investment actually used"] == "short by USD 58 million (computed)"


def test_a_computed_percentage_is_not_charted(progress, tmp_path):
    issues = _refused(progress, tmp_path, "  - kind: chart\n    chart: column\n"
                                          "    facts: [innovation_teams_completion, graduates_completion]\n")
    assert [issue.message for issue in issues] == [
        f"'{fact}' is a computed percentage, not a figure of one measure, and cannot be charted"
        for fact in ("innovation_teams_completion", "graduates_completion")]
