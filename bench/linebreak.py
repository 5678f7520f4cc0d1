"""Line-breaking faults on the article's paragraphs: reportlab's wordWrap='CJK' against briefing's breaker.

Run by hand: python bench/linebreak.py. Sets every body paragraph of data/article.txt at widths of 8 to 30
characters (10.5 pt, the briefing's body font) and counts lines that start with closing punctuation, end with
opening punctuation, or split a number from its unit, for both breakers.
"""
from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main() -> None:
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.pdfmetrics import stringWidth
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.platypus import Paragraph

    from generator.datafile import load_dataset
    from generator.dataset import article_body
    from generator.fonts import find_face, truetype_for_pdf
    from generator.textfit import CLOSING, OPENING, UNIT_CHARS, normalise_punctuation, wrap

    dataset = load_dataset(ROOT / "data" / "facts.yaml")
    start, end = article_body(dataset)
    paragraphs = [normalise_punctuation(p.strip()) for p in dataset.article[start:end].splitlines() if len(p.strip()) > 20]
    face = find_face(("Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei", "WenQuanYi Micro Hei"), False)
    path, index = truetype_for_pdf(face, "".join(paragraphs))
    pdfmetrics.registerFont(TTFont("BenchCJK", path, subfontIndex=index))
    size = 10.5
    style = ParagraphStyle("cjk", fontName="BenchCJK", fontSize=size, leading=size * 1.6, wordWrap="CJK")

    def faults(lines: list[str]) -> tuple[int, int, int]:
        starts = sum(1 for line in lines if line and line[0] in CLOSING and line[0] not in "—·%")
        ends = sum(1 for line in lines if line and line[-1] in OPENING)
        splits = sum(1 for a, b in zip(lines, lines[1:]) if a and b and a[-1].isdigit()
                     and (b[0].isdigit() or b[0] in UNIT_CHARS or b[0] in ".%"))
        return starts, ends, splits

    totals = {"reportlab wordWrap='CJK'": [0, 0, 0, 0], "briefing": [0, 0, 0, 0]}
    for chars in range(8, 31):
        width = chars * size
        for text in paragraphs:
            para = Paragraph(text, style)
            para.wrap(width, 1e6)
            ours = wrap(text, width, lambda t: stringWidth(t, "BenchCJK", size))
            theirs = [_line_text(line) for line in para.blPara.lines]
            for name, lines in (("reportlab wordWrap='CJK'", theirs), ("briefing", ours)):
                counts = faults(lines)
                totals[name][0] += len(lines)
                for i, n in enumerate(counts, 1):
                    totals[name][i] += n
    print(f"{len(paragraphs)} paragraphs of the article at widths of 8-30 characters, {size} pt\n")
    print("| breaker | lines | start with closing punctuation | end with opening punctuation | number split from unit |")
    print("|---|---:|---:|---:|---:|")
    for name, (lines, starts, ends, splits) in totals.items():
        print(f"| {name} | {lines} | {starts} | {ends} | {splits} |")


def _line_text(line) -> str:
    """The text of one line of a wrapped reportlab Paragraph (plain-text paragraphs give (width, words))."""
    if isinstance(line, tuple):
        return "".join(line[1]).strip()
    words = getattr(line, "words", [])
    return "".join(getattr(w, "text", "") for w in words).strip()


if __name__ == "__main__":
    main()
