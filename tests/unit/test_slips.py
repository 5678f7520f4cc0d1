"""Chinese typing slips in a layout (a full-width colon, comma or 、, full-width spaces or a tab for indentation,
curly quotes around a key, an unquoted colour, a missing colon) are each reported on the line where they were
typed, with what to type instead, in the user's language."""
from __future__ import annotations

import shutil

import pytest
from click.testing import CliRunner

from generator.cli import cli

from ..conftest import DATA, ROOT

#: test data: the small test layout, with one slip typed into it
SMALL = (ROOT / "tests" / "fixtures" / "small-layout.yaml").read_text(encoding="utf-8")

SLIPS = [
    # (what is replaced, with what, line of the slip, the message in English, and in Chinese)
    ("title_zh: 测试会议", "title_zh： 测试会议", 2, "a full-width colon ： after 'title_zh' (write a half-width "
     "colon : instead of the full-width colon ：)", "“title_zh”后面是全角冒号 ：（用半角冒号 : 代替全角冒号 ：）"),
    ("  - kind: kpis", "  - kind： kpis", 7, "a full-width colon ： after 'kind'", "用半角冒号 : 代替全角冒号 ："),
    ("title_en: Test meeting", "title_en Test meeting", 3, "'title_en' has no colon (write a colon and a space "
     "after the key: title_en: …)", "“title_en”后面缺少冒号（请在键后面写半角冒号和空格：title_en: …）"),
    ("    section: investment_talent", "\u3000\u3000section: investment_talent", 10,
     "a full-width space (U+3000) in the indentation", "请用半角空格缩进，不要用全角空格"),
    ("    section: investment_talent", "\tsection: investment_talent", 10, "a tab in the indentation (indent "
     "with spaces, not tabs)", "缩进中有制表符（Tab）（请用空格缩进，不要用制表符）"),
    ("facts: [projects_attracted, planned_investment]", "facts: [projects_attracted，planned_investment]", 8,
     "'projects_attracted，planned_investment' is several ids joined by a full-width ，",
     "编号之间请用半角逗号加空格分隔：[a, b]"),
    ("facts: [projects_attracted, graduates]", "facts: [projects_attracted、 graduates]", 15,
     "is several ids joined by a full-width 、", "是用全角、连在一起的几个编号"),
    ("title_zh: 测试会议", "“title_zh”: 测试会议", 2, "write the key without quotation marks: title_zh: …",
     "键不要加引号：title_zh: …"),
    ("date: 2021-01-20\n", "date: 2021-01-20\ntheme_overrides:\n  colors: {primary: #7A1F5C}\n", 6,
     "quote the colour, as YAML reads # as the start of a comment: primary: \"#7A1F5C\"",
     "YAML 把 # 当作注释的开头，请给颜色加引号：primary: \"#7A1F5C\""),
]


@pytest.mark.parametrize("old, new, line, english, chinese", SLIPS, ids=[s[1].strip()[:24] for s in SLIPS])
def test_a_typing_slip_is_reported_on_its_own_line_with_what_to_type(tmp_path, old, new, line, english, chinese):
    assert SMALL.count(old) == 1
    layout = tmp_path / "slip.yaml"
    layout.write_text(SMALL.replace(old, new), encoding="utf-8")
    for ui, expected in (("en", english), ("zh", chinese)):
        result = CliRunner().invoke(cli, ["--ui", ui, "build", str(layout), "--data", str(DATA), "--out",
                                          str(tmp_path / "out")], catch_exceptions=False)
        assert result.exit_code == 1, result.output
        assert result.output.count(str(layout)) == 1, result.output  # one message: no second one about it
        assert f"{layout}:{line}:" in result.output and expected in result.output, result.output
        assert "plan_year" not in result.output  # no advice about {plan_year} titles
    assert not (tmp_path / "out").exists()


def test_slips_on_several_lines_are_reported_together_with_the_files_other_syntax_mistake(tmp_path):
    layout = tmp_path / "slips.yaml"
    text = SMALL.replace("title_zh: 测试会议", "title_zh： 测试会议").replace(
        "    section: investment_talent", "\tsection: investment_talent").replace(
        "  - kind: closing", "  - kind: closing\n    title_en: [unclosed")
    layout.write_text(text, encoding="utf-8")
    result = CliRunner().invoke(cli, ["--ui", "en", "build", str(layout), "--data", str(DATA), "--out",
                                      str(tmp_path / "out")], catch_exceptions=False)
    assert result.exit_code == 1
    assert [line.split(": ")[0] for line in result.output.splitlines()[1:]] == \
        [f"{layout}:2:9", f"{layout}:10:1", f"{layout}:13:9"], result.output


def test_a_chinese_text_with_full_width_punctuation_is_no_slip(tmp_path):
    layout = tmp_path / "fine.yaml"
    layout.write_text(SMALL.replace("title_zh: 测试会议", "title_zh: 测试会议：总结、计划，展望\n"
                                    "subtitle_zh: \"[测试，数据]\""), encoding="utf-8")
    result = CliRunner().invoke(cli, ["--ui", "en", "check", str(layout), "--data", str(DATA)],
                                catch_exceptions=False)
    assert result.exit_code == 0, result.output


def test_every_mistake_of_a_layout_is_reported_in_one_run_with_its_line(tmp_path, monkeypatch):
    # test data: one each of a full-width colon, an impossible date, a missing template, an unknown key, an
    # unknown fact, an unknown kind, a tab in the indentation and a briefing over its page budget
    monkeypatch.chdir(tmp_path)
    layout = tmp_path / "one-round.yaml"
    shutil.copy(ROOT / "tests" / "fixtures" / "rounds" / "one-round.yaml", layout)
    lines = layout.read_text(encoding="utf-8").splitlines()

    def line_of(text: str) -> int:
        return next(number for number, line in enumerate(lines, 1) if text in line)

    for ui, expected in (
        ("en", ["a full-width colon ： after 'subtitle_zh'", "'date' is 2021-02-30, a date that does not exist",
                "template not found: ", "unknown key 'colour'", "unknown fact id 'planed_investment'",
                "unknown kind 'key_point'", "a tab in the indentation", "the layout allows 1 (briefing_pages)"]),
        ("zh", ["“subtitle_zh”后面是全角冒号 ：", "“date”是 2021-02-30，这个日期不存在", "找不到模板", "未知的键“colour”",
                "未知的数据编号“planed_investment”", "未知的类型“key_point”", "缩进中有制表符（Tab）", "版式只允许 1 页"]),
    ):
        result = CliRunner().invoke(cli, ["--ui", ui, "check", str(layout), "--data", str(DATA)],
                                    catch_exceptions=False)
        assert result.exit_code == 1
        reported = [line for line in result.output.splitlines() if line.startswith("one-round.yaml:")]
        assert len(reported) == 8, result.output  # one message per mistake, all in one run
        for text, where in zip(expected, ("subtitle_zh：", "date:", "template:", "colour:", "planed_investment",
                                          "key_point", "\tsection", "briefing_pages:")):
            assert any(line.startswith(f"one-round.yaml:{line_of(where)}:") and text in line for line in reported), \
                (text, result.output)
