"""The charts drawn with matplotlib: as SVG with real text, or as PNG at the resolution asked, the same bytes each
time, for every chart kind."""
from __future__ import annotations

import io

import pytest
from PIL import Image

from generator import document as d
from generator.chartkinds import CHART_KINDS
from generator.fonts import find_face
from generator.render.figures import chart_png, chart_svg
from generator.theme import THEMES

THEME = THEMES["civic_blue"]


def _chart(kind: str) -> d.Chart:
    """Test data: three categories of one series, or a result beside its target for comparisons."""
    categories = ("甲项目", "乙项目", "丙项目")
    series = (d.Series("2020年", (259, 43, 40.1), ("259亿元", "43亿元", "40.1亿元")),)
    if CHART_KINDS[kind].of == "comparisons":
        series += (d.Series("2021年目标", (300, 50, 45), ("300亿元", "50亿元", "45亿元")),)
    return d.Chart(kind, "测试图", categories, series, "亿元", "测试图")


@pytest.mark.parametrize("kind", list(CHART_KINDS))
def test_every_kind_is_drawn_as_png_at_the_resolution_asked_and_as_svg(kind, tmp_path, monkeypatch):
    monkeypatch.setenv("BRIEFING_CACHE_DIR", str(tmp_path / "first"))  # drawn here, not read from a cache
    face = find_face(THEME.fonts.cjk_families, False, THEME.fonts.regular_file)
    chart = _chart(kind)
    png = chart_png(chart, THEME, face, 4.0, 2.5, 150)
    assert Image.open(io.BytesIO(png)).size == (600, 375)
    assert Image.open(io.BytesIO(chart_png(chart, THEME, face, 4.0, 2.5, 300))).size == (1200, 750)
    svg = chart_svg(chart, THEME, face, 4.0, 2.5)
    assert svg.startswith(b"<?xml") and "甲项目".encode() in svg  # text stays text
    monkeypatch.setenv("BRIEFING_CACHE_DIR", str(tmp_path / "second"))  # drawn again: the same bytes
    assert chart_png(chart, THEME, face, 4.0, 2.5, 150) == png
    assert chart_svg(chart, THEME, face, 4.0, 2.5) == svg


def test_a_warm_build_imports_neither_matplotlib_nor_pydantic(tmp_path):
    """The charts come from the cache and the meeting from the prepared cache: the drawing and the layout models'
    libraries stay unloaded (their import costs more than the rest of a warm build's work on charts)."""
    import os
    import subprocess
    import sys

    from ..conftest import ROOT
    from ..caches import publish, seed

    # charts and meetings start uncached; the font subsets and metrics, which this is not about, are the shared
    # cache's, so that the cold build does not convert the CJK font again
    env = dict(os.environ, BRIEFING_CACHE_DIR=str(seed(tmp_path / "cache")), BRIEFING_JOBS="1")
    command = [sys.executable, "-X", "importtime", "-m", "generator", "build", "--out", str(tmp_path / "out")]
    cold = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True)
    assert cold.returncode == 0, cold.stderr[-2000:]
    loaded = {line.rsplit("|", 1)[-1].strip() for line in cold.stderr.splitlines() if line.startswith("import time:")}
    assert {"matplotlib", "pydantic"} <= loaded  # the cold build drew and validated
    warm = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True)
    assert warm.returncode == 0, warm.stderr[-2000:]
    loaded = {line.rsplit("|", 1)[-1].strip() for line in warm.stderr.splitlines() if line.startswith("import time:")}
    assert "generator.render.figures" in loaded and not loaded & {"matplotlib", "pydantic"}
    publish(tmp_path / "cache", in_process=False)
