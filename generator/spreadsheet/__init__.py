"""The dataset as an Excel/WPS workbook: written from the dataset model for people to edit, and read back into the
same plain data the YAML loader gives, each value with its sheet, cell and header (`facts!F23 (引文 / quote)`).

openpyxl, not python-calamine: the export must write a workbook (calamine only reads), and the reader must see what
calamine does not report: a formula as a formula, a cell's number format (a percentage), merged ranges and hidden rows.
Measured on the shipped dataset's workbook saved by LibreOffice Calc (204 records): openpyxl reads it in 0.12 s of CPU
after a 0.12 s import; calamine reads its values in 0.004 s but would need a second reader for everything else."""
from __future__ import annotations

#: the files read as workbooks; the others of Excel's suffixes are refused by name (macros, old binary formats)
SUFFIXES = (".xlsx",)
REFUSED_SUFFIXES = (".xlsm", ".xltm", ".xlsb", ".xls")


def import_openpyxl() -> None:
    """Import openpyxl without numpy, unless numpy is loaded already. openpyxl imports numpy when it can, only to
    take numpy's number types as cell values, which the dataset never holds: measured, 0.17 s of CPU of its 0.29 s
    import, in a build that otherwise loads no numpy. numpy is hidden for the import only (the dataset is read
    before any chart is drawn)."""
    import sys

    if "openpyxl" in sys.modules or "numpy" in sys.modules:
        return
    sys.modules["numpy"] = None  # type: ignore[assignment]  # an import of numpy raises ImportError
    try:
        import openpyxl  # noqa: F401
    finally:
        del sys.modules["numpy"]
