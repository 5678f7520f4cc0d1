"""Every chart kind of generator/chartkinds is drawn by every painter: a native chart of the type the PPTX painter
names for it in the deck, its figures in the deck as PDF, the handout and the briefing; and the kind added last,
grouped_bar, is its own module of meaning only."""
from __future__ import annotations

import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from generator.chartkinds import CHART_KINDS
from generator.cli import cli
from generator.render.pptx.charts import CHARTS as PPTX_CHARTS

from ..conftest import DATA
from ..progress_data import write_progress_dataset

#: what each kind shows with the shipped dataset: (the entry's key, its ids, the labels its figures print as)
ITEMS = {
    "facts": ("facts", ["high_tech_investment_growth", "technical_upgrade_investment_growth",
                        "leading_industries_investment_growth"], ["116.7%", "102.6%", "53.5%"]),
    "whole": ("facts", ["talent_platforms_national", "talent_platforms_provincial"], ["8家", "49家"]),
    "comparisons": ("comparisons", ["talents"], ["75名", "90名"]),
    "periods": ("facts", ["innovation_teams", "innovation_teams_2021"], ["13个", "16个"]),  # with a later report
}
#: the element and bar direction of each PowerPoint chart type the kinds name
PPTX_TYPES = {"COLUMN_CLUSTERED": ("barChart", "col"), "BAR_CLUSTERED": ("barChart", "bar"),
              "DOUGHNUT": ("doughnutChart", None), "LINE_MARKERS": ("lineChart", None)}


def _items(kind) -> tuple[str, list[str], list[str]]:
    return ITEMS["whole" if kind.parts_of_a_whole else "periods" if kind.over_periods else kind.of]


def _dataset_with_a_complete_whole(folder: Path) -> Path:
    """The shipped dataset, but with the platforms' whole declared complete (and without its total), so that a
    chart of parts of a whole has one to show."""
    shutil.copytree(DATA.parent, folder / "data")
    facts = folder / "data" / "facts.yaml"
    text = facts.read_text(encoding="utf-8")
    text = text.replace("    total: talent_platforms_total\n", "").replace("    complete: false  #", "    complete: true  #")
    facts.write_text(text, encoding="utf-8")
    return facts


def _pdf_text(path: Path) -> str:
    return subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout


@pytest.mark.render
@pytest.mark.parametrize("name", list(CHART_KINDS))
def test_every_painter_draws_every_chart_kind(name, tmp_path):
    kind = CHART_KINDS[name]
    key, ids, labels = _items(kind)
    items = f"{key}: [{', '.join(ids)}]"
    layout = tmp_path / "charts.yaml"
    layout.write_text(
        "description: one chart\ntitle_zh: 图表\ntitle_en: Chart\ndate: 2021-01-20\n"
        f"deck:\n  - kind: title\n  - kind: chart\n    chart: {name}\n    {items}\n"
        "briefing:\n  - kind: cover\n  - kind: section\n    section: investment_talent\n    fact_table: false\n"
        f"    charts:\n      - chart: {name}\n        {items}\n", encoding="utf-8")
    data = write_progress_dataset(tmp_path / "data") if kind.over_periods else _dataset_with_a_complete_whole(tmp_path)
    result = CliRunner().invoke(cli, ["build", str(layout), "--data", str(data), "--format", "everything", "--out",
                                      str(tmp_path / "out")], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    out = tmp_path / "out"
    with zipfile.ZipFile(out / "charts.pptx") as deck:
        charts = [n for n in deck.namelist() if re.fullmatch(r"ppt/charts/chart\d+\.xml", n)]
        assert len(charts) == 1
        xml = deck.read(charts[0]).decode()
    element, direction = PPTX_TYPES[PPTX_CHARTS[name].chart_type.name]
    assert f"<c:{element}>" in xml
    if direction:
        assert f'<c:barDir val="{direction}"/>' in xml
    if kind.values_in_legend:  # the legend carries the values
        assert all(label in xml for label in labels)
    else:
        assert all(f"<a:t>{label}</a:t>" in xml for label in labels), xml[:400]
    # the chart's own cache of its workbook's numbers: the plain values, each once
    numbers = sorted(float(v) for block in re.findall(r"<c:val>(.*?)</c:val>", xml)
                     for v in re.findall(r"<c:v>([^<]+)</c:v>", block))
    assert numbers == sorted(float(re.sub(r"[^\d.]", "", label)) for label in labels)
    for pdf in ("charts.deck.pdf", "charts.handout.pdf", "charts.pdf"):
        shown = _pdf_text(out / pdf).replace(" ", "")
        assert all(label in shown for label in labels), (pdf, shown[-400:])


def test_a_kind_is_its_module(tmp_path):
    """The registry is the package's modules: each names its kind after its file, and every module is found."""
    folder = Path(__file__).resolve().parents[2] / "generator" / "chartkinds"
    modules = sorted(p.stem for p in folder.glob("*.py") if not p.stem.startswith("_"))
    assert sorted(CHART_KINDS) == modules
    assert "grouped_bar" in CHART_KINDS and CHART_KINDS["grouped_bar"].horizontal
