"""The interface's language: help and messages are written in English and shown in Chinese when the locale is
Chinese (LANG=zh_CN.UTF-8) or `--ui zh` is given, from the gettext catalogue generator/locale/zh_CN/LC_MESSAGES/
briefing.po (extracted and updated with Babel by generator/messages.py: `make messages`)."""
from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path
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
