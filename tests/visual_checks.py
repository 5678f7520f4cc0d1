"""What a reader sees on rendered slides and pages, measured: line ends inside a figure, a Chinese character alone
on a line, text boxes that overlap, text without enough contrast on its fill. Each check takes an output file
(a deck as PPTX, or a PDF of slides or pages) and returns its faults as readable strings, with the page or slide
number first ("3: ..."), so that a test can keep pictures of those pages."""
from __future__ import annotations

import re
import subprocess
import zipfile
from collections.abc import Iterator
from pathlib import Path

from lxml import etree

from generator.textfit import CLOSING

from .pdf_lines import pages as pdf_pages

A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
P = "{http://schemas.openxmlformats.org/presentationml/2006/main}"
_STATUS_TAG = r"(?:（[^（）]{1,8}）)?"  # a status tag right after a Chinese figure: 4个（推进中）


def figure_patterns(dataset, lang: str) -> list[re.Pattern[str]]:
    """For every figure of the dataset in lang, a pattern of the part no line may end inside: in Chinese the whole
    figure with its qualifier, unit and status tag (约43亿元, 2亿美元以上, 4个（推进中）); in English its number and
    its scale (4.3 billion, 432,000 m²), a qualifier of several words before it
    (at least), and a figure in words that holds a number (RMB 100-billion-level). Line ends appear as white
    space."""
    from generator.formatting import figure

    patterns = set()
    for fact in dataset.facts.values():
        shown = figure(fact, lang, dataset.years)
        if lang == "zh":
            if fact.is_number and len(shown.text) > 1:
                patterns.add(r"(?<![\d.,])" + r"\s*".join(map(re.escape, shown.text))
                             + _STATUS_TAG.replace("（", r"\s*（"))
            continue
        words = shown.text.replace("\u00a0", " ").split()
        if fact.is_number:
            prefix = shown.prefix.replace("\u00a0", " ").split()
            suffix = shown.suffix.replace("\u00a0", " ").split()
            currency = prefix[-1:] if prefix[-1:] in (["RMB"], ["USD"]) else []
            qualifier = prefix[:len(prefix) - len(currency)]
            if len(qualifier) > 1:  # at least: a figure too wide for its line may break after it, never inside
                patterns.add(r"(?<!\w)" + r"\s+".join(qualifier) + r"(?=\s+(?:RMB|USD|\d))")
            # a figure too wide for its line (a card on a small slide) may break after its currency, and before
            # a counted noun ("11 key⏎projects" where it must), never before its scale (1⏎billion)
            words = shown.value.split() + [w for w in suffix[:1] if w in ("billion", "million", "thousand", "m²", "km")]
        elif not any(ch.isdigit() for ch in shown.value) or len(words) > 3:
            continue
        if len(words) > 1:
            patterns.add(r"(?<![\w.,-])" + r"\s+".join(map(re.escape, words)) + r"(?![\w-])")
    return [re.compile(p) for p in sorted(patterns, key=len, reverse=True)]


def split_figures(paragraph_lines: list[str], patterns: list[re.Pattern[str]]) -> list[str]:
    """The figures that a line end of this paragraph (its lines in order) falls inside."""
    text = "\n".join(line.replace("\u00a0", " ").strip() for line in paragraph_lines)
    found = []
    for pattern in patterns:
        for match in pattern.finditer(text):
            if "\n" in match.group(0):
                found.append(match.group(0).replace("\n", "⏎"))
    return found


def lone_characters(paragraph_lines: list[str]) -> list[str]:
    """Lines after the first that hold one Chinese character (with closing punctuation after it, if any)."""
    found = []
    for index, line in enumerate(paragraph_lines[1:], 1):
        core = line.strip().rstrip("".join(CLOSING))
        core = core.lstrip("（“《「")
        if len(core) == 1 and not core.isascii():
            found.append(f"{paragraph_lines[index - 1].strip()}⏎{line.strip()}")
    return found


# ------------------------------------------------------------------------------------------------ decks (PPTX)


def _slide_parts(pptx: Path) -> Iterator[tuple[int, etree._Element]]:
    with zipfile.ZipFile(pptx) as package:
        names = sorted((n for n in package.namelist() if re.fullmatch(r"ppt/slides/slide\d+\.xml", n)),
                       key=lambda n: int(re.findall(r"\d+", n)[0]))
        for name in names:
            yield int(re.findall(r"\d+", name)[0]), etree.fromstring(package.read(name))


def pptx_paragraphs(pptx: Path) -> Iterator[tuple[int, list[str]]]:
    """(slide number, its lines) for every paragraph of every slide, lines as the deck's explicit breaks give them."""
    for number, root in _slide_parts(pptx):
        for paragraph in root.iter(f"{A}p"):
            lines, current = [], ""
            for child in paragraph:
                if child.tag == f"{A}r":
                    current += "".join(t.text or "" for t in child.iter(f"{A}t"))
                elif child.tag == f"{A}br":
                    lines.append(current)
                    current = ""
            lines.append(current)
            if any(line.strip() for line in lines):
                yield number, lines


def pptx_line_faults(pptx: Path, patterns: list[re.Pattern[str]]) -> list[str]:
    found = []
    for number, lines in pptx_paragraphs(pptx):
        found += [f"{number}: figure broken: {f}" for f in split_figures(lines, patterns)]
        found += [f"{number}: character alone: {f}" for f in lone_characters(lines)]
    return found


def _boxes(root: etree._Element) -> Iterator[tuple[str, tuple[float, float, float, float], etree._Element]]:
    """(name, (x, y, w, h) in EMU, shape) of every shape, in drawing order, groups' children in slide
    coordinates."""
    def walk(parent: etree._Element, offset: tuple[float, float, float, float, float, float]):
        ox, oy, sx, sy, cx, cy = offset
        for shape in parent:
            if shape.tag == f"{P}grpSp":
                xfrm = shape.find(f"{P}grpSpPr/{A}xfrm")
                off, ext = xfrm.find(f"{A}off"), xfrm.find(f"{A}ext")
                ch_off, ch_ext = xfrm.find(f"{A}chOff"), xfrm.find(f"{A}chExt")
                scale_x = float(ext.get("cx")) / max(float(ch_ext.get("cx")), 1)
                scale_y = float(ext.get("cy")) / max(float(ch_ext.get("cy")), 1)
                gx = ox + (float(off.get("x")) - cx) * sx
                gy = oy + (float(off.get("y")) - cy) * sy
                yield from walk(shape, (gx, gy, sx * scale_x, sy * scale_y, float(ch_off.get("x")),
                                        float(ch_off.get("y"))))
            elif shape.tag == f"{P}sp":
                xfrm = shape.find(f"{P}spPr/{A}xfrm")
                if xfrm is None:
                    continue
                off, ext = xfrm.find(f"{A}off"), xfrm.find(f"{A}ext")
                x = ox + (float(off.get("x")) - cx) * sx
                y = oy + (float(off.get("y")) - cy) * sy
                name = shape.find(f"{P}nvSpPr/{P}cNvPr").get("name")
                yield name, (x, y, float(ext.get("cx")) * sx, float(ext.get("cy")) * sy), shape

    tree = root.find(f"{P}cSld/{P}spTree")
    yield from walk(tree, (0, 0, 1, 1, 0, 0))


def _text_extent(shape: etree._Element, box: tuple[float, float, float, float]) -> tuple[float, float, float, float]:
    """The part of a text box its lines take (from its explicit lines, sizes and anchor), in EMU."""
    x, y, w, h = box
    body = shape.find(f"{P}txBody")
    props = body.find(f"{A}bodyPr")
    inset = lambda name, default: float(props.get(name, default))  # noqa: E731 - a short local helper
    top, bottom = inset("tIns", 45720), inset("bIns", 45720)
    height = 0.0
    for paragraph in body.iter(f"{A}p"):
        sizes = [float(r.get("sz")) for r in paragraph.iter(f"{A}rPr", f"{A}endParaRPr") if r.get("sz")]
        size = max(sizes) if sizes else 1800
        lines = 1 + len(paragraph.findall(f"{A}br"))
        if "".join(t.text or "" for t in paragraph.iter(f"{A}t")).strip():
            height += lines * size / 100 * 1.2 * 12700
    anchor = props.get("anchor", "t")
    inner = h - top - bottom
    start = y + top + (inner - height if anchor == "b" else (inner - height) / 2 if anchor == "ctr" else 0)
    return x, start, w, height


def pptx_overlaps(pptx: Path) -> list[str]:
    """Two texts of a slide whose lines (their boxes' width, the height their lines take) overlap."""
    found = []
    for number, root in _slide_parts(pptx):
        texts = [(name, _text_extent(shape, box)) for name, box, shape in _boxes(root)
                 if "".join(t.text or "" for t in shape.iter(f"{A}t")).strip()]
        for index, (name, (x, y, w, h)) in enumerate(texts):
            for other, (x2, y2, w2, h2) in texts[index + 1:]:
                across = min(x + w, x2 + w2) - max(x, x2)
                down = min(y + h, y2 + h2) - max(y, y2)
                if across > 12700 and down > 12700 * 2:  # more than 1 pt across and 2 pt down
                    found.append(f"{number}: '{name}' and '{other}' overlap by {down / 12700:.0f} pt")
    return found


def _luminance(colour: str) -> float:
    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (int(colour[i:i + 2], 16) for i in (0, 2, 4))
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)


def contrast_ratio(first: str, second: str) -> float:
    """WCAG 2 contrast ratio of two RRGGBB colours (computed here, not with the program's own helper)."""
    light, dark = sorted((_luminance(first.lstrip("#")), _luminance(second.lstrip("#"))), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def pptx_contrast(pptx: Path, background: str = "FFFFFF") -> list[str]:
    """Runs whose colour has less contrast with the fill behind them than WCAG AA asks (4.5:1; 3:1 from 18 pt,
    or 14 pt bold): the fill of their own shape, else of the last filled shape under their box's middle, else the
    slide's background."""
    found = []
    for number, root in _slide_parts(pptx):
        filled: list[tuple[tuple[float, float, float, float], str]] = []
        for _name, box, shape in _boxes(root):
            fill = _fill(shape)
            if fill:
                filled.append((box, fill))
            if shape.find(f"{P}txBody") is None:
                continue
            behind = fill or _behind(filled[:-1] if fill else filled, box) or background
            for run in shape.iter(f"{A}r"):
                props = run.find(f"{A}rPr")
                colour = props.find(f"{A}solidFill/{A}srgbClr") if props is not None else None
                text = "".join(t.text or "" for t in run.iter(f"{A}t")).strip()
                if colour is None or not text or props.get("sz") is None:
                    continue
                size = float(props.get("sz")) / 100
                bold = props.get("b") == "1"
                needed = 3.0 if size >= 18 or (bold and size >= 14) else 4.5
                ratio = contrast_ratio(colour.get("val"), behind)
                if ratio < needed:
                    found.append(f"{number}: '{text}' ({size:g} pt, #{colour.get('val')} on #{behind}) has "
                                 f"contrast {ratio:.2f}, under {needed:g}")
    return found


def _fill(shape: etree._Element) -> str | None:
    colour = shape.find(f"{P}spPr/{A}solidFill/{A}srgbClr")
    return colour.get("val") if colour is not None else None


def _behind(filled: list[tuple[tuple[float, float, float, float], str]], box: tuple[float, float, float, float]):
    x, y = box[0] + box[2] / 2, box[1] + box[3] / 2
    for (fx, fy, fw, fh), fill in reversed(filled):
        if fx <= x <= fx + fw and fy <= y <= fy + fh:
            return fill
    return None


def pptx_master_prompts(pptx: Path) -> list[str]:
    """The placeholder prompts of the deck's master and layouts."""
    with zipfile.ZipFile(pptx) as package:
        return sorted({t.text or "" for name in package.namelist()
                       if re.fullmatch(r"ppt/(slideMasters/slideMaster|slideLayouts/slideLayout)\d+\.xml", name)
                       for t in etree.fromstring(package.read(name)).iter(f"{A}t") if "level" in (t.text or "")
                       or "Click" in (t.text or "") or "单击" in (t.text or "") or "级" in (t.text or "")})


def pptx_gridlines(pptx: Path) -> list[str]:
    """The charts of the deck that draw gridlines."""
    with zipfile.ZipFile(pptx) as package:
        return [name for name in package.namelist() if re.fullmatch(r"ppt/charts/chart\d+\.xml", name)
                and b"majorGridlines" in package.read(name)]


# ------------------------------------------------------------------------------------------------ PDFs


def pdf_line_faults(pdf: Path, patterns: list[re.Pattern[str]]) -> list[str]:
    """Figures broken at a line end and characters alone on a line, per block of text as poppler finds it."""
    found = []
    for number, blocks in enumerate(pdf_pages(pdf), 1):
        for lines in blocks:
            texts = [" ".join(word[4] for word in line) for line in lines]
            found += [f"{number}: figure broken: {f}" for f in split_figures(texts, patterns)]
            found += [f"{number}: character alone: {f}" for f in lone_characters(texts)]
    return found


def pdf_word_gaps(pdf: Path) -> list[str]:
    """Lines of English whose words stand further apart than a wide word space (0.45 em): justified lines."""
    found = []
    for number, blocks in enumerate(pdf_pages(pdf), 1):
        for lines in blocks:
            for line in lines:
                words = [w for w in line if w[4].isascii() and any(ch.isalpha() for ch in w[4])]
                if len(words) < 4 or len(words) != len(line):
                    continue
                size = max(w[3] - w[1] for w in line)
                gaps = [b[0] - a[2] for a, b in zip(line, line[1:])]
                if max(gaps) > 0.45 * size and min(gaps) > 0.3 * size:
                    found.append(f"{number}: gaps of {min(gaps):.1f}–{max(gaps):.1f} pt at "
                                 f"{size:.1f} pt: {' '.join(w[4] for w in line)}")
    return found


def keep_pages(pdf: Path, faults: list[str], folder: Path, name: str) -> None:
    """Pictures (60 dpi) of the pages the faults name, for a person to look at."""
    numbers = sorted({int(f.split(":", 1)[0]) for f in faults if f.split(":", 1)[0].isdigit()})[:12]
    folder.mkdir(parents=True, exist_ok=True)
    for number in numbers:
        subprocess.run(["pdftoppm", "-r", "60", "-png", "-f", str(number), "-l", str(number), "-singlefile", str(pdf),
                        str(folder / f"{name}-{number:02d}")], capture_output=True, check=False)
    (folder / f"{name}.txt").write_text("\n".join(faults) + "\n", encoding="utf-8")


def pptx_item_counts(pptx: Path) -> list[tuple[str, int]]:
    """(title without its continuation mark, number of items) for every slide with figure cards, key points or a
    table."""
    found = []
    for _number, root in _slide_parts(pptx):
        title, items = "", 0
        for shape in root.iter(f"{P}sp"):
            name = shape.find(f"{P}nvSpPr/{P}cNvPr").get("name")
            placeholder = shape.find(f"{P}nvSpPr/{P}nvPr/{P}ph")
            if name == "Title" or (placeholder is not None and placeholder.get("type") in ("title", "ctrTitle")):
                title = title or "".join(t.text or "" for t in shape.iter(f"{A}t"))
            elif name.startswith("card ") and name != "card edge":
                items += 1
            elif name == "key points":
                items += sum(1 for p in shape.iter(f"{A}p") if "".join(t.text or "" for t in p.iter(f"{A}t")).strip())
        for table in root.iter(f"{A}tbl"):
            items += len(table.findall(f"{A}tr")) - 1
        if items:
            found.append((title.replace("（续）", "").replace(" (continued)", "").strip(), items))
    return found


def ink_coverage(pdf: Path, body: tuple[float, float, float, float], least: float,
                 exempt: set[int] = frozenset()) -> list[str]:  # type: ignore[assignment]
    """Pages whose ink, inside the body (left, top, right, bottom as fractions of the page), has a bounding box
    smaller than `least` of the body's area: a slide or page mostly empty. Drawn by poppler at 20 dpi in grey;
    a pixel darker than 235 of 255 is ink."""
    import tempfile

    from PIL import Image

    found = []
    with tempfile.TemporaryDirectory() as folder:
        subprocess.run(["pdftoppm", "-r", "20", "-gray", str(pdf), f"{folder}/p"], capture_output=True, check=True)
        for path in sorted(Path(folder).glob("p-*.pgm")):
            number = int(path.stem.rsplit("-", 1)[1])
            if number in exempt:
                continue
            image = Image.open(path).convert("L")
            width, height = image.size
            box = (round(width * body[0]), round(height * body[1]), round(width * body[2]), round(height * body[3]))
            inked = image.crop(box).point(lambda p: 255 if p < 235 else 0).getbbox()
            share = 0.0 if not inked else (inked[2] - inked[0]) * (inked[3] - inked[1]) / (
                (box[2] - box[0]) * (box[3] - box[1]))
            if share < least:
                found.append(f"{number}: ink covers {share:.0%} of the body, under {least:.0%}")
    return found


def part_last_pages(pdf: Path) -> set[int]:
    """The page numbers on which a part of the briefing ends (the page before another part's first, and the last
    page), from the PDF's outline of parts."""
    from pypdf import PdfReader

    reader = PdfReader(pdf)
    starts = sorted({reader.get_destination_page_number(item) + 1 for item in reader.outline
                     if not isinstance(item, list)})
    return {start - 1 for start in starts if start > 1} | {len(reader.pages)}


def non_content_slides(pptx: Path) -> set[int]:
    """The numbers of the slides that are no content slide (the title, a section divider, the closing): those
    without the running footer the deck draws on every content slide."""
    from pptx import Presentation

    return {number for number, slide in enumerate(Presentation(str(pptx)).slides, 1)
            if not any(shape.name == "Footer" for shape in slide.shapes)}
