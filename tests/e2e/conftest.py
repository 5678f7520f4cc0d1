"""Outputs built once per test run and shared by the end-to-end tests: every shipped layout in both languages,
the same on templates of every common slide size, and LibreOffice's drawings of the decks."""
from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from ..conftest import DATA, LAYOUTS
from ..shared import libreoffice_pdfs, shared
from ..templates import TEMPLATE_SIZES_IN, make_template

LAYOUT_NAMES = sorted(p.stem for p in LAYOUTS.glob("*.yaml"))
SIZES = sorted(TEMPLATE_SIZES_IN)
#: the template sizes whose decks are also drawn as PDF by the project's painter (the visual checks read them)
SIZES_AS_PDF = ("4:3", "16:10")
#: the template sizes whose decks LibreOffice draws too (each deck costs it nearly a second of processor time): the
#: two proportions other than the 16:9 of the decks without a template (`built`), with the template's fonts
SIZES_IN_LIBREOFFICE = ("4:3", "16:10")
#: the 16:10 company template has dark colours: a plum accent, a near-black dk2
DARK_ACCENT = "4A1942"


def _build(*args: str) -> None:
    from generator.cli import cli

    result = CliRunner().invoke(cli, ["build", *args], catch_exceptions=False)
    assert result.exit_code == 0, (args, result.output)


@pytest.fixture(scope="session")
def built(tmp_path_factory) -> Path:
    """Every layout built in Chinese and English, in every format, into one folder, through the CLI."""
    def make(out: Path) -> None:
        for lang in ("zh", "en"):
            _build(*LAYOUT_NAMES, "--out", str(out), "--lang", lang)
        assert len(list(out.glob("*.pptx"))) == 2 * len(LAYOUT_NAMES)

    return shared(tmp_path_factory, "built", make)


@pytest.fixture(scope="session")
def built_in_libreoffice(built, tmp_path_factory) -> Path:
    """LibreOffice's PDFs of the decks of `built`, by the decks' names."""
    return shared(tmp_path_factory, "built-lo", lambda out: libreoffice_pdfs(
        sorted(built.glob("*.pptx")), out, tmp_path_factory.mktemp("lo-profile")))


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
    """For each template size, a folder with the template, the shipped layouts naming it, and their decks in both
    languages (dist/; as PDF too for SIZES_AS_PDF)."""
    def make(root: Path) -> None:
        for size in SIZES:
            folder = root / _slug(size)
            folder.mkdir()
            make_template(folder / "corporate.pptx", TEMPLATE_SIZES_IN[size],
                          accent=DARK_ACCENT if size == "16:10" else None)
            layouts = [str(_with_template(folder, name, "corporate.pptx")) for name in LAYOUT_NAMES]
            formats = ["pptx", "deck-pdf"] if size in SIZES_AS_PDF else ["pptx"]
            for lang in ("zh", "en"):
                _build(*layouts, "--data", str(DATA), "--lang", lang, *(f"--format={f}" for f in formats),
                       "--out", str(folder / "dist"))

    root = shared(tmp_path_factory, "sized", make)
    return {size: root / _slug(size) for size in SIZES}


@pytest.fixture(scope="session")
def sized_in_libreoffice(sized, tmp_path_factory) -> dict[str, Path]:
    """For each size of SIZES_IN_LIBREOFFICE, a folder of LibreOffice's PDFs of its decks."""
    def make(root: Path) -> None:
        # one start of LibreOffice for all sizes: the decks, named alike in each size's folder, are linked under
        # names of their own and the PDFs sorted by size afterwards
        staged, drawn = root / "decks", root / "all"
        staged.mkdir()
        for size in SIZES_IN_LIBREOFFICE:
            for name in LAYOUT_NAMES:
                for lang in ("zh", "en"):
                    deck = _deck(sized[size], name, lang)
                    (staged / f"{_slug(size)}--{deck.name}").symlink_to(deck)
        libreoffice_pdfs(sorted(staged.iterdir()), drawn, tmp_path_factory.mktemp("sized-lo-profile"))
        for size in SIZES_IN_LIBREOFFICE:
            (root / _slug(size)).mkdir()
            for pdf in drawn.glob(f"{_slug(size)}--*.pdf"):
                pdf.rename(root / _slug(size) / pdf.name.split("--", 1)[1])

    root = shared(tmp_path_factory, "sized-lo", make)
    return {size: root / _slug(size) for size in SIZES_IN_LIBREOFFICE}
