"""A line per comparison from the results year to the plan year."""
from . import ChartKind

KIND = ChartKind("line", "a line per comparison from the results year to the plan year", "comparisons",
                 over_time=True)
