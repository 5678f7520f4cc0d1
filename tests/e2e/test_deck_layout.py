"""The deck is laid out once per build and every deck painter paints that one layout."""
from __future__ import annotations

import os
from pathlib import Path

from click.testing import CliRunner

from generator.cli import cli
from generator.render import slides

from ..conftest import DATA, ROOT


def test_everything_lays_each_deck_out_once_before_the_briefing_worker_forks(tmp_path, monkeypatch):
    trace = tmp_path / "trace"
    real = slides.layout_deck

    def traced(document, *args, **kwargs):
        # appending is atomic for short lines, also from a forked worker
        with open(trace, "a", encoding="utf-8") as handle:
            handle.write(f"{os.getpid()} {document.meta.meeting}\n")
        return real(document, *args, **kwargs)

    monkeypatch.setattr(slides, "layout_deck", traced)
    monkeypatch.setenv("BRIEFING_JOBS", "2")
    monkeypatch.setenv("BRIEFING_CACHE_DIR", str(ROOT / ".venv" / "briefing-cache"))
    out = tmp_path / "dist"
    result = CliRunner().invoke(cli, ["build", "one-pager", "party-building", "--data", str(DATA), "--format",
                                      "everything", "--out", str(out)], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in out.iterdir()) == sorted(
        f"{name}{suffix}" for name in ("one-pager", "party-building")
        for suffix in (".pptx", ".pdf", ".deck.pdf", ".handout.pdf", ".docx"))
    calls = trace.read_text(encoding="utf-8").splitlines()
    # one layout per meeting, made in this process: the forked worker painting the deck as PDF and the
    # handout did not lay the deck out again
    assert calls == [f"{os.getpid()} one-pager", f"{os.getpid()} party-building"]


def test_a_painter_called_on_its_own_lays_the_deck_out(tmp_path):
    from generator import document as d
    from generator.description import options_for as render_options
    from generator.render import RENDERERS
    from generator.theme import THEMES

    meta = d.Meta("标题", "副标题", "管委会", "2021年1月20日", "2021-01-20", "zh", "test", "主题", (), "来源", "页脚")
    document = d.Document(meta, (d.Page("要点", (d.BulletList(("第一条", "第二条")),)),), ())
    options = render_options(THEMES["civic_blue"], document)
    deck = slides.lay_out(document, options)
    for name in ("pptx", "deck-pdf", "handout"):
        alone, given = tmp_path / f"alone-{name}", tmp_path / f"given-{name}"
        RENDERERS[name].render(document, options, alone)
        RENDERERS[name].render(document, options, given, deck)
        assert Path(alone).read_bytes() == Path(given).read_bytes(), name


def test_the_briefing_worker_starts_before_the_decks_glyph_check_and_a_failing_check_leaves_nothing(tmp_path,
                                                                                                 monkeypatch):
    """The briefing needs only the faces: its worker is forked first, and the deck's options (every character's
    glyph, the deck faces) are made while it renders; when they fail, the worker is stopped and nothing is
    written."""
    from multiprocessing.process import BaseProcess

    from generator import build

    events: list[str] = []
    real_options, real_start = build.render_options, BaseProcess.start

    def options(*args, **kwargs):
        events.append("deck options")
        return real_options(*args, **kwargs)

    def start(self):
        events.append("worker forked")
        return real_start(self)

    monkeypatch.setattr(build, "render_options", options)
    monkeypatch.setattr(BaseProcess, "start", start)
    monkeypatch.setenv("BRIEFING_JOBS", "2")
    out = tmp_path / "dist"
    result = CliRunner().invoke(cli, ["build", "one-pager", "--data", str(DATA), "--out", str(out)],
                                catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert events == ["worker forked", "deck options"]

    def failing(*args, **kwargs):
        from generator.errors import GeneratorError

        raise GeneratorError("the font has no glyph for '\ue000'")

    monkeypatch.setattr(build, "render_options", failing)
    again = tmp_path / "again"
    result = CliRunner().invoke(cli, ["build", "one-pager", "--data", str(DATA), "--out", str(again)])
    assert result.exit_code == 1 and "\ue000" in result.output
    assert not again.exists() or not list(again.iterdir())
