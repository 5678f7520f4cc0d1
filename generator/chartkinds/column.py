"""Upright columns: figures of one measure and status side by side."""
from . import ChartKind

KIND = ChartKind("column", "upright columns of figures of one measure and status", "facts")
