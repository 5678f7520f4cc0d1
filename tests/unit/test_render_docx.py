"""The editable briefing (DOCX): Word structures that carry the look (styles, not direct formatting), the national
format's page, fonts and fields, the same figures as the composed document, and reproducible bytes."""
from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from pathlib import Path

import pytest

from generator.compose import compose
from generator.document import Chart, KeyFigures, Table
from generator.layouts import load_layout

from ..conftest import LAYOUTS

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
CREATED = dt.datetime(2021, 1, 20)


def _render(dataset, tmp_path: Path, name: str = "lianghui", lang: str = "zh", extra: str = "") -> tuple[Path, object]:
    from dataclasses import replace

    from generator.description import options_for
    from generator.prepared import resolve_theme
    from generator.render.docx import render_docx

    source = LAYOUTS / f"{name}.yaml"
    if extra:  # a copy of the shipped layout with more top-level keys
        text = source.read_text(encoding="utf-8")
        source = tmp_path / f"{name}.yaml"
        source.write_text(text.replace("\nbriefing:\n", f"\n{extra}\nbriefing:\n", 1), encoding="utf-8")
    layout = load_layout(source, dataset)
    document = compose(dataset, layout, lang)
    options = replace(options_for(resolve_theme(layout), document), created=CREATED)
    out = tmp_path / f"{name}.{lang}.docx"
    render_docx(document, options, out)
    return out, document


@pytest.fixture(scope="module")
def lianghui(dataset, tmp_path_factory):
    return _render(dataset, tmp_path_factory.mktemp("docx"))


def _flat(text: str) -> str:
    """Text as a reader sees it: word joiners gone, no-break spaces as spaces, no white space."""
    return re.sub(r"\s+", "", text.replace("\u2060", "").replace("\u00a0", " "))


def _body_text(path: Path) -> str:
    import docx

    word = docx.Document(str(path))
    parts = [p.text for p in word.paragraphs]
    parts += [cell.text for table in word.tables for row in table.rows for cell in row.cells]
    return "\n".join(parts)


def test_the_docx_opens_in_python_docx_with_the_national_format_styles(lianghui):
    import docx

    path, document = lianghui
    word = docx.Document(str(path))
    styles = {style.style_id: style for style in word.styles}
    fonts = {sid: styles[sid].element.rPr.rFonts.get(f"{W}eastAsia")
             for sid in ("Normal", "Title", "Heading1", "Heading2", "Heading3")}
    assert fonts == {"Normal": "仿宋_GB2312", "Title": "方正小标宋简体", "Heading1": "黑体",
                     "Heading2": "楷体_GB2312", "Heading3": "仿宋_GB2312"}  # 三级标题: 仿宋 in bold
    assert styles["Normal"].font.size.pt == 16 and styles["Title"].font.size.pt == 22
    assert styles["Heading3"].font.bold is True and not styles["Heading1"].font.bold
    assert styles["Title"].paragraph_format.alignment == 1  # centred
    assert styles["Normal"].font.color.rgb == docx.shared.RGBColor(0, 0, 0)
    aliases = {sid: styles[sid].element.find(f"{W}aliases").get(f"{W}val")
               for sid in ("Normal", "Heading1", "Heading2", "Heading3", "Caption", "Title")}
    assert aliases == {"Normal": "正文", "Heading1": "一级标题", "Heading2": "二级标题", "Heading3": "三级标题",
                       "Caption": "注释", "Title": "标题"}
    assert styles["TableText"].name == "表格"
    # the part titles are Heading 1 paragraphs, in the composed order
    headings = [p.text for p in word.paragraphs if p.style.style_id in ("Heading1", "Appendix")]
    assert headings == [page.title for page in document.pages
                        if page.kind == "content" and page.title and page.title != "目录"]
    assert word.core_properties.title == document.meta.title
    assert word.core_properties.author == document.meta.organisation == "日照经济技术开发区管委会"
    assert word.core_properties.keywords == "; ".join(document.meta.keywords)
    assert word.core_properties.created == CREATED.replace(tzinfo=dt.timezone.utc)


def test_the_page_is_a4_with_the_national_format_margins_grid_and_facing_footers(lianghui):
    import docx

    path, _document = lianghui
    word = docx.Document(str(path))
    section = word.sections[0]
    mm = [round(v.mm, 1) for v in (section.page_width, section.page_height, section.top_margin, section.left_margin,
                                    section.bottom_margin, section.right_margin)]
    assert mm == [210.0, 297.0, 37.0, 28.0, 35.0, 26.0]
    grid = section._sectPr.find(f"{W}docGrid")
    assert grid.get(f"{W}type") == "lines" and round(int(grid.get(f"{W}linePitch")) / 20 * 22 / 72 * 25.4) == 225
    settings = word.settings.element
    assert settings.find(f"{W}evenAndOddHeaders") is not None and settings.find(f"{W}mirrorMargins") is not None
    for footer, side in ((section.footer, "right"), (section.even_page_footer, "left")):
        xml = footer._element.xml
        assert "PAGE" in xml and footer.paragraphs[0].text == "— 1 —", xml
        assert f'w:jc w:val="{side}"' in xml and f'w:{side}="280"' in xml  # one 14 pt character in from the edge
    fonts = zipfile.ZipFile(path).read("word/fontTable.xml").decode()
    for name, fallback in (("仿宋_GB2312", "仿宋"), ("楷体_GB2312", "楷体"), ("方正小标宋简体", "宋体")):
        assert f'w:name="{name}"><w:altName w:val="{fallback}"/>' in fonts


def test_styles_carry_the_look_body_runs_have_no_direct_formatting(lianghui):
    path, _document = lianghui
    root = _document_xml(path)
    runs = root.iter(f"{W}r")
    direct = []
    for run in runs:
        properties = run.find(f"{W}rPr")
        for child in properties if properties is not None else ():
            east_asian_hint = child.tag == f"{W}rFonts" and set(child.attrib) == {f"{W}hint"}
            figure_style = child.tag == f"{W}rStyle" and child.get(f"{W}val") == "FigureText"
            if not (east_asian_hint or figure_style):
                direct.append(child.tag)
    assert direct == []
    # and every paragraph names its style
    assert all(p.find(f"{W}pPr/{W}pStyle") is not None for p in root.iter(f"{W}p"))


def _document_xml(path: Path):
    from lxml import etree

    return etree.fromstring(zipfile.ZipFile(path).read("word/document.xml"))


def test_tables_are_real_tables_with_a_repeated_header_row(lianghui):
    import docx

    path, document = lianghui
    word = docx.Document(str(path))
    tables = [b for page in document.pages for b in page.blocks if isinstance(b, Table)]
    charts = [b for page in document.pages for b in page.blocks if isinstance(b, Chart)]
    headed = [t for t in word.tables if t.rows[0]._tr.trPr is not None
              and t.rows[0]._tr.trPr.find(f"{W}tblHeader") is not None]
    assert len(headed) == len(tables) + len(charts)
    by_header: dict[tuple[str, ...], list] = {}
    for table in headed:
        by_header.setdefault(tuple(_flat(c.text) for c in table.rows[0].cells), []).append(table)
    for block in tables:  # every table of the briefing, its rows in order, cell by cell
        rows = [[_flat(text) for text in row] for row in block.rows]
        assert any([[_flat(c.text) for c in row.cells] for row in table.rows[1:]] == rows
                   for table in by_header[tuple(_flat(c) for c in block.columns)]), block.caption
    appendix = next(b for b in tables if b.role == "appendix")
    table = by_header[tuple(_flat(c) for c in appendix.columns)][0]
    assert len(table.rows) == len(appendix.rows) + 1
    assert [_flat(c.text) for c in table.rows[-1].cells] == [_flat(t) for t in appendix.rows[-1]]


def test_the_contents_are_a_toc_field_and_charts_are_pictures_with_alt_text_and_their_figures(lianghui):
    path, document = lianghui
    root = _document_xml(path)
    instructions = "".join(t.text for t in root.iter(f"{W}instrText"))
    assert 'TOC \\o "1-1"' in instructions
    charts = [b for page in document.pages for b in page.blocks if isinstance(b, Chart)]
    pictures = [p for p in root.iter("{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}docPr")]
    assert [p.get("descr") for p in pictures] == [c.description for c in charts] and charts
    media = [n for n in zipfile.ZipFile(path).namelist() if n.startswith("word/media/")]
    from PIL import Image

    for name in media:
        with Image.open(io.BytesIO(zipfile.ZipFile(path).read(name))) as image:
            assert image.width >= 1800  # 300 dpi over the 156 mm type width
    text = _flat(_body_text(path))
    for chart in charts:
        for series in chart.series:
            assert all(_flat(label) in text for label in series.labels)


def test_every_string_of_the_briefing_is_in_the_docx_and_figures_stay_with_their_units(lianghui):
    path, document = lianghui
    text = _flat(_body_text(path))
    for page in document.pages:
        for block in page.blocks:
            for string in _shown(block):
                assert _flat(string) in text, string
    root = _document_xml(path)
    figures = [b for page in document.pages for b in page.blocks if isinstance(b, KeyFigures)]
    joined = {"".join(t.text for t in r.iter(f"{W}t")) for r in root.iter(f"{W}r")}
    for block in figures:
        for figure in block.figures:
            # a figure with Chinese is joined by word joiners; one of Latin characters only needs none (93%)
            held = "\u2060".join(figure.text) if re.search("[\u3400-\u9fff]", figure.text) else figure.text
            assert held in joined or any(held in t for t in joined)
    # a figure in running text is one run in the figure style, held together by word joiners
    styled = ["".join(t.text for t in r.iter(f"{W}t")) for r in root.iter(f"{W}r")
              if r.find(f"{W}rPr/{W}rStyle") is not None]
    assert "\u2060".join("259亿元") in styled
    assert all(not re.search(r"\d[^\u2060]|[^\u2060]\d", s) or "\u2060" in s or not re.search("[\u3400-\u9fff]", s)
               for s in styled)


def _shown(value: object) -> list[str]:
    """Every string a block shows (not its identifiers, roles and kinds; a chart's description is its alt text)."""
    if isinstance(value, str):
        return [value] if value else []
    if isinstance(value, tuple):
        return [s for item in value for s in _shown(item)]
    if hasattr(value, "__dataclass_fields__"):
        skip = {"role", "kind", "fact_id", "row_facts", "description", "unit", "values", "numeric_columns", "widths"}
        return [s for name in value.__dataclass_fields__ if name not in skip for s in _shown(getattr(value, name))]
    return []


def test_the_same_inputs_give_the_same_bytes(dataset, tmp_path):
    first, _document = _render(dataset, tmp_path / "a" if (tmp_path / "a").mkdir() is None else tmp_path)
    second, _document = _render(dataset, tmp_path / "b" if (tmp_path / "b").mkdir() is None else tmp_path)
    assert first.read_bytes() == second.read_bytes()
    names = {info.date_time for info in zipfile.ZipFile(first).infolist()}
    assert names == {(2021, 1, 20, 0, 0, 0)}


def test_english_gets_the_plain_business_style_and_no_break_spaces(dataset, tmp_path):
    import docx

    path, _document = _render(dataset, tmp_path, "investment", "en")
    word = docx.Document(str(path))
    normal = word.styles["Normal"]
    assert normal.font.size.pt == 12 and normal.element.rPr.rFonts.get(f"{W}ascii") == "Times New Roman"
    assert "RMB\u00a0" in _body_text(path)
    assert [p for p in word.paragraphs if p.style.style_id == "ListBullet"]


def test_a_layout_may_choose_the_designed_style(dataset, tmp_path):
    import docx

    path, document = _render(dataset, tmp_path, "party-building", "zh", "docx_style: designed")
    assert document.editable_style == "designed"
    word = docx.Document(str(path))
    normal = word.styles["Normal"]
    assert normal.element.rPr.rFonts.get(f"{W}eastAsia") == "Microsoft YaHei"
    assert word.sections[0].header.paragraphs[0].text == document.meta.title
    heading = word.styles["Heading 1"]
    assert str(heading.font.color.rgb) != "000000"  # the theme's colour


@pytest.mark.parametrize("text, figures", [
    ("推动总投资675亿元的232个在谈项目签约落地", ["675亿元", "232个"]),
    ("实际使用外资2亿美元以上，", ["2亿美元以上，"]),
    ("全年招引项目107个，新签约", ["107个，"]),
    # in English the no-break spaces hold the figure together: RMB 25.9 billion
    ("planned investment of RMB\u00a025.9\u00a0billion", ["RMB\u00a025.9\u00a0billion"]),
])
def test_a_figure_is_one_run_with_its_unit_and_qualifier(text, figures):
    from generator.render.docx.blocks import JOINER, pieces

    found = [piece.replace(JOINER, "") for piece, figure in pieces(text) if figure]
    assert found == figures
    assert "".join(piece for piece, _figure in pieces(text)).replace(JOINER, "") == \
        text.replace("RMB 25", "RMB\u00a025").replace("25.9 billion", "25.9\u00a0billion")
    assert all((JOINER.join(f) if any("\u3400" <= c <= "\u9fff" for c in f) else f) == piece for (piece, figure), f in zip(
        [p for p in pieces(text) if p[1]], figures))
