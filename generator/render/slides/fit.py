"""Text sizes for slides decided at build time with the real fonts' metrics (viewers do not auto-fit)."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from ...errors import GeneratorError
from ...i18n import _
from ...fonts import MixedMetrics
from ...textfit import Measure, fit_size, wrap

#: LibreOffice spaces Chinese and Latin apart where PowerPoint does not: measure 8 % wider than the font says
WIDTH_SLACK = 1.08
LINE_HEIGHT = 1.2


@dataclass(frozen=True)
class DeckMetrics:
    """The metrics used to measure slide text: regular and bold (CJK face plus Latin face), for body text and,
    where a template gives another font, for headings."""

    regular: MixedMetrics
    bold: MixedMetrics
    heading_regular: MixedMetrics | None = None
    heading_bold: MixedMetrics | None = None

    def of(self, bold: bool, heading: bool = False) -> MixedMetrics:
        if heading and self.heading_regular is not None and self.heading_bold is not None:
            return self.heading_bold if bold else self.heading_regular
        return self.bold if bold else self.regular


def measure_at(metrics: MixedMetrics) -> Callable[[float], Measure]:
    """measure_at(metrics)(size)(text) -> width in points, with slack; text is already normalised."""
    def at(size_pt: float) -> Measure:
        return lambda text: metrics.width(text, size_pt) * WIDTH_SLACK
    return at


def sizes_between(largest: float, smallest: float, step: float = 2) -> list[float]:
    """Candidate sizes from largest down to smallest (both included)."""
    sizes, size = [], largest
    while size >= smallest:
        sizes.append(size)
        size -= step
    if sizes[-1] != smallest:
        sizes.append(smallest)
    return sizes


def fit(texts: list[str], width_in: float, height_in: float, sizes: list[float], metrics: MixedMetrics, where: str,
        gap: float = 0.0, max_lines: int | None = None) -> float:
    """Return the largest size of sizes at which texts fit the box; raise GeneratorError naming `where` if none."""
    result = fit_size(texts, width_in * 72, height_in * 72, sizes, measure_at(metrics), LINE_HEIGHT, gap, max_lines)
    if result is None:
        title = "title" in where.rsplit(", ", 1)[-1]
        raise GeneratorError(
            _("{where}: the text does not fit its box even at {size} pt").format(where=where, size=f"{min(sizes):g}"),
            hint=_("shorten the title (title_zh / title_en of this entry)") if title else
            _("shorten the text, or lower max_bullets_per_slide / max_table_rows_per_slide in the layout so that it "
              "continues on another slide"),
        )
    return result[0]


def line_count(text: str, width_in: float, size_pt: float, metrics: MixedMetrics) -> int:
    """How many lines text takes in a box width_in wide at size_pt."""
    return len(wrap(text, width_in * 72, measure_at(metrics)(size_pt)))
