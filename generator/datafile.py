"""The dataset from its file, whatever the file: YAML or JSON (generator.dataset), or an Excel/WPS workbook
(generator.spreadsheet), each proved against its article the same way."""
from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .dataset import Dataset


def load_dataset(path: Path) -> Dataset:
    """Return the dataset at path, proved against its article; raise GeneratorError listing every problem (in a
    workbook, each named by its sheet and cell)."""
    from .spreadsheet import REFUSED_SUFFIXES, SUFFIXES

    if path.suffix.lower() in SUFFIXES + REFUSED_SUFFIXES:
        from .spreadsheet.proving import load_workbook_dataset

        return load_workbook_dataset(path)
    from .dataset import load_dataset as load_text_dataset

    return load_text_dataset(path)
