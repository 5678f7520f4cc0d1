"""The command line ends without Python's teardown (cli._leave): its output is still delivered whole through a
slow pipe, a flush that fails is reported with a failing exit code, and exit codes pass through unchanged."""
from __future__ import annotations

import fcntl
import os
import subprocess
import sys
import time

from ..conftest import ROOT

# buffered output, as on a user's machine: what is written last is delivered by the flush at the end
ENV = {name: value for name, value in dict(os.environ, PYTHONPATH=str(ROOT)).items() if name != "PYTHONUNBUFFERED"}
F_SETPIPE_SZ = 1031  # Linux: the size of a pipe's buffer


def _through_a_slow_pipe(*args: str) -> tuple[int, bytes]:
    """Run a command whose stdout is a pipe of one page that is read only after a pause."""
    read_end, write_end = os.pipe()
    fcntl.fcntl(write_end, F_SETPIPE_SZ, 4096)
    process = subprocess.Popen(list(args), stdout=write_end, stderr=subprocess.DEVNULL, cwd=ROOT, env=ENV)
    os.close(write_end)
    time.sleep(0.5)  # the writer is blocked on the full pipe meanwhile
    chunks = []
    with os.fdopen(read_end, "rb") as reader:
        while chunk := reader.read(1000):
            chunks.append(chunk)
    return process.wait(timeout=120), b"".join(chunks)


def test_output_through_a_slow_pipe_is_delivered_whole():
    whole = subprocess.run([sys.executable, "-m", "generator", "facts"], capture_output=True, cwd=ROOT, env=ENV)
    assert whole.returncode == 0 and len(whole.stdout) > 4 * 4096
    code, delivered = _through_a_slow_pipe(sys.executable, "-m", "generator", "facts")
    assert code == 0
    assert delivered == whole.stdout


_LEAVE = "import sys; from generator import cli; sys.stdout.write('test data ' * {count}); cli._leave({code})"


def test_what_is_still_buffered_at_the_end_is_delivered_with_the_exit_code():
    code, delivered = _through_a_slow_pipe(sys.executable, "-c", _LEAVE.format(count=100_000, code=3))
    assert code == 3
    assert delivered == b"test data " * 100_000


def test_a_flush_that_fails_at_the_end_is_reported_and_fails_the_run():
    with open("/dev/full", "wb") as full:
        run = subprocess.run([sys.executable, "-c", _LEAVE.format(count=10, code=0)], stdout=full,
                             stderr=subprocess.PIPE, text=True, cwd=ROOT, env=dict(ENV, BRIEFING_UI="en"))
    assert run.returncode == 1
    assert run.stderr == "error: cannot write the output: No space left on device\n"
    with open("/dev/full", "wb") as full:
        failed = subprocess.run([sys.executable, "-c", _LEAVE.format(count=10, code=2)], stdout=full,
                                stderr=subprocess.PIPE, text=True, cwd=ROOT, env=dict(ENV, BRIEFING_UI="en"))
    assert failed.returncode == 2  # the run's own failure is kept


def test_exit_codes_of_the_command_line_pass_through():
    usage = subprocess.run([sys.executable, "-m", "generator", "build", "--format"], capture_output=True, cwd=ROOT,
                           env=ENV)
    assert usage.returncode == 2
    missing = subprocess.run([sys.executable, "-m", "generator", "facts", "--data", "/nonexistent/facts.yaml"],
                             capture_output=True, cwd=ROOT, env=ENV)
    assert missing.returncode == 1
