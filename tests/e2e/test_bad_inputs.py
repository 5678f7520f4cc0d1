"""The bad-input corpus: every broken dataset, layout or font gives exit code 1 and one clear message with the
file and, where it has one, the line; never a traceback, never a hang, never an output file. Each case runs in
this process and is bounded in processor time (this process's and its forked workers'), not time on the clock: a
busy machine slows a case without making it fail."""
from __future__ import annotations

import os
import re
import shutil
import struct
import resource
import zlib
from pathlib import Path

import pytest
from click.testing import CliRunner

from generator.cli import cli

from ..conftest import DATA, ROOT, replace_once

CORPUS = ROOT / "tests" / "bad_inputs"


def _expectation(path: Path) -> tuple[str, int | None]:
    """The '# expect:' and '# line:' header of a corpus file, the line counted in the whole file."""
    text = path.read_text(encoding="utf-8", errors="replace")
    expect = re.search(r"^# expect: (.*)$", text, re.M)
    line = re.search(r"^# line: (\d+)$", text, re.M)
    header = len(re.match(r"(?:# .*\n)*", text).group().splitlines())
    relative = path.parent.name == "layouts"  # layout cases count their line in the layout below the header
    return expect.group(1), (int(line.group(1)) + (header if relative else 0)) if line else None


#: processor seconds a bad input may cost before its message
LIMIT_CPU_S = 5


def _cpu_seconds() -> float:
    """Processor time used so far by this process and by the children it has waited for (a build's forked worker)."""
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def _run(*args: str):
    """Run `briefing ARGS` in this process; return click's Result and the processor seconds it used."""
    started = _cpu_seconds()
    result = CliRunner().invoke(cli, list(args), catch_exceptions=False)
    return result, _cpu_seconds() - started


def _assert_clean_failure(result, cpu_s: float, shown: str, expect: str, line: int | None) -> None:
    output = result.output
    assert result.exit_code == 1, output
    assert cpu_s < LIMIT_CPU_S, f"took {cpu_s:.1f} s of processor time"
    assert "Traceback" not in output and "internal error" not in output, output
    assert expect in output, output
    assert shown in output, output
    if line is not None:
        assert f"{shown}:{line}:" in output, output


LAYOUT_CASES = sorted((CORPUS / "layouts").glob("*.yaml"))


@pytest.mark.parametrize("path", LAYOUT_CASES, ids=lambda p: p.stem)
def test_broken_layout(path, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    expect, line = _expectation(path)
    result, cpu_s = _run("build", str(path), "--data", str(DATA), "--out", str(tmp_path / "dist"))
    _assert_clean_failure(result, cpu_s, str(path), expect, line)
    assert not (tmp_path / "dist").exists() or not any((tmp_path / "dist").iterdir())


DATASET_FILES = sorted((CORPUS / "datasets").iterdir())
RAW_EXPECTATIONS = {
    "binary.yaml": ("dataset is binary, not text", None),
    "broken.json": ("invalid JSON: Expecting property name enclosed in double quotes", 1),
}


@pytest.mark.parametrize("path", DATASET_FILES, ids=lambda p: p.name)
def test_broken_dataset_file(path, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    expect, line = RAW_EXPECTATIONS.get(path.name) or _expectation(path)
    result, cpu_s = _run("check", "--data", str(path), "--layouts", str(tmp_path))
    _assert_clean_failure(result, cpu_s, str(path), expect, line)


# Broken copies of the real dataset: (what to replace, with what, the message expected).
DATASET_EDITS = [
    ("value: 259\n", "value: 295\n", "fact 'planned_investment': value 295 does not occur in its quote"),
    ("quote: 新增学位6510个", "quote: 新增学位6500个", "'school_places_added': quote is not in the article"),
    ("value: 6510", "value: -6510", "must not be negative (got -6510)"),
    ("value: 107\n", "value: 一百零七\n", "value “一百零七” does not occur in its quote"),
    ("- id: roads_km", "- id: green_area", "duplicate id 'green_area'"),
    ("section: livelihood\n    quote: 新增学位6510个", "section: livelyhood\n    quote: 新增学位6510个",
     "unknown section 'livelyhood' (did you mean 'livelihood'?)"),
    ("    label_en: New green space\n", "", "missing key 'label_en'"),
    ("value: 136\n", "value: [1, 3, 6]\n", "'value'"),
    ("value: 43.2\n", "value: true\n", "must be a number or text, not true/false"),
    ("status: achieved\n    section: livelihood\n    quote: 新增学位6510个",
     "status: 2020\n    section: livelihood\n    quote: 新增学位6510个", "'status' is 2020"),
    ("qualifier: nearly\n    measure: company_count\n    status: achieved",
     "qualifier: almost\n    measure: company_count\n    status: achieved", "'qualifier' is 'almost'"),
    ("    actual: graduates\n", "    actual: graduate_2020\n",
     "unknown fact 'graduate_2020' (did you mean 'graduates'?)"),
    ("date: 2020-10-27", "date: 2020-10-28", "event 'groundbreaking_oct27': date 10月28日 does not occur in its quote"),
    ("      - 获评“全省人才工作先进单位”\n", "", "has 5 Chinese key points but 6 English ones"),
    ("  file: article.txt", "  file: nowhere.txt", "source article not found"),
    ("    unit_en: households\n", "", "unit '户' needs an English form"),
    ("  body_before: 本文评论", "  body_before: 本文不存在的标记", "marker '本文不存在的标记' not found"),
    ("    value: 三十周年\n    value_en: 30th anniversary\n", "    value: 三十周年\n",
     "a value in words needs value_en"),
]


@pytest.mark.parametrize("old, new, expect", DATASET_EDITS, ids=[e[2][:40] for e in DATASET_EDITS])
def test_broken_copy_of_the_dataset(old, new, expect, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    shutil.copy(DATA.parent / "article.txt", tmp_path / "article.txt")
    text = DATA.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    line = text[: text.index(old)].count("\n") + 1
    (tmp_path / "facts.yaml").write_text(text.replace(old, new), encoding="utf-8")
    result, cpu_s = _run("check", "--data", "facts.yaml", "--layouts", str(tmp_path))
    where = "nowhere.txt" if "source article not found" in expect else "facts.yaml"
    _assert_clean_failure(result, cpu_s, where, expect, None)
    if where == "facts.yaml" and "not found" not in expect:
        reported = [int(n) for n in re.findall(r"facts\.yaml:(\d+):", result.output)]
        assert reported and min(abs(n - line) for n in reported) <= 12, (line, result.output)


def test_a_ten_megabyte_string(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "huge.yaml").write_text("source:\n  title_zh: " + "日" * 3_500_000 + "\n", encoding="utf-8")
    result, cpu_s = _run("check", "--data", "huge.yaml", "--layouts", str(tmp_path))
    _assert_clean_failure(result, cpu_s, "huge.yaml", "the limit is 2048 KiB", None)


def test_a_font_path_that_is_not_a_font(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    layout = tmp_path / "fonty.yaml"
    base = (CORPUS / "layouts" / "unknown-fact.yaml").read_text(encoding="utf-8")
    base = base.replace("planed_investment_2020", "planned_investment")
    layout.write_text(base + f"theme_overrides:\n  fonts: {{regular_file: '{CORPUS / 'not-a-font.ttf'}'}}\n",
                      encoding="utf-8")
    result, cpu_s = _run("build", str(layout), "--data", str(DATA), "--out", str(tmp_path / "dist"))
    _assert_clean_failure(result, cpu_s, "not-a-font.ttf", "not a usable font file", None)
    assert not (tmp_path / "dist").exists() or not any((tmp_path / "dist").iterdir())


def test_a_missing_font_file_is_named(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    layout = tmp_path / "fonty.yaml"
    base = (CORPUS / "layouts" / "unknown-fact.yaml").read_text(encoding="utf-8")
    base = base.replace("planed_investment_2020", "planned_investment")
    layout.write_text(base + "theme_overrides:\n  fonts: {bold_file: C:/Windows/Fonts/msyhbd.ttc}\n", encoding="utf-8")
    result, cpu_s = _run("build", str(layout), "--data", str(DATA), "--out", str(tmp_path / "dist"))
    _assert_clean_failure(result, cpu_s, "msyhbd.ttc", "font file not found", None)


def test_the_corpus_is_large_enough():
    assert len(LAYOUT_CASES) + len(DATASET_FILES) + len(DATASET_EDITS) + 3 >= 40


@pytest.mark.parametrize("value", [".nan", ".inf", "-.inf"])
def test_a_value_that_is_not_a_number_of_the_article_is_refused(tmp_path, value):
    shutil.copy(DATA, tmp_path / "facts.yaml")
    shutil.copy(DATA.parent / "article.txt", tmp_path / "article.txt")
    line = replace_once(tmp_path / "facts.yaml", "value: 6510\n", f"value: {value}\n")
    result, cpu_s = _run("check", "--data", str(tmp_path / "facts.yaml"))
    _assert_clean_failure(result, cpu_s, str(tmp_path / "facts.yaml"), "must be a number the article writes", line)


def test_data_from_a_device_or_a_pipe_is_refused_without_reading_it(tmp_path):
    fifo = tmp_path / "facts.yaml"
    os.mkfifo(fifo)
    for path in ("/dev/zero", str(fifo)):
        result, cpu_s = _run("check", "--data", path)
        _assert_clean_failure(result, cpu_s, path, "is not a regular file (a device or a pipe)", None)


def _png(width: int, height: int) -> bytes:
    """A PNG whose header claims width × height pixels (its pixel data is a stub: only the header is read)."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"\0" * 16)) + chunk(b"IEND", b"")


@pytest.mark.parametrize("size", [13000, 30000])
def test_a_huge_logo_is_refused_before_it_is_decoded(tmp_path, size):
    (tmp_path / "logo.png").write_bytes(_png(size, size))
    layout = tmp_path / "meeting.yaml"
    text = (ROOT / "tests" / "fixtures" / "small-layout.yaml").read_text(encoding="utf-8")
    layout.write_text(text.replace("deck:\n", "logo: logo.png\ndeck:\n"), encoding="utf-8")
    result, cpu_s = _run("build", str(layout), "--data", str(DATA), "--out", str(tmp_path / "out"))
    _assert_clean_failure(result, cpu_s, str(layout), "the logo logo.png", None)
    assert "pixels" in result.output


def test_a_template_that_unpacks_to_too_much_is_refused_before_unpacking(tmp_path):
    import zipfile

    template = tmp_path / "bomb.pptx"
    with zipfile.ZipFile(template, "w") as package:
        for index in range(5200):
            package.writestr(f"ppt/media/empty{index}.bin", b"")
    layout = tmp_path / "meeting.yaml"
    text = (ROOT / "tests" / "fixtures" / "small-layout.yaml").read_text(encoding="utf-8")
    layout.write_text(text.replace("deck:\n", "template: bomb.pptx\ndeck:\n"), encoding="utf-8")
    result, cpu_s = _run("build", str(layout), "--data", str(DATA), "--out", str(tmp_path / "out"))
    _assert_clean_failure(result, cpu_s, str(template), "the template unpacks to", None)


def test_a_two_thousand_character_word_is_fitted_or_refused_quickly(tmp_path):
    layout = tmp_path / "meeting.yaml"
    text = (ROOT / "tests" / "fixtures" / "small-layout.yaml").read_text(encoding="utf-8")
    layout.write_text(text.replace("title_en: Test meeting", "title_en: " + "x" * 2000), encoding="utf-8")
    result, cpu_s = _run("build", str(layout), "--data", str(DATA), "--out", str(tmp_path / "out"), "--lang", "en")
    assert cpu_s < 2 * LIMIT_CPU_S and "Traceback" not in result.output and result.exit_code in (0, 1), result.output


@pytest.mark.render
def test_markup_in_a_title_prints_as_text_and_long_running_lines_stay_beside_the_page_number(tmp_path):
    import random
    import string
    import tempfile

    # a folder whose name holds no digit: a typed number in a title is an error of its own
    folder = Path(tempfile.gettempdir()) / ("briefing-markup-" + "".join(random.choices(string.ascii_lowercase, k=12)))
    folder.mkdir()
    try:
        _markup_in_a_title(tmp_path, folder)
    finally:
        shutil.rmtree(folder)


def _markup_in_a_title(tmp_path: Path, folder: Path) -> None:
    import subprocess

    secret = folder / "secret.png"
    secret.write_bytes(_png(8, 8))
    layout = tmp_path / "meeting.yaml"
    title = f'R&D <img src="{secret}"/> <a href="javascript:alert(document.cookie)">link</a>'
    text = (ROOT / "tests" / "fixtures" / "small-layout.yaml").read_text(encoding="utf-8")
    text = text.replace("title_en: Test meeting", f"title_en: '{title}'")
    text = text.replace("  - kind: at_a_glance\n", f"  - kind: contents\n  - kind: at_a_glance\n    title_en: '{title}'\n")
    text = text.replace("date: 2021-01-20", "date: 2021-01-20\nmeeting_en: " + "A very long name of the meeting " * 6)
    layout.write_text(text, encoding="utf-8")
    result, cpu_s = _run("build", str(layout), "--data", str(DATA), "--out", str(tmp_path / "out"), "--lang", "en",
                           "--format", "pdf")
    assert result.exit_code == 0, result.output
    pdf = tmp_path / "out" / "meeting.en.pdf"
    shown = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True).stdout
    assert "R&D <img" in shown  # the contents print the title as it was typed
    raw = pdf.read_bytes()
    assert b"/Subtype /Image" not in raw  # no file embedded as an image
    assert b"/URI" not in raw and b"/JavaScript" not in raw and b"/JS" not in raw  # no live link
    footers = [line for line in shown.splitlines() if "A very long name" in line]
    assert footers and all("…" in line and re.search(r"\d+ ?/ ?\d+", line) for line in footers)
