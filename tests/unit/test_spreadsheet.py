"""The dataset as a workbook: written from the model and read back into the same model, every spreadsheet mistake
named by sheet, cell and header in one round, and an untrusted file refused before it is unpacked."""
from __future__ import annotations

import datetime as dt
import shutil
import zipfile
from pathlib import Path
from typing import Literal

import pytest
from openpyxl import load_workbook
from pydantic import Field

from generator.datafile import load_dataset
from generator.dataset import DatasetModel, Fact
from generator.errors import GeneratorError
from generator.spreadsheet.sheets import MAX_ROWS, sheets_of
from generator.spreadsheet.reading import read_workbook
from generator.spreadsheet.writing import export_dataset, write_workbook
from generator.validation import Strict, build_model

from ..conftest import ARTICLE, DATA, ROOT

NEXT_YEAR = ROOT / "tests" / "fixtures" / "next-year"


#: each dataset's workbook and its article's file name, as exported once in this process
_EXPORTED: dict[tuple[Path, str], tuple[bytes, str]] = {}


def _export(source: Path, folder: Path, name: str = "facts.xlsx") -> Path:
    """The dataset at source written as a workbook into folder, beside a copy of its article. The tests that spoil
    a workbook get a copy of the first export of the dataset in this process: the export is the same each time (a
    test here exports a dataset twice and compares every cell)."""
    if (source, name) not in _EXPORTED:
        model = load_dataset(source).model
        first = folder / ".first-export" / name
        first.parent.mkdir()
        export_dataset(model, first)
        _EXPORTED[source, name] = first.read_bytes(), model.source.file
        shutil.rmtree(first.parent)
    workbook, article = _EXPORTED[source, name]
    shutil.copy(source.parent / article, folder / article)
    (folder / name).write_bytes(workbook)
    return folder / name


def cells(path: Path) -> dict[str, list[list[object]]]:
    """Every sheet's cells as values, by sheet."""
    book = load_workbook(path)
    return {ws.title: [[c.value for c in row] for row in ws.iter_rows()] for ws in book.worksheets}


@pytest.mark.parametrize("source", [DATA, NEXT_YEAR / "facts.yaml"], ids=["shipped", "next-year"])
def test_yaml_to_workbook_to_yaml_keeps_every_field_and_workbook_to_yaml_to_workbook_every_cell(tmp_path, source):
    original = load_dataset(source).model
    workbook = _export(source, tmp_path)
    from_workbook = load_dataset(workbook).model
    for name in DatasetModel.model_fields:  # field by field, so that a difference names its list
        assert getattr(from_workbook, name) == getattr(original, name), name
    export_dataset(from_workbook, tmp_path / "back.yaml")
    from_yaml = load_dataset(tmp_path / "back.yaml").model
    assert from_yaml == original
    export_dataset(from_yaml, tmp_path / "again.xlsx")
    assert cells(tmp_path / "again.xlsx") == cells(workbook)


def test_the_workbook_shows_both_headers_frozen_with_lists_for_closed_fields_and_the_article_s_values(tmp_path):
    book = load_workbook(_export(DATA, tmp_path))
    assert {"source", "years", "zone", "facts"} <= set(book.sheetnames)
    facts = book["facts"]
    headers = [c.value for c in facts[1]]
    assert "引文 / quote" in headers and "状态 / status" in headers and "数值 / value" in headers
    assert facts.freeze_panes == "B2"
    quote = headers.index("引文 / quote") + 1
    assert facts.column_dimensions[facts.cell(1, quote).column_letter].width >= 60
    assert facts.cell(2, quote).alignment.wrap_text
    lists = {str(v.sqref).split(":")[0]: v.formula1 for v in facts.data_validations.dataValidation}
    status = facts.cell(2, headers.index("状态 / status") + 1).coordinate
    measure = facts.cell(2, headers.index("计量 / measure") + 1).coordinate
    assert lists[status] == '"achieved,cumulative,target,pipeline,goal,context"'
    assert lists[measure].startswith("measures!$A$2")
    fact = next(f for f in load_dataset(DATA).model.facts if f.unit == "亿元" and f.is_number)
    row = next(r for r in facts.iter_rows(min_row=2) if r[0].value == fact.id)
    value, unit = row[headers.index("数值 / value")].value, row[headers.index("单位 / unit")].value
    assert (value, unit) == (fact.value, "亿元") and value < 100_000  # the article's number, not 25900000000
    sections = book["sections"]
    points = [c.value for c in sections[1]].index("要点（中文） / points_zh") + 1
    assert len(str(sections.cell(2, points).value).split("\n")) == len(load_dataset(DATA).model.sections[0].points_zh)
    years = book["years"]
    assert [[c.value for c in row][:2] for row in years.iter_rows(min_row=2)] == [["成绩年份 / results", 2020],
                                                                                 ["计划年份 / plan", 2021]]


# --- new fields flow through: the sheets follow the model ------------------------------------------------------------

class Rank(Strict):
    place: int
    of: str = Field(description="what the place is among")


class Derivation(Strict):
    op: Literal["sum", "ratio"]
    of: tuple[str, ...]


class NewFact(Fact):
    rank: Rank | None = None
    sources: tuple[str, ...] = ()
    derived: tuple[Derivation, ...] = ()
    reviewed: dt.date | None = None


class NewDataset(DatasetModel):
    facts: tuple[NewFact, ...] = Field(min_length=1)
    edition: int = 1


def test_fields_added_to_the_model_flow_through_with_dotted_headers_lines_and_yaml_cells(tmp_path):
    shipped = load_dataset(DATA).model.model_dump()
    first = dict(shipped["facts"][0], period="2020", rank={"place": 2, "of": "全省"}, sources=["日照日报", "年鉴"],
                 derived=[{"op": "sum", "of": ["a", "b"]}], reviewed=dt.date(2021, 2, 1))
    model = NewDataset.model_validate(dict(shipped, facts=[first, *shipped["facts"][1:]], edition=3))
    write_workbook(model, tmp_path / "new.xlsx")
    headers = [c.value for c in load_workbook(tmp_path / "new.xlsx")["facts"][1]]
    assert "排名·范围 / rank.of" in headers and "rank.place" in headers and "出处 / sources" in headers and "推算 / derived" in headers
    reading = read_workbook(tmp_path / "new.xlsx", NewDataset)
    assert reading.issues == []
    assert build_model(reading.loaded, NewDataset, "dataset") == model
    letter = load_workbook(tmp_path / "new.xlsx")["facts"].cell(1, headers.index("排名·范围 / rank.of") + 1).column_letter
    assert str(reading.loaded.ref(("facts", 0, "rank", "of"))) == f"new.xlsx: facts!{letter}2 (排名·范围 / rank.of)" \
        or str(reading.loaded.ref(("facts", 0, "rank", "of"))).endswith(f"new.xlsx: facts!{letter}2 (排名·范围 / rank.of)")
    assert [s.name for s in sheets_of(NewDataset)][-1] == "dataset"


# --- ten mistakes, one message each, one round -----------------------------------------------------------------------

def _column(ws, name: str) -> int:
    return next(c.column for c in ws[1] if str(c.value).endswith(f"/ {name}"))


def _row(ws, record_id: str) -> int:
    return next(r[0].row for r in ws.iter_rows(min_row=2) if r[0].value == record_id)


def _unreferenced_numbers(count: int) -> list[str]:
    """Ids of number facts that nothing else in the dataset names: changing one changes nothing else."""
    text = DATA.read_text(encoding="utf-8")
    model = load_dataset(DATA).model
    found = [f.id for f in model.facts if f.is_number and text.count(f.id) == 1 and "." not in f.value_text
             and f.value_to is None]
    assert len(found) >= count
    return found[:count]


def spoil(path: Path) -> dict[str, str]:
    """Make ten kinds of spreadsheet mistake in the workbook at path; return the place each must be named at."""
    book = load_workbook(path)
    facts, entities = book["facts"], book["entities"]
    text_number, percent, status, quote, outside, duplicate, formula, merged = _unreferenced_numbers(8)
    expected = {}

    def cell(ws, record_id: str, name: str):
        c = ws.cell(_row(ws, record_id), _column(ws, name))
        expected[f"{record_id}.{name}"] = f"{ws.title}!{c.coordinate} ({ws.cell(1, c.column).value})"
        return c

    c = cell(facts, text_number, "value")
    c.value = str(c.value)  # a number typed as text
    c = cell(facts, percent, "value")
    c.value, c.number_format = c.value / 100, "0.0%"
    cell(facts, status, "status").value = "done"
    cell(facts, quote, "quote").value = None
    c = cell(facts, outside, "quote")
    c.value = c.value + "（测试）"  # not in the article, still holding the value
    cell(facts, duplicate, "id").value = text_number
    c = cell(facts, formula, "value")
    c.value = f"={c.value}-1+1"
    c = cell(facts, merged, "label_en")
    facts.merge_cells(start_row=c.row, start_column=c.column, end_row=c.row + 1, end_column=c.column)
    cell(entities, entities.cell(2, 1).value, "kind").value = None  # an empty required cell
    book["markets"].title = "market"
    expected["sheet"] = "market!A1"
    book.save(path)
    return expected


@pytest.mark.parametrize("ui", ["en", "zh"])
def test_ten_spreadsheet_mistakes_give_one_message_each_naming_sheet_cell_and_header_in_one_round(tmp_path, ui,
                                                                                              monkeypatch):
    monkeypatch.setenv("BRIEFING_UI", ui)
    workbook = _export(DATA, tmp_path)
    expected = spoil(workbook)
    with pytest.raises(GeneratorError) as caught:
        load_dataset(workbook)
    messages = [str(issue) for issue in caught.value.issues]
    for place in expected.values():
        assert sum(f"facts.xlsx: {place}" in m for m in messages) == 1, (place, messages)
    assert len(messages) == 10, messages
    if ui == "en":
        assert any("stored as text" in m for m in messages) and any("percentage" in m for m in messages)
        assert any("'market'" in m and "'markets'" in m for m in messages)
        assert any("duplicate id" in m and "(first used in row " in m and "of the sheet facts)" in m for m in messages)


def test_a_number_typed_as_text_with_thousands_separators_is_refused_once_naming_the_plain_number(tmp_path):
    workbook = _export(DATA, tmp_path)
    book = load_workbook(workbook)
    ws = book["facts"]
    fact = next(f for f in load_dataset(DATA).model.facts if isinstance(f.value, int) and f.value >= 1000)
    cell = ws.cell(_row(ws, fact.id), _column(ws, "value"))
    cell.value = f"{fact.value:,}"
    book.save(workbook)
    with pytest.raises(GeneratorError) as caught:
        load_dataset(workbook)
    assert len(caught.value.issues) == 1, caught.value
    assert f"facts!{cell.coordinate} (数值 / value)" in str(caught.value) and f"type {fact.value}," in str(caught.value)


def test_a_number_typed_as_text_is_read_where_only_a_number_is_taken(tmp_path):
    workbook = _export(DATA, tmp_path)
    book = load_workbook(workbook)
    book["years"]["B2"].value = "2020"
    book.save(workbook)
    assert load_dataset(workbook).model.years.results == 2020


@pytest.mark.parametrize("change, message", [
    (lambda ws, c: setattr(c, "value", dt.datetime(2021, 3, 5)), "holds the date 2021-03-05"),
    (lambda ws, c: setattr(c, "number_format", "0"), "shows a number other than"),
    (lambda ws, c: ws.row_dimensions.__getitem__(c.row).__setattr__("hidden", True), "is hidden"),
    (lambda ws, c: setattr(c, "value", dt.time(3, 5)), "time of day"),
    (lambda ws, c: setattr(c, "value", "=1/0"), "formula"),
], ids=["date", "rounding-format", "hidden-row", "time", "formula"])
def test_what_a_cell_shows_is_never_read_as_another_number(tmp_path, change, message):
    workbook = _export(DATA, tmp_path)
    book = load_workbook(workbook)
    ws = book["facts"]
    fact = next(f for f in load_dataset(DATA).model.facts if isinstance(f.value, float))
    cell = ws.cell(_row(ws, fact.id), _column(ws, "value"))
    change(ws, cell)
    book.save(workbook)
    with pytest.raises(GeneratorError) as caught:
        load_dataset(workbook)
    place = f"facts!A{cell.row} (编号 / id)" if message == "is hidden" else f"facts!{cell.coordinate} (数值 / value)"
    assert [message in str(i) for i in caught.value.issues if place in str(i)] == [True], caught.value


def test_text_beginning_with_an_equals_sign_stays_text(tmp_path):
    model = load_dataset(DATA).model
    zone = model.zone.model_copy(update={"name_en": "=Rizhao"})
    write_workbook(model.model_copy(update={"zone": zone}), tmp_path / "eq.xlsx")
    reading = read_workbook(tmp_path / "eq.xlsx", DatasetModel)
    assert reading.issues == [] and reading.loaded.data["zone"]["name_en"] == "=Rizhao"


# --- untrusted files -------------------------------------------------------------------------------------------------

def test_a_macro_workbook_and_a_workbook_with_a_macro_part_are_refused(tmp_path):
    workbook = _export(DATA, tmp_path)
    shutil.copy(workbook, tmp_path / "facts.xlsm")
    with pytest.raises(GeneratorError, match="macros"):
        load_dataset(tmp_path / "facts.xlsm")
    with zipfile.ZipFile(workbook, "a") as package:
        package.writestr("xl/vbaProject.bin", b"test data, not a macro")
    with pytest.raises(GeneratorError, match="macros"):
        load_dataset(workbook)


def test_a_zip_that_unpacks_to_far_more_than_it_holds_is_refused_before_it_is_read(tmp_path):
    workbook = _export(DATA, tmp_path)
    with zipfile.ZipFile(workbook, "a", compression=zipfile.ZIP_DEFLATED) as package:
        package.writestr("xl/media/padding.bin", b"\0" * (20 * 1024 * 1024))
    with pytest.raises(GeneratorError, match="unpacks to"):
        load_dataset(workbook)


def test_a_file_that_is_not_a_workbook_is_refused_with_a_hint(tmp_path):
    (tmp_path / "facts.xlsx").write_bytes(b"\xd0\xcf\x11\xe0 test data: the start of an old binary file")
    with pytest.raises(GeneratorError, match="not an .xlsx workbook"):
        load_dataset(tmp_path / "facts.xlsx")


def test_a_sheet_past_the_row_limit_is_refused_naming_it(tmp_path):
    workbook = _export(DATA, tmp_path)
    book = load_workbook(workbook)
    book["markets"].cell(MAX_ROWS + 1, 1).value = "far_below"
    book.save(workbook)
    with pytest.raises(GeneratorError, match="markets.*limits"):
        load_dataset(workbook)


def test_a_formula_naming_another_workbook_is_refused_and_the_link_not_followed(tmp_path):
    workbook = _export(DATA, tmp_path)
    book = load_workbook(workbook)
    ws = book["years"]
    ws["B2"].value = "='file:///etc/[passwd.xlsx]Sheet1'!A1"
    book.save(workbook)
    with pytest.raises(GeneratorError) as caught:
        load_dataset(workbook)
    assert "years!B2 (成绩年份 / results)" in str(caught.value) and "formula" in str(caught.value)


def test_the_export_writes_yaml_the_loader_reads_and_refuses_other_suffixes(tmp_path):
    model = load_dataset(DATA).model
    shutil.copy(ARTICLE, tmp_path / "article.txt")
    export_dataset(model, tmp_path / "facts.yaml")
    assert load_dataset(tmp_path / "facts.yaml").model == model
    with pytest.raises(GeneratorError, match=r"\.xlsx"):
        export_dataset(model, tmp_path / "facts.csv")



def _problems(workbook: Path) -> list[str]:
    with pytest.raises(GeneratorError) as caught:
        load_dataset(workbook)
    return [str(issue) for issue in caught.value.issues]


def test_a_renamed_header_is_read_as_the_column_it_is_close_to_and_named_once(tmp_path):
    workbook = _export(DATA, tmp_path)
    book = load_workbook(workbook)
    ws = book["facts"]
    header = ws.cell(1, _column(ws, "quote"))
    header.value = "引文 / quotes"
    book.save(workbook)
    problems = _problems(workbook)
    assert len(problems) == 1 and problems[0].endswith(
        f"facts.xlsx: facts!{header.coordinate}: unknown column '引文 / quotes' (did you mean 'quote'?)"), problems


def test_a_deleted_required_column_is_one_message_not_one_per_row(tmp_path):
    workbook = _export(DATA, tmp_path)
    book = load_workbook(workbook)
    ws = book["measures"]
    ws.delete_cols(_column(ws, "label_en"))
    book.save(workbook)
    problems = _problems(workbook)
    assert len(problems) == 1 and "measures!C1 (名称（英文） / label_en)" in problems[0], problems


def test_a_hidden_column_and_a_hidden_sheet_are_named(tmp_path):
    workbook = _export(DATA, tmp_path)
    book = load_workbook(workbook)
    book["facts"].column_dimensions["C"].hidden = True
    book["markets"].sheet_state = "hidden"
    book.save(workbook)
    problems = _problems(workbook)
    assert any("facts!C1 (名称（英文） / label_en): the column is hidden" in p for p in problems), problems
    assert any("markets!A1" in p and "hidden" in p for p in problems) and len(problems) == 2, problems


def test_an_error_value_and_a_value_without_a_header_are_named(tmp_path):
    workbook = _export(DATA, tmp_path)
    book = load_workbook(workbook)
    ws = book["facts"]
    ws.cell(2, _column(ws, "unit")).value = "#N/A"
    ws.cell(2, _column(ws, "unit")).data_type = "e"
    ws.cell(3, ws.max_column + 2).value = "a note"
    book.save(workbook)
    problems = _problems(workbook)
    assert any("the error #N/A" in p and "(单位 / unit)" in p for p in problems), problems
    assert any("without a header" in p for p in problems) and len(problems) == 2, problems


def test_a_part_declaring_entities_is_refused_before_any_xml_is_parsed(tmp_path):
    workbook = _export(DATA, tmp_path)
    spoiled = tmp_path / "entities.xlsx"
    with zipfile.ZipFile(workbook) as source, zipfile.ZipFile(spoiled, "w") as target:
        for part in source.infolist():
            data = source.read(part)
            if part.filename == "xl/workbook.xml":  # test data: an entity that would read a local file
                data = b'<!DOCTYPE w [<!ENTITY x SYSTEM "file:///etc/hostname">]>' + data.replace(b"<bookViews>",
                                                                                                 b"<bookViews>&x;", 1)
            target.writestr(part, data)
    with pytest.raises(GeneratorError, match="document type"):
        load_dataset(spoiled)


def test_the_facts_command_exports_a_workbook_and_yaml_from_it_and_never_over_its_own_dataset(run_cli, tmp_path):
    shutil.copy(ARTICLE, tmp_path / "article.txt")
    result = run_cli("facts", "--data", str(DATA), "--export", "facts.xlsx")
    assert result.exit_code == 0 and "facts.xlsx" in result.output, result.output
    result = run_cli("facts", "--data", "facts.xlsx", "--export", "back.yaml")
    assert result.exit_code == 0, result.output
    assert load_dataset(tmp_path / "back.yaml").model == load_dataset(DATA).model
    result = run_cli("facts", "--data", "facts.xlsx", "--export", "facts.xlsx")
    assert result.exit_code == 1 and "overwrite" in result.output
    result = run_cli("facts", "--data", "facts.xlsx", "投资")
    assert result.exit_code == 0 and f"of {len(load_dataset(DATA).model.facts)} facts" in result.output


def test_reading_a_workbook_loads_no_numpy_and_numpy_loads_after_it(tmp_path):
    import subprocess
    import sys

    workbook = _export(DATA, tmp_path)
    code = ("import sys; from pathlib import Path; from generator.datafile import load_dataset; "
            f"load_dataset(Path({str(workbook)!r})); assert 'numpy' not in sys.modules, 'numpy'; "
            "import numpy; print(numpy.zeros(2).sum())")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120, cwd=ROOT)
    assert result.returncode == 0 and result.stdout.strip() == "0.0", result.stderr


def test_an_export_into_a_missing_folder_is_a_message(tmp_path):
    with pytest.raises(GeneratorError, match="cannot write"):
        export_dataset(load_dataset(DATA).model, tmp_path / "no such folder" / "facts.xlsx")
