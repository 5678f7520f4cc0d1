"""Laid-out slide shapes as native PowerPoint shapes, tables and charts, one function per kind of shape."""
from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from pptx.dml.color import RGBColor
from pptx.enum.shapes import MSO_SHAPE
from pptx.enum.text import MSO_ANCHOR, PP_ALIGN
from pptx.oxml.ns import qn

from ...theme import Theme
from ..slides import shapes as sh
from .text import DeckFonts, emu, hex_rgb, prepare_frame, write_paragraphs

if TYPE_CHECKING:
    from pptx.shapes.base import BaseShape
    from pptx.shapes.autoshape import Shape
    from pptx.shapes.shapetree import SlideShapes, _BaseGroupShapes
    from pptx.slide import Slide
    from pptx.text.text import TextFrame

_ANCHORS = {"top": MSO_ANCHOR.TOP, "middle": MSO_ANCHOR.MIDDLE, "bottom": MSO_ANCHOR.BOTTOM}
_ALIGNS = {"left": PP_ALIGN.LEFT, "center": PP_ALIGN.CENTER, "right": PP_ALIGN.RIGHT}
_SHAPES = {"rect": MSO_SHAPE.RECTANGLE, "rounded": MSO_SHAPE.ROUNDED_RECTANGLE, "oval": MSO_SHAPE.OVAL}


#: text shapes that go into a template's placeholders: the title, and the subtitle or body placeholder (idx 1)
PLACEHOLDER_ROLES = {"Title": 0, "Subtitle": 1, "headline": 1}


class Painter:
    """Draws shapes into a slide's (or a group's) shape collection. With a template, the title and subtitle go
    into the slide layout's placeholders, and placeholders left empty are removed."""

    def __init__(self, fonts: DeckFonts, theme: Theme, template: bool = False):
        self.fonts, self.theme, self.template = fonts, theme, template
        self.slide: Slide | None = None

    def begin_slide(self, slide: Slide) -> None:
        self.slide = slide

    def end_slide(self) -> None:
        assert self.slide is not None, "end_slide() without begin_slide()"
        for placeholder in list(self.slide.placeholders):
            if not placeholder.has_text_frame or not placeholder.text_frame.text.strip():
                placeholder._element.getparent().remove(placeholder._element)
        self.slide = None

    def draw(self, shapes: _BaseGroupShapes, shape: sh.Shape) -> None:
        HANDLERS[type(shape)](self, shapes, shape)

    def placeholder_for(self, shapes: _BaseGroupShapes, text: sh.TextShape) -> Shape | None:
        if not (self.template and self.slide is not None and shapes is self.slide.shapes):
            return None
        index = PLACEHOLDER_ROLES.get(text.name)
        if index is None:
            return None
        for placeholder in self.slide.placeholders:
            if placeholder.placeholder_format.idx == index and not placeholder.text_frame.text:
                found: Shape = placeholder  # a slide placeholder is a Shape with a text frame
                return found
        return None


def _rgb(colour: str) -> RGBColor:
    rgb: RGBColor = RGBColor.from_string(hex_rgb(colour))
    return rgb


def _describe(shape: BaseShape, text: str) -> None:
    """Alt text: PowerPoint reads it from the descr attribute of the shape's non-visual properties."""
    for c_nv_pr in shape._element.iter(qn("p:cNvPr")):
        c_nv_pr.set("descr", text)
        break


def _rect(painter: Painter, shapes: _BaseGroupShapes, rect: sh.Rect) -> None:
    b = rect.box
    shape = shapes.add_shape(_SHAPES[rect.shape], emu(b.x), emu(b.y), emu(b.w), emu(b.h))
    shape.name = rect.name
    shape.fill.solid()
    shape.fill.fore_color.rgb = _rgb(rect.fill)
    shape.line.fill.background()
    shape.shadow.inherit = False
    prepare_frame(shape.text_frame)
    if rect.text:
        _fill_text(painter, shape.text_frame, rect.text)


def _fill_text(painter: Painter, frame: TextFrame, text: sh.TextShape) -> None:
    prepare_frame(frame, anchor=_ANCHORS[text.anchor])
    write_paragraphs(frame, [_lines(p) for p in text.paragraphs], painter.fonts, align=_ALIGNS[text.align],
                     space_after_pt=text.space_after_pt, line_spacing=text.line_spacing, bullet=text.bullet or None,
                     bullet_colour=text.bullet_colour or None, indent_emu=int(emu(text.indent_in)))


def _lines(paragraph: sh.TextParagraph) -> list[list[sh.Run]]:
    return [list(line.runs) for line in paragraph.lines]


def _text(painter: Painter, shapes: _BaseGroupShapes, text: sh.TextShape) -> None:
    b = text.box
    shape: Shape | None = painter.placeholder_for(shapes, text)
    if shape is not None:  # the template's placeholder, at the size the text was fitted for
        shape.left, shape.top, shape.width, shape.height = emu(b.x), emu(b.y), emu(b.w), emu(b.h)
    else:
        shape = shapes.add_textbox(emu(b.x), emu(b.y), emu(b.w), emu(b.h))
        shape.name = text.name
    _fill_text(painter, shape.text_frame, text)
    if text.field == "slidenum":
        _slide_number_field(shape)


def _slide_number_field(shape: Any) -> None:  # a text box or a placeholder
    """Turn the number's run into a slide-number field, so that it follows when slides are reordered."""
    from lxml import etree

    run = shape.text_frame.paragraphs[0].runs[0]._r
    field = etree.Element(qn("a:fld"))
    field.set("id", "{B6F15528-21DE-4FAA-801E-634DDDAF4B2B}")
    field.set("type", "slidenum")
    field.append(run.find(qn("a:rPr")))
    etree.SubElement(field, qn("a:t")).text = run.findtext(qn("a:t"))
    run.addprevious(field)
    run.getparent().remove(run)


def _group(painter: Painter, shapes: _BaseGroupShapes, group: sh.Group) -> None:
    shape = shapes.add_group_shape()
    shape.name = group.name
    _describe(shape, group.description)
    children = shape.shapes
    # python-pptx recomputes the group's box (and its parents') after every shape added to it, which makes a group
    # of n shapes cost n^2; the box depends only on the finished children, so it is computed once, at the end
    children._recalculate_extents = _later  # type: ignore[method-assign]
    for child in group.shapes:
        painter.draw(children, child)
    children._grpSp.recalculate_extents()


def _later() -> None:
    """Stands in for a group's box update while its children are drawn."""


def _table(painter: Painter, shapes: SlideShapes, table: sh.TableShape) -> None:
    b = table.box
    rows, cols = len(table.rows), len(table.widths_in)
    frame = shapes.add_table(rows, cols, emu(b.x), emu(b.y), emu(b.w), emu(b.h))
    frame.name = table.name
    grid = frame.table
    for index, width in enumerate(table.widths_in):
        grid.columns[index].width = emu(width)
    for r, row in enumerate(table.rows):
        grid.rows[r].height = emu(table.row_heights_in[r])
        for c, cell in enumerate(row):
            target = grid.cell(r, c)
            target.margin_left = target.margin_right = emu(table.pad_in)
            target.margin_top = target.margin_bottom = emu(0.04)
            target.vertical_anchor = MSO_ANCHOR.MIDDLE
            target.fill.solid()
            target.fill.fore_color.rgb = _rgb(cell.fill)
            write_paragraphs(target.text_frame, [_lines(cell.paragraph)], painter.fonts, align=_ALIGNS[cell.align])


def _picture(painter: Painter, shapes: _BaseGroupShapes, picture: sh.Picture) -> None:
    b = picture.box
    shape = shapes.add_picture(picture.path, emu(b.x), emu(b.y), emu(b.w), emu(b.h))
    shape.name = "logo"
    _describe(shape, picture.description)


def _chart(painter: Painter, shapes: _BaseGroupShapes, shape: sh.ChartShape) -> None:
    from .charts import add_chart

    frame = add_chart(shapes, shape, painter.fonts, painter.theme.colors)
    _describe(frame, shape.description)


#: the PPTX painter's handler of each laid-out shape type (its blocks are laid out by the slide layout's handlers,
#: render/slides/blocks.py)
HANDLERS: dict[type, Callable[[Painter, Any, Any], None]] = {
    sh.Rect: _rect, sh.TextShape: _text, sh.Group: _group, sh.TableShape: _table, sh.ChartShape: _chart,
    sh.Picture: _picture}
