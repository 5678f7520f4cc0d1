"""Decks built once per test session and shared by the end-to-end tests: every shipped layout in both languages,
and the same on templates of every common slide size."""
from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from ..conftest import DATA, LAYOUTS
from ..templates import TEMPLATE_SIZES_IN, make_template

LAYOUT_NAMES = sorted(p.stem for p in LAYOUTS.glob("*.yaml"))
SIZES = sorted(TEMPLATE_SIZES_IN)


@pytest.fixture(scope="session")
def built(tmp_path_factory, dataset) -> Path:
    """Every layout built in Chinese and English into one folder, through the CLI."""
    from generator.cli import cli

    out = tmp_path_factory.mktemp("dist")
    runner = CliRunner()
    for lang in ("zh", "en"):
        result = runner.invoke(cli, ["build", *LAYOUT_NAMES, "--out", str(out), "--lang", lang], catch_exceptions=False)
        assert result.exit_code == 0, result.output
        assert result.output.count("\n") == 2 * len(LAYOUT_NAMES)
    return out


def _slug(size: str) -> str:
    return size.replace(" ", "-").replace(":", "x")


def _with_template(folder: Path, name: str, template: str, extra: str = "") -> Path:
    """A copy of a shipped layout that names the template (and any extra top-level keys)."""
    text = (LAYOUTS / f"{name}.yaml").read_text(encoding="utf-8")
    assert text.count("\ndeck:\n") == 1
    path = folder / f"{name}.yaml"
    path.write_text(text.replace("\ndeck:\n", f"\ntemplate: {template}\n{extra}deck:\n"), encoding="utf-8")
    return path


def _deck(folder: Path, name: str, lang: str) -> Path:
    own = "en" if name == "investment" else "zh"
    return folder / "dist" / (f"{name}.pptx" if lang == own else f"{name}.{lang}.pptx")


@pytest.fixture(scope="session")
def sized(tmp_path_factory) -> dict[str, Path]:
    """For each template size, a folder with the template, the four shipped layouts naming it, and their decks
    in both languages (dist/)."""
    from generator.cli import cli

    folders = {}
    for size in SIZES:
        folder = tmp_path_factory.mktemp(_slug(size))
        make_template(folder / "corporate.pptx", TEMPLATE_SIZES_IN[size])
        layouts = [str(_with_template(folder, name, "corporate.pptx")) for name in LAYOUT_NAMES]
        for lang in ("zh", "en"):
            result = CliRunner().invoke(cli, ["build", *layouts, "--data", str(DATA), "--lang", lang, "--format",
                                              "pptx", "--out", str(folder / "dist")], catch_exceptions=False)
            assert result.exit_code == 0, (size, lang, result.output)
        folders[size] = folder
    return folders
