"""compose: wording and numbers decided once, lists split, from small layouts and no renderer."""
from __future__ import annotations

import datetime as dt

import pytest

from generator import document as d
from generator.compose import compose
from generator.dataset import Dataset
from generator.formatting import figure
from generator.wording import Wording
from generator.textfit import normalise_punctuation
from generator.layouts import Layout, LayoutModel, load_layout

from ..conftest import LAYOUTS, ROOT


def _layout(deck: list[dict], briefing: list[dict] | None = None, **extra) -> Layout:
    data = {"description": "t", "title_zh": "标题", "title_en": "Title", "date": dt.date(2021, 1, 20),
            "deck": deck, "briefing": briefing or [{"kind": "cover"}], **extra}
    return Layout("test.yaml", "test", LayoutModel.model_validate(data))


@pytest.mark.parametrize("fact_id, zh, en", [
    ("planned_investment", "259亿元", "RMB 25.9 billion"),
    ("graduates", "1300余名", "1,300+ graduates"),
    ("production_nov3_investment", "约43亿元", "about RMB 4.3 billion"),
    ("companies_benefiting_tech_policy", "近80家", "nearly 80 companies"),
    ("foreign_investment_target", "2亿美元以上", "at least USD 200 million"),
    ("living_allowances", "875.12万元", "RMB 8.7512 million"),
    ("public_satisfaction", "99.99%", "99.99%"),
    ("green_area", "43.2万平方米", "432,000 m²"),
    ("innovation_funding", "1500余万元", "over RMB 15 million"),
    ("auto_cluster_years", "3到5年", "3–5 years"),
    ("large_projects_target", "翻一番", "double the 2020 number"),
    ("after_school_students", "1.2万人", "12,000"),
])
def test_figures_are_written_as_the_article_and_in_english(dataset, fact_id, zh, en):
    fact = dataset.facts[fact_id]
    assert figure(fact, "zh", dataset.years).text == zh
    # an English figure's words are joined by no-break spaces, so that no painter breaks a line inside it
    assert figure(fact, "en", dataset.years).text == en.replace(" ", "\u00a0")
    # the Chinese form is exactly what the article prints, qualifier and unit included
    assert zh in fact.quote


def test_key_points_split_onto_continuation_slides(dataset):
    section = dataset.sections["investment_talent"]
    tripled = section.model_copy(
        update={"points_zh": section.points_zh * 3, "points_en": section.points_en * 3})
    model = dataset.model.model_copy(update={"sections": tuple(tripled if s.id == section.id else s
                                                               for s in dataset.model.sections)})
    big = Dataset(dataset.path, model, dataset.article)
    document = compose(big, _layout([{"kind": "key_points", "section": "investment_talent"}]), "zh")
    titles = [p.title for p in document.slides]
    assert len(titles) == 3 and titles[1].endswith("（续）") and titles[2].endswith("（续）")
    assert sum(len(p.blocks[0].items) for p in document.slides) == 18
    assert all(len(p.blocks[0].items) <= 6 for p in document.slides)


def test_long_tables_continue_with_their_header(dataset):
    document = compose(dataset, _layout([{"kind": "fact_table", "section": "business_environment"}]), "zh")
    tables = [p.blocks[0] for p in document.slides]
    assert len(tables) == 4  # 20 facts, at most 6 rows a slide, balanced
    assert all(t.columns == ("指标", "数值", "时期") for t in tables)
    assert sum(len(t.rows) for t in tables) == 20


def test_every_figure_shown_comes_from_the_dataset(dataset):
    for path in sorted(LAYOUTS.glob("*.yaml")):
        layout = load_layout(path, dataset)
        for lang in ("zh", "en"):
            document = compose(dataset, layout, lang)
            for page in document.slides + document.pages:
                for block in page.blocks:
                    if isinstance(block, d.KeyFigures):
                        for fig in block.figures:
                            expected = Wording(dataset, lang).figure(dataset.facts[fig.fact_id])
                            assert (fig.prefix, fig.value, fig.suffix) == (expected.prefix, expected.value,
                                                                          expected.suffix)
                            assert fig.label.startswith(normalise_punctuation(expected.label))
                for source in page.sources:
                    assert source.fact_id in dataset.facts


def test_compose_is_pure_and_deterministic(dataset):
    layout = load_layout(LAYOUTS / "lianghui.yaml", dataset)
    assert compose(dataset, layout) == compose(dataset, layout)


def test_content_slides_have_notes_and_sources(dataset):
    document = compose(dataset, load_layout(LAYOUTS / "lianghui.yaml", dataset), "zh")
    for page in document.slides:
        if page.kind == "content":
            assert page.notes, page.title
        if any(isinstance(b, (d.KeyFigures, d.Chart)) for b in page.blocks):
            assert page.sources, page.title


def test_english_build_uses_english_wording(dataset):
    document = compose(dataset, load_layout(LAYOUTS / "investment.yaml", dataset), "en")
    text = document.text()
    assert "RMB\u00a025.9\u00a0billion" in text and "Projects attracted" in text
    han = [c for c in text if "\u4e00" <= c <= "\u9fff"]
    # Chinese remains only in the article's quotes (sources and the appendix's source text)
    quotes = "".join(s.quote for p in document.slides + document.pages for s in p.sources)
    appendix = "".join(cell for p in document.pages for b in p.blocks if isinstance(b, d.Table) and b.role == "appendix"
                       for row in b.rows for cell in row)
    assert all(c in quotes + appendix for c in han)


def test_deck_and_briefing_agree_on_figures(dataset):
    document = compose(dataset, load_layout(LAYOUTS / "lianghui.yaml", dataset), "zh")
    def figures(pages):
        return {f.fact_id: f.text for p in pages for b in p.blocks if isinstance(b, d.KeyFigures) for f in b.figures}
    deck, briefing = figures(document.slides), figures(document.pages)
    common = set(deck) & set(briefing)
    assert common and all(deck[k] == briefing[k] for k in common)


def test_small_fixture_composes_without_renderers(dataset):
    layout = load_layout(ROOT / "tests" / "fixtures" / "small-layout.yaml", dataset)
    document = compose(dataset, layout)
    assert [p.kind for p in document.slides] == ["title", "content", "content", "closing"]
    assert isinstance(document.pages[1].blocks[1], d.Table)
    assert document.pages[1].blocks[1].rows[1][1] == "1300余名"


def test_numbers_scales_and_dates_are_written_as_babel_writes_them():
    """The hand-written formatter (kept for speed) writes what Babel's English number, long compact and date
    formats write."""
    import random
    from decimal import Decimal

    from babel.dates import format_date
    from babel.numbers import format_compact_decimal, format_decimal

    from generator import formatting

    rng = random.Random(20261202)
    values = [Decimal(str(round(rng.uniform(0, 10 ** rng.randint(0, 11)), rng.randint(0, 4)))) for _ in range(20_000)]
    for value in values + [Decimal("25900000000"), Decimal("8751200"), Decimal("1000000"), Decimal("999999.5")]:
        grouped = format_decimal(value.normalize(), locale="en", decimal_quantization=False)
        assert formatting._grouped(value) == grouped, value
        if value >= 10 ** 6:
            number, _space, word = format_compact_decimal(value, locale="en", format_type="long",
                                                          fraction_digits=15).partition(" ")
            assert formatting._scaled(value) == (number, " " + word), value
        else:
            assert formatting._scaled(value) == (grouped, ""), value
    for offset in range(0, 8 * 366):
        day = dt.date(2018, 1, 1) + dt.timedelta(days=offset)
        assert formatting.date_text(day, "en") == format_date(day, "d MMMM y", locale="en")
        assert formatting.date_text(day, "zh") == format_date(day, "y年M月d日", locale="zh_CN")


def test_both_languages_word_the_same_phrases_with_the_same_names_to_fill():
    import string

    from generator.words import WORDS

    def names(text: str) -> set[str]:
        return {name for _text, name, _spec, _conv in string.Formatter().parse(text) if name}

    zh, en = WORDS["zh"], WORDS["en"]
    assert zh.phrases.keys() == en.phrases.keys()
    # a group's name says its kind in Chinese and the kind's plural in English; every other phrase fills the same
    assert [key for key in zh.phrases if names(zh[key]) != names(en[key])] == ["group_of"]
    assert names(zh.bracket) == names(en.bracket) == names(en.bracket_joined) == {"text", "tag"}


def test_the_context_is_read_only_and_the_divider_count_the_only_state(dataset):
    """A kind reads the composer's context and cannot change it; the section dividers are numbered across the deck
    and from 1 again each time the deck is composed."""
    import dataclasses

    from generator.compose import Composer

    layout = _layout([{"kind": "section_divider", "section": "plan"},
                      {"kind": "section_divider", "section": "livelihood"}])
    composer = Composer(dataset, layout, "zh")
    with pytest.raises(AttributeError):
        composer.lang = "en"  # type: ignore[misc]
    with pytest.raises(AttributeError):
        composer.divider_number = 3  # type: ignore[attr-defined]
    with pytest.raises(dataclasses.FrozenInstanceError):
        composer._ctx.lang = "en"  # type: ignore[misc]
    for _ in range(2):
        numbers = [block.number for page in composer.deck() for block in page.blocks
                   if isinstance(block, d.SectionDivider)]
        assert numbers == [1, 2]
