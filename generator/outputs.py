"""The output transaction of one run: every output is written into a private temporary folder inside its output
folder and all are renamed into place together, only when every one of them succeeded.

The temporary folder is `.briefing-tmp/run-<pid>-<random>/` beside the outputs. Nothing outside `.briefing-tmp/`
is ever removed, whatever its name (a user's `.draft.1234567.tmp.docx` is not ours), and a run folder is removed by
another run only when it holds our lock file and that file's lock is free: the kernel releases a lock when its
process dies, even by SIGKILL, so a free lock proves the run that made the folder is gone (a reused pid cannot
fool it). Two runs into one folder never see each other's files.

The renames are made with Ctrl-C and SIGTERM deferred: a signal that comes during them puts the previous outputs
back before it is acted on, so that "no output was changed" is true; after the last rename the run is committed
and a signal can only stop what remains (printing). A run killed during them (SIGKILL, a crash) leaves a journal
in its folder, from which the next run in the folder puts the previous outputs back before sweeping it."""
from __future__ import annotations

import itertools
import os
import shutil
import signal
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from .errors import GeneratorError, SourceRef
from .i18n import _, os_reason

PRIVATE = ".briefing-tmp"  #: the folder of our temporary files, inside an output folder
_RUN = "run-"  #: the prefix of one run's folder inside PRIVATE
_LOCK = "lock"  #: the file inside a run's folder whose lock is held for as long as the run lives
_JOURNAL = "committing"  #: the temporary files a run is renaming into place, while it does


@dataclass(frozen=True)
class Output:
    """One written file and what the renderer said about it."""

    path: Path
    summary: str


class _RunFolder:
    """This run's folder inside one output folder's PRIVATE folder, locked for as long as the run lives."""

    def __init__(self, out_folder: Path):
        private = out_folder / PRIVATE
        made = not private.is_dir()
        try:
            self.path, self._lock = _make_run_folder(private)
        except OSError:  # a read-only or full folder: nothing of ours is left in it
            if made:
                _remove_empty([private])
            raise
        self.out_folder = out_folder

    def remove(self) -> None:
        shutil.rmtree(self.path, ignore_errors=True)
        self._lock.close()  # the lock goes with the file's last descriptor
        try:
            (self.out_folder / PRIVATE).rmdir()  # only when no other run is using it
        except OSError:
            pass


def _make_run_folder(private: Path) -> tuple[Path, IO[str]]:
    """A new run folder in private (made when missing) and its lock file, held; raises OSError."""
    for _attempt in range(20):  # another run may remove an empty PRIVATE folder between our mkdir and mkdtemp
        private.mkdir(exist_ok=True)
        sweep(private.parent)
        try:
            path = Path(tempfile.mkdtemp(prefix=f"{_RUN}{os.getpid()}-", dir=private))
        except FileNotFoundError:
            continue
        try:
            lock = _hold(path / _LOCK)
        except OSError:
            shutil.rmtree(path, ignore_errors=True)
            raise
        if lock is not None:
            return path, lock
    raise OSError("cannot make a temporary folder in " + str(private))


def _remove_empty(folders: list[Path]) -> None:
    """Remove each folder that is empty, in the order given (a folder before its parent)."""
    for folder in folders:
        try:
            folder.rmdir()
        except OSError:
            pass


def _hold(lock_path: Path) -> IO[str] | None:
    """Create lock_path, lock it and return it open; None when a sweeping run removed its folder meanwhile."""
    try:
        handle = open(lock_path, "x", encoding="ascii")
    except FileNotFoundError:
        return None
    try:
        import fcntl
    except ImportError:  # pragma: no cover - not on Linux or macOS: run folders are then never swept
        return handle
    try:
        fcntl.flock(handle, fcntl.LOCK_EX)  # a new file of ours: nobody else holds it but a sweeper about to remove it
    except OSError:  # a file system without locks: no run can then lock it to prove it stale, so nobody sweeps it
        return handle
    if os.fstat(handle.fileno()).st_nlink == 0:  # the sweeper removed it before we locked it
        handle.close()
        return None
    handle.write(f"{os.getpid()}\n")  # for a person who wonders whose folder it is
    handle.flush()
    return handle


def sweep(out_folder: Path) -> None:
    """Remove the run folders that killed runs (SIGKILL, power loss) left in out_folder's PRIVATE folder: those
    whose lock file no process holds. Anything else, in PRIVATE or beside it, is left alone."""
    try:
        import fcntl
    except ImportError:  # pragma: no cover - without locks no folder can be proved stale
        return
    private = out_folder / PRIVATE
    try:
        entries = list(private.iterdir())
    except OSError:
        return
    for entry in entries:
        if not entry.name.startswith(_RUN) or entry.is_symlink() or not entry.is_dir():
            continue
        try:
            handle = open(entry / _LOCK, "r+", encoding="ascii")
        except OSError:  # being made this moment, or not ours
            continue
        with handle:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except OSError:
                continue  # its run is alive
            _roll_back(entry, out_folder)
            shutil.rmtree(entry, ignore_errors=True)


def _roll_back(run: Path, out_folder: Path) -> None:
    """Put back the previous outputs of a run killed while renaming (SIGKILL, a crash), from its journal: a
    temporary file that is gone was renamed into place, and its place's previous file is the backup beside it
    (none: there was no previous file)."""
    try:
        names = (run / _JOURNAL).read_text(encoding="utf-8").splitlines()
    except OSError:
        return  # not committing when it died: no output was touched
    for name in reversed(names):
        number, dash, out_name = name.partition("-")
        if not (dash and number.isdigit()) or out_name in ("", ".", "..") or "/" in out_name or os.sep in out_name:
            continue
        temp = run / name
        if temp.exists():
            continue  # not renamed yet
        backup, out_path = run / (name + ".previous"), out_folder / out_name
        try:
            if backup.exists():
                os.replace(backup, out_path)
            else:
                out_path.unlink(missing_ok=True)
        except OSError:
            pass


class Outputs:
    """The files of one `briefing build` run: each is written to a temporary file in this run's private folder
    beside its place and all are renamed into place together, only when every one of them succeeded. Until then,
    and after any failure, signal or crash, the previous outputs stay as they were."""

    def __init__(self) -> None:
        self.pending: list[tuple[Path, Path, str]] = []  # (temporary file, final path, summary)
        self.committed = False  # every output is in place: an interruption now changes nothing
        self._runs: dict[Path, _RunFolder] = {}
        self._made: list[Path] = []  # the output folders this run made, each before the one above it
        self._count = 0

    def temporary(self, out_path: Path) -> Path:
        """A new temporary file for out_path, in this run's private folder beside it (same file system, so
        renamed into place at once); its name ends as out_path's does."""
        folder = out_path.parent
        run = self._runs.get(folder)
        if run is None:
            run = self._runs[folder] = self._run_folder(folder)
        self._count += 1
        return run.path / f"{self._count}-{out_path.name}"

    def _run_folder(self, folder: Path) -> _RunFolder:
        """This run's folder inside folder, which is made with the folders missing above it (removed again, if
        empty, when the run is discarded). Raises GeneratorError naming the folder and the system's reason; nothing
        is then left behind."""
        missing = list(itertools.takewhile(lambda above: not os.path.lexists(above), [folder, *folder.parents]))
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            _remove_empty(missing)
            raise GeneratorError(_("cannot create the output folder: {reason}").format(reason=os_reason(exc)),
                                 SourceRef(str(folder)), _("choose another folder with --out")) from None
        self._made += missing
        try:
            return _RunFolder(folder)
        except OSError as exc:
            _remove_empty(missing)
            raise GeneratorError(_("cannot write in the output folder: {reason}; no output was changed").format(
                reason=os_reason(exc)), SourceRef(str(folder)),
                _("choose another folder with --out, or make this one writable")) from None

    def add(self, temp: Path, out_path: Path, summary: str) -> None:
        self.pending.append((temp, out_path, summary))

    def commit(self) -> list[Output]:
        """Rename every temporary file into place; if one cannot be, or a signal comes meanwhile, put back the
        files already replaced. Raises GeneratorError, or the signal's KeyboardInterrupt (the previous outputs are
        then as they were)."""
        done: list[tuple[Path, Path | None]] = []
        current = None
        with _signals_deferred() as received:
            try:
                journals = self._journals()  # a run killed meanwhile is rolled back by the next one
                for temp, out_path, _summary in self.pending:
                    current = out_path
                    backup = None
                    if out_path.is_file():  # kept as a second name of the same file until every output is in place
                        backup = temp.with_name(temp.name + ".previous")
                        try:
                            os.link(out_path, backup)
                        except OSError:  # a file system without hard links (a USB stick): keep a copy instead
                            shutil.copyfile(out_path, backup)
                    done.append((out_path, backup))
                    os.replace(temp, out_path)
            except OSError as exc:
                _put_back(done)
                self.discard()
                where = SourceRef(str(current or ""))
                if isinstance(exc, (PermissionError, IsADirectoryError)):
                    raise GeneratorError(
                        _("cannot replace the file: it is open in another program (PowerPoint, WPS or a PDF viewer) or "
                          "the folder is read-only; no output was changed"), where,
                        _("close the file and build again")) from None
                raise GeneratorError(_("cannot write the output: {reason}; no output was changed").format(
                    reason=os_reason(exc)), where,
                    _("check that the folder is writable and the disk is not full")) from None
            if received:  # Ctrl-C or SIGTERM during the renames: all as before, then the signal is acted on
                _put_back(done)
                self.discard()
                return []
            for journal in journals:
                journal.unlink()
            self.committed = True
        outputs = [Output(out_path, summary) for _temp, out_path, summary in self.pending]
        self.pending = []
        self.discard()
        return outputs

    def _journals(self) -> list[Path]:
        """Write, in each run folder, the names of the temporary files about to be renamed; return the files."""
        names: dict[Path, list[str]] = {}
        for temp, _out, _summary in self.pending:
            names.setdefault(temp.parent, []).append(temp.name)
        journals = []
        for folder, listed in names.items():
            journal = folder / _JOURNAL
            journal.write_text("\n".join(listed) + "\n", encoding="utf-8")
            journals.append(journal)
        return journals

    def discard(self) -> None:
        """Remove every temporary file of this run, and its private folders; unless it committed, the output
        folders it made too, when they are empty."""
        self.pending = []
        for run in self._runs.values():
            run.remove()
        self._runs = {}
        if not self.committed:
            _remove_empty(self._made)
        self._made = []


def _put_back(done: list[tuple[Path, Path | None]]) -> None:
    for out_path, backup in reversed(done):
        try:
            if backup is not None:
                os.replace(backup, out_path)
            elif out_path.is_file():
                out_path.unlink()
        except OSError:
            pass


@contextmanager
def _signals_deferred() -> Iterator[list[int]]:
    """Within the block, SIGINT and SIGTERM are only recorded (in the list given); after it the previous handlers
    are restored and a recorded signal is raised again, for them to act on. A handler, not a signal mask: Python
    runs handlers in the main thread whichever thread the kernel chose, so a mask of this thread would not do.
    Outside the main thread, where handlers cannot be set, nothing is deferred."""
    received: list[int] = []
    if threading.current_thread() is not threading.main_thread():
        yield received
        return
    previous = {sig: signal.getsignal(sig) for sig in (signal.SIGINT, signal.SIGTERM)}
    previous = {sig: handler for sig, handler in previous.items() if handler not in (signal.SIG_IGN, None)}
    for sig in previous:
        signal.signal(sig, lambda signum, _frame: received.append(signum))
    try:
        yield received
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
        if received:
            signal.raise_signal(received[0])
