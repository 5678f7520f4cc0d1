"""Lines and words of a PDF with their boxes (pdftotext -bbox-layout), and the line-breaking and overlap faults a
reader would see in them."""
from __future__ import annotations

import subprocess
from pathlib import Path

from lxml import etree

from generator.textfit import CLOSING, UNIT_CHARS

XHTML = "{http://www.w3.org/1999/xhtml}"
Word = tuple[float, float, float, float, str]


def pages(pdf: Path) -> list[list[list[list[Word]]]]:
    """Per page, its blocks; per block, its lines; per line, its words as (xMin, yMin, xMax, yMax, text)."""
    out = subprocess.run(["pdftotext", "-bbox-layout", str(pdf), "-"], capture_output=True, check=True).stdout
    root = etree.fromstring(out, etree.XMLParser(recover=True))
    found = []
    for page in root.iter(f"{XHTML}page"):
        blocks = []
        for block in page.iter(f"{XHTML}block"):
            blocks.append([[(float(w.get("xMin")), float(w.get("yMin")), float(w.get("xMax")), float(w.get("yMax")),
                             w.text or "") for w in line.iter(f"{XHTML}word")] for line in block.iter(f"{XHTML}line")])
        found.append(blocks)
    return found


def faults(pdf: Path) -> list[str]:
    """Every line that starts with closing punctuation or with a unit after a number ending the line before, every
    last line of one Chinese character, and every two words whose boxes overlap (beyond the ascent and descent
    that lines of text share), as "page N: what"."""
    found = []
    for number, blocks in enumerate(pages(pdf), 1):
        words: list[Word] = []
        for lines in blocks:
            texts = [" ".join(word[4] for word in line) for line in lines]
            for index, text in enumerate(texts):
                before = texts[index - 1] if index else ""
                if text and text[0] in CLOSING and text[0] not in "—·%":
                    found.append(f"page {number}: a line starts with {text[0]}: {before!r} / {text!r}")
                if before and text and before[-1].isdigit() and text[0] in UNIT_CHARS:
                    found.append(f"page {number}: a number is split from its unit: {before!r} / {text!r}")
                core = text.rstrip("".join(CLOSING))
                if index and len(core) == 1 and not core.isascii():
                    found.append(f"page {number}: a character alone on a line: {before!r} / {text!r}")
            words.extend(word for line in lines for word in line)
        for a, first in enumerate(words):
            for second in words[a + 1:]:
                across = min(first[2], second[2]) - max(first[0], second[0])
                down = min(first[3], second[3]) - max(first[1], second[1])
                if across > 1 and down > 0.4 * min(first[3] - first[1], second[3] - second[1]):
                    found.append(f"page {number}: {first[4]!r} and {second[4]!r} overlap")
    return found


def page_texts(pdf: Path) -> list[str]:
    """The text of each page with all white space removed (LibreOffice spaces Chinese from Latin and digits)."""
    import re

    text = subprocess.run(["pdftotext", "-enc", "UTF-8", str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout
    return [re.sub(r"\s+", "", page) for page in text.split("\f")]


def missing_chart_text(pdf: Path, slides) -> list[str]:
    """What a chart of the slides (Pages) does not show on its page of the PDF: a category, a legend entry or a
    value's label, as "slide title: text"."""
    import re

    from generator import document as d
    from generator.textfit import normalise_punctuation

    def flat(text: str) -> str:
        return re.sub(r"\s+", "", normalise_punctuation(text))

    pages = page_texts(pdf)
    found = []
    for page in slides:
        for block in page.blocks:
            if not isinstance(block, d.Chart):
                continue
            shown = next((text for text in pages if flat(page.title) in text), "")
            wanted = list(block.categories) + [label for series in block.series for label in series.labels]
            if block.kind == "doughnut":
                wanted = [f"{c}{label}" for c, label in zip(block.categories, block.series[0].labels)]
            found.extend(f"{page.title}: {text}" for text in wanted if flat(text) not in shown)
    return found
