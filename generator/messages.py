"""The interface's messages gathered for translation: every `_()`/`N_()` of the package and the command line's help,
merged with Babel into the Chinese catalogue (`make messages`). Apart from i18n.py, which only reads the catalogue:
gathering the help reads the command line, which is built on everything else."""
from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from .i18n import CATALOGUE

if TYPE_CHECKING:
    from babel.messages.catalog import Catalog


def extracted_messages() -> Catalog:
    """A Babel catalogue of every message of the package: its `_()`/`N_()` calls and the command line's help."""
    from babel.messages.catalog import Catalog
    from babel.messages.extract import extract_from_dir

    template = Catalog(project="briefing", charset="utf-8")
    package = Path(__file__).resolve().parent
    for filename, lineno, message, comments, context in extract_from_dir(
            str(package), method_map=[("**.py", "python")], keywords={"_": None, "N_": None}):
        template.add(message, locations=[(f"generator/{filename}", lineno)])
    for text, where in command_line_texts():
        template.add(text, locations=[(where, 0)])
    return template


def update_catalogue() -> int:
    """Merge the extracted messages into the Chinese catalogue, keeping existing translations; return the number
    left to translate. Run with `make messages`, then translate the empty msgstr entries of the .po file."""
    from babel.messages.catalog import Catalog
    from babel.messages.pofile import read_po, write_po

    template = extracted_messages()
    if CATALOGUE.exists():
        with CATALOGUE.open("rb") as handle:
            catalogue = read_po(handle, locale="zh_CN")
        catalogue.update(template, no_fuzzy_matching=True)
    else:
        catalogue = Catalog(locale="zh_CN", project="briefing", charset="utf-8")
        catalogue.update(template, no_fuzzy_matching=True)
    catalogue.obsolete.clear()
    CATALOGUE.parent.mkdir(parents=True, exist_ok=True)
    with CATALOGUE.open("wb") as handle:
        write_po(handle, catalogue, width=120, omit_header=True, sort_output=True, include_lineno=False)
    return sum(1 for message in catalogue if message.id and not message.string)


def command_line_texts() -> list[tuple[str, str]]:
    """Every help text of the command line (commands' docstrings and options' help), with the command's name."""
    import click

    from .cli import cli

    found: list[tuple[str, str]] = []

    def walk(command: click.Command, name: str) -> None:
        if command.help:
            found.append((command.help, name))
        for param in command.params:
            help_text = getattr(param, "help", None)  # options have help, arguments do not
            if isinstance(help_text, str) and help_text:
                found.append((help_text, name))
        for sub_name, sub in getattr(command, "commands", {}).items():
            walk(sub, f"{name} {sub_name}")

    walk(cli, "briefing")
    return found


if __name__ == "__main__":
    print(f"{CATALOGUE}: {update_catalogue()} messages to translate")
