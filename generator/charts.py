"""matplotlib drawing of a Chart block as SVG with real text, legible in grayscale print."""
from __future__ import annotations

import hashlib
import io
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from .chartkinds import CHART_KINDS
from .document import Chart
from .fonts import FontFace
from .theme import Colors, Theme

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
    key = hashlib.sha256(repr([asdict(chart), asdict(theme.colors), face.path, face.index, width_in, height_in,
                               font_pt, placement and asdict(placement), _code(chart.kind)]).encode()).hexdigest()[:24]
    from . import cache

    cached = cache.read("charts", f"{key}.svg")  # verified by its hash: a damaged drawing is drawn again
    if cached is not None:
        return cached
    data = _draw(chart, theme, face, width_in, height_in, font_pt, placement)
    cache.write("charts", f"{key}.svg", data)
    return data


@lru_cache(maxsize=16)
def _code(kind: str) -> str:
    """The drawing code's fingerprint: this module and the chart kind's own, so that a changed drawing is drawn
    again rather than read from the cache."""
    import sys

    files = [path for path in (__file__, sys.modules[CHART_KINDS[kind].draw.__module__].__file__) if path]
    from pathlib import Path

    return hashlib.sha256(b"".join(Path(path).read_bytes() for path in files)).hexdigest()[:16]


@lru_cache(maxsize=8)
def family_of(face: FontFace) -> str:
    """The family name matplotlib knows the face by (registered from its file); remembered in the cache under the
    file's path, size and time, as reading a font's name table costs more than the rest of drawing a cached chart."""
    import os

    from . import cache

    try:
        stat = os.stat(face.path)
    except OSError:
        stat = None
    key = hashlib.sha256(f"{face.path}|{face.index}|{stat and stat.st_size}|{stat and stat.st_mtime_ns}".encode())
    entry = f"{key.hexdigest()[:24]}.family"
    remembered = cache.read("families", entry) if stat else None
    if remembered:
        return remembered.decode("utf-8")
    from fontTools.ttLib import TTFont

    with TTFont(face.path, fontNumber=face.index, lazy=True) as font:
        family = str(font["name"].getDebugName(1))
    if stat:
        cache.write("families", entry, family.encode("utf-8"))
    return family


def chart_png(chart: Chart, theme: Theme, face: FontFace, width_in: float, height_in: float, dpi: int = 300,
              font_pt: float = 9) -> bytes:
    """Return the chart as PNG bytes at dpi (for the editable briefing: Word and WPS show pictures, not SVG
    everywhere); cached by content like chart_svg."""
    key = hashlib.sha256(repr(["png", dpi, asdict(chart), asdict(theme.colors), face.path, face.index, width_in,
                               height_in, font_pt, _code(chart.kind)]).encode()).hexdigest()[:24]
    from . import cache

    cached = cache.read("charts", f"{key}.png")
    if cached is not None:
        return cached
    data = _draw(chart, theme, face, width_in, height_in, font_pt, None, dpi)
    cache.write("charts", f"{key}.png", data)
    return data


def _draw(chart: Chart, theme: Theme, face: FontFace, width_in: float, height_in: float, font_pt: float,
          placement: Placement | None = None, png_dpi: int = 0) -> bytes:
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
        CHART_KINDS[chart.kind].draw(ax, chart, palette, colors, labels, placement and placement.legend)
        if placement is None:
            fig.tight_layout(pad=0.4)
        out = io.BytesIO()
        if png_dpi:
            fig.savefig(out, format="png", dpi=png_dpi, metadata={"Software": None})
        else:
            fig.savefig(out, format="svg", metadata={"Date": None, "Creator": None})
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
