"""Both renderers on Documents built in code (no YAML): every chart kind, size floors, overflow errors."""
from __future__ import annotations

from pathlib import Path

import pytest
from pptx import Presentation
from pptx.util import Pt

from generator import document as d
from generator.description import options_for as render_options
from generator.errors import GeneratorError
from generator.render import RENDERERS
from generator.theme import THEMES
from tests import pdf_read

A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"


def _meta(lang: str = "zh") -> d.Meta:
    return d.Meta("测试标题", "副标题", "日照经济技术开发区管委会", "2021年1月20日", "2021-01-20", lang, "test",
                  "日照经开区", ("测试",), "来源：日照日报", "日照经济技术开发区管委会 · 测试 · 2021年1月20日", "（续）")


def _doc(slides: list[d.Page], pages: list[d.Page] | None = None) -> d.Document:
    return d.Document(_meta(), tuple(slides), tuple(pages if pages is not None else slides))


def _render(document: d.Document, tmp_path: Path, fmt: str) -> Path:
    out = tmp_path / f"out.{fmt}"
    options = render_options(THEMES["civic_blue"], document)
    RENDERERS[fmt].render(document, options, out)
    return out


def _series(values, unit="亿元"):
    return d.Series("数值", tuple(values), tuple(f"{v:g}{unit}" for v in values))


CHARTS = {
    "column": d.Chart("column", "柱形图", ("甲项目", "乙项目", "丙项目"), (_series([259, 43, 40.1]),), "亿元", "柱形图", 0),
    "bar": d.Chart("bar", "条形图", ("高新技术投资增长", "工业技改投资增长"), (_series([116.7, 102.6], "%"),), "%", "条形图"),
    "grouped": d.Chart("grouped", "分组", ("团队", "人才"), (_series([13, 75], "个"), d.Series("2021年目标", (15, 90), ("15个", "90名"))), "", "分组"),
    "doughnut": d.Chart("doughnut", "构成", ("在谈", "在建", "签约"), (_series([675, 236.55, 130.5]),), "亿元", "构成"),
    "line": d.Chart("line", "折线", ("2020年实绩", "2021年目标"), (d.Series("团队", (13, 15), ("13个", "15个")),), "", "折线"),
}


@pytest.mark.parametrize("kind", sorted(CHARTS))
def test_every_chart_kind_renders_in_both_outputs(tmp_path, kind):
    chart = CHARTS[kind]
    document = _doc([d.Page(chart.title, (chart,), notes=("要点",))])
    prs = Presentation(str(_render(document, tmp_path, "pptx")))
    charts = [s for s in prs.slides[0].shapes if s.has_chart]
    assert len(charts) == 1
    xml = charts[0].chart._chartSpace.xml
    assert 'typeface="Microsoft YaHei"' in xml and 'lang="zh-CN"' in xml
    sizes = [int(v) for v in __import__("re").findall(r' sz="(\d+)"', xml)]
    assert sizes and min(sizes) >= 1200
    # every category, in reading order: PowerPoint draws a bar chart's categories bottom-up, so they are stored reversed
    stored = [str(c).replace("\n", "") for c in charts[0].chart.plots[0].categories]
    expected = list(chart.categories[::-1] if kind == "bar" else chart.categories)
    if kind == "doughnut":  # the legend names each slice with its value
        expected = [f"{category}  {label}" for category, label in zip(expected, chart.series[0].labels)]
    assert stored == expected
    pdf = _render(document, tmp_path, "pdf")
    text = pdf_read.text(pdf)
    for category in chart.categories:
        assert category in text, category  # real, searchable text in the vector chart


def test_tripled_points_fit_at_or_above_the_floor(tmp_path):
    points = tuple(f"第{i}条要点：全年招引项目107个，新签约产业项目67个，计划总投资259亿元" for i in range(1, 7))
    document = _doc([d.Page("要点", (d.BulletList(points),), notes=points)])
    prs = Presentation(str(_render(document, tmp_path, "pptx")))
    sizes = [r.font.size for s in prs.slides[0].shapes if s.has_text_frame and s.name == "key points"
             for p in s.text_frame.paragraphs for r in p.runs]
    assert sizes and min(sizes) >= Pt(18)


def test_text_that_cannot_fit_is_a_build_error_naming_the_slide(tmp_path):
    points = ("第一条", "很长的一段文字" * 200)
    document = _doc([d.Page("放不下", (d.BulletList(points),))], [])
    with pytest.raises(GeneratorError) as info:
        _render(document, tmp_path, "pptx")
    # the first point fits and the second continues on the next slide, where it cannot fit alone
    assert "slide 2 ('放不下（续）'), key points: the text does not fit its box even at 18 pt" in str(info.value)


def test_points_that_fill_more_than_a_slide_continue_on_the_next(tmp_path):
    points = tuple(f"第{i}条：" + "很长的一段文字" * 16 for i in range(1, 7))
    document = _doc([d.Page("要点", (d.BulletList(points),), notes=points)], [])
    prs = Presentation(str(_render(document, tmp_path, "pptx")))
    titles = [next(s.text_frame.text for s in slide.shapes if s.name == "Title") for slide in prs.slides]
    assert len(titles) >= 2 and titles[0] == "要点" and set(titles[1:]) == {"要点（续）"}
    shown = [p.text for slide in prs.slides for s in slide.shapes if s.name == "key points"
             for p in s.text_frame.paragraphs]
    assert "".join(shown).replace("\v", "") == "".join(points)  # every point once, in order (lines end in \v)
    notes = [slide.notes_slide.notes_text_frame.text for slide in prs.slides]
    assert all(note.count("•") == sum(1 for s in slide.shapes if s.name == "key points"
                                      for _ in s.text_frame.paragraphs) for note, slide in zip(notes, prs.slides))


def test_kpi_values_keep_their_floor(tmp_path):
    figures = tuple(d.Figure(v, label, "", unit) for v, label, unit in
                    [("107", "招引项目", "个"), ("259", "计划总投资", "亿元"), ("99.99", "满意度", "%"),
                     ("1300", "毕业生", "余名"), ("875.12", "补助金", "万元"), ("6510", "学位", "个")])
    prs = Presentation(str(_render(_doc([d.Page("指标", (d.KeyFigures(figures),))]), tmp_path, "pptx")))
    group = [s for s in prs.slides[0].shapes if s.name == "key figures"][0]
    values = [r.font.size for s in group.shapes if s.name.startswith("value") for p in s.text_frame.paragraphs
              for r in p.runs if any(ch.isdigit() for ch in r.text)]
    assert len(values) == 6 and min(values) >= Pt(32)


def test_a_character_missing_from_the_font_is_named(tmp_path):
    document = _doc([d.Page("标题", (d.Paragraph("含有罕见字\U00017000的句子"),))])
    with pytest.raises(GeneratorError) as info:
        render_options(THEMES["civic_blue"], document)
    message = str(info.value)
    assert "has no glyph for '\U00017000'" in message and "slide 1 '标题'" in message


def test_tables_split_across_pdf_pages_with_their_header(tmp_path):
    rows = tuple((f"指标{i}", f"{i}个", "2020年") for i in range(120))
    table = d.Table(("指标", "数值", "时期"), rows, "facts", (1,), caption="数据")
    pdf = _render(_doc([], [d.Page("长表", (table,))]), tmp_path, "pdf")
    count = pdf_read.page_count(pdf)
    assert count >= 3
    for page in range(2, count + 1):
        text = pdf_read.text(pdf, page)
        assert "指标" in text and "时期" in text, page


def test_deck_as_pdf_and_handout_show_the_same_slides(tmp_path):
    chart = CHARTS["grouped"]
    slides = [d.Page("要点", (d.BulletList(("第一条要点", "第二条要点")),), notes=("要点",)),
              d.Page(chart.title, (chart,)),
              d.Page("指标", (d.KeyFigures((d.Figure("107", "招引项目", "", "个"), d.Figure("259", "总投资", "", "亿元"))),)),
              d.Page("结束", (d.Closing("谢谢！", "测试标题", "日照经济技术开发区管委会"),), kind="closing")]
    document = _doc(slides, [])
    deck = _render(document, tmp_path, "deck-pdf")
    assert pdf_read.page_count(deck) == 4
    width_pt, height_pt = pdf_read.page_size_pt(deck)
    assert abs(width_pt - 960) < 0.5 and height_pt == 540  # 13.333 × 7.5 inches
    text = pdf_read.text(deck)
    for expected in ("第一条要点", "107个", "259亿元", "谢谢！", "2021年目标", "测试·2021年1月20日"):
        assert expected in text, expected
    fonts = pdf_read.fonts(deck)
    assert fonts and all(font == {"embedded": True, "subset": True, "unicode": True} for font in fonts.values()), fonts
    handout = _render(document, tmp_path, "handout")
    assert pdf_read.page_count(handout) == 2
    width_pt, height_pt = pdf_read.page_size_pt(handout)
    assert (round(width_pt), round(height_pt)) == (595, 842)  # A4


def test_run_properties_keep_the_schema_order_around_what_a_run_already_has():
    """A run with an outline, effects, a highlight and a hyperlink gets its fill and typefaces in their places."""
    from pptx.oxml import parse_xml

    from generator.render.pptx.text import RUN_PROPERTY_ORDER, DeckFonts, set_run_props

    r_pr = parse_xml(
        '<a:rPr xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"'
        ' xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
        '<a:ln w="3175"/><a:effectLst/><a:highlight><a:srgbClr val="FFFF00"/></a:highlight>'
        '<a:hlinkClick r:id=""/><a:rtl val="0"/></a:rPr>')
    set_run_props(r_pr, DeckFonts("Microsoft YaHei", "Arial", "zh-CN"), 18, True, "#1F4E79")
    tags = [child.tag.split("}")[1] for child in r_pr]
    assert tags == ["ln", "solidFill", "effectLst", "highlight", "latin", "ea", "cs", "hlinkClick", "rtl"]
    assert [RUN_PROPERTY_ORDER.index(f"a:{tag}") for tag in tags] == sorted(RUN_PROPERTY_ORDER.index(f"a:{tag}")
                                                                             for tag in tags)
    assert r_pr.find(f"{A}ea").get("typeface") == "Microsoft YaHei" and r_pr.get("sz") == "1800"
    set_run_props(r_pr, DeckFonts("+mn-ea", "+mn-lt", "zh-CN"), colour="#000000")  # again: nothing doubles
    assert [child.tag.split("}")[1] for child in r_pr] == tags
    assert r_pr.find(f"{A}solidFill/{A}srgbClr").get("val") == "000000"
