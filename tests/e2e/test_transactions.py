"""A build replaces all its outputs or none: failures, Ctrl-C, SIGTERM and a killed parent leave the previous files
as they were, no temporary file, and no process behind."""
from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from ..conftest import LAYOUTS, ROOT

PREVIOUS = {"lianghui.pptx": b"the previous deck", "lianghui.pdf": b"the previous briefing"}


def _project(tmp_path: Path) -> Path:
    shutil.copytree(ROOT / "data", tmp_path / "data")
    shutil.copytree(LAYOUTS, tmp_path / "layouts")
    (tmp_path / "dist").mkdir()
    for name, data in PREVIOUS.items():
        (tmp_path / "dist" / name).write_bytes(data)
    return tmp_path


def _start(project: Path, *args: str, cold: bool = False) -> subprocess.Popen:
    env = dict(os.environ, PYTHONPATH=str(ROOT), BRIEFING_JOBS="2")
    if cold:  # an empty cache: the build takes seconds, time enough for a signal to find it at work
        env["BRIEFING_CACHE_DIR"] = str(project / "cold-cache")
    return subprocess.Popen([sys.executable, "-m", "generator", "build", *args], cwd=project, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def _unchanged(project: Path) -> None:
    assert {p.name: p.read_bytes() for p in (project / "dist").iterdir()} == PREVIOUS


def _edit(project: Path, old: str, new: str) -> None:
    layout = project / "layouts" / "lianghui.yaml"
    text = layout.read_text(encoding="utf-8")
    assert text.count(old) == 1
    layout.write_text(text.replace(old, new), encoding="utf-8")


def test_a_deck_that_fails_leaves_the_briefing_of_before_too(tmp_path):
    project = _project(tmp_path)
    _edit(project, "    title_zh: 新兴产业与产业集群目标\n", "    title_zh: " + "新兴产业与产业集群目标" * 12 + "\n")
    run = _start(project)
    out, err = run.communicate(timeout=120)
    assert run.returncode == 1 and "does not fit" in err, err
    _unchanged(project)


def test_a_briefing_that_fails_leaves_the_deck_of_before_too(tmp_path):
    project = _project(tmp_path)
    _edit(project, "slide_size: \"16:9\"\n", "slide_size: \"16:9\"\nbriefing_pages: 3\n")
    run = _start(project)
    out, err = run.communicate(timeout=120)
    assert run.returncode == 1 and "the layout allows 3 (briefing_pages)" in err, err
    _unchanged(project)


def _children(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
                found.append(int(entry.name))
    return found


def _wait_for_child(run: subprocess.Popen, seconds: float = 60) -> list[int]:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline and run.poll() is None:
        children = _children(run.pid)
        if children:
            return children
        time.sleep(0.02)
    pytest.fail("the build never started its renderer process")


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the death signal is Linux's")
def test_killing_the_build_leaves_no_process_and_the_previous_outputs(tmp_path):
    project = _project(tmp_path)
    run = _start(project, "lianghui", "investment", "party-building", "one-pager", "--format", "everything", cold=True)
    children = _wait_for_child(run)
    run.kill()
    run.communicate(timeout=10)
    deadline = time.monotonic() + 5
    while time.monotonic() < deadline and any(_alive(pid) for pid in children):
        time.sleep(0.05)
    assert not any(_alive(pid) for pid in children)
    _unchanged_but_temporaries(project)
    # the next build sweeps what the killed one left, and replaces the outputs
    again = _start(project)
    out, err = again.communicate(timeout=120)
    assert again.returncode == 0, err
    assert sorted(p.name for p in (project / "dist").iterdir()) == ["lianghui.pdf", "lianghui.pptx"]


def _unchanged_but_temporaries(project: Path) -> None:
    kept = {p.name: p.read_bytes() for p in (project / "dist").iterdir() if not p.name.startswith(".")}
    assert kept == PREVIOUS


@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGTERM])
def test_ctrl_c_or_sigterm_exits_130_and_changes_nothing(tmp_path, sig):
    # several meetings on an empty cache, so that the signal comes while the build is at work; a signal that
    # still comes after the last rename (the machine is busy) finds a finished build, and the test tries again
    for attempt in range(3):
        project = _project(tmp_path / str(attempt))
        run = _start(project, "lianghui", "investment", "party-building", "one-pager", "--format", "everything",
                     cold=True)
        _wait_for_child(run)
        run.send_signal(sig)
        out, err = run.communicate(timeout=120)
        if run.returncode == 0 and "one-pager.handout.pdf" in out:
            continue
        assert run.returncode == 130, err
        assert err.strip().splitlines()[-1] == "interrupted; no output was changed"
        assert "Traceback" not in err
        _unchanged(project)
        return
    pytest.fail("every build finished before the signal reached it")


def test_text_that_cannot_fit_names_the_layout_line_of_its_slide(tmp_path):
    project = _project(tmp_path)
    layout = project / "layouts" / "lianghui.yaml"
    lines = layout.read_text(encoding="utf-8").splitlines()
    entry = next(n for n, line in enumerate(lines, 1) if line.strip() == "title_zh: 新兴产业与产业集群目标") - 1
    _edit(project, "    title_zh: 新兴产业与产业集群目标\n", "    title_zh: " + "新兴产业与产业集群目标" * 12 + "\n")
    run = _start(project)
    out, err = run.communicate(timeout=120)
    assert run.returncode == 1
    assert f"layouts/lianghui.yaml:{entry}:5: slide " in err and "shorten the title" in err, err
