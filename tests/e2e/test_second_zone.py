"""A second, differently shaped report (tests/fixtures/second-zone: a fictitious county zone, test data) builds
every kind of slide and part in both languages, and its deck and briefing show each figure's period, a rank with
its base and a part as "of which"; nothing of the shipped article reaches them."""
from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest

from generator.datafile import load_dataset
from generator.layouts import load_layout
from generator.partkinds import PART_KINDS
from generator.slidekinds import SLIDE_KINDS

from ..conftest import DATA, ROOT
from ..pdf_read import text as pdf_text

FOLDER = ROOT / "tests" / "fixtures" / "second-zone"
LAYOUT = FOLDER / "layout.yaml"


def _deck_text(path: Path) -> str:
    """The text of every slide, its notes and its charts, run by run joined (a card's 第, 33 and 名/126个 are runs)."""
    with zipfile.ZipFile(path) as deck:
        parts = [deck.read(n).decode("utf-8") for n in sorted(deck.namelist())
                 if re.match(r"ppt/(slides|notesSlides|charts)/[^/]+\.xml$", n)]
    return "\n".join("".join(re.findall(r"<(?:a|c):(?:t|v)>([^<]*)</(?:a|c):(?:t|v)>", part)) for part in parts)


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> dict[str, str]:
    """The fixture's deck and briefing in both languages, built through the CLI; their text by file name."""
    from click.testing import CliRunner

    from generator.cli import cli

    out = tmp_path_factory.mktemp("second-zone")
    for lang in ("zh", "en"):
        result = CliRunner().invoke(cli, ["build", str(LAYOUT), "--data", str(FOLDER / "facts.yaml"), "--lang",
                                          lang, "--out", str(out)], catch_exceptions=False)
        assert result.exit_code == 0, result.output
    texts = {path.name: _deck_text(path) for path in out.glob("*.pptx")}
    texts.update({path.name: pdf_text(path) for path in out.glob("*.pdf")})
    assert sorted(texts) == ["layout.en.pdf", "layout.en.pptx", "layout.pdf", "layout.pptx"]
    return texts


def test_the_fixture_layout_has_every_kind_of_slide_and_part():
    dataset = load_dataset(FOLDER / "facts.yaml")
    layout = load_layout(LAYOUT, dataset)
    assert {entry.kind for entry in layout.model.deck} == set(SLIDE_KINDS)
    assert {entry.kind for entry in layout.model.briefing} == set(PART_KINDS)


@pytest.mark.parametrize("name", ["layout.pptx", "layout.pdf"])
def test_chinese_materials_show_the_period_the_rank_base_and_of_which(built, name):
    text = built[name].replace(" ", "").replace("\u00a0", "")  # English figures hold by no-break spaces
    assert "新签约项目（2023年1—10月）" in text or "新签约项目2023年1—10月" in text
    assert "2023年1—10月实绩" in text
    assert "2023年1—10月，新签约项目29个" in text  # a key point names the figure's period by {signed_projects:period}
    assert "截至2023年10月底" in text
    assert "第33名/126个" in text and "（2022年）" in text
    assert "其中：亿元以上项目" in text and "其中：高新技术企业" in text
    if name.endswith(".pdf"):  # the summary's table: a share with its base
        assert "14.1%（基数412家）" in text


@pytest.mark.parametrize("name", ["layout.en.pptx", "layout.en.pdf"])
def test_english_materials_show_the_period_the_rank_base_and_of_which(built, name):
    text = built[name].replace(" ", "").replace("\u00a0", "")  # English figures hold by no-break spaces
    assert "Newlysignedprojects(Jan–Oct2023)" in text
    assert "Jan–Oct2023actual" in text
    assert "Jan–Oct2023:29projectsnewlysigned" in text
    assert "33rdof126developmentzones" in text
    assert "ofwhich:projectsworthoverahundredmillionyuan" in text
    if name.endswith(".pdf"):
        assert "14.1%(of412companies)" in text


def test_nothing_of_the_shipped_article_reaches_the_materials(built):
    shipped = load_dataset(DATA)
    figures = {fact.value_text for fact in shipped.model.facts if fact.is_number and len(fact.value_text) >= 3}
    names = {item.name_zh for item in shipped.model.entities} | {shipped.model.zone.name_zh, "日照", "Rizhao"}
    for name, text in built.items():
        assert not [year for year in ("2020", "2021") if year in text], name
        assert not [n for n in names if n in text], name
        numbers = set(re.findall(r"\d+(?:\.\d+)?", text))
        assert not figures & numbers, (name, figures & numbers)
