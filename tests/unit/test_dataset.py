"""The dataset holds every figure of the article, each with a verbatim quote, and its checks catch mistakes."""
from __future__ import annotations

import re

import pytest

from generator.dataset import body_numerals, covered_numerals, load_dataset
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
