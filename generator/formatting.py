"""How a fact's value is written: 约43亿元 and 1300余名 in Chinese, RMB 4.3 billion and 1,300+ in English."""
from __future__ import annotations

import datetime as dt
from dataclasses import replace
from decimal import Decimal

from .dataset import DerivedFact, Fact, number_text
from .document import Figure

NO_BREAK_SPACE = "\u00a0"
_MONEY = {"亿元": ("RMB", Decimal(100_000_000)), "万元": ("RMB", Decimal(10_000)), "亿美元": ("USD", Decimal(100_000_000))}
_AREA = {"万平方米": Decimal(10_000)}
_EN_QUALIFIER = {"more_than": "over ", "nearly": "nearly ", "about": "about ", "at_least": "at least "}
_ZH_PREFIX = {"nearly": "近", "about": "约"}

#: chart scaling: (factor applied to the article's value, unit shown on the axis)
_CHART_UNITS_EN = {
    "亿元": (Decimal("0.1"), "RMB billion"),
    "万元": (Decimal("0.01"), "RMB million"),
    "亿美元": (Decimal("100"), "USD million"),
    "万平方米": (Decimal("10"), "thousand m²"),
    "万人": (Decimal("10"), "thousand people"),
    "公里": (Decimal(1), "km"),
    "%": (Decimal(1), "%"),
}


# Numbers, "billion"/"million" and dates are written here by hand, not with Babel: Babel gives the same text
# (tests/unit/test_compose.py compares 20,000 numbers and every day of eight years) but importing it and loading
# the CLDR data costs 130-150 ms per build, against under 1 ms here (measured 2026-12-02).
def _grouped(number: Decimal) -> str:
    """1234567.5 -> 1,234,567.5 without trailing zeros."""
    number = number.normalize()
    if number == number.to_integral_value():
        return f"{int(number):,}"
    whole, _, fraction = format(number, "f").partition(".")
    return f"{int(whole):,}.{fraction}"


def _scaled(amount: Decimal) -> tuple[str, str]:
    """Return (number, scale word) for an absolute amount: 25900000000 -> ("25.9", " billion")."""
    for size, word in ((Decimal(10) ** 9, " billion"), (Decimal(10) ** 6, " million")):
        if amount >= size:
            return _grouped(amount / size), word
    return _grouped(amount), ""


def figure(fact: Fact, lang: str, years: dict[str, int] | None = None, label: str | None = None) -> Figure:
    """Return the fact's value as a Figure with its qualifier and unit, in the language asked for. `years` fills
    {results_year} and {plan_year} in English units and values (times the {results_year} number); `label`
    replaces the fact's label (already worded by the caller)."""
    if label is None:
        label = fact.label_zh if lang == "zh" else fact.label_en
    if isinstance(fact, DerivedFact):
        return _computed(fact, lang, years, label)
    if not fact.is_number:
        value = fact.value_text if lang == "zh" else (fact.value_en or fact.value_text)
        return Figure(value=_kept(_with_years(value, years)), label=label, fact_id=fact.id)
    if fact.among is not None:
        return _rank(fact, label, lang)
    if lang == "zh":
        return _figure_zh(fact, label)
    result = _figure_en(fact, label)
    return Figure(_kept(result.value), result.label, _kept(result.prefix), _kept_unit(_with_years(result.suffix, years)),
                  result.fact_id)


def _kept_unit(suffix: str) -> str:
    """An English suffix with its first word kept on the number's line (1.2 billion, 546 apartments); the words of
    a longer unit after it may break (2 times / the 2020 number), so that a narrow column need not split a word."""
    words = suffix.lstrip(" ").split(" ")
    lead = suffix[:len(suffix) - len(suffix.lstrip(" "))]
    kept = 2 if words[0] in ("billion", "million", "thousand") else 1  # a scale keeps its unit: million m²
    return _kept(lead + " ".join(words[:kept])) + "".join(" " + word for word in words[kept:])


#: what follows every figure the program computed, in every painter: it is no figure of a source
COMPUTED = ("（计算）", " (computed)")
#: what a gap to a target says before its figure
_SHORT_BY = ("尚差", "short by ")


def computed_mark(lang: str) -> str:
    """What follows a computed figure: （计算）, (computed)."""
    return _kept(COMPUTED[0 if lang == "zh" else 1])


def _computed(fact: DerivedFact, lang: str, years: dict[str, int] | None, label: str) -> Figure:
    """A derived figure, marked as computed: 71%（计算）, 尚差0.58亿美元（计算）, 达到（计算）."""
    plain = Fact.model_construct(**{name: getattr(fact, name) for name in Fact.model_fields})
    shown = figure(plain, lang, years, label)
    if fact.formula == "gap" and fact.is_number:
        shown = replace(shown, prefix=_SHORT_BY[0 if lang == "zh" else 1] + shown.prefix)
    return replace(shown, suffix=shown.suffix + computed_mark(lang))


def _kept(text: str) -> str:
    """The text with its spaces made no-break: a figure's words (at least RMB 100,000) stay on one line in every
    painter, and in PowerPoint, WPS, LibreOffice and Word, which honour U+00A0 as the line breaker does."""
    return text.replace(" ", NO_BREAK_SPACE)


def _with_years(text: str, years: dict[str, int] | None) -> str:
    for key, year in (years or {}).items():
        text = text.replace("{" + key + "}", str(year))
    return text


def _rank(fact: Fact, label: str, lang: str) -> Figure:
    """A place in a ranking with its base: 第33名/126个, 33rd of 126 provincial development zones."""
    if lang == "zh":
        return Figure(value=fact.value_text, label=label, prefix="第",
                      suffix=f"{fact.unit or '名'}/{fact.among}{fact.among_unit}", fact_id=fact.id)
    return Figure(value=ordinal(fact.number), label=label, suffix=_kept(f" of {fact.among}") + f" {fact.among_en}",
                  fact_id=fact.id)


#: English ordinal suffixes by Babel's plural category for ordinals (one: 21st, two: 22nd, few: 23rd, other: 24th)
_ORDINAL = {"one": "st", "two": "nd", "few": "rd", "other": "th"}


def ordinal(number: int | float) -> str:
    """33 -> 33rd, 11 -> 11th, by the English ordinal rules of the CLDR (through Babel)."""
    from babel import Locale

    return f"{int(number)}{_ORDINAL[Locale('en').ordinal_form(int(number))]}"


def _figure_zh(fact: Fact, label: str) -> Figure:
    value = fact.value_text
    if fact.value_to is not None:
        value += "到" + number_text(fact.value_to)
    prefix = _ZH_PREFIX.get(fact.qualifier or "", "")
    suffix = fact.unit
    if fact.qualifier == "more_than":
        suffix = "余" + suffix
    elif fact.qualifier == "at_least":
        suffix += "以上"
    return Figure(value=value, label=label, prefix=prefix, suffix=suffix, fact_id=fact.id)


def _figure_en(fact: Fact, label: str) -> Figure:
    number = Decimal(number_text(fact.number))
    qualifier = fact.qualifier or ""
    prefix = _EN_QUALIFIER.get(qualifier, "")
    if fact.unit in _MONEY:
        currency, factor = _MONEY[fact.unit]
        value, scale = _scaled(number * factor)
        return Figure(value=value, label=label, prefix=f"{prefix}{currency} ", suffix=scale, fact_id=fact.id)
    if fact.unit in _AREA:
        value, scale = _scaled(number * _AREA[fact.unit])
        return Figure(value=value, label=label, prefix=prefix, suffix=f"{scale} m²", fact_id=fact.id)
    if _is_year(fact):
        return Figure(value=number_text(fact.number), label=label, fact_id=fact.id)
    value = _grouped(number)
    if fact.unit == "万人":
        value = _grouped(number * 10_000)
    if fact.value_to is not None:
        value += "–" + number_text(fact.value_to)
    if fact.unit == "%":
        suffix = "%"
    elif fact.unit == "公里":
        suffix = " km"
    elif fact.unit_en:
        suffix = " " + fact.unit_en
    else:
        suffix = ""
    if qualifier == "more_than" and fact.unit != "%":
        prefix, value = "", value + "+"
    return Figure(value=value, label=label, prefix=prefix, suffix=suffix, fact_id=fact.id)


def _is_year(fact: Fact) -> bool:
    """A figure that is a year (2021年), written without a thousands separator."""
    return fact.unit == "年" and isinstance(fact.value, int) and 1000 <= fact.value <= 2999


def chart_value(fact: Fact, lang: str) -> float:
    """The fact's value in the chart's unit (the article's unit in Chinese, billions/millions in English)."""
    number = Decimal(number_text(fact.number))
    if lang == "en" and fact.unit in _CHART_UNITS_EN:
        number *= _CHART_UNITS_EN[fact.unit][0]
    return float(number)


def chart_unit(fact: Fact, lang: str) -> str:
    """The unit written on a chart's axis for this fact's values."""
    if lang == "zh":
        return fact.unit
    if fact.unit in _CHART_UNITS_EN:
        return _CHART_UNITS_EN[fact.unit][1]
    return fact.unit_en or ""


def date_text(date: dt.date, lang: str) -> str:
    """2020年10月27日 or 27 October 2020."""
    if lang == "zh":
        return f"{date.year}年{date.month}月{date.day}日"
    return f"{date.day} {_MONTHS[date.month - 1]} {date.year}"


_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December")
