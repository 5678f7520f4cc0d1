"""Upright columns: figures of one measure and status side by side."""
from . import ChartKind, columns, draw_bars, style_bars

KIND = ChartKind("column", "upright columns of figures of one measure and status", "facts", columns, draw_bars,
                 "COLUMN_CLUSTERED", style_bars, upright_labels=True)
