"""The interface's language: help and messages are written in English and shown in Chinese when the locale is
Chinese (LANG=zh_CN.UTF-8) or `--ui zh` is given. Translations are gettext catalogues in generator/locale/zh_CN/
LC_MESSAGES/: briefing.po for the program's own messages and click.po for click's (its usage errors and help
headings), each compiled to a .mo file that the standard gettext module reads (`make messages` extracts, merges and
compiles them with Babel)."""
from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import gettext

    from babel.messages.catalog import Catalog

LOCALE_DIR = Path(__file__).resolve().parent / "locale"
DOMAIN = "briefing"
#: click writes its words through gettext's current domain (`from gettext import gettext as _` in its modules); its
#: catalogue is installed as that domain while the command line runs
CLICK_DOMAIN = "click"
CATALOGUE = LOCALE_DIR / "zh_CN" / "LC_MESSAGES" / f"{DOMAIN}.po"
CLICK_CATALOGUE = LOCALE_DIR / "zh_CN" / "LC_MESSAGES" / f"{CLICK_DOMAIN}.po"
_chosen: str | None = None
_click_speaks: bool = False  # whether click_speaks_the_interface_language() is active


def ui_language() -> str:
    """'zh' or 'en': `--ui`, else BRIEFING_UI, else the locale (LANGUAGE, LC_ALL, LC_MESSAGES, LANG, as gettext
    reads them)."""
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
    if _click_speaks:
        _tell_gettext()


@lru_cache(maxsize=1)
def _translations() -> gettext.NullTranslations:
    import gettext

    return gettext.translation(DOMAIN, LOCALE_DIR, languages=["zh_CN"], fallback=True)


def _(message: str) -> str:
    """The message in the interface's language (the English message when it has no translation)."""
    if not message or ui_language() != "zh":
        return message
    return _translations().gettext(message)


def N_(message: str) -> str:
    """Marks a message for the catalogue where it is defined; it is translated where it is shown, with _()."""
    return message


def _tell_gettext() -> None:
    # gettext chooses a catalogue by the LANGUAGE variable first: it is set to the interface's language, so that
    # `--ui` and BRIEFING_UI reach click's words too
    os.environ["LANGUAGE"] = "zh_CN" if ui_language() == "zh" else "en"


@contextmanager
def click_speaks_the_interface_language() -> Iterator[None]:
    """While the command line runs, click's own words (Usage:, Options, Error: …, its usage errors) come from
    click.mo in the interface's language; the process's gettext domain, LANGUAGE and the language chosen with
    `--ui` are restored afterwards."""
    import gettext

    global _click_speaks, _chosen
    saved_domain, saved_language, saved_choice = gettext.textdomain(), os.environ.get("LANGUAGE"), _chosen
    gettext.bindtextdomain(CLICK_DOMAIN, str(LOCALE_DIR))
    gettext.textdomain(CLICK_DOMAIN)
    _click_speaks = True
    _tell_gettext()
    try:
        yield
    finally:
        _click_speaks, _chosen = False, saved_choice  # `--ui` holds for this run of the command line
        gettext.textdomain(saved_domain)
        if saved_language is None:
            os.environ.pop("LANGUAGE", None)
        else:
            os.environ["LANGUAGE"] = saved_language


def extracted_messages() -> Catalog:
    """A Babel catalogue of every message of the package: its `_()`/`N_()` calls and the command line's help."""
    from babel.messages.catalog import Catalog
    from babel.messages.extract import extract_from_dir

    template = Catalog(project="briefing", charset="utf-8")
    package = Path(__file__).resolve().parent
    for filename, lineno, message, comments, context in extract_from_dir(
            str(package), method_map=[("**.py", "python")], keywords={"_": None, "N_": None}):
        template.add(message, locations=[(f"generator/{filename}", lineno)])
    for text, where in command_line_texts() + kind_texts():
        template.add(text, locations=[(where, 0)])
    return template


def kind_texts() -> list[tuple[str, str]]:
    """What each slide kind and briefing part shows (`briefing kinds`), with the kind's name."""
    from .kinds import PARTS, SLIDES

    return [(what, f"kinds: {name}") for table in (SLIDES, PARTS) for name, (what, _snippet) in table.items()]


def click_messages() -> Catalog:
    """A Babel catalogue of click's own messages, extracted from the installed click (its `_()` and `ngettext()`)."""
    import click
    from babel.messages.catalog import Catalog
    from babel.messages.extract import extract_from_dir

    template = Catalog(project="click", charset="utf-8")
    for filename, lineno, message, comments, context in extract_from_dir(
            str(Path(click.__file__).parent), method_map=[("**.py", "python")],
            keywords={"_": None, "ngettext": (1, 2)}):
        if not filename.startswith("_winconsole"):  # Windows' console, whose messages never reach a user here
            template.add(message, locations=[(f"click/{filename}", lineno)])
    return template


def _merge(template: Catalog, path: Path) -> int:
    """Merge the extracted messages into the Chinese catalogue at path, keeping existing translations, and compile
    it to the .mo file beside it; return the number of messages left to translate."""
    from datetime import datetime, timezone

    from babel.messages.catalog import Catalog
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po, write_po

    if path.exists():
        with path.open("rb") as handle:
            catalogue = read_po(handle, locale="zh_CN")
    else:
        catalogue = Catalog(locale="zh_CN", project=template.project, charset="utf-8")
    catalogue.update(template, no_fuzzy_matching=True)
    catalogue.obsolete.clear()
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as handle:
        write_po(handle, catalogue, width=120, omit_header=True, sort_output=True, include_lineno=False)
    # the compiled header (charset, plural forms) carries dates: fixed, so the .mo changes only with a translation
    catalogue.creation_date = catalogue.revision_date = datetime(2020, 1, 1, tzinfo=timezone.utc)
    with path.with_suffix(".mo").open("wb") as handle:
        write_mo(handle, catalogue, use_fuzzy=False)
    return sum(1 for message in catalogue if message.id and not message.string)


def update_catalogue() -> int:
    """Merge the extracted messages into the Chinese catalogues (the program's and click's), keeping existing
    translations, and compile them; return the number left to translate. Run with `make messages`, then translate
    the empty msgstr entries of the .po files and run it again."""
    return _merge(extracted_messages(), CATALOGUE) + _merge(click_messages(), CLICK_CATALOGUE)


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
    print(f"{CATALOGUE.parent}: {update_catalogue()} messages to translate")
