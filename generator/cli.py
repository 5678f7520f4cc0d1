"""The `briefing` command line: the only place that prints or exits."""
from __future__ import annotations

import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn, TypeVar

import click

from . import __version__
from .i18n import N_, _, click_speaks_the_interface_language, set_ui_language, os_reason
from .render import RENDERERS  # the output formats: the registry is the one list of them

if TYPE_CHECKING:
    from types import FrameType

    from rich.progress import Progress, TaskID

    from .dataset import Dataset
    from .errors import Issue
    from .preview.builder import Snapshot

_F = TypeVar("_F", bound=Callable[..., Any])


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

#: what the dataset holds, as `briefing check` counts it (Dataset.counts)
COUNTED = {"facts": N_("{count} facts"), "measures": N_("{count} measures"), "sections": N_("{count} sections"),
           "events": N_("{count} events"), "projects and institutions": N_("{count} projects and institutions"),
           "groups": N_("{count} groups"), "industries": N_("{count} industries"),
           "comparisons": N_("{count} comparisons"), "derived figures": N_("{count} derived figures")}


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
        help="Dataset file (YAML, JSON or an .xlsx workbook). Default: data/facts.yaml.",
    )(func)


class _Group(_Translated, click.Group):
    command_class = _Command

    def main(self, *args: Any, **kwargs: Any) -> Any:
        with click_speaks_the_interface_language():
            return super().main(*args, **kwargs)

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
            from .status import ExitStatus

            click.echo(_("interrupted; no output was changed"), err=True)
            ctx.exit(ExitStatus.INTERRUPTED)
        except Exception as exc:  # noqa: BLE001 - the single place that turns errors into messages
            from .errors import GeneratorError, InternalError
            from .status import ExitStatus

            if isinstance(exc, GeneratorError):
                click.echo(_("error: {message}").format(message=exc) if len(exc.issues) == 1 else
                           _("error: {count} problems").format(count=len(exc.issues)) + f"\n{exc}", err=True)
                ctx.exit(ExitStatus.ERROR)
            if isinstance(exc, InternalError):
                click.echo(_("internal error: {message}").format(message=exc), err=True)
                if ctx.obj and ctx.obj.get("debug") and exc.details:
                    click.echo(exc.details, err=True)
                ctx.exit(ExitStatus.INTERNAL)
            if ctx.obj and ctx.obj.get("debug"):
                raise
            click.echo(_("internal error: {kind}: {message}\nThis is a bug in briefing. Run again with --debug for the "
                         "traceback.").format(kind=type(exc).__name__, message=exc), err=True)
            ctx.exit(ExitStatus.INTERNAL)


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
    from .datafile import load_dataset
    from .dataset import body_numerals
    from .errors import GeneratorError
    from .loading import resolve_layout_path

    started = time.perf_counter()
    dataset = load_dataset(data_path or default_data())
    counts = _(", ").join(_(COUNTED[name]).format(count=n) if name in COUNTED else f"{n} {name}"
                          for name, n in dataset.counts.items())
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

    from .build import build as build_layout
    from .errors import GeneratorError
    from .description import describe
    from .layouts import load_layout
    from .outputs import Outputs
    from .prepared import Inputs

    from .nextyear import date_warnings

    try:
        layout = load_layout(path, dataset)  # the layout's own mistakes, all at once, before any rendering
    except GeneratorError as mistakes:
        # and in the same round, whether the briefing of the parts that are right keeps the page budget
        from .salvage import budget_issues

        raise GeneratorError(mistakes.issues + budget_issues(path, dataset, mistakes.issues, langs)) from None
    lines: list[str] = [_("warning: {message}").format(message=message)
                        for message in date_warnings(path, layout.model.date, dataset)]

    def warn(message: str) -> None:
        line = _("warning: {message}").format(message=message)
        if line not in lines:
            lines.append(line)

    inputs = Inputs(data_path, dataset)
    with tempfile.TemporaryDirectory(prefix="briefing-check-") as folder:
        for lang in langs or (None,):
            description = describe(path, inputs, lang, tuple(RENDERERS), warn)
            outputs = Outputs()
            try:
                rendered = build_layout(description, Path(folder), outputs, warn)
            finally:
                outputs.discard()
            lines.append(_("{layout_path} ({language}): ok — {summaries}").format(
                layout_path=layout.path, language=description.language,
                summaries=_("; ").join(f"{item.format} {item.summary}" for item in rendered)))
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
                             _("themes: {names}").format(names=", ".join(THEMES)))
    theme = THEMES[theme_name]
    if not check:
        click.echo(_("theme {theme_name}: CJK families in order of preference: {join_theme_fonts_cjk_families}").format(
            theme_name=theme.name, join_theme_fonts_cjk_families=', '.join(theme.fonts.cjk_families)))
    for role, bold, explicit in ((N_("regular"), False, theme.fonts.regular_file),
                                 (N_("bold"), True, theme.fonts.bold_file)):
        face = find_face(theme.fonts.cjk_families, bold, explicit)
        if check:
            continue
        outlines = _("CFF outlines: converted to a TrueType subset for the PDF") if is_cff(face) else \
            _("TrueType outlines: embedded as they are")
        glyphs = len(metrics_for(face).advances)
        click.echo(_("  {role:8s} {face_label}\n           why: {face_how_found}; {outlines}; {glyphs} characters").format(
            role=_(role), face_label=face.label, face_how_found=face.how_found, outlines=outlines, glyphs=glyphs))
    if not check:
        click.echo(_("  deck     East Asian typeface '{theme_fonts_deck_east_asian}', Latin typeface "
                      "'{theme_fonts_deck_latin}' (present on Windows; LibreOffice substitutes the font above)").format(
            theme_fonts_deck_east_asian=theme.fonts.deck_east_asian, theme_fonts_deck_latin=theme.fonts.deck_latin))


def _named_folder(ctx: click.Context, param: click.Parameter, value: str) -> Path:
    """--out as a path; an empty name (`--out ''`, which would write into the current folder) is refused."""
    if not value.strip():
        raise click.BadParameter(_("the folder's name is empty; write --out dist or another folder"), ctx, param)
    return Path(value)


@cli.command()
@click.argument("layouts", nargs=-1)
@data_option
@click.option("--out", "out_dir", type=click.Path(file_okay=False), default="dist", callback=_named_folder,
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
    from .build import build as build_layout
    from .description import describe
    from .errors import GeneratorError
    from .loading import resolve_layout_path
    from .outputs import Outputs
    from .prepared import Inputs

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
                build_layout(describe(path, inputs, lang, tuple(formats), warn), out_dir, outputs, warn)
                progress.advance()
            for output in outputs.commit():
                progress.echo(_("{output_path}  {output_summary}").format(
                    output_path=output.path, output_summary=output.summary))
    except KeyboardInterrupt:
        if not outputs.committed:
            raise  # "no output was changed", which is true
        click.echo(_("interrupted; every output was written"), err=True)
        click.get_current_context().exit(130)
    finally:
        outputs.discard()


class _Progress:
    """A progress line on the terminal for work that runs longer than AFTER_S: the meeting being built, how many
    are done and the time. Nothing when stderr is not a terminal (a log, a pipe, a test). BRIEFING_PROGRESS_AFTER_S
    sets the delay (the tests show the line at once instead of relying on a build that lasts several seconds)."""

    AFTER_S = 2.0

    def __init__(self, total: int):
        import os
        import threading

        self.total, self.done, self.description = total, 0, ""
        self._lock = threading.Lock()
        try:
            after_s = float(os.environ.get("BRIEFING_PROGRESS_AFTER_S") or self.AFTER_S)
        except ValueError:
            after_s = self.AFTER_S
        self._timer = threading.Timer(after_s, self._show) if _stderr_is_terminal() else None
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
                self._bar.update(self._task, description=description, refresh=True)  # each meeting is shown

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
        click.echo(_("preview of {path} at {url}\nsave the layout, the dataset, its article, the template or the logo "
                     "and the page updates itself; Ctrl-C stops").format(path=path, url=url), err=True)

    def report(snapshot: Snapshot) -> None:
        if snapshot.ok:
            click.echo(_("{finished_at} built in {seconds:.2f} s: {slides} slides, {pages} briefing pages "
                         "({rasterised} images new)").format(
                finished_at=snapshot.finished_at, seconds=snapshot.seconds, slides=len(snapshot.slides),
                pages=len(snapshot.pages), rasterised=snapshot.rasterised), err=True)
        else:
            click.echo(_("{finished_at} build failed; the page keeps the last good images").format(
                finished_at=snapshot.finished_at), err=True)
            for error in snapshot.errors:
                click.echo(_("error: {message}").format(message=error), err=True)
            if snapshot.detail:  # an internal error: a bug
                click.echo(snapshot.detail if ctx.obj.get("debug") else
                           _("This is a bug in briefing. Run again with --debug for the traceback."), err=True)
        if snapshot.warnings != shown["warnings"]:  # a warning is printed once, not on every save
            for warning in snapshot.warnings:
                click.echo(_("warning: {message}").format(message=warning), err=True)
            shown["warnings"] = snapshot.warnings

    try:
        run(path, data_path or default_data(), lang, port, open_browser, on_start, report)
    except KeyboardInterrupt:
        from .status import ExitStatus

        click.echo(_("preview stopped"), err=True)
        ctx.exit(ExitStatus.INTERRUPTED)



@cli.command()
@click.argument("words", nargs=-1)
@click.option("--section", default=None, help="Only the facts of this section (an id, e.g. plan).")
@click.option("--export", "export_path", type=click.Path(path_type=Path, dir_okay=False), default=None,
              help="Write the whole dataset to this file instead: a workbook to edit in Excel, WPS or LibreOffice "
                   "(.xlsx), or YAML (.yaml).")
@data_option
def facts(words: tuple[str, ...], section: str | None, export_path: Path | None, data_path: Path | None) -> None:
    """List the facts a layout can name: id, value as shown, label, status and measure.

    WORDS filter, in Chinese or English, by id, label, value, unit, section (e.g. 民生, livelihood), status (目标,
    累计, 推进中, 实绩, target) or measure (e.g. `briefing facts 投资` or `briefing facts graduates`). Facts with the
    same [status · measure] may share a chart."""
    from .datafile import load_dataset
    from .errors import GeneratorError, did_you_mean
    from .wording import Wording

    dataset = load_dataset(data_path or default_data())
    if export_path is not None:
        _export(dataset, data_path or default_data(), export_path)
        return
    if section and section not in dataset.sections:
        raise GeneratorError(_("unknown section '{section}'").format(
            section=section), hint=did_you_mean(section, dataset.sections)
                             or _("sections: {names}").format(names=", ".join(dataset.sections)))
    zh, en = Wording(dataset, "zh"), Wording(dataset, "en")
    # what a status is called, in both languages: a user asks for 目标 or 实绩, not for `target` or `achieved`
    status_words = {"achieved": ("实绩", "完成", zh("{results_year}年"), "achieved", "result"),
                    "cumulative": ("累计", "cumulative", "total"),
                    "target": ("目标", zh("{plan_year}年目标"), "target"),
                    "pipeline": ("推进中", "pipeline", "under way"),
                    "goal": ("中长期目标", "goal"), "context": ("背景", "context")}
    shown = 0
    for fact in dataset.facts.values():  # the sources' facts, then the derived figures
        if section and fact.section != section:
            continue
        part, measure = dataset.sections[fact.section], dataset.measures.get(fact.measure or "")
        texts = [fact.id, zh.label(fact), en.label(fact), zh.figure(fact).text, en.figure(fact).text, fact.unit,
                 fact.unit_en or "", fact.section, zh(part.title_zh), en(part.title_en), fact.status,
                 *status_words.get(fact.status, ()), zh.when(fact), en.when(fact),
                 *((measure.id, measure.label_zh, measure.label_en) if measure else ())]
        if words and not all(any(w.lower() in t.lower() for t in texts) for w in words):
            continue
        shown += 1
        group = f"{zh.when(fact)} · {fact.measure}" if fact.measure else f"{zh.when(fact)} · " + (
            "computed" if fact.is_number else "words")
        click.echo(_("{fact_id:<42} {zh_figure_fact_text:<12} {zh_label_fact} — {en_label_fact}  [{group}]").format(
            fact_id=fact.id, zh_figure_fact_text=zh.figure(fact).text, zh_label_fact=zh.label(fact),
            en_label_fact=en.label(fact), group=group))
    click.echo(_("{shown} of {len_dataset_model_facts} facts. Facts with the same [status · measure] may share a "
                  "chart; [… · words] cannot be charted.").format(
        shown=shown, len_dataset_model_facts=len(dataset.facts)))


def _export(dataset: Dataset, data_path: Path, export_path: Path) -> None:
    from .errors import GeneratorError
    from .spreadsheet.writing import export_dataset

    if export_path.resolve() == data_path.resolve():
        raise GeneratorError(_("--export would overwrite the dataset it reads ({path})").format(path=data_path),
                             hint=_("name another file"))
    written = export_dataset(dataset.model, export_path)
    click.echo(_("wrote {path} ({written})").format(path=export_path, written=written))
    article = data_path.parent / dataset.model.source.file
    if not (export_path.parent / dataset.model.source.file).is_file():
        click.echo(_("note: the dataset names its article {file}; keep {path} in the folder of {article} (or copy "
                     "the article beside it) to build from it").format(
            file=dataset.model.source.file, path=export_path, article=article.parent), err=True)


@cli.command()
@click.option("--gallery", "gallery_dir", type=click.Path(path_type=Path, file_okay=False), default=None,
              help="Also write a layout with one of each kind into this folder and build its slides and briefing.")
@click.option("--keys", "show_keys", is_flag=True,
              help="Show every key a layout may hold instead: its type, default, what it does and an example.")
@data_option
@click.pass_context
def kinds(ctx: click.Context, gallery_dir: Path | None, show_keys: bool, data_path: Path | None) -> None:
    """Show every slide kind and briefing part, what it shows and the smallest entry that builds it."""
    from .kinds import PARTS, SLIDES, gallery_layout

    if show_keys:
        _show_keys()
        return
    for heading, table in ((_("Slides (deck:)"), SLIDES), (_("Briefing parts (briefing:)"), PARTS)):
        click.echo(heading)
        for name, (what, snippet) in table.items():
            click.echo(f"\n  {name}: {_(what)}\n    " + snippet.replace("\n", "\n    "))
        click.echo("")
    if gallery_dir:
        gallery_dir.mkdir(parents=True, exist_ok=True)
        layout = gallery_dir / "gallery.yaml"
        layout.write_text(gallery_layout(), encoding="utf-8")
        ctx.invoke(build, layouts=(str(layout),), data_path=data_path, out_dir=gallery_dir,
                   fmt=("deck-pdf", "pdf"), lang=None, strict=False)


def _show_keys() -> None:
    from .keys import layout_keys

    headings = {"layout": _("Keys at the top of a layout"), "entries": _("Keys of the entries of deck: and briefing:"),
                "theme_overrides": _("Keys of theme_overrides")}
    for place, docs in layout_keys().items():
        click.echo(headings[place])
        for doc in docs:
            default = _("required") if doc.required else \
                _("default: {default}").format(default=doc.default) if doc.default else ""
            facts = _("; ").join(part for part in (doc.type, default) if part)
            used = _("in: {kinds}").format(kinds=", ".join(doc.used_by)) if doc.used_by else ""
            click.echo("\n  " + _("{key}  ({facts})").format(key=doc.name, facts=facts) + (f"  {used}" if used else ""))
            click.echo(f"      {doc.what}\n      {doc.example}")
        click.echo("")


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
    import os
    import re

    from .errors import GeneratorError
    from .loading import resolve_layout_path

    if not re.fullmatch(r"[a-z0-9][a-z0-9-]*", name):
        raise GeneratorError(_("'{name}' is not a usable layout name").format(name=name),
                             hint=_("use lower-case letters, digits and hyphens, e.g. spring-fair-2021"))
    folder = Path("layouts")
    if os.path.lexists(folder) and not folder.is_dir():
        raise GeneratorError(_("{layouts_dir} is a file, not a folder of layouts").format(layouts_dir=folder),
                             hint=_("move the file away, or name the layout by its path"))
    target = folder / f"{name}.yaml"
    if target.exists():
        raise GeneratorError(_("{target} already exists").format(
            target=target), hint=_("choose another name or edit that file"))
    source_path = resolve_layout_path(source, default_layouts_dir())
    from .layouts import LayoutModel
    from .loading import load_file, read_text
    from .validation import build_model

    build_model(load_file(source_path, "layout"), LayoutModel, "layout")  # a layout, not any file (/etc/passwd)
    text = read_text(source_path, "layout")
    folder.mkdir(exist_ok=True)
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
    import io
    import os
    import sys

    import signal

    from .status import ExitStatus

    def terminate(signum: int, frame: FrameType | None) -> NoReturn:
        raise KeyboardInterrupt  # SIGTERM ends a build like Ctrl-C: temporary files removed, outputs unchanged

    signal.signal(signal.SIGTERM, terminate)
    for stream in (sys.stdout, sys.stderr):
        # a console or pipe in an encoding without Chinese (Latin-1, ASCII) gets escapes, not an internal error
        if isinstance(stream, io.TextIOWrapper) and stream.errors == "strict":
            stream.reconfigure(errors="backslashreplace")
    import gc

    # A build makes hundreds of thousands of small objects (XML elements, flowables) and few reference cycles:
    # collecting the youngest generation every 50,000 allocations instead of every 700 saves about 5% of a build
    gc.set_threshold(50_000, 20, 100)
    try:
        cli.main(prog_name="briefing")  # click ends quietly when the output's reader has gone (`briefing fonts | head`)
    except BrokenPipeError:  # pragma: no cover - raised while flushing at exit
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        sys.exit(ExitStatus.ERROR)
    except SystemExit as done:
        # under a profiler or a tracer (coverage) the normal exit lets them write their results
        if (done.code is None or isinstance(done.code, int)) and sys.getprofile() is None and sys.gettrace() is None:
            _leave(done.code or ExitStatus.OK)
        raise


def _leave(code: int) -> NoReturn:
    """End the process with the exit code once its output is delivered and its exit handlers have run, without
    Python's teardown: freeing every object of a build one by one costs 0.1–0.2 s of CPU after the work is done
    (warm default build: 0.79 s of user time instead of 1.00 s, median of 5, 2026-12-02), and nothing is left to
    do then (every file is closed, every worker joined). Output that cannot be written (a full disk) is reported
    and fails the run, as Python's own exit would; a reader that has gone (`| head`) is not an error."""
    import atexit
    import os
    import sys

    for stream in (sys.stdout, sys.stderr):
        try:
            if stream is not None:
                stream.flush()  # blocks until a pipe's reader has taken it all
        except BrokenPipeError:  # the reader has gone
            pass
        except OSError as exc:
            code = code or 1
            message = _("error: {message}").format(message=_("cannot write the output: {reason}").format(
                reason=os_reason(exc)))
            try:
                os.write(2, (message + "\n").encode("utf-8", "replace"))
            except OSError:
                pass
    atexit._run_exitfuncs()
    os._exit(code)
