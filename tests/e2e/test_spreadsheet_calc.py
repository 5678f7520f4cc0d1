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
from ..unit.test_spreadsheet import _export, spoil

pytestmark = pytest.mark.render
LAYOUT_NAMES = sorted(p.stem for p in LAYOUTS.glob("*.yaml"))


def save_in_calc(workbook: Path, folder: Path) -> Path:
    """The workbook opened and saved again as .xlsx by LibreOffice Calc (headless), into folder."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        pytest.fail("LibreOffice (soffice) is not installed: `make test` installs it")
    folder.mkdir(exist_ok=True)
    profile = folder.parent / f"{folder.name}-profile"
    subprocess.run([soffice, f"-env:UserInstallation=file://{profile}", "--headless", "--norestore", "--convert-to",
                    "xlsx:Calc MS Excel 2007 XML", "--outdir", str(folder), str(workbook)],
                   check=True, capture_output=True, timeout=300)
    saved = folder / workbook.name
    assert saved.is_file() and saved.read_bytes() != workbook.read_bytes()
    for other in workbook.parent.iterdir():
        if other.suffix == ".txt":
            shutil.copy(other, folder / other.name)
    return saved


@pytest.fixture(scope="module")
def calc_saved(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("workbook")
    return save_in_calc(_export(DATA, folder), folder / "calc")


def test_a_workbook_saved_by_calc_reads_as_the_yaml_dataset(calc_saved, tmp_path):
    original = load_dataset(DATA).model
    from_calc = load_dataset(calc_saved).model
    for name in type(original).model_fields:
        assert getattr(from_calc, name) == getattr(original, name), name


def test_a_workbook_saved_by_calc_builds_every_layout_byte_identical_to_the_yaml_dataset(calc_saved, tmp_path,
                                                                                         monkeypatch):
    from generator import fonts
    from generator.cli import cli

    # a cache of its own: the shared one may gain glyphs from another test's process between the two builds
    monkeypatch.setenv("BRIEFING_CACHE_DIR", str(tmp_path / "cache"))
    fonts._subset_folder.cache_clear()

    for data, out in ((DATA, tmp_path / "yaml"), (calc_saved, tmp_path / "xlsx")):
        for lang in ("zh", "en"):
            result = CliRunner().invoke(cli, ["build", *LAYOUT_NAMES, "--data", str(data), "--format", "everything",
                                              "--lang", lang, "--out", str(out)], catch_exceptions=False)
            assert result.exit_code == 0, result.output
    built = sorted(p.name for p in (tmp_path / "yaml").iterdir())
    from generator.render import RENDERERS

    assert len(built) == len(LAYOUT_NAMES) * 2 * len(RENDERERS)  # every format of every meeting, both languages
    assert sorted(p.name for p in (tmp_path / "xlsx").iterdir()) == built
    for name in built:
        assert (tmp_path / "xlsx" / name).read_bytes() == (tmp_path / "yaml" / name).read_bytes(), name


def test_the_ten_mistakes_saved_by_calc_give_the_same_ten_places(tmp_path):
    workbook = _export(DATA, tmp_path)
    expected = spoil(workbook)
    saved = save_in_calc(workbook, tmp_path / "calc")
    with pytest.raises(GeneratorError) as caught:
        load_dataset(saved)
    messages = [str(issue) for issue in caught.value.issues]
    for place in expected.values():
        assert sum(f"facts.xlsx: {place}" in m for m in messages) == 1, (place, messages)
    assert len(messages) == 10, messages
    # Calc computed the formula when it saved: its value is named, and still not read as the figure
    assert any("last computed value" in m for m in messages)
