"""Rebuild one meeting in a warm process and rasterise its slides and briefing pages into images."""
from __future__ import annotations

import hashlib
import io
import pickle
import time
import traceback
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..description import describe, render_options
from ..errors import GeneratorError
from ..reading import content_or_marker
from ..fonts import FontFace, extend_subsets, prefer_speed, warm_source_font
from ..prepared import Inputs

if TYPE_CHECKING:
    from ..description import Warn
    from ..document import Document
    from ..render import RenderOptions

#: the width of the images in pixels: slides and A4 pages stay sharp at the page's column widths
SLIDE_WIDTH_PX = 800
PAGE_WIDTH_PX = 600
#: the outputs whose pages the preview shows
PREVIEWED = ("deck-pdf", "pdf")


@dataclass(frozen=True)
class PageImage:
    """One rasterised slide or page: its content hash (the image's name in URLs) and its size."""

    key: str
    width_px: int
    height_px: int


@dataclass(frozen=True)
class Snapshot:
    """What the page shows after a build: the images of the last good build and this build's problems."""

    version: int = 0
    ok: bool = True
    errors: tuple[str, ...] = ()
    warnings: tuple[str, ...] = ()
    slides: tuple[PageImage, ...] = ()
    pages: tuple[PageImage, ...] = ()
    seconds: float = 0.0
    finished_at: str = ""
    rasterised: int = 0  # images made by this build (the others were unchanged)
    detail: str = field(default="", compare=False)  # an internal error's traceback, for the terminal only

    def as_dict(self) -> dict[str, Any]:
        """The snapshot as plain data for the page (without the traceback)."""
        def images(items: Iterable[PageImage]) -> list[dict[str, Any]]:
            return [{"url": f"/img/{i.key}.jpg", "width": i.width_px, "height": i.height_px} for i in items]

        return {"version": self.version, "ok": self.ok, "errors": list(self.errors), "warnings": list(self.warnings),
                "slides": images(self.slides), "pages": images(self.pages), "seconds": round(self.seconds, 3),
                "finished_at": self.finished_at, "rasterised": self.rasterised}


class PreviewBuilder:
    """Builds a layout's deck as PDF and its briefing, and keeps the images of their pages in memory.

    Only one thread may call rebuild() at a time; image() may be called from any thread.
    """

    def __init__(self, layout_path: Path, data_path: Path, lang: str | None, work_dir: Path):
        prefer_speed()  # any cached font subset that covers the text: a preview needs speed, not identical bytes
        self.layout_path = layout_path
        self.data_path = data_path
        self.lang = lang
        self.work_dir = work_dir
        self.snapshot = Snapshot()
        self._inputs = Inputs(data_path)
        self._faces: tuple[FontFace, ...] = ()  # the regular and bold faces of the last build
        self._seen: dict[Path, tuple[int, int] | None] = {}  # the watched files' times and sizes at the last build
        self._named_files: set[Path] = set()  # the template and logo the layout named at its last good build
        self._images: dict[str, bytes] = {}  # JPEG bytes by their hash
        self._by_content: dict[str, PageImage] = {}  # the image of each page content key
        self._parts: dict[str, tuple[bytes, tuple[PageImage, ...]]] = {}  # renderer -> (what it showed, images)

    def watched_files(self) -> set[Path]:
        """The files a save of which changes the outputs: the layout, the dataset and its article, and the
        template and logo the layout names."""
        data = self.data_path.resolve()
        return {self.layout_path.resolve(), data, *data.parent.glob("*.txt"), *self._named_files}

    def stale_files(self) -> set[Path]:
        """The watched files that changed (time or size) since the last build started."""
        return {path for path in self.watched_files() if _signature(path) != self._seen.get(path)}

    def image(self, key: str) -> bytes | None:
        """The JPEG bytes of an image of the current or the previous snapshot."""
        return self._images.get(key)

    def rebuild(self, changed: set[Path] | frozenset[Path] = frozenset()) -> Snapshot:
        """Build again after the given files changed; return (and keep) the new snapshot. Never raises for a
        user's mistake: problems are in the snapshot, with the images of the last good build."""
        started = time.perf_counter()
        self._seen = {path: _signature(path) for path in self.watched_files()}
        warnings: list[str] = []

        def warn(message: str) -> None:
            if message not in warnings:
                warnings.append(message)

        data = self.data_path.resolve()
        if any(path == data or (path.parent == data.parent and path.suffix == ".txt") for path in changed):
            self._inputs = Inputs(self.data_path)  # the dataset is read again
        previous = self.snapshot
        try:
            slides, pages, made = self._build(warn)
            snapshot = Snapshot(previous.version + 1, True, (), tuple(warnings), slides, pages, rasterised=made)
        except GeneratorError as exc:
            snapshot = replace(previous, version=previous.version + 1, ok=False, warnings=tuple(warnings),
                               errors=tuple(str(issue) for issue in exc.issues), rasterised=0, detail="")
        except Exception as exc:  # noqa: BLE001 - a bug must not stop the preview; it is shown and printed
            snapshot = replace(previous, version=previous.version + 1, ok=False, warnings=tuple(warnings),
                               errors=(f"internal error: {type(exc).__name__}: {exc}",), rasterised=0,
                               detail=traceback.format_exc())
        snapshot = replace(snapshot, seconds=time.perf_counter() - started, finished_at=time.strftime("%H:%M:%S"))
        self._forget_images(previous, snapshot)
        for path in self.watched_files() - set(self._seen):  # named by the layout since this build started
            self._seen[path] = _signature(path)
        self.snapshot = snapshot
        return snapshot

    def warm_up(self) -> None:
        """Read now what a later build with new characters needs from the fonts (after the first build)."""
        for face in set(self._faces):
            warm_source_font(face)

    def _build(self, warn: Warn) -> tuple[tuple[PageImage, ...], tuple[PageImage, ...], int]:
        description = describe(self.layout_path, self._inputs, self.lang, PREVIEWED, warn)
        self._named_files = {Path(p).resolve() for p in (description.template, description.logo) if p}
        document = description.document
        options = render_options(description, warn)
        # a new character: its glyph is added to the font subset rather than the whole subset converted again
        extend_subsets(list({options.regular, options.bold}), document.text())
        self._faces = (options.regular, options.bold)
        named = _file_digest([description.template, description.logo])
        # each output is drawn again only when what it shows changed: a slide's edit leaves the briefing alone
        parts = [("deck-pdf", SLIDE_WIDTH_PX, (document.meta, document.slides, document.slide_size, options, named)),
                 ("pdf", PAGE_WIDTH_PX, (document.meta, document.pages, document.page_per_part, options, named))]
        jobs = []
        for renderer, width_px, shown in parts:
            fingerprint = hashlib.sha1(pickle.dumps(shown, protocol=pickle.HIGHEST_PROTOCOL)).digest()
            last = self._parts.get(renderer)
            if last is None or last[0] != fingerprint:
                jobs.append((renderer, width_px, fingerprint))
        known = {key: image for key, image in self._by_content.items() if image.key in self._images}
        calls = [(renderer, width_px, document, options, self.work_dir / f"{renderer}.pdf", known)
                 for renderer, width_px, _ in jobs]
        # one after the other: drawing the briefing in a forked process beside the deck gained nothing measurable
        # on two busy cores, and forking a process that runs a web server's threads is best avoided
        drawn = [_draw(*call) for call in calls]
        made = 0
        for (renderer, _, fingerprint), pages in zip(jobs, drawn):
            for content_key, image, data in pages:
                if data is not None:
                    made += image.key not in self._images
                    self._images[image.key] = data
                self._by_content[content_key] = image
            self._parts[renderer] = (fingerprint, tuple(image for _, image, _ in pages))
        return self._parts["deck-pdf"][1], self._parts["pdf"][1], made

    def _forget_images(self, previous: Snapshot, current: Snapshot) -> None:
        """Keep the images of the two latest snapshots (a page may still be loading the previous ones) and of the
        outputs as last rendered."""
        keep = {i.key for s in (previous, current) for i in s.slides + s.pages}
        keep |= {i.key for _, images in self._parts.values() for i in images}
        for key in [k for k in self._images if k not in keep]:
            del self._images[key]
        for key in [k for k, image in self._by_content.items() if image.key not in keep]:
            del self._by_content[key]


def _draw(renderer: str, width_px: int, document: Document, options: RenderOptions, pdf_path: Path,
          known: dict[str, PageImage]) -> list[tuple[str, PageImage, bytes | None]]:
    """Render one output to pdf_path and rasterise the pages not in known (the image of each page content key);
    return (content key, image, JPEG bytes or None when known) for each page."""
    import pypdfium2 as pdfium

    from ..render import RENDERERS

    RENDERERS[renderer].render(document, options, pdf_path)
    keys = _page_keys(pdf_path, f"{renderer}|{width_px}|{options.regular}|{options.bold}".encode())
    pages: list[tuple[str, PageImage, bytes | None]] = []
    pdf = pdfium.PdfDocument(str(pdf_path))
    try:
        for index, key in enumerate(keys):
            if key in known:
                pages.append((key, known[key], None))
                continue
            page = pdf[index]
            try:
                width_pt, _ = page.get_size()
                picture = page.render(scale=(width_px - 0.5) / width_pt).to_pil()  # pdfium rounds sizes up
            finally:
                page.close()
            buffer = io.BytesIO()
            # JPEG without chroma subsampling keeps text sharp and encodes several times faster than PNG
            picture.save(buffer, "JPEG", quality=90, subsampling=0)
            data = buffer.getvalue()
            # an image is named by the hash of its bytes: a page drawn the same way keeps its URL
            pages.append((key, PageImage(hashlib.sha1(data).hexdigest()[:20], picture.width, picture.height), data))
    finally:
        pdf.close()
    return pages


def _signature(path: Path) -> tuple[int, int] | None:
    try:
        stat = path.stat()
    except OSError:
        return None
    return stat.st_mtime_ns, stat.st_size


def _file_digest(paths: Iterable[Path | None]) -> bytes:
    digest = hashlib.sha1()
    for path in paths:
        if path is not None:
            digest.update(str(path).encode() + content_or_marker(Path(path)))
    return digest.digest()


def _page_keys(pdf_path: Path, salt: bytes) -> list[str]:
    """A key for each page of a PDF written by reportlab: the hash of what the page draws (its content stream,
    size and images). Two pages with the same key look the same: the same content stream draws the same glyphs,
    since reportlab numbers a font's characters in the order of their first use in the document."""
    from pypdf import PdfReader

    keys = []
    for page in PdfReader(pdf_path).pages:
        digest = hashlib.sha1(salt)
        digest.update(repr([float(x) for x in page.mediabox]).encode())
        contents = page.get_contents()
        digest.update(contents.get_data() if contents is not None else b"")
        resources = page.get("/Resources")
        xobjects = resources.get_object().get("/XObject") if resources is not None else None
        if xobjects is not None:
            xobjects = xobjects.get_object()
            for name in sorted(xobjects):
                digest.update(name.encode() + xobjects[name].get_object().get_data())
        keys.append(digest.hexdigest()[:20])
    return keys
