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


def ngettext(singular: str, plural: str, count: int) -> str:
    """The message for count in the interface's language: English has one page and two pages, Chinese one form."""
    if ui_language() != "zh":
        return singular if count == 1 else plural
    return _translations().ngettext(singular, plural, count)


def N_(message: str) -> str:
    """Marks a message for the catalogue where it is defined; it is translated where it is shown, with _()."""
    return message


#: the system's reasons a file or folder is refused, by errno, as the C library words them in English (the
#: message ids), so that a Chinese message does not end in English words
_OS_REASONS = {
    1: N_("Operation not permitted"), 2: N_("No such file or directory"), 13: N_("Permission denied"),
    16: N_("Device or resource busy"), 17: N_("File exists"), 20: N_("Not a directory"), 21: N_("Is a directory"),
    24: N_("Too many open files"), 28: N_("No space left on device"), 30: N_("Read-only file system"),
    36: N_("File name too long"), 40: N_("Too many levels of symbolic links"), 98: N_("Address already in use"),
    122: N_("Disk quota exceeded"),
}


def os_reason(error: OSError) -> str:
    """Why the system refused, in the interface's language: its words for the usual reasons, else its own."""
    known = _OS_REASONS.get(error.errno or 0)
    if known and (error.strerror or known) == known:
        return _(known)
    return str(error.strerror or error)


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
