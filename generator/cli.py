"""The `briefing` command line: the only place that prints or exits."""
from __future__ import annotations

import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn, TypeVar

import click

from . import __version__
from .i18n import _, set_ui_language
from .render import RENDERERS  # the output formats: the registry is the one list of them

if TYPE_CHECKING:
    from types import FrameType

    from rich.progress import Progress, TaskID

    from .dataset import Dataset
    from .errors import Issue
    from .preview.builder import Snapshot

_F = TypeVar("_F", bound=Callable[..., Any])


def _click_speaks_our_language() -> None:
    """click writes its own words (Usage:, Options, Error: …, Show this message and exit.) through gettext's `_`
    in each module; pointing that `_` at the project's catalogue makes a Chinese interface Chinese throughout."""
    import click.core
    import click.decorators
    import click.exceptions
    import click.formatting
    import click.types

    for module in (click.core, click.decorators, click.exceptions, click.formatting, click.types):
        module._ = _  # type: ignore[attr-defined]


_click_speaks_our_language()


class _Translated(click.Command):
    """A command whose help (its docstring and its options' help) is shown in the interface's language."""

    def format_help(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        items: list[click.Command | click.Option] = [self, *(p for p in self.params if isinstance(p, click.Option))]
        saved = [(item, item.help) for item in items]
        for item, text in saved:
            if text:
                item.help = _(text)
        try:
            super().format_help(ctx, formatter)
        finally:
            for item, text in saved:
                item.help = text

    def get_short_help_str(self, limit: int = 45) -> str:
        saved = self.help
        self.help = _(saved) if saved else saved
        try:
            return super().get_short_help_str(limit)
        finally:
            self.help = saved


class _Command(_Translated, click.Command):
    pass


def _choose_ui(ctx: click.Context, param: click.Parameter, value: str | None) -> None:
    if value:
        set_ui_language(value)

PROJECT_ROOT = Path(__file__).resolve().parent.parent


def default_data() -> Path:
    """The shipped dataset: ./data/facts.yaml when run from a checkout, else the one beside the package."""
    local = Path("data/facts.yaml")
    return local if local.exists() else PROJECT_ROOT / "data" / "facts.yaml"


def default_layouts_dir() -> Path:
    local = Path("layouts")
    return local if local.is_dir() else PROJECT_ROOT / "layouts"


def data_option(func: _F) -> _F:
    """The shared --data option."""
    return click.option(
        "--data",
        "data_path",
        type=click.Path(path_type=Path, dir_okay=False),
        default=None,
        help="Dataset file (YAML or JSON). Default: data/facts.yaml.",
    )(func)


class _Group(_Translated, click.Group):
    command_class = _Command

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except click.exceptions.Exit:
            raise
        except click.ClickException:
            raise
        except click.exceptions.Abort:
            raise
        except BrokenPipeError:
            raise  # handled in main(): the output's reader has gone
        except KeyboardInterrupt:  # Ctrl-C, or SIGTERM (see main): click would print "Aborted!" and exit 1
            click.echo(_("interrupted; no output was changed"), err=True)
            ctx.exit(130)
        except Exception as exc:  # noqa: BLE001 - the single place that turns errors into messages
            from .errors import GeneratorError

            if isinstance(exc, GeneratorError):
                click.echo(_("error: {message}").format(message=exc) if len(exc.issues) == 1 else
                           _("error: {count} problems").format(count=len(exc.issues)) + f"\n{exc}", err=True)
                ctx.exit(1)
            if ctx.obj and ctx.obj.get("debug"):
                raise
            click.echo(_("internal error: {kind}: {message}\nThis is a bug in briefing. Run again with --debug for the "
                         "traceback.").format(kind=type(exc).__name__, message=exc), err=True)
            ctx.exit(70)


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="briefing")
@click.option("--ui", type=click.Choice(["zh", "en"]), callback=_choose_ui, expose_value=False, is_eager=True,
              help="Language of messages and help: zh (中文) or en. Default: from the locale (LANG).")
@click.option("--debug", is_flag=True, help="Show the traceback of internal errors.")
@click.pass_context
def cli(ctx: click.Context, debug: bool) -> None:
    """Build meeting decks (PPTX) and printable briefings (PDF) of the Rizhao ETDZ's results and plan from one
    dataset and per-meeting layouts."""
    ctx.ensure_object(dict)
    ctx.obj["debug"] = debug


@cli.command()
@click.argument("layouts", nargs=-1)
@data_option
@click.option("--layouts", "layouts_dir", type=click.Path(path_type=Path, file_okay=False), default=None,
              help="Folder of layouts to check when none is named. Default: layouts/.")
@click.option("--lang", "langs", multiple=True, type=click.Choice(["zh", "en"]),
              help="Check the meetings in this language (repeat for both). Default: each layout's own.")
def check(layouts: tuple[str, ...], data_path: Path | None, layouts_dir: Path | None, langs: tuple[str, ...]) -> None:
    """Prove the dataset against the article, then build each LAYOUT (default: every layout in layouts/) in every
    format without writing anything: every error a build would raise is reported, all at once."""
    from .dataset import body_numerals, load_dataset
    from .errors import GeneratorError
    from .loading import resolve_layout_path

    started = time.perf_counter()
    dataset = load_dataset(data_path or default_data())
    counts = ", ".join(f"{n} {name}" for name, n in dataset.counts.items())
    click.echo(_("{dataset_path}: ok — {counts}").format(dataset_path=dataset.path, counts=counts))
    click.echo(_("  every one of the article's {len_body_numerals_dataset} figures is held by a fact with its quote").format(
        len_body_numerals_dataset=len(body_numerals(dataset))))
    if layouts:
        paths = [resolve_layout_path(name, default_layouts_dir()) for name in layouts]
    else:
        folder = layouts_dir or default_layouts_dir()
        paths = sorted(folder.glob("*.yaml")) if folder.is_dir() else []
    problems: list[Issue] = []
    for path in paths:
        try:
            for line in _dry_run(path, data_path or default_data(), dataset, langs):
                click.echo(line)
        except GeneratorError as exc:
            problems.extend(exc.issues)
    if problems:
        raise GeneratorError(problems)
    click.echo(_("checked in {time_perf_counter_started:.2f} s; nothing was written").format(
        time_perf_counter_started=time.perf_counter() - started))


def _dry_run(path: Path, data_path: Path, dataset: Dataset, langs: tuple[str, ...]) -> list[str]:
    """Build one layout in every format into a temporary folder that is then removed; return the lines to print
    (its warnings first). Raises GeneratorError with every problem found."""
    import tempfile

    from .build import Inputs, Outputs, build as build_layout
    from .layouts import load_layout

    from .nextyear import date_warnings

    layout = load_layout(path, dataset)  # the layout's own mistakes, all at once, before any rendering
    lines: list[str] = [_("warning: {message}").format(message=message)
                        for message in date_warnings(path, layout.model.date, dataset)]

    def warn(message: str) -> None:
        line = _("warning: {message}").format(message=message)
        if line not in lines:
            lines.append(line)

    inputs = Inputs(data_path, dataset)
    with tempfile.TemporaryDirectory(prefix="briefing-check-") as folder:
        for lang in langs or (None,):
            outputs = Outputs()
            try:
                build_layout(path, inputs, Path(folder), tuple(RENDERERS), lang, warn, outputs)
                summaries = [f"{name} {summary}" for name, (_temp, _out, summary) in zip(RENDERERS, outputs.pending)]
            finally:
                outputs.discard()
            lines.append(_("{layout_path} ({language}): ok — {summaries}").format(
                layout_path=layout.path, language=lang or layout.model.language, summaries="; ".join(summaries)))
    return lines


@cli.command()
@click.option("--theme", "theme_name", default="civic_blue", show_default=True, help="Theme whose fonts to look up.")
@click.option("--check", is_flag=True, help="Only report through the exit code whether a CJK font is installed.")
def fonts(theme_name: str, check: bool) -> None:
    """Show which font files are found and used for each role, and why."""
    from .errors import GeneratorError, did_you_mean
    from .fonts import find_face, is_cff, metrics_for
    from .theme import THEMES

    if theme_name not in THEMES:
        raise GeneratorError(_("unknown theme '{theme_name}'").format(
            theme_name=theme_name), hint=did_you_mean(theme_name, THEMES) or
                             "themes: " + ", ".join(THEMES))
    theme = THEMES[theme_name]
    if not check:
        click.echo(_("theme {theme_name}: CJK families in order of preference: {join_theme_fonts_cjk_families}").format(
            theme_name=theme.name, join_theme_fonts_cjk_families=', '.join(theme.fonts.cjk_families)))
    for role, bold, explicit in (("regular", False, theme.fonts.regular_file), ("bold", True, theme.fonts.bold_file)):
        face = find_face(theme.fonts.cjk_families, bold, explicit)
        if check:
            continue
        outlines = "CFF outlines: converted to a TrueType subset for the PDF" if is_cff(face) else "TrueType outlines: embedded as they are"
        glyphs = len(metrics_for(face).advances)
        click.echo(_("  {role:8s} {face_label}\n           why: {face_how_found}; {outlines}; {glyphs} characters").format(
            role=role, face_label=face.label, face_how_found=face.how_found, outlines=outlines, glyphs=glyphs))
    if not check:
        click.echo(_("  deck     East Asian typeface '{theme_fonts_deck_east_asian}', Latin typeface "
                      "'{theme_fonts_deck_latin}' (present on Windows; LibreOffice substitutes the font above)").format(
            theme_fonts_deck_east_asian=theme.fonts.deck_east_asian, theme_fonts_deck_latin=theme.fonts.deck_latin))


@cli.command()
@click.argument("layouts", nargs=-1)
@data_option
@click.option("--out", "out_dir", type=click.Path(path_type=Path, file_okay=False), default=Path("dist"),
              show_default=True, help="Folder for the outputs.")
@click.option("--format", "fmt", multiple=True, type=click.Choice([*RENDERERS, "all", "everything"]),
              help="Which outputs to build: " + "; ".join(f"{r.name} ({r.description})" for r in RENDERERS.values())
              + "; all = " + " and ".join(r.name for r in RENDERERS.values() if r.default) + " (the default); "
              "everything = all of them. Repeat to combine.")
@click.option("--lang", type=click.Choice(["zh", "en"]), default=None,
              help="Language of the outputs. Default: the layout's. English outputs are named <layout>.en.pptx.")
@click.option("--strict", is_flag=True, help="Treat warnings (a font fallback) as errors.")
def build(layouts: tuple[str, ...], data_path: Path | None, out_dir: Path, fmt: tuple[str, ...],
          lang: str | None, strict: bool) -> None:
    """Build the deck and the briefing of each LAYOUT (a name from layouts/ or a file; default: lianghui)."""
    from .build import Inputs, Outputs, build as build_layout
    from .errors import GeneratorError
    from .loading import resolve_layout_path

    warned: set[str] = set()
    names = layouts or ("lianghui",)
    progress = _Progress(len(names))

    def warn(message: str) -> None:
        if strict:
            raise GeneratorError(_("{message} (a warning; --strict makes it an error)").format(message=message))
        if message not in warned:
            warned.add(message)
            progress.echo(_("warning: {message}").format(message=message), err=True)

    formats: list[str] = []
    for name in fmt or ("all",):
        wanted = {"all": tuple(n for n, r in RENDERERS.items() if r.default),
                  "everything": tuple(RENDERERS)}.get(name, (name,))
        formats += [f for f in wanted if f not in formats]
    inputs = Inputs(data_path or default_data())
    outputs = Outputs()  # every file of this run is renamed into place together, or none is
    try:
        with progress:
            paths = [resolve_layout_path(name, default_layouts_dir()) for name in names]
            for path in paths:
                progress.now(f"{path.stem}: {', '.join(formats)}")
                build_layout(path, inputs, out_dir, tuple(formats), lang, warn, outputs)
                progress.advance()
            for output in outputs.commit():
                progress.echo(_("{output_path}  {output_summary}").format(
                    output_path=output.path, output_summary=output.summary))
    finally:
        outputs.discard()


class _Progress:
    """A progress line on the terminal for work that runs longer than AFTER_S: the meeting being built, how many
    are done and the time. Nothing when stderr is not a terminal (a log, a pipe, a test)."""

    AFTER_S = 2.0

    def __init__(self, total: int):
        import threading

        self.total, self.done, self.description = total, 0, ""
        self._lock = threading.Lock()
        self._timer = threading.Timer(self.AFTER_S, self._show) if _stderr_is_terminal() else None
        self._bar: Progress | None = None
        self._task: TaskID | None = None
        self._closed = False

    def __enter__(self) -> "_Progress":
        if self._timer is not None:
            self._timer.daemon = True
            self._timer.start()
        return self

    def now(self, description: str) -> None:
        with self._lock:
            self.description = description
            if self._bar is not None and self._task is not None:
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
            if self._bar is not None and self._task is not None:
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

    def __exit__(self, *_exc: object) -> None:
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

    def report(snapshot: Snapshot) -> None:
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



@cli.command()
@click.argument("words", nargs=-1)
@click.option("--section", default=None, help="Only the facts of this section (an id, e.g. plan).")
@data_option
def facts(words: tuple[str, ...], section: str | None, data_path: Path | None) -> None:
    """List the facts a layout can name: id, value as shown, label, status and measure.

    WORDS filter by id, label or value (e.g. `briefing facts 投资` or `briefing facts graduates`). Facts with the
    same [status · measure] may share a chart."""
    from .dataset import load_dataset
    from .errors import GeneratorError, did_you_mean
    from .wording import Wording

    dataset = load_dataset(data_path or default_data())
    if section and section not in dataset.sections:
        raise GeneratorError(_("unknown section '{section}'").format(
            section=section), hint=did_you_mean(section, dataset.sections)
                             or "sections: " + ", ".join(dataset.sections))
    zh, en = Wording(dataset, "zh"), Wording(dataset, "en")
    shown = 0
    for fact in dataset.model.facts:
        if section and fact.section != section:
            continue
        texts = [fact.id, zh.label(fact), en.label(fact), zh.figure(fact).text, en.figure(fact).text]
        if words and not all(any(w.lower() in t.lower() for t in texts) for w in words):
            continue
        shown += 1
        group = f"{zh.when(fact)} · {fact.measure}" if fact.measure else f"{zh.when(fact)} · words"
        click.echo(_("{fact_id:<42} {zh_figure_fact_text:<12} {zh_label_fact} — {en_label_fact}  [{group}]").format(
            fact_id=fact.id, zh_figure_fact_text=zh.figure(fact).text, zh_label_fact=zh.label(fact),
            en_label_fact=en.label(fact), group=group))
    click.echo(_("{shown} of {len_dataset_model_facts} facts. Facts with the same [status · measure] may share a "
                  "chart; [… · words] cannot be charted.").format(
        shown=shown, len_dataset_model_facts=len(dataset.model.facts)))


@cli.command()
@click.option("--gallery", "gallery_dir", type=click.Path(path_type=Path, file_okay=False), default=None,
              help="Also write a layout with one of each kind into this folder and build its slides and briefing.")
@data_option
@click.pass_context
def kinds(ctx: click.Context, gallery_dir: Path | None, data_path: Path | None) -> None:
    """Show every slide kind and briefing part, what it shows and the smallest entry that builds it."""
    from .kinds import PARTS, SLIDES, gallery_layout

    for heading, table in (("Slides (deck:)", SLIDES), ("Briefing parts (briefing:)", PARTS)):
        click.echo(heading)
        for name, (what, snippet) in table.items():
            click.echo(f"\n  {name}: {what}\n    " + snippet.replace("\n", "\n    "))
        click.echo("")
    if gallery_dir:
        gallery_dir.mkdir(parents=True, exist_ok=True)
        layout = gallery_dir / "gallery.yaml"
        layout.write_text(gallery_layout(), encoding="utf-8")
        ctx.invoke(build, layouts=(str(layout),), data_path=data_path, out_dir=gallery_dir,
                   fmt=("deck-pdf", "pdf"), lang=None, strict=False)


@cli.command(name="layouts")
def list_layouts() -> None:
    """List the meeting layouts with their one-line descriptions."""
    from .loading import load_file

    folder = default_layouts_dir()
    paths = sorted(folder.glob("*.yaml"))
    if not paths:
        click.echo(_("no layouts in {folder}/").format(folder=folder))
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
    from .loading import resolve_layout_path

    if not re.fullmatch(r"[a-z0-9][a-z0-9-]*", name):
        raise GeneratorError(_("'{name}' is not a usable layout name").format(name=name),
                             hint=_("use lower-case letters, digits and hyphens, e.g. spring-fair-2021"))
    folder = Path("layouts")
    target = folder / f"{name}.yaml"
    if target.exists():
        raise GeneratorError(_("{target} already exists").format(
            target=target), hint=_("choose another name or edit that file"))
    source_path = resolve_layout_path(source, default_layouts_dir())
    folder.mkdir(exist_ok=True)
    text = source_path.read_text(encoding="utf-8")
    lines = text.splitlines(keepends=True)
    schema_line = lines[0] if lines and lines[0].startswith("# yaml-language-server") else ""
    body = "".join(line for line in lines if not line.startswith("#"))
    lines = [
        _("Layout of a meeting, copied from {source}. Edit it, then: briefing build {name}").format(
            source=source_path.stem, name=name),
        _(" - title_*, subtitle_*, meeting_*, date: the words on the title slide, cover and footers"),
        _(" - theme: civic_blue, investment_navy or party_red; theme_overrides: {colors: {primary: '#RRGGBB'}}"),
        _(" - deck: the slides in order; briefing: the parts of the PDF in order. Remove, reorder or add entries."),
        _(" - figures are named by id ({projects_attracted}; `briefing facts WORD` lists them), years as "
          "{results_year} and {plan_year}; quote a text that starts with {"),
        _(" - the kinds of slides and parts: `briefing kinds`; `briefing check` lists mistakes with their line"),
    ]
    header = schema_line + "".join(f"# {line}\n" for line in lines)
    target.write_text(header + body.lstrip("\n"), encoding="utf-8")
    click.echo(_("{target}: created from {source_path_stem}; edit it, then run: briefing build {name}").format(
        target=target, source_path_stem=source_path.stem, name=name))


@cli.command(name="new-year")
@click.argument("folder", type=click.Path(path_type=Path, file_okay=False))
@click.option("--article", "article", type=click.Path(path_type=Path, dir_okay=False, exists=True), default=None,
              help="The new year's article (text), copied in as the dataset's source.")
@data_option
@click.option("--layouts", "layouts_dir", type=click.Path(path_type=Path, file_okay=False), default=None,
              help="Folder of the layouts to move on. Default: layouts/.")
def new_year(folder: Path, article: Path | None, data_path: Path | None, layouts_dir: Path | None) -> None:
    """Copy the dataset and layouts into FOLDER a year on (years, periods, event and meeting dates), with the new
    ARTICLE, and list every place you must still change by hand."""
    from .nextyear import move_on

    layouts = layouts_dir or default_layouts_dir()
    moved = move_on(data_path or default_data(), sorted(layouts.glob("*.yaml")), folder, article)
    click.echo(_("{data}: the dataset a year on, with {count} layouts in {layouts}").format(
        data=moved.data, count=len(moved.layouts), layouts=moved.data.parent.parent / "layouts"))
    click.echo(_("Still to do by hand ({count}); then run: briefing check --data {data} --layouts {layouts}").format(
        count=len(moved.to_do), data=moved.data, layouts=moved.data.parent.parent / "layouts"))
    for number, line in enumerate(moved.to_do, 1):
        click.echo(f"{number:>3}. {line}")


@cli.command(hidden=True)
@click.option("--out", "out_path", type=click.Path(path_type=Path, dir_okay=False), default=None,
              help="Where to write the schema. Default: layouts/layout.schema.json.")
def schema(out_path: Path | None) -> None:
    """Write the JSON Schema of layout files (generated from the layout model)."""
    from .layouts import SCHEMA_FILE, layout_json_schema
    from .loading import write_json

    target = out_path or default_layouts_dir() / SCHEMA_FILE
    write_json(target, layout_json_schema())
    click.echo(_("{target}: written").format(target=target))


def main() -> None:
    """Entry point of the console script."""
    import os
    import sys

    import signal

    def terminate(signum: int, frame: FrameType | None) -> NoReturn:
        raise KeyboardInterrupt  # SIGTERM ends a build like Ctrl-C: temporary files removed, outputs unchanged

    signal.signal(signal.SIGTERM, terminate)
    import gc

    # A build makes hundreds of thousands of small objects (XML elements, flowables) and few reference cycles:
    # collecting the youngest generation every 50,000 allocations instead of every 700 saves about 5% of a build
    gc.set_threshold(50_000, 20, 100)
    try:
        cli.main(prog_name="briefing")  # click ends quietly when the output's reader has gone (`briefing fonts | head`)
    except BrokenPipeError:  # pragma: no cover - raised while flushing at exit
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        sys.exit(1)
    except SystemExit as done:
        # under a profiler or a tracer (coverage) the normal exit lets them write their results
        if (done.code is None or isinstance(done.code, int)) and sys.getprofile() is None and sys.gettrace() is None:
            _leave(done.code or 0)
        raise


def _leave(code: int) -> NoReturn:
    """End the process with the exit code once its output is flushed and its exit handlers have run, without
    Python's teardown: freeing every object of a build one by one takes a tenth of a second after the work is
    done, and nothing is left to do then (every file is closed, every worker joined)."""
    import atexit
    import os
    import sys

    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except BrokenPipeError:  # pragma: no cover - the reader has gone
        pass
    atexit._run_exitfuncs()
    os._exit(code)
