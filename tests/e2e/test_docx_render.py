"""Every shipped layout's editable briefing, in both languages, as a reader gets it: valid against the ECMA-376
schemas, opened and printed by LibreOffice Writer with the national format's page, margins, 16 pt body text,
"— N —" page numbers, every font embedded, the parts in order."""
from __future__ import annotations

import collections
import os
import re
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from ..conftest import DATA
from .conftest import LAYOUT_NAMES
from .test_build import BUILDS, _document, _out_name

MM = 72 / 25.4


#: the one-pager with a page budget of two pages instead of one, printed with the others as this file
BUDGET_OF_TWO = "one-pager-budget-2"


@pytest.fixture(scope="module")
def docx_built(tmp_path_factory) -> Path:
    """Every layout's DOCX in both languages through the CLI, and each as PDF by LibreOffice Writer (pdf/); and
    the one-pager with a budget of two pages, in DOCX and PDF (budget/), printed in the same run as
    pdf/one-pager-budget-2.pdf."""
    from generator.cli import cli

    from ..conftest import LAYOUTS

    out = tmp_path_factory.mktemp("docx")
    text = (LAYOUTS / "one-pager.yaml").read_text(encoding="utf-8")
    layout = out / "budget" / "one-pager.yaml"
    layout.parent.mkdir()
    layout.write_text(text.replace("\nbriefing_pages: 1\n", "\nbriefing_pages: 2\n", 1), encoding="utf-8")
    for lang in ("zh", "en"):
        result = CliRunner().invoke(cli, ["build", *LAYOUT_NAMES, "--data", str(DATA), "--out", str(out),
                                          "--lang", lang, "--format", "docx"], catch_exceptions=False)
        assert result.exit_code == 0, result.output
    result = CliRunner().invoke(cli, ["build", str(layout), "--data", str(DATA), "--out",
                                      str(out / "budget" / "dist"), "--format", "docx", "--format", "pdf"],
                                catch_exceptions=False)
    assert result.exit_code == 0, result.output
    budget = out / "budget" / f"{BUDGET_OF_TWO}.docx"
    budget.write_bytes((out / "budget" / "dist" / "one-pager.docx").read_bytes())
    profile = tmp_path_factory.mktemp("lo-profile")
    subprocess.run(["soffice", f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "pdf",
                    "--outdir", str(out / "pdf"), *sorted(str(p) for p in out.glob("*.docx")), str(budget)],
                   capture_output=True, check=True, timeout=600, env={**os.environ, "HOME": str(profile)})
    return out


@pytest.fixture(scope="module")
def validator():
    from openxml_audit import OpenXmlValidator

    return OpenXmlValidator()


def _run(*args: str) -> str:
    return subprocess.run(args, capture_output=True, check=True, text=True).stdout


def _words(pdf: Path) -> list[list[tuple[float, float, float, float, str]]]:
    """Per page, the words with their boxes in millimetres from the top left (pdftotext -bbox)."""
    html = _run("pdftotext", "-bbox", str(pdf), "-")
    pages = []
    for page in html.split("<page ")[1:]:
        words = re.findall(r'xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<', page)
        pages.append([(float(a) / MM, float(b) / MM, float(c) / MM, float(d) / MM, t) for a, b, c, d, t in words])
    return pages


@pytest.mark.parametrize("name, lang", BUILDS)
def test_every_shipped_docx_is_schema_valid(docx_built, validator, name, lang):
    result = validator.validate(str(docx_built / f"{_out_name(name, lang)}.docx"))
    assert [str(error) for error in result.errors] == []


@pytest.mark.render
@pytest.mark.parametrize("name, lang", BUILDS)
def test_libreoffice_prints_the_docx_in_the_national_format(docx_built, dataset, name, lang):
    pdf = docx_built / "pdf" / f"{_out_name(name, lang)}.pdf"
    assert re.search(r"Page size: +595.30\d* x 841.89 pts \(A4\)", _run("pdfinfo", str(pdf)))
    fonts = _run("pdffonts", str(pdf)).splitlines()[2:]
    assert fonts and all(re.search(r" yes +yes +yes ", line) for line in fonts), fonts  # embedded, no Type 3
    assert not any("Type 3" in line for line in fonts)
    pages = _words(pdf)
    document = _document(dataset, name, lang)
    for number, words in enumerate(pages, 1):
        # the page number: "— N —" alone on the last line, on the outer side one character in from the type area
        bottom = max(w[3] for w in words)
        last = sorted((w for w in words if w[3] > bottom - 2), key=lambda w: w[0])
        assert " ".join(w[4] for w in last) == f"— {number} —", (number, last)
        inside, outside = (28.0, 26.0) if number % 2 else (26.0, 28.0)
        if number % 2:
            assert abs(last[-1][2] - (210 - outside - 14 / MM)) < 1.0, last
        else:
            assert abs(last[0][0] - (inside + 14 / MM)) < 1.0, last
        body = [w for w in words if w[3] < bottom - 2]
        if not body:
            continue
        # the type area: text starts at the binding (odd) or outer (even) margin, never outside 156 × 225 mm
        left = min(w[0] for w in body)
        assert left >= inside - 1, (number, left)
        if number > 1:  # the cover's lines are centred
            assert abs(left - inside) <= 1, (number, left)
        assert max(w[2] for w in body) <= 210 - outside + 1
        assert min(w[1] for w in body) >= 37 - 1 and max(w[3] for w in body) <= 297 - 35 + 1
    # the part titles, in order
    text = re.sub(r"\s+", "", _run("pdftotext", str(pdf), "-")).replace("\u2060", "")
    position = 0
    for page in document.pages:
        if page.kind == "content" and page.title:
            found = text.find(re.sub(r"\s+", "", page.title), position)
            assert found >= 0, page.title
            position = found
    # the page budget bounds the printed briefing (the PDF, set tighter to meet it); the national format keeps its
    # mandated sizes (GB/T 9704: 3号 type, 22 lines a page), so the one-pager's budget of one page is no bound here


@pytest.mark.render
def test_the_body_text_is_16_pt(docx_built, dataset):
    from pypdf import PdfReader

    from generator.document import BulletList

    pdf = docx_built / "pdf" / "lianghui.pdf"
    by_size: dict[float, str] = collections.defaultdict(str)  # all text set in each size, in order

    def visit(text: str, cm: list[float], tm: list[float], font: object, size: float) -> None:
        by_size[round(size * tm[3] * cm[3], 1)] += re.sub(r"\s+", "", text).replace("\u2060", "")

    for page in PdfReader(str(pdf)).pages:
        page.extract_text(visitor_text=visit)
    points = [item for page in _document(dataset, "lianghui", "zh").pages for block in page.blocks
              if isinstance(block, BulletList) for item in block.items]
    # the key points are body paragraphs (正文), set in 16 pt
    missing = [point for point in points if re.sub(r"\s+", "", point)[:6] not in by_size[16.0]]
    assert len(points) > 20 and missing == []


@pytest.mark.render
@pytest.mark.parametrize("name, lang", BUILDS)
def test_no_line_ends_inside_a_figure(docx_built, name, lang):
    """A figure and its unit stay on one line wherever LibreOffice breaks lines: body text and table cells."""
    pdf = docx_built / "pdf" / f"{_out_name(name, lang)}.pdf"
    lines = [line.strip() for line in _run("pdftotext", str(pdf), "-").replace("\u2060", "").splitlines()]
    # what cannot start a line after a figure's digits: more digits or a Chinese unit; in English its unit word
    # (a line may start with the next of two figures: "RMB 100,000 | 80 villages")
    units = r"(\d|亿|万|元|个|名|家|%|余|以上|年)" if lang == "zh" else r"(billion|million|%)"
    # (a line of fewer than 8 characters is a table cell of its own, e.g. a row's number, not a wrapped line)
    broken = [(a, b) for a, b in zip(lines, lines[1:])
              if len(a) >= 8 and re.search(r"\d[.,]?$", a) and re.match(units, b)]
    assert broken == []
    assert not [line for line in lines if line[:1] and line[0] in "，。、；：？！）》”"]


@pytest.mark.render
def test_a_page_budget_holds_for_the_docx_as_libreoffice_prints_it(docx_built):
    """The one-pager with a budget of two pages prints on two pages from Word's national format too."""
    pages = int(re.search(r"Pages: +(\d+)", _run("pdfinfo", str(docx_built / "pdf" / f"{BUDGET_OF_TWO}.pdf")))[1])
    assert pages <= 2
