"""What a PDF holds, read in-process with pypdf (a dependency already): its pages, their size, their text and the
fonts they use. Unit tests use it instead of poppler's command-line tools."""
from __future__ import annotations

import re
from pathlib import Path

from pypdf import PdfReader


def page_count(pdf: Path) -> int:
    return len(PdfReader(pdf).pages)


def page_size_pt(pdf: Path, index: int = 0) -> tuple[float, float]:
    box = PdfReader(pdf).pages[index].mediabox
    return float(box.width), float(box.height)


def text(pdf: Path, page: int | None = None) -> str:
    """The text of every page (or of the 1-based page), without white space: pypdf and poppler space words and
    justified lines differently, and the tests look for words, not for how they are spaced."""
    pages = PdfReader(pdf).pages
    chosen = pages if page is None else [pages[page - 1]]
    return re.sub(r"\s+", "", "".join(p.extract_text() for p in chosen))


def fonts(pdf: Path) -> dict[str, dict[str, bool]]:
    """Each font the pages use, by its PDF name: whether its program is embedded, whether it is a subset (a name
    with a six-letter tag, as poppler's pdffonts reads it) and whether it maps its glyphs to Unicode."""
    found: dict[str, dict[str, bool]] = {}
    for page in PdfReader(pdf).pages:
        resources = page.get("/Resources")
        font_table = resources.get_object().get("/Font") if resources is not None else None
        for ref in (font_table.get_object().values() if font_table is not None else ()):
            font = ref.get_object()
            name = str(font.get("/BaseFont"))
            descendants = font.get("/DescendantFonts")
            described = descendants.get_object()[0].get_object() if descendants is not None else font
            descriptor = described.get("/FontDescriptor")
            descriptor = descriptor.get_object() if descriptor is not None else {}
            found[name] = {
                "embedded": any(key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3")),
                "subset": re.match(r"/?[A-Z]{6}\+", name) is not None,
                "unicode": "/ToUnicode" in font,
            }
    return found
