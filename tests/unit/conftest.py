"""Unit tests run without external programs: PATH holds only fontconfig's fc-list (which the font lookup asks for
in-process), so that a unit test calling poppler, LibreOffice, qpdf or Chromium fails instead of passing on a
machine that happens to have them. Tests that look at output with those programs belong in tests/e2e."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

#: the only programs unit tests may find on PATH
ALLOWED_PROGRAMS = ("fc-list",)


@pytest.fixture(scope="session")
def _programs_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("unit-path")
    for name in ALLOWED_PROGRAMS:
        found = shutil.which(name)
        if found:
            (folder / name).symlink_to(found)
    return folder


@pytest.fixture(autouse=True)
def _only_allowed_programs(_programs_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", str(_programs_dir))
