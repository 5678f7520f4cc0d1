"""Find the font files a theme asks for: installed faces by family and weight (fontconfig, else a folder scan), or
a file the theme names."""
from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from ..errors import GeneratorError
from ..i18n import _


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
