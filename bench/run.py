"""Benchmark of `briefing build`, run by hand: python bench/run.py [--runs 5] [--no-scale] [--no-libreoffice].

Measures whole processes (what a user waits for), median of the runs, with peak RSS from /usr/bin/time -v:
the import floor of click + python-pptx + reportlab + matplotlib, `briefing --help`, the default build cold
(empty caches) and warm (caches filled), a scale series (the default layout's slides and parts repeated 1x,
3x, 6x: 6x is near the largest deck a layout may have, 150 entries), and LibreOffice converting the default
deck to PDF. Prints a Markdown table.
"""
from __future__ import annotations

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
TIME = "/usr/bin/time"


def measure(command: list[str], env: dict | None = None, cwd: Path = ROOT, prepare=None) -> tuple[float, int]:
    """Run command once; return (wall seconds, peak RSS in MB)."""
    if prepare:
        prepare()
    result = subprocess.run([TIME, "-v", *command], cwd=cwd, env=env, capture_output=True, text=True)
    if result.returncode != 0:
        sys.exit(f"failed: {' '.join(command)}\n{result.stderr[-2000:]}")
    wall = re.search(r"Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): (?:(\d+):)?(\d+):([\d.]+)", result.stderr)
    hours, minutes, seconds = wall.groups()
    elapsed = int(hours or 0) * 3600 + int(minutes) * 60 + float(seconds)
    rss = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", result.stderr).group(1)) / 1024
    return elapsed, rss


def median_of(runs: int, command: list[str], **kwargs) -> tuple[float, float]:
    samples = [measure(command, **kwargs) for _ in range(runs)]
    return statistics.median(s[0] for s in samples), max(s[1] for s in samples)


ONCE = {"title", "agenda", "closing", "cover", "contents", "appendix"}


def scaled_layout(factor: int, folder: Path) -> tuple[Path, int]:
    """The default layout with its content slides and briefing sections repeated factor times (title, agenda,
    contents, appendix and closing once, so that the content, not the table of contents, grows); returns the
    layout and its number of deck entries."""
    import yaml

    layout = yaml.safe_load((ROOT / "layouts" / "lianghui.yaml").read_text(encoding="utf-8"))
    # the agenda lists the parts once: the sections the default layout's dividers open
    parts = [e["section"] for e in layout["deck"] if e["kind"] == "section_divider"]
    for key in ("deck", "briefing"):
        entries = layout[key]
        middle = [e for e in entries if e["kind"] not in ONCE]
        head = [e for e in entries[:3] if e["kind"] in ONCE]
        tail = [e for e in entries[-2:] if e["kind"] in ONCE]
        layout[key] = head + middle * factor + tail
    for entry in layout["deck"]:
        if entry["kind"] == "agenda":
            entry["sections"] = parts
    path = folder / f"scale-{factor}x.yaml"
    path.write_text(yaml.safe_dump(layout, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path, len(layout["deck"])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--no-scale", action="store_true")
    parser.add_argument("--no-libreoffice", action="store_true")
    args = parser.parse_args()
    if not Path(TIME).exists():
        sys.exit("needs GNU time: apt-get install time")
    briefing = [PYTHON, "-m", "generator"]
    work = Path(tempfile.mkdtemp(prefix="briefing-bench-"))
    cache = work / "cache"
    env = dict(os.environ, BRIEFING_CACHE_DIR=str(cache))
    rows: list[tuple[str, float, float, str]] = []

    floor, floor_rss = median_of(args.runs, [PYTHON, "-c", "import click, pptx, reportlab.platypus, matplotlib"])
    rows.append(("import floor: click + python-pptx + reportlab + matplotlib", floor, floor_rss, "1.00x"))
    help_time, help_rss = median_of(args.runs, briefing + ["--help"], env=env)
    rows.append(("briefing --help", help_time, help_rss, f"{help_time / floor:.2f}x (target ≤ 0.15 s)"))

    out = ["--out", str(work / "dist")]
    cold, cold_rss = median_of(args.runs, briefing + ["build", *out], env=env,
                               prepare=lambda: shutil.rmtree(cache, ignore_errors=True))
    rows.append(("default build (deck + briefing), cold caches", cold, cold_rss, f"{cold / floor:.2f}x (target ≤ 3x)"))
    measure(briefing + ["build", *out], env=env)
    warm, warm_rss = median_of(args.runs, briefing + ["build", *out], env=env)
    rows.append(("default build (deck + briefing), warm caches", warm, warm_rss, f"{warm / floor:.2f}x (target ≤ 1.2x)"))

    if not args.no_scale:
        base = None
        for factor in (1, 3, 6):
            layout, entries = scaled_layout(factor, work)
            measure(briefing + ["build", str(layout), *out], env=env)  # fill the caches for this size
            seconds, rss = median_of(1 if factor > 1 else args.runs, briefing + ["build", str(layout), *out], env=env)
            base = base or seconds
            rows.append((f"scale {factor}x ({entries} deck entries), warm", seconds, rss,
                         f"{seconds / base:.1f}x the 1x time"))

    if not args.no_libreoffice and shutil.which("soffice"):
        deck = work / "dist" / "lianghui.pptx"
        profile = work / "lo-profile"
        convert = ["soffice", f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "pdf",
                   "--outdir", str(work / "lo"), str(deck)]
        measure(convert)  # first start creates the profile
        office, rss = median_of(args.runs, convert)
        rows.append(("LibreOffice: default deck to PDF (for comparison)", office, rss, f"{office / floor:.2f}x"))
        ours, rss = median_of(args.runs, briefing + ["build", "--format", "deck-pdf", *out], env=env)
        rows.append(("briefing build --format deck-pdf (whole process), warm", ours, rss,
                     f"{ours / office:.2f}x LibreOffice's time (target ≤ 0.25x)"))

    print(f"\n{os.cpu_count()} cores, Python {sys.version.split()[0]}, median of {args.runs} runs\n")
    print("| what | seconds | peak RSS MB | ratio |")
    print("|---|---:|---:|---|")
    for name, seconds, rss, ratio in rows:
        print(f"| {name} | {seconds:.2f} | {rss:.0f} | {ratio} |")
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
