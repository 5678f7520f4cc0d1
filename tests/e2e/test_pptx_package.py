"""The decks are sound packages: every part valid against the ECMA-376 schemas (as the Open XML SDK checks them),
part names unique whatever the template's parts are called."""
from __future__ import annotations

import collections
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from generator.cli import cli

from ..conftest import DATA, LAYOUTS
from ..templates import make_template
from .conftest import LAYOUT_NAMES, SIZES, _deck
from .test_build import BUILDS, _out_name


@pytest.fixture(scope="session")
def validator():
    from openxml_audit import OpenXmlValidator

    return OpenXmlValidator()


def _problems(validator, path: Path) -> list[str]:
    result = validator.validate(str(path))
    return [str(error) for error in result.errors]


@pytest.mark.parametrize("name, lang", BUILDS)
def test_every_part_of_every_shipped_deck_is_schema_valid(built, validator, name, lang):
    assert _problems(validator, built / f"{_out_name(name, lang)}.pptx") == []


@pytest.mark.parametrize("size", SIZES)
def test_decks_on_templates_of_every_size_are_schema_valid(sized, validator, size):
    for name in LAYOUT_NAMES:
        for lang in ("zh", "en"):
            assert _problems(validator, _deck(sized[size], name, lang)) == [], (name, lang)


def test_a_template_whose_only_theme_is_theme2_gives_unique_part_names(tmp_path, validator):
    from pptx import Presentation
    from pptx.opc.constants import RELATIONSHIP_TYPE as RT
    from pptx.opc.packuri import PackURI

    template = make_template(tmp_path / "theme2.pptx")
    prs = Presentation(str(template))
    prs.slide_master.part.part_related_by(RT.THEME).partname = PackURI("/ppt/theme/theme2.xml")
    prs.save(str(template))
    assert [n for n in zipfile.ZipFile(template).namelist() if n.startswith("ppt/theme/")] == ["ppt/theme/theme2.xml"]
    text = (LAYOUTS / "one-pager.yaml").read_text(encoding="utf-8")
    layout = tmp_path / "one-pager.yaml"
    layout.write_text(text.replace("\ndeck:\n", "\ntemplate: theme2.pptx\ndeck:\n"), encoding="utf-8")
    result = CliRunner().invoke(cli, ["build", str(layout), "--data", str(DATA), "--format", "pptx", "--out",
                                      str(tmp_path / "dist")], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    deck = tmp_path / "dist" / "one-pager.pptx"
    names = zipfile.ZipFile(deck).namelist()
    assert [name for name, count in collections.Counter(names).items() if count > 1] == []
    # the notes master brought a theme of its own, named after the template's
    assert sorted(n for n in names if n.startswith("ppt/theme/")) == ["ppt/theme/theme2.xml", "ppt/theme/theme3.xml"]
    assert _problems(validator, deck) == []
    assert len(Presentation(str(deck)).slides) == 6  # title, two figure slides, the plan's points on two, comparison
