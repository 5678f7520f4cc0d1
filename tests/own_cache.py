"""A cache of a test's own that no other process changes while the test runs, started with what the shared test
cache (.venv/briefing-cache) holds of the costly work every build repeats: the CJK font's converted subsets, the
fonts' metrics and their family names. A test about the cache itself starts from an empty one instead.

The entries are copied file by file: the cache writes each entry under a temporary name and renames it into place,
so a copy is never half an entry, and an entry removed meanwhile is just not copied. Entries the test made that
the shared cache lacks are copied back into it (renamed into place the same way) when the test ends, so that the
next run starts warm. Two workers or runs doing so at once write the same bytes under the same name: an entry's
name is a hash of what it is made from, and the font conversion and the metrics are deterministic. Whatever
is copied is verified by its hash when it is read, as every cache entry is; one that fails is made again.

shared_cache() points a module's or session's fixture at the shared test cache itself."""
from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from .conftest import ROOT

SHARED = ROOT / ".venv" / "briefing-cache"
#: the kinds of entries copied: those that cost the same in every build whatever its meeting
KINDS = ("fonts", "metrics", "families")
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
    """Make folder a cache holding the shared cache's key and its entries of KINDS; return folder."""
    folder.mkdir(parents=True, exist_ok=True)
    if (SHARED / SECRET).is_file():
        _copy(SHARED / SECRET, folder / SECRET)
    for kind in KINDS:
        (folder / kind).mkdir(exist_ok=True)
        for entry in _entries(SHARED / kind):
            _copy(entry, folder / kind / entry.name)
    return folder


def publish(folder: Path, in_process: bool = True) -> None:
    """Copy the entries of KINDS that folder has and the shared cache lacks into the shared cache, when they were
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
    for kind in KINDS:
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


def shared_cache() -> contextlib.AbstractContextManager[Path]:
    """Builds in the block use the shared test cache: for a module's or session's fixture, which pytest sets up
    before the per-test setting of tests/conftest.py (without it, they would use the user's own cache)."""
    return _cache_at(SHARED)
