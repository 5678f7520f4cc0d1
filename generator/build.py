"""Render a described build's outputs into the run's temporary files: the first output in this process, the others
in a forked worker on the other core (see outputs.py for how they are then put in place, prepared.py for the
cached meeting, description.py for what a build is)."""
from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from .description import Description, Warn, briefing_options, ignore, render_options
from .errors import GeneratorError, InternalError, SourceRef
from .i18n import _, os_reason

if TYPE_CHECKING:
    from multiprocessing.connection import Connection

    from .document import Document
    from .outputs import Outputs
    from .render import RenderOptions
    from .render.slides import DeckLayout


@dataclass(frozen=True)
class Job:
    """One output to render: its renderer, the temporary file it is written to and its place."""

    format: str
    temp: Path
    path: Path


@dataclass(frozen=True)
class Rendered:
    """One output rendered into its temporary file, and what its renderer said about it."""

    format: str
    temp: Path
    path: Path
    summary: str


def build(description: Description, out_dir: Path, outputs: Outputs, warn: Warn = ignore) -> list[Rendered]:
    """Render the described outputs into temporary files of `outputs`, which the caller commits (together with the
    other layouts' of the run) or discards. Raises GeneratorError; nothing is then added to `outputs`."""
    jobs = [Job(fmt, outputs.temporary(path), path)
            for fmt, path in ((fmt, description.out_path(out_dir, fmt)) for fmt in description.formats)]
    try:
        rendered = _render_all(description, jobs, warn)
    except BaseException:
        for job in jobs:
            job.temp.unlink(missing_ok=True)
        raise
    for item in rendered:
        outputs.add(item.temp, item.path, item.summary)
    return rendered


def _render_all(description: Description, jobs: list[Job], warn: Warn) -> list[Rendered]:
    """Render each job: the first here, the others in a forked process on the other core. The child dies with
    this process and never renames anything. When the child paints no deck, it is forked first with the
    briefing's options (the faces are all it needs), and the deck's checks of every character's glyph and its
    template then overlap the briefing."""
    document = description.document
    if len(jobs) < 2 or not _can_fork():
        options = render_options(description, warn)
        deck = _lay_out(document, options) if description.paints_deck else None
        return [_render_one(document, options, deck, job) for job in jobs]
    from multiprocessing import get_context

    from .render import RENDERERS

    child_paints_deck = any(RENDERERS[job.format].paints_deck for job in jobs[1:])
    full: RenderOptions | None = None
    deck = None
    if child_paints_deck:  # the deck is laid out once, before forking: the worker paints the same layout
        full = render_options(description, warn)
        deck = _lay_out(document, full)
    context = get_context("fork")
    receive, send = context.Pipe(duplex=False)
    child = context.Process(target=_child, args=(send, document, full or briefing_options(description), deck,
                                                 jobs[1:]))
    child.start()
    send.close()
    try:
        if full is None:
            full = render_options(description, warn)
            if description.paints_deck:  # only this process paints it: laid out while the worker renders
                deck = _lay_out(document, full)
        first = _render_one(document, full, deck, jobs[0])
        current = jobs[1]  # the output the worker is rendering, as it tells before each
        while True:
            try:
                kind, payload = receive.recv()
            except EOFError:  # it died without a word: a signal, os._exit, a crash of a C library
                kind, payload = "died", ""
            if kind != "rendering":
                break
            current = jobs[payload]
        child.join()
    finally:
        if child.is_alive():
            child.kill()
            child.join()
        receive.close()
    if kind == "error":
        raise GeneratorError(payload)
    if kind in ("crash", "died"):
        raise _worker_failure(current, child.exitcode, payload)
    return [first, *payload]


def _child(send: Connection, document: Document, options: RenderOptions, deck: DeckLayout | None,
           jobs: list[Job]) -> None:
    from .processes import die_with_parent

    die_with_parent()
    try:
        rendered = []
        for index, job in enumerate(jobs, 1):
            send.send(("rendering", index))
            rendered.append(_render_one(document, options, deck, job))
        send.send(("ok", rendered))
    except GeneratorError as exc:
        send.send(("error", exc.issues))
    except BaseException as exc:  # noqa: BLE001 - reported to the parent, which reports it as a bug
        import traceback

        send.send(("crash", "".join(traceback.format_exception(exc))))
    finally:
        send.close()


def _worker_failure(job: Job, exitcode: int | None, details: str) -> InternalError:
    """What the user is told of a worker that failed while rendering job: the exception it reported (details is
    then its traceback), or the signal or exit status it died with."""
    import signal

    where = SourceRef(str(job.path))
    if details:
        last = details.rstrip().rpartition("\n")[2]  # "ValueError: its message", as the traceback ends
        return InternalError(_("the renderer process failed: {error}; no output was changed").format(error=last), where,
                             _("this is a bug in briefing: run again with --debug for the traceback"), details)
    if exitcode is not None and exitcode < 0:
        try:
            name = signal.Signals(-exitcode).name
        except ValueError:
            name = "?"
        return InternalError(_("the renderer process was killed by signal {number} ({name}); no output was "
                               "changed").format(number=-exitcode, name=name), where,
                             _("the system may have run out of memory: build again, or with BRIEFING_JOBS=1 to "
                               "render in one process"))
    return InternalError(_("the renderer process ended with exit status {code} without a result; no output was "
                           "changed").format(code=exitcode), where,
                         _("build again, or with BRIEFING_JOBS=1 to render in one process"))


def _lay_out(document: Document, options: RenderOptions) -> DeckLayout:
    from .render import slides

    return slides.lay_out(document, options)


def _can_fork() -> bool:
    import multiprocessing

    return "fork" in multiprocessing.get_all_start_methods() and os.environ.get("BRIEFING_JOBS", "2") != "1"


def _render_one(document: Document, options: RenderOptions, deck: DeckLayout | None, job: Job) -> Rendered:
    from .render import RENDERERS

    try:
        summary = RENDERERS[job.format].render(document, options, job.temp, deck)
    except OSError as exc:
        job.temp.unlink(missing_ok=True)
        if exc.errno is None:  # not the file system's (e.g. an image library's "truncated"): not a write failure
            raise
        raise GeneratorError(_("cannot write the output: {reason}").format(reason=os_reason(exc)),
                             SourceRef(str(job.path)),
                             _("check that the folder is writable and the disk is not full")) from None
    except BaseException:
        job.temp.unlink(missing_ok=True)
        raise
    return Rendered(job.format, job.temp, job.path, summary)
