"""The program type-checks: mypy, strict as pyproject.toml configures it, finds no error in generator/. It runs as
a test, so that it overlaps the other tests on another core; its cache is the clone's own (.mypy_cache in the
project folder), and a cold cache only makes it slower."""
from __future__ import annotations

import subprocess
import sys

from ..conftest import ROOT


def test_mypy_finds_no_error_in_the_program():
    result = subprocess.run([sys.executable, "-m", "mypy", "generator"], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout[-6000:] + result.stderr[-3000:]
    assert result.stdout.startswith("Success: no issues found"), result.stdout[-6000:] + result.stderr[-3000:]
