"""Two pure look-ups of python-pptx remembered instead of recomputed: what a prefixed tag name stands for, and
compiled XPath expressions. Painting a deck calls each tens of thousands of times with a few dozen arguments."""
from __future__ import annotations

import sys
from functools import lru_cache
from typing import Any

_done = False


def remember_lookups() -> None:
    """Replace python-pptx's qn() in every loaded pptx module, and its elements' xpath(), by remembering versions
    giving the same results. Written by hand: python-pptx has no setting for it. Safe to call again (later
    imports of pptx modules get the remembering qn too)."""
    global _done
    from lxml import etree
    from pptx.oxml import ns, xmlchemy

    original = getattr(ns.qn, "__wrapped__", ns.qn)
    remembered = ns.qn if hasattr(ns.qn, "__wrapped__") else lru_cache(maxsize=None)(original)
    for name, module in list(sys.modules.items()):
        if name.startswith("pptx") and getattr(module, "qn", None) is original:
            module.qn = remembered  # type: ignore[attr-defined]
    if _done:
        return
    namespaces = ns._nsmap

    @lru_cache(maxsize=None)
    def compiled(expression: str) -> etree.XPath:
        return etree.XPath(expression, namespaces=namespaces)

    def xpath(self: etree._Element, xpath_str: str) -> Any:
        return compiled(xpath_str)(self)

    xmlchemy.BaseOxmlElement.xpath = xpath  # type: ignore[method-assign]
    _done = True
