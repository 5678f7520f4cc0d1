"""Grouped horizontal bars: each comparison's result beside its target, with room for long labels."""
from . import ChartKind

KIND = ChartKind("grouped_bar", "horizontal bars of results beside their targets (comparisons of one measure; room "
                 "for long labels)", "comparisons", horizontal=True)
