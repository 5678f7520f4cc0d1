"""A layout's logo appears on the title and closing slides and the briefing's cover, with alt text."""
from __future__ import annotations

import subprocess
from pathlib import Path

from click.testing import CliRunner
from PIL import Image
from pptx import Presentation

from generator.cli import cli

from ..conftest import DATA, LAYOUTS


def _layout(tmp_path: Path, logo_line: str) -> Path:
    text = (LAYOUTS / "one-pager.yaml").read_text(encoding="utf-8").replace("theme: civic_blue\n",
                                                                          f"theme: civic_blue\n{logo_line}\n")
    path = tmp_path / "with-logo.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def _build(tmp_path: Path, layout: Path, *formats: str):
    args = ["build", str(layout), "--data", str(DATA), "--out", str(tmp_path / "dist")]
    for fmt in formats:
        args += ["--format", fmt]
    return CliRunner().invoke(cli, args, catch_exceptions=False)


def test_the_logo_is_drawn_in_every_output(tmp_path):
    Image.new("RGB", (300, 100), (11, 37, 69)).save(tmp_path / "logo.png")
    result = _build(tmp_path, _layout(tmp_path, "logo: logo.png"), "everything")
    assert result.exit_code == 0, result.output
    prs = Presentation(str(tmp_path / "dist" / "with-logo.pptx"))
    pictures = [s for s in prs.slides[0].shapes if s.shape_type == 13]
    assert len(pictures) == 1 and abs(pictures[0].width / pictures[0].height - 3) < 0.05
    assert pictures[0]._element.xpath("./p:nvPicPr/p:cNvPr/@descr")[0].endswith("logo")
    for name in ("with-logo.pdf", "with-logo.deck.pdf"):
        images = subprocess.run(["pdfimages", "-list", str(tmp_path / "dist" / name)], capture_output=True, text=True,
                                check=True).stdout.splitlines()[2:]
        assert images, name


def test_a_logo_that_is_not_an_image_is_named_with_its_line(tmp_path):
    (tmp_path / "logo.png").write_text("not an image", encoding="utf-8")
    layout = _layout(tmp_path, "logo: logo.png")
    line = layout.read_text(encoding="utf-8").splitlines().index("logo: logo.png") + 1
    result = _build(tmp_path, layout)
    assert result.exit_code == 1
    assert f"with-logo.yaml:{line}:" in result.output and "is not a PNG or JPEG image" in result.output
