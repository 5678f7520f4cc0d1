"""Templates of every common slide size: every shipped layout builds on them in both languages, laid out for the
template's size, with its theme fonts for titles and body text, its layouts named in any language."""
from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from generator.description import describe, render_options
from generator.prepared import Inputs
from generator.cli import cli
from generator.render import slides
from generator.render.slides import shapes as sh

from ..conftest import DATA, LAYOUTS
from ..templates import TEMPLATE_SIZES_IN, make_template
from .conftest import LAYOUT_NAMES, SIZES, SIZES_IN_LIBREOFFICE, _deck, _with_template

A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"


def _run(*args: str):
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


@pytest.mark.parametrize("size", SIZES)
def test_every_shipped_layout_builds_on_a_template_of_each_size(sized, size):
    from pptx import Presentation

    width_in, height_in = TEMPLATE_SIZES_IN[size]
    for name in LAYOUT_NAMES:
        for lang in ("zh", "en"):
            prs = Presentation(str(_deck(sized[size], name, lang)))
            assert (prs.slide_width, prs.slide_height) == (round(width_in * 914400), round(height_in * 914400))
            titles = 0
            for slide in prs.slides:
                for shape in slide.shapes:
                    if not shape.has_text_frame:
                        continue
                    for r_pr in shape._element.iter(f"{A}rPr"):
                        faces = (r_pr.find(f"{A}latin").get("typeface"), r_pr.find(f"{A}ea").get("typeface"))
                        if shape.name.startswith("Title"):  # the template's title placeholders
                            assert faces == ("+mj-lt", "+mj-ea"), (name, lang, shape.name)
                            titles += 1
                        else:
                            assert faces == ("+mn-lt", "+mn-ea"), (name, lang, shape.name)
            assert titles >= len(prs.slides) - 1, (name, lang)


def _text_shapes(shapes):
    for shape in shapes:
        if isinstance(shape, sh.Group):
            yield from _text_shapes(shape.shapes)
        elif isinstance(shape, sh.Rect) and shape.text:
            yield shape.text
        elif isinstance(shape, sh.TextShape):
            yield shape


def _boxes(shapes):
    for shape in shapes:
        if isinstance(shape, sh.Group):
            yield from _boxes(shape.shapes)
        else:
            yield shape


@pytest.fixture(scope="module")
def laid_out(sized):
    """The slides of every shipped layout in both languages on the template of a size, as laid out for the deck:
    (name, lang, description, deck) for each; read by two tests, laid out once."""
    inputs = Inputs(DATA)
    done: dict[str, list] = {}

    def of_size(size: str) -> list:
        if size not in done:
            done[size] = []
            for name in LAYOUT_NAMES:
                for lang in ("zh", "en"):
                    prepared = describe(sized[size] / f"{name}.yaml", inputs, lang, ("pptx",))
                    done[size].append((name, lang, prepared, slides.lay_out(prepared.document,
                                                                            render_options(prepared))))
        return done[size]

    return of_size


@pytest.mark.parametrize("size", SIZES)
def test_slides_are_laid_out_for_the_template_size(laid_out, size):
    """Every shape on the slide, every text's lines within its box, every table within the body."""
    for name, lang, prepared, deck in laid_out(size):
        assert (deck.width_in, deck.height_in) == pytest.approx(TEMPLATE_SIZES_IN[size], abs=1e-4)
        assert len(deck.slides) >= len(prepared.document.slides)
        for drawing in deck.slides:
            where = (name, lang, drawing.number, drawing.page.title)
            for shape in _boxes(drawing.shapes):
                box = shape.box
                assert box.x >= -0.01 and box.y >= -0.01, where
                assert box.x + box.w <= deck.width_in + 0.01 and box.y + box.h <= deck.height_in + 0.01, where
                if isinstance(shape, sh.TableShape):
                    for row, height in zip(shape.rows, shape.row_heights_in):
                        for cell in row:
                            needed = len(cell.paragraph.lines) * shape.size_pt * 1.2
                            assert needed <= (height - 0.08) * 72 + 0.1, (where, cell.paragraph.runs[0].text)
            for text in _text_shapes(drawing.shapes):
                spacing = 1.2 * (text.line_spacing or 1.0)
                needed = sum(max(r.size_pt for r in line.runs) * spacing
                             for p in text.paragraphs for line in p.lines)
                needed += text.space_after_pt * (len(text.paragraphs) - 1)
                assert needed <= text.box.h * 72 + 0.5, (where, text.name)


def test_a_slide_size_the_template_overrides_is_a_warning(tmp_path):
    make_template(tmp_path / "four-three.pptx", TEMPLATE_SIZES_IN["4:3"])
    make_template(tmp_path / "wide.pptx", TEMPLATE_SIZES_IN["16:9 old"])
    text = (LAYOUTS / "one-pager.yaml").read_text(encoding="utf-8")
    for template, warned in (("four-three.pptx", True), ("wide.pptx", False)):
        layout = tmp_path / f"on-{template}.yaml"
        layout.write_text(text.replace("\ndeck:\n", f'\nslide_size: "16:9"\ntemplate: {template}\ndeck:\n'),
                          encoding="utf-8")
        result = _run("build", str(layout), "--data", str(DATA), "--format", "pptx", "--out", str(tmp_path / "dist"))
        assert result.exit_code == 0, result.output
        line = layout.read_text(encoding="utf-8").splitlines().index('slide_size: "16:9"') + 1
        message = (f"warning: {layout}:{line}:1: the layout asks for 16:9 slides, but the template "
                   f"{tmp_path / template} is 10 × 7.5 in: the deck has the template's size (remove slide_size from "
                   "the layout to silence this)")
        assert (message in result.output) is warned, result.output
        if warned:
            strict = _run("build", str(layout), "--data", str(DATA), "--format", "pptx", "--strict", "--out",
                          str(tmp_path / "strict"))
            assert strict.exit_code == 1 and "(a warning; --strict makes it an error)" in strict.output


def test_template_layouts_names_the_slide_layouts_of_a_template_in_any_language(tmp_path):
    from pptx import Presentation

    german = {"Title Slide": "Titelfolie", "Title Only": "Nur Titel", "Section Header": "Abschnittsüberschrift",
              "Title and Content": "Titel und Inhalt"}
    make_template(tmp_path / "firma.pptx", layout_names=german)
    layout = _with_template(tmp_path, "party-building", "firma.pptx")
    result = _run("build", str(layout), "--data", str(DATA), "--format", "pptx", "--out", str(tmp_path / "dist"))
    assert result.exit_code == 1
    assert "firma.pptx: the template has no slide layout named 'Title Slide' or '标题幻灯片' (for title slides); " \
           "its layouts: 'Titelfolie', 'Titel und Inhalt', 'Abschnittsüberschrift'" in result.output
    assert "name one of its layouts under template_layouts in the layout" in result.output
    mapped = _with_template(tmp_path, "party-building", "firma.pptx",
                            'template_layouts: {title: Titelfolie, content: "Nur Titel"}\n')
    result = _run("build", str(mapped), "--data", str(DATA), "--format", "pptx", "--out", str(tmp_path / "dist"))
    assert result.exit_code == 0, result.output
    prs = Presentation(str(tmp_path / "dist" / "party-building.pptx"))
    used = [slide.slide_layout.name for slide in prs.slides]
    # the closing slide takes the title slide's layout when the layout maps only that one
    assert used[0] == "Titelfolie" and used[-1] == "Titelfolie" and set(used[1:-1]) == {"Nur Titel"}
    wrong = _with_template(tmp_path, "lianghui", "firma.pptx", "template_layouts: {divider: Kapitel}\n")
    result = _run("build", str(wrong), "--data", str(DATA), "--format", "pptx", "--out", str(tmp_path / "dist"))
    assert result.exit_code == 1
    assert "no slide layout named 'Kapitel' (template_layouts: divider in the layout) (for divider slides)" in result.output


def _pdf_text(path: Path, *args: str) -> str:
    return subprocess.run([*args, str(path)], capture_output=True, text=True, check=True).stdout


def test_the_deck_as_pdf_and_the_handout_take_the_template_size_colours_and_fonts(tmp_path):
    make_template(tmp_path / "green.pptx", TEMPLATE_SIZES_IN["4:3"], accent="006E51",
                  major=("Liberation Serif", "Noto Serif CJK SC"), minor=("Liberation Sans", "Noto Sans CJK SC"))
    layout = _with_template(tmp_path, "one-pager", "green.pptx")
    result = _run("build", str(layout), "--data", str(DATA), "--format", "deck-pdf", "--format", "handout",
                  "--out", str(tmp_path / "dist"))
    assert result.exit_code == 0, result.output
    assert "warning" not in result.output  # every font the template names is installed
    deck, handout = tmp_path / "dist" / "one-pager.deck.pdf", tmp_path / "dist" / "one-pager.handout.pdf"
    assert re.search(r"Page size:\s+720 x 540 pts", _pdf_text(deck, "pdfinfo"))
    assert "(A4)" in _pdf_text(handout, "pdfinfo")
    for pdf in (deck, handout):
        fonts = _pdf_text(pdf, "pdffonts")
        # titles in the template's heading font, body text in its body font, Latin in its Latin fonts
        for family in ("NotoSerifCJKsc-Bold", "NotoSansCJKsc-Regular", "LiberationSerif-Bold", "LiberationSans"):
            assert family in fonts, (pdf.name, family)
        content = subprocess.run(["qpdf", "--qdf", "--object-streams=disable", str(pdf), "-"], capture_output=True,
                                 check=True).stdout
        assert b"0 .431373 .317647 rg" in content  # the template's accent 006E51 fills the title bar's cards


def test_a_template_font_missing_here_falls_back_with_a_warning(tmp_path):
    make_template(tmp_path / "dengxian.pptx", major=("Calibri Light", "等线 Light"), minor=("Calibri", "等线"))
    layout = _with_template(tmp_path, "one-pager", "dengxian.pptx")
    result = _run("build", str(layout), "--data", str(DATA), "--format", "deck-pdf", "--out", str(tmp_path / "dist"))
    assert result.exit_code == 0, result.output
    assert ("warning: the template's body font '等线' is not installed on this machine: slide text is measured, "
            "and the deck as PDF and the handout drawn, with Noto Sans CJK SC instead") in result.output
    assert "warning: the template's heading font '等线 Light' is not installed" in result.output
    assert "warning: the template's heading font 'Calibri Light' is not installed on this machine: Latin text" \
           in result.output
    assert "body font 'Calibri'" not in result.output  # its metric twin Carlito is installed
    fonts = _pdf_text(tmp_path / "dist" / "one-pager.deck.pdf", "pdffonts")
    assert "NotoSansCJKsc" in fonts and "Carlito" in fonts


@pytest.mark.render
@pytest.mark.parametrize("size", SIZES_IN_LIBREOFFICE)
def test_libreoffice_shows_the_measured_lines_on_every_template_size(sized_in_libreoffice, size):
    from ..pdf_lines import faults

    pdfs = sorted(sized_in_libreoffice[size].glob("*.pdf"))
    assert len(pdfs) == 2 * len(LAYOUT_NAMES)
    found = {pdf.name: faults(pdf) for pdf in pdfs}
    assert {name: problems for name, problems in found.items() if problems} == {}


@pytest.mark.render
@pytest.mark.parametrize("size", SIZES_IN_LIBREOFFICE)
def test_libreoffice_shows_every_chart_label_on_every_template_size(sized, sized_in_libreoffice, size):
    from ..pdf_lines import missing_chart_text

    inputs = Inputs(DATA)
    for name in LAYOUT_NAMES:
        for lang in ("zh", "en"):
            document = inputs.prepare(sized[size] / f"{name}.yaml", lang).document
            pdf = sized_in_libreoffice[size] / _deck(sized[size], name, lang).with_suffix(".pdf").name
            assert missing_chart_text(pdf, document.slides) == [], (name, lang)


@pytest.mark.parametrize("size", SIZES)
def test_every_line_of_every_slide_keeps_the_line_breaking_rules(laid_out, size):
    from generator.textfit import violations

    for name, lang, _prepared, deck in laid_out(size):
        for drawing in deck.slides:
            for text in _text_shapes(drawing.shapes):
                for paragraph in text.paragraphs:
                    lines = ["".join(run.text for run in line.runs) for line in paragraph.lines]
                    where = (name, lang, drawing.number, text.name, lines)
                    assert violations(lines) == [], where
                    last = lines[-1].rstrip("，。、；：？！）》」』】”’…")
                    assert len(lines) == 1 or len(last) != 1 or last.isascii(), where
            for shape in _boxes(drawing.shapes):
                if isinstance(shape, sh.ChartShape):
                    for lines in shape.categories:
                        assert violations(list(lines)) == [], (name, lang, drawing.number, lines)
