"""The cache holds plain data verified by its hash: a damaged, planted, read-only or missing cache costs time and
never changes an output."""
from __future__ import annotations

import os
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from ..caches import seeded_cache
from ..conftest import LAYOUTS, ROOT

#: what the tests build of the one-pager, and so the font entries their caches start with where the fonts' cache is
#: not what is tested
ONE_PAGER = ("build", "one-pager", "--format", "everything")


def _project(tmp_path: Path) -> Path:
    shutil.copytree(ROOT / "data", tmp_path / "data")
    shutil.copytree(LAYOUTS, tmp_path / "layouts")
    return tmp_path


def _build(project: Path, cache: Path, out: str, *args: str) -> dict[str, bytes]:
    env = dict(os.environ, PYTHONPATH=str(ROOT), BRIEFING_CACHE_DIR=str(cache))
    run = subprocess.run([sys.executable, "-m", "generator", "build", "one-pager", "--out", out, *args], cwd=project,
                         env=env, capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stderr
    assert "Traceback" not in run.stderr
    return {p.name: p.read_bytes() for p in sorted((project / out).iterdir())}


def test_every_shipped_meeting_goes_through_the_cache_as_plain_data_unchanged(dataset):
    from generator import cache
    from generator.prepared import Prepared, _prepared_classes, resolve_theme
    from generator.compose import compose
    from generator.layouts import load_layout

    for path in sorted(LAYOUTS.glob("*.yaml")):
        layout = load_layout(path, dataset)
        for lang in ("zh", "en"):
            prepared = Prepared(compose(dataset, layout, lang), layout.slug, layout.model.language,
                                resolve_theme(layout), layout.template, layout.logo, layout.model.template_layouts)
            assert cache.loads(cache.dumps(prepared), _prepared_classes()) == prepared


@pytest.fixture(scope="module")
def clean(tmp_path_factory) -> dict[str, bytes]:
    """The one-pager's deck and briefing, built on a cache that held only font entries."""
    folder = tmp_path_factory.mktemp("clean")
    return _build(_project(folder), seeded_cache(folder / "cache", *ONE_PAGER), "a")


def test_a_planted_or_damaged_entry_is_never_trusted(tmp_path):
    project = _project(tmp_path)
    cache = seeded_cache(tmp_path / "cache", *ONE_PAGER)  # its font subsets are damaged below with the rest
    clean = _build(project, cache, "a")
    entries = list((cache / "prepared").iterdir())
    assert entries and all(e.suffix == ".json" for e in entries)
    for entry in entries:  # a truncated entry, and one whose bytes were changed after the hash was written
        blob = entry.read_bytes()
        entry.write_bytes(blob[: len(blob) // 2])
    for subset in (cache / "fonts").glob("*.ttf"):
        subset.write_bytes(subset.read_bytes()[:1000])
    for svg in (cache / "charts").glob("*.svg"):
        svg.write_bytes(b"<svg")
    assert _build(project, cache, "b") == clean
    # a pickle planted where an entry would be is plain bytes to the cache: it is read as JSON or not at all
    marker = tmp_path / "ran"
    planted = b"cos\nsystem\n(S'touch " + str(marker).encode() + b"'\ntR."
    for entry in (cache / "prepared").iterdir():
        entry.write_bytes(planted)
        entry.with_name(entry.name.replace(".json", ".pickle")).write_bytes(planted)
    assert _build(project, cache, "c") == clean
    assert not marker.exists()


def test_a_cache_that_cannot_be_written_costs_only_time(tmp_path, clean):
    project = _project(tmp_path)
    # /proc refuses new folders even to root (a read-only folder would not stop root, who runs CI)
    assert _build(project, Path("/proc/self/briefing-cache"), "b") == clean
    if os.path.isdir("/sys/kernel"):  # sysfs refuses new folders with another reason (EPERM)
        assert _build(project, Path("/sys/kernel/briefing-cache"), "d") == clean
    if os.geteuid() != 0:  # and, for other users, a folder without write permission
        cache = tmp_path / "read-only"
        cache.mkdir()
        cache.chmod(stat.S_IRUSR | stat.S_IXUSR)
        try:
            assert _build(project, cache, "c") == clean
        finally:
            cache.chmod(stat.S_IRWXU)


def test_a_file_in_place_of_the_cache_folder_costs_only_time(tmp_path, clean):
    project = _project(tmp_path)
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the cache folder should be")
    assert _build(project, blocker, "b") == clean


def test_an_article_kept_elsewhere_is_part_of_the_key(tmp_path):
    project = _project(tmp_path)
    cache = seeded_cache(tmp_path / "cache", *ONE_PAGER)
    (project / "sources").mkdir()
    shutil.move(project / "data" / "article.txt", project / "sources" / "article.txt")
    facts = project / "data" / "facts.yaml"
    facts.write_text(facts.read_text(encoding="utf-8").replace("  file: article.txt", "  file: ../sources/article.txt"),
                     encoding="utf-8")
    _build(project, cache, "a")
    article = project / "sources" / "article.txt"
    article.write_text(article.read_text(encoding="utf-8").replace("新增学位6510个", "新增学位6500个"), encoding="utf-8")
    env = dict(os.environ, PYTHONPATH=str(ROOT), BRIEFING_CACHE_DIR=str(cache))
    run = subprocess.run([sys.executable, "-m", "generator", "build", "one-pager", "--out", "b"], cwd=project, env=env,
                         capture_output=True, text=True, timeout=300)
    assert run.returncode == 1 and "school_places_added" in run.stderr, run.stderr


def test_cold_and_warm_caches_give_the_same_bytes_and_a_briefing_embeds_only_its_own_characters(tmp_path):
    project = _project(tmp_path)
    cold = _build(project, tmp_path / "cold", "a")
    other_cold = _build(project, tmp_path / "other-cold", "b")
    assert cold == other_cold
    warm = tmp_path / "warm"  # a cache that another meeting, with other characters, filled first
    env = dict(os.environ, PYTHONPATH=str(ROOT), BRIEFING_CACHE_DIR=str(warm))
    subprocess.run([sys.executable, "-m", "generator", "build", "lianghui", "--out", "c", "--lang", "en"], cwd=project,
                   env=env, capture_output=True, check=True, timeout=300)
    assert _build(project, warm, "d") == cold


def _dates(outputs: dict[str, bytes]) -> set[str]:
    """Every date an output states: the PDFs' info dictionaries, the deck's core properties and zip entry times."""
    import io
    import re
    import zipfile

    found = set()
    for name, blob in outputs.items():
        if name.endswith(".pdf"):
            found.update(m.decode() for m in re.findall(rb"/(?:CreationDate|ModDate) \(D:(\d{14})", blob))
        else:
            with zipfile.ZipFile(io.BytesIO(blob)) as deck:
                found.update("%04d%02d%02d%02d%02d%02d" % info.date_time for info in deck.infolist())
                core = deck.read("docProps/core.xml").decode()
                found.update(re.sub(r"\D", "", m) for m in re.findall(r"W3CDTF\">([^<]+)<", core))
    return found


def test_documents_are_dated_by_source_date_epoch_when_set_and_by_the_build_day_otherwise(tmp_path):
    import datetime as dt

    project = _project(tmp_path)
    caches = [seeded_cache(tmp_path / name, *ONE_PAGER) for name in ("c1", "c2")]
    os.environ["SOURCE_DATE_EPOCH"] = "1700000000"  # 2023-11-14 22:13:20 UTC
    try:
        first = _build(project, caches[0], "a", "--format", "everything")
        again = _build(project, caches[1], "b", "--format", "everything")
    finally:
        del os.environ["SOURCE_DATE_EPOCH"]
    assert first == again and len(first) == 5  # the deck, the briefing, the deck as PDF, the handout, the DOCX
    assert _dates(first) == {"20231114221320"}
    today = dt.date.today().strftime("%Y%m%d")
    undated = _build(project, tmp_path / "c1", "c", "--format", "everything")
    assert _dates(undated) in ({today + "000000"}, {dt.date.today().strftime("%Y%m%d") + "000000"})


def test_a_source_date_epoch_that_is_not_whole_seconds_is_refused_before_any_output(tmp_path):
    project = _project(tmp_path)
    env = dict(os.environ, PYTHONPATH=str(ROOT), BRIEFING_CACHE_DIR=str(tmp_path / "c"), SOURCE_DATE_EPOCH="yesterday")
    run = subprocess.run([sys.executable, "-m", "generator", "build", "one-pager", "--out", "a"], cwd=project, env=env,
                         capture_output=True, text=True, timeout=300)
    assert run.returncode == 1 and "SOURCE_DATE_EPOCH" in run.stderr and "Traceback" not in run.stderr, run.stderr
    assert not (project / "a").exists() or not any((project / "a").iterdir())


def test_remembered_page_numbers_save_a_layout_pass_and_wrong_ones_change_nothing(tmp_path, monkeypatch):
    """A warm build lays the briefing out once, with the page numbers of the last build; a planted or stale
    record of them costs passes and gives the same bytes."""
    from generator import cache

    project = _project(tmp_path)
    # the page numbers' cache is what is tested: the caches start with the fonts' entries only
    fonts_only = ("build", "lianghui", "--lang", "en", "--format", "pdf")
    seeded_cache(tmp_path / "cache", *fonts_only)
    seeded_cache(tmp_path / "cold-again", *fonts_only)
    env = dict(os.environ, PYTHONPATH=str(ROOT), BRIEFING_CACHE_DIR=str(tmp_path / "cache"), SOURCE_DATE_EPOCH="1611100800")

    def briefing(out: str, *extra: str) -> tuple[bytes, int]:
        code = ("import sys, reportlab.platypus.doctemplate as d; b = d.BaseDocTemplate.build\n"
                "def counted(self, *a, **k): print('layout pass', file=sys.stderr); return b(self, *a, **k)\n"
                "d.BaseDocTemplate.build = counted\n"
                "from generator.cli import main\nsys.argv[0] = 'briefing'\nmain()")
        run = subprocess.run([sys.executable, "-c", code, "build", "lianghui", "--lang", "en", "--format", "pdf",
                              "--out", out, *extra], cwd=project, env=env, capture_output=True, text=True, timeout=300)
        assert run.returncode == 0, run.stderr
        return (project / out / "lianghui.en.pdf").read_bytes(), run.stderr.count("layout pass")

    cold, cold_passes = briefing("a")
    warm, warm_passes = briefing("b")
    assert (cold_passes, warm_passes) == (2, 1)
    assert warm == cold
    monkeypatch.setenv("BRIEFING_CACHE_DIR", str(tmp_path / "cache"))
    records = list((tmp_path / "cache" / "pagination").iterdir())
    assert records
    for record in records:  # every page number wrong, and a page count too small
        cache.write("pagination", record.name, cache.record_text({"pages": [[[0, "x", 99, None]], 3]}).encode())
    planted, planted_passes = briefing("c")
    assert planted == cold and planted_passes >= 2
    # an edit that moves no page (the subtitle, in the running header) is laid out once, as a cold build would be
    layout = project / "layouts" / "lianghui.yaml"
    text = layout.read_text(encoding="utf-8")
    assert text.count("subtitle_en:") == 1
    layout.write_text(text.replace("subtitle_en:", "subtitle_en: Edited -"), encoding="utf-8")
    edited, edited_passes = briefing("d")
    env["BRIEFING_CACHE_DIR"] = str(tmp_path / "cold-again")
    edited_cold, _passes = briefing("e")
    assert edited_passes == 1 and edited == edited_cold != cold


def test_damaged_font_metrics_in_the_cache_are_measured_again(tmp_path, monkeypatch):
    """A metrics entry whose bytes changed (a disk error, a planted file) fails its hash and is made again."""
    from generator import fonts

    monkeypatch.setenv("BRIEFING_CACHE_DIR", str(tmp_path / "cache"))
    face = fonts.find_face(("Noto Sans CJK SC",), False)
    fresh = fonts.metrics._advances(face)
    entries = list((tmp_path / "cache" / "metrics").iterdir())
    assert len(entries) == 1
    blob = bytearray(entries[0].read_bytes())
    blob[-3] ^= 0xFF  # one advance width changed, the entry still a valid marshal of the same shape
    entries[0].write_bytes(bytes(blob))
    assert fonts.metrics._advances(face) == fresh


def test_each_kind_keeps_its_most_recently_used_entries_within_its_limits(tmp_path, monkeypatch):
    from generator import cache

    monkeypatch.setenv("BRIEFING_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setattr(cache, "MAX_ENTRIES", 3)
    monkeypatch.setattr(cache, "MAX_BYTES", 10_000)
    monkeypatch.setattr(cache, "_written", {})
    kind = tmp_path / "cache" / "charts"
    for number in range(4):  # test data: four entries, used one after the other (the oldest first)
        cache.write("charts", f"entry{number}.svg", b"test data %d" % number)
        os.utime(kind / f"entry{number}.svg", (1_000_000 + number, 1_000_000 + number))
    assert cache.read("charts", "entry0.svg") == b"test data 0"  # used again: now the most recent
    cache.evict_lru(kind)
    assert sorted(p.name for p in kind.iterdir()) == ["entry0.svg", "entry2.svg", "entry3.svg"]
    # beyond the size: the least recently used go until the rest fits, whatever their number
    monkeypatch.setattr(cache, "MAX_BYTES", 2 * (32 + 11))
    cache.evict_lru(kind)
    assert sorted(p.name for p in kind.iterdir()) == ["entry0.svg", "entry3.svg"]
    # a write evicts by itself (its kind's first in a process), and a font subset goes with its record
    monkeypatch.setattr(cache, "_written", {})
    monkeypatch.setattr(cache, "MAX_BYTES", 10_000)
    fonts = tmp_path / "cache" / "fonts"
    fonts.mkdir()
    assert cache.write_file(fonts, "face-1.ttf", b"a subset (test data)", {"chars": "ab"}) is not None
    os.utime(fonts / "face-1.ttf", (1_000_000, 1_000_000))
    os.utime(fonts / "face-1.record", (1_000_000, 1_000_000))
    assert [path.name for path, _record in cache.files(fonts, "face-")] == ["face-1.ttf"]
    monkeypatch.setattr(cache, "MAX_ENTRIES", 1)
    monkeypatch.setattr(cache, "_written", {})  # a new process
    cache.write("fonts", "other.bin", b"test data")
    assert sorted(p.name for p in fonts.iterdir()) == ["other.bin"]


def test_the_cache_folder_is_the_platforms_unless_briefing_cache_dir_names_one(tmp_path, monkeypatch):
    import platformdirs

    from generator import cache

    monkeypatch.setenv("BRIEFING_CACHE_DIR", str(tmp_path / "mine"))
    assert cache.folder() == tmp_path / "mine"
    monkeypatch.delenv("BRIEFING_CACHE_DIR")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert cache.folder() == Path(platformdirs.user_cache_dir("briefing", appauthor=False))
    if sys.platform.startswith("linux"):
        assert cache.folder() == tmp_path / "xdg" / "briefing"


def test_every_key_changes_with_the_code_and_the_libraries_versions(monkeypatch):
    from generator import cache

    assert "reportlab=" in cache.library_versions() and "matplotlib=" in cache.library_versions()
    assert "reportlab=-" not in cache.library_versions() and "python_pptx=-" not in cache.library_versions()
    before = cache.key("charts", "test data")
    monkeypatch.setattr(cache, "library_versions", lambda: "reportlab=0.0-test")
    assert cache.key("charts", "test data") != before
    monkeypatch.undo()
    monkeypatch.setattr(cache, "code_fingerprint", lambda: "0" * 64)
    assert cache.key("charts", "test data") != before
