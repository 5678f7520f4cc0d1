"""Other CJK fonts: a TrueType one (WenQuanYi Micro Hei) is embedded as it is, and its missing bold is a warning."""
from __future__ import annotations

import subprocess
from pathlib import Path

from click.testing import CliRunner

from generator.cli import cli

from ..conftest import DATA, LAYOUTS


def _layout(tmp_path: Path) -> Path:
    text = (LAYOUTS / "one-pager.yaml").read_text(encoding="utf-8")
    text += "theme_overrides:\n  fonts: {cjk_families: [WenQuanYi Micro Hei]}\n"
    path = tmp_path / "wqy.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_a_truetype_cjk_font_is_embedded_and_its_missing_bold_is_a_warning(tmp_path):
    layout = _layout(tmp_path)
    runner = CliRunner()
    result = runner.invoke(cli, ["build", str(layout), "--data", str(DATA), "--out", str(tmp_path / "dist")],
                           catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert "warning: WenQuanYi Micro Hei Regular" in result.output and "regular weight" in result.output
    fonts = subprocess.run(["pdffonts", str(tmp_path / "dist" / "wqy.pdf")], capture_output=True, text=True,
                           check=True).stdout.splitlines()[2:]
    assert fonts and all("WenQuanYi" in line and " yes yes yes " in line for line in fonts), fonts
    text = subprocess.run(["pdftotext", str(tmp_path / "dist" / "wqy.pdf"), "-"], capture_output=True, text=True,
                          check=True).stdout
    assert "259亿元" in text and "招引项目" in text


def test_strict_turns_the_warning_into_an_error_before_writing(tmp_path):
    result = CliRunner().invoke(cli, ["build", str(_layout(tmp_path)), "--data", str(DATA), "--out",
                                      str(tmp_path / "dist"), "--strict"], catch_exceptions=False)
    assert result.exit_code == 1 and "--strict makes it an error" in result.output
    assert not (tmp_path / "dist").exists()


def test_a_face_of_a_collection_is_chosen_with_path_and_index(tmp_path):
    """Noto's .ttc holds the Japanese face first; #2 is the Simplified Chinese one."""
    from generator.fonts import find_face, metrics_for

    noto = "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"
    chinese = find_face((), False, f"{noto}#2")
    japanese = find_face((), False, noto)
    assert (chinese.index, japanese.index) == (2, 0)
    assert metrics_for(chinese).advances != {} and chinese.path == japanese.path
