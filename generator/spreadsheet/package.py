"""Refuse what is not a plain workbook before any of its XML is parsed: too big, a zip that unpacks to far more
than it holds, a part declaring entities, macros, an encrypted or old binary file."""
from __future__ import annotations

import re
from pathlib import Path

from ..errors import GeneratorError, SourceRef
from ..i18n import _, os_reason
from . import REFUSED_SUFFIXES

#: a workbook is a zip of XML: the file, what it unpacks to, and how much one part may grow when unpacked
MAX_WORKBOOK_BYTES = 5 * 1024 * 1024
MAX_UNPACKED_BYTES = 64 * 1024 * 1024
MAX_PARTS = 500
MAX_RATIO = 200
_DOCTYPE = re.compile(rb"<!\s*(DOCTYPE|ENTITY)", re.IGNORECASE)


def check_package(path: Path, shown: str) -> None:
    """Refuse what is not a plain workbook before any XML is parsed: too big, a zip that unpacks to too much, a
    macro workbook, an encrypted or old binary file."""
    import stat
    import zipfile

    if path.suffix.lower() in REFUSED_SUFFIXES:
        raise GeneratorError(_("{suffix} workbooks are not read (macros or an old binary format)").format(
            suffix=path.suffix), SourceRef(shown), _("save it as an Excel workbook (.xlsx) without macros"))
    try:
        info = path.stat()
    except FileNotFoundError:
        raise GeneratorError(_("{what} not found").format(what=_("dataset")), SourceRef(shown),
                             _("check the path")) from None
    except OSError as exc:
        raise GeneratorError(_("cannot read {what}: {exc_strerror}").format(what=_("dataset"),
                                                                           exc_strerror=os_reason(exc)),
                             SourceRef(shown)) from None
    if not stat.S_ISREG(info.st_mode):
        raise GeneratorError(_("{what} is not a regular file (a device or a pipe)").format(what=_("dataset")),
                             SourceRef(shown), _("name a file saved on disk"))
    if info.st_size > MAX_WORKBOOK_BYTES:
        raise GeneratorError(_("{what} is {len_raw_1024} KiB; the limit is {max_file_bytes_1024} KiB").format(
            what=_("dataset"), len_raw_1024=info.st_size // 1024, max_file_bytes_1024=MAX_WORKBOOK_BYTES // 1024),
            SourceRef(shown), _("is this the right file?"))
    if not zipfile.is_zipfile(path):
        raise GeneratorError(_("the file is not an .xlsx workbook (an old .xls, or encrypted with a password?)"),
                             SourceRef(shown), _("save it as an Excel workbook (.xlsx) without a password"))
    with zipfile.ZipFile(path) as package:
        parts = package.infolist()
        unpacked = sum(p.file_size for p in parts)
        if len(parts) > MAX_PARTS or unpacked > MAX_UNPACKED_BYTES or any(
                p.file_size > MAX_RATIO * max(p.compress_size, 1024) for p in parts):
            raise GeneratorError(_("the workbook unpacks to {size} MiB in {count} parts; that is not a dataset").format(
                size=unpacked // (1024 * 1024), count=len(parts)), SourceRef(shown), _("is this the right file?"))
        names = {p.filename.lower() for p in parts}
        # no part of a workbook declares a document type: one that does may define entities that expand a few
        # bytes into gigabytes or read a local file; openpyxl parses some parts with lxml, which would expand them
        for part in parts:
            if part.filename.lower().endswith((".xml", ".rels", ".vml")) and _DOCTYPE.search(package.read(part)):
                raise GeneratorError(_("the workbook's part {part} declares a document type (entities)").format(
                    part=part.filename), SourceRef(shown), _("is this the right file?"))
    if any(name.endswith("vbaproject.bin") for name in names):
        raise GeneratorError(_("the workbook holds macros"), SourceRef(shown),
                             _("save it as an Excel workbook (.xlsx) without macros"))
    if "xl/workbook.xml" not in names:
        raise GeneratorError(_("the file is not an .xlsx workbook (an old .xls, or encrypted with a password?)"),
                             SourceRef(shown), _("save it as an Excel workbook (.xlsx) without a password"))
