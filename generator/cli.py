"""The `briefing` command line: the only place that prints or exits."""
from __future__ import annotations

import sys
import time
from pathlib import Path

import click

from . import __version__

PROJECT_ROOT = Path(__file__).resolve().parent.parent


def default_data() -> Path:
    """The shipped dataset: ./data/facts.yaml when run from a checkout, else the one beside the package."""
    local = Path("data/facts.yaml")
    return local if local.exists() else PROJECT_ROOT / "data" / "facts.yaml"


def default_layouts_dir() -> Path:
    local = Path("layouts")
    return local if local.is_dir() else PROJECT_ROOT / "layouts"


def data_option(func):
    """The shared --data option."""
    return click.option(
        "--data",
        "data_path",
        type=click.Path(path_type=Path, dir_okay=False),
        default=None,
        help="Dataset file (YAML or JSON). Default: data/facts.yaml.",
    )(func)


class _Group(click.Group):
    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except click.exceptions.Exit:
            raise
        except click.ClickException:
            raise
        except click.exceptions.Abort:
            raise
        except Exception as exc:  # noqa: BLE001 - the single place that turns errors into messages
            from .errors import GeneratorError

            if isinstance(exc, GeneratorError):
                click.echo(f"error: {exc}" if len(exc.issues) == 1 else f"error: {len(exc.issues)} problems\n{exc}", err=True)
                ctx.exit(1)
            if isinstance(exc, KeyboardInterrupt):
                click.echo("interrupted; nothing was written", err=True)
                ctx.exit(130)
            if ctx.obj and ctx.obj.get("debug"):
                raise
            click.echo(
                f"internal error: {type(exc).__name__}: {exc}\n"
                "This is a bug in briefing. Run again with --debug for the traceback.",
                err=True,
            )
            ctx.exit(70)


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="briefing")
@click.option("--debug", is_flag=True, help="Show the traceback of internal errors.")
@click.pass_context
def cli(ctx: click.Context, debug: bool) -> None:
    """Build meeting decks (PPTX) and printable briefings (PDF) of the
    Rizhao ETDZ's 2020 results and 2021 plan from one dataset and per-meeting layouts."""
    ctx.ensure_object(dict)
    ctx.obj["debug"] = debug


@cli.command()
@data_option
@click.option("--layouts", "layouts_dir", type=click.Path(path_type=Path, file_okay=False), default=None,
              help="Folder of layouts to check. Default: layouts/.")
def check(data_path: Path | None, layouts_dir: Path | None) -> None:
    """Prove the dataset against the article and validate every layout."""
    from .dataset import body_numerals, load_dataset

    started = time.perf_counter()
    dataset = load_dataset(data_path or default_data())
    counts = ", ".join(f"{n} {name}" for name, n in dataset.counts.items())
    click.echo(f"{dataset.path}: ok — {counts}")
    click.echo(f"  every one of the article's {len(body_numerals(dataset))} figures is held by a fact with its quote")
    layouts_dir = layouts_dir or default_layouts_dir()
    if layouts_dir.is_dir() and any(layouts_dir.glob("*.yaml")):
        from .errors import GeneratorError
        from .layouts import load_layout

        problems: list = []
        for path in sorted(layouts_dir.glob("*.yaml")):
            try:
                layout = load_layout(path, dataset)
            except GeneratorError as exc:
                problems.extend(exc.issues)
                continue
            click.echo(f"{layout.path}: ok — {len(layout.model.deck)} slides, {len(layout.model.briefing)} briefing parts")
        if problems:
            raise GeneratorError(problems)
    click.echo(f"checked in {time.perf_counter() - started:.2f} s")


@cli.command()
@click.option("--theme", "theme_name", default="civic_blue", show_default=True, help="Theme whose fonts to look up.")
@click.option("--check", is_flag=True, help="Only report through the exit code whether a CJK font is installed.")
def fonts(theme_name: str, check: bool) -> None:
    """Show which font files are found and used for each role, and why."""
    from .errors import GeneratorError, did_you_mean
    from .fonts import find_face, is_cff, metrics_for
    from .theme import THEMES

    if theme_name not in THEMES:
        raise GeneratorError(f"unknown theme '{theme_name}'", hint=did_you_mean(theme_name, THEMES) or
                             "themes: " + ", ".join(THEMES))
    theme = THEMES[theme_name]
    if not check:
        click.echo(f"theme {theme.name}: CJK families in order of preference: {', '.join(theme.fonts.cjk_families)}")
    for role, bold, explicit in (("regular", False, theme.fonts.regular_file), ("bold", True, theme.fonts.bold_file)):
        face = find_face(theme.fonts.cjk_families, bold, explicit)
        if check:
            continue
        outlines = "CFF outlines: converted to a TrueType subset for the PDF" if is_cff(face) else "TrueType outlines: embedded as they are"
        glyphs = len(metrics_for(face).advances)
        click.echo(f"  {role:8s} {face.label}\n           why: {face.how_found}; {outlines}; {glyphs} characters")
    if not check:
        click.echo(f"  deck     East Asian typeface '{theme.fonts.deck_east_asian}', Latin typeface '{theme.fonts.deck_latin}' "
                   "(present on Windows; LibreOffice substitutes the font above)")


@cli.command()
@click.argument("layouts", nargs=-1)
@data_option
@click.option("--out", "out_dir", type=click.Path(path_type=Path, file_okay=False), default=Path("dist"),
              show_default=True, help="Folder for the outputs.")
@click.option("--format", "fmt", multiple=True,
              type=click.Choice(["all", "pptx", "pdf", "deck-pdf", "handout", "everything"]),
              help="Which outputs to build: pptx (the deck), pdf (the briefing), deck-pdf (the slides as PDF, "
                   "no PowerPoint needed), handout (three slides per A4 page with lines for notes); all = pptx "
                   "and pdf (the default); everything = all four. Repeat to combine.")
@click.option("--lang", type=click.Choice(["zh", "en"]), default=None,
              help="Language of the outputs. Default: the layout's. English outputs are named <layout>.en.pptx.")
@click.option("--strict", is_flag=True, help="Treat warnings (a font fallback) as errors.")
def build(layouts: tuple[str, ...], data_path: Path | None, out_dir: Path, fmt: tuple[str, ...],
          lang: str | None, strict: bool) -> None:
    """Build the deck and the briefing of each LAYOUT (a name from layouts/ or a file; default: lianghui)."""
    from .build import FORMATS, Inputs, build as build_layout
    from .errors import GeneratorError
    from .loading import resolve_layout_path

    warned: set[str] = set()
    names = layouts or ("lianghui",)
    progress = _Progress(len(names))

    def warn(message: str) -> None:
        if strict:
            raise GeneratorError(f"{message} (a warning; --strict makes it an error)")
        if message not in warned:
            warned.add(message)
            progress.echo(f"warning: {message}", err=True)

    formats: list[str] = []
    for name in fmt or ("all",):
        wanted = {"all": FORMATS, "everything": FORMATS + ("deck-pdf", "handout")}.get(name, (name,))
        formats += [f for f in wanted if f not in formats]
    inputs = Inputs(data_path or default_data())
    with progress:
        for name in names:
            path = resolve_layout_path(name, default_layouts_dir())
            progress.now(f"{path.stem}: {', '.join(formats)}")
            for output in build_layout(path, inputs, out_dir, tuple(formats), lang, warn):
                progress.echo(f"{output.path}  {output.summary}")
            progress.advance()


class _Progress:
    """A progress line on the terminal for work that runs longer than AFTER_S: the meeting being built, how many
    are done and the time. Nothing when stderr is not a terminal (a log, a pipe, a test)."""

    AFTER_S = 2.0

    def __init__(self, total: int):
        import threading

        self.total, self.done, self.description = total, 0, ""
        self._lock = threading.Lock()
        self._timer = threading.Timer(self.AFTER_S, self._show) if _stderr_is_terminal() else None
        self._bar = self._task = None
        self._closed = False

    def __enter__(self) -> "_Progress":
        if self._timer is not None:
            self._timer.daemon = True
            self._timer.start()
        return self

    def now(self, description: str) -> None:
        with self._lock:
            self.description = description
            if self._bar is not None:
                self._bar.update(self._task, description=description)

    def echo(self, line: str, err: bool = False) -> None:
        """Print a line; while the progress line shows, above it."""
        with self._lock:
            if self._bar is not None and (err or sys.stdout.isatty()):
                self._bar.console.print(line, markup=False, highlight=False, soft_wrap=True)
                return
        click.echo(line, err=err)

    def advance(self) -> None:
        with self._lock:
            self.done += 1
            if self._bar is not None:
                self._bar.update(self._task, completed=self.done)

    def _show(self) -> None:
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

        with self._lock:
            if self._closed:
                return
            # lines printed while it shows go above it (echo); the line goes when the work is done
            self._bar = Progress(SpinnerColumn(), TextColumn("building {task.description}"), BarColumn(),
                                 MofNCompleteColumn(), TimeElapsedColumn(), console=Console(stderr=True),
                                 transient=True, redirect_stdout=False, redirect_stderr=False)
            self._task = self._bar.add_task(self.description, total=self.total, completed=self.done)
            self._bar.start()

    def __exit__(self, *_exc) -> None:
        if self._timer is not None:
            self._timer.cancel()
        with self._lock:
            self._closed = True
            if self._bar is not None:
                self._bar.stop()


def _stderr_is_terminal() -> bool:
    return sys.stderr is not None and sys.stderr.isatty()


@cli.command()
@click.argument("layout", default="lianghui")
@data_option
@click.option("--port", type=click.IntRange(0, 65535), default=8765, show_default=True,
              help="Port on 127.0.0.1 (0 picks a free one).")
@click.option("--lang", type=click.Choice(["zh", "en"]), default=None, help="Language. Default: the layout's.")
@click.option("--open", "open_browser", is_flag=True, help="Open the page in the default web browser.")
@click.pass_context
def preview(ctx: click.Context, layout: str, data_path: Path | None, port: int, lang: str | None,
            open_browser: bool) -> None:
    """Show LAYOUT's slides and briefing pages in a web page that updates on every save (Ctrl-C stops)."""
    from .loading import resolve_layout_path
    from .preview.server import run

    path = resolve_layout_path(layout, default_layouts_dir())
    shown: dict[str, tuple[str, ...]] = {"warnings": ()}

    def on_start(url: str) -> None:
        click.echo(f"preview of {path} at {url}\nsave the layout, the dataset, its article, the template or the logo "
                   "and the page updates itself; Ctrl-C stops", err=True)

    def report(snapshot) -> None:
        if snapshot.ok:
            click.echo(f"{snapshot.finished_at} built in {snapshot.seconds:.2f} s: {len(snapshot.slides)} slides, "
                       f"{len(snapshot.pages)} briefing pages ({snapshot.rasterised} images new)", err=True)
        else:
            click.echo(f"{snapshot.finished_at} build failed; the page keeps the last good images", err=True)
            for error in snapshot.errors:
                click.echo(f"error: {error}", err=True)
            if snapshot.detail:  # an internal error: a bug
                click.echo(snapshot.detail if ctx.obj.get("debug") else
                           "This is a bug in briefing. Run again with --debug for the traceback.", err=True)
        if snapshot.warnings != shown["warnings"]:  # a warning is printed once, not on every save
            for warning in snapshot.warnings:
                click.echo(f"warning: {warning}", err=True)
            shown["warnings"] = snapshot.warnings

    try:
        run(path, data_path or default_data(), lang, port, open_browser, on_start, report)
    except KeyboardInterrupt:
        click.echo("preview stopped", err=True)
        ctx.exit(130)


@cli.command(name="layouts")
def list_layouts() -> None:
    """List the meeting layouts with their one-line descriptions."""
    from .loading import load_file

    folder = default_layouts_dir()
    paths = sorted(folder.glob("*.yaml"))
    if not paths:
        click.echo(f"no layouts in {folder}/")
        return
    width = max(len(p.stem) for p in paths)
    for path in paths:
        data = load_file(path, "layout").data
        description = data.get("description", "") if isinstance(data, dict) else ""
        language = data.get("language", "zh") if isinstance(data, dict) else ""
        click.echo(f"{path.stem:<{width}}  [{language}]  {description}")


@cli.command(name="new-layout")
@click.argument("name")
@click.option("--from", "source", default="lianghui", show_default=True, help="The layout to copy.")
def new_layout(name: str, source: str) -> None:
    """Copy a layout to layouts/NAME.yaml to start a new meeting's."""
    import re

    from .errors import GeneratorError
    from .layouts import resolve_layout_path

    if not re.fullmatch(r"[a-z0-9][a-z0-9-]*", name):
        raise GeneratorError(f"'{name}' is not a usable layout name",
                             hint="use lower-case letters, digits and hyphens, e.g. spring-fair-2021")
    folder = Path("layouts")
    target = folder / f"{name}.yaml"
    if target.exists():
        raise GeneratorError(f"{target} already exists", hint="choose another name or edit that file")
    source_path = resolve_layout_path(source, default_layouts_dir())
    folder.mkdir(exist_ok=True)
    text = source_path.read_text(encoding="utf-8")
    lines = text.splitlines(keepends=True)
    schema_line = lines[0] if lines and lines[0].startswith("# yaml-language-server") else ""
    body = "".join(line for line in lines if not line.startswith("#"))
    header = (
        f"{schema_line}"
        f"# Layout of a meeting, copied from {source_path.stem}. Edit it, then: briefing build {name}\n"
        "#  - title_*, subtitle_*, meeting_*, date: the words on the title slide, cover and footers\n"
        "#  - theme: civic_blue, investment_navy or party_red; theme_overrides: {colors: {primary: '#RRGGBB'}}\n"
        "#  - deck: the slides in order; briefing: the parts of the PDF in order. Remove, reorder or add entries.\n"
        "#  - facts are named by id: `briefing check` lists mistakes with their line; ids are in data/facts.yaml\n"
    )
    target.write_text(header + body.lstrip("\n"), encoding="utf-8")
    click.echo(f"{target}: created from {source_path.stem}; edit it, then run: briefing build {name}")


@cli.command(hidden=True)
@click.option("--out", "out_path", type=click.Path(path_type=Path, dir_okay=False), default=None,
              help="Where to write the schema. Default: layouts/layout.schema.json.")
def schema(out_path: Path | None) -> None:
    """Write the JSON Schema of layout files (generated from the layout model)."""
    from .layouts import SCHEMA_FILE, layout_json_schema
    from .loading import write_json

    target = out_path or default_layouts_dir() / SCHEMA_FILE
    write_json(target, layout_json_schema())
    click.echo(f"{target}: written")


def main() -> None:
    """Entry point of the console script."""
    cli.main(prog_name="briefing")
