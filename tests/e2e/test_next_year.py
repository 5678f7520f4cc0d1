"""`briefing new-year`: the shipped dataset and layouts moved on with next year's article build materials that speak
of next year only, and the list of what is still to do by hand names every place; `briefing check` flags a layout
left with last year's date."""
from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest

from ..conftest import DATA, LAYOUTS
from ..fixtures.next_year import FOLDER as NEXT_YEAR
from ..pdf_read import text as pdf_text

#: the old meetings' dates, as the materials write them
OLD_DATES = ("2021年1月20日", "20 January 2021", "2021年3月18日", "18 March 2021", "2021年2月26日", "26 February 2021")


def _package_text(path: Path) -> str:
    """Every text of a deck (slides, notes and charts: their XML, where chart labels and series names are) or of
    an editable briefing (the text of its body, headers and footers: its font table's numbers are no year), without
    the word joiners that keep a figure's characters together."""
    with zipfile.ZipFile(path) as package:
        return "\n".join(package.read(name).decode("utf-8") if name.startswith("ppt/") else
                         " ".join(re.findall(r"<w:t(?: [^>]*)?>([^<]*)</w:t>", package.read(name).decode("utf-8")))
                         for name in package.namelist()
                         if name.endswith(".xml") and re.match(r"ppt/(slides|notesSlides|charts)/|word/", name)
                         ).replace("\u2060", "")


@pytest.fixture(scope="module")
def moved(tmp_path_factory) -> tuple[Path, str]:
    from click.testing import CliRunner

    from generator.cli import cli

    folder = tmp_path_factory.mktemp("next-year")
    result = CliRunner().invoke(cli, ["new-year", str(folder / "2022"), "--article", str(NEXT_YEAR / "article.txt"),
                                      "--data", str(DATA), "--layouts", str(LAYOUTS)], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return folder / "2022", result.output


def test_the_copy_is_a_year_on_and_lists_what_is_left_to_do(moved):
    folder, output = moved
    data = (folder / "data" / "facts.yaml").read_text(encoding="utf-8")
    assert "  results: 2021\n  plan: 2022\n" in data and "date: 2021-10-27" in data
    assert "date: 2022-01-20" in (folder / "layouts" / "lianghui.yaml").read_text(encoding="utf-8")
    assert "lianghui.yaml:13:1: the meeting's date was moved to 2022-01-20" in output
    assert "event 'production_nov3': its date was moved to 2021-11-03" in output
    assert "section 'plan': its headline and key points tell last year's work" in output


@pytest.mark.render
def test_materials_built_from_the_copy_hold_no_2020_and_no_old_meeting_date(moved, tmp_path):
    from click.testing import CliRunner

    from generator.cli import cli

    folder, _output = moved
    out = tmp_path / "dist"
    names = sorted(p.stem for p in LAYOUTS.glob("*.yaml"))
    for lang in ("zh", "en"):
        result = CliRunner().invoke(cli, ["build", *(str(folder / "layouts" / f"{n}.yaml") for n in names),
                                          "--data", str(folder / "data" / "facts.yaml"), "--lang", lang,
                                          # the deck as PDF and the handout draw the deck's slides
                                          "--format", "pptx", "--format", "pdf", "--format", "docx",
                                          "--out", str(out)], catch_exceptions=False)
        assert result.exit_code == 0, result.output
    texts = {path.name: _package_text(path) for path in [*out.glob("*.pptx"), *out.glob("*.docx")]}
    texts.update({path.name: pdf_text(path) for path in out.glob("*.pdf")})
    assert len(texts) == 3 * 2 * len(names)
    assert any("2022年1月20日" in text for text in texts.values())
    assert [name for name, text in texts.items() if "2021" not in text] == []  # each text was read
    for name, text in texts.items():
        assert "2020" not in text, name
        assert not [date for date in OLD_DATES if date.replace(" ", "") in text.replace(" ", "")], name


def test_check_flags_a_layout_left_with_last_years_date(moved, run_cli):
    folder, _output = moved
    result = run_cli("check", "lianghui", "--data", str(folder / "data" / "facts.yaml"))  # the shipped layout
    assert result.exit_code == 0, result.output
    assert ("warning: " in result.output and "lianghui.yaml:13:1: the meeting's date 2021-01-20 lies before the end of "
            "the results it reports (2021-12-31)") in result.output
    result = run_cli("check", str(folder / "layouts" / "lianghui.yaml"), "--data", str(folder / "data" / "facts.yaml"))
    assert "the meeting's date" not in result.output


def test_a_layout_with_an_impossible_date_is_copied_and_its_line_listed_not_half_moved(tmp_path, run_cli):
    import shutil

    layouts = tmp_path / "layouts"
    layouts.mkdir()
    shutil.copy(LAYOUTS / "one-pager.yaml", layouts / "one-pager.yaml")
    text = (LAYOUTS / "lianghui.yaml").read_text(encoding="utf-8")
    assert text.count("date: 2021-01-20\n") == 1
    (layouts / "lianghui.yaml").write_text(text.replace("date: 2021-01-20\n", "date: 2021-02-30\n"), encoding="utf-8")
    line = text[: text.index("date: 2021-01-20")].count("\n") + 1
    result = run_cli("new-year", str(tmp_path / "next"), "--article", str(NEXT_YEAR / "article.txt"),
                     "--data", str(DATA), "--layouts", str(layouts))
    assert result.exit_code == 0, result.output
    assert "Traceback" not in result.output and "internal error" not in result.output
    assert f"lianghui.yaml:{line}:" in result.output and "2021-02-30" in result.output, result.output
    moved = tmp_path / "next" / "layouts"
    assert "date: 2021-02-30\n" in (moved / "lianghui.yaml").read_text(encoding="utf-8")  # left for the user
    assert "date: 2022-" in (moved / "one-pager.yaml").read_text(encoding="utf-8")  # the others moved on
