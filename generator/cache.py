"""The one on-disk cache: entries are plain data (bytes or JSON), written atomically under a unique name and
verified by their hash when read. A corrupt, unreadable or unwritable entry is ignored and made again: a cache that
cannot be used costs time, never a wrong output."""
from __future__ import annotations

import hashlib
import hmac
import json
import os
import tempfile
from dataclasses import fields, is_dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from .errors import GeneratorError

_DIGEST = 32  # bytes of SHA-256 written before every entry


def folder() -> Path:
    """$BRIEFING_CACHE_DIR, else the user's cache folder."""
    from .fonts import cache_dir

    return cache_dir()


def read(kind: str, key: str) -> bytes | None:
    """The entry's bytes, or None when it is missing, unreadable or not what was written."""
    from .reading import MAX_INPUT_BYTES, read_bytes

    path = folder() / kind / key
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
    return payload


def write(kind: str, key: str, payload: bytes) -> None:
    """Store the entry; a cache folder that cannot be written (read-only, a file in its place) is left alone."""
    target = folder() / kind / key
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        handle, temp = tempfile.mkstemp(prefix=f".{key[:16]}.", suffix=".tmp", dir=target.parent)
        try:
            with os.fdopen(handle, "wb") as out:
                out.write(_digest(payload) + payload)
            os.replace(temp, target)
        except BaseException:
            Path(temp).unlink(missing_ok=True)
            raise
    except OSError:
        pass  # the cache only saves time


def _digest(payload: bytes) -> bytes:
    """The entry's digest, keyed by the cache's own secret: an entry rewritten with a digest anyone can compute
    (its plain SHA-256) is not trusted."""
    return hmac.new(_secret(), payload, hashlib.sha256).digest()


@lru_cache(maxsize=1)
def _secret() -> bytes:
    """The cache's random key, made on first use and readable by its owner only; this process's own key when the
    cache folder cannot hold one (its entries are then made again)."""
    from .reading import read_bytes

    path = folder() / "secret.key"
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
