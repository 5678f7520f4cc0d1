"""Same inputs, same bytes; a failed build leaves the previous outputs untouched and nothing behind."""
from __future__ import annotations

import errno
import os
import resource
import shutil
import signal
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from ..caches import seeded_cache
from ..conftest import LAYOUTS, ROOT


def _briefing(*args: str, cwd: Path, limit_bytes: int | None = None) -> subprocess.CompletedProcess:
    def limit():
        if limit_bytes:
            signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
            resource.setrlimit(resource.RLIMIT_FSIZE, (limit_bytes, limit_bytes))

    env = dict(os.environ, PYTHONPATH=str(ROOT))
    return subprocess.run([sys.executable, "-m", "generator", *args], cwd=cwd, env=env, capture_output=True,
                          text=True, preexec_fn=limit, timeout=300)


def _project(tmp_path: Path) -> Path:
    shutil.copytree(ROOT / "data", tmp_path / "data")
    shutil.copytree(LAYOUTS, tmp_path / "layouts")
    return tmp_path


def _small_as(project: Path, name: str) -> None:
    """The small test layout in place of a shipped one: for what does not depend on what a meeting holds."""
    shutil.copy(ROOT / "tests" / "fixtures" / "small-layout.yaml", project / "layouts" / f"{name}.yaml")


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def test_building_twice_gives_identical_bytes(tmp_path):
    project = _project(tmp_path)
    first = _briefing("build", "lianghui", "investment", "--out", "a", cwd=project)
    second = _briefing("build", "lianghui", "investment", "--out", "b", cwd=project)
    assert first.returncode == second.returncode == 0, first.stderr + second.stderr
    a, b = _snapshot(project / "a"), _snapshot(project / "b")
    assert sorted(a) == ["investment.pdf", "investment.pptx", "lianghui.pdf", "lianghui.pptx"]
    assert a == b


def test_a_layout_error_leaves_the_previous_outputs(tmp_path):
    project = _project(tmp_path)
    _small_as(project, "lianghui")
    assert _briefing("build", cwd=project).returncode == 0
    before = _snapshot(project / "dist")
    layout = project / "layouts" / "lianghui.yaml"
    layout.write_text(layout.read_text(encoding="utf-8").replace("facts: [projects_attracted, planned",
                                                                  "facts: [projects_atracted_2020, planned", 1),
                      encoding="utf-8")
    result = _briefing("build", cwd=project)
    assert result.returncode == 1
    assert "unknown fact id 'projects_atracted_2020' (did you mean 'projects_attracted'?)" in result.stderr
    assert "Traceback" not in result.stderr
    assert _snapshot(project / "dist") == before


def test_a_full_disk_leaves_the_previous_outputs_and_no_temporary_file(tmp_path):
    project = _project(tmp_path)
    assert _briefing("build", cwd=project).returncode == 0
    before = _snapshot(project / "dist")
    # files may not grow past 60 KB: the deck (about 140 KB) cannot be written
    result = _briefing("build", cwd=project, limit_bytes=60_000)
    assert result.returncode == 1, result.stderr
    assert "cannot write the output" in result.stderr and "lianghui.pptx" in result.stderr
    assert "Traceback" not in result.stderr
    assert _snapshot(project / "dist") == before


def test_an_output_folder_that_cannot_be_created_is_named(tmp_path):
    project = _project(tmp_path)
    (project / "blocker").write_text("a file where the folder should be", encoding="utf-8")
    result = _briefing("build", "--out", "blocker/dist", cwd=project)
    assert result.returncode == 1
    assert "blocker/dist: cannot create the output folder" in result.stderr


# Test data: the call that makes the run's private folder, and how the system refuses it (root passes chmod, so a
# read-only folder is stood in for by the refusal itself)
REFUSED_FOLDERS = [(tempfile, "mkdtemp", PermissionError(errno.EACCES, "Permission denied")),
                   (Path, "mkdir", OSError(errno.EROFS, "Read-only file system"))]
#: the system's reasons in Chinese messages
REASONS_ZH = {"Permission denied": "权限不足", "Read-only file system": "只读文件系统"}


@pytest.mark.parametrize("owner, call, refusal", REFUSED_FOLDERS, ids=["permission", "read-only"])
def test_an_output_folder_that_cannot_be_written_is_named_with_the_reason_and_nothing_is_left(
        tmp_path, monkeypatch, owner, call, refusal):
    from generator.cli import cli
    from generator.outputs import PRIVATE
    from generator.status import ExitStatus

    project = _project(tmp_path)
    monkeypatch.chdir(project)
    assert CliRunner().invoke(cli, ["build", "one-pager", "--format", "pptx", "--out", "kept"]).exit_code == 0
    before = _snapshot(project / "kept")
    real = getattr(owner, call)

    def refuse(*args, **kwargs):
        if owner is Path and args[0].name != PRIVATE:  # only the private folder is refused
            return real(*args, **kwargs)
        raise refusal

    monkeypatch.setattr(owner, call, refuse)
    for out in ("kept", "new/deeper"):
        result = CliRunner().invoke(cli, ["--ui", "en", "build", "one-pager", "--out", out])
        assert result.exit_code == ExitStatus.ERROR, result.output
        assert result.output == (f"error: {out}: cannot write in the output folder: {refusal.strerror}; no output "
                                 "was changed (choose another folder with --out, or make this one writable)\n")
    chinese = CliRunner().invoke(cli, ["--ui", "zh", "build", "one-pager", "--out", "kept"])
    assert f"kept: 无法在输出文件夹中写入：{REASONS_ZH[refusal.strerror]}；所有输出文件均未改动" in chinese.output
    assert _snapshot(project / "kept") == before  # no .briefing-tmp either
    assert not (project / "new").exists()  # the folders the run made are gone with it


@pytest.mark.skipif(not os.path.isdir("/sys/kernel"), reason="needs Linux's /sys, which refuses folders even to root")
def test_a_system_folder_as_output_folder_is_named_with_the_reason(tmp_path):
    project = _project(tmp_path)
    for out, message in (("/sys/kernel", "/sys/kernel: cannot write in the output folder: "),
                         ("/sys/kernel/briefing-test", "/sys/kernel/briefing-test: cannot create the output folder: ")):
        result = _briefing("--ui", "en", "build", "one-pager", "--out", out, cwd=project)
        assert result.returncode == 1, result.stderr
        assert result.stderr.startswith("error: " + message) and result.stderr.count("\n") == 1, result.stderr
    assert not os.path.exists("/sys/kernel/briefing-test")


class _Unpicklable(Exception):
    def __init__(self):
        super().__init__("a painter's own exception")
        self.callback = lambda: None  # pickle refuses a lambda


def _dies(how: str) -> None:
    if how == "SIGKILL":
        os.kill(os.getpid(), signal.SIGKILL)
    if how == "exit":
        os._exit(3)
    raise _Unpicklable()


# Test data: how the worker dies, and what the user is then told after "internal error: out/one-pager.pdf: "
WORKER_DEATHS = [
    ("SIGKILL", "the renderer process was killed by signal 9 (SIGKILL); no output was changed (the system may have "
                "run out of memory: build again, or with BRIEFING_JOBS=1 to render in one process)",
     "渲染进程被信号 9（SIGKILL）终止"),
    ("exit", "the renderer process ended with exit status 3 without a result; no output was changed (build again, "
             "or with BRIEFING_JOBS=1 to render in one process)", "渲染进程以退出状态 3 结束"),
    ("exception", "the renderer process failed: tests.e2e.test_robustness._Unpicklable: a painter's own exception; "
                  "no output was changed (this is a bug in briefing: run again with --debug for the traceback)",
     "渲染进程出错：tests.e2e.test_robustness._Unpicklable"),
]


@pytest.mark.parametrize("how, message, chinese", WORKER_DEATHS, ids=[death[0] for death in WORKER_DEATHS])
def test_a_renderer_process_that_dies_is_named_and_the_previous_outputs_stay(tmp_path, monkeypatch, how, message,
                                                                            chinese):
    import dataclasses

    from generator.cli import cli
    from generator.render import RENDERERS
    from generator.status import ExitStatus

    project = _project(tmp_path)
    _small_as(project, "one-pager")
    monkeypatch.chdir(project)
    build = ["build", "one-pager", "--format", "pptx", "--format", "pdf", "--out", "out"]
    assert CliRunner().invoke(cli, build).exit_code == 0
    before = _snapshot(project / "out")
    assert sorted(before) == ["one-pager.pdf", "one-pager.pptx"]
    parent = os.getpid()

    def render(*args, **kwargs):  # the briefing is rendered in the forked worker: it dies there
        assert os.getpid() != parent, "rendered in the test's own process"
        _dies(how)

    monkeypatch.setitem(RENDERERS, "pdf", dataclasses.replace(RENDERERS["pdf"], render=render))
    result = CliRunner().invoke(cli, ["--ui", "en", *build])
    assert result.exit_code == ExitStatus.INTERNAL, result.output
    assert result.output == f"internal error: out/one-pager.pdf: {message}\n"
    assert _snapshot(project / "out") == before  # whole, and no .briefing-tmp
    zh = CliRunner().invoke(cli, ["--ui", "zh", *build])
    assert zh.exit_code == ExitStatus.INTERNAL and chinese in zh.output, zh.output
    assert _snapshot(project / "out") == before


def test_an_output_that_cannot_be_replaced_is_named(tmp_path):
    project = _project(tmp_path)
    (project / "dist" / "lianghui.pptx").mkdir(parents=True)  # stands in for a file held open by PowerPoint
    result = _briefing("build", "--format", "pptx", cwd=project)
    assert result.returncode == 1
    assert "dist/lianghui.pptx" in result.stderr and "cannot" in result.stderr
    assert [p.name for p in (project / "dist").iterdir()] == ["lianghui.pptx"]


def test_a_changed_dataset_or_language_is_never_served_from_the_cache(tmp_path, monkeypatch):
    from pptx import Presentation

    project = _project(tmp_path)
    env_cache = seeded_cache(project / "cache")  # the fonts' entries only: no meeting is in it yet
    monkeypatch.setenv("BRIEFING_CACHE_DIR", str(env_cache))
    assert _briefing("build", "one-pager", "--format", "pptx", cwd=project).returncode == 0
    facts = project / "data" / "facts.yaml"
    facts.write_text(facts.read_text(encoding="utf-8").replace("label_zh: 招引项目\n", "label_zh: 全年招引项目\n"),
                     encoding="utf-8")
    assert _briefing("build", "one-pager", "--format", "pptx", cwd=project).returncode == 0
    assert _briefing("build", "one-pager", "--format", "pptx", "--lang", "en", cwd=project).returncode == 0
    def text_of(path: Path) -> str:
        def walk(shapes):
            for shape in shapes:
                if shape.shape_type == 6:  # a group
                    yield from walk(shape.shapes)
                elif shape.has_text_frame:
                    yield shape.text_frame.text
        return "".join(t for slide in Presentation(str(path)).slides for t in walk(slide.shapes))

    assert "全年招引项目" in text_of(project / "dist" / "one-pager.pptx")
    english = text_of(project / "dist" / "one-pager.en.pptx")
    assert "Projects attracted" in english and "全年招引项目" not in english
    assert len(list((env_cache / "prepared").iterdir())) == 3
