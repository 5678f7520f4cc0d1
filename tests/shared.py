"""Outputs made once per test run and shared by every worker of it: the shipped layouts built, on templates of every
size, and LibreOffice's drawings of them. pytest's session fixtures are made once per worker; these cost tens of
seconds each, so the first worker that needs one makes it under a file lock and the others read it."""
from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from filelock import FileLock


def shared(factory: pytest.TempPathFactory, name: str, make: Callable[[Path], None]) -> Path:
    """The folder `name` of this test run, made by make(folder) in the first process that asks for it. Readers
    must not change it. A make that fails leaves no folder behind, and the next process to ask tries again."""
    base = factory.getbasetemp()
    # workers of one run have their folders side by side in the run's folder; a run without workers has its own
    root = (base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base) / "shared"
    root.mkdir(exist_ok=True)
    folder, done = root / name, root / f"{name}.done"
    with FileLock(str(root / f"{name}.lock")):
        if not done.exists():
            shutil.rmtree(folder, ignore_errors=True)
            folder.mkdir()
            try:
                make(folder)
            except BaseException:
                shutil.rmtree(folder, ignore_errors=True)
                raise
            done.touch()
    return folder


def libreoffice_pdfs(files: list[Path], out: Path, profile: Path) -> None:
    """LibreOffice's PDFs of the files (decks, documents), one soffice for all of them, into out."""
    import subprocess

    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        pytest.fail("LibreOffice (soffice) is not installed: `make test` installs it")
    subprocess.run([soffice, f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "pdf",
                    "--outdir", str(out), *map(str, files)], capture_output=True, check=True, timeout=600)
    missing = [f.name for f in files if not (out / f.with_suffix(".pdf").name).exists()]
    assert not missing, f"LibreOffice made no PDF of {missing}"
