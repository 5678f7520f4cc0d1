"""Write the dataset to a workbook people edit (one sheet per list of records, frozen bilingual headers, drop-down
lists for closed fields), or back to YAML."""
from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel

from ..errors import GeneratorError, SourceRef
from ..i18n import _, os_reason
from ..loading import display_path, dump_yaml
from . import SUFFIXES, import_openpyxl
from .sheets import MAX_ROWS, Column, Sheet, sheets_of

if TYPE_CHECKING:
    from openpyxl.cell.cell import Cell
    from openpyxl.worksheet.worksheet import Worksheet

    from ..dataset import DatasetModel

DATE_FORMAT = "yyyy-mm-dd"
#: the headers of a sheet of one record: a row per field (the same in either interface language, like the others)
KEY_VALUE_HEADERS = ("字段 / field", "值 / value", "说明 / description")


def write_workbook(model: BaseModel, path: Path) -> int:
    """Write model (the dataset) to a new workbook at path; return the number of rows of records written."""
    import_openpyxl()
    from openpyxl import Workbook
    from openpyxl.comments import Comment
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    workbook = Workbook()
    workbook.remove(workbook.active)  # type: ignore[arg-type]
    sheets = sheets_of(type(model))
    plain = _plain(model.model_dump(mode="python"))
    bold, fill = Font(bold=True), PatternFill("solid", fgColor="DDE4EE")
    wrapped, top = Alignment(wrap_text=True, vertical="top"), Alignment(vertical="top")
    rows = 0
    for sheet in sheets:
        ws = workbook.create_sheet(sheet.name)
        if sheet.many:
            headers = [c.header for c in sheet.columns]
            records = plain.get(sheet.name) or []
            ws.append(headers)
            for row, record in enumerate(records, start=2):
                for index, column in enumerate(sheet.columns, start=1):
                    _write_cell(ws.cell(row, index), column, _at(record, column.key), wrapped, top)
            rows += len(records)
            widths = [_width(c, [_shown(_at(r, c.key), c) for r in records]) for c in sheet.columns]
            for index, column in enumerate(sheet.columns, start=1):
                header = ws.cell(1, index)
                header.font, header.fill, header.alignment = bold, fill, wrapped
                if column.description:
                    header.comment = Comment(column.description, "briefing")
                ws.column_dimensions[get_column_letter(index)].width = widths[index - 1]
                _validate(ws, column, index, len(records), sheets)
            ws.freeze_panes = "B2" if sheet.columns and sheet.columns[0].name == "id" else "A2"
        else:
            record = plain if sheet.name == "dataset" and sheet.model is type(model) else plain.get(sheet.name) or {}
            ws.append(list(KEY_VALUE_HEADERS))
            for index, column in enumerate(sheet.columns, start=2):
                ws.cell(index, 1, column.header).font = bold
                _write_cell(ws.cell(index, 2), column, _at(record, column.key), wrapped, top)
                ws.cell(index, 3, column.description or None)
                _validate(ws, column, 2, 0, sheets, row=index)
            for index in (1, 2, 3):
                ws.cell(1, index).font, ws.cell(1, index).fill = bold, fill
            ws.column_dimensions["A"].width = 32
            ws.column_dimensions["B"].width = _width(sheet.columns[0], [
                _shown(_at(record, c.key), c) for c in sheet.columns]) if sheet.columns else 20
            ws.column_dimensions["C"].width = 40
            ws.freeze_panes = "B2"
    names = [s.name for s in sheets]
    workbook.active = names.index("facts") if "facts" in names else 0
    for ws in workbook.worksheets:
        ws.sheet_view.tabSelected = ws.title == workbook.active.title  # type: ignore[union-attr]
    temp = path.with_name(f".{path.name}.tmp.xlsx")
    workbook.save(temp)
    temp.replace(path)
    return rows


def _write_cell(cell: Cell, column: Column, value: Any, wrapped: Any, top: Any) -> None:
    if value is None:
        return
    if column.shape == "lines":
        cell.value = "\n".join(str(item) for item in value)
    elif column.shape == "yaml":
        cell.value = dump_yaml(value, flow=True).strip()
    elif isinstance(value, dt.date):
        cell.value = value
        cell.number_format = DATE_FORMAT
    else:
        cell.value = value
    if isinstance(cell.value, str) and cell.value.startswith("="):
        cell.data_type = "s"  # text that begins with = stays text, not a formula
    long = column.shape != "scalar" or "quote" in column.name or (isinstance(value, str) and len(value) > 40)
    cell.alignment = wrapped if long else top


def _validate(ws: Worksheet, column: Column, index: int, count: int, sheets: list[Sheet], row: int = 0) -> None:
    """A drop-down list for a closed field (a Literal, true/false) or for the id of a record of another sheet (a
    field `measure` names an id of the sheet `measures`)."""
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    if column.shape != "scalar":
        return
    formula = ""
    if column.choices:
        formula = '"' + ",".join(column.choices) + '"'
    elif column.types == {bool}:
        formula = '"TRUE,FALSE"'
    else:
        target = next((s for s in sheets if s.many and s.name == column.key[-1] + "s"
                       and s.columns and s.columns[0].name == "id"), None)
        if target is not None:
            formula = f"{target.name}!$A$2:$A${MAX_ROWS}"
    if not formula or len(formula) > 255:
        return
    letter = get_column_letter(index)
    check = DataValidation(type="list", formula1=formula, allow_blank=not column.required)
    check.error = _("choose one of the list")
    check.errorTitle = column.header
    check.showErrorMessage = True
    ws.add_data_validation(check)
    check.add(f"{letter}{row}" if row else f"{letter}2:{letter}{max(count + 200, 1000)}")


def _plain(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, Decimal):
        return float(value)
    return value


def _at(record: Any, key: tuple[str, ...]) -> Any:
    for part in key:
        if not isinstance(record, dict):
            return None
        record = record.get(part)
    return record


def _shown(value: Any, column: Column) -> str:
    if value is None:
        return ""
    if column.shape == "lines":
        return max((str(v) for v in value), key=len, default="")
    return str(value)


def _width(column: Column, texts: list[str]) -> float:
    """A column's width in characters: its longest text (a Chinese character counts two), within limits; quotes
    and lists are wide and wrapped."""
    longest = max([_text_width(t) for t in texts] + [_text_width(column.header)])
    if "quote" in column.name:
        return 70
    return float(min(max(longest + 2, 8), 50 if column.shape == "scalar" else 60))


def _text_width(text: str) -> int:
    return sum(2 if ord(ch) > 0x2E80 else 1 for ch in text)


def export_dataset(model: DatasetModel, path: Path) -> str:
    """Write the dataset to path as a workbook (.xlsx) or as YAML (.yaml, .yml); return what was written; raise
    GeneratorError for another suffix or a file that cannot be written."""
    try:
        return _export(model, path)
    except OSError as exc:
        raise GeneratorError(_("cannot write the output: {reason}").format(reason=os_reason(exc)),
                             SourceRef(display_path(path)),
                             _("check that the folder is writable and the disk is not full")) from None


def _export(model: DatasetModel, path: Path) -> str:
    suffix = path.suffix.lower()
    if suffix in SUFFIXES:
        rows = write_workbook(model, path)
        return _("{count} sheets, {rows} records").format(count=len(sheets_of(type(model))), rows=rows)
    if suffix in (".yaml", ".yml"):
        text = dump_yaml(_plain(model.model_dump(mode="python", exclude_defaults=True)))
        header = "# " + _("The dataset, written by `briefing facts --export`; comments of the original are not kept.")
        temp = path.with_name(f".{path.name}.tmp")
        temp.write_text(header + "\n" + text, encoding="utf-8")
        temp.replace(path)
        return _("{lines} lines").format(lines=text.count("\n"))
    raise GeneratorError(_("cannot export to '{name}'").format(name=path.name),
                         hint=_("name a file ending in .xlsx (a workbook) or .yaml"))
