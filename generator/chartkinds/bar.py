"""Horizontal bars: figures of one measure and status, for long labels."""
from . import ChartKind

KIND = ChartKind("bar", "horizontal bars of figures of one measure and status (room for long labels)", "facts",
                 horizontal=True)
