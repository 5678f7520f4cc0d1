"""The one on-disk cache: entries are plain data (bytes or JSON), or files a library opens by path (font subsets)
with a record of their hash, written atomically under a unique name and verified by their hash when read; every
entry's name is made by key(), one recipe over its inputs, the code and the libraries' versions. A corrupt,
unreadable or unwritable entry is ignored and made again: a cache that cannot be used costs time, never a wrong
output. Each kind is capped (MAX_ENTRIES, MAX_BYTES): the least recently used entries go first."""
from __future__ import annotations

import hashlib
import hmac
import json
import os
import sys
import tempfile
from collections.abc import Iterator
from dataclasses import fields, is_dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from .errors import GeneratorError

_DIGEST = 32  # bytes of SHA-256 written before every entry

#: Each kind of entry (a folder of the cache) keeps at most this many entries and bytes; beyond them the least
#: recently used entries are removed (reading an entry counts as a use). Six kinds: at most 240 MB in all.
MAX_ENTRIES = 1000
MAX_BYTES = 40 * 2**20

#: the libraries whose versions shape a cached entry (a prepared meeting, a chart, a font subset, page numbers)
LIBRARIES = ("python_pptx", "reportlab", "matplotlib", "svglib", "pydantic", "fonttools", "babel", "pillow")


def folder() -> Path:
    """$BRIEFING_CACHE_DIR, else the user's cache folder (platformdirs: ~/.cache/briefing on Linux)."""
    if os.environ.get("BRIEFING_CACHE_DIR"):
        return Path(os.environ["BRIEFING_CACHE_DIR"])
    import platformdirs

    return Path(platformdirs.user_cache_dir("briefing", appauthor=False))


def key(*parts: object) -> str:
    """The one key recipe of every entry: a hash of what the entry is made from (parts, by their repr: plain
    values, dataclasses, paths), the program's code and the versions of the libraries that shape outputs."""
    digest = hashlib.sha256(repr(parts).encode("utf-8"))
    digest.update(code_fingerprint().encode())
    digest.update(library_versions().encode())
    return digest.hexdigest()


def read(kind: str, name: str) -> bytes | None:
    """The entry's bytes, or None when it is missing, unreadable or not what was written."""
    from .reading import MAX_INPUT_BYTES, read_bytes

    path = folder() / kind / name
    try:  # a missing entry, a pipe, a device or a folder in its place is no entry
        blob = read_bytes(path, limit=MAX_INPUT_BYTES) if os.path.lexists(path) else b""
    except GeneratorError:
        return None
    if not blob:
        return None
    digest, payload = blob[:_DIGEST], blob[_DIGEST:]
    if len(blob) < _DIGEST or not hmac.compare_digest(_digest(payload), digest):
        try:
            path.unlink()
        except OSError:
            pass
        return None
    _used(path)
    return payload


def write(kind: str, name: str, payload: bytes) -> None:
    """Store the entry; a cache folder that cannot be written (read-only, a file in its place) is left alone."""
    _write_bytes(folder() / kind / name, _digest(payload) + payload)


def write_file(where: Path, name: str, data: bytes, record: dict[str, Any]) -> Path | None:
    """Store data as a file of its own in the folder where (a kind's folder), for a library that opens it by its
    path (a font subset), with a record beside it (the same name, suffix .record) holding record, the file's name
    and its hash; return the file's path, or None when the folder cannot be written."""
    target = where / name
    if not _write_bytes(target, data, evict=False):
        return None
    record = {**record, "file": name, "sha256": _digest(data).hex()}
    if not _write_bytes(target.with_suffix(".record"), record_text(record).encode("utf-8")):
        return None
    return target


def files(where: Path, prefix: str) -> Iterator[tuple[Path, dict[str, Any]]]:
    """(file, its record) of each file entry in the folder where whose name starts with prefix and whose bytes
    are as written, in the order of their names; a file a caller then uses is marked with used()."""
    from .reading import MAX_INPUT_BYTES, read_bytes

    for listing in sorted(where.glob(f"{prefix}*.record")):
        try:
            record = record_of(read_bytes(listing).decode("utf-8"))
            found = listing.with_name(record["file"])
            if found.parent != listing.parent or not hmac.compare_digest(
                    _digest(read_bytes(found, limit=MAX_INPUT_BYTES)).hex(), str(record["sha256"])):
                continue  # truncated or changed since it was written: made again, never trusted
            yield found, record
        except (GeneratorError, ValueError, KeyError, TypeError, UnicodeDecodeError):
            continue


def used(path: Path) -> None:
    """Mark a file entry as used now, for the least-recently-used eviction."""
    _used(path)
    _used(path.with_suffix(".record"))


def _used(path: Path) -> None:
    try:
        os.utime(path)
    except OSError:
        pass


_written: dict[Path, int] = {}  # bytes this process wrote into each kind's folder since it last evicted there


def _write_bytes(target: Path, blob: bytes, evict: bool = True) -> bool:
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        handle, temp = tempfile.mkstemp(prefix=f".{target.name[:16]}.", suffix=".tmp", dir=target.parent)
        try:
            with os.fdopen(handle, "wb") as out:
                out.write(blob)
            os.replace(temp, target)
        except BaseException:
            Path(temp).unlink(missing_ok=True)
            raise
    except OSError:
        return False  # the cache only saves time
    if evict:
        # evicted at a kind's first write in a process and after each further tenth of its limit written
        written = _written.get(target.parent)
        if written is None or written + len(blob) > MAX_BYTES // 10:
            evict_lru(target.parent)
            written = 0
        _written[target.parent] = written + len(blob)
    return True


def evict_lru(kind_folder: Path) -> None:
    """Remove the least recently used entries of one kind beyond MAX_ENTRIES and MAX_BYTES. An entry is the files
    that share a name up to the first dot (a font subset and its record go together)."""
    entries: dict[str, tuple[float, int, list[Path]]] = {}
    try:
        listing = list(os.scandir(kind_folder))
    except OSError:
        return
    for item in listing:
        if item.name.startswith("."):
            continue  # being written
        try:
            stat = item.stat()
        except OSError:
            continue
        stem = item.name.split(".", 1)[0]
        used_at, size, paths = entries.get(stem, (0.0, 0, []))
        entries[stem] = (max(used_at, stat.st_mtime), size + stat.st_size, [*paths, Path(item.path)])
    total = sum(size for _used_at, size, _paths in entries.values())
    count = len(entries)
    for _used_at, size, paths in sorted(entries.values(), key=lambda entry: entry[0]):
        if count <= MAX_ENTRIES and total <= MAX_BYTES:
            break
        for path in paths:
            try:
                path.unlink()
            except OSError:
                pass
        count, total = count - 1, total - size


def _digest(payload: bytes) -> bytes:
    """The entry's digest, keyed by the cache's own secret: an entry rewritten with a digest anyone can compute
    (its plain SHA-256) is not trusted."""
    return hmac.new(_secret(), payload, hashlib.sha256).digest()


def _secret() -> bytes:
    """The key of the cache folder in use (a process that is pointed at another folder uses that folder's key)."""
    return _secret_of(folder())


@lru_cache(maxsize=4)
def _secret_of(cache: Path) -> bytes:
    """The cache's random key, made on first use and readable by its owner only; this process's own key when the
    cache folder cannot hold one (its entries are then made again)."""
    from .reading import read_bytes

    path = cache / "secret.key"
    for _attempt in range(2):
        try:
            try:
                key = read_bytes(path, limit=_DIGEST) if os.path.lexists(path) else b""
            except GeneratorError:
                key = b"<damaged>"
            if len(key) == _DIGEST:
                return key
            path.parent.mkdir(parents=True, exist_ok=True)
            handle, temp = tempfile.mkstemp(prefix=".secret.", suffix=".tmp", dir=path.parent)
            try:
                with os.fdopen(handle, "wb") as out:
                    out.write(os.urandom(_DIGEST))
                if key:
                    os.replace(temp, path)  # a damaged key: every entry is made again
                else:
                    os.link(temp, path)  # the first of two builds to make one wins; the other reads it
            finally:
                Path(temp).unlink(missing_ok=True)
        except FileExistsError:
            continue
        except OSError:
            break
    return os.urandom(_DIGEST)


@lru_cache(maxsize=1)
def code_fingerprint() -> str:
    """A hash of the program's own code (every module of the package)."""
    digest = hashlib.sha256()
    for path in sorted(Path(__file__).resolve().parent.rglob("*.py")):
        digest.update(path.read_bytes())
    return digest.hexdigest()


@lru_cache(maxsize=1)
def library_versions() -> str:
    """The installed versions of LIBRARIES, from the names of their `*.dist-info` folders (the standard's
    `name-version.dist-info`, name normalised with underscores). Written by hand because importlib.metadata reads
    every installed distribution's metadata for each name asked, which costs more than the rest of a warm build's
    preparation; the first folder on sys.path wins, as for imports."""
    found: dict[str, str] = {}
    for entry in sys.path:
        try:
            names = os.listdir(entry or ".")
        except OSError:
            continue
        for name in names:
            if name.endswith(".dist-info"):
                distribution, _sep, version = name[: -len(".dist-info")].partition("-")
                found.setdefault(distribution.lower().replace("-", "_").replace(".", "_"), version)
    return ",".join(f"{name}={found.get(name, '-')}" for name in LIBRARIES)


def encode(value: Any) -> Any:
    """Frozen dataclasses, tuples, paths, dicts and plain values as JSON-ready data."""
    if is_dataclass(value) and not isinstance(value, type):
        return {"@": type(value).__name__, **{f.name: encode(getattr(value, f.name)) for f in fields(value)}}
    if isinstance(value, tuple):
        return {"@t": [encode(item) for item in value]}
    if isinstance(value, list):
        return [encode(item) for item in value]
    if isinstance(value, Path):
        return {"@p": str(value)}
    if isinstance(value, dict):
        return {"@d": [[encode(k), encode(v)] for k, v in value.items()]}
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    raise TypeError(f"cannot store a {type(value).__name__} in the cache")


def decode(data: Any, classes: dict[str, type]) -> Any:
    """The value encode() made; only the dataclasses named in classes are made (anything else is refused)."""
    if isinstance(data, list):
        return [decode(item, classes) for item in data]
    if isinstance(data, dict):
        if "@t" in data:
            return tuple(decode(item, classes) for item in data["@t"])
        if "@p" in data:
            return Path(data["@p"])
        if "@d" in data:
            return {decode(k, classes): decode(v, classes) for k, v in data["@d"]}
        cls = classes[data["@"]]  # KeyError for a class not allowed: the entry is not used
        return cls(**{name: decode(value, classes) for name, value in data.items() if name != "@"})
    return data


def dumps(value: Any) -> bytes:
    return json.dumps(encode(value), ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def loads(blob: bytes, classes: dict[str, type]) -> Any:
    try:
        return decode(json.loads(blob.decode("utf-8")), classes)
    except RecursionError:  # nested deeper than the stack: not an entry this program wrote
        raise ValueError("nested too deeply") from None


def record_text(record: dict[str, Any]) -> str:
    """A small record of plain values as text (a cached font subset's characters and hash)."""
    return json.dumps(record, ensure_ascii=False)


def record_of(text: str) -> dict[str, Any]:
    """The record record_text() wrote; raises ValueError for anything else."""
    try:
        value = json.loads(text)
    except RecursionError:
        raise ValueError("nested too deeply") from None
    if not isinstance(value, dict):
        raise ValueError("not a record")
    return value
