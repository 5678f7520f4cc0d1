"""A ring of the parts of one complete whole, with a legend of each part and its value."""
from . import ChartKind

KIND = ChartKind("doughnut", "a ring of the parts of one complete whole of the dataset", "facts",
                 parts_of_a_whole=True, values_in_legend=True)
