"""Our warm default build against a peer pipeline, run by `make bench`: python bench/peers.py [--runs 7] [--install].

The peer pipeline makes a comparable deck and briefing from the same meeting with general tools: pandoc writes
the deck as PPTX from Markdown, and the briefing as Typst, which typst sets as an A4 PDF. The Markdown holds the
default meeting's slides and briefing parts (titles, points, figures, tables, charts as tables), written from our
composed document before the timing starts. Both are timed as whole processes, interleaved, median of the runs,
wall and CPU time (of the process and its children).

The peer tools are no dependency of the project: --install puts them into bench/.peers/, a virtual environment
of its own, from the Python package index: pandoc from `pypandoc_binary` (Debian 12's pandoc 2.17 has no Typst
writer) and typst from `typst`. Without them this prints how to install them and stops.
"""
from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PEERS = ROOT / "bench" / ".peers"
PEERS_PYTHON = PEERS / "bin" / "python"


def install() -> None:
    subprocess.run([sys.executable, "-m", "venv", str(PEERS)], check=True)
    subprocess.run([str(PEERS_PYTHON), "-m", "pip", "install", "--quiet", "pypandoc_binary", "typst"], check=True)


def _pandoc() -> Path | None:
    found = list((PEERS / "lib").glob("python3*/site-packages/pypandoc/files/pandoc"))
    return found[0] if found else None


# -------------------------------------------------------------------------------- the meeting as Markdown


def _cell(text: str) -> str:
    return str(text).replace("|", "\\|").replace("\n", " ")


def _table(columns, rows) -> list[str]:
    lines = ["| " + " | ".join(_cell(c) for c in columns) + " |", "|" + "---|" * len(columns)]
    lines += ["| " + " | ".join(_cell(c) for c in row) + " |" for row in rows]
    return lines + [""]


def _texts(value) -> list[str]:
    if isinstance(value, str):
        return [value] if value else []
    if isinstance(value, (tuple, list)):
        return [s for item in value for s in _texts(item)]
    if hasattr(value, "__dataclass_fields__"):
        return [s for name in value.__dataclass_fields__ if name not in {"role", "kind", "fact_id"}
                for s in _texts(getattr(value, name))]
    return []


def _block(block) -> list[str]:
    """Markdown for one block of our document: tables and charts as tables, lists as lists, the rest as text."""
    kind = type(block).__name__
    if kind == "Table":
        return ([f"**{block.caption}**", ""] if block.caption else []) + _table(block.columns, block.rows)
    if kind == "Chart":
        columns = ["", *(s.name for s in block.series)]
        rows = [(category, *(s.labels[i] for s in block.series)) for i, category in enumerate(block.categories)]
        return [f"**{block.title}**", ""] + _table(columns, rows)
    if kind == "KeyFigures":
        return [f"- **{f.text}** {f.label}" for f in block.figures] + [""]
    if kind in ("BulletList", "Agenda"):
        return [f"- {item}" for item in block.items] + [""]
    if kind == "Timeline":
        return [f"- **{e.date}** {e.label}: {e.detail}" for e in block.events] + [""]
    return [" ".join(_texts(block)), ""]


def meeting_markdown(folder: Path) -> tuple[Path, Path]:
    """Write the default meeting's deck and briefing as Markdown; return their paths."""
    from generator.prepared import Inputs

    prepared = Inputs(ROOT / "data" / "facts.yaml").prepare(ROOT / "layouts" / "lianghui.yaml", None)
    document = prepared.document
    meta = document.meta
    head = ["---", f"title: \"{meta.title}\"", f"subtitle: \"{meta.subtitle}\"", f"author: \"{meta.organisation}\"",
            f"date: \"{meta.date}\"", "lang: zh-CN", "---", ""]
    deck = list(head)
    for slide in document.slides[1:]:  # the title slide comes from the metadata
        deck += [f"## {slide.title}", ""]
        for block in slide.blocks:
            deck += _block(block)
        if slide.notes:
            deck += ["::: notes", *slide.notes, ":::", ""]
    briefing = list(head)
    for page in document.pages:
        if page.kind == "title" or any(type(b).__name__ == "Contents" for b in page.blocks):
            continue  # the title from the metadata, the contents from --toc
        briefing += [f"{'#' * max(1, page.level)} {page.title}", ""]
        for block in page.blocks:
            briefing += _block(block)
    deck_md, briefing_md = folder / "deck.md", folder / "briefing.md"
    deck_md.write_text("\n".join(deck), encoding="utf-8")
    briefing_md.write_text("\n".join(briefing), encoding="utf-8")
    return deck_md, briefing_md


# -------------------------------------------------------------------------------- timing


def _timed(commands: list[list[str]], env: dict) -> tuple[float, float]:
    """Run the commands one after the other; return (wall seconds, CPU seconds of them and their children)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    for command in commands:
        result = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True)
        if result.returncode != 0:
            sys.exit(f"failed: {' '.join(command)}\n{result.stderr[-2000:]}")
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--install", action="store_true", help="install pandoc and typst into bench/.peers first")
    args = parser.parse_args()
    if args.install:
        install()
    pandoc = _pandoc()
    if pandoc is None or not PEERS_PYTHON.exists():
        print("bench/peers.py: skipped, the peer tools are not installed (python bench/peers.py --install puts "
              "pandoc and typst into bench/.peers/)")
        return

    work = Path(tempfile.mkdtemp(prefix="briefing-bench-peers-"))
    env = dict(os.environ, BRIEFING_CACHE_DIR=str(work / "cache"), PYTHONPATH=str(ROOT))
    os.environ["BRIEFING_CACHE_DIR"] = env["BRIEFING_CACHE_DIR"]
    deck_md, briefing_md = meeting_markdown(work)
    ours = [[sys.executable, "-m", "generator", "build", "--out", str(work / "dist")]]
    peers = [
        [str(pandoc), str(deck_md), "-o", str(work / "deck.pptx")],
        [str(pandoc), str(briefing_md), "-s", "-t", "typst", "--toc", "-V", "papersize=a4",
         "-V", "mainfont=Noto Sans CJK SC", "-o", str(work / "briefing.typ")],
        [str(PEERS_PYTHON), "-c", f"import typst; typst.compile({str(work / 'briefing.typ')!r}, "
                                  f"output={str(work / 'briefing.pdf')!r})"],
    ]
    _timed(ours, env)  # fill our caches: the comparison is of warm builds
    _timed(peers, env)
    samples: dict[str, list[tuple[float, float]]] = {"ours": [], "peers": []}
    for run in range(args.runs):
        order = ("ours", "peers") if run % 2 == 0 else ("peers", "ours")
        for name in order:
            samples[name].append(_timed(ours if name == "ours" else peers, env))

    def median(name: str, index: int) -> float:
        return statistics.median(sample[index] for sample in samples[name])

    def slides_of(deck: Path) -> int:
        import zipfile

        with zipfile.ZipFile(deck) as package:
            return sum(1 for n in package.namelist() if n.startswith("ppt/slides/slide") and n.endswith(".xml"))

    def pages_of(pdf: Path) -> str:
        info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True).stdout
        return next((line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")), "?")

    slides, pages = slides_of(work / "deck.pptx"), pages_of(work / "briefing.pdf")
    our_slides, our_pages = slides_of(work / "dist" / "lianghui.pptx"), pages_of(work / "dist" / "lianghui.pdf")
    version = subprocess.run([str(pandoc), "--version"], capture_output=True, text=True).stdout.split("\n")[0]
    typst_version = subprocess.run([str(PEERS_PYTHON), "-c", "import importlib.metadata as m; "
                                    "print(m.version('typst'))"], capture_output=True, text=True).stdout.strip()

    print(f"\nWarm default build against the peer pipeline, interleaved, median of {args.runs} runs "
          f"({os.cpu_count()} cores, Python {sys.version.split()[0]}, {version}, typst {typst_version})\n")
    print("| pipeline | wall s | CPU s | outputs |")
    print("|---|---:|---:|---|")
    print(f"| briefing build (deck + briefing, warm caches) | {median('ours', 0):.2f} | {median('ours', 1):.2f} | "
          f"{our_slides} slides with native charts and notes, {our_pages} A4 pages |")
    print(f"| pandoc → PPTX, then pandoc → Typst → typst → PDF | {median('peers', 0):.2f} | {median('peers', 1):.2f} | "
          f"{slides} slides, {pages} A4 pages |")
    print(f"| ratio (ours / peers) | {median('ours', 0) / median('peers', 0):.2f}x | "
          f"{median('ours', 1) / median('peers', 1):.2f}x | |")
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
