"""The interface's language: help and messages are written in English and shown in Chinese when the locale is
Chinese (LANG=zh_CN.UTF-8) or `--ui zh` is given, from the gettext catalogue generator/locale/zh_CN/LC_MESSAGES/
briefing.po (extracted and updated with Babel: `make messages`)."""
from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from babel.messages.catalog import Catalog

CATALOGUE = Path(__file__).resolve().parent / "locale" / "zh_CN" / "LC_MESSAGES" / "briefing.po"
_chosen: str | None = None


def ui_language() -> str:
    """'zh' or 'en': `--ui`, else BRIEFING_UI, else the locale (LC_ALL, LC_MESSAGES, LANG, as gettext reads them)."""
    if _chosen:
        return _chosen
    for name in ("BRIEFING_UI", "LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(name, "")
        if value:
            return "zh" if value.lower().startswith("zh") else "en"
    return "en"


def set_ui_language(language: str | None) -> None:
    """Choose the interface language for the rest of the process (None: follow the locale again)."""
    global _chosen
    _chosen = language


@lru_cache(maxsize=1)
def _translations() -> dict[str, str]:
    # The catalogue is read with Babel's PO reader when Chinese is asked for (about 20 ms), so that no compiled
    # .mo file has to be kept in step with the .po file in the repository.
    from babel.messages.pofile import read_po

    with CATALOGUE.open("rb") as handle:
        catalogue = read_po(handle)
    return {message.id: message.string for message in catalogue if message.id and message.string
            and isinstance(message.id, str) and isinstance(message.string, str) and not message.fuzzy}


def _(message: str) -> str:
    """The message in the interface's language (the English message when it has no translation)."""
    if not message or ui_language() != "zh":
        return message
    return _translations().get(message, message)


def N_(message: str) -> str:
    """Marks a message for the catalogue where it is defined; it is translated where it is shown, with _()."""
    return message


#: click's own words that our help and errors show (click translates them through gettext; see cli.py)
CLICK_WORDS = (
    N_("Usage:"), N_("Options"), N_("Commands"), N_("Show this message and exit."), N_("Show the version and exit."),
    N_("%(prog)s, version %(version)s"), N_("Error: {message}"), N_("Try '{command} {option}' for help."),
    N_("No such command {name!r}."), N_("No such option {name!r}."), N_("Invalid value for {param_hint}: {message}"),
    N_("Missing argument"), N_("Missing option"), N_("Missing parameter: {param_name}"), N_("Aborted!"),
    N_("default: {default}"), N_("{value!r} is not one of {choices}."),
    N_("{value!r} is not {choice}."), N_("{name} {filename!r} does not exist."), N_("file"), N_("directory"),
    N_("path"), N_("{name} {filename!r} is a directory."), N_("{name} {filename!r} is a file."),
)


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
