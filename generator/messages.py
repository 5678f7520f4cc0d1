"""The interface's messages gathered for translation: every `_()`/`N_()` of the package, the command line's help and
the kinds' descriptions, merged with Babel into the Chinese catalogues and compiled to .mo files (`make messages`),
and click's own messages into click's. Apart from i18n.py, which only reads the compiled catalogues: gathering the
help reads the command line, which is built on everything else."""
from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from .i18n import CATALOGUE, CLICK_CATALOGUE

if TYPE_CHECKING:
    from babel.messages.catalog import Catalog


def extracted_messages() -> Catalog:
    """A Babel catalogue of every message of the package: its `_()`/`N_()` calls and the command line's help."""
    from babel.messages.catalog import Catalog
    from babel.messages.extract import extract_from_dir

    template = Catalog(project="briefing", charset="utf-8")
    package = Path(__file__).resolve().parent
    for filename, lineno, message, comments, context in extract_from_dir(
            str(package), method_map=[("**.py", "python")], keywords={"_": None, "N_": None, "ngettext": (1, 2)}):
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
    return sum(1 for message in catalogue if message.id and not (all(message.string) if isinstance(
        message.string, tuple) else message.string))


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
