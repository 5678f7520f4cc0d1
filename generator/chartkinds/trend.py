"""One measure over several periods (from one source or several), each point named by its period."""
from . import ChartKind

KIND = ChartKind("trend", "one measure of one subject over several periods of one length (whole years, or the "
                 "same part of each year)", "facts", over_periods=True)
