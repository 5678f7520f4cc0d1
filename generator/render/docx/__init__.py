"""Document -> the editable briefing (.docx) with python-docx: the PDF briefing's parts in Word's own structures
(styles, tables with a repeated header row, a contents field, page number fields), in the national format for
official documents (GB/T 9704-2012) by default."""
from __future__ import annotations

import io
import time
from pathlib import Path
from typing import TYPE_CHECKING

from ...document import Contents, Document
from ...i18n import _
from .blocks import HANDLERS, Ctx, page_heading
from .styles import look_for
from . import word as w

if TYPE_CHECKING:
    from docx.document import Document as WordDocument

    from .. import RenderOptions


def render_docx(document: Document, options: RenderOptions, out_path: Path) -> str:
    """Write the editable briefing to out_path; return a summary."""
    import docx

    started = time.perf_counter()
    meta = document.meta
    look = look_for(document.editable_style, meta.language, options.theme)
    word = docx.Document()
    _clear_body(word)
    w.write_styles(word, look, meta.language)
    w.write_numbering(word, look)
    w.write_settings(word, meta.language)
    w.write_font_table(word, look)
    header = "" if document.editable_style == "official" else meta.title
    w.set_up_pages(word, look, header)
    ctx = Ctx(word, look, document, options)
    for index, page in enumerate(document.pages):
        ctx.page, ctx.index = page, index
        if index and page.kind != "title" and page.level <= 1 and document.page_per_part:
            ctx.new_page = True
        if page.kind == "content" and page.title and not any(isinstance(b, Contents) for b in page.blocks):
            page_heading(ctx, page)
        for block in page.blocks:
            HANDLERS[type(block)](ctx, block)
    _append_body(word, ctx.body)
    _properties(word, document, options)
    blob = io.BytesIO()
    word.save(blob)
    out_path.write_bytes(w.reproducible_zip(blob.getvalue(), options.created))
    return _("{paragraphs} paragraphs, {tables} tables, {size_kb:.0f} KB, {seconds:.2f} s").format(
        paragraphs=sum(part.startswith("<w:p>") for part in ctx.body),
        tables=sum(part.startswith("<w:tbl>") for part in ctx.body), size_kb=out_path.stat().st_size / 1024,
        seconds=time.perf_counter() - started)


def _append_body(word: WordDocument, body: list[str]) -> None:
    """Parse the body written by the handlers and put it before the section properties."""
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    parsed = parse_xml(f'<w:body {nsdecls("w", "r", "wp", "a", "pic")}>{"".join(body)}</w:body>')
    section = word.element.body[-1]
    for child in list(parsed):
        section.addprevious(child)


def _clear_body(word: WordDocument) -> None:
    """python-docx's template starts with an empty paragraph; the body keeps only its section properties."""
    body = word.element.body
    for child in list(body):
        if not child.tag.endswith("}sectPr"):
            body.remove(child)


def _properties(word: WordDocument, document: Document, options: RenderOptions) -> None:
    from ..properties import fill_core_properties

    fill_core_properties(word.core_properties, document.meta, options.created)


__all__ = ["render_docx", "HANDLERS"]
