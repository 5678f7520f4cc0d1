"""Read a workbook into the plain data the YAML loader gives, with the sheet, cell and header of every value; an
untrusted file is checked before and while it is read, and a cell that does not hold what it shows is a problem."""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel

from ..errors import GeneratorError, Issue, SourceRef, did_you_mean
from ..i18n import _
from ..loading import MAX_CHARS, KeyPath, Loaded, display_path, load_yaml_text
from . import import_openpyxl
from .cells import bare_format, closest, expected_words, halfwidth, parse_number, shown_value, shows_exactly
from .package import check_package
from .sheets import MAX_COLUMNS, MAX_ROWS, Column, Sheet, sheets_of

if TYPE_CHECKING:
    from openpyxl.worksheet.worksheet import Worksheet

MAX_SHEETS = 40
_GROUPED_TEXT = re.compile(r"^\s*\d{1,3}([,，]\d{3})+(\.\d+)?\s*$")  # 1,300 typed as text
_NUMBER_TEXT = re.compile(r"^\s*[+-]?(\d+(\.\d*)?|\.\d+)\s*$")
#: formulas that are constants, not computations: LibreOffice Calc writes a TRUE or FALSE cell as =TRUE()
_CONSTANTS = {"=TRUE()": True, "=FALSE()": False, "=TRUE": True, "=FALSE": False}


@dataclass
class Reading:
    """What a workbook holds as plain data, with the problems found while reading it and the cells they concern
    (their values are best guesses, read only so that the dataset's own checks can run in the same round)."""

    loaded: Loaded
    issues: list[Issue] = field(default_factory=list)
    doubtful: set[str] = field(default_factory=set)  # "sheet!A1" of cells whose value is a guess
    sheet_order: dict[str, int] = field(default_factory=dict)


def read_workbook(path: Path, model: type[BaseModel]) -> Reading:
    """Read a workbook written for model into plain data with a position per value; problems of single cells are
    collected in the Reading (the file as a whole unreadable raises GeneratorError)."""
    shown = display_path(path)
    check_package(path, shown)
    import_openpyxl()
    import warnings

    from openpyxl import load_workbook

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # openpyxl warns of features it drops (slicers, extensions)
            book = load_workbook(path, read_only=False, data_only=False, keep_links=False, keep_vba=False,
                                 rich_text=False)
    except Exception as exc:  # noqa: BLE001 - any failure to parse the package is a damaged or foreign file
        raise GeneratorError(_("cannot read the workbook: {problem}").format(problem=exc or type(exc).__name__),
                             SourceRef(shown), _("open it in Excel, WPS or LibreOffice and save it as .xlsx")) from None
    reader = _Reader(path, shown, model)
    reader.read(book)
    return reader.reading


class _Reader:
    """Reads the sheets of one workbook; every cell's problem becomes an issue, and reading goes on."""

    def __init__(self, path: Path, shown: str, model: type[BaseModel]):
        self.path, self.shown, self.model = path, shown, model
        self.sheets = sheets_of(model)
        self.data: dict[str, Any] = {}
        self.positions: dict[KeyPath, SourceRef] = {(): SourceRef(shown)}
        self.reading = Reading(Loaded(shown, self.data, self.positions))
        self.chars = 0
        self.cached: Any = None  # the workbook's cached values of formulas, loaded when one is met
        self.size = (0, 0)  # the rows and columns of the sheet being read
        self.absent: dict[tuple[str, ...], SourceRef] = {}  # required columns a sheet lacks, and where that is said

    # where things are

    def ref(self, sheet: str, row: int, col: int, header: str = "") -> SourceRef:
        from openpyxl.utils import get_column_letter

        place = f"{sheet}!{get_column_letter(col)}{row}"
        return SourceRef(self.shown, row, col, cell=f"{place} ({header})" if header else place)

    def problem(self, ref: SourceRef, message: str, hint: str = "") -> None:
        self.reading.issues.append(Issue(ref, message, hint))
        self.reading.doubtful.add(ref.cell.split(" ")[0])

    # the workbook

    def read(self, book: Any) -> None:
        expected = {s.name: s for s in self.sheets}
        if len(book.worksheets) > MAX_SHEETS:
            raise GeneratorError(_("the workbook has {count} sheets; a dataset has {expected}").format(
                count=len(book.worksheets), expected=len(expected)), SourceRef(self.shown))
        chartsheets = [name for name in book.sheetnames if name not in {ws.title for ws in book.worksheets}]
        for name in chartsheets:
            self.problem(SourceRef(self.shown, cell=name), _("a chart sheet is not part of the dataset"),
                         _("delete the sheet"))
        found: dict[str, Worksheet] = {}
        for order, ws in enumerate(book.worksheets):
            self.reading.sheet_order[ws.title] = order
            if ws.title in expected:
                found[ws.title] = ws
        for ws in book.worksheets:
            if ws.title in expected:
                continue
            if ws.max_row <= 1 and ws.max_column <= 1 and ws.cell(1, 1).value is None:
                continue  # an empty sheet holds nothing that could be lost
            missing = [n for n in expected if n not in found]
            guess = did_you_mean(ws.title, missing)
            close = closest(ws.title, missing)
            self.problem(SourceRef(self.shown, cell=f"{ws.title}!A1"),
                         _("unknown sheet '{name}'").format(name=ws.title),
                         guess or _("the sheets are {names}").format(names=", ".join(expected)))
            if close:
                found[close[0]] = ws
                self.reading.sheet_order[close[0]] = self.reading.sheet_order[ws.title]
        for sheet in self.sheets:
            ws = found.get(sheet.name)
            if ws is None:
                continue
            self.positions[(sheet.name,)] = self.ref(ws.title, 1, 1)
            if ws.sheet_state != "visible":
                self.problem(self.ref(ws.title, 1, 1), _("the sheet is hidden"), _("show the sheet: its records "
                                                                                     "are part of the dataset"))
            if ws.max_row > MAX_ROWS or ws.max_column > MAX_COLUMNS:
                raise GeneratorError(_("the sheet '{name}' reaches row {rows} and column {cols}; the limits are "
                                       "{max_rows} rows and {max_cols} columns").format(
                    name=ws.title, rows=ws.max_row, cols=ws.max_column, max_rows=MAX_ROWS, max_cols=MAX_COLUMNS),
                    SourceRef(self.shown, cell=f"{ws.title}!A1"), _("is this the right file?"))
            self.size = (ws.max_row, ws.max_column)  # each asks every cell: asked once per sheet
            merged = self._merged(ws)
            hidden = self._hidden(ws)
            if sheet.many:
                self._read_records(ws, sheet, merged, hidden)
            else:
                self._read_record(ws, sheet, merged, hidden)

    def _merged(self, ws: Worksheet) -> dict[tuple[int, int], tuple[int, int]]:
        """Each merged cell and the top-left cell of its range (whose value the range shows); every range is a
        problem."""
        cells: dict[tuple[int, int], tuple[int, int]] = {}
        for merged in ws.merged_cells.ranges:
            top = (merged.min_row, merged.min_col)
            header = ws.cell(1, merged.min_col).value if merged.min_row > 1 else None
            self.problem(self.ref(ws.title, *top, str(header or "")),
                         _("the cells {cells} are merged").format(cells=merged.coord),
                         _("unmerge them and give each cell its own value"))
            for row in range(merged.min_row, min(merged.max_row, MAX_ROWS) + 1):
                for col in range(merged.min_col, min(merged.max_col, MAX_COLUMNS) + 1):
                    cells[(row, col)] = top
        return cells

    def _hidden(self, ws: Worksheet) -> tuple[set[int], set[int]]:
        rows = {r for r, d in ws.row_dimensions.items() if d.hidden and r <= self.size[0]}
        cols: set[int] = set()
        for dim in ws.column_dimensions.values():
            if dim.hidden and dim.min is not None and dim.max is not None:
                cols.update(range(dim.min, min(dim.max, self.size[1]) + 1))
        return rows, cols

    # a list of records

    def _read_records(self, ws: Worksheet, sheet: Sheet, merged: dict[tuple[int, int], tuple[int, int]],
                      hidden: tuple[set[int], set[int]]) -> None:
        columns = self._header(ws, sheet, merged)
        for col in sorted(hidden[1] & set(columns)):
            self.problem(self.ref(ws.title, 1, col, columns[col].header), _("the column is hidden"),
                         _("show the column: its values are part of the dataset"))
        records: list[dict[str, Any]] = []
        self.data[sheet.name] = records
        first = columns.get(1)
        for row in range(2, self.size[0] + 1):
            if all(self._raw(ws, row, col, merged) is None for col in range(1, self.size[1] + 1)):
                continue
            index = len(records)
            record: dict[str, Any] = {}
            records.append(record)
            self.positions[(sheet.name, index)] = self.ref(ws.title, row, 1, first.header if first else "")
            for absent, at in self.absent.items():
                self.positions[(sheet.name, index) + absent] = at
            if row in hidden[0]:
                self.problem(self.positions[(sheet.name, index)], _("row {row} is hidden").format(row=row),
                             _("show the row (or delete it if the record should go)"))
            for col in range(1, self.size[1] + 1):
                column = columns.get(col)
                if column is None:
                    if self._raw(ws, row, col, merged) is not None:
                        self.problem(self.ref(ws.title, row, col), _("a value in a column without a header"),
                                     _("delete it, or give the column a header"))
                    continue
                ref = self.ref(ws.title, row, col, column.header)
                key = (sheet.name, index) + column.key
                self.positions[key] = ref
                self._put(record, column, self._value(ws, row, col, column, merged, ref), key, ref)

    def _header(self, ws: Worksheet, sheet: Sheet, merged: dict[tuple[int, int], tuple[int, int]]) -> dict[int, Column]:
        """The column of each header cell of row 1; an unknown header is a problem (read as the column it is close
        to, when one is)."""
        by_name = {c.name: c for c in sheet.columns}
        by_header = {c.header: c for c in sheet.columns}
        by_chinese = {c.header.split(" / ")[0]: c for c in sheet.columns if " / " in c.header}
        columns: dict[int, Column] = {}
        unknown: list[tuple[int, str]] = []
        for col in range(1, self.size[1] + 1):
            raw = ws.cell(1, col).value
            if raw is None or (isinstance(raw, str) and not raw.strip()):
                continue
            text = str(raw).strip()
            english = text.rsplit("/", 1)[-1].strip()
            column = by_header.get(text) or by_name.get(english) or by_chinese.get(text)
            if column is None:
                unknown.append((col, text))
                continue
            if column in columns.values():
                first = next(c for c, known in columns.items() if known is column)
                self.problem(self.ref(ws.title, 1, col), _("the column '{header}' appears twice").format(
                    header=column.header), _("the first is column {letter}").format(
                    letter=self.ref(ws.title, 1, first).cell.split("!")[1].rstrip("0123456789")))
                continue
            columns[col] = column
        missing = [c for c in sheet.columns if c not in columns.values()]
        for col, text in unknown:
            english = text.rsplit("/", 1)[-1].strip()
            guess = did_you_mean(english, [c.name for c in missing])
            self.problem(self.ref(ws.title, 1, col), _("unknown column '{header}'").format(header=text),
                         guess or _("the columns are {names}").format(names=", ".join(c.name for c in sheet.columns)))
            close = [c for c in missing if c.name in closest(english, [m.name for m in missing])]
            if close:
                columns[col] = close[0]
                missing.remove(close[0])
        self.absent = {}
        for column in missing:
            if column.required:
                ref = self.ref(ws.title, 1, self.size[1] + 1, column.header)
                self.problem(ref, _("the sheet has no column '{header}'").format(header=column.header),
                             _("add the column with its header"))
                self.absent[column.key] = ref  # each record's value is missing: one message says it
        return columns

    # a single record

    def _read_record(self, ws: Worksheet, sheet: Sheet, merged: dict[tuple[int, int], tuple[int, int]],
                     hidden: tuple[set[int], set[int]]) -> None:
        by_name = {c.name: c for c in sheet.columns}
        by_header = {c.header: c for c in sheet.columns}
        record: dict[str, Any] = {}
        if sheet.name == "dataset" and sheet.model is self.model:
            target = self.data
        else:
            target = record
            self.data[sheet.name] = record
        seen: set[str] = set()
        for row in range(2, self.size[0] + 1):
            raw = self._raw(ws, row, 1, merged)
            value_raw = self._raw(ws, row, 2, merged)
            if raw is None:
                if value_raw is not None:
                    self.problem(self.ref(ws.title, row, 2), _("a value without its field's name in column A"),
                                 _("write the field's name in column A, or delete the value"))
                continue
            text = str(raw).strip()
            column = by_header.get(text) or by_name.get(text.rsplit("/", 1)[-1].strip())
            if column is None:
                english = text.rsplit("/", 1)[-1].strip()
                guess = did_you_mean(english, [c.name for c in sheet.columns if c.name not in seen])
                self.problem(self.ref(ws.title, row, 1), _("unknown field '{name}'").format(name=text),
                             guess or _("the fields are {names}").format(names=", ".join(by_name)))
                continue
            if column.name in seen:
                self.problem(self.ref(ws.title, row, 1), _("the field '{name}' appears twice").format(
                    name=column.header))
                continue
            seen.add(column.name)
            if row in hidden[0]:
                self.problem(self.ref(ws.title, row, 1), _("row {row} is hidden").format(row=row),
                             _("show the row: its value is part of the dataset"))
            ref = self.ref(ws.title, row, 2, column.header)
            key = ((sheet.name,) if target is record else ()) + column.key
            self.positions[key] = ref
            self._put(target, column, self._value(ws, row, 2, column, merged, ref), key, ref)

    # cells

    def _raw(self, ws: Worksheet, row: int, col: int, merged: dict[tuple[int, int], tuple[int, int]]) -> Any:
        """The value shown in a cell: a merged cell shows its range's first; blank text counts as empty."""
        where = merged.get((row, col), (row, col))
        value = ws.cell(*where).value
        if isinstance(value, str) and not value.strip():
            return None
        return value

    def _value(self, ws: Worksheet, row: int, col: int, column: Column,
               merged: dict[tuple[int, int], tuple[int, int]], ref: SourceRef) -> tuple[bool, Any]:
        """(present, value) of a cell for column; a problem is reported and the value guessed (or absent)."""
        where = merged.get((row, col), (row, col))
        if where != (row, col):
            self.reading.doubtful.add(ref.cell.split(" ")[0])
        cell = ws.cell(*where)
        value = cell.value
        if value is None or (isinstance(value, str) and not value.strip()):
            return False, None
        if cell.data_type == "f" and isinstance(value, str) and value.replace(" ", "").upper() in _CONSTANTS:
            value = _CONSTANTS[value.replace(" ", "").upper()]  # LibreOffice saves TRUE and FALSE as =TRUE()
        elif cell.data_type == "f" or not isinstance(value, (str, int, float, bool, dt.datetime, dt.date, dt.time,
                                                           dt.timedelta)):
            shown = value if isinstance(value, str) else getattr(value, "text", "") or type(value).__name__
            cached = self._cached(ws.title, *where)
            self.problem(ref, (_("the cell holds a formula ({formula}); its last computed value {value} is not "
                                 "read as a figure") if cached is not None else
                               _("the cell holds a formula ({formula}), not a value")).format(
                formula=shown, value=shown_value(cached)),
                         _("type the value itself (copy the cell, then paste values only)"))
            if cached is None:
                return False, None
            value = cached
        if cell.data_type == "e":  # #N/A, #DIV/0! …
            self.problem(ref, _("the cell holds the error {error}").format(error=value),
                         _("type the value itself"))
            return False, None
        if isinstance(value, str):
            self.chars += len(value)
            if self.chars > MAX_CHARS:
                raise GeneratorError(_("the workbook holds more than {max_chars} characters of text").format(
                    max_chars=f"{MAX_CHARS:,}"), ref, _("is this the right file?"))
            from ..loading import _CONTROL

            bad = _CONTROL.search(value)
            if bad:
                self.problem(ref, _("the text holds an invisible control character (U+{code:04X})").format(
                    code=ord(bad.group())), _("delete it and type the text again"))
                value = _CONTROL.sub("", value)
            if column.shape != "scalar":
                return True, value
            return True, self._text(value, column, ref)
        if isinstance(value, bool):
            if column.shape == "scalar" and bool in column.types:
                return True, value
            self.problem(ref, _("the cell holds {value}, not {expected}").format(
                value="TRUE" if value else "FALSE", expected=expected_words(column)), _("type the value as text"))
            return False, None
        if isinstance(value, (dt.datetime, dt.date)):
            day = value.date() if isinstance(value, dt.datetime) else value
            if column.shape == "scalar" and dt.date in column.types and (
                    not isinstance(value, dt.datetime) or value.time() == dt.time()):
                return True, day
            self.problem(ref, _("the cell holds the date {date}, not {expected}").format(
                date=day.isoformat(), expected=expected_words(column)),
                         _("the spreadsheet turned what was typed into a date: format the cell as text (or "
                           "General) and type it again"))
            return False, None
        if isinstance(value, (dt.time, dt.timedelta)):
            self.problem(ref, _("the cell holds a time of day, not {expected}").format(expected=expected_words(column)),
                         _("format the cell as General and type the value again"))
            return False, None
        return self._number(value, cell.number_format, column, ref)

    def _cached(self, sheet: str, row: int, col: int) -> Any:
        """A formula's last computed value, as the workbook stores it (read only to name it in the message)."""
        if self.cached is None:
            import warnings

            from openpyxl import load_workbook

            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                self.cached = load_workbook(self.path, data_only=True, keep_links=False)
        return self.cached[sheet].cell(row, col).value if sheet in self.cached.sheetnames else None

    def _text(self, value: str, column: Column, ref: SourceRef) -> Any:
        """Text of a scalar cell: a number typed as text where a number is expected is read as that number when
        the field takes only numbers, and refused where the field also takes words (it would become words)."""
        if column.numeric and _NUMBER_TEXT.match(halfwidth(value)):
            number = parse_number(halfwidth(value).strip())
            if column.textual:
                self.problem(ref, _("the number {value} is stored as text").format(value=value.strip()),
                             _("format the cell as a number (or General) and type it again"))
            return number
        if column.numeric and _GROUPED_TEXT.match(halfwidth(value)):
            plain = re.sub(r"[,，]", "", halfwidth(value).strip())
            self.problem(ref, _("the number {value} is text with thousands separators").format(value=value.strip()),
                         _("type {plain}, as the article writes it").format(plain=plain))
            return parse_number(plain)
        return value

    def _number(self, value: int | float, number_format: str, column: Column, ref: SourceRef) -> tuple[bool, Any]:
        fmt = bare_format(number_format)
        if "%" in fmt:
            percent = parse_number(str(Decimal(repr(value)) * 100))
            self.problem(ref, _("the cell is formatted as a percentage: it shows {shown}% but holds {value}").format(
                shown=shown_value(percent), value=shown_value(value)),
                         _("format the cell as General and type {shown}; the unit % goes in the unit column").format(
                             shown=shown_value(percent)))
            return True, percent if column.numeric else shown_value(percent)
        if not shows_exactly(value, fmt):
            self.problem(ref, _("the cell's number format ({format}) shows a number other than the {value} it "
                                "holds").format(format=number_format, value=shown_value(value)),
                         _("format the cell as General"))
        if column.shape == "scalar" and column.numeric:
            return True, value
        if column.shape == "scalar" and column.textual:
            return True, shown_value(value)  # a label typed as a number (2021), read as the text it shows
        if column.shape == "lines":
            return True, shown_value(value)
        self.problem(ref, _("the cell holds the number {value}, not {expected}").format(
            value=shown_value(value), expected=expected_words(column)))
        return False, None

    def _put(self, record: dict[str, Any], column: Column, found: tuple[bool, Any], key: KeyPath,
             ref: SourceRef) -> None:
        present, value = found
        if not present:
            return
        if column.shape == "lines":
            items = [line.strip() for line in str(value).replace("\r\n", "\n").replace("\r", "\n").split("\n")]
            value = [item for item in items if item]
            for position in range(len(value)):
                self.positions[key + (position,)] = ref
        elif column.shape == "yaml":
            try:
                value = load_yaml_text(str(value), self.shown).data
            except GeneratorError as exc:
                self.problem(ref, _("the cell is not readable as YAML: {problem}").format(
                    problem=exc.issues[0].message if exc.issues else exc),
                             _("write it as the export does, e.g. [{a: 1}, {a: 2}]"))
                return
        target = record
        for part in column.key[:-1]:
            nested = target.setdefault(part, {})
            if not isinstance(nested, dict):
                return
            target = nested
        target[column.key[-1]] = value
