"""A build that runs longer than about 2 s shows a progress line on a terminal, and nothing when its output is
not a terminal. The tests set the delay (BRIEFING_PROGRESS_AFTER_S) instead of relying on a build's duration: the
line is shown at once, or never, whatever the machine's load."""
from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

from ..conftest import ROOT

ALL = ["lianghui", "investment", "party-building", "one-pager"]
CONTROL = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")


def _env(after_s: str = "2") -> dict:
    return dict(os.environ, BRIEFING_CACHE_DIR=str(ROOT / ".venv" / "briefing-cache"), PYTHONPATH=str(ROOT),
                COLUMNS="120", BRIEFING_PROGRESS_AFTER_S=after_s)


def _project(folder: Path, *shipped: str) -> Path:
    """A folder whose layouts/ holds the four meetings: the shipped layouts named, the small test layout under the
    others' names (what a meeting holds does not change how the progress line and the outputs are shown)."""
    small = (ROOT / "tests" / "fixtures" / "small-layout.yaml").read_text(encoding="utf-8")
    (folder / "layouts").mkdir(parents=True)
    for name in ALL:
        text = (ROOT / "layouts" / f"{name}.yaml").read_text(encoding="utf-8") if name in shipped else small
        (folder / "layouts" / f"{name}.yaml").write_text(text, encoding="utf-8")
    return folder


def _on_a_terminal(args: list[str], after_s: str, cwd: Path = ROOT) -> tuple[int, str]:
    """Run `briefing ARGS` in cwd with stdout and stderr on a pseudo-terminal, the progress line shown after AFTER_S
    seconds; return the exit code and what it wrote."""
    main, secondary = os.openpty()
    process = subprocess.Popen([sys.executable, "-m", "generator", *args], cwd=cwd, env=_env(after_s),
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
    return process.wait(timeout=600), b"".join(chunks).decode("utf-8", "replace")


def _outputs(out: Path) -> list[str]:
    from generator.render import RENDERERS

    return [f"{out / name}{renderer.suffix}" for name in ALL for renderer in RENDERERS.values()]


def test_a_long_build_on_a_terminal_shows_a_progress_line_above_which_the_outputs_are_listed(tmp_path):
    # lianghui as shipped: it is still being built when the line first shows, whatever the machine's load
    project = _project(tmp_path / "project", "lianghui")
    code, shown = _on_a_terminal(["build", *ALL, "--format", "everything", "--out", str(tmp_path / "out")],
                                 after_s="0", cwd=project)
    tmp_path = tmp_path / "out"
    assert code == 0, shown
    frames = CONTROL.sub("", shown).replace("\r\n", "\n").split("\r")
    progress = [frame for frame in frames if frame.startswith(("⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏"))]
    assert progress, shown  # the line was shown at once
    # each meeting is drawn when its build starts: lianghui first, none of the four done
    assert any(re.search(r"building lianghui: pptx, pdf, deck-pdf, handout, docx .* 0/4 \d:\d\d:\d\d", frame)
               for frame in progress), progress
    listed = [line.split("  ")[0] for line in CONTROL.sub("", shown).replace("\r", "\n").splitlines()
              if line.startswith(str(tmp_path))]
    assert listed == _outputs(tmp_path)  # every output once, whole, in order
    assert shown.rstrip().endswith("\x1b[2K")  # the progress line is erased at the end


def test_a_build_not_on_a_terminal_prints_only_its_outputs_even_with_no_delay(tmp_path):
    project = _project(tmp_path / "project")
    result = subprocess.run([sys.executable, "-m", "generator", "build", *ALL, "--format", "everything", "--out",
                             str(tmp_path / "out")], cwd=project, env=_env("0"), capture_output=True, text=True,
                            timeout=600)
    assert result.returncode == 0 and result.stderr == ""
    assert [line.split("  ")[0] for line in result.stdout.splitlines()] == _outputs(tmp_path / "out")


def test_a_build_shorter_than_the_delay_on_a_terminal_shows_no_progress_line(tmp_path):
    # a delay no build reaches, whatever the machine's load
    code, shown = _on_a_terminal(["build", "one-pager", "--format", "pptx", "--out", str(tmp_path)], after_s="3600",
                                 cwd=_project(tmp_path / "project"))
    assert code == 0 and "building" not in shown and "\x1b[" not in shown
    assert shown.startswith(str(tmp_path / "one-pager.pptx"))
