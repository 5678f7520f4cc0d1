"""The preview's web server on 127.0.0.1: the page, its images, an event on each rebuild, and the file watcher."""
from __future__ import annotations

import asyncio
import socket
import sys
import tempfile
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from importlib.resources import files
from pathlib import Path
from typing import Callable

import anyio
import uvicorn
from sse_starlette.sse import EventSourceResponse
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, Response
from starlette.routing import Route
from watchfiles import Change, awatch

from ..errors import GeneratorError
from .builder import PreviewBuilder, Snapshot
from ..i18n import _

HOST = "127.0.0.1"
#: how long the watcher waits for a save to settle (an editor may write a file in several steps)
SETTLE_MS = 40
STALE_CHECK_MS = 400


class _Hub:
    """The latest snapshot and whether a build is running; wakes every open event stream when either changes."""

    def __init__(self, snapshot: Snapshot):
        self.snapshot = snapshot
        self.building = False
        self._serial = 0
        self._changed = asyncio.Condition()

    async def publish(self, snapshot: Snapshot | None = None, building: bool = False) -> None:
        async with self._changed:
            if snapshot is not None:
                self.snapshot = snapshot
            self.building = building
            self._serial += 1
            self._changed.notify_all()

    async def events(self, shutdown: anyio.Event) -> AsyncIterator[dict[str, str]]:
        """Server-sent events: "building" when a build starts, "build" with the version when one is done; the
        stream ends when the server shuts down."""

        async def wake_on_shutdown() -> None:
            await shutdown.wait()
            async with self._changed:
                self._changed.notify_all()

        waker = asyncio.create_task(wake_on_shutdown())
        seen = -1
        try:
            while True:
                async with self._changed:
                    await self._changed.wait_for(lambda: self._serial != seen or shutdown.is_set())
                    if shutdown.is_set():
                        return
                    seen = self._serial
                    building, version = self.building, self.snapshot.version
                yield {"event": "building" if building else "build", "data": str(version)}
        finally:
            waker.cancel()


def _is_editor_scratch(path: str) -> bool:
    name = Path(path).name
    return name.startswith((".#", "~$")) or name.endswith(("~", ".swp", ".swx", ".tmp")) or name.startswith(".")


async def _watch_and_build(builder: PreviewBuilder, hub: _Hub, report: Callable[[Snapshot], None],
                           stop: asyncio.Event) -> None:
    """Build once, then again after each save of a watched file, until stop is set."""

    async def rebuild(changed: set[Path]) -> None:
        await hub.publish(building=True)
        snapshot = await asyncio.to_thread(builder.rebuild, changed)
        await hub.publish(snapshot)
        report(snapshot)

    await rebuild(set())
    await asyncio.to_thread(builder.warm_up)
    while not stop.is_set():
        watched = builder.watched_files()
        folders = sorted({path.parent for path in watched if path.parent.is_dir()})

        def wanted(_change: Change, path: str) -> bool:
            # after a failed build any file beside the inputs may be what was missing (a logo, a template)
            return Path(path) in watched or (not builder.snapshot.ok and not _is_editor_scratch(path))

        # watchfiles takes the folders, not the files: editors often save by writing a new file and renaming it.
        # Every STALE_CHECK_MS without an event, the files' times are compared with the last build's: a save made
        # while no watcher was running (during the first build, or while the folders change) is not lost.
        async for changes in awatch(*folders, watch_filter=wanted, recursive=False, step=SETTLE_MS,
                                    stop_event=stop, rust_timeout=STALE_CHECK_MS, yield_on_timeout=True):
            changed = {Path(path) for _, path in changes} or builder.stale_files()
            if changed:
                await rebuild(changed)
            if builder.watched_files() != watched:
                break  # the layout names another template or logo: watch its folder too


def _app(builder: PreviewBuilder, hub: _Hub, report: Callable[[Snapshot], None],
         on_ready: Callable[[], None]) -> Starlette:
    page = files(__package__).joinpath("page.html").read_text(encoding="utf-8")

    async def index(_request: Request) -> Response:
        return HTMLResponse(page, headers={"Cache-Control": "no-store"})

    async def state(_request: Request) -> Response:
        return JSONResponse(hub.snapshot.as_dict() | {"building": hub.building},
                            headers={"Cache-Control": "no-store"})

    async def events(_request: Request) -> Response:
        shutdown = anyio.Event()
        return EventSourceResponse(hub.events(shutdown), ping=15, shutdown_event=shutdown, shutdown_grace_period=1)

    async def image(request: Request) -> Response:
        data = builder.image(request.path_params["key"])
        if data is None:
            return Response("no such image (it belongs to an older build)", status_code=404)
        # the name is the image's content hash: the browser may keep it for good
        return Response(data, media_type="image/jpeg", headers={"Cache-Control": "public, max-age=31536000, immutable"})

    async def docx(_request: Request) -> Response:
        """The editable briefing of the current layout, built when asked for (it is not drawn on the page)."""
        try:
            name, data = await asyncio.to_thread(_build_docx, builder)
        except GeneratorError as exc:
            return Response(str(exc), status_code=409, media_type="text/plain; charset=utf-8")
        return Response(data, media_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                        headers={"Content-Disposition": f'attachment; filename="{name}"', "Cache-Control": "no-store"})

    @asynccontextmanager
    async def lifespan(_app: Starlette) -> AsyncIterator[None]:
        stop = asyncio.Event()
        task = asyncio.create_task(_watch_and_build(builder, hub, report, stop))
        on_ready()
        try:
            yield
        finally:
            stop.set()
            task.cancel()
            try:
                await task
            except asyncio.CancelledError:
                pass

    routes = [Route("/", index), Route("/state.json", state), Route("/events", events),
              Route("/img/{key}.jpg", image), Route("/briefing.docx", docx)]
    return Starlette(routes=routes, lifespan=lifespan)


def _build_docx(builder: PreviewBuilder) -> tuple[str, bytes]:
    """Build the layout's DOCX into a temporary folder; return its file name and bytes. Raises GeneratorError."""
    from ..build import Inputs, build

    with tempfile.TemporaryDirectory(prefix="briefing-docx-") as folder:
        [output] = build(builder.layout_path, Inputs(builder.data_path), Path(folder), ("docx",), builder.lang)
        return output.path.name, output.path.read_bytes()


def bind(port: int) -> socket.socket:
    """Return a socket bound to 127.0.0.1:port (0 picks a free port); raise GeneratorError if it is taken."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    if sys.platform != "win32":  # on Windows this option would let two servers share the port
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((HOST, port))
    except OSError as exc:
        sock.close()
        raise GeneratorError(_("cannot listen on {host}:{port}: {exc_strerror}").format(
            host=HOST, port=port, exc_strerror=exc.strerror),
                             hint=_("another preview may be running; choose another port with --port")) from None
    return sock


def run(layout_path: Path, data_path: Path, lang: str | None, port: int, open_browser: bool,
        on_start: Callable[[str], None], report: Callable[[Snapshot], None]) -> None:
    """Serve the preview until Ctrl-C (which raises KeyboardInterrupt once the server has stopped).

    Raises GeneratorError when the port is taken.
    """
    sock = bind(port)
    url = f"http://{HOST}:{sock.getsockname()[1]}/"
    with tempfile.TemporaryDirectory(prefix="briefing-preview-") as work:
        builder = PreviewBuilder(layout_path, data_path, lang, Path(work))
        hub = _Hub(builder.snapshot)

        def ready() -> None:
            on_start(url)
            if open_browser:
                import webbrowser

                webbrowser.open(url)

        config = uvicorn.Config(_app(builder, hub, report, ready), log_level="warning", access_log=False,
                                lifespan="on", timeout_graceful_shutdown=2)
        try:
            uvicorn.Server(config).run(sockets=[sock])
        finally:
            sock.close()
