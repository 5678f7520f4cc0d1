"""A dataset and its layouts moved on by a year, and the checks of a meeting's date against the dataset's years.

`briefing new-year` writes a copy whose years, periods, event dates and meeting dates are a year later, puts the new
article beside it, and lists every place a person must still change by hand: what the copy's checks find (quotes
not in the new article, figures no fact holds, dates) and the words that describe last year's work."""
from __future__ import annotations

import calendar
import datetime as dt
import re
import shutil
from dataclasses import dataclass
from pathlib import Path

from .dataset import MAIN_SOURCE, Dataset, DatasetModel
from .errors import GeneratorError, Issue, SourceRef
from .i18n import _
from .loading import display_path, load_file, read_text
from .periods import Period
from .validation import build_model

_YEAR_LINE = re.compile(r"^(\s*(?:results|plan):\s*)(\d{4})(\s*(?:#.*)?)$", re.MULTILINE)
_DATE_LINE = re.compile(r"^(\s*-?\s*date:\s*['\"]?)(\d{4})(-\d{2}-\d{2})", re.MULTILINE)
_PERIOD_LINE = re.compile(r"^(\s*period:\s*)(.+?)\s*$", re.MULTILINE)
_QUOTE_LINE = re.compile(r"^(\s*(?:-\s*)?(?:quote|mission_quote):\s*)(.+)$", re.MULTILINE)


def results_period_end(dataset: Dataset) -> dt.date:
    """The last day of the results the dataset reports: the end of the results year, or of the latest part of it
    that its results cover (a report of January to October ends on 31 October)."""
    year = dataset.model.years.results
    ends = []
    for fact in dataset.model.facts:
        period = dataset.period_of(fact)
        if fact.status != "achieved" or period.year != year:
            continue
        if period.kind == "months":
            ends.append(dt.date(year, period.last_month, calendar.monthrange(year, period.last_month)[1]))
        elif period.kind == "as_of":
            ends.append(dt.date(year, period.last_month, period.day or calendar.monthrange(year, period.last_month)[1]))
        else:
            ends.append(dt.date(year, 12, 31))
    return max(ends, default=dt.date(year, 12, 31))


def date_warnings(layout_path: Path, date: dt.date, dataset: Dataset) -> list[str]:
    """What is wrong with a meeting's date for this dataset: before the end of the results it reports (a layout
    left with last year's date), or outside the dataset's years."""
    ref = load_file(layout_path, "layout").ref(("date",))
    years = dataset.model.years
    end = results_period_end(dataset)
    if date <= end:
        return [_("{where}: the meeting's date {date} lies before the end of the results it reports ({end}): is it "
                  "last year's date?").format(where=ref, date=date.isoformat(), end=end.isoformat())]
    # a later report's results are met on up to a year after them (2021's results in January 2022)
    last = max([years.plan] + [dataset.period_of(f).years[1] + 1 for f in dataset.model.facts
                               if f.source != MAIN_SOURCE and dataset.period_of(f).years[1]])
    if not years.results <= date.year <= last:
        return [_("{where}: the meeting's date {date} lies outside the dataset's years {first}–{last}").format(
            where=ref, date=date.isoformat(), first=years.results, last=last)]
    return []


# ---------------------------------------------------------------------------------------------------- moving on

def _later(day: dt.date) -> dt.date:
    """The same day a year later (29 February becomes 28 February)."""
    try:
        return day.replace(year=day.year + 1)
    except ValueError:
        return day.replace(year=day.year + 1, day=28)


def move_dataset_text(text: str, results: int, plan: int) -> str:
    """The dataset's text a year on: its years, the dates of its events, the periods of its figures (a year, part of
    one or a date; a span stays) and the years of the report and plan in its quotes. Comments and layout are kept."""
    text = _YEAR_LINE.sub(lambda m: f"{m.group(1)}{int(m.group(2)) + 1}{m.group(3)}", text)
    text = _DATE_LINE.sub(_date_a_year_on, text)

    def period(match: re.Match[str]) -> str:
        try:
            old = Period.parse(match.group(2).strip("'\""))
        except ValueError:
            return match.group(0)  # the copy's check reports it
        if old.kind in ("span", "to_date", "long_term"):
            return match.group(0)
        return f"{match.group(1)}{old.model_copy(update={'year': old.year + 1}).canonical}"

    text = _PERIOD_LINE.sub(period, text)
    moved = {str(results): str(results + 1), str(plan): str(plan + 1)}

    def quote(match: re.Match[str]) -> str:
        return match.group(1) + re.sub(r"(?<!\d)(\d{4})(?=年)", lambda y: moved.get(y.group(1), y.group(1)),
                                       match.group(2))

    return _QUOTE_LINE.sub(quote, text)


def move_layout_text(text: str) -> str:
    """A layout's text a year on: its meeting date."""
    return _DATE_LINE.sub(_date_a_year_on, text, count=1)


def _date_a_year_on(match: re.Match[str]) -> str:
    """A date line with its date a year later; an impossible date (2022-02-30) is left as it is: the copy's check
    then names its line, with the copy's other mistakes, instead of the move stopping half-way."""
    try:
        day = dt.date.fromisoformat(match.group(2) + match.group(3))
    except ValueError:
        return match.group(0)
    return match.group(1) + _later(day).isoformat()


@dataclass(frozen=True)
class Moved:
    """Where the copy was written, and what a person must still change by hand."""

    data: Path
    layouts: tuple[Path, ...]
    to_do: tuple[str, ...]


def move_on(data_path: Path, layout_paths: list[Path], target: Path, article: Path | None) -> Moved:
    """Write the dataset and layouts a year on into target/data and target/layouts (with the new article when
    given) and return what is still to do by hand. Raises GeneratorError when target already holds a dataset."""
    loaded = load_file(data_path, "dataset")
    model = build_model(loaded, DatasetModel, "dataset")
    data_dir, layouts_dir = target / "data", target / "layouts"
    new_data = data_dir / data_path.name
    if new_data.exists():
        raise GeneratorError(_("{path} already exists").format(path=new_data),
                             hint=_("choose a new folder for next year's materials"))
    data_dir.mkdir(parents=True, exist_ok=True)
    layouts_dir.mkdir(parents=True, exist_ok=True)
    years = model.years
    new_data.write_text(move_dataset_text(data_path.read_text(encoding="utf-8"), years.results, years.plan),
                        encoding="utf-8")
    new_article = data_dir / model.source.file
    to_do: list[str] = []
    if article is not None:
        shutil.copyfile(article, new_article)
    else:
        shutil.copyfile(data_path.parent / model.source.file, new_article)
        to_do.append(_("{path}: this is last year's article; put the new one here").format(path=new_article))
    for later in model.sources:  # a later report of last year's dataset: kept, to be replaced or removed
        shutil.copyfile(data_path.parent / later.file, data_dir / later.file)
        to_do.append(_("{path}: a report of last year's dataset; replace it or remove it from `sources`").format(
            path=data_dir / later.file))
    schema = layout_paths[0].parent / "layout.schema.json" if layout_paths else None
    if schema is not None and schema.is_file():
        shutil.copyfile(schema, layouts_dir / schema.name)
    new_layouts = []
    for path in layout_paths:
        new_layout = layouts_dir / path.name
        new_layout.write_text(move_layout_text(path.read_text(encoding="utf-8")), encoding="utf-8")
        new_layouts.append(new_layout)
    to_do += still_to_do(new_data, new_layouts)
    return Moved(new_data, tuple(new_layouts), tuple(to_do))


def still_to_do(data_path: Path, layout_paths: list[Path]) -> list[str]:
    """Every place of a dataset moved on, and of its layouts, that a person must still look at: what the checks
    find (all of it, in one round), each event's and meeting's date (moved by a year: a guess), and the words that
    describe the work of a year."""
    from .layouts import load_layout
    from .proof import prove

    loaded = load_file(data_path, "dataset")
    try:
        model = build_model(loaded, DatasetModel, "dataset")
    except GeneratorError as error:
        return [str(issue) for issue in error.issues]
    article_path = data_path.parent / model.source.file
    dataset = Dataset(loaded.path, model, read_text(article_path, "source article"))
    issues: list[Issue] = list(prove(dataset, loaded, display_path(article_path), coverage_always=True).issues)
    for index, event in enumerate(model.events):
        issues.append(Issue(loaded.ref(("events", index, "date")), _("event '{event_id}': its date was moved to "
                                                                      "{date}; check it in the new article").format(
            event_id=event.id, date=event.date.isoformat())))
    for index, section in enumerate(model.sections):
        issues.append(Issue(loaded.ref(("sections", index, "points_zh")), _("section '{section_id}': its headline "
                                                                             "and key points tell last year's work; "
                                                                             "write this year's").format(
            section_id=section.id)))
    issues.append(Issue(loaded.ref(("zone", "mission_line_zh")), _("the zone's mission line: check it against the "
                                                                    "new article")))
    issues.sort(key=lambda i: (i.ref.path, i.ref.line) if i.ref else ("", 0))
    lines = [str(issue) for issue in issues]
    for path in layout_paths:
        try:
            layout = load_layout(path, dataset)
        except GeneratorError as error:
            lines += [str(issue) for issue in error.issues]
            continue
        ref: SourceRef = load_file(path, "layout").ref(("date",))
        lines.append(_("{where}: the meeting's date was moved to {date}; write the new meeting's date").format(
            where=ref, date=layout.model.date.isoformat()))
    return lines
