"""YAML and JSON loading keeps positions and turns every syntax problem into a message with a line."""
from __future__ import annotations

import pytest

from generator.errors import GeneratorError
from generator.loading import load_file


def _load(tmp_path, text: str | bytes, name: str = "x.yaml"):
    path = tmp_path / name
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return load_file(path)


def _message(tmp_path, text, name="x.yaml") -> str:
    with pytest.raises(GeneratorError) as info:
        _load(tmp_path, text, name)
    return str(info.value)


def test_positions_are_kept(tmp_path):
    loaded = _load(tmp_path, "a: 1\nlist:\n  - name: x\n    value: 2\n")
    assert loaded.data == {"a": 1, "list": [{"name": "x", "value": 2}]}
    assert loaded.ref(("list", 0, "value")).line == 4
    assert loaded.ref(("list", 0, "missing", 3)).line == 3  # nearest known parent


def test_tab_indentation_names_the_line(tmp_path):
    message = _message(tmp_path, "a:\n\tb: 1\n")
    assert ":2:" in message and "tabs" in message


def test_duplicate_key_is_an_error(tmp_path):
    message = _message(tmp_path, "a: 1\nb: 2\na: 3\n")
    assert "x.yaml:3:1: duplicate key 'a' (first defined at line 1)" in message


def test_empty_file(tmp_path):
    assert "x.yaml:1: file is empty" in _message(tmp_path, "# only a comment\n")


def test_binary_and_non_utf8(tmp_path):
    assert "binary" in _message(tmp_path, b"\x89PNG\x00\x00")
    assert "x.yaml:2: text is not UTF-8" in _message(tmp_path, "a: 1\nb: 日照\n".encode("gbk"))


def test_alias_bomb_is_stopped(tmp_path):
    lines = ["a: &a [x, x, x, x, x, x, x, x, x, x]"]
    for i in range(1, 9):
        lines.append(f"{chr(97 + i)}: &{chr(97 + i)} [" + ", ".join([f"*{chr(96 + i)}"] * 10) + "]")
    assert "more than" in _message(tmp_path, "\n".join(lines) + "\n")


def test_deep_nesting_is_stopped(tmp_path):
    assert "nested" in _message(tmp_path, "a: " + "[" * 60 + "]" * 60 + "\n")


def test_json_syntax_error_has_line_and_column(tmp_path):
    assert "x.json:2:7: invalid JSON" in _message(tmp_path, '{"a": 1,\n "b": }', "x.json")


def test_json_positions_are_key_paths(tmp_path):
    loaded = _load(tmp_path, '{"facts": [{"value": 1}]}', "x.json")
    assert str(loaded.ref(("facts", 0, "value"))).endswith("x.json ($.facts[0].value)")
