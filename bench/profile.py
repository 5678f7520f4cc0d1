"""Where the warm default build's time goes: python bench/profile.py [--write bench/profile.md].

Runs `briefing build` (deck + briefing of the default meeting, caches filled) under cProfile in its own process,
with BRIEFING_JOBS=1 so that both renderers run in the profiled process, and prints Markdown: the whole process's
wall time in both modes, the time of each stage, and the functions that take the most time.
"""
from __future__ import annotations

import argparse
import io
import os
import pstats
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
#: the stages of a build, by the function that does each (file suffix, function name)
STAGES = [
    ("import click and the command line", ("generator/cli.py", "<module>")),
    ("load the prepared meeting (validated and composed, from the cache)", ("generator/prepared.py", "prepare")),
    ("find the fonts, check every character", ("generator/description.py", "render_options")),
    ("deck: python-pptx", ("generator/render/pptx/__init__.py", "render_pptx")),
    ("briefing: reportlab", ("generator/render/pdf/__init__.py", "render_pdf")),
]


def _wall(env: dict, out: Path, runs: int = 5) -> float:
    samples = []
    for _ in range(runs):
        started = time.perf_counter()
        subprocess.run([sys.executable, "-m", "generator", "build", "--out", str(out)], cwd=ROOT, env=env, check=True,
                       capture_output=True)
        samples.append(time.perf_counter() - started)
    return statistics.median(samples)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--write", type=Path, help="also write the Markdown to this file")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="briefing-profile-"))
    env = dict(os.environ, BRIEFING_CACHE_DIR=str(work / "cache"), PYTHONPATH=str(ROOT))
    out = work / "dist"
    subprocess.run([sys.executable, "-m", "generator", "build", "--out", str(out)], cwd=ROOT, env=env, check=True,
                   capture_output=True)  # fill the caches
    parallel = _wall(env, out)
    serial = _wall(dict(env, BRIEFING_JOBS="1"), out)
    profile = work / "build.prof"
    subprocess.run([sys.executable, "-m", "cProfile", "-o", str(profile), "-m", "generator", "build", "--out",
                    str(out)], cwd=ROOT, env=dict(env, BRIEFING_JOBS="1"), check=True, capture_output=True)
    stats = pstats.Stats(str(profile))
    total = max(entry[3] for entry in stats.stats.values())  # the cumulative time of the outermost call

    def cumulative(suffix: str, name: str) -> float:
        return sum(entry[3] for (path, _, function), entry in stats.stats.items()
                   if path.replace(os.sep, "/").endswith(suffix) and function == name)

    imports = sum(entry[3] for (path, _, function), entry in stats.stats.items()
                  if function == "_find_and_load" and "importlib._bootstrap" in path)
    lines = ["# Where the warm default build's time goes", "",
             f"Measured by `bench/profile.py` on {time.strftime('%Y-%m-%d')} ({os.cpu_count()} cores, Python "
             f"{sys.version.split()[0]}): `briefing build` of the default meeting (24 slides, 19 pages), caches "
             "filled.", "",
             "| process | wall s (median of 5) |", "|---|---:|",
             f"| deck and briefing rendered in parallel (the default) | {parallel:.2f} |",
             f"| one after the other (`BRIEFING_JOBS=1`, as profiled below) | {serial:.2f} |", "",
             f"## Stages (cProfile, cumulative; the profiler itself adds time: {total:.2f} s in all)", "",
             "| stage | s | share |", "|---|---:|---:|"]
    for label, (suffix, name) in STAGES:
        seconds = cumulative(suffix, name)
        lines.append(f"| {label} | {seconds:.2f} | {seconds / total:.0%} |")
    regex = cumulative("re/_compiler.py", "compile")
    passes = cumulative("reportlab/platypus/doctemplate.py", "build")
    lines += [f"| all imports, wherever they happen (overlaps the stages) | {imports:.2f} | {imports / total:.0%} |",
              f"| of which compiling the libraries' regular expressions | {regex:.2f} | {regex / total:.0%} |",
              "| the briefing's layout passes (one, with the page numbers remembered from the last build) | "
              f"{passes:.2f} | {passes / total:.0%} |", ""]
    for title, key, count in (("Most cumulative time", "cumulative", 30), ("Most time in the function itself",
                                                                            "tottime", 20)):
        buffer = io.StringIO()
        pstats.Stats(str(profile), stream=buffer).strip_dirs().sort_stats(key).print_stats(count)
        table = buffer.getvalue()
        table = table[table.index("   ncalls"):].rstrip()
        lines += [f"## {title}", "", "```", table, "```", ""]
    text = "\n".join(lines)
    print(text)
    if args.write:
        args.write.write_text(text + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
