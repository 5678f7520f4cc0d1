"""`briefing preview`: the builder keeps the last good images on a mistake, the server serves the page, its
images and an event per build on 127.0.0.1, and Ctrl-C stops it cleanly."""
from __future__ import annotations

import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from ..conftest import ARTICLE, DATA, LAYOUTS, ROOT, replace_once

JPEG_MAGIC = b"\xff\xd8\xff"


@pytest.fixture
def workspace(tmp_path: Path, monkeypatch) -> Path:
    """A folder with a copy of the default layout, the dataset and its article; the caches inside .venv/."""
    monkeypatch.setenv("BRIEFING_CACHE_DIR", str(ROOT / ".venv" / "briefing-cache"))
    shutil.copy(LAYOUTS / "lianghui.yaml", tmp_path / "lianghui.yaml")
    shutil.copy(DATA, tmp_path / "facts.yaml")
    shutil.copy(ARTICLE, tmp_path / "article.txt")
    return tmp_path


def _env() -> dict:
    return dict(os.environ, BRIEFING_CACHE_DIR=str(ROOT / ".venv" / "briefing-cache"), PYTHONPATH=str(ROOT))


class Preview:
    """`briefing preview` running as its own process, as a user starts it."""

    def __init__(self, *args: str):
        self.process = subprocess.Popen([sys.executable, "-m", "generator", "preview", *args], cwd=ROOT, env=_env(),
                                        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        self.lines: list[str] = []
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()
        self.url = self.wait_for_line(r"http://127\.0\.0\.1:\d+/").group(0)

    def _read(self) -> None:
        for line in self.process.stderr:
            self.lines.append(line)

    def wait_for_line(self, pattern: str, timeout_s: float = 180, start: int = 0) -> re.Match:
        deadline = time.monotonic() + timeout_s
        while time.monotonic() < deadline:
            for line in self.lines[start:]:
                found = re.search(pattern, line)
                if found:
                    return found
            if self.process.poll() is not None and not self._reader.is_alive():
                break
            time.sleep(0.05)
        raise AssertionError(f"no line matching {pattern!r} in:\n{''.join(self.lines)}")

    def get(self, path: str) -> tuple[int, str, bytes]:
        try:
            # the timeout only stops a hang (a loaded machine may answer slowly)
            with urllib.request.urlopen(self.url.rstrip("/") + path, timeout=120) as response:
                return response.status, response.headers.get("Content-Type", ""), response.read()
        except urllib.error.HTTPError as exc:
            return exc.code, exc.headers.get("Content-Type", ""), exc.read()

    def state(self) -> dict:
        import json

        return json.loads(self.get("/state.json")[2])

    def wait_for_version(self, version: int, timeout_s: float = 180) -> dict:
        deadline = time.monotonic() + timeout_s
        while time.monotonic() < deadline:
            state = self.state()
            if state["version"] >= version and not state["building"]:
                return state
            time.sleep(0.05)
        raise AssertionError(f"no build {version} in {timeout_s} s:\n{''.join(self.lines)}")

    def interrupt(self) -> int:
        """Send Ctrl-C (SIGINT) and return the exit code."""
        self.process.send_signal(signal.SIGINT)
        code = self.process.wait(timeout=120)
        self._reader.join(timeout=5)
        return code

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait()
        self._reader.join(timeout=5)
        self.process.stderr.close()


@pytest.fixture
def start_preview():
    started: list[Preview] = []

    def start(*args: str) -> Preview:
        started.append(Preview(*args))
        return started[-1]

    yield start
    for preview in started:
        preview.stop()


def _port_is_free(port: int) -> bool:
    """Whether a new server can listen on the port (as a new preview would: connections that the stopped one
    closed may linger in TIME_WAIT)."""
    with socket.socket() as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind(("127.0.0.1", port))
            sock.listen()
        except OSError:
            return False
    return True


def test_builder_keeps_the_last_good_images_when_a_save_breaks_the_layout(workspace, tmp_path):
    from generator.preview.builder import PreviewBuilder

    layout = workspace / "lianghui.yaml"
    work = tmp_path / "work"
    work.mkdir()
    builder = PreviewBuilder(layout, workspace / "facts.yaml", None, work)
    good = builder.rebuild()
    assert good.ok and not good.errors
    assert (len(good.slides), len(good.pages)) == (24, 17)
    assert all(builder.image(image.key).startswith(JPEG_MAGIC) for image in good.slides + good.pages)
    assert (good.slides[0].width_px, good.slides[0].height_px) == (800, 450)  # 16:9
    assert good.pages[0].width_px == 600 and 847 <= good.pages[0].height_px <= 849  # A4: 297 / 210 × 600

    line = replace_once(layout, "  - kind: agenda\n", "  - kind: agendum\n")
    broken = builder.rebuild({layout.resolve()})
    assert not broken.ok and broken.version == good.version + 1
    assert broken.errors == (f"{layout}:{line}:5: unknown kind 'agendum' (did you mean 'agenda'?)",)
    assert broken.slides == good.slides and broken.pages == good.pages
    assert all(builder.image(image.key) for image in broken.slides + broken.pages)

    replace_once(layout, "  - kind: agendum\n", "  - kind: agenda\n")
    replace_once(layout, "title_zh: \"{results_year}年主要成绩\"\n", "title_zh: \"{results_year}年主要成绩一览\"\n")
    fixed = builder.rebuild({layout.resolve()})
    assert fixed.ok and not fixed.errors
    changed = [n for n, (a, b) in enumerate(zip(good.slides, fixed.slides), 1) if a.key != b.key]
    assert changed == [3]  # the kpis slide with the new title, and no other
    assert fixed.rasterised == 1  # the other slides were drawn as before: not rasterised again
    assert fixed.pages == good.pages  # the title of a deck slide is not in the briefing


def test_watched_files_are_the_inputs_of_the_meeting(workspace, tmp_path):
    from generator.preview.builder import PreviewBuilder

    builder = PreviewBuilder(workspace / "lianghui.yaml", workspace / "facts.yaml", None, tmp_path)
    assert builder.watched_files() == {workspace / "lianghui.yaml", workspace / "facts.yaml",
                                       workspace / "article.txt"}


def test_preview_serves_page_images_and_events_then_stops_on_ctrl_c(workspace, start_preview):
    preview = start_preview(str(workspace / "lianghui.yaml"), "--data", str(workspace / "facts.yaml"), "--port", "0")
    port = int(preview.url.rsplit(":", 1)[1].strip("/"))
    state = preview.wait_for_version(1)
    assert state["ok"] and (len(state["slides"]), len(state["pages"])) == (24, 17)
    preview.wait_for_line(r"built in [\d.]+ s: 24 slides, 17 briefing pages")

    status, kind, body = preview.get("/")
    assert status == 200 and kind.startswith("text/html") and b'new EventSource("/events")' in body
    status, kind, body = preview.get(state["slides"][0]["url"])
    assert status == 200 and kind == "image/jpeg" and body.startswith(JPEG_MAGIC)
    assert preview.get("/img/0000000000.jpg")[0] == 404

    with urllib.request.urlopen(preview.url + "events", timeout=120) as events:  # a rebuild is awaited in it
        assert events.headers["Content-Type"].startswith("text/event-stream")
        assert events.readline() == b"event: build\r\n" and events.readline() == b"data: 1\r\n"
        # a save while the page is open: the stream says so, first that a build runs, then its version
        replace_once(workspace / "lianghui.yaml", "title_zh: \"{results_year}年主要成绩\"\n", "title_zh: \"{results_year}年成绩\"\n")
        received = b"".join(events.readline() for _ in range(6))
    assert b"event: building" in received and b"event: build\r\ndata: 2\r\n" in received
    later = preview.wait_for_version(2)
    assert later["slides"][2]["url"] != state["slides"][2]["url"]
    assert later["slides"][0]["url"] == state["slides"][0]["url"]

    assert preview.interrupt() == 130
    output = "".join(preview.lines)
    assert "Traceback" not in output and "ERROR" not in output and "preview stopped" in output
    assert _port_is_free(port)


def _small(workspace: Path) -> Path:
    """The small test layout beside the default one: for what does not depend on what a meeting holds."""
    shutil.copy(ROOT / "tests" / "fixtures" / "small-layout.yaml", workspace / "meeting.yaml")
    return workspace / "meeting.yaml"


def test_preview_offers_the_editable_briefing_for_download(workspace, start_preview):
    import io
    import zipfile

    preview = start_preview(str(_small(workspace)), "--data", str(workspace / "facts.yaml"), "--port", "0")
    preview.wait_for_version(1)
    assert b'href="/briefing.docx"' in preview.get("/")[2]
    status, kind, body = preview.get("/briefing.docx")
    assert status == 200 and kind.endswith("wordprocessingml.document")
    assert "word/document.xml" in zipfile.ZipFile(io.BytesIO(body)).namelist()


def test_preview_listens_only_on_the_loopback_address(workspace, start_preview):
    preview = start_preview(str(_small(workspace)), "--data", str(workspace / "facts.yaml"), "--port", "0")
    port = int(preview.url.rsplit(":", 1)[1].strip("/"))
    listening = subprocess.run(["ss", "-Htln", f"sport = :{port}"], capture_output=True, text=True).stdout
    assert listening.split()[3] == f"127.0.0.1:{port}", listening


def test_a_port_in_use_is_a_message_with_exit_1(workspace):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = subprocess.run([sys.executable, "-m", "generator", "preview", str(workspace / "lianghui.yaml"),
                                 "--port", str(port)], cwd=ROOT, env=_env(), capture_output=True, text=True,
                                timeout=60)
    assert result.returncode == 1
    assert result.stderr.strip() == (f"error: cannot listen on 127.0.0.1:{port}: Address already in use (another "
                                     "preview may be running; choose another port with --port)")


def test_help_imports_none_of_the_preview_libraries():
    code = ("import sys\nfrom generator.cli import cli\n"
            "try:\n    cli.main(['--help'], standalone_mode=False)\nexcept SystemExit: pass\n"
            "print(sorted(m for m in ('starlette', 'uvicorn', 'sse_starlette', 'watchfiles', 'pypdfium2', 'pypdf', "
            "'rich', 'anyio') if m in sys.modules))\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=_env(), cwd=ROOT,
                         check=True).stdout
    assert out.strip().endswith("[]")


CHROMIUM = "/usr/bin/chromium"  # Debian's package (make system-render-tools installs it)
#: on a machine without network Chromium must not try its background requests; as root it needs --no-sandbox
CHROMIUM_ARGS = ["--headless", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"] + (["--no-sandbox"] if os.geteuid() == 0 else [])


@pytest.mark.render
def test_the_page_in_chromium_follows_saves_and_shows_every_slide_and_page(workspace, start_preview, tmp_path):
    from PIL import Image
    from playwright.sync_api import sync_playwright

    layout = workspace / "lianghui.yaml"
    preview = start_preview(str(layout), "--data", str(workspace / "facts.yaml"), "--port", "0")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch_persistent_context(
            str(tmp_path / "chromium-profile"), executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True,
            viewport={"width": 1400, "height": 900})
        try:
            page = browser.new_page()
            page.goto(preview.url)
            page.wait_for_function("window.previewShown && window.previewShown.version >= 1", timeout=180_000)

            def sources(section: str) -> list[str]:
                return page.eval_on_selector_all(f"#{section} img", "images => images.map(i => i.src)")

            slides, pages = sources("slides"), sources("pages")
            assert (len(slides), len(pages)) == (24, 17)
            assert page.locator("img").count() == len(slides) + len(pages)
            assert page.eval_on_selector_all("img", "images => images.every(i => i.complete && i.naturalWidth > 0)")
            assert page.locator("#problems li").count() == 0

            replace_once(layout, "title_zh: \"{results_year}年主要成绩\"\n", "title_zh: \"{results_year}年主要成绩一览\"\n")
            page.wait_for_function("window.previewShown.version >= 2", timeout=180_000)
            after = sources("slides")
            assert [n for n, (a, b) in enumerate(zip(slides, after), 1) if a != b] == [3]
            assert sources("pages") == pages

            line = replace_once(layout, "  - kind: timeline\n", "  - kind: timelines\n")
            page.wait_for_function("window.previewShown.version >= 3", timeout=180_000)
            assert page.locator("#problems .errors li").all_inner_texts() == [
                f"错误 error: {layout}:{line}:5: unknown kind 'timelines' (did you mean 'timeline'?)"]
            assert sources("slides") == after and page.locator("img").count() == 24 + 17  # the last good pictures

            replace_once(layout, "  - kind: timelines\n", "  - kind: timeline\n")
            page.wait_for_function("window.previewShown.version >= 4 && window.previewShown.ok", timeout=180_000)
            assert page.locator("#problems li").count() == 0
            shot = tmp_path / "preview.png"
            page.screenshot(path=str(shot), full_page=True)
            boxes = page.eval_on_selector_all("img", "images => images.map(i => i.getBoundingClientRect().bottom)")
        finally:
            browser.close()
    if os.environ.get("BRIEFING_KEEP_SCREENSHOT"):
        shutil.copy(shot, os.environ["BRIEFING_KEEP_SCREENSHOT"])
    with Image.open(shot) as picture:
        assert picture.width == 1400 and picture.height >= max(boxes)  # the whole page, every picture on it
        colours = picture.convert("RGB").getcolors(maxcolors=1 << 20)
    assert colours is not None and len(colours) > 500  # slides and pages, not a blank or one-colour page
