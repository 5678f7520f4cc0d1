"""When a figure holds: a year, part of a year, a span of years, as of a date, to date or the long term. Parsed from
the short text an office types (2020年, 2022年1—10月, 2021H1, 十四五, 截至2020年10月底), kept as a frozen model and
written back in one canonical form, so that a spreadsheet cell can hold it."""
from __future__ import annotations

import calendar
import re
from typing import Literal

from pydantic import BaseModel, ConfigDict, ValidationError, model_validator

from .i18n import _

PeriodKind = Literal["year", "months", "span", "as_of", "to_date", "long_term"]

#: named spans of years: the five-year plans a report names (十四五), with their names in both languages
NAMED_SPANS = {
    "十三五": (2016, 2020, "13th Five-Year Plan"),
    "十四五": (2021, 2025, "14th Five-Year Plan"),
    "十五五": (2026, 2030, "15th Five-Year Plan"),
}
_ZH_DIGITS = {"一": 1, "二": 2, "三": 3, "四": 4}
_MONTHS_EN = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_MONTH_NAMES_EN = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
                   "October", "November", "December")
_DASH = r"\s*(?:—|–|-|－|~|～|至|到|\.\.)\s*"


class Period(BaseModel):
    """When a figure holds. `year` is the (last) year; `first_year` the first of a span; `first_month` and
    `last_month` a part of the year (1–12 for the whole year is `kind: year`); `day` the day of an "as of" date
    (0: the end of the month)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    kind: PeriodKind
    year: int = 0
    first_year: int = 0
    first_month: int = 0
    last_month: int = 0
    day: int = 0
    name: str = ""  # a named span's Chinese name (十四五)

    @model_validator(mode="after")
    def _sound(self) -> Period:
        if self.kind in ("year", "months", "span", "as_of") and not 1990 <= self.year <= 2100:
            raise ValueError(_("the year {year} is not between 1990 and 2100").format(year=self.year))
        if self.kind == "span" and not 1990 <= self.first_year < self.year:
            raise ValueError(_("a span of years runs from an earlier year to a later one ({first}—{last})").format(
                first=self.first_year, last=self.year))
        if self.kind == "months" and not 1 <= self.first_month <= self.last_month <= 12:
            raise ValueError(_("months {first}—{last} are not a part of a year").format(
                first=self.first_month, last=self.last_month))
        if self.kind == "as_of":
            if not 1 <= self.last_month <= 12:
                raise ValueError(_("month {month} does not exist").format(month=self.last_month))
            if self.day and self.day > calendar.monthrange(self.year, self.last_month)[1]:
                raise ValueError(_("day {day} does not exist in month {month}").format(day=self.day,
                                                                                     month=self.last_month))
        return self

    # ------------------------------------------------------------------ reading
    @classmethod
    def parse(cls, text: str) -> Period:
        """The period a text names; raise ValueError saying what may be written."""
        raw = str(text).strip()
        try:
            found = _parse(raw.replace("“", "").replace("”", "").replace('"', "").replace(" ", ""))
        except ValidationError as error:  # a month or day that does not exist: its own message
            raise ValueError(error.errors()[0]["msg"].removeprefix("Value error, ")) from None
        if found is None:
            raise ValueError(_("'{text}' is not a period; write e.g. 2020年, 2022年1—10月, 2021年上半年, 2021Q1, "
                               "2016—2020年, 十四五, 截至2020年10月底, 截至目前 or 中长期").format(text=raw))
        return found

    # ------------------------------------------------------------------ writing
    @property
    def canonical(self) -> str:
        """The one text form the program writes: 2020, 2022-01..10, 2016..2020, 十四五, to 2020-10, to 2020-10-27,
        to date, long term."""
        if self.kind == "year":
            return str(self.year)
        if self.kind == "months":
            months = f"{self.first_month:02d}" if self.first_month == self.last_month else \
                f"{self.first_month:02d}..{self.last_month:02d}"
            return f"{self.year}-{months}"
        if self.kind == "span":
            return self.name or f"{self.first_year}..{self.year}"
        if self.kind == "as_of":
            return f"to {self.year}-{self.last_month:02d}" + (f"-{self.day:02d}" if self.day else "")
        return "to date" if self.kind == "to_date" else "long term"

    def text(self, lang: str) -> str:
        """The period as a reader reads it: 2022年1—10月 / Jan–Oct 2022, 截至2020年10月底 / as of end-October 2020."""
        zh = lang == "zh"
        if self.kind == "year":
            return f"{self.year}年" if zh else str(self.year)
        if self.kind == "months":
            return f"{self.year}年{self._months_zh()}" if zh else self._months_en()
        if self.kind == "span":
            if self.name:
                first, last, name_en = NAMED_SPANS[self.name]
                return f"“{self.name}”时期" if zh else f"the {name_en} ({first}–{last})"
            return f"{self.first_year}—{self.year}年" if zh else f"{self.first_year}–{self.year}"
        if self.kind == "as_of":
            if zh:
                return f"截至{self.year}年{self.last_month}月" + (f"{self.day}日" if self.day else "底")
            month = _MONTH_NAMES_EN[self.last_month - 1]
            return f"as of {self.day} {month} {self.year}" if self.day else f"as of end-{month} {self.year}"
        if self.kind == "to_date":
            return "截至目前" if zh else "to date"
        return "中长期" if zh else "long term"

    def _months_zh(self) -> str:
        first, last = self.first_month, self.last_month
        if first == last:
            return f"{first}月"
        if (first, last) == (1, 6):
            return "上半年"
        if (first, last) == (7, 12):
            return "下半年"
        if last - first == 2 and first % 3 == 1:
            return "一二三四"[first // 3] + "季度"
        if first == 1 and last in (9,):
            return "前三季度"
        return f"{first}—{last}月"

    def _months_en(self) -> str:
        first, last = self.first_month, self.last_month
        if first == last:
            return f"{_MONTH_NAMES_EN[first - 1]} {self.year}"
        if (first, last) in ((1, 6), (7, 12)):
            return f"H{1 if first == 1 else 2} {self.year}"
        if last - first == 2 and first % 3 == 1:
            return f"Q{first // 3 + 1} {self.year}"
        return f"{_MONTHS_EN[first - 1]}–{_MONTHS_EN[last - 1]} {self.year}"

    @property
    def years(self) -> tuple[int, int]:
        """The first and last year the period touches (0, 0 for to date and the long term)."""
        if self.kind == "span":
            return self.first_year, self.year
        return (self.year, self.year) if self.year else (0, 0)

    @property
    def is_part_of_year(self) -> bool:
        return self.kind == "months"

    @property
    def months(self) -> tuple[int, int]:
        """The first and last month of the year the period covers (1, 12 for a whole year; 1, the month for an "as
        of" date; 0, 0 for a span, to date and the long term)."""
        if self.kind == "year":
            return 1, 12
        if self.kind == "months":
            return self.first_month, self.last_month
        return (1, self.last_month) if self.kind == "as_of" else (0, 0)

    @property
    def end(self) -> tuple[int, int, int]:
        """When the period ends, for ordering figures in time: (year, month, day); to date and the long term last."""
        if self.kind in ("to_date", "long_term"):
            return 9999, 12, 31
        month = 12 if self.kind in ("year", "span") else self.last_month
        return self.year, month, self.day or 31

    def within(self, other: Period) -> bool:
        """Whether a figure of this period counts towards one of `other`: the same period, or part of it (2021年
        上半年 and 截至2021年6月底 within 2021年; 2021年 within 2021—2025年)."""
        if self == other:
            return True
        if other.kind == "span":
            first, last = self.years
            return bool(first) and other.first_year <= first and last <= other.year
        if other.kind in ("year", "months") and self.kind in ("year", "months", "as_of") and self.year == other.year:
            first, last = self.months
            return other.months[0] <= first and last <= other.months[1]
        return False

    def same_length(self, other: Period) -> bool:
        """Whether two periods are alike in length and place in the year (two whole years, two first halves), so
        that their figures may stand on one line of a chart."""
        if self.kind != other.kind:
            return False
        if self.kind == "span":
            return self.year - self.first_year == other.year - other.first_year
        return self.months == other.months and self.day == other.day


def _parse(text: str) -> Period | None:
    if text in ("截至目前", "目前", "todate", "to-date", "至今", "累计"):
        return Period(kind="to_date")
    if text in ("中长期", "longterm", "long-term"):
        return Period(kind="long_term")
    named = text.removesuffix("时期").removesuffix("期间")
    if named in NAMED_SPANS:
        first, last, _name_en = NAMED_SPANS[named]
        return Period(kind="span", first_year=first, year=last, name=named)
    match = re.fullmatch(r"(\d{4})年?", text)
    if match:
        return Period(kind="year", year=int(match.group(1)))
    match = re.fullmatch(rf"(\d{{4}})年?{_DASH}(\d{{4}})年?", text)
    if match:
        return Period(kind="span", first_year=int(match.group(1)), year=int(match.group(2)))
    match = re.fullmatch(rf"(\d{{4}})(?:年|-)(\d{{1,2}})(?:月份?)?(?:{_DASH}(\d{{1,2}})(?:月份?)?)?", text)
    if match and (text.endswith(("月", "月份")) or "-" in text[4:5]):
        first = int(match.group(2))
        last = int(match.group(3) or first)
        return _months(int(match.group(1)), first, last)
    match = re.fullmatch(r"(\d{4})年?(?:([上下])半年|[Hh]([12]))", text)
    if match:
        first = 1 if (match.group(2) or "") == "上" or match.group(3) == "1" else 7
        return _months(int(match.group(1)), first, first + 5)
    match = re.fullmatch(r"(\d{4})年?(?:第?([一二三四])季度|[Qq]([1-4]))", text)
    if match:
        quarter = _ZH_DIGITS[match.group(2)] if match.group(2) else int(match.group(3))
        return _months(int(match.group(1)), quarter * 3 - 2, quarter * 3)
    match = re.fullmatch(r"(\d{4})年?前三季度", text)
    if match:
        return _months(int(match.group(1)), 1, 9)
    match = re.fullmatch(r"(?:截至|截止|截止到|to)(\d{4})(?:年|-)(\d{1,2})(?:月底|月末|月)?(?:-?(\d{1,2})日?)?", text)
    if match:
        return Period(kind="as_of", year=int(match.group(1)), last_month=int(match.group(2)),
                      day=int(match.group(3) or 0))
    return None


def _months(year: int, first: int, last: int) -> Period:
    if (first, last) == (1, 12):
        return Period(kind="year", year=year)
    return Period(kind="months", year=year, first_month=first, last_month=last)
