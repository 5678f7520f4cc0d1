"""Native chart labels in the decks say what the briefing says, point by point; the workbook keeps numbers."""
from __future__ import annotations

import io
import re
import zipfile

import pytest
from lxml import etree

from generator import document as d
from generator.textfit import normalise_punctuation

from .test_build import BUILDS, _document, _out_name

A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
C = "{http://schemas.openxmlformats.org/drawingml/2006/chart}"
SHEET = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"


def _charts(prs):
    return [shape.chart for slide in prs.slides for shape in slide.shapes if shape.has_chart]


def _label_lines(d_lbl) -> list[str]:
    """A data label's text, line by line (lines end in a:br)."""
    lines = [""]
    for node in d_lbl.iter(f"{A}t", f"{A}br"):
        if node.tag == f"{A}br":
            lines.append("")
        else:
            lines[-1] += node.text or ""
    return lines


def _shows(lines: list[str], label: str) -> bool:
    """The lines are the label, broken at its spaces (which the break replaces) or between other characters."""
    return re.fullmatch(" *".join(re.escape(line) for line in lines), label) is not None


def _workbook_rows(chart) -> list[list[object]]:
    """The embedded workbook's first sheet as rows of values; numbers as floats, strings as str."""
    blob = chart.part.chart_workbook.xlsx_part.blob
    with zipfile.ZipFile(io.BytesIO(blob)) as book:
        strings = [s.findtext(f"{SHEET}t") for s in
                   etree.fromstring(book.read("xl/sharedStrings.xml")).iter(f"{SHEET}si")]
        sheet = etree.fromstring(book.read("xl/worksheets/sheet1.xml"))
    rows = []
    for row in sheet.iter(f"{SHEET}row"):
        values = []
        for cell in row.iter(f"{SHEET}c"):
            value = cell.findtext(f"{SHEET}v")
            values.append(strings[int(value)] if cell.get("t") == "s" else float(value))
        rows.append(values)
    return rows


@pytest.mark.parametrize("name, lang", BUILDS)
def test_every_data_label_is_its_own_points_text_and_the_workbook_keeps_numbers(built, dataset, name, lang):
    from pptx import Presentation

    document = _document(dataset, name, lang)
    blocks = [b for page in document.slides for b in page.blocks if isinstance(b, d.Chart)]
    charts = _charts(Presentation(str(built / f"{_out_name(name, lang)}.pptx")))
    assert len(charts) == len(blocks)
    language = "zh-CN" if lang == "zh" else "en-US"
    for chart, block in zip(charts, blocks):
        xml = chart._chartSpace
        series_elements = list(xml.iter(f"{C}ser"))
        assert len(series_elements) == len(block.series)
        rows = _workbook_rows(chart)[1:]  # below the series names
        order = list(range(len(block.categories)))
        if block.kind == "bar":  # drawn bottom-up: the deck lists the points in reverse
            order.reverse()
        for number, (element, series) in enumerate(zip(series_elements, block.series)):
            # the workbook holds the plain numbers, one row per point, for editing in PowerPoint
            assert [row[number + 1] for row in rows] == [float(series.values[i]) for i in order], block.title
            cache = element.find(f"{C}val/{C}numRef/{C}numCache")
            assert cache.findtext(f"{C}formatCode") == "General"
            if block.kind == "doughnut":  # no labels on the slices: the legend names each value
                continue
            labels = {int(lbl.find(f"{C}idx").get("val")): lbl for lbl in element.iter(f"{C}dLbl")}
            assert sorted(labels) == list(range(len(order))), block.title
            for position, index in enumerate(order):
                d_lbl = labels[position]
                shown = normalise_punctuation(series.labels[index])
                assert _shows(_label_lines(d_lbl), shown), (block.title, _label_lines(d_lbl), shown)
                for r_pr in d_lbl.iter(f"{A}rPr"):
                    assert r_pr.get("lang") == language
                    assert r_pr.find(f"{A}latin") is not None and r_pr.find(f"{A}ea") is not None
        if block.kind == "doughnut":
            legend = ["".join(t.text for t in pt.iter(f"{C}v")) for pt in
                      xml.find(f".//{C}cat").iter(f"{C}pt")]
            for entry, category, label in zip(legend, block.categories, block.series[0].labels):
                assert _shows(entry.split("\n"), normalise_punctuation(f"{category}  {label}")), entry
