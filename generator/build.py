"""Build a meeting's outputs: load, compose, render each format into a temporary file, then rename it."""
from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from .errors import GeneratorError, SourceRef
from .i18n import _
from .reading import content_or_marker

if TYPE_CHECKING:
    from multiprocessing.connection import Connection

    from .dataset import Dataset
    from .document import Document, PageKind
    from .layouts import Layout
    from .render import RenderOptions
    from .render.slides import DeckLayout
    from .render.slides.template import DeckTemplate
    from .theme import Theme

#: receives each warning of a build
Warn = Callable[[str], None]



@dataclass(frozen=True)
class Output:
    """One written file and what the renderer said about it."""

    path: Path
    summary: str


def resolve_theme(layout: Layout) -> Theme:
    """Return the layout's theme with its overrides applied."""
    from .theme import THEMES, apply_overrides

    from dataclasses import replace

    overrides = layout.model.theme_overrides.changed()
    theme = apply_overrides(THEMES[layout.model.theme], overrides)
    return replace(theme, logo=str(layout.logo)) if layout.logo else theme


def _ignore(message: str) -> None:
    """The default for warnings: the CLI passes a function that prints them (or, with --strict, stops)."""


def briefing_options(theme: Theme, warn: Warn = _ignore, created: dt.datetime | None = None) -> RenderOptions:
    """What the briefing's renderer needs: the theme's regular and bold faces (a bold face that falls back to
    the regular one is reported through warn). The deck's renderers need render_options()."""
    from .fonts import find_face
    from .render import RenderOptions, creation_time

    regular = find_face(theme.fonts.cjk_families, False, theme.fonts.regular_file)
    bold = find_face(theme.fonts.cjk_families, True, theme.fonts.bold_file)
    if not bold.bold:
        warn(_("{bold_label}: {bold_how_found}; bold text (titles, figures) is set in the regular weight").format(
            bold_label=bold.label, bold_how_found=bold.how_found))
    return RenderOptions(theme, regular, bold, created=created or creation_time())


def render_options(theme: Theme, document: Document, template: Path | None = None, warn: Warn = _ignore,
                   template_layouts: Mapping[PageKind, str] | None = None,
                   slide_size: str | None = None, base: RenderOptions | None = None) -> RenderOptions:
    """Find the theme's fonts (or take them from base, made by briefing_options) and check that they have every
    character of the document; read the template (its slide layouts chosen by template_layouts); report
    fallbacks, and a slide_size the template overrides, through warn."""
    from dataclasses import replace

    from .document import _strings
    from .fonts import latin_metrics, metrics_for

    base = base or briefing_options(theme, warn)
    regular, bold = base.regular, base.bold
    if latin_metrics(theme.fonts.latin_families, False) is None:
        warn("no font with Arial's metrics (" + ", ".join(theme.fonts.latin_families) + ") is installed: Latin "
             "text in decks is measured with the CJK font's Latin letters (on Debian: apt-get install fonts-liberation2)")
    text = document.text()
    for face in {regular, bold}:
        missing = metrics_for(face).missing(text)
        if missing:
            where = _where_chars_occur(document, missing)
            origin = next((page.origin for page in document.slides if page.origin and
                           any(c in page.title + "".join(s for b in page.blocks for s in _strings(b)) for c in missing)),
                          "")
            path, _colon, line = origin.rpartition(":")
            raise GeneratorError(
                _("the font {face_label} has no glyph for {join_missing!r} ({where}); the text would print as boxes").format(
                    face_label=face.label, join_missing=''.join(missing), where=where),
                # the layout entry of the first slide showing it (a glyph of the dataset's text has no line there)
                SourceRef(path, int(line)) if line.isdigit() else None,
                hint=_("choose another font in the theme, or change the text"),
            )
    deck_template: DeckTemplate | None = None
    if template is not None:
        from .render.pptx.template import read_template
        from .render.slides.template import size_conflict

        deck_template = read_template(template, template_layouts, frozenset(page.kind for page in document.slides))
        conflict = size_conflict(deck_template, slide_size)
        if conflict:
            warn(conflict)
    from .render.slides.faces import deck_faces

    faces = deck_faces(theme, regular, bold, deck_template, document.meta.language, warn, text)
    return replace(base, template=deck_template, deck_faces=faces)


def _where_chars_occur(document: Document, missing: list[str]) -> str:
    places = []
    for kind, pages in ((_("slide"), document.slides), (_("briefing part"), document.pages)):
        for number, page in enumerate(pages, 1):
            from .document import _strings

            text = page.title + "".join(s for b in page.blocks for s in _strings(b))
            if any(c in text for c in missing):
                places.append(_("{kind} {number} '{page_title}'").format(
                    kind=kind, number=number, page_title=page.title))
    return "in " + ", ".join(places[:3]) if places else "in the document"


class Outputs:
    """The files of one `briefing build` run: each is written to a temporary file beside its place and all are
    renamed into place together, only when every one of them succeeded. Until then, and after any failure, signal
    or crash, the previous outputs stay as they were."""

    def __init__(self) -> None:
        self.pending: list[tuple[Path, Path, str]] = []  # (temporary file, final path, summary)

    def temporary(self, out_path: Path) -> Path:
        """A new temporary file name beside out_path (hidden, named after this process, so that a later run can
        sweep what a killed one left)."""
        folder = out_path.parent
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise GeneratorError(_("cannot create the output folder: {reason}").format(reason=exc.strerror),
                                 SourceRef(str(folder)), _("choose another folder with --out")) from None
        _sweep(folder)
        return folder / f".{out_path.name}.{os.getpid()}.{len(self.pending)}.tmp{out_path.suffix}"

    def add(self, temp: Path, out_path: Path, summary: str) -> None:
        self.pending.append((temp, out_path, summary))

    def commit(self) -> list[Output]:
        """Rename every temporary file into place; if one cannot be, put back the files already replaced.
        Raises GeneratorError (the previous outputs are then as they were)."""
        done: list[tuple[Path, Path | None]] = []
        current = None
        try:
            for temp, out_path, _summary in self.pending:
                current = out_path
                backup = None
                if out_path.is_file():  # kept as a second name of the same file until every output is in place
                    backup = out_path.with_name(f".{out_path.name}.{os.getpid()}.previous.tmp")
                    backup.unlink(missing_ok=True)
                    try:
                        os.link(out_path, backup)
                    except OSError:  # a file system without hard links (a USB stick): keep a copy instead
                        import shutil

                        shutil.copyfile(out_path, backup)
                done.append((out_path, backup))
                os.replace(temp, out_path)
        except OSError as exc:
            for out_path, backup in reversed(done):
                try:
                    if backup is not None:
                        os.replace(backup, out_path)
                    elif out_path.is_file():
                        out_path.unlink()
                except OSError:
                    pass
            self.discard()
            where = SourceRef(str(current or ""))
            if isinstance(exc, (PermissionError, IsADirectoryError)):
                raise GeneratorError(
                    _("cannot replace the file: it is open in another program (PowerPoint, WPS or a PDF viewer) or "
                      "the folder is read-only; no output was changed"), where,
                    _("close the file and build again")) from None
            raise GeneratorError(_("cannot write the output: {reason}; no output was changed").format(
                reason=exc.strerror or exc), where,
                _("check that the folder is writable and the disk is not full")) from None
        for _out, backup in done:
            if backup is not None:
                backup.unlink(missing_ok=True)
        outputs = [Output(out_path, summary) for _temp, out_path, summary in self.pending]
        self.pending = []
        return outputs

    def discard(self) -> None:
        """Remove every temporary file of this run."""
        for temp, _out, _summary in self.pending:
            temp.unlink(missing_ok=True)
        self.pending = []


def _sweep(folder: Path) -> None:
    """Remove the temporary files that a killed run (SIGKILL, power loss) left in the output folder."""
    for stale in folder.glob(".*.tmp*"):
        parts = stale.name.split(".")
        pid = next((int(p) for p in parts if p.isdigit()), None)
        if pid is None or pid == os.getpid() or _alive(pid):
            continue
        stale.unlink(missing_ok=True)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _write_failed(exc: OSError, out_path: Path) -> GeneratorError:
    return GeneratorError(_("cannot write the output: {reason}").format(reason=exc.strerror or exc),
                          SourceRef(str(out_path)), _("check that the folder is writable and the disk is not full"))


@dataclass(frozen=True)
class Prepared:
    """A meeting ready to render: the composed document and what the renderers need from its layout."""

    document: Document
    slug: str
    language: str
    theme: Theme
    template: Path | None
    logo: Path | None
    template_layouts: Mapping[PageKind, str] | None = None  # the layout's names of the template's slide layouts, by slide kind
    slide_size: str | None = None  # the slide size the layout asks for, when it names one


class Inputs:
    """Loads the dataset once for every layout of a run, and only when a prepared meeting is not cached."""

    def __init__(self, data_path: Path, dataset: Dataset | None = None):
        self.data_path = data_path
        self._dataset: Dataset | None = dataset  # already loaded, or None

    @property
    def dataset(self) -> Dataset:
        if self._dataset is None:
            from .dataset import load_dataset

            self._dataset = load_dataset(self.data_path)
        return self._dataset

    def prepare(self, layout_path: Path, lang: str | None) -> Prepared:
        """Validate and compose the meeting; raise GeneratorError. A meeting whose inputs, files named by them
        and code are unchanged is read from the cache instead (validation and composing are then skipped)."""
        key = _prepared_key(self.data_path, layout_path, lang)
        cached = _read_prepared(key) if key else None
        if cached is not None:
            return cached
        from .compose import compose
        from .layouts import load_layout

        layout = load_layout(layout_path, self.dataset)
        document = compose(self.dataset, layout, lang)
        model = layout.model
        prepared = Prepared(document, layout.slug, model.language, resolve_theme(layout), layout.template,
                            layout.logo, model.template_layouts,
                            model.slide_size if "slide_size" in model.model_fields_set else None)
        if key:
            article = self.data_path.parent / self.dataset.model.source.file
            _write_prepared(key, prepared, [layout.template, layout.logo, article])
        return prepared


def _fingerprint(paths: Iterable[Path | None]) -> str:
    import hashlib

    digest = hashlib.sha256()
    for path in paths:
        if path is None:
            digest.update(b"<none>")
            continue
        digest.update(str(path).encode())
        digest.update(content_or_marker(Path(path)))
    return digest.hexdigest()


def _code_files() -> list[Path]:
    return sorted(Path(__file__).resolve().parent.rglob("*.py"))


_LIBRARIES = ("python_pptx", "reportlab", "matplotlib", "svglib", "pydantic", "fonttools", "babel")


def _library_versions() -> str:
    """The installed versions of the libraries that shape a prepared meeting or its outputs, from the names of
    their `*.dist-info` folders (the standard's `name-version.dist-info`, name normalised with underscores).
    Written by hand because importlib.metadata reads every installed distribution's metadata for each name
    asked, which costs more than the rest of a warm build's preparation; the first folder on sys.path wins, as
    for imports."""
    import sys

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
    return ",".join(f"{name}={found.get(name, '-')}" for name in _LIBRARIES)


def _prepared_key(data_path: Path, layout_path: Path, lang: str | None) -> str | None:
    """A key over what a prepared meeting depends on that is known before reading it: the dataset, the layout,
    the code and the libraries' versions. The files they name (the article, a template, a logo) are recorded in
    the entry and checked when it is read."""
    import hashlib

    try:
        digest = _fingerprint([data_path, layout_path, *_code_files()])
    except OSError:
        return None
    versions = hashlib.sha256(_library_versions().encode()).hexdigest()[:12]
    return f"{digest}-{versions}-{lang or 'layout'}"


def _prepared_classes() -> dict[str, type]:
    """The only classes a cached meeting may hold: the document model's, the theme's and Prepared."""
    import dataclasses

    from . import document, theme

    classes: dict[str, type] = {"Prepared": Prepared}
    for module in (document, theme):
        classes.update((name, value) for name, value in vars(module).items()
                       if isinstance(value, type) and dataclasses.is_dataclass(value))
    return classes


def _read_prepared(key: str) -> Prepared | None:
    from . import cache

    blob = cache.read("prepared", key + ".json")
    if blob is None:
        return None
    try:
        prepared, files, named = cache.loads(blob, _prepared_classes())
        if not isinstance(prepared, Prepared) or not all(isinstance(f, (str, type(None))) for f in files):
            return None
    except (ValueError, KeyError, TypeError):
        return None
    # the files the dataset and the layout name (article, template, logo) are part of the key too
    if named != _fingerprint([Path(f) if f is not None else None for f in files]):
        return None
    return prepared


def _write_prepared(key: str, prepared: Prepared, named_files: Iterable[Path | None]) -> None:
    from . import cache

    try:
        named = list(named_files)
        blob = cache.dumps([prepared, [str(f) if f is not None else None for f in named], _fingerprint(named)])
    except TypeError:
        return  # something the cache cannot hold as plain data: the meeting is composed again next time
    cache.write("prepared", key + ".json", blob)


def build(layout_path: Path, inputs: Inputs, out_dir: Path, formats: tuple[str, ...], lang: str | None,
          warn: Warn = _ignore, outputs: Outputs | None = None) -> list[Output]:
    """Build the layout's outputs into out_dir; return what was written. With `outputs`, the files are only
    rendered into it and the caller commits them together with the other layouts' (nothing is renamed here).
    Raises GeneratorError; previous outputs are then untouched."""
    from .render import RENDERERS

    own = outputs is None
    outputs = outputs if outputs is not None else Outputs()
    prepared = inputs.prepare(layout_path, lang)
    document = prepared.document
    wants_deck = any(RENDERERS[name].paints_deck for name in formats)
    base = briefing_options(prepared.theme, warn)

    def full_options() -> RenderOptions:
        return render_options(prepared.theme, document, prepared.template if wants_deck else None, warn,
                              prepared.template_layouts, prepared.slide_size, base)

    suffix = "" if (lang or prepared.language) == prepared.language else f".{lang}"
    jobs = [(name, out_dir / f"{prepared.slug}{suffix}{RENDERERS[name].suffix}") for name in formats]
    fork = len(jobs) > 1 and _can_fork()
    deck = None
    options: RenderOptions | Callable[[], RenderOptions] = full_options
    if not fork or any(RENDERERS[name].paints_deck for name, _ in jobs[1:]):
        options = full_options()
        if wants_deck:
            # the deck is laid out once, before forking: the worker paints the same layout (deck as PDF, handout)
            deck = _lay_out(document, options)
    try:
        temps = [(name, outputs.temporary(path), path) for name, path in jobs]
        for temp, path, summary in _render_all(document, options, deck, temps, wants_deck, base):
            outputs.add(temp, path, summary)
        return outputs.commit() if own else []
    except BaseException:
        for _name, temp, _path in temps if "temps" in locals() else ():
            temp.unlink(missing_ok=True)
        if own:
            outputs.discard()
        raise


def _render_all(document: Document, options: RenderOptions | Callable[[], RenderOptions], deck: DeckLayout | None,
                temps: list[tuple[str, Path, Path]], wants_deck: bool = False,
                base: RenderOptions | None = None) -> list[tuple[Path, Path, str]]:
    """Render each format into its temporary file: the first here, the others in a forked process on the other
    core. The child dies with this process and never renames anything. Options still to be made (a function)
    are made here after forking, while the child renders the briefing with base: the briefing needs only the
    faces, and the deck's checks of every character's glyph and its template then overlap the briefing."""
    if len(temps) > 1 and _can_fork():
        from multiprocessing import get_context

        context = get_context("fork")
        receive, send = context.Pipe(duplex=False)
        child_options = base if callable(options) else options
        assert child_options is not None, "options to make after forking need the briefing's base options"
        child = context.Process(target=_child, args=(send, document, child_options, deck, temps[1:]))
        child.start()
        send.close()
        try:
            if callable(options):
                options = options()
            if deck is None and wants_deck:  # only this process paints it: laid out while the worker renders
                deck = _lay_out(document, options)
            first = _render_one(document, options, deck, *temps[0])
            try:
                kind, payload = receive.recv()
            except EOFError:
                kind, payload = "crash", "the renderer process ended without a result"
            child.join()
        finally:
            if child.is_alive():
                child.kill()
                child.join()
            receive.close()
        if kind == "error":
            raise GeneratorError(payload)
        if kind == "crash":
            raise RuntimeError(payload)
        return [first, *payload]
    if callable(options):
        options = options()
    if deck is None and wants_deck:
        deck = _lay_out(document, options)
    return [_render_one(document, options, deck, *job) for job in temps]


def _child(send: Connection, document: Document, options: RenderOptions, deck: DeckLayout | None,
           temps: list[tuple[str, Path, Path]]) -> None:
    from .processes import die_with_parent

    die_with_parent()
    try:
        send.send(("ok", [_render_one(document, options, deck, *job) for job in temps]))
    except GeneratorError as exc:
        send.send(("error", exc.issues))
    except BaseException as exc:  # noqa: BLE001 - reported to the parent, which reports it as a bug
        import traceback

        send.send(("crash", "".join(traceback.format_exception(exc))))
    finally:
        send.close()


def _lay_out(document: Document, options: RenderOptions) -> DeckLayout:
    from .render import slides

    return slides.lay_out(document, options)


def _can_fork() -> bool:
    import multiprocessing

    return "fork" in multiprocessing.get_all_start_methods() and os.environ.get("BRIEFING_JOBS", "2") != "1"


def _render_one(document: Document, options: RenderOptions, deck: DeckLayout | None, name: str, temp: Path,
                out_path: Path) -> tuple[Path, Path, str]:
    from .render import RENDERERS

    try:
        summary = RENDERERS[name].render(document, options, temp, deck)
    except OSError as exc:
        temp.unlink(missing_ok=True)
        if exc.errno is None:  # not the file system's (e.g. an image library's "truncated"): not a write failure
            raise
        raise _write_failed(exc, out_path) from None
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
    return temp, out_path, summary
