"""Find the CJK font files a theme asks for, measure text with them, and make TrueType subsets for PDF."""
from __future__ import annotations

import hashlib
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from .errors import GeneratorError, SourceRef
from .i18n import _

if TYPE_CHECKING:
    from fontTools.ttLib import TTFont

#: characters every PDF font subset carries besides the document's own
BASE_CHARS = "".join(chr(c) for c in range(0x20, 0x7F)) + "，。、；：？！“”‘’（）《》「」【】—…·％＋－／　●○■□▲►·•–×→"


@dataclass(frozen=True)
class FontFace:
    """One face of a font file: path, index inside a .ttc collection, family and weight."""

    path: str
    index: int
    family: str
    bold: bool
    # in the interface's language: not part of the face's identity, nor of the cache keys made from its repr
    how_found: str = field(default="", repr=False, compare=False)

    @property
    def label(self) -> str:
        where = f"{self.path}#{self.index}" if self.path.lower().endswith((".ttc", ".otc")) else self.path
        return f"{self.family} {'Bold' if self.bold else 'Regular'} ({where})"


def cache_dir() -> Path:
    """The folder for converted fonts and charts: $BRIEFING_CACHE_DIR, else the user's cache folder."""
    if os.environ.get("BRIEFING_CACHE_DIR"):
        return Path(os.environ["BRIEFING_CACHE_DIR"])
    if sys.platform == "win32":
        base = Path(os.environ.get("LOCALAPPDATA", Path.home() / "AppData" / "Local"))
    else:
        base = Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache"))
    return base / "briefing"


def _font_dirs() -> list[Path]:
    home = Path.home()
    if sys.platform == "win32":
        windir = Path(os.environ.get("WINDIR", "C:/Windows"))
        return [windir / "Fonts", Path(os.environ.get("LOCALAPPDATA", home)) / "Microsoft" / "Windows" / "Fonts"]
    if sys.platform == "darwin":
        return [Path("/System/Library/Fonts"), Path("/Library/Fonts"), home / "Library" / "Fonts"]
    return [Path("/usr/share/fonts"), Path("/usr/local/share/fonts"), home / ".local/share/fonts", home / ".fonts"]


#: an installed face as (file, index in its collection, family, style, every family name it has)
SystemFace = tuple[str, int, str, str, tuple[str, ...]]


@lru_cache(maxsize=1)
def system_faces() -> tuple[SystemFace, ...]:
    """Return (path, index, family, style, every family name) for every installed font face (fontconfig, else
    a folder scan). A face has several family names when its file names it in several languages (SimSun, 宋体)."""
    if shutil.which("fc-list"):
        try:
            # in the C locale: fontconfig puts a face's family name in the locale's language first (文泉驿微米黑
            # under zh_CN), and the fonts found must not depend on the interface's language
            env = {key: value for key, value in os.environ.items() if key not in ("LANGUAGE", "LC_MESSAGES")}
            out = subprocess.run(
                ["fc-list", "--format", "%{file}|%{index}|%{family[0]}|%{style[0]}|%{family}\n"],
                capture_output=True, text=True, timeout=20, check=True, env={**env, "LC_ALL": "C.UTF-8"},
            ).stdout
            faces = []
            for line in out.splitlines():
                parts = line.split("|")
                if len(parts) == 5 and parts[1].isdigit():
                    names = tuple(n.replace("\\,", ",") for n in re.split(r"(?<!\\),", parts[4]) if n)
                    faces.append((parts[0], int(parts[1]), parts[2], parts[3], names or (parts[2],)))
            if faces:
                return tuple(faces)
        except (OSError, subprocess.SubprocessError):
            pass
    return tuple(_scan_font_dirs())


def _scan_font_dirs() -> Iterator[SystemFace]:
    from fontTools.ttLib import TTCollection, TTFont

    for folder in _font_dirs():
        if not folder.is_dir():
            continue
        for path in folder.rglob("*"):
            if path.suffix.lower() not in {".ttf", ".otf", ".ttc", ".otc"}:
                continue
            try:
                if path.suffix.lower() in {".ttc", ".otc"}:
                    with TTCollection(str(path), lazy=True) as collection:
                        names = [font["name"] for font in collection.fonts]
                else:
                    with TTFont(str(path), lazy=True) as font:
                        names = [font["name"]]
                for index, name in enumerate(names):
                    family = str(name.getDebugName(1) or "")
                    style = str(name.getDebugName(2) or "Regular")
                    every = {str(record.toUnicode()) for record in name.names if record.nameID in (1, 16)}
                    yield (str(path), index, family, style, (family, *sorted(every - {family})))
            except Exception:  # noqa: BLE001 - an unreadable font file is skipped, like fontconfig does
                continue


def find_face(families: tuple[str, ...], bold: bool, explicit: str | None = None) -> FontFace:
    """Return the first installed face of the wanted families and weight.

    Raises GeneratorError naming the families and the folders searched when none is installed.
    """
    if explicit:
        # "msyh.ttc#1" names the second face of a collection
        name, _hash, index = explicit.rpartition("#") if re.search(r"#\d+$", explicit) else (explicit, "", "0")
        path = Path(name).expanduser()
        if not path.is_file():
            raise GeneratorError(_("font file not found: {path}").format(
                path=path), hint=_("fix the font path in the theme or layout"))
        return FontFace(str(path), int(index), path.stem, bold, _("named in the theme"))
    faces = system_faces()
    for family in families:
        matches = [f for f in faces if family.lower() in (name.lower() for name in f[4])]
        if not matches:
            continue
        wanted = [f for f in matches if ("bold" in f[3].lower()) == bold and "italic" not in f[3].lower()]
        if bold and not wanted:
            wanted = [f for f in matches if f[3].lower() in {"heavy", "black", "semibold", "demibold"}]
        if not wanted and bold:
            regular = [f for f in matches if f[3].lower() in {"regular", "normal", "book", "medium"}] or matches
            file, number, fam = regular[0][:3]
            return FontFace(file, number, fam, False, _("'{family}' has no bold face; the regular one is used").format(
                family=family))
        if wanted:
            exact = [f for f in wanted if f[3].lower() in {"regular", "bold", "normal", "book"}] or wanted
            file, number, fam = exact[0][:3]
            return FontFace(file, number, fam, bold, _("first installed of the theme's families: '{family}'").format(
                family=family))
    raise GeneratorError(
        _("no CJK font found: none of {families} is installed").format(families=", ".join(f"'{f}'" for f in families)),
        hint=_("on Debian/Ubuntu run: apt-get install fonts-noto-cjk; on Windows and macOS the theme's Microsoft "
                "YaHei / PingFang SC are already there; or name a font file in the theme"),
    )


@lru_cache(maxsize=16)
def is_cff(face: FontFace) -> bool:
    """True when the face has PostScript (CFF) outlines, which reportlab cannot embed."""
    from fontTools.ttLib import TTFont

    with TTFont(face.path, fontNumber=face.index, lazy=True) as font:
        return "CFF " in font or "CFF2" in font


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
    key = hashlib.sha1(f"{face.path}|{face.index}|{stat.st_size}|{stat.st_mtime_ns}".encode()).hexdigest()[:20]
    from . import cache

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

        from .processes import die_with_parent

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
    stat = os.stat(face.path)
    return hashlib.sha1(
        f"{_SUBSET_FORMAT}|{face.path}|{face.index}|{stat.st_size}|{stat.st_mtime_ns}".encode()).hexdigest()[:16]


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
    from .cache import record_of

    folder = _subset_folder()
    for listing in sorted(folder.glob(f"{_face_key(face)}-*.chars")):
        font_file = listing.with_suffix(".ttf")
        try:
            record = record_of(listing.read_text(encoding="utf-8"))
            if hashlib.sha256(font_file.read_bytes()).hexdigest() != record["sha256"]:
                continue  # truncated or changed since it was written: made again, never trusted
            yield font_file, set(record["chars"]), bool(record.get("extended"))
        except (OSError, ValueError, KeyError, TypeError):
            continue


def _cached_subset(face: FontFace, chars: str) -> tuple[str, int] | None:
    """The face itself when it has TrueType outlines, a cached subset for chars, or None."""
    if not is_cff(face):
        return face.path, face.index
    wanted = _wanted(chars)
    for font_file, has, extended in _listings(face):
        if (has == wanted and not extended) if _EXACT_SUBSETS else wanted <= has:
            return str(font_file), 0
    return None


def _make_subset(face: FontFace, chars: str) -> tuple[str, int]:
    text = "".join(sorted(_wanted(chars)))
    digest = hashlib.sha1(text.encode()).hexdigest()[:12]
    font_file = _subset_folder() / f"{_face_key(face)}-{digest}.ttf"
    _convert_subset(face, text, font_file, digest)
    _write_listing(font_file, text, extended=False)
    return str(font_file), 0


def _write_listing(font_file: Path, text: str, extended: bool) -> None:
    from .cache import record_text

    record = {"sha256": hashlib.sha256(font_file.read_bytes()).hexdigest(), "chars": text, "extended": extended}
    _atomic_write_text(font_file.with_suffix(".chars"), record_text(record))


@lru_cache(maxsize=1)
def _subset_folder() -> Path:
    """The cache's font folder, or, when it cannot be written (read-only, a file in its way), a folder of this
    process's own that is removed when it ends: an unusable cache costs only time."""
    folder = cache_dir() / "fonts"
    try:
        folder.mkdir(parents=True, exist_ok=True)
        probe = folder / f".probe.{os.getpid()}"
        probe.write_bytes(b"")
        probe.unlink()
        return folder
    except OSError:
        import atexit
        import shutil
        import tempfile

        own = Path(tempfile.mkdtemp(prefix="briefing-fonts-"))
        atexit.register(shutil.rmtree, own, True)
        return own


#: changes when converted subsets are made differently, so that older cached files are not used
_SUBSET_FORMAT = 5


def _convert_subset(face: FontFace, text: str, target: Path, digest: str) -> None:
    from fontTools.ttLib import TTFont

    # the subset keeps the font's own modification date: saving must not stamp today's, which the PDFs embed
    with TTFont(face.path, fontNumber=face.index, recalcTimestamp=False) as font:
        _subset_to_truetype(font, text, target, digest)


def _subset_to_truetype(font: TTFont, text: str, target: Path, digest: str) -> None:
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
    target.parent.mkdir(parents=True, exist_ok=True)
    temp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    try:
        font.save(str(temp))
        os.replace(temp, target)
    finally:
        if temp.exists():
            temp.unlink()


def _atomic_write_text(path: Path, text: str) -> None:
    temp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    temp.write_text(text, encoding="utf-8")
    os.replace(temp, path)


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
    target = _subset_folder() / f"{_face_key(face)}-x{digest}.ttf"
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
        temp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
        try:
            font.save(str(temp))
            os.replace(temp, target)
        finally:
            if temp.exists():
                temp.unlink()
    _write_listing(target, text, extended=True)
