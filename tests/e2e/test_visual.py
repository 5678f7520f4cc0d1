"""Every shipped layout in both languages, without a template and on 4:3 and 16:10 templates, rendered by the
project's own deck-PDF and briefing painters and by LibreOffice, and measured as a reader sees it: no line ends
inside a figure, no Chinese character stands alone on a line, no two texts overlap, every text has the contrast
WCAG AA asks for on its fill. Pictures of the pages with faults are kept in .venv/test-output/visual/."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from .. import visual_checks as v
from ..conftest import ROOT
from .conftest import LAYOUT_NAMES

pytestmark = pytest.mark.render
VARIANTS = ("plain", "4:3", "16:10")  # no template, and templates of these sizes (16:10's has dark colours)
#: the variants whose decks LibreOffice's drawings are looked at too
DRAWN_BY_LIBREOFFICE = ("plain", "16:10")
CASES = [(variant, name, lang) for variant in VARIANTS for name in LAYOUT_NAMES for lang in ("zh", "en")]
KEPT = ROOT / ".venv" / "test-output" / "visual"


def _stem(name: str, lang: str) -> str:
    own = "en" if name == "investment" else "zh"
    return name if lang == own else f"{name}.{lang}"


def _slug(variant: str) -> str:
    return variant.replace(":", "x")


@pytest.fixture(scope="session")
def rendered(built, built_in_libreoffice, sized, sized_in_libreoffice) -> dict[str, tuple[Path, Path | None]]:
    """Per variant, the folder holding every layout's deck, deck as PDF (and, without a template, briefing) in both
    languages, and the folder of LibreOffice's PDFs of the decks for the variants it draws (each deck costs it
    about two seconds)."""
    shutil.rmtree(KEPT, ignore_errors=True)
    return {variant: (built, built_in_libreoffice) if variant == "plain" else
            (sized[variant] / "dist", sized_in_libreoffice[variant] if variant in DRAWN_BY_LIBREOFFICE else None)
            for variant in VARIANTS}


@pytest.fixture(scope="session")
def patterns(dataset):
    return {lang: v.figure_patterns(dataset, lang) for lang in ("zh", "en")}


def _outputs(rendered: dict[str, Path], variant: str, name: str, lang: str) -> dict[str, Path]:
    """The files of one case that exist: deck, deck as PDF, briefing, LibreOffice's PDF of the deck."""
    (dist, drawn), stem = rendered[variant], _stem(name, lang)
    files = {"deck": dist / f"{stem}.pptx", "deck-pdf": dist / f"{stem}.deck.pdf", "briefing": dist / f"{stem}.pdf"}
    if drawn is not None:
        files["libreoffice"] = drawn / f"{stem}.pdf"
    return {kind: path for kind, path in files.items() if path.exists()}


def _check(faults: dict[str, list[str]], files: dict[str, Path], case: str) -> None:
    """Fail with every fault, after keeping pictures of the pages they are on (the deck's slides from
    LibreOffice's PDF, else from the deck as PDF)."""
    faults = {kind: found for kind, found in faults.items() if found}
    for kind, found in faults.items():
        pdf = files.get(kind) if kind != "deck" else files.get("libreoffice", files.get("deck-pdf"))
        if pdf is not None and pdf.suffix == ".pdf":
            v.keep_pages(pdf, found, KEPT / case, kind)
    assert not faults, f"pictures in {KEPT / case}: {faults}"


@pytest.mark.parametrize("variant, name, lang", CASES)
def test_no_line_ends_inside_a_figure_and_no_character_stands_alone(rendered, patterns, variant, name, lang):
    """约⏎43亿元, 2亿美元⏎以上, RMB 1⏎billion, at⏎least RMB 100,000, RMB⏎100-billion-level, 认⏎定, （中长期目⏎标）:
    neither in the deck's own lines, nor as the deck-PDF, the briefing or LibreOffice draw them."""
    files = _outputs(rendered, variant, name, lang)
    faults = {"deck": v.pptx_line_faults(files["deck"], patterns[lang])}
    for kind in ("deck-pdf", "briefing", "libreoffice"):
        if kind in files:
            faults[kind] = v.pdf_line_faults(files[kind], patterns[lang])
    _check(faults, files, f"{_slug(variant)}-{_stem(name, lang)}-lines")


@pytest.mark.parametrize("variant, name, lang", CASES)
def test_no_two_texts_overlap(rendered, variant, name, lang):
    """The lines of two text boxes of a slide never share any room, nor do two words LibreOffice draws."""
    from ..pdf_lines import faults as pdf_faults

    files = _outputs(rendered, variant, name, lang)
    faults = {"deck": v.pptx_overlaps(files["deck"])}
    if "libreoffice" in files:
        faults["libreoffice"] = [f.removeprefix("page ") for f in pdf_faults(files["libreoffice"]) if "overlap" in f]
    _check(faults, files, f"{_slug(variant)}-{_stem(name, lang)}-overlaps")


@pytest.mark.parametrize("variant, name, lang", CASES)
def test_every_slide_text_meets_wcag_aa_contrast_on_its_fill(rendered, variant, name, lang):
    """4.5:1, or 3:1 for text of 18 pt (14 pt bold) and more, against the fill behind it: the party_red closing
    slide's 16 pt contact line in light pink on red had 4.2:1."""
    files = _outputs(rendered, variant, name, lang)
    _check({"deck": v.pptx_contrast(files["deck"])}, files, f"{_slug(variant)}-{_stem(name, lang)}-contrast")


@pytest.mark.parametrize("name", LAYOUT_NAMES)
def test_the_briefing_sets_english_ragged_right(rendered, name):
    """English paragraphs are not justified: no line of words stands further apart than a wide word space."""
    files = _outputs(rendered, "plain", name, "en")
    _check({"briefing": v.pdf_word_gaps(files["briefing"])}, files, f"plain-{_stem(name, 'en')}-gaps")


@pytest.mark.parametrize("name, lang", [(name, lang) for name in LAYOUT_NAMES for lang in ("zh", "en")])
def test_the_master_prompts_in_the_decks_language_and_charts_draw_no_gridlines(rendered, name, lang):
    deck = _outputs(rendered, "plain", name, lang)["deck"]
    prompts = v.pptx_master_prompts(deck)
    if lang == "zh":
        assert "单击此处编辑母版标题样式" in prompts and not any("Click" in p for p in prompts), prompts
    else:
        assert "Click to edit Master title style" in prompts, prompts
    # values are labelled and the value axis is hidden: gridlines would have no scale
    assert v.pptx_gridlines(deck) == []


@pytest.mark.parametrize("variant, name, lang", CASES)
def test_continued_slides_share_their_items_evenly(rendered, variant, name, lang):
    """A slide that continues another holds at least a third of the items of the fullest (party-building in English on a
    16:10 template held 3 + 2 + 1 figure cards)."""
    counts: dict[str, list[int]] = {}
    for title, items in v.pptx_item_counts(_outputs(rendered, variant, name, lang)["deck"]):
        counts.setdefault(title, []).append(items)
    unfair = {title: parts for title, parts in counts.items() if len(parts) > 1 and 3 * min(parts) < max(parts)}
    assert not unfair


@pytest.mark.parametrize("variant, name, lang", CASES)
def test_slides_and_pages_use_their_room(rendered, variant, name, lang):
    """The ink of every content slide covers at least half of its body (below the title, above the footer), as the
    deck-PDF and LibreOffice draw it; of every briefing page but a part's last, at least 40% of its type area."""
    files = _outputs(rendered, variant, name, lang)
    slide_body = (0.03, 0.20, 0.97, 0.90)
    framing = v.non_content_slides(files["deck"])
    assert 1 in framing  # the title slide, at least
    faults = {kind: v.ink_coverage(files[kind], slide_body, 0.5, framing) for kind in ("deck-pdf", "libreoffice")
              if kind in files}
    if "briefing" in files:
        a4_body = (20 / 210, 22 / 297, 1 - 20 / 210, 1 - 22 / 297)
        faults["briefing"] = v.ink_coverage(files["briefing"], a4_body, 0.4, v.part_last_pages(files["briefing"]))
    _check(faults, files, f"{_slug(variant)}-{_stem(name, lang)}-room")
