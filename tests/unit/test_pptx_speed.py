"""python-pptx's look-ups are remembered only while a deck is painted, and a deck has the same bytes without them."""
from __future__ import annotations

import contextlib
import sys

from pptx.oxml import ns, xmlchemy

import generator.render.pptx as painter
from generator.description import options_for as render_options
from generator.compose import compose
from generator.layouts import load_layout
from generator.render import slides
from generator.render.pptx.speed import remembered_lookups
from generator.theme import THEMES

from ..conftest import LAYOUTS


def _python_pptx_is_itself() -> None:
    assert not hasattr(ns.qn, "cache_info")
    # every module's python-pptx qn is python-pptx's own (the DOCX painter's qn is python-docx's, left alone)
    assert all(getattr(module, "qn", ns.qn) is ns.qn for name, module in list(sys.modules.items())
               if name.startswith(("pptx", "generator")) and module is not None
               and getattr(getattr(module, "qn", None), "__module__", "pptx.oxml.ns") in ("pptx.oxml.ns", "functools"))
    assert xmlchemy.BaseOxmlElement.xpath.__module__ == "pptx.oxml.xmlchemy"


def test_the_lookups_are_remembered_only_inside():
    _python_pptx_is_itself()
    with remembered_lookups():
        assert hasattr(ns.qn, "cache_info") and ns.qn("a:t") == "{%s}t" % ns._nsmap["a"]
        from pptx.oxml.ns import qn  # a module imported meanwhile takes the remembering one

        assert qn is ns.qn
        with remembered_lookups():  # a deck painted inside another's painting
            assert hasattr(ns.qn, "cache_info")
        assert hasattr(ns.qn, "cache_info")
    _python_pptx_is_itself()


def test_a_deck_has_the_same_bytes_without_them(dataset, tmp_path, monkeypatch):
    document = compose(dataset, load_layout(LAYOUTS / "lianghui.yaml", dataset), "zh")  # charts, tables, groups
    options = render_options(THEMES["civic_blue"], document)
    deck = slides.lay_out(document, options)
    painter.render_pptx(document, deck, options, tmp_path / "remembered.pptx")
    _python_pptx_is_itself()  # painting is over
    monkeypatch.setattr(painter, "remembered_lookups", contextlib.nullcontext)
    painter.render_pptx(document, deck, options, tmp_path / "plain.pptx")
    assert (tmp_path / "remembered.pptx").read_bytes() == (tmp_path / "plain.pptx").read_bytes()
