"""Benchmark of the costly inputs, run by hand (`make bench` runs it): python bench/costly_inputs.py [--runs 3].

The tests (tests/e2e/test_resources.py) bound each costly input's processor time (10 s) and memory (1 GB), which
holds on a busy machine; how long a user waits for the message is measured here, on a quiet machine: per case,
the median time on the clock and of processor time of `briefing` refusing it. Prints a Markdown table.
"""
from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.e2e.test_resources import CASES, _limited  # noqa: E402 - the cases are the tests' own


def _children_cpu_s() -> float:
    used = resource.getrusage(resource.RUSAGE_CHILDREN)
    return used.ru_utime + used.ru_stime


def measure(case, runs: int) -> tuple[float, float, int]:
    """(median wall seconds, median processor seconds, exit code of the last run) of refusing one costly input."""
    walls, cpus, code = [], [], 0
    for _run in range(runs):
        with tempfile.TemporaryDirectory(prefix="briefing-bench-") as folder:
            args, _shown = case(Path(folder))
            env = dict(os.environ, PYTHONPATH=str(ROOT), BRIEFING_CACHE_DIR=str(Path(folder) / "cache"))
            command = [sys.executable, "-m", "generator", "--ui", "en", *args,
                       *(["--out", "out"] if args[0] == "build" else [])]
            started, cpu = time.perf_counter(), _children_cpu_s()
            code = subprocess.run(command, cwd=folder, env=env, capture_output=True, preexec_fn=_limited).returncode
            walls.append(time.perf_counter() - started)
            cpus.append(_children_cpu_s() - cpu)
    return statistics.median(walls), statistics.median(cpus), code


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    options = parser.parse_args()
    print("| costly input | wall s | CPU s | exit |\n|---|---|---|---|")
    for case in CASES:
        wall, cpu, code = measure(case, options.runs)
        print(f"| {case.__name__.strip('_')} | {wall:.2f} | {cpu:.2f} | {code} |")


if __name__ == "__main__":
    main()
