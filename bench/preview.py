"""Benchmark of `briefing preview`, run by `make bench`: python bench/preview.py [--saves 10].

Times what a user waits for: from saving a file to the page in a real browser (headless Chromium) showing the
new pictures, as the median of several saves, for three edits of a copy of the default layout: a slide's title
(a one-line change that only the deck shows), the meeting's subtitle (a one-line change on every briefing page)
and a slide title with a Chinese character that no cached font subset has yet (the subset must be extended).
Prints a Markdown table.
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
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
#: Chromium on a machine without network: no background requests, no sandbox when root
CHROMIUM_ARGS = ["--headless", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"] + (["--no-sandbox"] if os.geteuid() == 0 else [])
#: common characters, from which each save of the third edit takes one that the document does not use
CANDIDATES = "甲乙丙丁戊己庚辛壬癸鼠牛虎兔龙蛇马羊猴鸡狗猪梅兰竹菊琴棋书画诗酒茶松柏桃李杏枣梨橘"


class Preview:
    """`briefing preview` of a layout copy in its own process, on a free port."""

    def __init__(self, folder: Path, env: dict):
        self.process = subprocess.Popen(
            [sys.executable, "-m", "generator", "preview", str(folder / "lianghui.yaml"), "--data",
             str(folder / "facts.yaml"), "--port", "0"], cwd=ROOT, env=env, stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE, text=True)
        self.lines: list[str] = []
        found = threading.Event()

        def read() -> None:
            for line in self.process.stderr:
                self.lines.append(line)
                found.set()

        threading.Thread(target=read, daemon=True).start()
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and not any("http://" in line for line in self.lines):
            found.wait(0.5)
        match = next((re.search(r"http://\S+", line) for line in self.lines if "http://" in line), None)
        if match is None:
            self.process.kill()
            sys.exit("briefing preview did not start:\n" + "".join(self.lines))
        self.url = match.group(0)

    def stop(self) -> None:
        self.process.send_signal(2)
        try:
            self.process.wait(20)
        except subprocess.TimeoutExpired:
            self.process.kill()


def measure(page, layout: Path, edits, build_seconds: list[float], heard: list[float]) -> list[float]:
    """Apply each edit (old, new) to the layout; return the seconds from each save to the page showing it."""
    import json
    import urllib.request

    samples = []
    for old, new in edits:
        version = page.evaluate("window.previewShown.version")
        text = layout.read_text(encoding="utf-8")
        assert text.count(old) == 1, old
        layout.write_text(text.replace(old, new), encoding="utf-8")
        saved = time.time()
        page.wait_for_function(f"window.previewShown && window.previewShown.version > {version}", timeout=60_000)
        shown = page.evaluate("window.previewShown")
        if not shown["ok"]:
            sys.exit(f"the build failed after the edit {new!r}")
        samples.append(shown["at"] / 1000 - saved)
        heard.append(shown["heardAt"] / 1000 - saved)
        with urllib.request.urlopen(page.url + "state.json") as response:
            build_seconds.append(json.loads(response.read())["seconds"])
        time.sleep(0.3)  # the next save is a separate one
    return samples


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--saves", type=int, default=10)
    args = parser.parse_args()
    if not Path(CHROMIUM).exists():
        print("bench/preview.py: skipped, Chromium is not installed (make system-render-tools installs it)")
        return
    from playwright.sync_api import sync_playwright

    work = Path(tempfile.mkdtemp(prefix="briefing-bench-preview-"))
    for source in (ROOT / "layouts" / "lianghui.yaml", ROOT / "data" / "facts.yaml", ROOT / "data" / "article.txt"):
        shutil.copy(source, work)
    layout = work / "lianghui.yaml"
    # a cache of its own: the new characters below are in no cached font subset
    env = dict(os.environ, BRIEFING_CACHE_DIR=str(work / "cache"), PYTHONPATH=str(ROOT))
    used = set((work / "article.txt").read_text(encoding="utf-8")) | set(layout.read_text(encoding="utf-8"))
    fresh = [c for c in CANDIDATES if c not in used][: args.saves]
    if len(fresh) < args.saves:
        sys.exit("not enough new characters for that many saves")

    title, subtitle = "title_zh: 新兴产业与产业集群目标", "subtitle_zh: 日照经开区{results_year}年工作回顾与{plan_year}年工作安排"
    # each save adds a middle dot (a character the subsets hold already): a digit typed into a layout's text is
    # refused as a figure typed by hand
    mark = "·"
    series = {
        "a slide's title (a one-line change shown by one slide)":
            [(f"{title}{mark * i}\n", f"{title}{mark * (i + 1)}\n") for i in range(args.saves)],
        "the meeting's subtitle (a one-line change shown by the title slide and every briefing page)":
            [(f"{subtitle}{mark * i}\n", f"{subtitle}{mark * (i + 1)}\n") for i in range(args.saves)],
        "a new Chinese character in a slide's title (the font subsets are extended)":
            [(f"{title}{mark * args.saves}{''.join(fresh[:i])}\n",
              f"{title}{mark * args.saves}{''.join(fresh[:i + 1])}\n") for i in range(args.saves)],
    }
    preview = Preview(work, env)
    rows = []
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch_persistent_context(
                str(work / "chromium-profile"), executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True,
                viewport={"width": 1600, "height": 1000})
            page = browser.new_page()
            page.goto(preview.url)
            page.wait_for_function("window.previewShown && window.previewShown.version >= 1", timeout=120_000)
            time.sleep(1)  # the fonts are read for later extensions after the first build
            for name, edits in series.items():
                builds: list[float] = []
                heard: list[float] = []
                samples = measure(page, layout, edits, builds, heard)
                rows.append((name, statistics.median(samples), min(samples), max(samples), statistics.median(builds),
                             statistics.median(heard)))
            browser.close()
    finally:
        preview.stop()
        shutil.rmtree(work, ignore_errors=True)

    print(f"\nbriefing preview: from saving the layout to Chromium showing the new pictures, median of {args.saves} "
          f"saves ({os.cpu_count()} cores, Python {sys.version.split()[0]})\n")
    print("| edit | median s | min s | max s | the build, median s | until the page heard of it, median s |")
    print("|---|---:|---:|---:|---:|---:|")
    for name, median, low, high, build, heard in rows:
        print(f"| {name} | {median:.2f} | {low:.2f} | {high:.2f} | {build:.2f} | {heard:.2f} |")


if __name__ == "__main__":
    main()
