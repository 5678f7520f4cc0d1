"""One description of a build: `briefing build`, `briefing check` and `briefing preview` of one layout render the
same document with the same options into the same bytes, for a layout that maps a template's slide layouts too."""
from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from click.testing import CliRunner

from ..conftest import DATA
from ..templates import make_template
from .test_template_sizes import _with_template

GERMAN = {"Title Slide": "Titelfolie", "Title Only": "Nur Titel", "Section Header": "Abschnittsüberschrift",
          "Title and Content": "Titel und Inhalt"}


def test_build_check_and_preview_render_the_same_documents_options_and_bytes(tmp_path, monkeypatch):
    from generator import fonts
    from generator.cli import cli
    from generator.preview.builder import PreviewBuilder
    from generator.render import RENDERERS

    # an empty cache: the preview, which may take any cached font subset covering its text, finds only the build's
    monkeypatch.setenv("BRIEFING_CACHE_DIR", str(tmp_path / "cache"))
    fonts._subset_folder.cache_clear()
    monkeypatch.setattr(fonts.subsets, "_EXACT_SUBSETS", True)  # the preview turns it off for its process
    monkeypatch.setenv("BRIEFING_JOBS", "1")  # every output rendered in this process, where it is watched
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1611100800")
    make_template(tmp_path / "firma.pptx", layout_names=GERMAN)
    layout = _with_template(tmp_path, "party-building", "firma.pptx",
                            'template_layouts: {title: Titelfolie, content: "Nur Titel"}\n')

    stage = ["build"]
    seen: dict[tuple[str, str], tuple[object, object, bytes]] = {}
    for name in ("deck-pdf", "pdf"):
        renderer = RENDERERS[name]

        def render(document, options, out_path, deck=None, _renderer=renderer, _name=name):
            summary = _renderer.render(document, options, out_path, deck)
            seen[(stage[0], _name)] = (document, options, Path(out_path).read_bytes())
            return summary

        monkeypatch.setitem(RENDERERS, name, replace(renderer, render=render))

    built = CliRunner().invoke(cli, ["build", str(layout), "--data", str(DATA), "--format", "deck-pdf",
                                     "--format", "pdf", "--out", str(tmp_path / "dist")], catch_exceptions=False)
    assert built.exit_code == 0, built.output
    stage[0] = "check"
    checked = CliRunner().invoke(cli, ["check", str(layout), "--data", str(DATA)], catch_exceptions=False)
    assert checked.exit_code == 0, checked.output
    stage[0] = "preview"
    (tmp_path / "work").mkdir()
    snapshot = PreviewBuilder(layout, DATA, None, tmp_path / "work").rebuild()
    assert snapshot.ok, snapshot.errors
    assert snapshot.slides and snapshot.pages

    for name in ("deck-pdf", "pdf"):
        document, options, data = seen[("build", name)]
        assert data == (tmp_path / "dist" / f"party-building{RENDERERS[name].suffix}").read_bytes()
        for other in ("check", "preview"):
            other_document, other_options, other_data = seen[(other, name)]
            assert other_document == document, (other, name)
            assert other_options == options, (other, name)
            assert other_data == data, (other, name)
    template = seen[("preview", "deck-pdf")][1].template
    assert template is not None
