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
    return _load_text(path)


def _load_text(path: Path) -> Dataset:
    """The dataset of a YAML or JSON file, its articles read from beside it."""
    from .dataset import Dataset, DatasetModel
    from .loading import display_path, load_file, read_text
    from .proof import validate_dataset
    from .validation import build_model

    loaded = load_file(path, "dataset")
    model = build_model(loaded, DatasetModel, "dataset")
    article_path = path.parent / model.source.file
    article = read_text(article_path, "source article")
    others = tuple((src.id, read_text(path.parent / src.file, "source article")) for src in model.sources)
    dataset = Dataset(loaded.path, model, article, others)
    validate_dataset(dataset, loaded, display_path(article_path))
    return dataset
