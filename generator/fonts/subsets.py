"""Make fonts reportlab can embed: a CFF face's TrueType subset for the document's characters, converted once and
cached (extended glyph by glyph for the preview)."""
from __future__ import annotations

import hashlib
import os
import re
from collections.abc import Callable, Iterator
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from .discovery import FontFace, is_cff

if TYPE_CHECKING:
    from fontTools.ttLib import TTFont

#: characters every PDF font subset carries besides the document's own
BASE_CHARS = "".join(chr(c) for c in range(0x20, 0x7F)) + "，。、；：？！“”‘’（）《》「」【】—…·％＋－／　●○■□▲►·•–×→"



def truetype_for_pdf(face: FontFace, chars: str) -> tuple[str, int]:
    """Return (path, index) of a TrueType-outline font that reportlab can embed, covering chars.

    TrueType faces are used as they are. CFF faces are subset to the characters needed and converted
    to quadratic outlines once; the result is cached and reused for any later set it covers.
    """
    return truetype_for_pdf_all([face], chars)[0]


def truetype_for_pdf_all(faces: list[FontFace], chars: str,
                         meanwhile: Callable[[], None] | None = None) -> list[tuple[str, int]]:
    """truetype_for_pdf for several faces; the conversions that are not cached run in parallel processes, while
    this one runs meanwhile() (when given, it runs in any case)."""
    results: list[tuple[str, int] | None] = [_cached_subset(face, chars) for face in faces]
    missing = [i for i, found in enumerate(results) if found is None]
    if missing and _can_fork():
        from concurrent.futures import ProcessPoolExecutor
        from multiprocessing import get_context

        from fontTools import subset  # noqa: F401 - imported once here, before the workers are forked

        from ..processes import die_with_parent

        with ProcessPoolExecutor(max_workers=len(missing), mp_context=get_context("fork"),
                                 initializer=die_with_parent) as pool:
            started = pool.map(_make_subset, [faces[i] for i in missing], [chars] * len(missing))
            if meanwhile is not None:
                meanwhile()
            made = list(started)
    else:
        if meanwhile is not None:
            meanwhile()
        made = [_make_subset(faces[i], chars) for i in missing]
    for index, result in zip(missing, made):
        results[index] = result
    return results  # type: ignore[return-value]


def _can_fork() -> bool:
    import multiprocessing

    return "fork" in multiprocessing.get_all_start_methods() and os.environ.get("BRIEFING_JOBS", "2") != "1"


def _face_key(face: FontFace) -> str:
    from .. import cache

    stat = os.stat(face.path)
    return cache.key("fonts", _SUBSET_FORMAT, face.path, face.index, stat.st_size, stat.st_mtime_ns)[:24]


def _wanted(chars: str) -> set[str]:
    return set(chars) | set(BASE_CHARS)


#: a build embeds a subset made for exactly its characters (the same bytes whatever the cache held before); the
#: preview, which builds again on every save, may use any cached subset that covers them (see prefer_speed)
_EXACT_SUBSETS = True


def prefer_speed() -> None:
    """For a process that rebuilds on every save: use any cached subset covering the characters, and extend one
    rather than convert anew. Its PDFs are then not byte-reproducible, which a preview does not need."""
    global _EXACT_SUBSETS
    _EXACT_SUBSETS = False


def _listings(face: FontFace) -> Iterator[tuple[Path, set[str], bool]]:
    """(font file, its characters, made by extension) of the face's cached subsets whose bytes are as written."""
    from .. import cache

    for font_file, record in cache.files(_subset_folder(), _face_key(face) + "-"):
        yield font_file, set(record["chars"]), bool(record.get("extended"))


def _cached_subset(face: FontFace, chars: str) -> tuple[str, int] | None:
    """The face itself when it has TrueType outlines, a cached subset for chars, or None."""
    from .. import cache

    if not is_cff(face):
        return face.path, face.index
    wanted = _wanted(chars)
    for font_file, has, extended in _listings(face):
        if (has == wanted and not extended) if _EXACT_SUBSETS else wanted <= has:
            cache.used(font_file)
            return str(font_file), 0
    return None


def _make_subset(face: FontFace, chars: str) -> tuple[str, int]:
    text = "".join(sorted(_wanted(chars)))
    digest = hashlib.sha1(text.encode()).hexdigest()[:12]
    return _store(f"{_face_key(face)}-{digest}.ttf", _convert_subset(face, text, digest), text, extended=False), 0


def _store(name: str, data: bytes, text: str, extended: bool) -> str:
    """Keep a subset in the cache (or this process's own folder); return its path."""
    from .. import cache

    stored = cache.write_file(_subset_folder(), name, data, {"chars": text, "extended": extended})
    if stored is None:  # the cache became unwritable meanwhile: a folder of this process's own
        _subset_folder.cache_clear()
        stored = cache.write_file(_own_folder(), name, data, {"chars": text, "extended": extended})
        if stored is None:
            raise OSError(f"cannot write the font subset {name}")
    return str(stored)


@lru_cache(maxsize=1)
def _subset_folder() -> Path:
    """The cache's font folder, or, when it cannot be written (read-only, a file in its way), a folder of this
    process's own that is removed when it ends: an unusable cache costs only time."""
    from .. import cache

    folder = cache.folder() / "fonts"
    try:
        folder.mkdir(parents=True, exist_ok=True)
        probe = folder / f".probe.{os.getpid()}"
        probe.write_bytes(b"")
        probe.unlink()
        return folder
    except OSError:
        return _own_folder()


@lru_cache(maxsize=1)
def _own_folder() -> Path:
    import atexit
    import shutil
    import tempfile

    own = Path(tempfile.mkdtemp(prefix="briefing-fonts-"))
    atexit.register(shutil.rmtree, own, True)
    return own


#: changes when converted subsets are made differently, so that older cached files are not used
_SUBSET_FORMAT = 5


def _convert_subset(face: FontFace, text: str, digest: str) -> bytes:
    from fontTools.ttLib import TTFont

    # the subset keeps the font's own modification date: saving must not stamp today's, which the PDFs embed
    with TTFont(face.path, fontNumber=face.index, recalcTimestamp=False) as font:
        return _subset_to_truetype(font, text, digest)


def _subset_to_truetype(font: TTFont, text: str, digest: str) -> bytes:
    from fontTools import subset
    from fontTools.pens.cu2quPen import Cu2QuPen
    from fontTools.pens.ttGlyphPen import TTGlyphPen
    from fontTools.ttLib import newTable

    # The subsetter keeps the glyphs, metrics, character map and names of the text; the CFF outlines are drawn
    # as TrueType ones from the font's own glyph set, taken before the subsetter drops the CFF table and the
    # layout tables unread (only outlines, metrics, character map and names reach a PDF; subsetting the CFF
    # itself, to draw it afterwards, took half of a conversion's time)
    glyph_set = font.getGlyphSet()
    for tag in ("CFF ", "VORG", "GSUB", "GPOS", "GDEF", "BASE", "JSTF", "MATH"):
        if tag in font:
            del font[tag]  # removed before subsetting: the subsetter reads the tables it is asked to drop
    options = subset.Options()
    options.layout_features = []
    options.hinting = False
    options.name_IDs = ["*"]
    options.notdef_outline = True
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=[ord(c) for c in text])
    subsetter.subset(font)

    order = font.getGlyphOrder()
    glyphs = {}
    for name in order:
        pen = TTGlyphPen(glyph_set)
        glyph_set[name].draw(Cu2QuPen(pen, 1.0, reverse_direction=True))
        glyphs[name] = pen.glyph()
    font["loca"] = newTable("loca")
    glyf = font["glyf"] = newTable("glyf")
    glyf.glyphOrder = order
    glyf.glyphs = glyphs
    glyf.compile(font)
    hmtx = font["hmtx"]
    for name, glyph in glyf.glyphs.items():
        glyph.recalcBounds(glyf)
        advance, _bearing = hmtx.metrics[name]
        hmtx.metrics[name] = (advance, getattr(glyph, "xMin", 0))
    maxp = font["maxp"] = newTable("maxp")
    maxp.tableVersion = 0x00010000
    for attr in ("maxZones", "maxTwilightPoints", "maxStorage", "maxFunctionDefs", "maxInstructionDefs",
                 "maxStackElements", "maxSizeOfInstructions", "maxComponentElements"):
        setattr(maxp, attr, 1 if attr == "maxZones" else 0)
    post = font["post"]
    post.formatType = 2.0
    post.extraNames = []
    post.mapping = {}
    post.glyphOrder = order
    font.sfntVersion = "\x00\x01\x00\x00"
    # each subset gets its own PostScript name: reportlab reuses an earlier font of the same name
    for record in font["name"].names:
        if record.nameID == 6:
            record.string = f"{record.toUnicode()}-{digest}"
    return _saved(font)


def _saved(font: TTFont) -> bytes:
    import io

    buffer = io.BytesIO()
    font.save(buffer)
    return buffer.getvalue()


def extend_subsets(faces: list[FontFace], chars: str) -> None:
    """Make sure each face has a cached TrueType subset covering chars, for a process that builds again and again
    (the preview): the glyphs a cached subset lacks are converted one by one and added to it, with the source
    font kept open, instead of subsetting and converting the whole font again (about a second per weight).
    A face with TrueType outlines needs nothing; a face without a cached subset gets a converted one."""
    for face in faces:
        if _cached_subset(face, chars) is not None:
            continue
        base = _closest_subset(face, _wanted(chars))
        if base is None:
            _make_subset(face, chars)
        else:
            _add_glyphs(face, *base, _wanted(chars))


def warm_source_font(face: FontFace) -> None:
    """Read the tables that extend_subsets needs from a CFF face now, so that the first extension is quick."""
    if is_cff(face):
        source = _source_font(face)
        source.getBestCmap()
        source.getGlyphSet()
        for tag in ("hmtx", "vmtx"):
            if tag in source:
                source[tag]  # noqa: B018 - decompiles the table


@lru_cache(maxsize=4)
def _source_font(face: FontFace) -> TTFont:
    from fontTools.ttLib import TTFont

    return TTFont(face.path, fontNumber=face.index, lazy=True)


def _closest_subset(face: FontFace, wanted: set[str]) -> tuple[Path, set[str]] | None:
    """The cached subset of the face that has the most of the wanted characters, with its characters."""
    best = None
    for font_file, has, _extended in _listings(face):
        if best is None or len(has & wanted) > len(best[1] & wanted):
            best = (font_file, has)
    return best


def _add_glyphs(face: FontFace, base_path: Path, has: set[str], wanted: set[str]) -> None:
    """Write a new cached subset: the one at base_path with the glyphs of the characters it lacks added, converted
    to quadratic outlines the way _subset_to_truetype converts them."""
    from fontTools.pens.cu2quPen import Cu2QuPen
    from fontTools.pens.ttGlyphPen import TTGlyphPen
    from fontTools.ttLib import TTFont

    source = _source_font(face)
    source_cmap = source.getBestCmap()
    source_glyphs = source.getGlyphSet()
    text = "".join(sorted(has | wanted))
    digest = hashlib.sha1(text.encode()).hexdigest()[:12]
    with TTFont(str(base_path)) as font:
        order = list(font.getGlyphOrder())
        known = set(order)
        glyf, hmtx = font["glyf"], font["hmtx"]
        vmtx = font["vmtx"] if "vmtx" in font and "vmtx" in source else None
        added: dict[int, str] = {}
        for char in sorted(wanted - has):
            name = source_cmap.get(ord(char))
            if name is None:
                continue  # the font lacks it: render_options reports that before anything is rendered
            added[ord(char)] = name
            if name in known:
                continue
            pen = TTGlyphPen(None)
            source_glyphs[name].draw(Cu2QuPen(pen, 1.0, reverse_direction=True))
            glyph = pen.glyph()
            glyph.recalcBounds(glyf)
            order.append(name)
            known.add(name)
            glyf.glyphs[name] = glyph
            hmtx.metrics[name] = (source["hmtx"][name][0], getattr(glyph, "xMin", 0))
            if vmtx is not None:
                vmtx.metrics[name] = source["vmtx"][name]
        # new glyphs go at the end, so that the glyph ids other tables use stay valid
        for tag in ("maxp", "head", "hhea", "OS/2", "vhea"):
            if tag in font:
                font[tag]  # noqa: B018 - a loaded table is compiled again, with the new glyph count and bounds
        font.setGlyphOrder(order)
        glyf.glyphOrder = order
        font["post"].glyphOrder = order
        for table in font["cmap"].tables:
            if table.isUnicode():
                table.cmap.update({code: name for code, name in added.items() if code <= 0xFFFF or table.format >= 12})
        for record in font["name"].names:
            if record.nameID == 6:
                record.string = re.sub(r"-[0-9a-f]{12}$", "", record.toUnicode()) + f"-{digest}"
        data = _saved(font)
    _store(f"{_face_key(face)}-x{digest}.ttf", data, text, extended=True)
