"""Grouped columns: each comparison's result beside its target."""
from . import ChartKind

KIND = ChartKind("grouped", "columns of results beside their targets (comparisons of one measure)", "comparisons")
