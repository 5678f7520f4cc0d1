"""Caches for tests whose subject is not the font cache. A build on an empty cache converts and subsets the CJK
font and measures its metrics again, seconds of processor time per build; a test that needs a cache of its own
(one it inspects or damages, or one no other process may change between two of its builds) starts instead from a
copy of the font entries of the shared test cache, made warm first for what the test builds."""
from __future__ import annotations

import fcntl
import hashlib
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
#: the cache every test uses unless it names another (tests/conftest.py)
SHARED = ROOT / ".venv" / "briefing-cache"
SMALL_LAYOUT = ROOT / "tests" / "fixtures" / "small-layout.yaml"
#: the small layout in both languages and every format: the font entries of every output a test makes of it
SMALL_EVERYWHERE = ("check", str(SMALL_LAYOUT), "--lang", "zh", "--lang", "en")
#: the kinds made from the installed fonts and the code alone, never from a meeting's inputs
FONT_KINDS = ("fonts", "metrics", "families")
#: beside the cache, not in it: which commands have gone through it, per version of the code and of the cache's key
_MARKERS = ROOT / ".venv" / "briefing-cache-warm"


@contextmanager
def _taking_turns() -> Iterator[None]:
    """Held by one process at a time: two pytest workers, or two test runs sharing the virtual environment."""
    _MARKERS.mkdir(parents=True, exist_ok=True)
    with open(_MARKERS / "lock", "a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


def _marker(command: tuple[str, ...]) -> Path:
    """The marker of a command run through the shared cache by this code, these libraries and this cache's key
    (a new key, as after the cache was removed, makes every entry again)."""
    from generator import cache

    try:
        secret = (SHARED / "secret.key").read_bytes()
    except OSError:
        secret = b""
    digest = hashlib.sha256(repr((command, cache.code_fingerprint(), cache.library_versions(), secret)).encode())
    return _MARKERS / digest.hexdigest()


def warm_shared(*command: str) -> Path:
    """The shared cache, once `briefing COMMAND` has gone through it (in a scratch folder, on the shipped dataset and
    layouts): the font subsets its outputs embed, the fonts' metrics and families are then in it. Run in a process
    of its own, once per version of the code (a marker remembers it); two processes that ask at once take turns."""
    with _taking_turns():
        marker = _marker(command)
        if marker.exists():
            return SHARED
        with tempfile.TemporaryDirectory(prefix="briefing-warm-") as scratch:
            env = dict(os.environ, PYTHONPATH=str(ROOT), BRIEFING_CACHE_DIR=str(SHARED))
            run = subprocess.run([sys.executable, "-m", "generator", "--ui", "en", *command], cwd=scratch, env=env,
                                 capture_output=True, text=True, timeout=600)
        if run.returncode == 0:  # otherwise the caches copied from it are only colder: the tests say what fails
            _marker(command).touch()  # the cache's key as it is now: the run may have made it
    return SHARED


def seeded_cache(folder: Path, *command: str) -> Path:
    """folder as a cache holding a copy of the shared cache's font entries, made warm by COMMAND (by default the
    small test layout in both languages and every format), and its key: every other kind (prepared meetings,
    charts, page numbers) starts empty. A copy, so that a test may damage its entries."""
    source = warm_shared(*(command or SMALL_EVERYWHERE))
    folder.mkdir(parents=True, exist_ok=True)
    if not (source / "secret.key").is_file():
        return folder  # nothing to copy: an empty cache
    shutil.copyfile(source / "secret.key", folder / "secret.key")
    for kind in FONT_KINDS:
        (folder / kind).mkdir(exist_ok=True)
        for entry in os.scandir(source / kind) if (source / kind).is_dir() else ():
            if entry.name.startswith("."):
                continue  # being written
            try:
                shutil.copyfile(entry.path, folder / kind / entry.name)
            except FileNotFoundError:
                pass  # evicted meanwhile by another process: made again if it is needed
    return folder
