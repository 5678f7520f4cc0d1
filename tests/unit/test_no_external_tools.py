"""Unit tests cannot start poppler, LibreOffice, qpdf or Chromium (see conftest.py)."""
from __future__ import annotations

import os
import shutil
import subprocess

import pytest

from tests.unit.conftest import ALLOWED_PROGRAMS


@pytest.mark.parametrize("program", ["pdftotext", "pdftoppm", "pdfinfo", "pdffonts", "soffice", "libreoffice", "qpdf",
                                     "chromium", "chromium-browser"])
def test_external_renderers_are_not_on_the_unit_tests_path(program):
    assert shutil.which(program) is None
    with pytest.raises(FileNotFoundError):
        subprocess.run([program, "--version"], capture_output=True, check=False)


def test_the_path_holds_only_the_allowed_programs():
    (folder,) = os.environ["PATH"].split(os.pathsep)
    assert set(os.listdir(folder)) <= set(ALLOWED_PROGRAMS)
