"""Every slide kind of generator/slidekinds and every briefing part of generator/partkinds is its module: the layout
model, `briefing kinds` and compose take them from there, every painter shows each, a new kind is one new module,
and a module missing a piece stops the program with its name."""
from __future__ import annotations

import functools
import re
import shutil
import subprocess
import sys
import typing
from pathlib import Path

import pytest
from click.testing import CliRunner
from pptx import Presentation

from generator import layouts as L
from generator.cli import cli
from generator.kinds import PARTS, SLIDES, gallery_layout
from generator.partkinds import PART_KINDS, PartKind
from generator.registry import discover
from generator.slidekinds import SLIDE_KINDS, SlideKind

from ..conftest import DATA, ROOT
from ..pdf_read import text as pdf_text

PACKAGE = ROOT / "generator"


def _modules(folder: str) -> list[str]:
    return sorted(p.stem for p in (PACKAGE / folder).glob("*.py") if not p.stem.startswith("_"))


def test_the_registries_are_the_modules_on_disk():
    assert sorted(SLIDE_KINDS) == _modules("slidekinds")
    assert sorted(PART_KINDS) == _modules("partkinds")
    # the layout model's entries, `briefing kinds` and the gallery are the registries, in their order
    assert typing.get_args(typing.get_args(L.SlideSpec)[0]) == tuple(k.spec for k in SLIDE_KINDS.values())
    assert typing.get_args(typing.get_args(L.PartSpec)[0]) == tuple(k.spec for k in PART_KINDS.values())
    assert list(SLIDES) == list(SLIDE_KINDS) and list(PARTS) == list(PART_KINDS)
    assert list(SLIDE_KINDS)[:3] == ["title", "agenda", "section_divider"] and list(PART_KINDS)[0] == "cover"


def _normal(text: str) -> str:
    return re.sub(r"\s+", "", text)


@pytest.fixture(scope="module")
def gallery(tmp_path_factory, dataset):
    """The gallery layout (one entry of each kind) built by every painter in both languages, and its documents."""
    from generator.compose import compose

    folder = tmp_path_factory.mktemp("gallery")
    path = folder / "gallery.yaml"
    path.write_text(gallery_layout(), encoding="utf-8")
    for lang in ("zh", "en"):
        result = CliRunner().invoke(cli, ["build", str(path), "--format", "everything", "--lang", lang, "--out",
                                          str(folder)], catch_exceptions=False)
        assert result.exit_code == 0, result.output
    layout = L.load_layout(path, dataset)
    return folder, layout, {lang: compose(dataset, layout, lang) for lang in ("zh", "en")}


@functools.lru_cache(maxsize=None)
def _gallery_pages(pdf: Path) -> tuple[str, ...]:
    """The text of each page of one of the gallery's PDFs without white space (as pdf_read.text gives it), read
    once for all the tests: the module's build does not change."""
    from pypdf import PdfReader

    return tuple(re.sub(r"\s+", "", page.extract_text()) for page in PdfReader(pdf).pages)


@functools.lru_cache(maxsize=None)
def _gallery_deck(pptx: Path) -> tuple[str, ...]:
    """The text of each slide of one of the gallery's decks, its shapes' text joined, read once for all the tests."""
    return tuple("".join(shape.text_frame.text for shape in slide.shapes if shape.has_text_frame)
                 for slide in Presentation(str(pptx)).slides)


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("name", list(SLIDE_KINDS))
def test_every_painter_shows_every_slide_kind(gallery, name, lang):
    folder, layout, documents = gallery
    stem = folder / ("gallery" if lang == "zh" else "gallery.en")
    index = list(SLIDE_KINDS).index(name)  # the gallery has one entry of each kind, in the registry's order
    assert layout.model.deck[index].kind == name
    slides = documents[lang].slides
    numbers = [n for n, page in enumerate(slides) if page.origin == layout.deck_lines[index]]
    assert numbers, f"the {name} entry made no slide"
    deck = _gallery_deck(Path(f"{stem}.pptx"))
    assert len(deck) == len(slides)
    for number in numbers:
        title = _normal(slides[number].title)
        assert title in _normal(deck[number]), (name, number, title)
        assert title in _gallery_pages(Path(f"{stem}.deck.pdf"))[number], (name, number, title)
        assert title in _gallery_pages(Path(f"{stem}.handout.pdf"))[number // 3], (name, number, title)


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("name", list(PART_KINDS))
def test_the_briefing_shows_every_part_kind(gallery, name, lang):
    folder, layout, documents = gallery
    index = list(PART_KINDS).index(name)
    assert layout.model.briefing[index].kind == name
    page = documents[lang].pages[index]
    assert page.blocks or page.title, f"the {name} part is empty"
    briefing = "".join(_gallery_pages(folder / ("gallery.pdf" if lang == "zh" else "gallery.en.pdf")))
    assert _normal(page.title) in briefing, (name, page.title)


QUOTE_SLIDE = '''"""The quote slide: a sentence of the article, large."""
from __future__ import annotations

from typing import TYPE_CHECKING, Literal

from ..document import Page, Paragraph
from ..specs import Titled
from . import SlideKind

if TYPE_CHECKING:
    from ..compose import Composer


class QuoteSlide(Titled):
    kind: Literal["quote"]
    fact: str


def compose_slide(c: Composer, spec: QuoteSlide) -> list[Page]:
    fact = c.d.facts[spec.fact]
    return [Page(c.title_of(spec, c.word(("原文摘录", "From the article"))), (Paragraph(fact.quote, "lead"),),
                 sources=c.sources([spec.fact]))]


KIND = SlideKind(QuoteSlide, "one sentence of the article, large", "- kind: quote\\n  fact: public_satisfaction",
                 compose_slide)
'''


def test_a_new_slide_kind_is_one_module(tmp_path):
    """A copy of the program with one module more: the schema, `briefing kinds`, validation and every painter
    know the new kind, and nothing else was changed."""
    shutil.copytree(PACKAGE, tmp_path / "generator", ignore=shutil.ignore_patterns("__pycache__"))
    (tmp_path / "generator" / "slidekinds" / "quote.py").write_text(QUOTE_SLIDE, encoding="utf-8")
    layout = tmp_path / "quote.yaml"
    layout.write_text("description: a quote\ntitle_zh: 引文\ntitle_en: Quote\ndate: 2021-01-20\n"
                      "deck:\n  - kind: title\n  - kind: quote\n    fact: public_satisfaction\n"
                      "briefing:\n  - kind: cover\n", encoding="utf-8")

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "generator", *args], capture_output=True, text=True,
                              cwd=tmp_path, env={"PYTHONPATH": str(tmp_path), "PATH": "/usr/bin:/bin",
                                                 "BRIEFING_CACHE_DIR": str(ROOT / ".venv" / "briefing-cache"),
                                                 "LANG": "C.UTF-8"})

    listed = run("kinds")
    assert listed.returncode == 0, listed.stderr
    assert "  quote: one sentence of the article, large\n    - kind: quote\n" in listed.stdout
    built = run("build", str(layout), "--data", str(DATA), "--format", "everything", "--out", str(tmp_path / "out"))
    assert built.returncode == 0, built.stderr
    quote = "群众办件综合满意度"  # the article's words of public_satisfaction
    assert "原文摘录" in pdf_text(tmp_path / "out" / "quote.deck.pdf", 2)
    assert quote in pdf_text(tmp_path / "out" / "quote.deck.pdf", 2)
    assert any("原文摘录" in shape.text_frame.text for shape in Presentation(str(tmp_path / "out" / "quote.pptx"))
               .slides[1].shapes if shape.has_text_frame)
    wrong = tmp_path / "wrong.yaml"
    wrong.write_text(layout.read_text(encoding="utf-8").replace("kind: quote", "kind: quotes"), encoding="utf-8")
    checked = run("build", str(wrong), "--data", str(DATA), "--out", str(tmp_path / "out"))
    assert checked.returncode == 1 and "wrong.yaml:7:5: unknown kind 'quotes' (did you mean 'quote'?)" in checked.stderr


@pytest.mark.parametrize("module, message", [
    ("no_kind", "must define KIND = SlideKind(...), not NoneType"),
    ("other_name", "defines the kind 'something'; a kind's module is named after its kind"),
    ("a_part", "must define KIND = SlideKind(...), not PartKind"),
    ("no_compose", "missing 1 required positional argument: 'compose'"),
    ("no_kind_field", "NoKindSlide must have a field kind: Literal['<its name>']"),
])
def test_a_module_missing_a_piece_stops_the_program(tmp_path, monkeypatch, module, message):
    head = ("from typing import Literal\nfrom generator.document import Page\nfrom generator.specs import Titled\n"
            "from generator.slidekinds import SlideKind\nfrom generator.partkinds import PartKind\n\n\n"
            "def compose(c, spec):\n    return []\n\n\n")
    bodies = {
        "no_kind": "class NoKind(Titled):\n    kind: Literal['no_kind']\n",
        "other_name": "class Other(Titled):\n    kind: Literal['something']\n\n\n"
                      "KIND = SlideKind(Other, 'x', '- kind: something', compose)\n",
        "a_part": "class APart(Titled):\n    kind: Literal['a_part']\n\n\nKIND = PartKind(APart, 'x', 'y', compose)\n",
        "no_compose": "class NoCompose(Titled):\n    kind: Literal['no_compose']\n\n\n"
                      "KIND = SlideKind(NoCompose, 'x', '- kind: no_compose')\n",
        "no_kind_field": "class NoKindSlide(Titled):\n    shown: str\n\n\n"
                         "KIND = SlideKind(NoKindSlide, 'x', 'y', compose)\n",
    }
    package = tmp_path / f"broken_{module}"
    package.mkdir()
    (package / "__init__.py").write_text('"""A kinds package with one broken module."""\n', encoding="utf-8")
    (package / "fine.py").write_text(head + "class Fine(Titled):\n    kind: Literal['fine']\n\n\n"
                                     "KIND = SlideKind(Fine, 'x', '- kind: fine', compose)\n", encoding="utf-8")
    (package / f"{module}.py").write_text(head + bodies[module], encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    with pytest.raises(TypeError, match=re.escape(message)) as raised:
        discover(package.name, [str(package)], SlideKind, lambda kind: kind.name)
    if module in ("no_kind", "other_name", "a_part"):
        assert f"{package.name}.{module}" in str(raised.value)  # the message names the module
