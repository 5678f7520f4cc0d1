"""Measure text with a face's advance widths (read from the font once, then kept in the cache)."""
from __future__ import annotations

import os
from functools import lru_cache

from ..errors import GeneratorError, SourceRef
from ..i18n import _
from .discovery import FontFace, find_face


class Metrics:
    """Advance widths of one face, for measuring text at a size in points."""

    def __init__(self, face: FontFace):
        self.face = face
        self.units_per_em, self.advances = _advances(face)
        self.default = self.units_per_em

    def has(self, char: str) -> bool:
        return ord(char) in self.advances

    def width(self, text: str, size_pt: float) -> float:
        """Return the advance width of text in points."""
        advances = self.advances
        default = self.default
        return sum(advances.get(ord(c), default) for c in text) * size_pt / self.units_per_em

    def missing(self, text: str) -> list[str]:
        """Return the characters of text the face has no glyph for (whitespace excepted)."""
        return sorted(c for c in set(text) if not c.isspace() and ord(c) not in self.advances)


class MixedMetrics:
    """Measures CJK characters with the CJK face and ASCII with the Latin face, as viewers draw them."""

    def __init__(self, cjk: Metrics, latin: Metrics | None):
        self.cjk, self.latin = cjk, latin
        self.face = cjk.face

    def has(self, char: str) -> bool:
        return self.cjk.has(char)

    def missing(self, text: str) -> list[str]:
        return self.cjk.missing(text)

    def width(self, text: str, size_pt: float) -> float:
        if self.latin is None:
            return self.cjk.width(text, size_pt)
        latin = "".join(c for c in text if c.isascii())
        other = "".join(c for c in text if not c.isascii())
        return self.latin.width(latin, size_pt) + self.cjk.width(other, size_pt)


def latin_metrics(families: tuple[str, ...], bold: bool) -> Metrics | None:
    """Metrics of the first installed Latin family (Arial or a metric twin), or None when none is installed."""
    try:
        face = find_face(families, bold)
    except GeneratorError:
        return None
    return metrics_for(face)


def _advances(face: FontFace) -> tuple[int, dict[int, int]]:
    """Units per em and the advance width of every mapped character; cached on disk per font file,
    since reading the tables of a large CJK font takes a quarter of a second."""
    import marshal

    try:
        stat = os.stat(face.path)
    except OSError:
        raise GeneratorError(_("font file not found"), SourceRef(face.path)) from None
    from .. import cache

    key = cache.key("metrics", face.path, face.index, stat.st_size, stat.st_mtime_ns)

    entry = f"{key}.marshal"  # ints only: marshal reads them several times faster than JSON
    blob = cache.read("metrics", entry)  # verified by its hash
    if blob is not None:
        try:
            units, advances = marshal.loads(blob)
            if isinstance(units, int) and isinstance(advances, dict):
                return units, advances
        except (ValueError, EOFError, TypeError):
            pass
    import logging

    from fontTools.ttLib import TTFont

    # fontTools logs, and the CLI would print, a remark about old creation dates in some fonts' headers (Carlito)
    logging.getLogger("fontTools.ttLib.tables._h_e_a_d").setLevel(logging.ERROR)
    try:
        with open(face.path, "rb") as handle, TTFont(handle, fontNumber=face.index, lazy=True) as font:
            cmap = font.getBestCmap()
            hmtx = dict(font["hmtx"].metrics)
            units = font["head"].unitsPerEm
    except Exception as exc:  # noqa: BLE001 - any unreadable file is the user's font path
        raise GeneratorError(_("not a usable font file: {exc}").format(exc=exc), SourceRef(face.path),
                             _("name a .ttf, .otf or .ttc font file")) from None
    advances = {code: hmtx[name][0] for code, name in cmap.items() if name in hmtx}
    cache.write("metrics", entry, marshal.dumps((units, advances)))  # a read-only cache only costs time
    return units, advances


@lru_cache(maxsize=8)
def metrics_for(face: FontFace) -> Metrics:
    """Return (and remember) the metrics of a face."""
    return Metrics(face)
