"""The documentation keeps up with the program: every key of the layout schema is documented by `briefing kinds
--keys` with an example that is valid YAML for that key, and the English and Chinese READMEs show the same
commands."""
from __future__ import annotations

import re

import yaml
from click.testing import CliRunner

from generator.cli import cli

from ..conftest import ROOT


def _schema_keys() -> set[str]:
    from generator.layouts import layout_json_schema

    schema = layout_json_schema()
    keys = set(schema["properties"])
    for definition in schema["$defs"].values():
        keys |= set(definition["properties"])
    return keys


def test_every_key_of_the_layout_schema_is_documented_with_an_example_of_itself():
    from generator.keys import layout_keys

    documented = layout_keys()  # raises KeyError for a key of the schema without a text and an example
    names = {doc.name for docs in documented.values() for doc in docs}
    assert names == _schema_keys()
    for docs in documented.values():
        for doc in docs:
            assert doc.what and doc.type, doc
            if doc.name != "$schema":
                example = yaml.safe_load(doc.example.removeprefix("- "))
                assert isinstance(example, dict) and list(example) == [doc.name], doc.example


def test_kinds_keys_lists_every_key_in_both_languages():
    keys = _schema_keys()
    for ui in ("en", "zh"):
        shown = CliRunner().invoke(cli, ["--ui", ui, "kinds", "--keys"], catch_exceptions=False).output
        listed = set(re.findall(r"^  (\S+?)(?:  \(|（)", shown, re.M))
        assert listed == keys, sorted(keys ^ listed)
    assert "new_page_per_part（true | false；默认：true）" in shown and "简报每个部分另起一页" in shown


def _commands(readme: str) -> list[str]:
    """The commands of a README's shell blocks, without their comments."""
    text = (ROOT / readme).read_text(encoding="utf-8")
    commands = []
    for block in re.findall(r"```sh\n(.*?)```", text, re.S):
        for line in block.splitlines():
            command = re.split(r"\s+#\s", line, maxsplit=1)[0].strip()
            if command and not command.startswith("#"):
                commands.append(command)
    return commands


def test_the_english_and_chinese_readmes_show_the_same_commands():
    english, chinese = _commands("README.md"), _commands("README.zh-CN.md")
    assert len(english) > 20 and english == chinese


def test_the_readmes_document_the_settings_users_asked_about():
    for readme in ("README.md", "README.zh-CN.md"):
        text = (ROOT / readme).read_text(encoding="utf-8")
        for setting in ("new_page_per_part: false", "fact_table: false", "contact_zh: |-", "logo: logo.png",
                        "max_bullets_per_slide", "--port", "--open", "--lang zh|en", "briefing kinds --keys"):
            assert setting in text, (readme, setting)


def test_every_command_the_readmes_show_is_a_command_of_the_program():
    options = {name: {opt for param in command.params for opt in getattr(param, "opts", [])}
               for name, command in cli.commands.items()}
    for command in _commands("README.md"):
        if not command.startswith("briefing "):
            continue
        words = command.split()
        assert words[1] in options, command
        assert all(word in options[words[1]] for word in words[2:] if word.startswith("--")), command
