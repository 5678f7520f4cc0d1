"""Grouped columns: each comparison's result beside its target."""
from . import ChartKind, columns, draw_bars, style_bars

KIND = ChartKind("grouped", "columns of results beside their targets (comparisons of one measure)", "comparisons",
                 columns, draw_bars, "COLUMN_CLUSTERED", style_bars, upright_labels=True)
