"""Rebuild one meeting in a warm process and rasterise its slides and briefing pages into PNG images."""
from __future__ import annotations

import hashlib
import io
import time
import traceback
from dataclasses import dataclass, field, replace
from pathlib import Path

from ..build import Inputs, render_options
from ..errors import GeneratorError

#: the width of the images in pixels: slides and A4 pages stay sharp at the page's column widths
SLIDE_WIDTH_PX = 960
PAGE_WIDTH_PX = 720


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

    def as_dict(self) -> dict:
        """The snapshot as plain data for the page (without the traceback)."""
        def images(items):
            return [{"url": f"/img/{i.key}.png", "width": i.width_px, "height": i.height_px} for i in items]

        return {"version": self.version, "ok": self.ok, "errors": list(self.errors), "warnings": list(self.warnings),
                "slides": images(self.slides), "pages": images(self.pages), "seconds": round(self.seconds, 3),
                "finished_at": self.finished_at, "rasterised": self.rasterised}


class PreviewBuilder:
    """Builds a layout's deck as PDF and its briefing, and keeps the images of their pages in memory.

    Only one thread may call rebuild() at a time; image() may be called from any thread.
    """

    def __init__(self, layout_path: Path, data_path: Path, lang: str | None, work_dir: Path):
        self.layout_path = layout_path
        self.data_path = data_path
        self.lang = lang
        self.work_dir = work_dir
        self.snapshot = Snapshot()
        self._inputs = Inputs(data_path)
        self._named_files: set[Path] = set()  # the template and logo the layout named at its last good build
        self._images: dict[str, bytes] = {}

    def watched_files(self) -> set[Path]:
        """The files a save of which changes the outputs: the layout, the dataset and its article, and the
        template and logo the layout names."""
        data = self.data_path.resolve()
        return {self.layout_path.resolve(), data, *data.parent.glob("*.txt"), *self._named_files}

    def image(self, key: str) -> bytes | None:
        """The PNG bytes of an image of the current or the previous snapshot."""
        return self._images.get(key)

    def rebuild(self, changed: set[Path] | frozenset = frozenset()) -> Snapshot:
        """Build again after the given files changed; return (and keep) the new snapshot. Never raises for a
        user's mistake: problems are in the snapshot, with the images of the last good build."""
        started = time.perf_counter()
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
        self.snapshot = snapshot
        return snapshot

    def _build(self, warn) -> tuple[tuple[PageImage, ...], tuple[PageImage, ...], int]:
        from ..render import RENDERERS

        prepared = self._inputs.prepare(self.layout_path, self.lang)
        self._named_files = {Path(p).resolve() for p in (prepared.template, prepared.logo) if p}
        document = prepared.document
        options = render_options(prepared.theme, document, prepared.template, warn)
        deck_pdf = self.work_dir / "deck.pdf"
        briefing_pdf = self.work_dir / "briefing.pdf"
        RENDERERS["deck-pdf"].render(document, options, deck_pdf)
        RENDERERS["pdf"].render(document, options, briefing_pdf)
        slides, made_slides = self._rasterise(deck_pdf, SLIDE_WIDTH_PX)
        pages, made_pages = self._rasterise(briefing_pdf, PAGE_WIDTH_PX)
        return slides, pages, made_slides + made_pages

    def _rasterise(self, pdf_path: Path, width_px: int) -> tuple[tuple[PageImage, ...], int]:
        import pypdfium2 as pdfium

        images = []
        made = 0
        pdf = pdfium.PdfDocument(str(pdf_path))
        try:
            for index in range(len(pdf)):
                page = pdf[index]
                try:
                    width_pt, _ = page.get_size()
                    picture = page.render(scale=(width_px - 0.5) / width_pt).to_pil()  # pdfium rounds the size up
                finally:
                    page.close()
                buffer = io.BytesIO()
                picture.save(buffer, "PNG", compress_level=1)
                png = buffer.getvalue()
                key = hashlib.sha1(png).hexdigest()[:20]
                if key not in self._images:
                    self._images[key] = png
                    made += 1
                images.append(PageImage(key, picture.width, picture.height))
        finally:
            pdf.close()
        return tuple(images), made

    def _forget_images(self, previous: Snapshot, current: Snapshot) -> None:
        """Keep the images of the two latest snapshots: a page may still be loading the previous ones."""
        keep = {i.key for s in (previous, current) for i in s.slides + s.pages}
        for key in [k for k in self._images if k not in keep]:
            del self._images[key]
