"""Read YAML or JSON input files into plain data, keeping the line of every value."""
from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .errors import GeneratorError, Issue, SourceRef, did_you_mean
from .i18n import N_, _
from .reading import MAX_FILE_BYTES as MAX_FILE_BYTES, display_path as display_path, read_bytes

if TYPE_CHECKING:
    from yaml.constructor import SafeConstructor
    from yaml.error import Mark, MarkedYAMLError
    from yaml.nodes import Node

#: what is read, as messages name it
WHAT = (N_("file"), N_("layout"), N_("dataset"), N_("source article"), N_("template"), N_("logo"))

MAX_NODES = 200_000
MAX_DEPTH = 40
MAX_CHARS = 1_000_000  # text after aliases are expanded: a layout has about 10,000 characters, the dataset 100,000

KeyPath = tuple[str | int, ...]


@dataclass(frozen=True)
class Loaded:
    """Plain data from a file, and the position of each value by its key path."""

    path: str
    data: Any
    positions: dict[KeyPath, SourceRef]
    lines: tuple[str, ...] = ()  # the file's lines, for hints about what was typed
    # mistakes a lenient read reports instead of stopping (typing slips, a bad date): the data is read as meant
    issues: tuple[Issue, ...] = ()

    def line_at(self, key_path: KeyPath) -> str:
        """The source line of the value at key_path ("" when unknown)."""
        line = self.ref(key_path).line
        return self.lines[line - 1] if 0 < line <= len(self.lines) else ""

    def ref(self, key_path: KeyPath = ()) -> SourceRef:
        """Return the position of the value at key_path, or of its nearest parent that has one."""
        key_path = tuple(key_path)
        while key_path and key_path not in self.positions:
            key_path = key_path[:-1]
        return self.positions.get(key_path, SourceRef(self.path))


def read_text(path: Path, what: str = "file") -> str:
    """Return a file's text as UTF-8; raise GeneratorError for missing, special, large, binary or non-UTF-8 files."""
    shown = display_path(path)
    raw = read_bytes(path, what)
    if b"\x00" in raw:
        raise GeneratorError(_("{what} is binary, not text").format(
            what=_(what)), SourceRef(shown), _("expected a UTF-8 text file"))
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise GeneratorError(
            _("text is not UTF-8"), SourceRef(shown, line), _("save the file as UTF-8 (in Notepad: Save As, Encoding UTF-8)")
        ) from None
    bad = _CONTROL.search(text)
    if bad:
        line = text.count("\n", 0, bad.start()) + 1
        raise GeneratorError(_("the file holds an invisible control character (U+{code:04X})").format(
            code=ord(bad.group())), SourceRef(shown, line), _("delete it and type the text again"))
    return text


#: characters that print as boxes or break lines unseen (tabs, line and carriage-return breaks are allowed)
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\x85\u2028\u2029]")


def load_file(path: Path, what: str = "file", lenient: bool = False) -> Loaded:
    """Load a .yaml/.yml or .json file; raise GeneratorError with the position of any syntax problem. Lenient,
    the mistakes after which the rest of a YAML file can still be read (Chinese typing slips, a value that is not
    what its tag says, such as the date 2021-02-30) are returned in Loaded.issues, so that the caller reports them
    with the file's other mistakes in one round."""
    text = read_text(path, what)
    shown = display_path(path)
    if path.suffix.lower() == ".json":
        return _load_json(text, shown)
    return _load_yaml(text, shown, lenient)


def _load_json(text: str, shown: str) -> Loaded:
    import json

    def refuse_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        result: dict[str, Any] = {}
        for key, value in pairs:
            if key in result:  # json keeps the last silently; YAML files refuse it too
                raise GeneratorError(_("duplicate key '{key}'").format(key=key), SourceRef(shown),
                                     _("remove one of the two"))
            result[key] = value
        return result

    try:
        data = json.loads(text, object_pairs_hook=refuse_duplicates)
    except json.JSONDecodeError as exc:
        from .slips import JSON_PROBLEMS, parser_words

        raise GeneratorError(_("invalid JSON: {exc_msg}").format(
            exc_msg=parser_words(exc.msg, JSON_PROBLEMS)), SourceRef(shown, exc.lineno, exc.colno)) from None
    except RecursionError:
        raise GeneratorError(_("JSON is nested too deeply"), SourceRef(shown)) from None
    positions: dict[KeyPath, SourceRef] = {}

    def walk(value: Any, key_path: KeyPath, depth: int) -> None:
        if depth > MAX_DEPTH:
            raise GeneratorError(_("data is nested more than {max_depth} levels deep").format(
                max_depth=MAX_DEPTH), SourceRef(shown))
        positions[key_path] = SourceRef(shown, key_path="$" + "".join(_json_step(k) for k in key_path))
        if isinstance(value, dict):
            for key, item in value.items():
                walk(item, key_path + (key,), depth + 1)
        elif isinstance(value, list):
            for index, item in enumerate(value):
                walk(item, key_path + (index,), depth + 1)
        elif isinstance(value, str):
            _refuse_escaped_control(value, positions[key_path])

    walk(data, (), 0)
    return Loaded(shown, data, positions)


def _json_step(key: str | int) -> str:
    return f"[{key}]" if isinstance(key, int) else f".{key}"


def _load_yaml(text: str, shown: str, lenient: bool = False) -> Loaded:
    import yaml

    # libyaml's parser when PyYAML was built with it (the wheels are): ten times faster than pure Python
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)(text)
    try:
        node = loader.get_single_node()
    except yaml.MarkedYAMLError as exc:
        error, meant = _syntax_error(text, shown, exc)
        if lenient and meant is not None:  # only typing slips: the rest is read as it was meant
            from dataclasses import replace

            loaded = _load_yaml(meant, shown, lenient=True)  # its own mistakes are among the error's already
            return replace(loaded, lines=tuple(text.splitlines()), issues=tuple(error.issues))
        raise error from None
    except yaml.YAMLError as exc:
        raise GeneratorError(_("invalid YAML: {exc}").format(exc=exc), SourceRef(shown)) from None
    except RecursionError:
        raise GeneratorError(_("YAML is nested too deeply"), SourceRef(shown)) from None
    finally:
        loader.dispose()
    if node is None:
        raise GeneratorError(_("file is empty"), SourceRef(shown, 1), _("copy a shipped file as a starting point"))
    positions: dict[KeyPath, SourceRef] = {}
    counter = [0, 0]  # values, characters of text
    bad_values: list[Issue] | None = [] if lenient else None
    data = _construct(node, (), positions, shown, loader, counter, 0, bad_values)
    return Loaded(shown, data, positions, tuple(text.splitlines()), tuple(bad_values or ()))


def _syntax_error(text: str, shown: str, exc: MarkedYAMLError) -> tuple[GeneratorError, str | None]:
    """The message for a file the YAML parser stops in: every Chinese typing slip of the file on its own line (the
    parser stops at the first, often a line below it), else the parser's words, in the interface's language, with
    advice; and the text as it was meant when the slips are all its syntax mistakes (else None)."""
    from .slips import find_slips, missing_colon, parser_words, repaired, unquoted_colour

    mark = exc.problem_mark or exc.context_mark
    problem = exc.problem or exc.context or "syntax error"
    slips = find_slips(text)
    if not slips and mark is not None and "could not find expected ':'" in problem:
        slip = missing_colon(text, mark.line + 1)
        slips = [slip] if slip else []
    if slips:
        issues = [Issue(SourceRef(shown, slip.line, slip.column), slip.message, slip.hint) for slip in slips]
        meant: str | None = repaired(text, slips)
        slip_lines = {slip.line for slip in slips}
        try:  # the rest of the file, read as it was meant: a mistake the slips do not explain is reported too
            if meant != text:
                issues += [issue for issue in _load_yaml(meant or "", shown, lenient=True).issues
                           if issue.ref is None or issue.ref.line not in slip_lines]
            else:
                meant = None
        except GeneratorError as more:
            issues += [issue for issue in more.issues if issue.ref is None or issue.ref.line not in slip_lines]
            meant = None
        return GeneratorError(issues), meant
    hint = ""
    line = _line_at(text, mark)
    lines = text.splitlines()
    if mark is not None and 0 < mark.line <= len(lines) and "expected ',' or '}'" in problem \
            and not unquoted_colour(line) and unquoted_colour(lines[mark.line - 1]):
        # a # in a { … } group starts a comment: the parser stops at the start of the next line
        return GeneratorError(_("invalid YAML: {problem}").format(problem=parser_words(problem)),
                              SourceRef(shown, mark.line), unquoted_colour(lines[mark.line - 1])), None
    if "\t" in problem or "\\t" in problem or "tab" in problem.lower() or _char_at(text, mark) == "\t":
        hint = _("indent with spaces, not tabs")
    elif unquoted_colour(line):
        hint = unquoted_colour(line)
    elif "mapping values are not allowed" in problem:
        hint = _("a value containing ': ' must be quoted")
    elif re.search(r":\s+[\[{][^\]}]*[\]}]\S", line) or "expected ',' or '}'" in problem \
            or "expected ',' or ']'" in problem:
        hint = _('a value that starts with { or [ but is text must be quoted: title_zh: "{plan_year}年目标"')
    elif "expected key" in problem or "expected <block end>" in problem or "expected '-'" in problem:
        hint = _("check the indentation: the keys of one entry, and the entries of one list, start in the same column")
    ref = SourceRef(shown, mark.line + 1, mark.column + 1) if mark else SourceRef(shown)
    return GeneratorError(_("invalid YAML: {problem}").format(problem=parser_words(problem)), ref, hint), None


def _line_at(text: str, mark: Mark | None) -> str:
    lines = text.splitlines()
    return lines[mark.line] if mark is not None and mark.line < len(lines) else ""


def _char_at(text: str, mark: Mark | None) -> str:
    if mark is None:
        return ""
    lines = text.splitlines()
    if mark.line < len(lines) and mark.column < len(lines[mark.line]):
        return lines[mark.line][mark.column]
    return ""


def _construct(node: Node, key_path: KeyPath, positions: dict[KeyPath, SourceRef], shown: str,
               loader: SafeConstructor, counter: list[int], depth: int, bad_values: list[Issue] | None = None) -> Any:
    import yaml

    ref = SourceRef(shown, node.start_mark.line + 1, node.start_mark.column + 1)
    counter[0] += 1
    if counter[0] > MAX_NODES:
        raise GeneratorError(
            _("YAML expands to more than {max_nodes} values").format(
                max_nodes=MAX_NODES), ref, _("anchors and aliases (&, *) repeat too much")
        )
    if depth > MAX_DEPTH:
        raise GeneratorError(_("YAML is nested more than {max_depth} levels deep").format(max_depth=MAX_DEPTH), ref)
    positions[key_path] = ref
    if isinstance(node, yaml.MappingNode):
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                raise GeneratorError(_("a key must be plain text"), _ref_of(key_node, shown))
            if key_node.tag == "tag:yaml.org,2002:merge":
                raise GeneratorError(_("merge keys (<<) are not supported"), _ref_of(key_node, shown), _("write the keys out"))
            key = loader.construct_object(key_node)
            if not isinstance(key, str):
                key = str(key)
            if key in result:
                first = positions.get(key_path + (key,))
                raise GeneratorError(
                    _("duplicate key '{key}'").format(key=key),
                    _ref_of(key_node, shown),
                    _("first defined at line {line}").format(line=first.line) if first else "",
                )
            result[key] = _construct(value_node, key_path + (key,), positions, shown, loader, counter, depth + 1,
                                     bad_values)
            positions[key_path + (key,)] = _ref_of(key_node, shown)
        return result
    if isinstance(node, yaml.SequenceNode):
        return [
            _construct(item, key_path + (index,), positions, shown, loader, counter, depth + 1, bad_values)
            for index, item in enumerate(node.value)
        ]
    try:
        value = loader.construct_object(node, deep=True)
    except (yaml.YAMLError, ValueError) as exc:
        key = f" for '{key_path[-1]}'" if key_path and isinstance(key_path[-1], str) else ""
        if str(node.tag).endswith(":timestamp"):  # 2021-02-30: a date the calendar does not have
            impossible = Issue(ref, _("'{name}' is {value}, a date that does not exist").format(
                name=key_path[-1] if key_path else "date", value=getattr(node, "value", "")),
                _("write a date of the calendar as YYYY-MM-DD, e.g. 2021-01-20"))
            if bad_values is None:
                raise GeneratorError([impossible]) from None
            bad_values.append(impossible)
            return getattr(node, "value", None)
        if bad_values is None:
            raise GeneratorError(_("invalid value{key}: {exc}").format(key=key, exc=exc), ref) from None
        bad_values.append(Issue(ref, _("invalid value{key}: {exc}").format(key=key, exc=exc)))
        return getattr(node, "value", None)  # the text as written: the model reports nothing more on its line
    if isinstance(value, str):
        _refuse_escaped_control(value, ref)
        counter[1] += len(value)
        if counter[1] > MAX_CHARS:
            raise GeneratorError(_("YAML expands to more than {max_chars} characters of text").format(
                max_chars=f"{MAX_CHARS:,}"), ref, _("anchors and aliases (&, *) repeat too much"))
    return value


def _refuse_escaped_control(value: str, ref: SourceRef) -> None:
    """A control character written as an escape ("\x1F", "\u001f") that the file's own check cannot see."""
    bad = _CONTROL.search(value)
    if bad:
        raise GeneratorError(
            _("the text holds an invisible control character (U+{code:04X}), written as an escape").format(
                code=ord(bad.group())), ref, _("delete the escape (a backslash and the code) from the text"))


def _ref_of(node: Node, shown: str) -> SourceRef:
    return SourceRef(shown, node.start_mark.line + 1, node.start_mark.column + 1)


def load_yaml_text(text: str, shown: str) -> Loaded:
    """Load YAML written somewhere other than a file of its own (a workbook's cell); raise GeneratorError."""
    return _load_yaml(text, shown)


def dump_yaml(data: Any, flow: bool = False) -> str:
    """Return plain data as YAML text: block style, or on one line in flow style (for a workbook's cell)."""
    import yaml

    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=10_000 if flow else 100,
                          default_flow_style=True if flow else False)


def write_json(path: Path, data: Any) -> None:
    """Write data as indented UTF-8 JSON (used for the generated layout schema)."""
    import json

    path.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


def resolve_layout_path(name: str, layouts_dir: Path) -> Path:
    """Return the file of a layout given by name (from layouts_dir) or by path; raise GeneratorError if none."""
    candidate = Path(name)
    # anything at the path is returned: reading it says what is wrong with it (a folder, a pipe, a device)
    if candidate.suffix in {".yaml", ".yml"} or "/" in name or "\\" in name:
        if not os.path.lexists(candidate):
            raise GeneratorError(_("layout file not found: {name}").format(name=name), hint=_("check the path"))
        return candidate
    path = layouts_dir / f"{name}.yaml"
    if os.path.lexists(path):
        return path
    if os.path.lexists(layouts_dir) and not layouts_dir.is_dir():
        raise GeneratorError(_("{layouts_dir} is a file, not a folder of layouts").format(layouts_dir=layouts_dir),
                             hint=_("move the file away, or name the layout by its path"))
    names = sorted(p.stem for p in layouts_dir.glob("*.yaml"))
    raise GeneratorError(
        _("unknown layout '{name}' (looked in {layouts_dir}/)").format(name=name, layouts_dir=layouts_dir),
        hint=did_you_mean(name, names) or (_("layouts: {names}").format(names=", ".join(names)) if names else
                                           _("the folder has no layouts")),
    )
