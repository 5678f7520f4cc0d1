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

SMALL = (ROOT / "tests" / "fixtures" / "small-layout.yaml").read_text(encoding="utf-8")
PREVIOUS = {"lianghui.pptx": b"the previous deck", "lianghui.pdf": b"the previous briefing"}


def _project(tmp_path: Path) -> Path:
    shutil.copytree(ROOT / "data", tmp_path / "data")
    shutil.copytree(LAYOUTS, tmp_path / "layouts")
    (tmp_path / "dist").mkdir()
    for name, data in PREVIOUS.items():
        (tmp_path / "dist" / name).write_bytes(data)
    return tmp_path


def _small_project(tmp_path: Path) -> Path:
    """A project whose lianghui.yaml is the small test layout: how a build replaces its two outputs does not depend
    on how much of a meeting they hold."""
    project = _project(tmp_path)
    (project / "layouts" / "lianghui.yaml").write_text(SMALL, encoding="utf-8")
    return project


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
    # the timeouts only stop a hang: a killed process and its children end when they are next scheduled, which on a
    # loaded machine may take seconds
    run.communicate(timeout=120)
    deadline = time.monotonic() + 120
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


# Test data: files a user might keep in the output folder, with numbers in hidden `.tmp` names like ours once had
USER_FILES = {".draft.1234567.tmp.docx": b"a user's draft (test data)", ".backup.99999.tmp": b"a user's backup (test data)",
              ".lianghui.pptx.99999.0.tmp.pptx": b"named like an old temporary file (test data)"}


def _with_user_files(project: Path) -> None:
    for name, data in USER_FILES.items():
        (project / "dist" / name).write_bytes(data)


def _user_files_intact(project: Path) -> None:
    for name, data in USER_FILES.items():
        assert (project / "dist" / name).read_bytes() == data, name


def test_a_users_hidden_tmp_files_survive_a_hundred_transactions(tmp_path):
    from generator.outputs import PRIVATE, Outputs

    project = _project(tmp_path)
    _with_user_files(project)
    dist = project / "dist"
    for number in range(100):
        outputs = Outputs()
        for name in PREVIOUS:
            temp = outputs.temporary(dist / name)
            temp.write_bytes(b"output %d (test data)" % number)
            outputs.add(temp, dist / name, "")
        assert [o.path.name for o in outputs.commit()] == list(PREVIOUS)
    _user_files_intact(project)
    assert (dist / "lianghui.pdf").read_bytes() == b"output 99 (test data)"
    assert not (dist / PRIVATE).exists()


def test_only_a_dead_runs_folder_is_swept(tmp_path):
    import fcntl

    from generator.outputs import PRIVATE, Outputs

    dist = tmp_path / "dist"
    dead, alive, foreign = (dist / PRIVATE / name for name in ("run-1-dead", "run-2-alive", "run-3-foreign"))
    for folder in (dead, alive, foreign):
        folder.mkdir(parents=True)
        (folder / "1-meeting.pdf").write_bytes(b"test data")
    (dead / "lock").write_text("1\n")  # its process is gone: nobody holds the lock
    (alive / "lock").write_text("2\n")
    # no lock file in `foreign`: not provably ours
    with open(alive / "lock") as held:
        fcntl.flock(held, fcntl.LOCK_EX)
        outputs = Outputs()
        outputs.temporary(dist / "meeting.pdf")
        outputs.discard()
        assert not dead.exists()
        assert (alive / "1-meeting.pdf").exists() and (foreign / "1-meeting.pdf").exists()


def _numbered_layouts(project: Path) -> None:
    for name in ("2021", "meeting.2021"):  # the small test layout: their names are what is tested
        (project / "layouts" / f"{name}.yaml").write_text(SMALL, encoding="utf-8")


EXPECTED = ["2021.pdf", "2021.pptx", "lianghui.pdf", "lianghui.pptx", "meeting.2021.pdf", "meeting.2021.pptx"]


def test_layouts_with_numbers_in_their_names_build_together(tmp_path):
    project = _project(tmp_path)
    _with_user_files(project)
    _numbered_layouts(project)
    run = _start(project, "2021", "meeting.2021")
    out, err = run.communicate(timeout=240)
    assert run.returncode == 0, err
    assert sorted(p.name for p in (project / "dist").iterdir() if not p.name.startswith(".")) == EXPECTED
    _user_files_intact(project)


def test_two_builds_of_numbered_layouts_at_once_into_one_folder_both_succeed(tmp_path):
    project = _project(tmp_path)
    _with_user_files(project)
    _numbered_layouts(project)
    runs = [_start(project, "2021"), _start(project, "meeting.2021"), _start(project, "2021")]
    for run in runs:
        out, err = run.communicate(timeout=240)
        assert run.returncode == 0, err
    assert sorted(p.name for p in (project / "dist").iterdir() if not p.name.startswith(".")) == EXPECTED
    _user_files_intact(project)
    assert sorted(p.name for p in (project / "dist").iterdir() if p.name.startswith(".")) == sorted(USER_FILES)


# Runs a build in which the Nth rename or link of a file in the output folder first sends the process a signal.
_SIGNAL_AT_RENAME = """
import os, signal, sys
target, signum, dist = int(sys.argv[1]), int(sys.argv[2]), os.path.realpath(sys.argv[3])
calls = [0]
def at_rename(function):
    def wrapped(source, destination, *args, **kwargs):
        if os.path.realpath(os.fspath(destination)).startswith(dist + os.sep):
            if calls[0] == target:
                os.kill(os.getpid(), signum)
            calls[0] += 1
        return function(source, destination, *args, **kwargs)
    return wrapped
os.replace, os.link = at_rename(os.replace), at_rename(os.link)
if sys.argv[4:] == ["after"]:  # the signal comes when the temporary folder is removed, after the commit
    real_rmdir = os.rmdir
    def at_rmdir(path, *args, **kwargs):
        if os.path.basename(os.fspath(path)) == ".briefing-tmp" and calls[0] != -1:
            calls[0] = -1
            os.kill(os.getpid(), signum)
        return real_rmdir(path, *args, **kwargs)
    os.rmdir, target = at_rmdir, -2
sys.argv = ["briefing", "build", "lianghui"]
from generator.cli import main
main()
"""


@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGTERM])
@pytest.mark.parametrize("rename", range(5))
def test_a_signal_at_any_rename_leaves_all_old_or_all_new_outputs_and_says_which(tmp_path, rename, sig):
    project = _small_project(tmp_path)
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    run = subprocess.run([sys.executable, "-c", _SIGNAL_AT_RENAME, str(rename), str(int(sig)), str(project / "dist")],
                         cwd=project, env=env, capture_output=True, text=True, timeout=240)
    # two outputs that exist already: each is linked to a second name, then replaced (four calls)
    if rename < 4:
        assert run.returncode == 130, run.stderr
        assert run.stderr.strip().splitlines()[-1] == "interrupted; no output was changed"
        assert "Traceback" not in run.stderr
        _unchanged(project)
    else:
        assert run.returncode == 0, run.stderr
        assert all((project / "dist" / name).read_bytes() != old for name, old in PREVIOUS.items())
        assert sorted(p.name for p in (project / "dist").iterdir()) == sorted(PREVIOUS)


def test_a_signal_after_the_last_rename_says_that_every_output_was_written(tmp_path):
    project = _small_project(tmp_path)
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    run = subprocess.run([sys.executable, "-c", _SIGNAL_AT_RENAME, "-2", str(int(signal.SIGTERM)),
                          str(project / "dist"), "after"], cwd=project, env=env, capture_output=True, text=True,
                         timeout=240)
    assert run.returncode == 130, run.stderr
    assert run.stderr.strip().splitlines()[-1] == "interrupted; every output was written"
    assert all((project / "dist" / name).read_bytes() != old for name, old in PREVIOUS.items())
    assert sorted(p.name for p in (project / "dist").iterdir()) == sorted(PREVIOUS)


@pytest.mark.parametrize("rename", range(4))
def test_a_run_killed_at_any_rename_is_rolled_back_by_the_next_one(tmp_path, rename):
    from generator.outputs import sweep

    project = _small_project(tmp_path)
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    run = subprocess.run([sys.executable, "-c", _SIGNAL_AT_RENAME, str(rename), str(int(signal.SIGKILL)),
                          str(project / "dist")], cwd=project, env=env, capture_output=True, text=True, timeout=240)
    assert run.returncode == -signal.SIGKILL
    sweep(project / "dist")  # what the next run in the folder does first
    _unchanged_but_temporaries(project)
    assert list((project / "dist" / ".briefing-tmp").iterdir()) == []
    again = _start(project)
    out, err = again.communicate(timeout=120)
    assert again.returncode == 0, err
    assert sorted(p.name for p in (project / "dist").iterdir()) == sorted(PREVIOUS)
