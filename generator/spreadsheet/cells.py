"""What a cell shows and holds: numbers as the article writes them, number formats that hide digits, and the words
for what a column expects."""
from __future__ import annotations

import datetime as dt
import re
from typing import Any

from ..i18n import _
from .sheets import Column

_SIMPLE_FORMAT = re.compile(r"^[#0,]*(\.0+)?$")


def closest(word: str, choices: list[str]) -> list[str]:
    """The choice did_you_mean names for word, if any (a sheet or column read as the one it was meant to be)."""
    import difflib

    return difflib.get_close_matches(word, choices, n=1, cutoff=0.6)


def halfwidth(text: str) -> str:
    """Full-width digits and point (２５９．５, typed with a Chinese input method) as ASCII."""
    return text.translate({0xFF10 + i: ord("0") + i for i in range(10)} | {0xFF0E: ord(".")})


def parse_number(text: str) -> int | float:
    """The number a text of digits writes: 259 a whole number, 40.1 (or 53.500) a float, as YAML reads them."""
    return float(text) if "." in text or "e" in text.lower() else int(text)


def shown_value(value: Any) -> str:
    if isinstance(value, bool) or value is None:
        return str(value)
    if isinstance(value, (int, float)):
        from ..dataset import number_text

        return number_text(value)
    return str(value)


def bare_format(number_format: str) -> str:
    """A number format without its quoted texts, escapes and colours ("0"亿元" is 0)."""
    fmt = re.sub(r'"[^"]*"|\\.|\[[^\]]*\]|_.|\*.', "", number_format or "General")
    return fmt.split(";")[0].strip()


def shows_exactly(value: int | float, fmt: str) -> bool:
    """Whether a number format shows every digit of value: General, text, or 0/#/0.00 with enough decimals and
    no scaling."""
    if fmt in ("", "General", "@", "general"):
        return True
    if not _SIMPLE_FORMAT.match(fmt) or fmt.endswith(","):
        return False
    shown = len(fmt.split(".")[1]) if "." in fmt else 0
    text = shown_value(value)
    needed = len(text.split(".")[1]) if "." in text else 0
    return needed <= shown


def expected_words(column: Column) -> str:
    if column.shape == "lines":
        return _("a list of texts, one per line")
    if column.choices:
        return _("one of {choices}").format(choices=", ".join(column.choices))
    names = [name for kind, name in ((dt.date, _("a date")), (str, _("text")), (int, _("a number")),
                                     (float, _("a number")), (bool, _("TRUE or FALSE")))
             if kind in column.types]
    return _(" or ").join(dict.fromkeys(names)) or _("a value")
