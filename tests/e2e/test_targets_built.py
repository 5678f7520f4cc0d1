"""The progress materials as a reader gets them, in both languages and every format: with the shipped article
alone, every target of the plan year reads "no result reported yet"; with two later reports (TEST DATA,
tests/fixtures/progress) each reported target stands beside its result and its period, its completion marked as
computed, and the appendix gives each formula and cites each later report. The deck and the editable briefing
are read as LibreOffice prints them."""
from __future__ import annotations

import os
import re
import shutil
import subprocess
import zipfile
from collections.abc import Iterator, Mapping
from pathlib import Path

import pytest
from click.testing import CliRunner

from generator.cli import cli

from ..conftest import DATA
from ..pdf_read import text as pdf_text
from ..progress_data import LAYOUT, write_progress_dataset
from .test_second_zone import _deck_text


def _docx_text(path: Path) -> str:
    with zipfile.ZipFile(path) as document:
        xml = document.read("word/document.xml").decode("utf-8")
    return "".join(re.findall(r"<w:t(?: [^>]*)?>([^<]*)</w:t>", xml)).replace("\u2060", "")  # word joiners


def _build(layout: str, data: Path, out: Path) -> None:
    """Both languages in every format, with copies of the deck and the DOCX in out/print for LibreOffice to print
    (deck.layout.pptx and docx.layout.docx: their prints then have different names)."""
    for lang in ("zh", "en"):
        result = CliRunner().invoke(cli, ["build", layout, "--data", str(data), "--lang", lang, "--format",
                                          "everything", "--out", str(out)], catch_exceptions=False)
        assert result.exit_code == 0, result.output
    prints = out / "print"
    prints.mkdir()
    for made in [*out.glob("*.pptx"), *out.glob("*.docx")]:  # deck.layout.pdf and docx.layout.pdf, not one name
        shutil.copy(made, prints / f"{made.suffix[1:].replace('pptx', 'deck')}.{made.name}")


def _print(outs: list[Path], profile: Path) -> None:
    """LibreOffice prints the copies in each folder's print/ into its lo/, all in one run of LibreOffice."""
    subprocess.run(["soffice", f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "pdf",
                    "--outdir", str(profile / "lo"), *sorted(str(p) for out in outs for p in (out / "print").iterdir())],
                   capture_output=True, check=True, timeout=600, env={**os.environ, "HOME": str(profile)})
    for out in outs:
        (out / "lo").mkdir()
        for made in (out / "print").iterdir():
            (profile / "lo" / f"{made.stem}.pdf").rename(out / "lo" / f"{made.stem}.pdf")


class _Texts(Mapping[str, str]):
    """The text of each file by name, read when a test first asks for it (the deck as PDF and the handout are
    slide pictures of the deck's words, which most tests do not read)."""

    def __init__(self, files: dict[str, Path]):
        self._files, self._read = files, {}

    def __getitem__(self, name: str) -> str:
        if name not in self._read:
            path = self._files[name]
            text = {".pptx": _deck_text, ".docx": _docx_text}.get(path.suffix, pdf_text)(path)
            self._read[name] = text.replace("\u00a0", " ")
        return self._read[name]

    def __iter__(self) -> Iterator[str]:
        return iter(self._files)

    def __len__(self) -> int:
        return len(self._files)


def _texts(out: Path) -> _Texts:
    """The text of each file by name (PDFs and the LibreOffice prints of the deck and the DOCX without white
    space)."""
    files = {p.name: p for pattern in ("*.pptx", "*.docx", "*.pdf") for p in out.glob(pattern)}
    files.update({"lo/" + p.name: p for p in (out / "lo").glob("*.pdf")})
    return _Texts(files)


@pytest.fixture(scope="module")
def materials(tmp_path_factory) -> dict[str, _Texts]:
    """The progress layout with the shipped article alone ("shipped") and the progress fixture's layout with its
    two later reports ("fixture"); LibreOffice prints the decks and DOCXs of both in one run."""
    shipped = tmp_path_factory.mktemp("progress-shipped")
    _build("progress", DATA, shipped)
    folder = tmp_path_factory.mktemp("progress-fixture")
    _build(str(LAYOUT), write_progress_dataset(folder / "data"), folder / "out")
    _print([shipped, folder / "out"], tmp_path_factory.mktemp("lo-profile"))
    return {"shipped": _texts(shipped), "fixture": _texts(folder / "out")}


@pytest.fixture(scope="module")
def shipped(materials) -> _Texts:
    return materials["shipped"]


@pytest.fixture(scope="module")
def fixture(materials) -> _Texts:
    return materials["fixture"]


def _zh(name: str) -> bool:
    return ".en." not in name


@pytest.mark.render
def test_with_the_article_alone_every_target_reads_no_result_reported(shipped):
    assert len(shipped) == 14  # pptx, docx, pdf, deck-pdf, handout in two languages; LibreOffice's prints of 4
    for name in shipped:
        if name.endswith("handout.pdf") or name.endswith("deck.pdf") and "lo/" not in name:
            continue  # slide pictures with the same words as the deck
        text = shipped[name]
        wanted = "暂无实绩数据" if _zh(name) else "no result reported yet"
        # ten targets, each once in the table (and once more in the deck's notes)
        assert text.count(wanted.replace(" ", "") if name.endswith(".pdf") else wanted) >= 10, (name, text[:300])
        assert "计算" not in text and "computed" not in text, name


#: rows of the targets table as each format holds them, white space removed
ROWS = {"zh": ("实际使用外资2亿美元以上2.3亿美元（2021年）达到（计算）",
               "建成高端人才公寓546套300套（2021年上半年）54.9%（计算）",
               "新引进高层次创新创业团队15个16个（2021年）106.7%（计算）",
               "新引进创新人才90名82名（2021年）91.1%（计算）",
               "引进大专以上高校毕业生1000人1120人（2021年）112%（计算）",
               "着力发展的新兴产业4个暂无实绩数据—"),
        "en": ("atleastUSD200millionUSD230million(2021)reached(computed)",
               "546apartments300apartments(H12021)54.9%(computed)",
               "Emergingindustriestodevelop4industriesnoresultreportedyet—")}


@pytest.mark.render
@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("name", ["layout.pptx", "layout.docx", "layout.pdf", "lo/deck.layout.pdf",
                                  "lo/docx.layout.pdf"])
def test_each_reported_target_stands_beside_its_result_and_computed_completion(fixture, name, lang):
    name = name if lang == "zh" else name.replace("layout.", "layout.en.")
    text = fixture[name].replace(" ", "")
    for row in ROWS[lang]:
        assert row in text, (name, row)


@pytest.mark.render
def test_the_notes_and_the_appendix_give_each_formula_and_cite_each_later_report(fixture):
    deck = fixture["layout.pptx"].replace(" ", "")
    assert "计算：2021年上半年300套÷2021年目标546套×100%=54.9%" in deck
    appendix = fixture["layout.pdf"]
    assert "计算：2021年16个÷2021年目标15个×100%=106.7%" in appendix
    assert "（2021年16个÷2020年13个−1）×100%=23.1%" in appendix  # a growth the program computed
    for cited in ("测试编辑部《经开区上半年工作简报（测试数据）》", "测试编辑部《经开区年度工作回顾（测试数据）》"):
        assert cited in appendix
    assert "Computed:300apartments(H12021)÷546apartments(2021target)×100%=54.9%" in \
        fixture["layout.en.pdf"].replace(" ", "")


@pytest.mark.render
@pytest.mark.parametrize("name", ["layout.pptx", "lo/deck.layout.pdf"])
def test_the_trend_names_each_point_by_its_period(fixture, name):
    text = fixture[name].replace(" ", "")
    assert re.search(r"2020年.*2021年", text) and "高层次创新创业团队数量各期实绩" in text
