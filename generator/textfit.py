"""Line breaking for Chinese and mixed text, and fitting text into boxes with real font metrics.

Rules kept (GB/T 15834 and common Chinese typesetting practice):
- no line starts with closing punctuation (，。、；：？！）》」…) and none ends with opening punctuation (（《「“);
- a number stays with its unit (875.12万元, 2020年, 99.99%) and its qualifier (约43亿元, 2亿美元以上) and the
  status tag right after it (4个（推进中）); Latin words are never split;
- a figure's words joined by no-break spaces or word joiners (RMB\u00a04.3\u00a0billion, as the formatter writes
  them) stay on one line; so do short bracketed or quoted terms (（累计）, “一把手”), e-mail addresses and web
  addresses, which break only at their own separators when wider than a line;
- no line holds a single Chinese character alone when the line before can give it a unit;
- ASCII , ; : ( ) ! ? between Chinese characters become full-width, as the article's web text lacks them.
"""
from __future__ import annotations

import re
from collections.abc import Callable

CLOSING = set("，。、；：？！）》」』】〕〉”’…—·,.;:?!)]}%％")
OPENING = set("（《「『【〔〈“‘([{")
#: characters that continue a number as its unit
UNIT_CHARS = set("万亿千百元个名家所处场户人套项岗级倍年月日号公里平方米余多%％美")
_CJK = r"\u3400-\u9fff\uf900-\ufaff\u3000-\u303f\uff00-\uffef"
_ASCII_TO_FULL = {",": "，", ";": "；", ":": "：", "!": "！", "?": "？", "(": "（", ")": "）"}
_PUNCT_BETWEEN_CJK = re.compile(rf"(?<=[{_CJK}“”])([,;:!?])(?=[{_CJK}“”‘’\d])|(?<=[{_CJK}])([()])|([()])(?=[{_CJK}])")
#: characters that join what is on either side of them into one unit: no-break space, word joiner, narrow no-break
#: space (Word, LibreOffice and PowerPoint honour them too)
GLUE = "\u00a0\u2060\u202f"
#: a qualifier in front of a number (约43亿元, 近400家) and words after its unit (2亿美元以上, 50人左右)
_PREFIX_CHARS = set("约近超逾")
_AFTER_UNIT = ("以上", "以下", "左右", "余")
#: a figure ending in one of these takes the bracketed status tag after it
_TAGGED_ENDS = UNIT_CHARS | set("%％上下右")
#: a bracketed or quoted term this short is never broken (（累计）, （中长期目标）, “一把手”)
_SHORT_TERM = 8
_BRACKETS = {"（": "）", "(": ")", "“": "”", "《": "》", "「": "」", "【": "】"}
_ADDRESS = r"[A-Za-z0-9._%+\-]+@[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)+|(?:https?://|www\.)[A-Za-z0-9._~:/?#@!$&'*+,;=%\-]+"
#: a telephone number: +86 633 000 0000, 0633-8779512
_PHONE = r"\+\d{1,3}(?:[ \-]\d{2,4}){2,4}|\(?0\d{2,3}\)?[ \-]\d{7,8}"
_TOKEN = re.compile(rf"{_ADDRESS}|{_PHONE}|[A-Za-z0-9][A-Za-z0-9.,'’\-/+&²×–]*|[^\S{GLUE}]+|.", re.S)
#: the part of a glued figure that stays whole as long as it fits a line: currency, number and the word after it;
#: where that is too wide, the number and the word after it
_CORE = re.compile(rf"(?:(?:RMB|USD)[{GLUE}])?(?P<number>\d[\w,.\-+%²]*(?:[{GLUE}][\w\-²]+)?)")
#: where an address or a glued figure wider than a line may break: after these
_SEPARATORS = set("/.@-_?&=" + GLUE + " ")

Measure = Callable[[str], float]


def normalise_punctuation(text: str) -> str:
    """Return text with ASCII , ; : ! ? ( ) next to Chinese characters made full-width."""
    def full(match: re.Match[str]) -> str:
        char: str = match.group(0)
        return _ASCII_TO_FULL.get(char, char)

    return _PUNCT_BETWEEN_CJK.sub(full, text)


def tokens(text: str) -> list[str]:
    """Split text into units that must not be broken inside."""
    raw = _TOKEN.findall(text)
    merged: list[str] = []
    i = 0
    while i < len(raw):
        token = raw[i]
        # a number keeps the unit characters that follow it: 875.12万元, 2020年, 1300余名; and 以上, 左右 after them
        if token[0].isdigit():
            j = i + 1
            while j < len(raw) and len(raw[j]) == 1 and raw[j] in UNIT_CHARS and j - i <= 4:
                token += raw[j]
                j += 1
            for word in _AFTER_UNIT:
                if "".join(raw[j:j + len(word)]) == word:
                    token += word
                    j += len(word)
                    break
            if merged and merged[-1] in _PREFIX_CHARS:
                token = merged.pop() + token  # 约43亿元: the qualifier stays with its number
            # the status tag right after a figure goes with it: 4个（推进中）
            term = _short_term(raw, j)
            if term and token[-1] in _TAGGED_ENDS:
                token += "".join(raw[j:term])
                j = term
            i = j
        elif token in _BRACKETS and (term := _short_term(raw, i)):
            token = "".join(raw[i:term])
            i = term
        else:
            i += 1
        merged.append(token)
    result: list[str] = []
    carry = ""
    for token in merged:
        # a straight quote closes after a word and opens before one ("Double First-Class"): it goes with its word
        straight = token in ("\"", "'")
        after_word = bool(result) and not result[-1][-1:].isspace() and not carry
        if (token[0] in CLOSING or straight and after_word) and result and not carry and not token.isspace():
            result[-1] += token  # closing punctuation stays at the end of the previous unit
            continue
        if len(token) == 1 and (token in OPENING or straight):
            carry += token  # opening punctuation goes with the next unit
            continue
        result.append(carry + token)
        carry = ""
    if carry:
        if result:
            result[-1] += carry
        else:
            result.append(carry)
    return _glued(result)


def _short_term(raw: list[str], start: int) -> int:
    """Where a short bracketed or quoted term opening at raw[start] ends (the index after its closing mark), or 0
    when raw[start] opens none or the term is long or holds a line break."""
    if start >= len(raw) or raw[start] not in _BRACKETS:
        return 0
    closing, length = _BRACKETS[raw[start]], 0
    for index in range(start + 1, min(len(raw), start + 2 * _SHORT_TERM)):
        if raw[index] == closing:
            return index + 1 if 0 < length <= _SHORT_TERM else 0
        if "\n" in raw[index] or (raw[index].isspace() and raw[index] not in GLUE):
            return 0
        length += len(raw[index])
    return 0


def _glued(units: list[str]) -> list[str]:
    """Units joined across no-break spaces and word joiners."""
    joined: list[str] = []
    for unit in units:
        if joined and (unit[0] in GLUE or joined[-1][-1] in GLUE):
            joined[-1] += unit
        else:
            joined.append(unit)
    return joined


def wrap(text: str, width: float, measure: Measure, no_lone_last: bool = True) -> list[str]:
    """Break text into lines no wider than width (a unit wider than a line gets a line of its own, split at its
    spaces or separators, by characters only if it has none). Explicit newlines are kept. A last line of a
    single Chinese character takes the last unit of the line before (unless no_lone_last is False)."""
    lines: list[str] = []
    for paragraph in text.split("\n"):
        def span_width(start: int, end: int, p: str = paragraph) -> float:
            return measure(p[start:end])

        spans = _break(paragraph, width, span_width, no_lone_last)
        lines.extend(paragraph[start:end] for start, end in spans)
    return lines


def wrap_runs(texts: list[str], width: float, measures: list[Measure],
              no_lone_last: bool = False) -> list[list[tuple[int, str]]]:
    """Break a paragraph made of runs, each measured by its own function (its size and weight), into lines by
    the same rules as wrap; return each line as (run index, text) pieces. Explicit newlines are kept. With
    no_lone_last, a last line of a single Chinese character takes the last unit of the line before."""
    text = "".join(texts)
    owner: list[int] = [index for index, run in enumerate(texts) for _ in run]
    starts = [0]
    for run in texts:
        starts.append(starts[-1] + len(run))

    def measure(start: int, end: int) -> float:
        total, position = 0.0, start
        while position < end:
            index = owner[position]
            stop = min(end, starts[index + 1])
            total += measures[index](text[position:stop])
            position = stop
        return total

    lines: list[list[tuple[int, str]]] = []
    offset = 0
    for paragraph in text.split("\n"):
        def span_width(start: int, end: int, base: int = offset) -> float:
            return measure(base + start, base + end)

        spans = _break(paragraph, width, span_width, no_lone_last)
        for start, end in spans:
            start, end = start + offset, end + offset
            pieces = []
            position = start
            while position < end:
                index = owner[position]
                stop = min(end, starts[index + 1])
                pieces.append((index, text[position:stop]))
                position = stop
            if not pieces:  # an empty line keeps the style of the run it belongs to
                pieces.append((owner[start] if start < len(owner) else max(len(texts) - 1, 0), ""))
            lines.append(pieces)
        offset += len(paragraph) + 1
    return lines


def _break(text: str, width: float, measure: Callable[[int, int], float],
           no_lone_last: bool = False) -> list[tuple[int, int]]:
    """The lines of one paragraph as (start, end) offsets into text; measure(start, end) gives a width."""
    # widths add up (advance widths, no kerning), so each unit is measured once
    lines: list[tuple[int, int]] = []
    start = end = 0  # the current line is text[start:end]
    current_width, space_width = 0.0, 0.0
    position = 0
    for token in tokens(text):
        token_start, position = position, position + len(token)
        if token.isspace():
            if end > start:
                space_width += measure(token_start, position)
            continue
        token_width = measure(token_start, position)
        if end > start and current_width + space_width + token_width <= width:
            end, current_width = position, current_width + space_width + token_width
        else:
            if end > start:
                lines.append((start, end))
            start, end, current_width = token_start, position, token_width
            at_separators = _has_separators(token)
            while current_width > width and end - start > 1:
                cut = _longest_prefix(text, start, end, width, measure, at_separators)
                lines.append((start, cut - 1 if text[cut - 1] in GLUE + " " else cut))  # no space ends a line
                start = cut
                current_width = measure(start, end)
        space_width = 0.0
    lines.append((start, end))
    if no_lone_last and len(lines) > 1 and _is_lone(text[start:end]):
        _take_last_unit(text, lines, width, measure)
    return lines


def _is_lone(line: str) -> bool:
    """A line of one Chinese character, with or without closing punctuation after it ("工", "工。")."""
    core = line.rstrip("".join(CLOSING))
    return len(core) == 1 and not core.isascii()


def _take_last_unit(text: str, lines: list[tuple[int, int]], width: float,
                    measure: Callable[[int, int], float]) -> None:
    """Move the last unit of the line before the last onto the last line, when both keep something and the
    last line still fits."""
    (start, end), (_, last_end) = lines[-2], lines[-1]
    units = tokens(text[start:end])
    if len(units) < 2 or len(units[-1].strip()) == 0:
        return
    cut = end - len(units[-1])
    head = text[start:cut].rstrip()
    if len(head.strip()) < 2 or measure(cut, last_end) > width:
        return
    lines[-2:] = [(start, start + len(head)), (cut, last_end)]


def _has_separators(unit: str) -> bool:
    """Whether a unit wider than a line breaks at its separators: a glued figure, an e-mail or web address, a
    telephone number."""
    return (any(mark in unit for mark in GLUE + "@ ") or "://" in unit or unit.startswith("www.")
            or (unit[0] in _PREFIX_CHARS and unit[1:2].isdigit()))


def _longest_prefix(text: str, start: int, end: int, width: float, measure: Callable[[int, int], float],
                    at_separators: bool = False) -> int:
    """Where to cut a unit text[start:end] wider than a line: after its last separator that fits (at_separators),
    else the longest start that fits, not ending before closing punctuation."""
    low, high = start + 1, end - 1  # widths grow with the cut: search for the last that fits (a long word is linear)
    while low < high:
        middle = (low + high + 1) // 2
        if measure(start, middle) <= width:
            low = middle
        else:
            high = middle - 1
    cut = low
    # a glued figure, an address or a long word with separators breaks after its last separator that fits
    if at_separators and cut < end and text[cut] in GLUE + " ":
        cut += 1  # a space at the end of a line takes no room
    if at_separators:  # its no-break spaces outside the number and its unit word first, then any other separator
        core = _CORE.search(text, start, end)
        inside = range(core.start() + 1, core.end()) if core else range(0)
        number = range(core.start("number") + 1, core.end()) if core else range(0)
        for separators, avoid in ((GLUE + " ", inside), (GLUE + " ", number), (GLUE + " ", range(0)),
                                  (_SEPARATORS, range(0))):
            for at_separator in range(cut, start, -1):
                if at_separator not in avoid and (text[at_separator - 1] in separators or (
                        at_separator == start + 1 and text[start] in _PREFIX_CHARS)):
                    return at_separator
    while cut > start + 1 and (text[cut] in CLOSING or text[cut - 1] in OPENING):
        cut -= 1
    return cut


def violations(lines: list[str]) -> list[str]:
    """Return descriptions of line-breaking faults: closing punctuation first, opening last, a split number.
    (A split Latin word cannot be told from a break at a space without the source text; see split_words.)"""
    found = []
    for index, line in enumerate(lines):
        if line and line[0] in CLOSING and line[0] not in "—·%":
            found.append(f"line {index + 1} starts with {line[0]}: {line}")
        if line and line[-1] in OPENING:
            found.append(f"line {index + 1} ends with {line[-1]}: {line}")
        if index + 1 < len(lines):
            nxt = lines[index + 1]
            if line and nxt and line[-1].isdigit() and (nxt[0] in UNIT_CHARS or nxt[0] in ".%"):
                found.append(f"line {index + 1} splits a number from its unit: {line}|{nxt}")
    return found


def fit_size(paragraphs: list[str], width: float, height: float, sizes: list[float],
             measure_at: Callable[[float], Measure], line_height: float = 1.2, paragraph_gap: float = 0.0,
             max_lines: int | None = None) -> tuple[float, list[list[str]]] | None:
    """Return the largest size (from sizes, largest first) at which the paragraphs fit the box, with their
    lines; None when they do not fit even at the smallest size."""
    for size in sorted(sizes, reverse=True):
        measure = measure_at(size)
        wrapped = [wrap(p, width, measure) for p in paragraphs]
        count = sum(len(lines) for lines in wrapped)
        needed = count * size * line_height + paragraph_gap * size * max(0, len(paragraphs) - 1)
        if needed <= height and (max_lines is None or count <= max_lines):
            return size, wrapped
    return None


def split_words(lines: list[str], source_text: str) -> list[str]:
    """Return the line ends where a Latin word or a number of source_text was cut in two."""
    found = []
    for pattern in (r"[A-Za-z]+", r"\d[\d.,]*"):
        words = set(re.findall(pattern, source_text))
        for index in range(len(lines) - 1):
            tail = re.search(pattern + "$", lines[index])
            head = re.match(pattern, lines[index + 1])
            if tail and head and tail.group() + head.group() in words and tail.group() not in words:
                found.append(f"line {index + 1} splits '{tail.group()}|{head.group()}'")
    return found
