"""No input may take more than 10 s of processor time or 1 GB: each case runs in its own process under a 10 s CPU-time
limit (RLIMIT_CPU) and a 1 GB address-space limit (RLIMIT_AS), and must end with exit code 1, one message naming
the file, and no traceback. Processor time, not time on the clock: a busy machine slows a run without making it
fail (how fast it is on a quiet machine is measured by `make bench`)."""
from __future__ import annotations

import os
import resource
import signal
import struct
import subprocess
import sys
import zipfile
import zlib
from pathlib import Path

import pytest

from ..conftest import DATA, ROOT

LIMIT_BYTES = 2**30
LIMIT_CPU_S = 10
#: only against a process that waits for ever without using the processor (a pipe nobody writes to); not a speed test
HANG_S = 600
SMALL = (ROOT / "tests" / "fixtures" / "small-layout.yaml").read_text(encoding="utf-8")


def _limited() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (LIMIT_BYTES, LIMIT_BYTES))
    # past the soft limit the kernel sends SIGXCPU (the run ends with -SIGXCPU instead of exit code 1)
    resource.setrlimit(resource.RLIMIT_CPU, (LIMIT_CPU_S, LIMIT_CPU_S + 1))


def _png(width: int, height: int) -> bytes:
    """A PNG whose header claims width × height pixels; its pixel data is a stub."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"\0" * 16)) + chunk(b"IEND", b"")


def _layout(folder: Path, text: str) -> list[str]:
    (folder / "meeting.yaml").write_text(text, encoding="utf-8")
    return ["build", "meeting.yaml", "--data", str(DATA)]


def _infinite_size(folder: Path) -> tuple[list[str], str]:
    return _layout(folder, SMALL + "theme_overrides:\n  sizes: {deck_title_pt: .inf}\n"), "meeting.yaml:"


def _huge_size(folder: Path) -> tuple[list[str], str]:
    return _layout(folder, SMALL + "theme_overrides:\n  sizes: {deck_title_pt: 1e9}\n"), "meeting.yaml:"


def _zero_device(folder: Path) -> tuple[list[str], str]:
    return ["check", "--data", "/dev/zero"], "/dev/zero"


def _fifo(folder: Path) -> tuple[list[str], str]:
    os.mkfifo(folder / "facts.yaml")
    return ["check", "--data", "facts.yaml"], "facts.yaml"


def _three_gigabytes(folder: Path) -> tuple[list[str], str]:
    with open(folder / "facts.yaml", "wb") as handle:  # sparse: costs no disk
        handle.truncate(3 * 2**30)
    return ["check", "--data", "facts.yaml"], "facts.yaml"


def _zip_bomb(folder: Path) -> tuple[list[str], str]:
    with zipfile.ZipFile(folder / "bomb.pptx", "w", zipfile.ZIP_DEFLATED) as package:
        with package.open("ppt/media/zeros.bin", "w", force_zip64=True) as entry:
            block = b"\0" * 2**20
            for _ in range(400):  # 400 MB of zeros in a file of about 400 KB
                entry.write(block)
    return _layout(folder, SMALL.replace("deck:\n", "template: bomb.pptx\ndeck:\n")), "bomb.pptx"


def _huge_logo(folder: Path) -> tuple[list[str], str]:
    (folder / "logo.png").write_bytes(_png(13000, 13000))
    return _layout(folder, SMALL.replace("deck:\n", "logo: logo.png\ndeck:\n")), "meeting.yaml:"


def _aliases(folder: Path) -> tuple[list[str], str]:
    entries = "  - &s\n    kind: key_points\n    section: investment_talent\n" + "  - *s\n" * 50_000
    text = SMALL.replace("  - kind: key_points\n    section: investment_talent\n", entries)
    return _layout(folder, text), "meeting.yaml:"


def _long_word(folder: Path) -> tuple[list[str], str]:
    return _layout(folder, SMALL.replace("title_zh: 测试会议", "title_zh: 测试会议" + "x" * 2000)), "meeting.yaml:"


CASES = [_infinite_size, _huge_size, _zero_device, _fifo, _three_gigabytes, _zip_bomb, _huge_logo, _aliases,
         _long_word]


@pytest.mark.parametrize("case", CASES, ids=lambda case: case.__name__.strip("_"))
def test_each_costly_input_ends_within_ten_cpu_seconds_and_one_gigabyte(case, tmp_path):
    args, shown = case(tmp_path)
    env = dict(os.environ, PYTHONPATH=str(ROOT), BRIEFING_CACHE_DIR=str(tmp_path / "cache"))
    run = subprocess.run([sys.executable, "-m", "generator", "--ui", "en", *args, *(["--out", "out"] if
                          args[0] == "build" else [])], cwd=tmp_path, env=env, capture_output=True, text=True,
                         timeout=HANG_S, preexec_fn=_limited)
    assert run.returncode != -signal.SIGXCPU, f"more than {LIMIT_CPU_S} s of processor time"
    assert run.returncode == 1, run.stdout + run.stderr
    assert "Traceback" not in run.stderr and "internal error" not in run.stderr and "MemoryError" not in run.stderr
    assert shown in run.stderr, run.stderr
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").iterdir())
