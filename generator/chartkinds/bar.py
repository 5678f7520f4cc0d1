"""Horizontal bars: figures of one measure and status, for long labels."""
from . import ChartKind, bars, draw_bars, style_bars

KIND = ChartKind("bar", "horizontal bars of figures of one measure and status (room for long labels)", "facts", bars,
                 draw_bars, "BAR_CLUSTERED", style_bars, horizontal=True)
