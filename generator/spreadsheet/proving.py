"""The dataset of a workbook, proved like a YAML dataset, with every problem — the cells', the model's and the
dataset checks' — reported in one round."""
from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import GeneratorError, Issue, SourceRef
from ..i18n import _
from ..loading import Loaded, display_path
from .reading import Reading, read_workbook

if TYPE_CHECKING:
    from ..dataset import Dataset


def load_workbook_dataset(path: Path) -> Dataset:
    """Return the dataset of a workbook, proved against its article like a YAML dataset; raise GeneratorError
    listing every problem in one round: the workbook's cells, the model's and the dataset checks'."""
    from pydantic import ValidationError

    from ..dataset import Dataset, DatasetModel
    from ..proof import validate_dataset
    from ..loading import read_text
    from ..validation import build_model

    reading = read_workbook(path, DatasetModel)
    loaded = reading.loaded
    issues = list(reading.issues)
    model: DatasetModel | None = None
    dropped: list[str] = []
    try:
        model = build_model(loaded, DatasetModel, "dataset")
    except GeneratorError as exc:
        issues += [_in_cell_words(i) for i in exc.issues if not _already_said(i, reading)]
        try:  # the records the model refused are left out, so that the dataset checks can run on the rest
            DatasetModel.model_validate(loaded.data)
        except ValidationError as error:
            loaded, dropped = _without_records(loaded, [e["loc"] for e in error.errors()])
        try:
            model = DatasetModel.model_validate(loaded.data) if dropped else None
        except ValidationError:
            model = None
    if model is not None:
        article_path = path.parent / model.source.file
        try:
            article = read_text(article_path, "source article")
            others = tuple((src.id, read_text(path.parent / src.file, "source article")) for src in model.sources)
        except GeneratorError as exc:
            issues += exc.issues
        else:
            dataset = Dataset(loaded.path, model, article, others)
            # a message naming a record the model refused follows from that record's own message
            named = re.compile(r"(?<![A-Za-z0-9_])(" + "|".join(map(re.escape, dropped)) + r")(?![A-Za-z0-9_])") \
                if dropped else None
            try:
                validate_dataset(dataset, loaded, display_path(article_path))
            except GeneratorError as exc:
                article_shown = display_path(article_path)
                issues += [_in_cell_words(i) for i in exc.issues if not (
                    _already_said(i, reading)
                    or (i.ref is not None and i.ref.path == article_shown and (dropped or reading.issues))
                    or (named is not None and named.search(i.message)))]
            if not issues:
                return dataset
    if not issues:  # pragma: no cover - a refused model always leaves an issue
        raise GeneratorError(_("the workbook could not be read"), SourceRef(loaded.path))
    order = reading.sheet_order
    issues.sort(key=lambda i: (order.get(i.ref.cell.split("!")[0], len(order)) if i.ref and i.ref.cell else
                               len(order) + 1, i.ref.line if i.ref else 0, i.ref.col if i.ref else 0))
    raise GeneratorError(issues)


def _in_cell_words(issue: Issue) -> Issue:
    """A message of the model or the dataset checks in a workbook's words: a "missing key" is an empty cell, and
    the line where an id was first used is the row."""
    ref = issue.ref
    if ref is None or not ref.cell:
        return issue
    first = re.fullmatch(r"\D*(\d+)\D*", issue.hint)
    if first and issue.hint == _("first used at line {first_line}").format(first_line=first.group(1)):
        issue = Issue(ref, issue.message, _("first used in row {row} of the sheet {sheet}").format(
            row=first.group(1), sheet=ref.cell.split("!")[0]))
    if not ref.cell.endswith(")"):
        return issue
    name = ref.cell.rsplit("/", 1)[-1].rstrip(")").strip()
    if issue.message != _("missing key '{name}'").format(name=name.split(".")[-1]):
        return issue
    return Issue(ref, _("the cell is empty; every record needs its {name}").format(name=name),
                 issue.hint or _("type the value, or delete the whole row if the record should go"))


def _already_said(issue: Issue, reading: Reading) -> bool:
    """A message about a cell whose value the reader already refused and guessed."""
    return bool(issue.ref and issue.ref.cell and issue.ref.cell.split(" ")[0] in reading.doubtful
                and issue not in reading.issues)


def _without_records(loaded: Loaded, locations: list[tuple[int | str, ...]]) -> tuple[Loaded, list[str]]:
    """loaded without the records of the lists that the model refused (and the ids they had), with the positions
    of the rest renumbered."""
    refused: dict[str, set[int]] = {}
    for loc in locations:
        if len(loc) >= 2 and isinstance(loc[0], str) and isinstance(loc[1], int):
            refused.setdefault(loc[0], set()).add(loc[1])
    data = dict(loaded.data)
    positions = {k: v for k, v in loaded.positions.items() if not (k and k[0] in refused)}
    dropped: list[str] = []
    for name, indexes in refused.items():
        records = data.get(name)
        if not isinstance(records, list):
            continue
        kept = [i for i in range(len(records)) if i not in indexes]
        dropped += [str(records[i].get("id")) for i in indexes
                    if i < len(records) and isinstance(records[i], dict) and records[i].get("id")]
        data[name] = [records[i] for i in kept]
        for new, old in enumerate(kept):
            for key, ref in loaded.positions.items():
                if len(key) >= 2 and key[0] == name and key[1] == old:
                    positions[(name, new) + key[2:]] = ref
        if (name,) in loaded.positions:
            positions[(name,)] = loaded.positions[(name,)]
    return Loaded(loaded.path, data, positions), dropped
