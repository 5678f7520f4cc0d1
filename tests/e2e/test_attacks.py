"""Inputs chosen as an attacker would: special files, huge files, rewritten cache entries, hostile preview requests.
Each case runs in its own process under memory and CPU-time limits (never a wall-clock assertion: the timeout
only stops a hang) and must end with one message naming the file, never a traceback."""
from __future__ import annotations

import hashlib
import os
import resource
import subprocess
import sys
from pathlib import Path

import pytest

from ..caches import SHARED, seeded_cache
from ..conftest import DATA, ROOT

SMALL = (ROOT / "tests" / "fixtures" / "small-layout.yaml").read_text(encoding="utf-8")
MEMORY_BYTES = 2**30
CPU_SECONDS = 60


def _limited() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_BYTES, MEMORY_BYTES))
    resource.setrlimit(resource.RLIMIT_CPU, (CPU_SECONDS, CPU_SECONDS))


def briefing(folder: Path, *args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """Run `briefing --ui en ARGS` in folder, in a process of its own under the limits, with a cache of its own that
    holds only the fonts' entries: what an input costs is spent on the input, not on converting the CJK font."""
    environment = dict(os.environ, PYTHONPATH=str(ROOT), BRIEFING_CACHE_DIR=str(folder / "cache")) | (env or {})
    if environment["BRIEFING_CACHE_DIR"] == str(folder / "cache") and not (folder / "cache").exists():
        seeded_cache(folder / "cache")
    # the timeout only ends a process that waits for ever (a pipe); nothing here measures time
    return subprocess.run([sys.executable, "-m", "generator", "--ui", "en", *args], cwd=folder, env=environment,
                          capture_output=True, text=True, errors="replace", timeout=300, preexec_fn=_limited)


def assert_refused(run: subprocess.CompletedProcess[str], *expected: str) -> None:
    output = run.stdout + run.stderr
    assert run.returncode == 1, output
    assert "Traceback" not in output and "internal error" not in output and "MemoryError" not in output, output
    for text in expected:
        assert text in run.stderr, run.stderr


def _meeting(folder: Path, extra: str = "") -> str:
    """A small layout (test data) with extra keys before its deck."""
    (folder / "meeting.yaml").write_text(SMALL.replace("deck:\n", extra + "deck:\n"), encoding="utf-8")
    return "meeting.yaml"


def _sparse(path: Path, size: int = 3 * 2**30) -> None:
    with open(path, "wb") as handle:  # costs no disk
        handle.truncate(size)


# --- special and huge files, wherever an input file is named -------------------------------------------------

@pytest.mark.parametrize("kind", ["fifo", "folder", "zero", "loop"])
def test_a_layout_that_is_no_regular_file_says_what_it_is(tmp_path, kind):
    path = tmp_path / "meeting.yaml"
    if kind == "fifo":
        os.mkfifo(path)
    elif kind == "folder":
        path.mkdir()
    elif kind == "zero":
        path.symlink_to("/dev/zero")
    else:
        path.symlink_to(path)
    expected = {"fifo": "is not a regular file (a device or a pipe)", "zero": "is not a regular file (a device or a pipe)",
                "folder": "is a folder, not a file", "loop": "is a symbolic link that leads back to itself"}[kind]
    run = briefing(tmp_path, "build", "meeting.yaml", "--data", str(DATA), "--out", "out")
    assert_refused(run, "meeting.yaml: layout " + expected)
    assert "not found" not in run.stderr


def test_a_symlink_loop_as_the_dataset_is_named(tmp_path):
    (tmp_path / "facts.yaml").symlink_to(tmp_path / "facts.yaml")
    assert_refused(briefing(tmp_path, "check", "--data", "facts.yaml"), "facts.yaml: dataset is a symbolic link")


@pytest.mark.parametrize("what", ["logo", "template"])
@pytest.mark.parametrize("kind", ["fifo", "huge", "zero"])
def test_a_logo_or_template_that_is_a_pipe_a_device_or_huge_is_refused_where_the_layout_names_it(tmp_path, what,
                                                                                                  kind):
    name = "logo.png" if what == "logo" else "corporate.pptx"
    if kind == "fifo":
        os.mkfifo(tmp_path / name)
    elif kind == "zero":
        (tmp_path / name).symlink_to("/dev/zero")
    else:
        _sparse(tmp_path / name)
    layout = _meeting(tmp_path, f"{what}: {name}\n")
    expected = "KiB; the limit is" if kind == "huge" else "is not a regular file (a device or a pipe)"
    run = briefing(tmp_path, "build", layout, "--data", str(DATA), "--out", "out")
    assert_refused(run, "meeting.yaml:", expected, name)
    assert not (tmp_path / "out").exists()


def test_a_template_read_by_the_painter_is_read_through_the_same_walls(tmp_path):
    from generator.errors import GeneratorError
    from generator.render.pptx.template import read_template

    os.mkfifo(tmp_path / "corporate.pptx")
    with pytest.raises(GeneratorError, match="template is not a regular file"):
        read_template(tmp_path / "corporate.pptx")


@pytest.mark.parametrize("source", ["huge", "passwd", "fifo"])
def test_new_layout_copies_only_a_layout(tmp_path, source):
    path = {"huge": tmp_path / "big.yaml", "passwd": Path("/etc/passwd"), "fifo": tmp_path / "pipe.yaml"}[source]
    if source == "huge":
        _sparse(path)
    elif source == "fifo":
        os.mkfifo(path)
    run = briefing(tmp_path, "new-layout", "copied", "--from", str(path))
    expected = {"huge": "the limit is 2048 KiB", "passwd": "a layout must be a group of keys and values",
                "fifo": "is not a regular file"}[source]
    assert_refused(run, expected)
    assert not (tmp_path / "layouts" / "copied.yaml").exists()


def test_new_layout_when_layouts_is_a_file(tmp_path):
    (tmp_path / "layouts").write_text("test data: a file where the folder of layouts belongs\n", encoding="utf-8")
    assert_refused(briefing(tmp_path, "new-layout", "copied"), "layouts is a file, not a folder of layouts")


# --- the cache ----------------------------------------------------------------------------------------------------

def test_a_cache_entry_rewritten_with_a_fresh_hash_is_not_trusted(tmp_path, monkeypatch):
    from generator import cache

    monkeypatch.setenv("BRIEFING_CACHE_DIR", str(tmp_path))
    cache.write("prepared", "entry.json", b'{"projects": "107"}')
    assert cache.read("prepared", "entry.json") == b'{"projects": "107"}'
    forged = b'{"projects": "999"}'
    (tmp_path / "prepared" / "entry.json").write_bytes(hashlib.sha256(forged).digest() + forged)
    assert cache.read("prepared", "entry.json") is None


def test_a_cache_entry_that_is_a_pipe_is_no_entry(tmp_path, monkeypatch):
    from generator import cache

    monkeypatch.setenv("BRIEFING_CACHE_DIR", str(tmp_path))
    (tmp_path / "charts").mkdir()
    os.mkfifo(tmp_path / "charts" / "entry.svg")
    assert cache.read("charts", "entry.svg") is None


def test_deeply_nested_json_in_a_cache_entry_is_not_an_entry():
    from generator import cache

    with pytest.raises(ValueError):
        cache.loads(b"[" * 200_000 + b"]" * 200_000, {})
    with pytest.raises(ValueError):
        cache.record_of("[" * 200_000 + "]" * 200_000)


# --- the preview ----------------------------------------------------------------------------------------------------

DESCRIPTORS = 1024


def _preview_limits() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_BYTES, MEMORY_BYTES))
    resource.setrlimit(resource.RLIMIT_NOFILE, (DESCRIPTORS, DESCRIPTORS))
    resource.setrlimit(resource.RLIMIT_CPU, (CPU_SECONDS * 4, CPU_SECONDS * 4))


class LimitedPreview:
    """`briefing preview` of a small layout in its own process, under a 1 GB memory and a 1,024-file limit."""

    def __init__(self, folder: Path, layout: str):
        import re
        import threading

        self.folder = folder
        env = dict(os.environ, PYTHONPATH=str(ROOT), BRIEFING_CACHE_DIR=str(ROOT / ".venv" / "briefing-cache"),
                   TMPDIR=str(folder / "tmp"))
        (folder / "tmp").mkdir(exist_ok=True)
        self.process = subprocess.Popen([sys.executable, "-m", "generator", "--ui", "en", "preview", layout, "--data",
                                         str(DATA), "--port", "0"], cwd=folder, env=env,
                                        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
                                        preexec_fn=_preview_limits)
        self.lines: list[str] = []
        self.reader = threading.Thread(target=lambda: self.lines.extend(self.process.stderr), daemon=True)
        self.reader.start()
        self.url = self._wait(lambda: next((m.group(0) for line in list(self.lines)
                                             if (m := re.search(r"http://127\.0\.0\.1:\d+", line))), None))
        self.port = int(self.url.rsplit(":", 1)[1])

    def _wait(self, found, limit: int = 1200):
        import time

        for _ in range(limit):  # a bound on polls, each 0.1 s: the preview's speed is not what is tested
            value = found()
            if value:
                return value
            assert self.process.poll() is None, "".join(self.lines)
            time.sleep(0.1)
        raise AssertionError("".join(self.lines))

    def get(self, path: str, host: str | None = None) -> tuple[int, bytes]:
        import http.client

        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        try:
            connection.request("GET", path, headers={"Host": f"127.0.0.1:{self.port}" if host is None else host})
            response = connection.getresponse()
            return response.status, response.read() if path != "/events" or response.status != 200 else b""
        finally:
            connection.close()

    def state(self) -> dict:
        import json

        return json.loads(self.get("/state.json")[1])

    def wait_for(self, condition) -> dict:
        return self._wait(lambda: (lambda s: s if condition(s) else None)(self.state()))

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait()
        self.reader.join(timeout=10)
        self.process.stderr.close()


@pytest.fixture
def preview(tmp_path):
    started: list[LimitedPreview] = []

    def start(layout: str = "meeting.yaml") -> LimitedPreview:
        if not (tmp_path / layout).exists():
            _meeting(tmp_path)
        started.append(LimitedPreview(tmp_path, layout))
        return started[-1]

    yield start
    for process in started:
        process.stop()


def test_the_preview_answers_only_to_its_own_address(preview):
    running = preview()
    running.wait_for(lambda s: s["version"] >= 1 and not s["building"])
    for host in ("evil.example", "localhost.evil.example", f"evil.example:{running.port}", "127.0.0.1",
                 f"127.0.0.1.evil.example:{running.port}", ""):
        for path in ("/", "/state.json", "/events", "/img/0000000000.jpg", "/nowhere"):
            assert running.get(path, host)[0] == 403, (host, path)
    assert running.get("/", f"localhost:{running.port}")[0] == 200
    assert running.get("/state.json")[0] == 200


def test_the_preview_survives_a_flood_of_idle_connections_and_hostile_saves(preview, tmp_path):
    import socket

    running = preview()
    first = running.wait_for(lambda s: s["version"] >= 1 and not s["building"] and s["ok"])
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if soft < 4096:
        resource.setrlimit(resource.RLIMIT_NOFILE, (min(4096, hard), hard))
    idle = []
    try:
        for _ in range(1100):  # more than the preview may open: each waits without sending a request
            idle.append(socket.create_connection(("127.0.0.1", running.port)))
        status, _body = running.get("/state.json")
        assert status == 200
        # the watcher still sees saves: a new title is built
        layout = tmp_path / "meeting.yaml"
        layout.write_text(layout.read_text(encoding="utf-8").replace("测试会议", "测试会议二"), encoding="utf-8")
        second = running.wait_for(lambda s: s["version"] > first["version"] and not s["building"])
        assert second["ok"], second
    finally:
        for connection in idle:
            connection.close()

    # hostile saves: the page shows an error and keeps the last good images, and later saves are built
    for hostile in ("zero", "fifo"):
        layout.unlink()
        if hostile == "zero":
            layout.symlink_to("/dev/zero")
        else:
            os.mkfifo(layout)
        before = running.state()["version"]
        broken = running.wait_for(lambda s: s["version"] > before and not s["building"])
        assert not broken["ok"] and "is not a regular file" in " ".join(broken["errors"]), broken
        assert broken["slides"] == second["slides"]
    layout.unlink()
    _meeting(tmp_path)
    before = running.state()["version"]
    assert running.wait_for(lambda s: s["version"] > before and not s["building"])["ok"]
    output = "".join(running.lines)
    assert "Traceback" not in output and len(output) < 20_000, output[-3000:]

    running.process.send_signal(__import__("signal").SIGINT)  # one Ctrl-C is enough
    assert running.process.wait(timeout=60) == 130


def test_a_killed_preview_s_temporary_folder_is_removed_by_the_next(preview, tmp_path):
    first = preview()
    first.wait_for(lambda s: s["version"] >= 1 and not s["building"])
    left = list((tmp_path / "tmp").glob("briefing-preview-*"))
    assert len(left) == 1
    first.stop()
    assert left[0].exists()
    second = preview()
    second.wait_for(lambda s: s["version"] >= 1 and not s["building"])
    assert not left[0].exists()
    assert len(list((tmp_path / "tmp").glob("briefing-preview-*"))) == 1  # the running one's is kept


# --- costs that grow with the input -----------------------------------------------------------------------------

def _cpu_seconds() -> float:
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def _work_of(tmp_path: Path, dataset, entry: str, fmt: str, tries: int = 3) -> float:
    """CPU seconds (this process and its renderers) of building a layout holding entry, the least of TRIES."""
    from generator.build import build
    from generator.description import describe
    from generator.outputs import Outputs
    from generator.prepared import Inputs

    text = (f"description: test data\ntitle_zh: 测试\ntitle_en: test\ndate: 2021-01-20\ndeck:\n  - kind: title\n"
            f"{entry if fmt == 'pptx' else ''}briefing:\n  - kind: cover\n{entry if fmt == 'pdf' else ''}")
    (tmp_path / "costly.yaml").write_text(text, encoding="utf-8")
    spent = []
    for _ in range(tries):
        before = _cpu_seconds()
        outputs = Outputs()
        build(describe(tmp_path / "costly.yaml", Inputs(DATA, dataset), "en", (fmt,)), tmp_path / "out", outputs)
        outputs.commit()
        spent.append(_cpu_seconds() - before)
    return min(spent)


@pytest.mark.parametrize("kind,fmt", [("fact_table", "pptx"), ("at_a_glance", "pdf")])
def test_a_table_of_twice_the_facts_costs_about_twice_the_work(tmp_path, dataset, monkeypatch, kind, fmt):
    monkeypatch.setenv("BRIEFING_CACHE_DIR", str(tmp_path / "cache"))
    ids = [fact.id for fact in dataset.model.facts if fact.value is not None]
    small, large = ids[:30], (ids * 2)[:60]
    _work_of(tmp_path, dataset, f"  - kind: {kind}\n    facts: [{', '.join(small)}]\n", fmt, tries=1)  # fonts, charts
    base = _work_of(tmp_path, dataset, f"  - kind: cover\n" if fmt == "pdf" else "", fmt)
    once = _work_of(tmp_path, dataset, f"  - kind: {kind}\n    facts: [{', '.join(small)}]\n", fmt) - base
    twice = _work_of(tmp_path, dataset, f"  - kind: {kind}\n    facts: [{', '.join(large)}]\n", fmt) - base
    assert twice <= 3 * max(once, 0.05), (base, once, twice)


@pytest.mark.parametrize("entry,expected", [
    ("  - kind: fact_table\n    facts: [" + ", ".join(["projects_attracted"] * 61) + "]\n", "at most 60"),
    ("  - kind: text\n    text_en: [" + "a" * 2001 + "]\n", "has 2001 characters; at most 2000"),
])
def test_lists_and_lines_are_capped(tmp_path, entry, expected):
    (tmp_path / "meeting.yaml").write_text(SMALL.replace("deck:\n", "deck:\n" + entry), encoding="utf-8")
    assert_refused(briefing(tmp_path, "check", "meeting.yaml", "--data", str(DATA)), "meeting.yaml:", expected)


def test_a_title_of_ten_thousand_letters_or_with_a_tab_is_refused_with_its_line(tmp_path):
    text = SMALL.replace("title_en: Test meeting", "title_en: " + "a" * 10_000).replace("title_zh: 测试会议",
                                                                                        'title_zh: "测试\\t会议"')
    (tmp_path / "meeting.yaml").write_text(text, encoding="utf-8")
    assert_refused(briefing(tmp_path, "check", "meeting.yaml", "--data", str(DATA)),
                   "meeting.yaml:2:1: 'title_zh': a tab or a carriage return", "meeting.yaml:3:1: 'title_en' has 10000")


def test_a_flood_of_one_mistake_prints_the_first_few_and_a_count(tmp_path):
    from ..conftest import ARTICLE

    (tmp_path / "article.txt").write_bytes(ARTICLE.read_bytes())
    text = DATA.read_text(encoding="utf-8")
    first_point = text.index("- ", text.index("points_zh:"))
    end = text.index("\n", first_point)
    # test data: one point made of 150,000 unknown placeholders
    (tmp_path / "facts.yaml").write_text(text[:first_point] + '- "' + "{nope}" * 150_000 + '"' + text[end:],
                                         encoding="utf-8")
    run = briefing(tmp_path, "check", "--data", "facts.yaml")
    assert_refused(run, "150000 problems", "… and 149975 more like: facts.yaml:")
    assert run.stderr.count("\n") < 40


# --- inputs that were internal errors -------------------------------------------------------------------------------

@pytest.mark.parametrize("override,expected", [
    ("fonts: {deck_east_asian: null}", "meeting.yaml:6:11: 'deck_east_asian' must be text, not None"),
    ("fonts: {cjk_families: []}", "meeting.yaml:6:11: 'cjk_families' lists 0; at least 1 are needed"),
    ("sizes: {deck_title_pt: null}", "meeting.yaml:6:11: 'deck_title_pt' must be a number, not None"),
])
def test_theme_overrides_are_bounded_by_the_model(tmp_path, override, expected):
    _meeting(tmp_path, f"theme_overrides:\n  {override}\n")
    assert_refused(briefing(tmp_path, "build", "meeting.yaml", "--data", str(DATA), "--out", "out"), expected)


def test_json_duplicate_keys_are_refused(tmp_path):
    (tmp_path / "facts.json").write_text('{"source": {}, "source": {}}', encoding="utf-8")  # test data
    assert_refused(briefing(tmp_path, "check", "--data", "facts.json"), "facts.json: duplicate key 'source'")


def test_a_page_count_of_true_is_not_one(tmp_path):
    _meeting(tmp_path, "briefing_pages: true\n")
    assert_refused(briefing(tmp_path, "check", "meeting.yaml", "--data", str(DATA)),
                   "meeting.yaml:5:1: 'briefing_pages' must be a whole number, not True")


def test_an_empty_output_folder_name_is_refused(tmp_path):
    run = briefing(tmp_path, "build", "--out", "", "--data", str(DATA))
    assert run.returncode == 2 and "the folder's name is empty" in run.stderr, run.stderr
    assert not list(tmp_path.glob("*.pptx")) and not list(tmp_path.glob("*.pdf"))


def _damaged_template(source: Path, target: Path, part: str, old: bytes, new: bytes) -> None:
    import re
    import zipfile

    with zipfile.ZipFile(source) as original, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as damaged:
        for entry in original.infolist():
            data = original.read(entry.filename)
            damaged.writestr(entry, re.sub(old, new, data) if part in entry.filename else data)


@pytest.mark.parametrize("case", ["FFF", "GGGGGG", "sysClr", "no xfrm"])
def test_a_template_with_odd_theme_colours_or_an_unplaced_title_is_handled(tmp_path, case):
    from ..templates import make_template

    base = make_template(tmp_path / "base.pptx")
    if case == "no xfrm":
        _damaged_template(base, tmp_path / "corporate.pptx", "slideLayout", rb"<a:xfrm>.*?</a:xfrm>", b"")
        _damaged_template(tmp_path / "corporate.pptx", tmp_path / "corporate2.pptx", "slideMaster",
                          rb"<a:xfrm>.*?</a:xfrm>", b"")
        (tmp_path / "corporate2.pptx").replace(tmp_path / "corporate.pptx")
    elif case == "sysClr":
        _damaged_template(base, tmp_path / "corporate.pptx", "theme", rb'lastClr="000000"', b'lastClr="XYZ"')
    else:
        _damaged_template(base, tmp_path / "corporate.pptx", "theme", rb'<a:srgbClr val="4F81BD"/>',
                          f'<a:srgbClr val="{case}"/>'.encode())
    layout = _meeting(tmp_path, "template: corporate.pptx\n")
    run = briefing(tmp_path, "build", layout, "--data", str(DATA), "--out", "out", "--format", "deck-pdf")
    if case == "no xfrm":
        assert_refused(run, "corporate.pptx: the title placeholder of the template's slide layout")
    else:
        assert run.returncode == 0, run.stderr
        assert (tmp_path / "out" / "meeting.deck.pdf").exists()


@pytest.mark.parametrize("args", [("kinds",), ("facts", "项目"), ("--help",), ("check", "one-pager"),
                                  ("build", "one-pager", "--out", "会议材料", "--format", "pptx")])
def test_a_console_without_chinese_gets_escapes_not_an_internal_error(tmp_path, args):
    data = [] if args[0] == "--help" else ["--data", str(DATA)]
    # the shared test cache: the console's encoding is what is tested, not a cache of the test's own
    run = briefing(tmp_path, *args, *data, env={"PYTHONIOENCODING": "latin-1", "BRIEFING_CACHE_DIR": str(SHARED)})
    assert run.returncode == 0, run.stderr
    assert "internal error" not in run.stderr and "Traceback" not in run.stderr
    if args[0] == "build":
        assert "\\u4f1a\\u8bae" in run.stdout and (tmp_path / "会议材料" / "one-pager.pptx").exists()


def test_a_fact_of_four_hundred_digits_is_refused_with_its_line(tmp_path):
    from ..conftest import ARTICLE, replace_once

    huge = "9" * 400  # test data: the figure written in the article and in the dataset
    (tmp_path / "article.txt").write_text(ARTICLE.read_text(encoding="utf-8").replace("新增学位6510个",
                                                                                     f"新增学位{huge}个"),
                                          encoding="utf-8")
    (tmp_path / "facts.yaml").write_text(DATA.read_text(encoding="utf-8"), encoding="utf-8")
    line = replace_once(tmp_path / "facts.yaml", "value: 6510\n", f"value: {huge}\n")
    replace_once(tmp_path / "facts.yaml", "quote: 新增学位6510个\n", f"quote: 新增学位{huge}个\n")
    for args in (("check", "--data", "facts.yaml"), ("build", "investment", "--lang", "en", "--data", "facts.yaml",
                                                     "--out", "out")):
        assert_refused(briefing(tmp_path, *args), f"facts.yaml:{line}:", "is larger than any figure")


def test_a_section_timeline_without_events_is_a_message(tmp_path):
    import re

    import yaml

    from ..conftest import ARTICLE

    (tmp_path / "article.txt").write_bytes(ARTICLE.read_bytes())
    text = DATA.read_text(encoding="utf-8")
    start = text.index("\nevents:\n")
    end = re.search(r"\n[a-z_]+:\n", text[start + 9:]).start() + start + 9
    text = text[:start] + "\nevents: []" + text[end:]  # test data: the dataset without its events
    for event in yaml.safe_load(DATA.read_text(encoding="utf-8"))["events"]:
        text = re.sub(rf"\n\s+subject: {event['id']}\n", "\n", text)
    (tmp_path / "facts.yaml").write_text(text, encoding="utf-8")
    (tmp_path / "meeting.yaml").write_text(SMALL.replace(
        "briefing:\n", "briefing:\n  - kind: section\n    section: investment_talent\n    timeline: true\n"),
        encoding="utf-8")
    assert_refused(briefing(tmp_path, "check", "meeting.yaml", "--data", "facts.yaml"),
                   "meeting.yaml:", "the section asks for a timeline, and the dataset has no events")


def test_braces_that_are_no_placeholder_are_refused_not_printed(tmp_path):
    text = SMALL.replace("title_zh: 测试会议", 'title_zh: "{ 2020}年"').replace(
        "title_en: Test meeting", 'title_en: "{2020年} {id.__class__}"')
    (tmp_path / "meeting.yaml").write_text(text, encoding="utf-8")
    run = briefing(tmp_path, "check", "meeting.yaml", "--data", str(DATA))
    assert_refused(run, "meeting.yaml:2:1: “{ 2020}” is not a placeholder", "meeting.yaml:3:1: “{2020年}” is not",
                   "“{id.__class__}” is not a placeholder", "the year 2020 is typed into “{ 2020}年”")


def test_a_missing_glyph_names_the_layout_line_of_its_slide(tmp_path):
    # test data: a Tangut character, which no CJK font of the system has
    _meeting(tmp_path)
    text = (tmp_path / "meeting.yaml").read_text(encoding="utf-8").replace(
        "  - kind: closing\n", '  - kind: text\n    title_zh: "西夏\U00017000"\n    text_zh: [一]\n  - kind: closing\n')
    (tmp_path / "meeting.yaml").write_text(text, encoding="utf-8")
    line = text[: text.index("  - kind: text")].count("\n") + 1
    assert_refused(briefing(tmp_path, "build", "meeting.yaml", "--data", str(DATA), "--out", "out"),
                   f"meeting.yaml:{line}:", "has no glyph for")


@pytest.mark.parametrize("room", [1, 2, 3, 7, 8, 9, 100, 501])
def test_finding_how_many_items_fit_a_slide_takes_logarithmically_many_tries(room):
    from generator.errors import GeneratorError
    from generator.render.slides.blocks import Overflow, SlideLayout

    tried: list[int] = []
    items = tuple(range(502))  # the 502 markets that took 185 s

    def try_layout(first: tuple[int, ...]) -> None:
        tried.append(len(first))
        if len(first) > room:
            raise GeneratorError("does not fit")

    with pytest.raises(Overflow) as overflow:
        SlideLayout.fits(None, try_layout, items, None)  # type: ignore[arg-type]
    assert overflow.value.fits == room
    assert len(tried) <= 2 * 9 + 2  # log2(502) < 9; trying n-1, n-2… down took up to 501 tries
    # the items laid out: about room · log(room), where trying n-1, n-2… down laid out about n² / 2
    assert sum(tried) <= 502 + 2 * room * (room.bit_length() + 2)


def test_a_markets_slide_of_four_times_the_markets_costs_about_four_times_the_work(tmp_path):
    import re

    from ..conftest import ARTICLE

    (tmp_path / "article.txt").write_bytes(ARTICLE.read_bytes())
    text = DATA.read_text(encoding="utf-8")
    start = text.index("\nmarkets:\n")
    end = re.search(r"\n[a-z_]+:\n", text[start + 10:]).start() + start + 10
    quote = re.search(r"quote: (.*)", text[start:end]).group(1)

    def name(k: int, digits: str) -> str:
        return "".join(digits[int(d)] for d in str(k))

    def markets(count: int) -> Path:  # test data: markets named by letters (a digit would be a typed number)
        entries = "".join(f"  - id: market_{k}\n    name_zh: 市场{name(k, '甲乙丙丁戊己庚辛壬癸')}地区\n"
                          f"    name_en: Market {name(k, 'abcdefghij')}\n    quote: {quote}\n" for k in range(count))
        path = tmp_path / f"facts{count}.yaml"
        path.write_text(text[:start] + "\nmarkets:\n" + entries + text[end:], encoding="utf-8")
        return path

    (tmp_path / "meeting.yaml").write_text(SMALL.replace("  - kind: closing\n", "  - kind: markets\n  - kind: closing\n"),
                                           encoding="utf-8")

    def work(count: int) -> float:
        before = _cpu_seconds()
        run = briefing(tmp_path, "build", "meeting.yaml", "--data", str(markets(count)), "--out", "out", "--format",
                       "pptx", env={"BRIEFING_JOBS": "1"})
        assert run.returncode == 0, run.stderr
        return _cpu_seconds() - before

    base = min(work(1) for _ in range(2))
    small = min(work(50) for _ in range(2)) - base
    large = min(work(200) for _ in range(2)) - base
    assert large <= 8 * max(small, 0.1), (base, small, large)
