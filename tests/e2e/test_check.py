"""`briefing check` is a dry run: it builds every layout in every format, reports every error a build would raise
(with the layout's file:line), and writes nothing."""
from __future__ import annotations

import os
import struct
import subprocess
import sys
import zlib
from pathlib import Path

from ..caches import seeded_cache
from ..conftest import ROOT

SMALL = (ROOT / "tests" / "fixtures" / "small-layout.yaml").read_text(encoding="utf-8")


def _check(folder: Path, *args: str) -> subprocess.CompletedProcess:
    """`briefing check ARGS` in folder, on a cache beside it that starts with the shared test cache's font entries."""
    cache = folder.parent / "cache"
    if not cache.exists():
        seeded_cache(cache)
    env = dict(os.environ, PYTHONPATH=str(ROOT), BRIEFING_CACHE_DIR=str(cache))
    return subprocess.run([sys.executable, "-m", "generator", "--ui", "en", "check", "--data",
                           str(ROOT / "data" / "facts.yaml"), *args], cwd=folder, env=env, capture_output=True,
                          text=True, timeout=300)


def _tree(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def _cut_png() -> bytes:
    """An 8×8 PNG whose header is sound and whose pixel data is cut short: only decoding finds the fault."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", 8, 8, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"\0" * 16)) + chunk(b"IEND", b"")


def test_check_builds_every_format_of_every_layout_and_writes_nothing(tmp_path):
    project = tmp_path / "project"
    (project / "layouts").mkdir(parents=True)
    (project / "layouts" / "small.yaml").write_text(SMALL, encoding="utf-8")
    before = _tree(project)
    run = _check(project, "--lang", "zh", "--lang", "en")
    assert run.returncode == 0, run.stderr
    for lang in ("zh", "en"):
        line = next(line for line in run.stdout.splitlines() if f"small.yaml ({lang}): ok" in line)
        assert all(name in line for name in ("pptx", "pdf", "deck-pdf", "handout")), line
    assert _tree(project) == before  # no dist/, no temporary file, nothing changed


def test_check_reports_what_only_a_build_finds_every_problem_in_one_round_with_the_layouts_line(tmp_path):
    project = tmp_path / "project"
    (project / "layouts").mkdir(parents=True)
    long_title = "    title_zh: " + "新兴产业与产业集群目标" * 12 + "\n"
    # 1. a slide title that fits no slide: found only by laying out the deck
    fit = SMALL.replace("  - kind: key_points\n    section: investment_talent\n",
                        "  - kind: key_points\n    section: investment_talent\n" + long_title)
    (project / "layouts" / "a-fit.yaml").write_text(fit, encoding="utf-8")
    fit_line = fit.splitlines().index("  - kind: key_points") + 1
    # 2. a logo whose header is sound but whose pixels are cut short: found only by drawing it
    (project / "logo.png").write_bytes(_cut_png())
    (project / "layouts" / "b-logo.yaml").write_text(SMALL.replace("deck:\n", "logo: ../logo.png\ndeck:\n"),
                                                     encoding="utf-8")
    # 3. a character that no installed CJK font has: found only when the fonts are chosen
    (project / "layouts" / "c-glyph.yaml").write_text(SMALL.replace("title_zh: 测试会议", "title_zh: 测试会议\ue000"),
                                                      encoding="utf-8")
    before = _tree(project)
    run = _check(project)
    assert run.returncode == 1, run.stdout + run.stderr
    assert "Traceback" not in run.stderr and "internal error" not in run.stderr
    assert "3 problems" in run.stderr, run.stderr
    assert f"a-fit.yaml:{fit_line}" in run.stderr and "does not fit" in run.stderr
    assert "logo" in run.stderr and "b-logo.yaml" in run.stderr
    assert "no glyph" in run.stderr and "\\ue000" in run.stderr
    assert _tree(project) == before


def test_a_briefing_over_its_budget_is_told_in_the_same_round_as_the_layouts_mistakes(tmp_path):
    """A mistyped section and a briefing that would take more pages than briefing_pages allows: both in one round,
    each at its line, the budget counted from the parts that are right."""
    text = (ROOT / "layouts" / "one-pager.yaml").read_text(encoding="utf-8")
    text = text.replace("  - kind: at_a_glance\n", "  - kind: appendix\n  - kind: at_a_glance\n", 1)
    text = text.replace("    section: plan\n    title_zh: \"{plan_year}", "    section: plann\n    title_zh: \"{plan_year}", 1)
    (tmp_path / "meeting.yaml").write_text(text, encoding="utf-8")
    lines = text.splitlines()
    run = _check(tmp_path, "meeting.yaml")
    assert run.returncode == 1, run.stderr
    assert f"meeting.yaml:{lines.index('    section: plann') + 1}:5: unknown section id 'plann'" in run.stderr
    budget = f"meeting.yaml:{lines.index('briefing_pages: 1') + 1}:1: the briefing takes "
    assert budget in run.stderr and "(counted without the parts that have mistakes)" in run.stderr, run.stderr
    assert "error: 2 problems" in run.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["meeting.yaml"]
