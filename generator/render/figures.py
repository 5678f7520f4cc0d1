"""The charts drawn with matplotlib, as SVG with real text (the briefing, the deck as PDF, the handout) or as PNG at
a given resolution, legible in grayscale print: one drawing function per chart kind."""
from __future__ import annotations

import hashlib
import io
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Any, Callable, Literal

from ..chartkinds import CHART_KINDS
from ..document import Chart
from ..fonts import FontFace
from ..theme import Colors, Theme

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.typing import RcKeyType

# Grayscale print: the theme's series colours step in lightness, bars carry their values as direct labels,
# and wedges and bars are separated by white edges. (Hatching is not used: svglib drops SVG pattern fills.)


@dataclass(frozen=True)
class Placement:
    """Where a slide's layout put a chart's parts: each category's label (a doughnut's legend entry) as lines,
    and the plot area (without its tick labels) and the legend as (x, y, w, h) fractions from the top left."""

    categories: tuple[tuple[str, ...], ...]
    plot: tuple[float, float, float, float]
    legend: tuple[float, float, float, float] | None = None


def chart_svg(chart: Chart, theme: Theme, face: FontFace, width_in: float, height_in: float,
              font_pt: float = 9, placement: Placement | None = None) -> bytes:
    """Return the chart as SVG bytes whose text is real text in the face's family; cached by content. With a
    placement, its parts go where it says, its labels broken as it says."""
    return _chart_image(chart, theme, face, width_in, height_in, font_pt, placement, "svg", 72)


def chart_png(chart: Chart, theme: Theme, face: FontFace, width_in: float, height_in: float, dpi: int,
              font_pt: float = 9, placement: Placement | None = None) -> bytes:
    """Return the chart as PNG bytes of width_in × height_in at dpi pixels per inch, its text in the face's
    family; cached by content. With a placement, as for chart_svg."""
    return _chart_image(chart, theme, face, width_in, height_in, font_pt, placement, "png", dpi)


def _chart_image(chart: Chart, theme: Theme, face: FontFace, width_in: float, height_in: float, font_pt: float,
                 placement: Placement | None, fmt: Literal["svg", "png"], dpi: int) -> bytes:
    # the kind's meaning is part of the drawing (a horizontal kind's bars lie across)
    from .. import cache

    key = cache.key("charts", asdict(chart), asdict(CHART_KINDS[chart.kind]), asdict(theme.colors), face.path,
                    face.index, width_in, height_in, font_pt, placement and asdict(placement), fmt, dpi, _code())

    cached = cache.read("charts", f"{key}.{fmt}")  # verified by its hash: a damaged drawing is drawn again
    if cached is not None:
        return cached
    data = _draw(chart, theme, face, width_in, height_in, font_pt, placement, fmt, dpi)
    cache.write("charts", f"{key}.{fmt}", data)
    return data


@lru_cache(maxsize=1)
def _code() -> str:
    """The drawing code's fingerprint, so that a changed drawing is drawn again rather than read from the cache."""
    from pathlib import Path

    return hashlib.sha256(Path(__file__).read_bytes()).hexdigest()[:16]


@lru_cache(maxsize=8)
def family_of(face: FontFace) -> str:
    """The family name matplotlib knows the face by (registered from its file); remembered in the cache under the
    file's path, size and time, as reading a font's name table costs more than the rest of drawing a cached chart."""
    import os

    from .. import cache

    try:
        stat = os.stat(face.path)
    except OSError:
        stat = None
    entry = cache.key("families", face.path, face.index, stat and stat.st_size, stat and stat.st_mtime_ns) + ".family"
    remembered = cache.read("families", entry) if stat else None
    if remembered:
        return remembered.decode("utf-8")
    from fontTools.ttLib import TTFont

    with TTFont(face.path, fontNumber=face.index, lazy=True) as font:
        family = str(font["name"].getDebugName(1))
    if stat:
        cache.write("families", entry, family.encode("utf-8"))
    return family


def _draw(chart: Chart, theme: Theme, face: FontFace, width_in: float, height_in: float, font_pt: float,
          placement: Placement | None, fmt: Literal["svg", "png"], dpi: int) -> bytes:
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib import font_manager
    from matplotlib.figure import Figure

    font_manager.fontManager.addfont(face.path)
    family = family_of(face)
    colors = theme.colors
    rc: dict[RcKeyType, Any] = {
        "font.family": [family],
        "font.size": font_pt,
        "svg.fonttype": "none",
        "svg.hashsalt": "briefing",
        "axes.unicode_minus": False,
    }
    with matplotlib.rc_context(rc):
        fig = Figure(figsize=(width_in, height_in))
        if placement is None:
            ax = fig.add_subplot()
            labels = None
        else:
            x, y, w, h = placement.plot
            ax = fig.add_axes((x, 1 - y - h, w, h))
            labels = ["\n".join(lines) for lines in placement.categories]
        palette = colors.series or (colors.primary, colors.accent)
        DRAW[chart.kind](ax, chart, palette, colors, labels, placement.legend if placement else None)
        if placement is None:
            fig.tight_layout(pad=0.4)
        out = io.BytesIO()
        if fmt == "svg":
            fig.savefig(out, format="svg", metadata={"Date": None, "Creator": None})
        else:
            fig.savefig(out, format="png", dpi=dpi, metadata={"Software": None})
        fig.clear()
    return out.getvalue()


def style_axes(ax: Axes, colors: Colors, horizontal: bool) -> None:
    for side in ("top", "right", "left" if not horizontal else "bottom"):
        ax.spines[side].set_visible(False)
    ax.spines["bottom" if not horizontal else "left"].set_color(colors.rule)
    ax.tick_params(colors=colors.text, length=0)
    if horizontal:
        ax.set_xticks([])
    else:
        ax.set_yticks([])


def _wrap_label(text: str, width: int) -> str:
    if len(text) <= width or " " in text:
        import textwrap

        return "\n".join(textwrap.wrap(text, max(width * 2, 12))) if " " in text else text
    return "\n".join(text[i : i + width] for i in range(0, len(text), width))


def draw_bars(ax: Axes, chart: Chart, palette: Sequence[str], colors: Colors, labels: list[str] | None = None,
              legend: tuple[float, float, float, float] | None = None) -> None:
    """Bars (horizontal for a kind that says so) or columns, each labelled with its value, one colour per series
    or the highlighted one in the accent colour."""
    import numpy as np

    horizontal = CHART_KINDS[chart.kind].horizontal
    count, groups = len(chart.categories), len(chart.series)
    positions = np.arange(count)
    width = 0.7 / groups
    categories = labels or [_wrap_label(c, 8 if not horizontal else 12) for c in chart.categories]
    for index, series in enumerate(chart.series):
        offsets = positions + (index - (groups - 1) / 2) * width
        colours = [palette[index % len(palette)]] * count
        if chart.highlight is not None and groups == 1:
            colours = [colors.accent if i == chart.highlight else colors.primary for i in range(count)]
        draw = ax.barh if horizontal else ax.bar
        bars = draw(offsets, series.values, width * 0.92, color=colours, edgecolor="white", linewidth=0.8,
                    label=series.name)
        for bar, label in zip(bars, series.labels):
            if horizontal:
                ax.annotate(label, (bar.get_width(), bar.get_y() + bar.get_height() / 2), xytext=(3, 0),
                            textcoords="offset points", va="center", ha="left", color=colors.text)
            else:
                ax.annotate(label, (bar.get_x() + bar.get_width() / 2, bar.get_height()), xytext=(0, 2),
                            textcoords="offset points", ha="center", va="bottom", color=colors.text)
    if horizontal:
        ax.set_yticks(positions, categories)
        ax.invert_yaxis()
        ax.set_xlim(0, max(max(s.values) for s in chart.series) * 1.25)
    else:
        ax.set_xticks(positions, categories)
        ax.set_ylim(0, max(max(s.values) for s in chart.series) * 1.18)
    style_axes(ax, colors, horizontal)
    if groups > 1:
        ax.legend(frameon=False, loc="upper left")


def draw_grouped_bar(ax: Axes, chart: Chart, palette: Sequence[str], colors: Colors, labels: list[str] | None = None,
                     legend: tuple[float, float, float, float] | None = None) -> None:
    """The bars, with the series' legend in a row above the plot, where the slide's layout left room for it."""
    draw_bars(ax, chart, palette, colors, labels, legend)
    ax.legend(frameon=False, loc="lower left", bbox_to_anchor=(0, 1), ncol=len(chart.series), borderaxespad=0.2)


def draw_doughnut(ax: Axes, chart: Chart, palette: Sequence[str], colors: Colors, entries: list[str] | None = None,
                  legend: tuple[float, float, float, float] | None = None) -> None:
    """The ring, each part in the next series colour, and the legend where the slide's layout put it."""
    series = chart.series[0]
    wedges, _texts = ax.pie(series.values, colors=[palette[i % len(palette)] for i in range(len(series.values))],
                            startangle=90, counterclock=False, wedgeprops={"width": 0.38, "edgecolor": "white",
                                                                            "linewidth": 1.5})
    labels = entries or [f"{c}  {label}" for c, label in zip(chart.categories, series.labels)]
    if legend is None:
        ax.legend(wedges, labels, frameon=False, loc="center left", bbox_to_anchor=(1.0, 0.5))
    else:  # in the box the slide's layout measured for it, inside the figure
        x, y, _w, _h = legend
        ax.legend(wedges, labels, frameon=False, loc="upper left", bbox_to_anchor=(x, 1 - y),
                  bbox_transform=ax.figure.transFigure, borderaxespad=0, borderpad=0, handletextpad=0.5)
    ax.set_aspect("equal")


def draw_line(ax: Axes, chart: Chart, palette: Sequence[str], colors: Colors, labels: list[str] | None = None,
              legend: tuple[float, float, float, float] | None = None) -> None:
    """A line with markers per series, each point labelled above."""
    markers = ("o", "s", "^", "D", "v")
    categories = labels or list(chart.categories)
    for index, series in enumerate(chart.series):
        colour = palette[index % len(palette)]
        ax.plot(categories, series.values, marker=markers[index % len(markers)], color=colour, linewidth=2,
                linestyle=("-", "--", ":", "-.")[index % 4], label=series.name)
        for x, y, label in zip(categories, series.values, series.labels):
            ax.annotate(label, (x, y), xytext=(0, 6), textcoords="offset points", ha="center",
                        color=colors.text)
    ax.set_ylim(0, max(max(s.values) for s in chart.series) * 1.25)
    ax.margins(x=0.25)
    style_axes(ax, colors, False)
    ax.legend(frameon=False, loc="upper left")


#: (axes, chart, palette, colours, the categories' labels as the slide's layout broke them or None, the legend's
#: box as (x, y, w, h) fractions of the figure from the top left or None)
Draw = Callable[[Any, Chart, Sequence[str], Colors, list[str] | None, tuple[float, float, float, float] | None], None]

#: the matplotlib drawing of each chart kind (generator/chartkinds)
DRAW: dict[str, Draw] = {
    "column": draw_bars,
    "bar": draw_bars,
    "grouped": draw_bars,
    "grouped_bar": draw_grouped_bar,
    "doughnut": draw_doughnut,
    "line": draw_line,
    "trend": draw_line,
}
