"""Shared fixtures: the project's paths, the shipped dataset, a CLI runner in an isolated folder."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data" / "facts.yaml"
ARTICLE = ROOT / "data" / "article.txt"
LAYOUTS = ROOT / "layouts"


def pytest_configure(config):
    """The whole run, fixtures of every scope and the processes they start included, uses the test cache inside
    .venv/, never the user's: a module's or session's fixture is set up before the per-test setting below."""
    import os

    os.environ["BRIEFING_CACHE_DIR"] = str(ROOT / ".venv" / "briefing-cache")


@pytest.fixture(autouse=True)
def _test_cache(monkeypatch):
    """Every test uses the test cache inside .venv/, never the user's; the font subsets' folder, which a process
    remembers, is looked up again for each test (a test may point the cache elsewhere)."""
    from generator import fonts

    monkeypatch.setenv("BRIEFING_CACHE_DIR", str(ROOT / ".venv" / "briefing-cache"))
    fonts._subset_folder.cache_clear()
    yield
    fonts._subset_folder.cache_clear()


@pytest.fixture(scope="session")
def dataset():
    from generator.datafile import load_dataset

    return load_dataset(DATA)


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    """A writable copy of the shipped dataset and its article; returns the dataset path."""
    shutil.copy(DATA, tmp_path / "facts.yaml")
    shutil.copy(ARTICLE, tmp_path / "article.txt")
    return tmp_path / "facts.yaml"


@pytest.fixture
def run_cli(tmp_path: Path, monkeypatch):
    """Run `briefing ARGS` in-process from an empty folder; return click's Result."""
    from generator.cli import cli

    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("BRIEFING_CACHE_DIR", str(ROOT / ".venv" / "briefing-cache"))

    def run(*args: str):
        return CliRunner().invoke(cli, list(args), catch_exceptions=False)

    return run


def replace_once(path: Path, old: str, new: str) -> int:
    """Replace the one occurrence of old in the file; return its 1-based line number."""
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{old!r} occurs {text.count(old)} times"
    line = text[: text.index(old)].count("\n") + 1
    path.write_text(text.replace(old, new), encoding="utf-8")
    return line
