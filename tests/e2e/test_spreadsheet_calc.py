"""A workbook saved by LibreOffice Calc reads as the one the program wrote: the same dataset, the same outputs byte
for byte, and the same messages for the same mistakes."""
from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from generator.datafile import load_dataset
from generator.errors import GeneratorError

from ..conftest import DATA, LAYOUTS
from ..caches import own_cache
from ..unit.test_spreadsheet import _export, spoil

pytestmark = pytest.mark.render
LAYOUT_NAMES = sorted(p.stem for p in LAYOUTS.glob("*.yaml"))


def save_in_calc(workbooks: list[tuple[Path, Path]]) -> list[Path]:
    """Each (workbook, folder): the workbook opened and saved again as .xlsx by LibreOffice Calc (headless), into
    folder under its own name, with the texts beside it (its article); one run of LibreOffice saves them all."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        pytest.fail("LibreOffice (soffice) is not installed: `make test` installs it")
    work = workbooks[0][1].parent / f"{workbooks[0][1].name}-calc"
    (work / "in").mkdir(parents=True)
    staged = []  # numbered copies: workbooks of the same name do not overwrite each other's saved file
    for number, (workbook, _folder) in enumerate(workbooks):
        staged.append(work / "in" / f"{number}-{workbook.name}")
        shutil.copy(workbook, staged[-1])
    subprocess.run([soffice, f"-env:UserInstallation=file://{work / 'profile'}", "--headless", "--norestore",
                    "--convert-to", "xlsx:Calc MS Excel 2007 XML", "--outdir", str(work / "out"),
                    *map(str, staged)], check=True, capture_output=True, timeout=300)
    saved_all = []
    for (workbook, folder), copy in zip(workbooks, staged):
        folder.mkdir(exist_ok=True)
        saved = folder / workbook.name
        (work / "out" / copy.name).rename(saved)
        assert saved.is_file() and saved.read_bytes() != workbook.read_bytes()
        for other in workbook.parent.iterdir():
            if other.suffix == ".txt":
                shutil.copy(other, folder / other.name)
        saved_all.append(saved)
    return saved_all


@pytest.fixture(scope="module")
def saved_by_calc(tmp_path_factory) -> dict[str, object]:
    """The shipped dataset as a workbook saved by Calc ("clean"), and the same workbook with ten mistakes made in it
    ("spoiled", with "expected": the place of each), saved by Calc in the same run."""
    clean = tmp_path_factory.mktemp("workbook")
    spoiled = tmp_path_factory.mktemp("spoiled")
    workbook = _export(DATA, spoiled)
    expected = spoil(workbook)
    saved = save_in_calc([(_export(DATA, clean), clean / "calc"), (workbook, spoiled / "calc")])
    return {"clean": saved[0], "spoiled": saved[1], "expected": expected}


@pytest.fixture(scope="module")
def calc_saved(saved_by_calc) -> Path:
    return saved_by_calc["clean"]


def test_a_workbook_saved_by_calc_reads_as_the_yaml_dataset(calc_saved, tmp_path):
    original = load_dataset(DATA).model
    from_calc = load_dataset(calc_saved).model
    for name in type(original).model_fields:
        assert getattr(from_calc, name) == getattr(original, name), name


def test_a_workbook_saved_by_calc_builds_every_layout_byte_identical_to_the_yaml_dataset(calc_saved, tmp_path):
    """Every layout in both languages is described the same from either dataset: the composed meeting (compared as
    the cache stores it, where 1 and 1.0 or a tuple and a list differ) and everything else a build renders from,
    which is all that build.py and the renderers read (description.py: equal descriptions write the same bytes).
    One layout is then built in every format from each, and the files are the same bytes."""
    from dataclasses import replace

    from generator import cache
    from generator.cli import cli
    from generator.description import describe
    from generator.prepared import Inputs
    from generator.render import RENDERERS

    # a cache of its own: the shared one may gain glyphs from another test's process between the two builds
    with own_cache(tmp_path / "cache"):
        inputs = {DATA: Inputs(DATA), calc_saved: Inputs(calc_saved)}
        for name in LAYOUT_NAMES:
            for lang in ("zh", "en"):
                yaml, xlsx = (describe(LAYOUTS / f"{name}.yaml", inputs[data], lang, tuple(RENDERERS))
                              for data in (DATA, calc_saved))
                assert xlsx.dataset == calc_saved and yaml.dataset == DATA
                assert cache.dumps(xlsx.document) == cache.dumps(yaml.document), (name, lang)
                # the rest; the cache key is made of the dataset file's bytes and is not read by any renderer
                assert replace(xlsx, dataset=DATA, key=None, document=None, created=yaml.created) == \
                    replace(yaml, key=None, document=None), (name, lang)

        for data, out in ((DATA, tmp_path / "yaml"), (calc_saved, tmp_path / "xlsx")):
            result = CliRunner().invoke(cli, ["build", "lianghui", "--data", str(data), "--format", "everything",
                                              "--lang", "zh", "--out", str(out)], catch_exceptions=False)
            assert result.exit_code == 0, result.output
    built = sorted(p.name for p in (tmp_path / "yaml").iterdir())
    assert len(built) == len(RENDERERS)  # every format
    assert sorted(p.name for p in (tmp_path / "xlsx").iterdir()) == built
    for name in built:
        assert (tmp_path / "xlsx" / name).read_bytes() == (tmp_path / "yaml" / name).read_bytes(), name


def test_the_ten_mistakes_saved_by_calc_give_the_same_ten_places(saved_by_calc):
    expected, saved = saved_by_calc["expected"], saved_by_calc["spoiled"]
    with pytest.raises(GeneratorError) as caught:
        load_dataset(saved)
    messages = [str(issue) for issue in caught.value.issues]
    for place in expected.values():
        assert sum(f"facts.xlsx: {place}" in m for m in messages) == 1, (place, messages)
    assert len(messages) == 10, messages
    # Calc computed the formula when it saved: its value is named, and still not read as the figure
    assert any("last computed value" in m for m in messages)
