"""The dataset holds every figure of the article, each with a verbatim quote, and its checks catch mistakes."""
from __future__ import annotations

import re

import pytest

from generator.datafile import load_dataset
from generator.dataset import body_numerals, covered_numerals
from generator.errors import GeneratorError

from ..conftest import ARTICLE, replace_once


def _article_body() -> str:
    text = ARTICLE.read_text(encoding="utf-8")
    # The body runs from the byline to the comment box of the web page.
    start = text.index("王俊懿") + len("王俊懿")
    return text[start : text.index("本文评论")]


def test_every_arabic_numeral_of_the_body_is_a_fact_value(dataset):
    body = _article_body()
    expected = [
        m.group()
        for m in re.finditer(r"\d+(?:\.\d+)?", body)
        if body[m.end() : m.end() + 1] not in ("月", "日")
        and not (m.group() in ("2020", "2021") and body[m.end() : m.end() + 1] == "年")
    ]
    assert len(expected) == 89
    found = body_numerals(dataset)
    assert [text for _, text in found] == expected
    covered = covered_numerals(dataset)
    missing = [text for offset, text in found if offset not in covered]
    assert missing == []


def test_every_fact_value_is_in_its_quote_and_the_quote_in_the_article(dataset):
    article = ARTICLE.read_text(encoding="utf-8")
    for fact in dataset.model.facts:
        assert fact.quote in article, fact.id
        assert fact.value_text in fact.quote, fact.id


@pytest.mark.parametrize(
    "words",
    ["千亿级", "三百亿级", "翻一番", "2倍以上", "三十周年", "3到5年"],
)
def test_facts_written_in_words_are_held(dataset, words):
    holders = [f for f in dataset.model.facts if words in f.quote]
    assert holders, words
    as_text = [f"{f.value_text}{'到' + str(f.value_to) if f.value_to else ''}{f.unit}" for f in holders]
    assert any(words.replace("以上", "") in t or t in words for t in as_text), as_text


def test_dated_events(dataset):
    assert sorted(str(e.date) for e in dataset.model.events) == ["2020-10-27", "2020-11-03", "2020-11-10"]


def test_qualifiers_follow_the_article(dataset):
    facts = dataset.facts
    assert facts["graduates"].qualifier == "more_than"  # 1300余名
    assert facts["companies_benefiting_tech_policy"].qualifier == "nearly"  # 近80家
    assert facts["production_nov3_investment"].qualifier == "about"  # 约43亿元
    assert facts["foreign_investment_target"].qualifier == "at_least"  # 2亿美元以上


def test_amounts_in_yi_yuan_keep_the_article_unit(dataset):
    planned = dataset.facts["planned_investment"]
    assert (planned.value, planned.unit) == (259, "亿元")
    assert dataset.facts["living_allowances"].value == 875.12


def test_sections_have_points_in_both_languages(dataset):
    assert len(dataset.model.sections) == 5
    for section in dataset.model.sections:
        assert 3 <= len(section.points_zh) == len(section.points_en) <= 8


def test_comparisons_pair_results_with_targets_of_the_same_measure(dataset):
    for comparison in dataset.model.comparisons:
        actual, target = dataset.facts[comparison.actual], dataset.facts[comparison.target]
        assert (actual.status, target.status) == ("achieved", "target")
        assert actual.measure == target.measure


def _error_of(path) -> str:
    with pytest.raises(GeneratorError) as info:
        load_dataset(path)
    return str(info.value)


def test_mistyped_value_is_reported_with_line_and_id(data_copy):
    line = replace_once(data_copy, "value: 875.12", "value: 875.21")
    message = _error_of(data_copy)
    assert f"facts.yaml:{line}:" in message
    assert "fact 'living_allowances': value 875.21 does not occur in its quote" in message


def test_quote_not_in_article_is_reported(data_copy):
    line = replace_once(data_copy, "quote: 新增学位6510个", "quote: 新增学位6500个")
    message = _error_of(data_copy)
    assert f"facts.yaml:{line}:" in message and "'school_places_added': quote is not in the article" in message


def test_duplicate_id_names_the_first(data_copy):
    first = replace_once(data_copy, "- id: roads_km", "- id: green_area")
    message = _error_of(data_copy)
    assert "duplicate id 'green_area'" in message and f"(first used at line {first})" in message


def test_missing_english_label_and_unknown_section_are_reported_together(data_copy):
    line_label = replace_once(data_copy, "    label_en: New green space\n", "")
    replace_once(data_copy, "section: livelihood\n    quote: 新增学位6510个", "section: livelihod\n    quote: 新增学位6510个")
    with pytest.raises(GeneratorError) as info:
        load_dataset(data_copy)
    messages = [str(i) for i in info.value.issues]
    assert any("missing key 'label_en'" in m for m in messages), messages
    # schema errors stop before the cross-checks: fix and re-run reports the section
    assert len(messages) == 1
    data_copy.write_text(data_copy.read_text(encoding="utf-8").replace(
        "- id: green_area\n", "- id: green_area\n    label_en: New green space\n"), encoding="utf-8")
    message = _error_of(data_copy)
    assert "unknown section 'livelihod' (did you mean 'livelihood'?)" in message
    assert line_label > 0


def test_removed_fact_leaves_the_article_figure_uncovered(data_copy):
    text = data_copy.read_text(encoding="utf-8")
    start = text.index("  - id: poor_people_in_care")
    end = text.index("  - id:", start + 1)
    data_copy.write_text(text[:start] + text[end:], encoding="utf-8")
    message = _error_of(data_copy)
    assert "article.txt:" in message and "figure 51" in message and "is not held by any fact" in message


def test_a_sentence_naming_a_removed_fact_is_reported(data_copy):
    text = data_copy.read_text(encoding="utf-8")
    start = text.index("  - id: film_screenings")
    end = text.index("  # ----", start)
    data_copy.write_text(text[:start] + text[end:], encoding="utf-8")
    message = _error_of(data_copy)
    assert "unknown placeholder {film_screenings}" in message


def test_negative_value_is_rejected(data_copy):
    line = replace_once(data_copy, "value: 6510", "value: -6510")
    message = _error_of(data_copy)
    assert f"facts.yaml:{line}:" in message and "must not be negative" in message


# ---------------------------------------------------------------------------------------------------- periods

@pytest.mark.parametrize("typed, canonical, zh, en", [
    ("2020年", "2020", "2020年", "2020"),
    ("2020", "2020", "2020年", "2020"),
    ("2022年1—10月", "2022-01..10", "2022年1—10月", "Jan–Oct 2022"),
    ("2022年1-10月份", "2022-01..10", "2022年1—10月", "Jan–Oct 2022"),
    ("2022-01..10", "2022-01..10", "2022年1—10月", "Jan–Oct 2022"),
    ("2021年上半年", "2021-01..06", "2021年上半年", "H1 2021"),
    ("2021H1", "2021-01..06", "2021年上半年", "H1 2021"),
    ("2021年一季度", "2021-01..03", "2021年一季度", "Q1 2021"),
    ("2021Q3", "2021-07..09", "2021年三季度", "Q3 2021"),
    ("2016—2020年", "2016..2020", "2016—2020年", "2016–2020"),
    ("“十四五”", "十四五", "“十四五”时期", "the 14th Five-Year Plan (2021–2025)"),
    ("截至2020年10月底", "to 2020-10", "截至2020年10月底", "as of end-October 2020"),
    ("截至2020年10月27日", "to 2020-10-27", "截至2020年10月27日", "as of 27 October 2020"),
    ("截至目前", "to date", "截至目前", "to date"),
    ("中长期", "long term", "中长期", "long term"),
])
def test_a_period_is_read_from_what_an_office_types_and_written_back_in_one_form(typed, canonical, zh, en):
    from generator.periods import Period

    period = Period.parse(typed)
    assert (period.canonical, period.text("zh"), period.text("en")) == (canonical, zh, en)
    assert Period.parse(period.canonical) == period


@pytest.mark.parametrize("typed", ["2020年13月", "2021年2月30日前", "明年", "2020—2016年", "截至2021年2月30日"])
def test_a_text_that_is_no_period_is_refused_with_what_to_write(typed):
    from generator.periods import Period

    with pytest.raises(ValueError) as info:
        Period.parse(typed)
    assert "validation error" not in str(info.value)


def test_a_fact_without_a_period_holds_for_the_period_of_its_status(dataset):
    whens = {status: dataset.period_of(next(f for f in dataset.model.facts if f.status == status)).canonical
             for status in ("achieved", "cumulative", "target", "pipeline", "goal")}
    assert whens == {"achieved": "2020", "cumulative": "to date", "target": "2021", "pipeline": "to date",
                     "goal": "long term"}


def test_a_fact_period_is_shown_with_the_figure_in_both_languages(data_copy):
    from generator.wording import Wording

    replace_once(data_copy, "    status: achieved\n    section: livelihood\n    quote: 新增学位6510个",
                 "    status: achieved\n    period: 2020年1—10月\n    section: livelihood\n    quote: 新增学位6510个")
    dataset = load_dataset(data_copy)
    fact = dataset.facts["school_places_added"]
    assert fact.model_dump()["period"] == "2020-01..10"  # a spreadsheet cell holds the canonical text
    assert Wording(dataset, "zh").figure(fact).period == "2020年1—10月"
    assert Wording(dataset, "en").figure(fact).period == "Jan–Oct 2020"


def test_a_period_that_does_not_fit_the_status_is_reported(data_copy):
    line = replace_once(data_copy, "    status: achieved\n    section: livelihood\n    quote: 新增学位6510个",
                        "    status: achieved\n    period: 中长期\n    section: livelihood\n    quote: 新增学位6510个")
    message = _error_of(data_copy)
    assert f"facts.yaml:{line + 1}:" in message
    assert "a figure of status achieved cannot hold for “中长期”" in message


def test_a_mistyped_period_is_reported_with_its_line(data_copy):
    line = replace_once(data_copy, "    status: achieved\n    section: livelihood\n    quote: 新增学位6510个",
                        "    status: achieved\n    period: 去年\n    section: livelihood\n    quote: 新增学位6510个")
    message = _error_of(data_copy)
    assert f"facts.yaml:{line + 1}:" in message and "'去年' is not a period" in message


def test_an_events_year_is_checked_against_its_quote(data_copy):
    line = replace_once(data_copy, "date: 2020-10-27", "date: 2019-10-27")
    later = replace_once(data_copy, "date: 2020-11-03", "date: 2021-11-03")
    message = _error_of(data_copy)
    assert f"facts.yaml:{line}:" in message and "the date's year 2019 is not the year 2020 of its quote" in message
    # 同年11月3日: a quote without a year is of the results year
    assert f"facts.yaml:{later}:" in message and "the date's year 2021 is not the year 2020" in message


def test_a_numbers_english_value_is_refused(data_copy):
    line = replace_once(data_copy, "value: 875.12", "value: 875.12\n    value_en: 875 million")
    message = _error_of(data_copy)
    assert f"facts.yaml:{line + 1}:" in message and "value_en is not used" in message


def test_entity_kinds_are_declared_in_the_dataset(data_copy):
    replace_once(data_copy, "  - {id: care, label_zh: 养老, label_en: elderly care, plural_en: elderly care homes}",
                 "  - {id: care, label_zh: 养老, label_en: elderly care, plural_en: elderly care homes}\n"
                 "  - {id: road, label_zh: 道路, label_en: road}")
    line = replace_once(data_copy, "    kind: care\n", "    kind: road\n")
    load_dataset(data_copy)  # a kind the dataset declares
    replace_once(data_copy, "    kind: road\n", "    kind: park\n")
    message = _error_of(data_copy)
    assert f"facts.yaml:{line}:" in message and "unknown kind 'park'" in message


def _add_fact(path, text: str) -> None:
    content = path.read_text(encoding="utf-8")
    path.write_text(content.replace("\nfacts:\n", "\nfacts:\n" + text, 1), encoding="utf-8")


_RANK = """  - id: test_rank
    label_zh: 全省开发区考核排名
    label_en: Rank in the provincial assessment of development zones
    value: 33
    unit: 名
    among: 126
    among_unit: 个
    among_en: provincial development zones
    measure: satisfaction
    status: achieved
    period: 2021年
    section: plan
    quote: QUOTE
"""


def test_a_rank_is_shown_with_its_base_and_an_english_ordinal(data_copy):
    from generator.formatting import ordinal
    from generator.wording import Wording

    article = data_copy.parent / "article.txt"
    article.write_text(article.read_text(encoding="utf-8").replace(
        "本文评论", "（测试数据）在全省126个省级开发区考核中位列第33名。本文评论", 1), encoding="utf-8")
    _add_fact(data_copy, _RANK.replace("QUOTE", "在全省126个省级开发区考核中位列第33名"))
    dataset = load_dataset(data_copy)
    fact = dataset.facts["test_rank"]
    zh, en = Wording(dataset, "zh").figure(fact), Wording(dataset, "en").figure(fact)
    assert (zh.text, zh.period) == ("第33名/126个", "2021年")
    # English figures hold together with no-break spaces
    assert (en.text.replace("\u00a0", " "), en.period) == ("33rd of 126 provincial development zones", "2021")
    assert [ordinal(n) for n in (1, 2, 3, 4, 11, 12, 13, 21, 22, 101, 111)] == [
        "1st", "2nd", "3rd", "4th", "11th", "12th", "13th", "21st", "22nd", "101st", "111th"]


def test_a_rank_beyond_its_base_is_reported(data_copy):
    article = data_copy.parent / "article.txt"
    article.write_text(article.read_text(encoding="utf-8").replace(
        "本文评论", "（测试数据）在全省26个省级开发区考核中位列第33名。本文评论", 1), encoding="utf-8")
    _add_fact(data_copy, _RANK.replace("QUOTE", "在全省26个省级开发区考核中位列第33名").replace("among: 126", "among: 26"))
    assert "a rank is a whole number from 1 to 26" in _error_of(data_copy)


def test_a_figure_written_in_words_is_checked_against_its_value(data_copy):
    article = data_copy.parent / "article.txt"
    article.write_text(article.read_text(encoding="utf-8").replace(
        "本文评论", "（测试数据）新签约项目二十八个。本文评论", 1), encoding="utf-8")
    words = """  - id: test_signed
    label_zh: 新签约项目
    label_en: Newly signed projects
    value: VALUE
    unit: 个
    unit_en: projects
    measure: project_count
    status: achieved
    section: plan
    quote: 新签约项目二十八个
"""
    _add_fact(data_copy, words.replace("VALUE", "28"))
    load_dataset(data_copy)
    data_copy.write_text(data_copy.read_text(encoding="utf-8").replace("    value: 28\n", "    value: 29\n"),
                         encoding="utf-8")
    message = _error_of(data_copy)
    assert "value 29 does not occur in its quote" in message and "the quote writes in words: 28" in message


def test_a_year_is_never_written_with_a_thousands_separator(dataset):
    from generator.formatting import figure

    fact = dataset.facts["projects_attracted"].model_copy(update={"value": 2021, "unit": "年", "unit_en": "years"})
    assert figure(fact, "en").text == "2021"
    assert figure(dataset.facts["school_places_added"], "en").text == "6,510\u00a0places"  # a no-break space


# ---------------------------------------------------------------------------------------------------- sources

_LATER = """sources:
  - id: midyear
    file: midyear.txt
    title_zh: 上半年工作情况（测试数据）
    title_en: The first half-year (test data)
    publication_zh: 测试简报
    publication_en: Test bulletin
    edition_zh: 测试
    authors_zh: 测试
    body_after: 【正文】
    body_before: 【完】
"""
_LATER_FACT = """  - id: midyear_projects
    label_zh: 上半年招引项目
    label_en: Projects attracted in the first half-year
    value: 61
    unit: 个
    unit_en: projects
    measure: project_count
    status: achieved
    period: 2021年上半年
    source: midyear
    section: plan
    quote: QUOTE
"""


def _with_later_source(data_copy, quote: str = "上半年招引项目61个") -> None:
    (data_copy.parent / "midyear.txt").write_text("测试数据：虚构的半年报。\n【正文】\n上半年招引项目61个，其中外资项目9个。\n【完】\n",
                                                  encoding="utf-8")
    text = data_copy.read_text(encoding="utf-8").replace("\nyears:\n", "\n" + _LATER + "\nyears:\n", 1)
    data_copy.write_text(text.replace("\nfacts:\n", "\nfacts:\n" + _LATER_FACT.replace("QUOTE", quote), 1),
                         encoding="utf-8")


def test_each_quote_is_proven_against_its_own_source(data_copy):
    _with_later_source(data_copy)
    message = _error_of(data_copy)
    # the later report's other figure is held by no fact; the article's figures are all still held
    assert "midyear.txt:3: the article's figure 9 (" in message and "article.txt" not in message
    assert "61" not in message.split("midyear.txt:3: the article's figure 9")[0]


def test_a_quote_from_the_wrong_source_is_reported(data_copy):
    _with_later_source(data_copy, quote="新增学位6510个")  # in the article, not in the later report
    message = _error_of(data_copy)
    assert "fact 'midyear_projects': quote is not in the article" in message and "midyear.txt" in message


def test_a_figure_of_a_later_source_cites_it(data_copy):
    from generator.compose import Composer
    from generator.layouts import Layout, LayoutModel

    (data_copy.parent / "midyear.txt").write_text("测试数据：虚构的半年报。\n【正文】\n上半年招引项目61个。\n【完】\n",
                                                  encoding="utf-8")
    text = data_copy.read_text(encoding="utf-8").replace("\nyears:\n", "\n" + _LATER + "\nyears:\n", 1)
    data_copy.write_text(text.replace("\nfacts:\n", "\nfacts:\n" + _LATER_FACT.replace("QUOTE", "上半年招引项目61个"), 1),
                         encoding="utf-8")
    dataset = load_dataset(data_copy)
    layout = Layout("t.yaml", "t", LayoutModel.model_validate({
        "description": "t", "title_zh": "t", "title_en": "t", "date": "2021-07-20",
        "deck": [{"kind": "kpis", "facts": ["midyear_projects", "projects_attracted"]}],
        "briefing": [{"kind": "appendix"}]}))
    document = Composer(dataset, layout, "zh").compose()
    sources = {s.fact_id: s.label for s in document.slides[0].sources}
    assert sources == {"midyear_projects": "上半年招引项目（测试简报《上半年工作情况（测试数据）》）",
                       "projects_attracted": "招引项目"}
    rows = [row for block in document.pages[0].blocks if hasattr(block, "rows") for row in block.rows]
    assert rows[0][3] == "上半年招引项目61个（测试简报《上半年工作情况（测试数据）》）"
    assert "测试简报《上半年工作情况（测试数据）》" in document.pages[0].blocks[0].text


def test_new_year_moves_a_dataset_with_a_later_source_and_lists_it(data_copy, tmp_path):
    from generator.nextyear import move_on, move_dataset_text

    _with_later_source(data_copy)
    moved = move_on(data_copy, [], tmp_path / "next", None)
    assert (tmp_path / "next" / "data" / "midyear.txt").is_file()
    assert any("midyear.txt: a report of last year's dataset" in line for line in moved.to_do)
    assert any("article.txt: this is last year's article" in line for line in moved.to_do)
    text = move_dataset_text("  results: 2020\n  plan: 2021\n    period: 2021年上半年\n    period: 十四五\n"
                             "    quote: 2020年10月27日,2035年\n  date: 2020-02-29\n", 2020, 2021)
    assert text == ("  results: 2021\n  plan: 2022\n    period: 2022-01..06\n    period: 十四五\n"
                    "    quote: 2021年10月27日,2035年\n  date: 2021-02-28\n")
