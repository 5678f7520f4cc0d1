"""The Chinese line breaker: units that are never split, the rules at line ends, runs of several sizes."""
from __future__ import annotations

import re

from generator.textfit import tokens, violations, wrap, wrap_runs

from ..conftest import ARTICLE


def _width(text: str) -> float:
    """Ten points per character: every character the same width makes the expected lines easy to check."""
    return 10.0 * len(text)


def _lines(pieces: list[list[tuple[int, str]]]) -> list[str]:
    return ["".join(text for _, text in line) for line in pieces]


def test_a_number_keeps_its_unit_and_punctuation_stays_with_the_text_before():
    assert tokens("补助金875.12万元，") == ["补", "助", "金", "875.12万元，"]
    assert tokens("（2020年）") == ["（2020年）"]
    assert tokens("1300余名毕业生") == ["1300余名", "毕", "业", "生"]


def test_lines_never_start_with_closing_punctuation_nor_split_a_number_from_its_unit():
    paragraphs = [p for p in ARTICLE.read_text(encoding="utf-8").splitlines() if p.strip()]
    for width in range(80, 400, 30):
        for paragraph in paragraphs:
            lines = wrap(paragraph, width, _width)
            assert re.sub(r"\s", "", "".join(lines)) == re.sub(r"\s", "", paragraph)  # nothing lost
            assert violations(lines) == [], (width, lines)
            assert all(_width(line) <= width or len(tokens(line)) == 1 for line in lines)


def test_runs_of_one_size_break_as_plain_text():
    text = "11个重点项目集中开工、12个重点项目集中投产，越疆人工智能机器人生产基地开工"
    for width in (60, 90, 100, 150):
        assert _lines(wrap_runs([text[:9], text[9:]], width, [_width, _width])) == wrap(text, width, _width)


def test_runs_of_several_sizes_are_measured_each_at_its_own():
    def big(text: str) -> float:
        return 20.0 * len(text)

    # "约" and "亿元" small, "43" large: 10 + 40 + 20 = 70 fits 70, not 60
    assert _lines(wrap_runs(["约", "43", "亿元"], 70, [_width, big, _width])) == ["约43亿元"]
    assert _lines(wrap_runs(["约", "43", "亿元"], 60, [_width, big, _width])) == ["约", "43亿元"]
    # "RMB 25.9" is 30 + 10 + 80 = 120 wide; with " billion" 200
    pieces = wrap_runs(["RMB ", "25.9", " billion"], 130, [_width, big, _width])
    assert pieces == [[(0, "RMB "), (1, "25.9")], [(2, "billion")]]


def test_no_character_is_left_alone_on_the_last_line():
    text = "11个重点项目集中开工"
    assert wrap(text, 100, _width) == ["11个重点项目集中开", "工"]
    assert _lines(wrap_runs([text], 100, [_width], no_lone_last=True)) == ["11个重点项目集中", "开工"]
    # with closing punctuation after it, too; and a line that would not fit is left as it is
    assert _lines(wrap_runs(["越疆人工智能机器人生产基地开工。"], 150, [_width], no_lone_last=True)) == [
        "越疆人工智能机器人生产基地", "开工。"]
    assert _lines(wrap_runs(["一二三四五六七八九十", "甲"], 100, [_width, lambda t: 95.0 * len(t)],
                            no_lone_last=True)) == ["一二三四五六七八九十", "甲"]
