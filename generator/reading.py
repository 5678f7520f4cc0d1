"""Read input files safely: regular files only, of a bounded size, each refusal a message naming the file."""
from __future__ import annotations

import os
from pathlib import Path

from .errors import GeneratorError, SourceRef
from .i18n import _, os_reason

#: the largest layout, dataset or article
MAX_FILE_BYTES = 2 * 1024 * 1024
#: the largest input of any kind (a template with its pictures)
MAX_INPUT_BYTES = 200 * 1024 * 1024


def display_path(path: Path) -> str:
    """Return path relative to the current folder when it lies inside it."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except (ValueError, RuntimeError, OSError):  # outside the folder, or a symbolic link loop
        return str(path)


def read_bytes(path: Path, what: str = "file", limit: int = MAX_FILE_BYTES) -> bytes:
    """Return the bytes of a regular file of at most limit bytes; raise GeneratorError naming the file when it is
    missing, a folder, a pipe, a device or a socket, too large, or unreadable.

    The file is opened without blocking (a pipe with no writer would wait for ever) and checked through its open
    descriptor, so a symbolic link is followed and what it leads to is checked, and a file swapped in between the
    check and the read is still the one checked. At most limit + 1 bytes are read, whatever its size claims.
    """
    shown = SourceRef(display_path(path))
    handle = _open_regular(path, what, limit, shown)
    try:
        chunks, size = [], 0
        while size <= limit:
            chunk = os.read(handle, min(limit + 1 - size, 1 << 20))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
    except OSError as exc:
        raise GeneratorError(_("cannot read {what}: {exc_strerror}").format(
            what=_(what), exc_strerror=os_reason(exc)), shown) from None
    finally:
        os.close(handle)
    if size > limit:  # the file grew after its size was read
        raise _too_large(what, size, limit, shown)
    return b"".join(chunks)


def content_or_marker(path: Path) -> bytes:
    """The bytes of an input file for a fingerprint, or a marker when it cannot be read (missing, a pipe, a
    device, too large): reading it to build says what is wrong."""
    try:
        return read_bytes(path, "file", MAX_INPUT_BYTES)
    except GeneratorError:
        return b"<unreadable>"


def check_file(path: Path, what: str = "file", limit: int = MAX_FILE_BYTES) -> None:
    """Raise the GeneratorError read_bytes would for a file that is missing, not a regular file or too large,
    without reading it (for a file read later, e.g. a template, checked where the layout names it)."""

    os.close(_open_regular(path, what, limit, SourceRef(display_path(path))))


def _open_regular(path: Path, what: str, limit: int, shown: SourceRef) -> int:
    """An open descriptor of path, checked to be a regular file of at most limit bytes."""
    import errno
    import stat

    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_BINARY", 0)
    try:
        handle = os.open(path, flags)
    except FileNotFoundError:
        raise GeneratorError(_("{what} not found").format(what=_(what)), shown, _("check the path")) from None
    except IsADirectoryError:
        raise GeneratorError(_("{what} is a folder, not a file").format(what=_(what)), shown,
                             _("name a file in it")) from None
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise GeneratorError(_("{what} is a symbolic link that leads back to itself").format(what=_(what)),
                                 shown, _("name the file itself")) from None
        if exc.errno == errno.ENXIO:  # a socket
            raise GeneratorError(_("{what} is not a regular file (a device or a pipe)").format(what=_(what)),
                                 shown, _("name a file saved on disk")) from None
        if exc.errno == errno.ENOTDIR:
            raise GeneratorError(_("{what} not found: a part of its path is a file, not a folder").format(
                what=_(what)), shown, _("check the path")) from None
        raise GeneratorError(_("cannot read {what}: {exc_strerror}").format(
            what=_(what), exc_strerror=os_reason(exc)), shown) from None
    try:
        info = os.fstat(handle)
        if stat.S_ISDIR(info.st_mode):
            raise GeneratorError(_("{what} is a folder, not a file").format(what=_(what)), shown,
                                 _("name a file in it"))
        if not stat.S_ISREG(info.st_mode):
            raise GeneratorError(_("{what} is not a regular file (a device or a pipe)").format(what=_(what)),
                                 shown, _("name a file saved on disk"))
        if info.st_size > limit:
            raise _too_large(what, info.st_size, limit, shown)
    except BaseException:
        os.close(handle)
        raise
    return handle


def _too_large(what: str, size: int, limit: int, shown: SourceRef) -> GeneratorError:
    return GeneratorError(_("{what} is {len_raw_1024} KiB; the limit is {max_file_bytes_1024} KiB").format(
        what=_(what), len_raw_1024=size // 1024, max_file_bytes_1024=limit // 1024), shown,
        _("is this the right file?"))
