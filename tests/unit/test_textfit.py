"""The Chinese line breaker: units that are never split, the rules at line ends, runs of several sizes."""
from __future__ import annotations

import re

from generator.textfit import fit_size, normalise_punctuation, split_words, tokens, violations, wrap, wrap_runs

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


def test_a_figure_stays_whole_with_its_qualifier_unit_and_status_tag():
    assert tokens("总投资约43亿元。") == ["总", "投", "资", "约43亿元。"]
    assert tokens("外资2亿美元以上，") == ["外", "资", "2亿美元以上，"]
    assert tokens("4个（推进中）、") == ["4个（推进中）、"]
    # the formatter joins an English figure's words with no-break spaces
    assert tokens("of at\u00a0least\u00a0RMB\u00a0100,000 each") == ["of", " ", "at\u00a0least\u00a0RMB\u00a0100,000",
                                                                      " ", "each"]
    for width in range(40, 200, 10):
        for text in ("集中投产项目总投资：约43亿元", "推动总投资675亿元的232个在谈项目签约落地，实际使用外资2亿美元以上",
                     "重点项目11个（推进中），储备项目4个（推进中）"):
            lines = wrap(text, width, _width)
            for figure in ("约43亿元", "2亿美元以上", "4个（推进中）", "11个（推进中）", "675亿元"):
                if figure in text and _width(figure) + 10 <= width:  # with the comma after it
                    assert any(figure in line for line in lines), (width, figure, lines)


def test_short_terms_in_brackets_or_quotes_are_not_split():
    assert tokens("组织（累计）") == ["组", "织", "（累计）"]
    assert tokens("（中长期目标）") == ["（中长期目标）"]
    assert tokens("“一把手”工程") == ["“一把手”", "工", "程"]
    assert wrap("落实“一把手”工程", 50, _width) == ["落实", "“一把手”", "工程"]


def test_addresses_break_only_at_their_own_separators():
    assert tokens("mail office@rizhao.gov.cn now") == ["mail", " ", "office@rizhao.gov.cn", " ", "now"]
    assert tokens("tel. +86 633 000 0000") == ["tel.", " ", "+86 633 000 0000"]
    assert tokens("电话：0633-8779512") == ["电", "话：", "0633-8779512"]
    assert wrap("tel. +86 633 000 0000", 140, _width) == ["tel.", "+86 633 000", "0000"]
    assert tokens("see https://www.rizhao.gov.cn/a.html") == ["see", " ", "https://www.rizhao.gov.cn/a.html"]
    assert wrap("邮箱：office@rizhao.gov.cn", 140, _width) == ["邮箱：", "office@rizhao.", "gov.cn"]
    assert wrap("https://www.rizhao.gov.cn/zone/a.html", 140, _width) == ["https://www.", "rizhao.gov.cn/", "zone/a.html"]
    # a glued English figure wider than the line breaks at its no-break spaces, never inside a word
    assert wrap("RMB\u00a0100-billion-level", 170, _width) == ["RMB", "100-billion-level"]
    # before its currency rather than inside "RMB 4.3 billion"; where that is too wide, after the currency
    assert wrap("RMB\u00a08.7512\u00a0million", 150, _width) == ["RMB", "8.7512\u00a0million"]
    assert wrap("about\u00a0RMB\u00a04.3\u00a0billion", 190, _width) == ["about", "RMB\u00a04.3\u00a0billion"]
    assert wrap("at\u00a0least\u00a02\u00a0times\u00a0the\u00a02020", 140, _width) == [
        "at\u00a0least", "2\u00a0times\u00a0the", "2020"]


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

    # "约" and "亿元" small, "43" large: 10 + 40 + 20 = 70 fits 70, not 60, where the figure is wider than the line
    # and breaks only after its qualifier
    assert _lines(wrap_runs(["约", "43", "亿元"], 70, [_width, big, _width])) == ["约43亿元"]
    assert _lines(wrap_runs(["约", "43", "亿元"], 60, [_width, big, _width])) == ["约", "43亿元"]
    assert _lines(wrap_runs(["总投资约", "43", "亿元"], 90, [_width, big, _width])) == ["总投资", "约43亿元"]
    # "RMB 25.9" is 30 + 10 + 80 = 120 wide; with " billion" 200
    pieces = wrap_runs(["RMB ", "25.9", " billion"], 130, [_width, big, _width])
    assert pieces == [[(0, "RMB "), (1, "25.9")], [(2, "billion")]]


def test_no_character_is_left_alone_on_the_last_line():
    text = "11个重点项目集中开工"
    assert wrap(text, 100, _width, no_lone_last=False) == ["11个重点项目集中开", "工"]
    assert wrap(text, 100, _width) == ["11个重点项目集中", "开工"]
    assert _lines(wrap_runs([text], 100, [_width], no_lone_last=True)) == ["11个重点项目集中", "开工"]
    # with closing punctuation after it, too; and a line that would not fit is left as it is
    assert _lines(wrap_runs(["越疆人工智能机器人生产基地开工。"], 150, [_width], no_lone_last=True)) == [
        "越疆人工智能机器人生产基地", "开工。"]
    assert _lines(wrap_runs(["一二三四五六七八九十", "甲"], 100, [_width, lambda t: 95.0 * len(t)],
                            no_lone_last=True)) == ["一二三四五六七八九十", "甲"]


# ------------------------------------------------------------------ with a real font's metrics


def _real_font_measure():
    """measure_at(size)(text) from the advance widths in the theme's CJK font file, read here with fontTools (not
    with the program's own measuring), and that measure's own per-character widths for checking expectations."""
    from fontTools.ttLib import TTFont

    from generator.fonts import find_face
    from generator.theme import THEMES

    face = find_face(THEMES["civic_blue"].fonts.cjk_families, False)
    with TTFont(face.path, fontNumber=face.index, lazy=True) as font:
        cmap, hmtx, upm = font.getBestCmap(), font["hmtx"], font["head"].unitsPerEm
        advance = {code: hmtx[name][0] / upm for code, name in cmap.items()}

    def at(size: float):
        return lambda text: sum(advance[ord(c)] for c in text) * size

    return at, advance


def test_fit_size_picks_the_largest_size_whose_lines_fit_the_box():
    at, advance = _real_font_measure()
    text = "日照经济技术开发区全年招引项目一百零七个新签约产业项目六十七个"  # 32 Chinese characters
    assert {advance[ord(c)] for c in text} == {1.0}  # CJK ideographs are one em wide in this font
    width, height = 100.0, 60.0
    # at 14 pt, 7 characters (98 pt) a line: 5 lines, 5 × 14 × 1.2 = 84 pt > 60; at 12 pt, 8 (96 pt) a line:
    # 4 lines, 4 × 12 × 1.2 = 57.6 pt ≤ 60
    size, (lines,) = fit_size([text], width, height, [10, 12, 14], at)
    assert size == 12
    assert lines == [text[i : i + 8] for i in range(0, 32, 8)]
    # at most three lines: only 10 pt (10 characters a line, 4 lines) would do in height, but not in lines
    assert fit_size([text], width, height, [10, 12, 14], at, max_lines=3) is None
    assert fit_size([text], width, 20.0, [10, 12, 14], at) is None  # not even one size fits


def test_latin_words_break_at_spaces_by_their_proportional_widths():
    at, advance = _real_font_measure()
    measure = at(10)
    assert advance[ord("i")] < advance[ord("m")]  # a proportional Latin face, not a monospaced one
    words = "RMB 25.9 billion invested in 2020".split(" ")
    width = measure("RMB 25.9 billion") + 0.5  # the first three words fit, the fourth does not
    assert measure("RMB 25.9 billion invested") > width
    lines = [line.strip() for line in wrap(" ".join(words), width, measure)]
    assert lines[0] == "RMB 25.9 billion"
    assert " ".join(lines) == " ".join(words)  # no word split, none lost
    for line, following in zip(lines, lines[1:]):
        assert measure(line) <= width < measure(line + " " + following.split(" ")[0])  # each line as full as it can


def test_a_word_wider_than_the_line_is_cut_at_the_longest_prefix_that_fits():
    at, _advance = _real_font_measure()
    measure = at(12)
    word = "Internationalisation"
    width = measure("Internation") + 0.01
    longest = max(k for k in range(1, len(word)) if measure(word[:k]) <= width)
    assert word[:longest] == "Internation"
    assert wrap(word, width, measure) == ["Internation", "alisation"]


def test_ascii_punctuation_between_chinese_characters_becomes_full_width():
    assert normalise_punctuation("项目,投资;开工:投产!是否?是") == "项目，投资；开工：投产！是否？是"
    assert normalise_punctuation("是否?") == "是否?"  # only between Chinese characters, as the rule says
    assert normalise_punctuation("投资(亿元)") == "投资（亿元）"
    # between Latin words and numbers it stays ASCII
    assert normalise_punctuation("RMB 4.3 billion, up 12% (2020)") == "RMB 4.3 billion, up 12% (2020)"


def test_violations_name_each_breaking_fault():
    assert violations(["招引项目", "，新签约"]) == ["line 2 starts with ，: ，新签约"]
    assert violations(["计划总投资（", "259亿元）"]) == ["line 1 ends with （: 计划总投资（"]
    assert violations(["总投资259", "亿元"]) == ["line 1 splits a number from its unit: 总投资259|亿元"]
    assert violations(["总投资259亿元，", "新签约67个"]) == []


def test_split_words_finds_a_latin_word_cut_in_two():
    assert split_words(["the Invest", "ment zone"], "the Investment zone") == ["line 1 splits 'Invest|ment'"]
    assert split_words(["the Investment", "zone"], "the Investment zone") == []


def test_a_straight_quote_stays_with_its_word():
    """'Graduates of "⏎Double First-Class" universities' left an opening quote alone at a line's end."""
    from generator.textfit import tokens

    assert tokens('Graduates of "Double First-Class" universities') == [
        "Graduates", " ", "of", " ", '"Double', " ", 'First-Class"', " ", "universities"]
