"""Caches for tests whose subject is not the font cache. A build on an empty cache converts and subsets the CJK
font and measures its metrics again, seconds of processor time per build; a test that needs a cache of its own
(one it inspects or damages, or one no other process may change between two of its builds) starts instead from a
copy of what the shared test cache (.venv/briefing-cache) holds of that work: the converted subsets, the fonts'
metrics and family names (seeded_cache, made warm first for what the test builds; own_cache, which also gives back
the entries the test made). A test about the cache itself starts from an empty one.

The entries are copied file by file: the cache writes each entry under a temporary name and renames it into place,
so a copy is never half an entry, and an entry removed meanwhile is just not copied. Two workers or runs giving
entries back at once write the same bytes under the same name: an entry's name is a hash of what it is made from,
and the font conversion and the metrics are deterministic. Whatever is copied is verified by its hash when it is
read, as every cache entry is; one that fails is made again."""
from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from filelock import FileLock

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
    _MARKERS.mkdir(parents=True, exist_ok=True)
    # one process at a time: two pytest workers, or two test runs sharing the virtual environment
    with FileLock(str(_MARKERS / "lock")):
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
    warm_shared(*(command or SMALL_EVERYWHERE))
    return seed(folder)


SECRET = "secret.key"  # the key the entries' hashes are made with: the copies are verified with the same


def _entries(folder: Path) -> list[Path]:
    """The entries of a kind's folder, font files before their records (a record names a file that is there)."""
    try:
        found = [p for p in folder.iterdir() if not p.name.startswith(".") and p.is_file()]
    except FileNotFoundError:
        return []
    return sorted(found, key=lambda p: (p.suffix == ".record", p.name))


def _copy(source: Path, target: Path) -> None:
    """Copy one file, renamed into place; nothing when the source is gone."""
    try:
        handle, temp = tempfile.mkstemp(prefix=f".{target.name[:16]}.", suffix=".tmp", dir=target.parent)
        os.close(handle)
        try:
            shutil.copyfile(source, temp)
            os.replace(temp, target)
        finally:
            Path(temp).unlink(missing_ok=True)
    except FileNotFoundError:
        pass  # evicted from the shared cache meanwhile: the test makes it again


def seed(folder: Path) -> Path:
    """Make folder a cache holding the shared cache's key and its entries of FONT_KINDS; return folder."""
    folder.mkdir(parents=True, exist_ok=True)
    if (SHARED / SECRET).is_file():
        _copy(SHARED / SECRET, folder / SECRET)
    for kind in FONT_KINDS:
        (folder / kind).mkdir(exist_ok=True)
        for entry in _entries(SHARED / kind):
            _copy(entry, folder / kind / entry.name)
    return folder


def publish(folder: Path, in_process: bool = True) -> None:
    """Copy the entries of FONT_KINDS that folder has and the shared cache lacks into the shared cache, when they were
    made with the shared cache's key: folder holds a copy of it (seed), which a build in another process reads;
    this process uses the key it read first, which is another when it used another cache before. Entries made with
    another key would only be discarded there."""
    from generator import cache

    try:
        shared = (SHARED / SECRET).read_bytes()
        same_key = (folder / SECRET).read_bytes() == shared and (not in_process or cache._secret() == shared)
    except OSError:
        return
    if not same_key:
        return
    for kind in FONT_KINDS:
        (SHARED / kind).mkdir(parents=True, exist_ok=True)
        for entry in _entries(folder / kind):
            if not (SHARED / kind / entry.name).exists():
                _copy(entry, SHARED / kind / entry.name)


@contextmanager
def _cache_at(folder: Path) -> Iterator[Path]:
    """Builds in the block use the cache at folder (the font subsets' folder, which a process remembers, is looked
    up again on entering and leaving)."""
    from generator import fonts

    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("BRIEFING_CACHE_DIR", str(folder))
        fonts._subset_folder.cache_clear()
        try:
            yield folder
        finally:
            fonts._subset_folder.cache_clear()


@contextmanager
def own_cache(folder: Path) -> Iterator[Path]:
    """Builds in the block use a cache of their own at folder, seeded from the shared one (see the module)."""
    with _cache_at(seed(folder)):
        yield folder
    publish(folder)
