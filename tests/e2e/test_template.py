"""A user's corporate template: its layouts, placeholders, colours and slide size are used; what it lacks is named."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from pptx import Presentation
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.util import Inches

from generator.cli import cli

from ..conftest import DATA, LAYOUTS, ROOT

CORPORATE_GREEN = "006E51"


def make_template(path: Path, drop_layout: str | None = None) -> Path:
    """A small corporate template made with python-pptx: 4:3, accent colour 006E51, optionally missing a layout."""
    prs = Presentation()
    theme = prs.slide_master.part.part_related_by(RT.THEME)
    theme._blob = theme.blob.replace(b'<a:srgbClr val="4F81BD"/>', f'<a:srgbClr val="{CORPORATE_GREEN}"/>'.encode(), 1)
    if drop_layout:
        layout = next(l for l in prs.slide_layouts if l.name == drop_layout)
        prs.slide_layouts.remove(layout)
    prs.slides.add_slide(prs.slide_layouts[0]).shapes.title.text = "a sample slide the deck must not keep"
    prs.save(str(path))
    return path


def _layout_with(tmp_path: Path, template: str) -> Path:
    text = (LAYOUTS / "lianghui.yaml").read_text(encoding="utf-8")
    path = tmp_path / "with-template.yaml"
    path.write_text(text.replace('slide_size: "16:9"\n', f'slide_size: "16:9"\ntemplate: {template}\n'), encoding="utf-8")
    return path


def _build(tmp_path: Path, layout: Path):
    return CliRunner().invoke(cli, ["build", str(layout), "--data", str(DATA), "--format", "pptx", "--out",
                                    str(tmp_path / "dist")], catch_exceptions=False)


def test_a_deck_built_on_the_template_uses_its_layouts_placeholders_colours_and_size(tmp_path):
    make_template(tmp_path / "corporate.pptx")
    result = _build(tmp_path, _layout_with(tmp_path, "corporate.pptx"))
    assert result.exit_code == 0, result.output
    prs = Presentation(str(tmp_path / "dist" / "with-template.pptx"))
    assert (prs.slide_width, prs.slide_height) == (9144000, 6858000)  # the template's 4:3 wins
    assert len(prs.slides) == 24
    first, content = prs.slides[0], prs.slides[2]
    assert first.slide_layout.name == "Title Slide" and first.shapes.title.text == "激活高质量发展新动能"
    assert content.slide_layout.name == "Title Only" and content.shapes.title.text == "2020年主要成绩"
    assert prs.slides[3].slide_layout.name == "Section Header"
    assert "a sample slide" not in "".join(s.shapes.title.text for s in prs.slides if s.shapes.title)
    xml = "".join(s._element.xml for s in prs.slides)
    assert CORPORATE_GREEN in xml and 'typeface="+mn-ea"' in xml
    for slide in prs.slides:  # no empty "click to add text" placeholders left behind
        assert all(p.text_frame.text.strip() for p in slide.placeholders)


def test_a_template_without_a_needed_layout_is_named(tmp_path):
    make_template(tmp_path / "corporate.pptx", drop_layout="Section Header")
    result = _build(tmp_path, _layout_with(tmp_path, "corporate.pptx"))
    assert result.exit_code == 1
    assert "corporate.pptx: the template has no slide layout named 'Section Header' or '节标题' (for divider slides)" in result.output
    assert "View → Slide Master" in result.output and not (tmp_path / "dist" / "with-template.pptx").exists()


def test_a_corrupt_template_is_named(tmp_path):
    shutil.copy(ROOT / "tests" / "bad_inputs" / "corrupt-template.pptx", tmp_path / "broken.pptx")
    result = _build(tmp_path, _layout_with(tmp_path, "broken.pptx"))
    assert result.exit_code == 1 and "broken.pptx: the template is not a PowerPoint file (.pptx)" in result.output


def test_a_missing_template_is_named_with_the_layout_line(tmp_path):
    layout = _layout_with(tmp_path, "nowhere.pptx")
    result = _build(tmp_path, layout)
    line = layout.read_text(encoding="utf-8").splitlines().index("template: nowhere.pptx") + 1
    assert result.exit_code == 1 and f"with-template.yaml:{line}:" in result.output
    assert "template not found" in result.output


@pytest.mark.parametrize("name", ["corporate.potx"])
def test_a_template_of_another_kind_is_refused(tmp_path, name):
    make_template(tmp_path / name)
    result = _build(tmp_path, _layout_with(tmp_path, name))
    assert result.exit_code == 1 and "a template must be a .pptx file" in result.output


def test_a_template_from_a_chinese_powerpoint_is_understood(tmp_path):
    path = make_template(tmp_path / "chinese.pptx")
    prs = Presentation(str(path))
    names = {"Title Slide": "标题幻灯片", "Title Only": "仅标题", "Section Header": "节标题"}
    for layout in prs.slide_layouts:
        layout.name = names.get(layout.name, layout.name)
    prs.save(str(path))
    result = _build(tmp_path, _layout_with(tmp_path, "chinese.pptx"))
    assert result.exit_code == 0, result.output
    built = Presentation(str(tmp_path / "dist" / "with-template.pptx"))
    assert [built.slides[i].slide_layout.name for i in (0, 2, 3)] == ["标题幻灯片", "仅标题", "节标题"]


def test_the_template_reaches_the_briefing_its_colours_and_body_font_legible_on_paper(tmp_path):
    """A template's accent colour heads the briefing's tables and its body font sets the briefing, in the PDF and
    in the editable briefing's designed look; a pale accent is not used for text on paper."""
    import re
    import zipfile

    from ..pdf_read import fonts
    from ..templates import make_template as template_of

    from pypdf import PdfReader

    dark = template_of(tmp_path / "dark.pptx", (10.0, 6.25), accent="7A1F5C",
                       minor=("Liberation Serif", "Noto Sans Mono CJK SC"))
    text = (LAYOUTS / "one-pager.yaml").read_text(encoding="utf-8")
    layout = tmp_path / "corporate.yaml"
    layout.write_text(text.replace("theme: civic_blue\n", f"theme: civic_blue\ntemplate: {dark}\n"
                                   "docx_style: designed\n"), encoding="utf-8")
    result = CliRunner().invoke(cli, ["build", str(layout), "--data", str(DATA), "--format", "pdf", "--format",
                                      "docx", "--out", str(tmp_path / "dist")], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    pdf = tmp_path / "dist" / "corporate.pdf"
    assert {re.sub(r"^/[A-Z]{6}\+|-[0-9a-f]+$", "", name) for name in fonts(pdf)} == {
        "NotoSansMonoCJKsc-Regular", "NotoSansMonoCJKsc-Bold"}
    painted = "".join(page.get_contents().get_data().decode("latin-1") for page in PdfReader(pdf).pages)
    colours = {"".join(f"{round(float(v) * 255):02X}" for v in match)
               for match in re.findall(r"([\d.]+) ([\d.]+) ([\d.]+) (?:rg|RG)", painted)}
    assert "7A1F5C" in colours  # the template's accent: the tables' heads and the headings
    assert "1F4E79" not in colours  # civic_blue's primary is gone
    with zipfile.ZipFile(tmp_path / "dist" / "corporate.docx") as docx:
        styles = docx.read("word/styles.xml").decode("utf-8")
    assert 'w:eastAsia="Noto Sans Mono CJK SC"' in styles and '<w:color w:val="7A1F5C"/>' in styles


def _too_short(path: Path) -> Path:
    """A template whose slides are 2.5 in high: below the title placeholder there is no room for content."""
    prs = Presentation(str(make_template(path)))
    prs.slide_height = Inches(2.5)
    prs.save(str(path))
    return path


# Test data: a faulty template, the start of its fault's message in English and in Chinese
TEMPLATE_FAULTS = [
    (lambda path: make_template(path, drop_layout="Section Header"),
     "the template has no slide layout named 'Section Header'", "模板中没有名为 'Section Header'"),
    (_too_short, "the title placeholder of 'Title Only' leaves no room for content", "“Title Only”的标题占位符没有"),
    (lambda path: shutil.copy(ROOT / "tests" / "bad_inputs" / "corrupt-template.pptx", path),
     "the template is not a PowerPoint file (.pptx)", "模板不是 PowerPoint 文件（.pptx）"),
]


@pytest.mark.parametrize("make, english, chinese", TEMPLATE_FAULTS, ids=["layout", "no-room", "not-pptx"])
def test_a_template_fault_is_told_at_the_layout_line_that_names_the_template(tmp_path, make, english, chinese):
    make(tmp_path / "corporate.pptx")
    layout = _layout_with(tmp_path, "corporate.pptx")
    line = layout.read_text(encoding="utf-8").splitlines().index("template: corporate.pptx") + 1
    template = (tmp_path / "corporate.pptx").resolve()
    for ui, message in (("en", english), ("zh", chinese)):
        result = CliRunner().invoke(cli, ["--ui", ui, "build", str(layout), "--data", str(DATA), "--format", "pptx",
                                          "--out", str(tmp_path / "dist")])
        assert result.exit_code == 1, result.output
        assert f"with-template.yaml:{line}:1: {template}: {message}" in result.output, result.output
        assert "Traceback" not in result.output and not (tmp_path / "dist").exists()
