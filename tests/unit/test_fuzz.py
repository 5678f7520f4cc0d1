"""Generated layouts, valid and broken, through the loader and compose: only the tool's own error may come out."""
from __future__ import annotations

import datetime as dt
import tempfile
from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.chartkinds import CHART_KINDS
from generator.compose import compose
from generator.datafile import load_dataset
from generator.errors import GeneratorError
from generator.layouts import load_layout

from ..conftest import DATA

DATASET = load_dataset(DATA)
FACTS = sorted(DATASET.facts)
SECTIONS = sorted(DATASET.sections)
COMPARISONS = sorted(DATASET.comparisons)
EVENTS = sorted(DATASET.events)
SLIDE_KINDS = ["title", "agenda", "section_divider", "kpis", "chart", "timeline", "key_points", "comparison",
               "fact_table", "projects", "industries", "markets", "highlight", "closing"]
PART_KINDS = ["cover", "contents", "at_a_glance", "section", "appendix"]

junk = st.one_of(st.none(), st.booleans(), st.integers(-5, 10**6), st.floats(allow_nan=False), st.text(max_size=12),
                 st.lists(st.integers(), max_size=3))
fact_ids = st.lists(st.one_of(st.sampled_from(FACTS), st.text(max_size=8)), max_size=8)


def maybe(strategy):
    return st.one_of(strategy, junk)


slide = st.fixed_dictionaries(
    {"kind": st.one_of(st.sampled_from(SLIDE_KINDS), st.text(max_size=6))},
    optional={
        "facts": maybe(fact_ids),
        "fact": maybe(st.sampled_from(FACTS)),
        "section": maybe(st.sampled_from(SECTIONS)),
        "sections": maybe(st.lists(st.sampled_from(SECTIONS), max_size=5)),
        "chart": maybe(st.sampled_from(list(CHART_KINDS))),
        "comparisons": maybe(st.lists(st.sampled_from(COMPARISONS), max_size=4)),
        "events": maybe(st.lists(st.sampled_from(EVENTS), max_size=3)),
        "highlight": maybe(st.sampled_from(FACTS)),
        "title_zh": maybe(st.text(max_size=20)),
        "title_en": maybe(st.text(max_size=20)),
        "extra_key": junk,
    },
)
part = st.fixed_dictionaries(
    {"kind": st.one_of(st.sampled_from(PART_KINDS), st.text(max_size=6))},
    optional={
        "facts": maybe(fact_ids),
        "section": maybe(st.sampled_from(SECTIONS)),
        "sections": maybe(st.lists(st.sampled_from(SECTIONS), max_size=3)),
        "figures": maybe(st.lists(st.sampled_from(FACTS), max_size=7)),
        "comparisons": maybe(st.lists(st.sampled_from(COMPARISONS), max_size=4)),
        "charts": maybe(st.lists(st.fixed_dictionaries({"chart": st.sampled_from(list(CHART_KINDS)),
                                                          "facts": fact_ids}), max_size=2)),
        "timeline": maybe(st.booleans()),
        "projects": maybe(st.booleans()),
        "fact_table": maybe(st.booleans()),
    },
)
layout = st.fixed_dictionaries(
    {
        "description": maybe(st.text(max_size=20)),
        "title_zh": maybe(st.text(max_size=20)),
        "title_en": maybe(st.text(max_size=20)),
        "date": maybe(st.dates(dt.date(1990, 1, 1), dt.date(2100, 1, 1))),
        "deck": maybe(st.lists(slide, max_size=8)),
        "briefing": maybe(st.lists(part, max_size=6)),
    },
    optional={
        "language": maybe(st.sampled_from(["zh", "en"])),
        "theme": maybe(st.sampled_from(["civic_blue", "investment_navy", "party_red"])),
        "slide_size": maybe(st.sampled_from(["16:9", "4:3"])),
        "max_bullets_per_slide": maybe(st.integers(0, 10)),
        "max_table_rows_per_slide": maybe(st.integers(0, 14)),
        "theme_overrides": maybe(st.fixed_dictionaries({}, optional={"colors": st.dictionaries(
            st.sampled_from(["primary", "accent", "nope"]), st.sampled_from(["#123456", "red", "#12345"]))})),
    },
)


charts = st.one_of(
    st.fixed_dictionaries({"chart": st.sampled_from([k for k, kind in CHART_KINDS.items() if kind.of == "facts"]),
                           "facts": st.lists(st.sampled_from(FACTS), min_size=2, max_size=6, unique=True)}),
    st.fixed_dictionaries({"chart": st.sampled_from([k for k, kind in CHART_KINDS.items() if kind.of == "comparisons"]),
                           "comparisons": st.lists(st.sampled_from(COMPARISONS), min_size=1, max_size=4, unique=True)}),
)
plausible_slide = st.one_of(
    st.sampled_from([{"kind": k} for k in ("title", "agenda", "timeline", "comparison", "projects", "industries",
                                           "markets", "closing")]),
    st.builds(lambda s: {"kind": "section_divider", "section": s}, st.sampled_from(SECTIONS)),
    st.builds(lambda s: {"kind": "key_points", "section": s}, st.sampled_from(SECTIONS)),
    st.builds(lambda s: {"kind": "fact_table", "section": s}, st.sampled_from(SECTIONS)),
    st.builds(lambda f: {"kind": "highlight", "fact": f}, st.sampled_from(FACTS)),
    st.builds(lambda f: {"kind": "kpis", "facts": f}, st.lists(st.sampled_from(FACTS), min_size=2, max_size=6)),
    st.builds(lambda c: {"kind": "chart", **c}, charts),
)
plausible_part = st.one_of(
    st.sampled_from([{"kind": k} for k in ("cover", "contents", "appendix")]),
    st.builds(lambda f: {"kind": "at_a_glance", "facts": f}, st.lists(st.sampled_from(FACTS), min_size=1, max_size=15)),
    st.builds(lambda s, f, c, t, p: {"kind": "section", "section": s, "figures": f, "charts": c, "timeline": t,
                                     "projects": p},
              st.sampled_from(SECTIONS), st.lists(st.sampled_from(FACTS), max_size=6), st.lists(charts, max_size=2),
              st.booleans(), st.booleans()),
)
plausible_layout = st.fixed_dictionaries(
    {"description": st.text(max_size=20), "title_zh": st.text(min_size=1, max_size=30),
     "title_en": st.text(min_size=1, max_size=30), "date": st.dates(dt.date(1990, 1, 1), dt.date(2100, 1, 1)),
     "deck": st.lists(plausible_slide, min_size=1, max_size=12),
     "briefing": st.lists(plausible_part, min_size=1, max_size=6)},
    optional={"language": st.sampled_from(["zh", "en"]), "slide_size": st.sampled_from(["16:9", "4:3"]),
              "theme": st.sampled_from(["civic_blue", "investment_navy", "party_red"]),
              "max_bullets_per_slide": st.integers(2, 8), "max_table_rows_per_slide": st.integers(2, 12)},
)


def _load_and_compose(text: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "fuzz.yaml"
        path.write_text(text, encoding="utf-8")
        try:
            loaded = load_layout(path, DATASET)
        except GeneratorError as exc:
            assert exc.issues and all(str(issue) for issue in exc.issues)
            return
        for lang in ("zh", "en"):
            compose(DATASET, loaded, lang)


@settings(max_examples=500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(plausible_layout, layout))
def test_generated_layouts_raise_only_the_tools_error(data):
    _load_and_compose(yaml.safe_dump(data, allow_unicode=True))


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=200))
def test_arbitrary_text_raises_only_the_tools_error(text):
    _load_and_compose(text)
