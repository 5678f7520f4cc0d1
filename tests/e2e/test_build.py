"""Build every shipped layout in both languages with the real renderers, and read the outputs back."""
from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from generator.compose import compose
from generator.layouts import load_layout
from generator.textfit import split_words, violations

from ..conftest import LAYOUTS, ROOT

LAYOUT_NAMES = sorted(p.stem for p in LAYOUTS.glob("*.yaml"))
BUILDS = [(name, lang) for name in LAYOUT_NAMES for lang in ("zh", "en")]
A_NS = "{http://schemas.openxmlformats.org/drawingml/2006/main}"


def _out_name(name: str, lang: str) -> str:
    layout_lang = "en" if name == "investment" else "zh"
    return name if lang == layout_lang else f"{name}.{lang}"


def _document(dataset, name: str, lang: str):
    return compose(dataset, load_layout(LAYOUTS / f"{name}.yaml", dataset), lang)


def _run(*args: str) -> str:
    return subprocess.run(args, capture_output=True, text=True, check=True).stdout


@pytest.mark.parametrize("name, lang", BUILDS)
def test_deck_reopens_with_every_promise_kept(built, dataset, name, lang):
    from pptx import Presentation

    document = _document(dataset, name, lang)
    prs = Presentation(str(built / f"{_out_name(name, lang)}.pptx"))
    assert len(prs.slides) == len(document.slides)
    assert prs.core_properties.title == document.meta.title
    for number, (slide, page) in enumerate(zip(prs.slides, document.slides), 1):
        xml = slide._element
        for r_pr in xml.iter(f"{A_NS}rPr"):
            run_text = "".join(t.text or "" for t in r_pr.getparent().iter(f"{A_NS}t"))
            if re.search(r"[\u4e00-\u9fff]", run_text):
                assert r_pr.get("lang") and r_pr.find(f"{A_NS}ea") is not None, (number, run_text)
        if page.kind == "content":
            notes = slide.notes_slide.notes_text_frame.text
            assert notes.strip(), number
            for source in page.sources:
                assert source.quote in notes
        for shape in slide.shapes:
            if shape.has_chart:
                assert shape.chart.part.partname.startswith("/ppt/charts/")
                assert shape._element.xpath("./p:nvGraphicFramePr/p:cNvPr/@descr")[0]
            if shape.shape_type is not None and shape.shape_type == 6 and shape.name == "key figures":  # group
                assert shape._element.xpath("./p:nvGrpSpPr/p:cNvPr/@descr")[0]


@pytest.mark.parametrize("name, lang", BUILDS)
def test_briefing_is_a_valid_embedded_a4_pdf(built, dataset, name, lang):
    pdf = built / f"{_out_name(name, lang)}.pdf"
    subprocess.run(["qpdf", "--check", str(pdf)], capture_output=True, check=True)
    fonts = _run("pdffonts", str(pdf)).splitlines()[2:]
    assert fonts and all(" yes yes yes " in line for line in fonts), fonts
    assert re.search(r"Page size: +595.276 x 841.89 pts \(A4\)", _run("pdfinfo", str(pdf)))
    document = _document(dataset, name, lang)
    outline = json.loads(_run("qpdf", "--json", "--json-key=outlines", str(pdf)))["outlines"]
    titles = [entry["title"] for entry in outline]
    for page in document.pages:
        if page.kind == "content":
            assert page.title in titles, page.title
    pages = [entry["destpageposfrom1"] for entry in outline]
    assert pages == sorted(pages)
    if document.page_per_part:
        # each part starts a page, unless the part before it took less than a third of that page
        from generator.theme import THEMES

        from ..pdf_lines import pages as page_lines

        theme = THEMES[document.theme_name]
        frame_top = theme.page_margin_top_mm * 72 / 25.4
        frame_height = 842 - frame_top - theme.page_margin_bottom_mm * 72 / 25.4
        lines = page_lines(pdf)
        for index in range(1, len(pages)):
            if pages[index] == pages[index - 1]:
                tops = [line[0][1] for block in lines[pages[index] - 1] for line in block
                        if line and titles[index].startswith(" ".join(w[4] for w in line)[:8])]
                assert tops and min(tops) <= frame_top + frame_height / 3 + 40, (titles[index], tops)


@pytest.mark.parametrize("name, lang", BUILDS)
def test_briefing_text_holds_every_figure_and_breaks_lines_correctly(built, dataset, name, lang):
    from generator import document as d

    pdf = built / f"{_out_name(name, lang)}.pdf"
    text = _run("pdftotext", "-enc", "UTF-8", str(pdf), "-")
    flat = re.sub(r"\s+", "", text)
    document = _document(dataset, name, lang)
    for page in document.pages:
        for block in page.blocks:
            if isinstance(block, d.KeyFigures):
                for fig in block.figures:
                    assert re.sub(r"\s+", "", fig.text) in flat, fig.text
            if isinstance(block, d.Table):
                for row in block.rows:
                    for column in block.numeric_columns:
                        assert re.sub(r"\s+", "", row[column]) in flat, row[column]
    raw = _run("pdftotext", "-raw", "-enc", "UTF-8", str(pdf), "-").splitlines()
    # page numbers ("3 / 17") stand alone: they are not part of the text around them
    # and the contents' dot leaders are not punctuation
    lines = [line for line in raw if line.strip() and not re.fullmatch(r"\s*\d+ / \d+\s*|[. ]+\d+", line)]
    assert violations(lines) == []
    assert split_words(lines, document.text()) == []


def test_default_build_writes_lianghui(run_cli, tmp_path):
    result = run_cli("build")
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in (tmp_path / "dist").iterdir()) == ["lianghui.pdf", "lianghui.pptx"]
    assert "24 slides" in result.output and "pages A4" in result.output


def test_layouts_lists_the_five_meetings(run_cli):
    result = run_cli("layouts")
    assert result.exit_code == 0
    assert [line.split()[0] for line in result.output.splitlines()] == LAYOUT_NAMES == [
        "investment", "lianghui", "one-pager", "party-building", "progress"]


def test_an_edited_copy_builds_without_code_changes(run_cli, tmp_path, dataset):
    """Copy lianghui, reorder slides, remove two, change the theme colour and use 4:3."""
    from pptx import Presentation

    copy = tmp_path / "spring.yaml"
    text = (LAYOUTS / "lianghui.yaml").read_text(encoding="utf-8")
    text = text.replace('slide_size: "16:9"', 'slide_size: "4:3"\ntheme_overrides:\n  colors: {primary: "#7A1F5C"}')
    text = text.replace("  - kind: agenda\n", "").replace("  - kind: timeline\n", "")
    text = text.replace("deck:\n  - kind: title\n", "deck:\n  - kind: comparison\n  - kind: title\n")
    copy.write_text(text, encoding="utf-8")
    result = run_cli("build", str(copy), "--format", "pptx")
    assert result.exit_code == 0, result.output
    prs = Presentation(str(tmp_path / "dist" / "spring.pptx"))
    assert (prs.slide_width, prs.slide_height) == (9144000, 6858000)
    assert len(prs.slides) == 24 - 2 + 1
    first = prs.slides[0]
    assert any("2020年实绩与2021年目标" in s.text_frame.text for s in first.shapes if s.has_text_frame)
    assert 'srgbClr val="7A1F5C"' in "".join(s._element.xml for slide in prs.slides for s in slide.shapes)


def test_new_layout_copies_with_a_header(tmp_path, monkeypatch):
    from generator.cli import cli

    folder = tmp_path / "layouts"
    shutil.copytree(LAYOUTS, folder)
    monkeypatch.chdir(tmp_path)
    shutil.copytree(ROOT / "data", tmp_path / "data")
    runner = CliRunner()
    result = runner.invoke(cli, ["new-layout", "trade-fair", "--from", "investment"])
    assert result.exit_code == 0, result.output
    text = (folder / "trade-fair.yaml").read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=layout.schema.json\n# Layout of a meeting, copied from investment")
    assert runner.invoke(cli, ["check", "trade-fair"]).exit_code == 0
    again = runner.invoke(cli, ["new-layout", "trade-fair"])
    assert again.exit_code == 1 and "already exists" in again.output


def test_unknown_layout_name_suggests(run_cli):
    result = run_cli("build", "lianghiu")
    assert result.exit_code == 1 and "unknown layout 'lianghiu'" in result.output and "did you mean 'lianghui'?" in result.output


@pytest.mark.render
def test_next_years_dataset_builds_every_layout_and_its_outputs_show_only_its_years(tmp_path):
    """The outputs themselves (slide XML, notes, chart workbooks' text and the briefing's text as pdftotext reads
    it) hold no year outside the dataset of 2021 results and the 2022 plan."""
    import zipfile

    from generator.cli import cli

    from ..fixtures.next_year import FOLDER

    runner = CliRunner()
    for lang in ("zh", "en"):
        # the deck (with its notes and charts) and the briefing: the other formats show the same composed text
        result = runner.invoke(cli, ["build", *LAYOUT_NAMES, "--data", str(FOLDER / "facts.yaml"), "--out",
                                     str(tmp_path), "--lang", lang, "--format", "pptx", "--format", "pdf"],
                               catch_exceptions=False)
        assert result.exit_code == 0, result.output
    years = re.compile(r"(?<![\d.,])(?:19|20)\d{2}(?![\d.,])")
    seen: set[str] = set()
    for deck in tmp_path.glob("*.pptx"):
        with zipfile.ZipFile(deck) as package:
            for name in package.namelist():
                if name.endswith(".xml") and ("slides/" in name or "notesSlides/" in name or "charts/" in name):
                    text = " ".join(re.findall(r"<(?:a|c):(?:t|v)>([^<]*)<", package.read(name).decode()))
                    found = set(years.findall(text))
                    assert found <= {"2021", "2022"}, (deck.name, name, found)
                    seen |= found
    for briefing in tmp_path.glob("*.pdf"):
        found = set(years.findall(_run("pdftotext", str(briefing), "-")))
        assert found <= {"2021", "2022"}, (briefing.name, found)
        seen |= found
    assert seen == {"2021", "2022"}


def _page_lines(pdf: Path) -> list[int]:
    """Lines of text per page, without the running header and footer."""
    pages = int(re.search(r"Pages:\s+(\d+)", _run("pdfinfo", str(pdf))).group(1))
    counts = []
    for page in range(1, pages + 1):
        lines = [l for l in _run("pdftotext", "-f", str(page), "-l", str(page), "-layout", str(pdf), "-").splitlines()
                 if l.strip()]
        counts.append(len(lines) - (2 if page > 1 or len(lines) > 8 else 0))
    return counts


@pytest.mark.render
@pytest.mark.parametrize("name, lang", BUILDS)
def test_no_briefing_page_but_the_last_holds_a_mere_remnant(built, name, lang):
    counts = _page_lines(built / f"{_out_name(name, lang)}.pdf")
    assert all(count >= 5 for count in counts[:-1]), counts


@pytest.mark.render
@pytest.mark.parametrize("name, lang", BUILDS)
def test_no_briefing_page_ends_with_a_heading_whose_content_is_on_the_next(built, dataset, name, lang):
    from generator import document as d

    document = _document(dataset, name, lang)
    captions = {block.caption.strip() for page in document.pages for block in page.blocks
                if isinstance(block, (d.Table, d.Timeline)) and block.caption}
    assert captions or name == "progress"  # its only table is its part's: the part's title heads it
    pdf = built / f"{_out_name(name, lang)}.pdf"
    pages = int(re.search(r"Pages:\s+(\d+)", _run("pdfinfo", str(pdf))).group(1))
    for page in range(1, pages):
        lines = [l.strip() for l in _run("pdftotext", "-f", str(page), "-l", str(page), "-layout", str(pdf),
                                         "-").splitlines() if l.strip()]
        assert lines[-2] not in captions, (page, lines[-2])  # the line above the footer


@pytest.mark.render
def test_the_meetings_own_words_and_a_two_page_budget(tmp_path):
    from pptx import Presentation

    from generator.cli import cli

    layout = ROOT / "tests" / "fixtures" / "own-words.yaml"
    result = CliRunner().invoke(cli, ["build", str(layout), "--out", str(tmp_path)], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert re.search(r"Pages:\s+2\n", _run("pdfinfo", str(tmp_path / "own-words.pdf")))
    text = _run("pdftotext", "-layout", str(tmp_path / "own-words.pdf"), "-")
    assert "Dear guests, welcome to the zone. In 2020 it attracted 107 projects" in " ".join(text.split())
    slides = [" ".join(shape.text_frame.text for shape in slide.shapes if shape.has_text_frame)
              for slide in Presentation(str(tmp_path / "own-words.pptx")).slides]
    assert "Programme" in slides[1] and "9:20 The zone: 107 projects attracted, planned investment RMB 25.9 billion" \
        in slides[1].replace("\v", " ").replace("\n", " ").replace("\u00a0", " ")
    assert "Your questions, please." in slides[2]
    assert "Contact: Investment Bureau, tel. +86 633 000 0000" in slides[3]


def test_a_briefing_over_its_page_budget_names_what_takes_the_room(tmp_path):
    from generator.cli import cli

    layout = tmp_path / "tight.yaml"
    layout.write_text((ROOT / "tests" / "fixtures" / "own-words.yaml").read_text(encoding="utf-8")
                      .replace("briefing_pages: 2", "briefing_pages: 1"), encoding="utf-8")
    (tmp_path / "dist").mkdir()
    (tmp_path / "dist" / "tight.pdf").write_bytes(b"previous")
    result = CliRunner().invoke(cli, ["build", str(layout), "--out", str(tmp_path / "dist")], catch_exceptions=False)
    assert result.exit_code == 1
    assert "the briefing takes 2 pages, and the layout allows 1 (briefing_pages); its parts: " \
           "“Autumn investment symposium” p. 1" in result.output
    assert (tmp_path / "dist" / "tight.pdf").read_bytes() == b"previous"


@pytest.mark.render
@pytest.mark.parametrize("name, lang", BUILDS)
def test_briefing_pages_face_alternately_with_the_page_number_on_the_outer_edge(built, name, lang):
    """Odd pages are right-hand pages (number at the right), even pages left-hand (number at the left): the
    slash of the footer's "X / Y", below 780 pt from the top of the A4 page, on one side of the middle."""
    pdf = built / f"{_out_name(name, lang)}.pdf"
    sides = {}
    for page, words in enumerate(_run("pdftotext", "-bbox", str(pdf), "-").split("<page ")[1:], 1):
        slash = re.search(r'xMin="([\d.]+)" yMin="(7[89]\d|8\d\d)[\d.]*"[^>]*>/</word>', words)
        if slash:
            sides[page] = "right" if float(slash.group(1)) > 297.6 else "left"
    assert len(sides) >= 1
    assert sides == {page: "right" if page % 2 else "left" for page in sides}, sides


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_one_pager_is_one_page_with_its_title_once(built, dataset, lang):
    from ..pdf_read import page_count, text

    pdf = built / f"{_out_name('one-pager', lang)}.pdf"
    title = "日照经开区工作要点" if lang == "zh" else "RizhaoETDZataGlance"
    assert page_count(pdf) == 1 and text(pdf).count(title) == 1


def test_a_briefing_set_tighter_stays_legible():
    """The steps that fit a briefing to its page budget never set text under 9 pt, notes under 7.5 pt, nor the
    top and bottom margins under 15 mm, whatever the theme's sizes."""
    from dataclasses import replace

    from generator.render.pdf import _TIGHTER, _tighter
    from generator.theme import THEMES

    small = THEMES["civic_blue"]
    small = replace(small, sizes=replace(small.sizes, pdf_body_pt=9.2, pdf_small_pt=7.6), page_margin_top_mm=16,
                    page_margin_bottom_mm=16)
    for theme in (*THEMES.values(), small):
        for step in range(1, len(_TIGHTER) + 1):
            tight = _tighter(theme, step)
            assert tight.sizes.pdf_body_pt >= 9 and tight.sizes.pdf_small_pt >= 7.5
            assert min(tight.page_margin_top_mm, tight.page_margin_bottom_mm) >= 15
            assert tight.sizes.pdf_body_pt <= theme.sizes.pdf_body_pt
