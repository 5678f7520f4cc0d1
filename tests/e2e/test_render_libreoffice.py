"""Decks as LibreOffice draws them: the fonts it used, and every word inside the slide and out of the footer."""
from __future__ import annotations

import html
import re
import subprocess
from pathlib import Path

import pytest

from .test_build import BUILDS, _out_name

pytestmark = pytest.mark.render


def _words(pdf: Path):
    """(page width, page height, [(xMin, yMin, xMax, yMax, word)]) per page, from pdftotext -bbox."""
    text = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    for page in re.split(r"<page ", text)[1:]:
        width, height = (float(v) for v in re.match(r'width="([\d.]+)" height="([\d.]+)"', page).groups())
        words = [(float(a), float(b), float(c), float(d), html.unescape(w)) for a, b, c, d, w in
                 re.findall(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>', page)]
        yield width, height, words


@pytest.mark.parametrize("name, lang", BUILDS)
def test_libreoffice_uses_the_intended_fonts(built_in_libreoffice, name, lang):
    pdf = built_in_libreoffice / f"{_out_name(name, lang)}.pdf"
    fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout
    names = [line.split()[0] for line in fonts.splitlines()[2:]]
    assert names, fonts
    # Latin runs in Arial's metric twin, Chinese in Noto Sans CJK (named "jp" although SC glyphs are drawn)
    assert all("LiberationSans" in n or "NotoSansCJK" in n for n in names), names
    if lang == "zh":
        assert any("NotoSansCJK" in n for n in names)


@pytest.mark.parametrize("name, lang", BUILDS)
def test_every_word_stays_on_its_slide_and_clear_of_the_footer(built_in_libreoffice, name, lang):
    pdf = built_in_libreoffice / f"{_out_name(name, lang)}.pdf"
    pages = list(_words(pdf))
    assert pages
    for number, (width, height, words) in enumerate(pages, 1):
        assert words, f"slide {number} has no text"
        for x0, y0, x1, y1, word in words:
            assert 0 <= x0 and x1 <= width + 0.5 and 0 <= y0 and y1 <= height + 0.5, (number, word)
            assert "\ufffd" not in word and "□" not in word, (number, word)
        footer = [w for w in words if w[1] > height - 0.62 * 72]
        body = [w for w in words if w[3] < height - 0.62 * 72]
        if footer and body:
            lowest_body = max(w[3] for w in body)
            top_of_footer = min(w[1] for w in footer)
            assert lowest_body <= top_of_footer, (number, [w[4] for w in footer])


@pytest.mark.parametrize("name, lang", BUILDS)
def test_libreoffice_shows_the_lines_the_deck_was_broken_into(built_in_libreoffice, name, lang):
    """No line starts with closing punctuation or a unit, no character stands alone, no label covers another."""
    from ..pdf_lines import faults

    assert faults(built_in_libreoffice / f"{_out_name(name, lang)}.pdf") == []


@pytest.mark.parametrize("name, lang", BUILDS)
def test_libreoffice_shows_every_chart_label(built_in_libreoffice, dataset, name, lang):
    """Each category, legend entry and value of every chart is on its slide, as LibreOffice draws it."""
    from ..pdf_lines import missing_chart_text
    from .test_build import _document

    document = _document(dataset, name, lang)
    assert missing_chart_text(built_in_libreoffice / f"{_out_name(name, lang)}.pdf", document.slides) == []
