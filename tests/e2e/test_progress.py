"""A build that runs longer than about 2 s shows a progress line on a terminal, and nothing when its output is
not a terminal."""
from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

from ..conftest import ROOT

ALL = ["lianghui", "investment", "party-building", "one-pager"]
CONTROL = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")


def _env(cache: Path | None = None) -> dict:
    return dict(os.environ, BRIEFING_CACHE_DIR=str(cache or ROOT / ".venv" / "briefing-cache"), PYTHONPATH=str(ROOT),
                COLUMNS="120")


def _on_a_terminal(args: list[str], cache: Path | None = None) -> tuple[int, str]:
    """Run `briefing ARGS` with stdout and stderr on a pseudo-terminal; return the exit code and what it wrote."""
    main, secondary = os.openpty()
    process = subprocess.Popen([sys.executable, "-m", "generator", *args], cwd=ROOT, env=_env(cache),
                               stdin=subprocess.DEVNULL, stdout=secondary, stderr=secondary)
    os.close(secondary)
    chunks = []
    while True:
        try:
            chunk = os.read(main, 65536)
        except OSError:  # the terminal closes when the process ends
            break
        if not chunk:
            break
        chunks.append(chunk)
    os.close(main)
    return process.wait(timeout=120), b"".join(chunks).decode("utf-8", "replace")


def _outputs(out: Path) -> list[str]:
    from generator.render import RENDERERS

    return [f"{out / name}{renderer.suffix}" for name in ALL for renderer in RENDERERS.values()]


def test_a_long_build_on_a_terminal_shows_a_progress_line_above_which_the_outputs_are_listed(tmp_path):
    # an empty cache: a cold build of four meetings takes several seconds on any machine
    code, shown = _on_a_terminal(["build", *ALL, "--format", "everything", "--out", str(tmp_path / "out")],
                                 cache=tmp_path / "cache")
    tmp_path = tmp_path / "out"
    assert code == 0, shown
    frames = CONTROL.sub("", shown).replace("\r\n", "\n").split("\r")
    progress = [frame for frame in frames if frame.startswith(("⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏"))]
    assert progress, shown  # the build took several seconds: the line was shown
    assert re.search(r"building [a-z-]+: pptx, pdf, deck-pdf, handout, docx .* [0-3]/4 0:00:\d\d", progress[0])
    listed = [line.split("  ")[0] for line in CONTROL.sub("", shown).replace("\r", "\n").splitlines()
              if line.startswith(str(tmp_path))]
    assert listed == _outputs(tmp_path)  # every output once, whole, in order
    assert shown.rstrip().endswith("\x1b[2K")  # the progress line is erased at the end


def test_a_long_build_not_on_a_terminal_prints_only_its_outputs(tmp_path):
    result = subprocess.run([sys.executable, "-m", "generator", "build", *ALL, "--format", "everything", "--out",
                             str(tmp_path)], cwd=ROOT, env=_env(), capture_output=True, text=True, timeout=120)
    assert result.returncode == 0 and result.stderr == ""
    assert [line.split("  ")[0] for line in result.stdout.splitlines()] == _outputs(tmp_path)


def test_a_short_build_on_a_terminal_shows_no_progress_line(tmp_path):
    code, shown = _on_a_terminal(["build", "one-pager", "--format", "pptx", "--out", str(tmp_path)])
    assert code == 0 and "building" not in shown and "\x1b[" not in shown
    assert shown.startswith(str(tmp_path / "one-pager.pptx"))
