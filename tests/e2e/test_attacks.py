"""Inputs chosen as an attacker would: special files, huge files, rewritten cache entries, hostile preview requests.
Each case runs in its own process under memory and CPU-time limits (never a wall-clock assertion: the timeout
only stops a hang) and must end with one message naming the file, never a traceback."""
from __future__ import annotations

import hashlib
import os
import resource
import subprocess
import sys
from pathlib import Path

import pytest

from ..conftest import DATA, ROOT

SMALL = (ROOT / "tests" / "fixtures" / "small-layout.yaml").read_text(encoding="utf-8")
MEMORY_BYTES = 2**30
CPU_SECONDS = 60


def _limited() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_BYTES, MEMORY_BYTES))
    resource.setrlimit(resource.RLIMIT_CPU, (CPU_SECONDS, CPU_SECONDS))


def briefing(folder: Path, *args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """Run `briefing --ui en ARGS` in folder, in a process of its own under the limits."""
    environment = dict(os.environ, PYTHONPATH=str(ROOT), BRIEFING_CACHE_DIR=str(folder / "cache"), **(env or {}))
    # the timeout only ends a process that waits for ever (a pipe); nothing here measures time
    return subprocess.run([sys.executable, "-m", "generator", "--ui", "en", *args], cwd=folder, env=environment,
                          capture_output=True, text=True, timeout=300, preexec_fn=_limited)


def assert_refused(run: subprocess.CompletedProcess[str], *expected: str) -> None:
    output = run.stdout + run.stderr
    assert run.returncode == 1, output
    assert "Traceback" not in output and "internal error" not in output and "MemoryError" not in output, output
    for text in expected:
        assert text in run.stderr, run.stderr


def _meeting(folder: Path, extra: str = "") -> str:
    """A small layout (test data) with extra keys before its deck."""
    (folder / "meeting.yaml").write_text(SMALL.replace("deck:\n", extra + "deck:\n"), encoding="utf-8")
    return "meeting.yaml"


def _sparse(path: Path, size: int = 3 * 2**30) -> None:
    with open(path, "wb") as handle:  # costs no disk
        handle.truncate(size)


# --- special and huge files, wherever an input file is named -------------------------------------------------

@pytest.mark.parametrize("kind", ["fifo", "folder", "zero", "loop"])
def test_a_layout_that_is_no_regular_file_says_what_it_is(tmp_path, kind):
    path = tmp_path / "meeting.yaml"
    if kind == "fifo":
        os.mkfifo(path)
    elif kind == "folder":
        path.mkdir()
    elif kind == "zero":
        path.symlink_to("/dev/zero")
    else:
        path.symlink_to(path)
    expected = {"fifo": "is not a regular file (a device or a pipe)", "zero": "is not a regular file (a device or a pipe)",
                "folder": "is a folder, not a file", "loop": "is a symbolic link that leads back to itself"}[kind]
    run = briefing(tmp_path, "build", "meeting.yaml", "--data", str(DATA), "--out", "out")
    assert_refused(run, "meeting.yaml: layout " + expected)
    assert "not found" not in run.stderr


def test_a_symlink_loop_as_the_dataset_is_named(tmp_path):
    (tmp_path / "facts.yaml").symlink_to(tmp_path / "facts.yaml")
    assert_refused(briefing(tmp_path, "check", "--data", "facts.yaml"), "facts.yaml: dataset is a symbolic link")


@pytest.mark.parametrize("what", ["logo", "template"])
@pytest.mark.parametrize("kind", ["fifo", "huge", "zero"])
def test_a_logo_or_template_that_is_a_pipe_a_device_or_huge_is_refused_where_the_layout_names_it(tmp_path, what,
                                                                                                  kind):
    name = "logo.png" if what == "logo" else "corporate.pptx"
    if kind == "fifo":
        os.mkfifo(tmp_path / name)
    elif kind == "zero":
        (tmp_path / name).symlink_to("/dev/zero")
    else:
        _sparse(tmp_path / name)
    layout = _meeting(tmp_path, f"{what}: {name}\n")
    expected = "KiB; the limit is" if kind == "huge" else "is not a regular file (a device or a pipe)"
    run = briefing(tmp_path, "build", layout, "--data", str(DATA), "--out", "out")
    assert_refused(run, "meeting.yaml:", expected, name)
    assert not (tmp_path / "out").exists()


def test_a_template_read_by_the_painter_is_read_through_the_same_walls(tmp_path):
    from generator.errors import GeneratorError
    from generator.render.pptx.template import read_template

    os.mkfifo(tmp_path / "corporate.pptx")
    with pytest.raises(GeneratorError, match="template is not a regular file"):
        read_template(tmp_path / "corporate.pptx")


@pytest.mark.parametrize("source", ["huge", "passwd", "fifo"])
def test_new_layout_copies_only_a_layout(tmp_path, source):
    path = {"huge": tmp_path / "big.yaml", "passwd": Path("/etc/passwd"), "fifo": tmp_path / "pipe.yaml"}[source]
    if source == "huge":
        _sparse(path)
    elif source == "fifo":
        os.mkfifo(path)
    run = briefing(tmp_path, "new-layout", "copied", "--from", str(path))
    expected = {"huge": "the limit is 2048 KiB", "passwd": "a layout must be a group of keys and values",
                "fifo": "is not a regular file"}[source]
    assert_refused(run, expected)
    assert not (tmp_path / "layouts" / "copied.yaml").exists()


def test_new_layout_when_layouts_is_a_file(tmp_path):
    (tmp_path / "layouts").write_text("test data: a file where the folder of layouts belongs\n", encoding="utf-8")
    assert_refused(briefing(tmp_path, "new-layout", "copied"), "layouts is a file, not a folder of layouts")


# --- the cache ----------------------------------------------------------------------------------------------------

def test_a_cache_entry_rewritten_with_a_fresh_hash_is_not_trusted(tmp_path, monkeypatch):
    from generator import cache

    monkeypatch.setenv("BRIEFING_CACHE_DIR", str(tmp_path))
    cache._secret.cache_clear()
    cache.write("prepared", "entry.json", b'{"projects": "107"}')
    assert cache.read("prepared", "entry.json") == b'{"projects": "107"}'
    forged = b'{"projects": "999"}'
    (tmp_path / "prepared" / "entry.json").write_bytes(hashlib.sha256(forged).digest() + forged)
    assert cache.read("prepared", "entry.json") is None
    cache._secret.cache_clear()


def test_a_cache_entry_that_is_a_pipe_is_no_entry(tmp_path, monkeypatch):
    from generator import cache

    monkeypatch.setenv("BRIEFING_CACHE_DIR", str(tmp_path))
    (tmp_path / "charts").mkdir()
    os.mkfifo(tmp_path / "charts" / "entry.svg")
    assert cache.read("charts", "entry.svg") is None


def test_deeply_nested_json_in_a_cache_entry_is_not_an_entry():
    from generator import cache

    with pytest.raises(ValueError):
        cache.loads(b"[" * 200_000 + b"]" * 200_000, {})
    with pytest.raises(ValueError):
        cache.record_of("[" * 200_000 + "]" * 200_000)
