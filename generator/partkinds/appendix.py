"""The appendix: every figure with the article's words it comes from, and every computed figure with its formula."""
from __future__ import annotations

from typing import TYPE_CHECKING, Literal

from pydantic import Field

from ..document import Page, Paragraph, Table
from ..specs import Titled
from . import PartKind

if TYPE_CHECKING:
    from ..compose import Composer


class AppendixPart(Titled):
    kind: Literal["appendix"]
    sections: tuple[str, ...] | None = Field(None, max_length=20, description="only the facts of these sections; default: all")


def compose_part(c: Composer, spec: AppendixPart) -> Page:
    """A table of the facts shown (numbered 1, 2, 3… in the dataset's order) with their figures and the article's
    words, then the computed figures with their formulas."""
    rows: list[tuple[str, ...]] = []
    shown = [fact for fact in c.d.model.facts if not spec.sections or fact.section in spec.sections]
    for fact in shown:
        cite = c.citation(fact.source)  # a figure of a later report says which
        figure = c.say.figure(fact)
        rows.append((str(len(rows) + 1), c.label(fact), c.tagged(figure.text, figure.period),
                     c.tagged(fact.quote, cite) if cite else fact.quote))
    for derived in c.d.derived.values():  # computed figures: their formula
        if spec.sections and derived.section not in spec.sections:
            continue
        figure = c.say.figure(derived)
        rows.append((str(len(rows) + 1), c.label(derived), c.tagged(figure.text, figure.period),
                     c.formula_text(derived)))
    table = Table((c.w("appendix.id"), c.w("indicator"), c.w("value"), c.w("appendix.quote")), tuple(rows), "appendix", (0,),
                  (0.4, 1.9, 1.2, 2.6))
    return Page(c.title_of(spec, c.w("appendix.title")), (Paragraph(c.quote_attribution(), "source"), table),
                bookmark="appendix")


KIND = PartKind(AppendixPart, "every figure with the article's words it comes from (`sections` for some)",
                "- kind: appendix", compose_part)
