"""The preview's web server on 127.0.0.1: the page, its images, an event on each rebuild, and the file watcher."""
from __future__ import annotations

import asyncio
import os
import socket
import sys
import tempfile
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager, contextmanager
from importlib.resources import files
from pathlib import Path
from typing import Callable

import anyio
import uvicorn
from sse_starlette.sse import EventSourceResponse
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, PlainTextResponse, Response
from starlette.routing import Route
from starlette.types import ASGIApp, Receive, Scope, Send
from uvicorn.protocols.http.h11_impl import H11Protocol
from watchfiles import Change, awatch

from ..errors import GeneratorError
from .builder import PreviewBuilder, Snapshot
from ..i18n import _, os_reason

HOST = "127.0.0.1"
#: how long the watcher waits for a save to settle (an editor may write a file in several steps)
SETTLE_MS = 40
STALE_CHECK_MS = 400
#: connections held at once: far below the common limit of 1,024 open files, so that a flood of idle connections
#: leaves descriptors for the watcher, the builds and new visitors (one browser tab holds two or three)
MAX_CONNECTIONS = 128
#: connections accepted in one go before those beyond MAX_CONNECTIONS are closed (asyncio accepts as many as the
#: listen backlog at once: uvicorn's 2,048 ran out of descriptors before any could be closed)
ACCEPT_BURST = 64
#: seconds a client has to send its request's head, and an idle kept-alive connection is kept
REQUEST_HEAD_SECONDS = 10
KEEP_ALIVE_SECONDS = 5
#: the most bytes of a request's head (the page's requests have a few hundred)
MAX_HEAD_BYTES = 16 * 1024
#: seconds before the watcher tries again after failing to start (no descriptor or watch left)
WATCH_RETRY_SECONDS = 1.0


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
        try:
            async for changes in awatch(*folders, watch_filter=wanted, recursive=False, step=SETTLE_MS,
                                        stop_event=stop, rust_timeout=STALE_CHECK_MS, yield_on_timeout=True):
                changed = {Path(path) for _, path in changes} or builder.stale_files()
                if changed:
                    await rebuild(changed)
                if builder.watched_files() != watched:
                    break  # the layout names another template or logo: watch its folder too
        except (OSError, RuntimeError):
            # no descriptor or inotify watch left (a flood of connections, another program): the watcher starts
            # again once there is; saves made meanwhile are found by comparing the files' times
            await asyncio.sleep(WATCH_RETRY_SECONDS)
            changed = builder.stale_files()
            if changed:
                await rebuild(changed)


class _HostAllowList:
    """403 for a request whose Host is not the preview's own address: a web page the user visits cannot read the
    preview through a name of its own resolved to 127.0.0.1 (DNS rebinding), as Jupyter and Vite refuse it.
    Starlette's TrustedHostMiddleware ignores the port and answers 400; this is the rule and the status wanted."""

    def __init__(self, app: ASGIApp, port: int):
        self.app = app
        self.allowed = {f"{HOST}:{port}".encode(), f"localhost:{port}".encode()}

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] in ("http", "websocket"):
            host = next((value for key, value in scope["headers"] if key == b"host"), b"")
            if host.lower() not in self.allowed:
                response = PlainTextResponse("forbidden: the preview answers only to its own address", status_code=403)
                await response(scope, receive, send)
                return
        await self.app(scope, receive, send)


class _GuardedProtocol(H11Protocol):
    """uvicorn's HTTP/1.1 connection with two walls: beyond MAX_CONNECTIONS a new connection is closed at once
    (its descriptor freed), and a client that does not send its request's head within REQUEST_HEAD_SECONDS is
    disconnected (uvicorn times out only idle kept-alive connections)."""

    _head_timer: asyncio.TimerHandle | None = None
    _opened = 0.0

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        if len(self.connections) >= MAX_CONNECTIONS:
            # the connection that has waited longest without sending a request makes room; with none, this one goes
            waiting = [c for c in self.connections if isinstance(c, _GuardedProtocol) and not c._has_request()]
            if not waiting:
                self.transport = transport
                transport.abort()
                return
            oldest = min(waiting, key=lambda c: c._opened)
            self.connections.discard(oldest)
            oldest.transport.abort()
        self._opened = self.loop.time()
        super().connection_made(transport)
        self._head_timer = self.loop.call_later(REQUEST_HEAD_SECONDS, self._head_too_slow)

    def _head_too_slow(self) -> None:
        if not self._has_request() and not self.transport.is_closing():
            self.transport.abort()

    def _has_request(self) -> bool:
        return getattr(self, "cycle", None) is not None  # uvicorn's annotation says never None; it is until a request

    def handle_events(self) -> None:
        super().handle_events()
        if self._has_request() and self._head_timer is not None:
            self._head_timer.cancel()
            self._head_timer = None

    def connection_lost(self, exc: Exception | None) -> None:
        if self._head_timer is not None:
            self._head_timer.cancel()
        if getattr(self, "flow", None) is None:
            return  # closed in connection_made: uvicorn never knew it
        super().connection_lost(exc)


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
    from ..build import build
    from ..description import describe
    from ..outputs import Outputs
    from ..prepared import Inputs

    with tempfile.TemporaryDirectory(prefix="briefing-docx-") as folder:
        outputs = Outputs()
        try:
            description = describe(builder.layout_path, Inputs(builder.data_path), builder.lang, ("docx",))
            build(description, Path(folder), outputs)
            [output] = outputs.commit()
        finally:
            outputs.discard()
        return output.path.name, output.path.read_bytes()


def bind(port: int) -> socket.socket:
    """Return a socket bound to 127.0.0.1:port (0 picks a free port); raise GeneratorError if it is taken."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    if sys.platform != "win32":  # on Windows this option would let two servers share the port
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((HOST, port))
        # listening from the start: a browser (or a test) that opens the printed address while the server is still
        # starting waits in the backlog instead of being refused
        sock.listen(128)
    except OSError as exc:
        sock.close()
        raise GeneratorError(_("cannot listen on {host}:{port}: {exc_strerror}").format(
            host=HOST, port=port, exc_strerror=os_reason(exc)),
                             hint=_("another preview may be running; choose another port with --port")) from None
    return sock


#: the prefix of a preview's temporary folder; each holds a lock file its preview keeps locked while it runs
WORK_PREFIX = "briefing-preview-"
LOCK_NAME = ".in-use"


@contextmanager
def _claimed(work: Path) -> Iterator[None]:
    """Hold the lock that marks work as in use by this preview until it ends."""
    try:
        import fcntl
    except ImportError:  # pragma: no cover - Windows removes a folder in use only when its files are closed
        yield
        return
    with open(work / (LOCK_NAME + ".new"), "wb") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        os.rename(work / (LOCK_NAME + ".new"), work / LOCK_NAME)  # seen by others only once locked
        yield


def _remove_abandoned_folders() -> None:
    """Remove the temporary folders of previews that were killed (their lock is free); a folder whose lock another
    preview holds, or that is someone else's, is left alone."""
    try:
        import fcntl
    except ImportError:  # pragma: no cover
        return
    import shutil

    for folder in Path(tempfile.gettempdir()).glob(WORK_PREFIX + "*"):
        try:
            if folder.is_symlink() or not folder.is_dir() or folder.stat().st_uid != os.getuid():
                continue
            handle = os.open(folder / LOCK_NAME, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
        except OSError:
            continue  # no lock file yet (a preview starting) or not ours to look at
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            continue  # a running preview's
        finally:
            os.close(handle)
        shutil.rmtree(folder, ignore_errors=True)


def run(layout_path: Path, data_path: Path, lang: str | None, port: int, open_browser: bool,
        on_start: Callable[[str], None], report: Callable[[Snapshot], None]) -> None:
    """Serve the preview until Ctrl-C (which raises KeyboardInterrupt once the server has stopped).

    Raises GeneratorError when the port is taken.
    """
    sock = bind(port)
    url = f"http://{HOST}:{sock.getsockname()[1]}/"
    _remove_abandoned_folders()
    with tempfile.TemporaryDirectory(prefix=WORK_PREFIX) as work, _claimed(Path(work)):
        builder = PreviewBuilder(layout_path, data_path, lang, Path(work))
        hub = _Hub(builder.snapshot)

        def ready() -> None:
            on_start(url)
            if open_browser:
                import webbrowser

                webbrowser.open(url)

        app = _HostAllowList(_app(builder, hub, report, ready), sock.getsockname()[1])
        config = uvicorn.Config(app, log_level="warning", access_log=False, lifespan="on", timeout_graceful_shutdown=2,
                                # a request beyond this many connections or tasks gets 503; the protocol keeps the
                                # connections within MAX_CONNECTIONS, so this bounds the tasks
                                http=_GuardedProtocol, limit_concurrency=MAX_CONNECTIONS + 1, backlog=ACCEPT_BURST,
                                timeout_keep_alive=KEEP_ALIVE_SECONDS, h11_max_incomplete_event_size=MAX_HEAD_BYTES)
        try:
            uvicorn.Server(config).run(sockets=[sock])
        finally:
            sock.close()
