"""Chinese typing slips in YAML, found on the line where they were typed: a full-width colon, comma or 、 used as
YAML's punctuation, full-width spaces or a tab in the indentation, curly quotes around a key, an unquoted colour.
The YAML parser stops at the first one, often a line below it and in its own words; loading asks here, on its
error path only, for every slip of the file with the advice to fix it. Text only: no parser is imported."""
from __future__ import annotations

import re
from dataclasses import dataclass

from .i18n import N_, _

#: a key as layouts and datasets write them (English snake_case, STYLE.md), after any indentation and list dash
_KEY = r"^(?P<indent>[ \t\u3000]*(?:-[ \t\u3000]+)?)(?P<key>[A-Za-z_][A-Za-z0-9_]*)"
_FULL_WIDTH_COLON = re.compile(_KEY + r"[ \t\u3000]*：")
_CURLY_KEY = re.compile(r"^[ \t\u3000]*(?:-[ \t\u3000]+)?[“”‘’\"'](?P<key>[A-Za-z_][A-Za-z0-9_]*)[“”‘’]\s*[:：]")
_NO_COLON = re.compile(_KEY + r"[ \t\u3000]+[^:\s#][^:]*$")
_TAB_INDENT = re.compile(r"^[ \u3000]*\t")
_IDEOGRAPHIC_INDENT = re.compile(r"^[ \t]*\u3000")
#: an id list or a group written in brackets, whose items are separated by a full-width comma or 、
_FLOW_SEPARATOR = re.compile(r"[\[{][^\]}\n]*[，、][^\]}\n]*[\]}]?")
_UNQUOTED_COLOUR = re.compile(r"(?P<key>[A-Za-z_]+):[ \t]+(?P<colour>#[0-9A-Fa-f]{3,8})\b")


@dataclass(frozen=True)
class Slip:
    """A slip on a line (1-based) and column (1-based): what is wrong and what to write instead."""

    line: int
    column: int
    message: str
    hint: str
    kind: str  # indent, colon, quotes, separator or missing_colon: how repaired() writes the line


def find_slips(text: str) -> list[Slip]:
    """Every typing slip of a YAML text, in the order of its lines (comments are skipped)."""
    slips: list[Slip] = []
    block_scalar_indent: int | None = None  # inside a `|` or `>` block the lines are text, not YAML
    for number, line in enumerate(text.splitlines(), 1):
        stripped = line.lstrip(" \t\u3000")
        indent = len(line) - len(stripped)
        if block_scalar_indent is not None:
            if not stripped or indent > block_scalar_indent:
                continue
            block_scalar_indent = None
        if not stripped or stripped.startswith("#"):
            continue
        if re.search(r":[ \t]*[|>][+-]?[ \t]*(#.*)?$", line):
            block_scalar_indent = indent
        slips.extend(_line_slips(number, line))
    return slips


def _line_slips(number: int, line: str) -> list[Slip]:
    found: list[Slip] = []
    if _TAB_INDENT.match(line):
        found.append(Slip(number, line.index("\t") + 1, _("a tab in the indentation"),
                          _("indent with spaces, not tabs"), "indent"))
    if _IDEOGRAPHIC_INDENT.match(line):
        found.append(Slip(number, line.index("\u3000") + 1, _("a full-width space (U+3000) in the indentation"),
                          _("indent with half-width spaces, not full-width ones"), "indent"))
    colon = _FULL_WIDTH_COLON.match(line)
    if colon:
        found.append(Slip(number, line.index("：") + 1,
                          _("a full-width colon ： after '{key}'").format(key=colon.group("key")),
                          _("write a half-width colon : instead of the full-width colon ："), "colon"))
    curly = _CURLY_KEY.match(line)
    if curly:
        found.append(Slip(number, len(line) - len(line.lstrip(" \t\u3000-")) + 1,
                          _("the key '{key}' is in quotation marks").format(key=curly.group("key")),
                          _("write the key without quotation marks: {key}: …").format(key=curly.group("key")),
                          "quotes"))
    separator = _FLOW_SEPARATOR.search(_without_quoted(line))
    if separator:
        mark = "，" if "，" in separator.group() else "、"
        found.append(Slip(number, line.index(mark) + 1,
                          _("a full-width {mark} between the items of a list or group").format(mark=mark),
                          _("separate the items with a half-width comma and a space: [a, b]"), "separator"))
    return found


def _without_quoted(line: str) -> str:
    """The line with its quoted texts blanked out (a Chinese text in quotes may hold ，)."""
    return re.sub(r"\"[^\"]*\"|'[^']*'", lambda found: " " * len(found.group()), line)


def missing_colon(text: str, before_line: int) -> Slip | None:
    """The key without a colon that the parser reports at before_line (1-based), on the line where it was typed:
    the nearest line above (or at) it that holds a key and a value but no colon."""
    lines = text.splitlines()
    for number in range(min(before_line, len(lines)), 0, -1):
        line = lines[number - 1]
        stripped = line.strip()
        if not stripped or stripped.startswith("#"):
            continue
        found = _NO_COLON.match(line)
        if found and "：" not in line:
            return Slip(number, len(found.group("indent")) + len(found.group("key")) + 1,
                        _("'{key}' has no colon").format(key=found.group("key")),
                        _("write a colon and a space after the key: {key}: …").format(key=found.group("key")),
                        "missing_colon")
        if number < before_line:
            return None
    return None


def unquoted_colour(line: str) -> str:
    """Advice for a colour written without quotes in a { … } group, where YAML reads # as a comment; or ""."""
    found = _UNQUOTED_COLOUR.search(line)
    if not found:
        return ""
    return _('quote the colour, as YAML reads # as the start of a comment: {key}: "{colour}"').format(
        key=found.group("key"), colour=found.group("colour"))


def key_slip(key: str, allowed: set[str] | list[str]) -> str:
    """Advice for an unknown key that is an allowed one with curly quotes, full-width spaces or a full-width colon
    around it; or ""."""
    bare = key.strip(" \t\u3000“”‘’\"'：")
    if bare == key or bare not in allowed:
        return ""
    if "：" in key:
        return _("write a half-width colon : instead of the full-width colon ：")
    if "\u3000" in key:
        return _("indent with half-width spaces, not full-width ones")
    return _("write the key without quotation marks: {key}: …").format(key=bare)


#: the YAML parser's words for what it found (libyaml's and PyYAML's), shown in the interface's language
PARSER_PROBLEMS = (
    N_("could not find expected ':'"), N_("mapping values are not allowed in this context"),
    N_("mapping values are not allowed here"), N_("found a tab character that violates indentation"),
    N_("found a tab character where an indentation space is expected"), N_("did not find expected key"),
    N_("did not find expected '-' indicator"), N_("did not find expected ',' or '}'"),
    N_("did not find expected ',' or ']'"), N_("found unexpected end of stream"), N_("found undefined alias"),
    N_("found unknown escape character"), N_("did not find expected node content"),
    N_("found character that cannot start any token"), N_("did not find expected <document start>"),
    N_("found unexpected ':'"), N_("control characters are not allowed"), N_("syntax error"),
    N_("found duplicate anchor; first occurrence"), N_("expected <block end>, but found '-'"),
    N_("found incompatible YAML document"), N_("did not find expected comment or line break"),
    N_("found unexpected document indicator"),
)

#: the JSON parser's words (Python's json module), shown in the interface's language
JSON_PROBLEMS = (
    N_("Expecting property name enclosed in double quotes"), N_("Expecting ',' delimiter"),
    N_("Expecting ':' delimiter"), N_("Expecting value"), N_("Extra data"), N_("Unterminated string starting at"),
    N_("Invalid control character at"), N_("Invalid \\escape"), N_("Invalid \\uXXXX escape"),
    N_("Illegal trailing comma before end of object"), N_("Illegal trailing comma before end of array"),
)


def parser_words(problem: str, known: tuple[str, ...] = PARSER_PROBLEMS) -> str:
    """A parser's message in the interface's language: a known message is translated, with what follows it (the
    character found) kept; an unknown one is shown as it is."""
    for message in known:
        if problem.startswith(message):
            return _(message) + problem[len(message):]
    character = re.fullmatch(r"found character (.+) that cannot start any token", problem)
    if character:
        return _("found character {character} that cannot start any token").format(character=character.group(1))
    return problem


def repaired(text: str, slips: list[Slip]) -> str:
    """The text with each slip's line written as it was meant (same lines, so positions stay right), for reading
    on to find the file's other mistakes in the same round."""
    lines = text.splitlines()
    for slip in slips:
        line = lines[slip.line - 1]
        if slip.kind == "indent":
            line = _previous_indent(lines, slip.line - 1) + line.lstrip(" \t\u3000")
        elif slip.kind == "colon":
            line = _FULL_WIDTH_COLON.sub(lambda found: found.group("indent") + found.group("key") + ": ", line, 1)
        elif slip.kind == "quotes":
            line = re.sub(r"^([ \t\u3000]*(?:-[ \t\u3000]+)?)[“”‘’\"']([A-Za-z_][A-Za-z0-9_]*)[“”‘’]", r"\1\2", line)
        elif slip.kind == "separator":
            line = re.sub(r"[，、]\s*", ", ", line)
        elif slip.kind == "missing_colon":
            found = _NO_COLON.match(line)
            if found:
                end = len(found.group("indent")) + len(found.group("key"))
                line = line[:end] + ":" + line[end:]
        lines[slip.line - 1] = line
    return "\n".join(lines) + "\n"


def _previous_indent(lines: list[str], index: int) -> str:
    """The indentation of the content of the nearest line above (after its list dash): where a key typed on the
    next line most likely belongs."""
    for line in reversed(lines[:index]):
        if line.strip() and not line.lstrip().startswith("#"):
            found = re.match(r"^[ ]*(?:-[ ]+)?", line)
            return " " * len(found.group()) if found else ""
    return ""
