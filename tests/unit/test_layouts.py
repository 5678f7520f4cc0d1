"""Layout files: every mistake is reported with its line and a suggestion, all at once."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from generator.errors import GeneratorError
from generator.layouts import SCHEMA_FILE, layout_json_schema, load_layout

from ..conftest import LAYOUTS, ROOT, replace_once

SMALL = ROOT / "tests" / "fixtures" / "small-layout.yaml"


@pytest.fixture
def small(tmp_path: Path) -> Path:
    return Path(shutil.copy(SMALL, tmp_path / "small.yaml"))


def _errors(path: Path, dataset) -> list[str]:
    with pytest.raises(GeneratorError) as info:
        load_layout(path, dataset)
    return [str(issue) for issue in info.value.issues]


@pytest.mark.parametrize("path", sorted(LAYOUTS.glob("*.yaml")), ids=lambda p: p.stem)
def test_shipped_layouts_are_valid(path, dataset):
    layout = load_layout(path, dataset)
    assert layout.model.deck and layout.model.briefing
    assert path.read_text(encoding="utf-8").startswith(f"# yaml-language-server: $schema={SCHEMA_FILE}")


def test_unknown_fact_id_names_line_and_suggests(small, dataset):
    line = replace_once(small, "planned_investment]", "planed_investment_2020]")
    errors = _errors(small, dataset)
    assert errors == [f"{small}:{line}:33: unknown fact id 'planed_investment_2020' "
                      "(did you mean 'planned_investment'?)"]


def test_all_problems_are_reported_together(small, dataset):
    line_a = replace_once(small, "section: investment_talent", "section: investment_talen")
    line_b = replace_once(small, "facts: [projects_attracted, graduates]", "facts: [projects_atracted, graduates]")
    errors = _errors(small, dataset)
    assert len(errors) == 2
    assert f":{line_a}:" in errors[0] and "did you mean 'investment_talent'?" in errors[0]
    assert f":{line_b}:" in errors[1] and "unknown fact id 'projects_atracted'" in errors[1]


def test_unknown_key_and_kind_suggest_the_right_one(small, dataset):
    line_key = replace_once(small, "title_en: Test meeting", "title_english: Test meeting")
    line_kind = replace_once(small, "- kind: closing", "- kind: closng")
    errors = _errors(small, dataset)
    joined = "\n".join(errors)
    assert f":{line_key}:" in joined and "unknown key 'title_english' (did you mean 'title_en'?)" in joined
    assert f":{line_kind}:" in joined and "'closng'" in joined and "did you mean 'closing'?" in joined


def test_chart_with_mixed_units_is_rejected(small, dataset):
    text = small.read_text(encoding="utf-8").replace(
        "  - kind: closing\n",
        "  - kind: chart\n    chart: column\n    facts: [projects_attracted, planned_investment]\n  - kind: closing\n")
    small.write_text(text, encoding="utf-8")
    errors = _errors(small, dataset)
    assert len(errors) == 1 and f"{small}:13:" in errors[0]
    assert "measure different things: project_count (projects_attracted); planned_project_investment (planned_investment)" \
        in errors[0]


def test_kpis_need_two_to_six_facts(small, dataset):
    replace_once(small, "facts: [projects_attracted, planned_investment]", "facts: [projects_attracted]")
    errors = _errors(small, dataset)
    assert len(errors) == 1 and ":8:" in errors[0] and "at least 2" in errors[0]


def test_unknown_theme_and_bad_colour(small, dataset):
    small.write_text(small.read_text(encoding="utf-8") + "theme: party_rde\ntheme_overrides:\n  colors: {primary: red}\n",
                     encoding="utf-8")
    errors = _errors(small, dataset)
    assert any("colour primary: 'red' is not #RRGGBB" in e for e in errors), errors
    small.write_text(small.read_text(encoding="utf-8").replace("{primary: red}", "{primary: '#AA0000'}"), encoding="utf-8")
    errors = _errors(small, dataset)
    assert errors == [f"{small}:16:1: unknown theme 'party_rde' (did you mean 'party_red'?)"]


def test_shipped_schema_matches_the_model():
    shipped = json.loads((LAYOUTS / SCHEMA_FILE).read_text(encoding="utf-8"))
    assert shipped == json.loads(json.dumps(layout_json_schema(), ensure_ascii=False))
    kinds = shipped["$defs"]["KpiSlide"]["properties"]["kind"]
    assert kinds.get("const") == "kpis" or kinds.get("enum") == ["kpis"]


def test_a_text_slide_needs_its_title_and_its_lines(small, dataset):
    line = replace_once(small, "  - kind: closing", "  - kind: text\n    text_zh: []\n  - kind: closing")
    errors = "\n".join(_errors(small, dataset))
    assert f":{line}:" in errors and "needs text_zh or text_en" in errors
    small.write_text(small.read_text(encoding="utf-8").replace("text_zh: []", "text_zh: [议程]"), encoding="utf-8")
    assert "a text slide needs its title" in "\n".join(_errors(small, dataset))


def test_a_typed_year_in_a_layout_asks_for_the_placeholder(small, dataset):
    line = replace_once(small, "title_zh: 测试会议", "title_zh: 2020年测试会议")
    errors = _errors(small, dataset)
    assert errors == [f"{small}:{line}:1: the year 2020 is typed into “2020年测试会议” (write {{results_year}} so that "
                      "the layout works with next year's dataset)"]


def test_mistakes_of_every_kind_are_reported_in_one_round(dataset):
    from generator.layouts import load_layout

    path = ROOT / "tests" / "fixtures" / "eight-mistakes.yaml"
    with pytest.raises(GeneratorError) as info:
        load_layout(path, dataset)
    messages = [str(issue).split(": ", 1)[1] for issue in info.value.issues]
    lines = [issue.ref.line for issue in info.value.issues]
    assert messages == [
        "'primary' is empty: YAML reads # as the start of a comment (quote the value: primary: \"#0B6E4F\")",
        "'facts' lists 1; at least 2 are needed",
        "unknown event id 'oct27' (did you mean 'groundbreaking_oct27'?)",
        "'chart' is 'pie'; expected 'column', 'bar', 'grouped', 'doughnut', 'line', 'trend' or 'grouped_bar'",
        "unknown fact id '招引项目' (ids are English; did you mean 'projects_attracted' or 'planned_investment'?)",
        "unknown section id 'plan_2021' (did you mean 'plan'?)",
        "unknown kind 'closng' (did you mean 'closing'?)",
        "unknown section id 'investmnt_talent' (did you mean 'investment_talent'?)",
        "unknown fact id 'graduates_2020' (did you mean 'graduates'?)",
    ]
    assert lines == [8, 11, 13, 15, 17, 19, 20, 24, 25]


def test_a_slides_unknown_key_is_measured_against_its_own_kind_and_its_list_is_not_called_short(small, dataset):
    """A kpis slide's `fact:` is a misspelt `facts` (not a key the title slide lacks), and a deck whose only
    entries are wrong is not also 'too short'."""
    line = replace_once(small, "    facts: [projects_attracted, planned_investment",
                        "    fact: [projects_attracted, planned_investment")
    errors = _errors(small, dataset)
    assert any(f":{line}:" in e and "unknown key 'fact' (did you mean 'facts'?)" in e for e in errors), errors
    assert not any("allowed keys" in e or "are needed" in e for e in errors), errors
    only = _errors(ROOT / "tests" / "bad_inputs" / "layouts" / "key-of-another-slide-kind.yaml", dataset)
    assert any("unknown key 'fact' (did you mean 'facts'?)" in e for e in only), only
    assert not any("are needed" in e for e in only), only  # its one entry is wrong, not missing
