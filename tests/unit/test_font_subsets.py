"""Extending a cached font subset glyph by glyph gives the same glyphs as converting a new subset."""
from __future__ import annotations

from pathlib import Path

import pytest

from generator import fonts

from ..conftest import ARTICLE


@pytest.fixture
def cff_face():
    face = fonts.find_face(("Noto Sans CJK SC", "Source Han Sans SC"), False)
    assert fonts.is_cff(face), "the tests expect Noto Sans CJK (fonts-noto-cjk), whose outlines are CFF"
    return face


def _glyphs(path: str) -> dict[int, tuple]:
    """Each character's outline and advance width in a TrueType font."""
    from fontTools.ttLib import TTFont

    with TTFont(path) as font:
        glyf, hmtx = font["glyf"], font["hmtx"]
        outlines = {}
        for code, name in font.getBestCmap().items():
            glyph = glyf[name]
            shape = (list(glyph.coordinates), list(glyph.endPtsOfContours), list(glyph.flags)) \
                if glyph.numberOfContours > 0 else ()
            outlines[code] = (shape, hmtx[name][0])
        return outlines


def test_an_extended_subset_has_the_glyphs_a_new_conversion_would_have(cff_face, tmp_path, monkeypatch):
    text = "".join(sorted(set(ARTICLE.read_text(encoding="utf-8")[:400])))
    extra = "鼠牛虎兔"
    assert not set(extra) & set(text)
    monkeypatch.setenv("BRIEFING_CACHE_DIR", str(tmp_path / "extended"))
    base, _ = fonts.truetype_for_pdf(cff_face, text)

    def no_new_conversion(*_args):
        raise AssertionError("the subset was converted again instead of extended")

    with monkeypatch.context() as patched:
        patched.setattr(fonts.subsets, "_make_subset", no_new_conversion)
        fonts.extend_subsets([cff_face], text + extra)
    extended, _ = fonts.truetype_for_pdf(cff_face, text + extra)
    listing = Path(extended).with_suffix(".record").read_text(encoding="utf-8")
    assert extended != base and set(extra) <= set(listing)

    monkeypatch.setenv("BRIEFING_CACHE_DIR", str(tmp_path / "converted"))
    converted, _ = fonts.truetype_for_pdf(cff_face, text + extra)
    mine, theirs = _glyphs(extended), _glyphs(converted)
    assert set(mine) == set(theirs) and {ord(c) for c in extra} <= set(mine)
    assert [code for code in theirs if mine[code] != theirs[code]] == []


def test_an_extended_subset_is_embedded_by_reportlab_with_its_new_characters(cff_face, tmp_path, monkeypatch):
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen.canvas import Canvas

    monkeypatch.setenv("BRIEFING_CACHE_DIR", str(tmp_path))
    fonts.truetype_for_pdf(cff_face, "日照经开区")
    fonts.extend_subsets([cff_face], "日照经开区鼠牛")
    path, index = fonts.truetype_for_pdf(cff_face, "日照经开区鼠牛")
    pdfmetrics.registerFont(TTFont("ExtendedSubsetTest", path, subfontIndex=index))
    canvas = Canvas(str(tmp_path / "x.pdf"), invariant=1)
    canvas.setFont("ExtendedSubsetTest", 24)
    canvas.drawString(72, 720, "日照经开区鼠牛 2021")
    canvas.save()
    from pypdf import PdfReader

    text = PdfReader(tmp_path / "x.pdf").pages[0].extract_text()
    assert text.strip() == "日照经开区鼠牛 2021"
