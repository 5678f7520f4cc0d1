"""Meeting layouts: which slides and briefing parts, bound to facts by id; validated with line numbers."""
from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, Literal, Protocol, Self, TypeVar, Union

from pydantic import Field, ValidationInfo, create_model, field_validator, model_validator

from .chartkinds import CHART_KINDS
from .dataset import Dataset, Fact
from .periods import Period
from .errors import GeneratorError, Issue, IssueCollector, SourceRef, did_you_mean
from .i18n import N_, _
from .loading import KeyPath, Loaded, load_file, resolve_layout_path  # noqa: F401 - re-exported
from .reading import check_file, read_bytes
from .partkinds import PART_KINDS
from .slidekinds import SLIDE_KINDS
from .specs import ChartSpec, Entry, EntryKind, Line
from .theme import THEMES, theme_defaults, theme_fields
from .validation import Strict, build_model

SCHEMA_FILE = "layout.schema.json"
if TYPE_CHECKING:  # what code reads of any entry; the model validates each entry as its kind's own
    SlideSpec = Entry
    PartSpec = Entry
else:  # one model per module of slidekinds and partkinds: a new module is a new `kind:` a layout may use
    SlideSpec = Annotated[Union[tuple(kind.spec for kind in SLIDE_KINDS.values())], Field(discriminator="kind")]
    PartSpec = Annotated[Union[tuple(kind.spec for kind in PART_KINDS.values())], Field(discriminator="kind")]


#: a colour as the themes write it
COLOUR_PATTERN = r"^#[0-9A-Fa-f]{6}$"
Colour = Annotated[str, Field(pattern=COLOUR_PATTERN)]
FontName = Annotated[str, Field(min_length=1, max_length=200)]
#: the most colours in a series, and font families in a list
MAX_CHOICES = 12


def _override_type(section: str, name: str) -> Any:
    """The type and bounds of one overridable theme value. Its default, None, means not overridden; a value
    written as null is refused by the type (only a font file may be left out that way)."""
    if section == "colors":
        return (tuple[Colour, ...], Field(None, min_length=1, max_length=MAX_CHOICES)) if name == "series" \
            else (Colour, None)
    if section == "fonts":
        if name.endswith("_families"):
            return tuple[FontName, ...], Field(None, min_length=1, max_length=MAX_CHOICES)
        return (FontName | None if name.endswith("_file") else FontName), None
    low, high = (1.0, 3.0) if name == "pdf_leading" else (4.0, 144.0)
    return float, Field(None, ge=low, le=high, allow_inf_nan=False)


class _Overrides(Strict):
    """A part of a theme a layout overrides."""

    def changed(self) -> dict[str, Any]:
        """The values the layout sets."""
        return {key: value for key, value in self.model_dump().items() if value is not None}


class SizeOverrides(_Overrides):
    @model_validator(mode="after")
    def _floors_below_sizes(self) -> Self:
        value, defaults = self.changed(), theme_defaults("sizes")
        for small, large in (("deck_body_min_pt", "deck_body_pt"), ("deck_kpi_value_min_pt", "deck_kpi_value_pt"),
                             ("deck_table_min_pt", "deck_table_pt"), ("deck_chart_min_pt", "deck_chart_pt")):
            if value.get(small, defaults[small]) > value.get(large, defaults[large]):
                raise ValueError(_("size {small} ({a:g}) is larger than {large} ({b:g})").format(
                    small=small, large=large, a=value.get(small, defaults[small]), b=value.get(large, defaults[large])))
        return self


# one field per value of the theme's dataclasses: a value added to a theme can be overridden, with its bounds
ColorOverrides = create_model("ColorOverrides", __base__=_Overrides,
                              **{name: _override_type("colors", name) for name in theme_fields("colors")})
FontOverrides = create_model("FontOverrides", __base__=_Overrides,
                             **{name: _override_type("fonts", name) for name in theme_fields("fonts")})
SizeOverridesModel = create_model("SizeOverridesModel", __base__=SizeOverrides,
                                  **{name: _override_type("sizes", name) for name in theme_fields("sizes")})


class ThemeOverrides(Strict):
    colors: ColorOverrides = ColorOverrides()  # type: ignore[valid-type]
    fonts: FontOverrides = FontOverrides()  # type: ignore[valid-type]
    sizes: SizeOverridesModel = SizeOverridesModel()  # type: ignore[valid-type]

    def changed(self) -> dict[str, dict[str, Any]]:
        """The values the layout sets, by part of the theme (what theme.apply_overrides takes)."""
        return {section: getattr(self, section).changed() for section in ("colors", "fonts", "sizes")}


class LayoutModel(Strict):
    """A meeting: its title page wording, theme, the deck's slides and the briefing's parts."""

    schema_: str | None = Field(None, alias="$schema")
    description: str = Field(description="one line shown by `briefing layouts`")
    title_zh: Line
    title_en: Line
    subtitle_zh: Line = ""
    subtitle_en: Line = ""
    organisation_zh: Line | None = Field(None, description="default: the zone's management committee")
    organisation_en: Line | None = None
    meeting_zh: Line = Field("", description="the meeting's name for running footers")
    meeting_en: Line = ""
    date: dt.date
    language: Literal["zh", "en"] = "zh"
    theme: str = "civic_blue"
    theme_overrides: ThemeOverrides = ThemeOverrides()
    slide_size: Literal["16:9", "4:3"] = "16:9"
    template: str | None = Field(None, description="a .pptx whose slide masters, layouts, theme fonts and colours "
                                 "the deck uses (path relative to this layout); its slide size wins")
    template_layouts: dict[Literal["title", "content", "divider", "closing"], str] | None = Field(
        None, description="the template's slide layout to use for each kind of slide, by name, e.g. {title: "
        "Titelfolie, content: Nur Titel, divider: Abschnittsüberschrift}; default: the English or Chinese names")
    logo: str | None = Field(None, description="a PNG or JPEG shown on the title and closing slides and the "
                             "briefing's cover (path relative to this layout)")
    max_bullets_per_slide: int = Field(6, ge=2, le=8, strict=True)
    max_table_rows_per_slide: int = Field(6, ge=2, le=12, strict=True)
    new_page_per_part: bool = Field(True, description="start each briefing part on a new page")
    briefing_pages: int | None = Field(None, ge=1, le=200, strict=True, description="the most pages the briefing may take; a "
                                       "longer briefing is an error that says what takes the room")
    docx_style: Literal["official", "designed"] = Field(
        "official", description="the look of the editable briefing (--format docx): official = the national format "
        "for official documents, GB/T 9704-2012 (仿宋 16 pt, 22 lines of 28 characters; a plain business style in "
        "English); designed = the PDF briefing's theme, fonts and colours")
    # a meeting's deck has tens of slides; the caps keep a mistake (or 50,000 aliases) from running for minutes
    deck: tuple[SlideSpec, ...] = Field(min_length=1, max_length=150)
    briefing: tuple[PartSpec, ...] = Field(min_length=1, max_length=60)


@dataclass(frozen=True)
class Layout:
    """A validated layout and where it came from."""

    path: str
    slug: str
    model: LayoutModel
    template: Path | None = None  # the resolved template file, when the layout names one
    logo: Path | None = None  # the resolved logo image, when the layout names one
    deck_lines: tuple[str, ...] = ()  # "file:line" of each deck entry, for messages about its slides
    budget_line: str = ""  # "file:line" of briefing_pages, for the message when the briefing takes more pages
    template_line: str = ""  # "file:line:column" of template, for the messages about the template
    slide_size_line: str = ""  # "file:line:column" of slide_size, for the warning when a template overrides it


#: the most pixels a logo may have (a 4000 × 4000 picture); a larger one would take gigabytes to decode
MAX_LOGO_PIXELS = 16_000_000


#: the largest logo file and template file read
MAX_LOGO_BYTES = 20 * 2**20
MAX_TEMPLATE_FILE_BYTES = 200 * 2**20

_T = TypeVar("_T")


def _named_file(read: Callable[[], _T], path: Path, ref: SourceRef) -> _T:
    """read(), its refusal (a file missing, a folder, a pipe, too large) placed where the layout names the file."""
    try:
        return read()
    except GeneratorError as error:
        raise GeneratorError([Issue(ref, _("{problem}: {path}").format(problem=issue.message, path=path),
                                    _("the path is relative to the layout file")) for issue in error.issues]) from None


def _check_image(picture: bytes, path: Path, ref: SourceRef) -> None:
    """The picture's size is read from its header, before anything is decoded."""
    import io
    import warnings

    from PIL import Image, UnidentifiedImageError

    try:
        with warnings.catch_warnings():  # the size is checked here, with a message of our own
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            image = Image.open(io.BytesIO(picture))
        with image:
            width, height = image.size
            image.verify()
    except Image.DecompressionBombError:
        raise GeneratorError(_("the logo {name} has far too many pixels to be decoded safely").format(name=path.name),
                             ref, _("save it smaller, e.g. 1200 pixels wide")) from None
    except (OSError, UnidentifiedImageError, SyntaxError, ValueError):
        raise GeneratorError(_("the logo {name} is damaged and cannot be read").format(name=path.name), ref,
                             _("save it again as .png or .jpg")) from None
    if width * height > MAX_LOGO_PIXELS:
        raise GeneratorError(_("the logo {name} is {width} × {height} pixels; at most {limit} million are used").format(
            name=path.name, width=width, height=height, limit=MAX_LOGO_PIXELS // 1_000_000), ref,
            _("save it smaller, e.g. 1200 pixels wide"))
    try:  # now that its size is known to be safe, decode it whole: a file cut short fails here, with its line
        with Image.open(io.BytesIO(picture)) as image:
            image.load()
    except (OSError, SyntaxError, ValueError):
        raise GeneratorError(_("the logo {name} is damaged and cannot be read").format(name=path.name), ref,
                             _("save it again as .png or .jpg")) from None


def layout_json_schema() -> dict[str, Any]:
    """Return the JSON Schema of layout files, generated from the model."""
    schema = LayoutModel.model_json_schema(by_alias=True)
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "briefing meeting layout"
    return schema


def load_layout(path: Path, dataset: Dataset) -> Layout:
    """Return the layout at path, validated against the dataset; raise GeneratorError listing every problem."""
    loaded = load_file(path, "layout", lenient=True)
    run_together = list(loaded.issues) + _ids_run_together(loaded)
    slip_lines = {issue.ref.line for issue in run_together if issue.ref}

    def besides_slips(issues: list[Issue]) -> list[Issue]:  # a run-together id is one message, not three
        return [issue for issue in issues if not (issue.ref and issue.ref.line in slip_lines)]

    try:
        model = build_model(loaded, LayoutModel, "layout")
    except GeneratorError as error:
        # one round: the entries that are well formed are still checked against the dataset
        problems = run_together + besides_slips(error.issues)
        try:
            validate_layout(_well_formed_part(loaded), loaded, dataset)
        except GeneratorError as more:
            problems += [issue for issue in besides_slips(more.issues) if issue not in problems]
        data = loaded.data if isinstance(loaded.data, dict) else {}
        for key, missing in (("template", N_("template not found: {path}")), ("logo", N_("logo not found: {path}"))):
            if isinstance(data.get(key), str) and not (path.parent / data[key]).is_file():  # in the same round
                problems.append(Issue(loaded.ref((key,)), _(missing).format(path=(path.parent / data[key]).resolve()),
                                      _("the path is relative to the layout file")))
        collected = IssueCollector()
        collected.issues = problems
        collected.raise_if_any()
        raise
    try:
        validate_layout(model, loaded, dataset)
    except GeneratorError as error:
        run_together += besides_slips(error.issues)
    if run_together:
        collected = IssueCollector()
        collected.issues = run_together
        collected.raise_if_any()
    template = None
    if model.template:
        named = path.parent / model.template
        if named.suffix.lower() != ".pptx":
            raise GeneratorError(_("a template must be a .pptx file, not {name}").format(name=named.name),
                                 loaded.ref(("template",)),
                                 _("in PowerPoint: File → Save As → PowerPoint Presentation (.pptx)"))
        _named_file(lambda: check_file(named, "template", MAX_TEMPLATE_FILE_BYTES), named, loaded.ref(("template",)))
        template = named.resolve()
    logo = None
    if model.logo:
        named_logo = path.parent / model.logo
        picture = _named_file(lambda: read_bytes(named_logo, "logo", MAX_LOGO_BYTES), named_logo,
                              loaded.ref(("logo",)))
        if not (picture.startswith(b"\x89PNG") or picture.startswith(b"\xff\xd8")):
            raise GeneratorError(_("the logo {name} is not a PNG or JPEG image").format(name=named_logo.name),
                                 loaded.ref(("logo",)), _("save it as .png or .jpg"))
        _check_image(picture, named_logo, loaded.ref(("logo",)))
        logo = named_logo.resolve()
    deck_lines = tuple(str(loaded.ref(("deck", index))) for index in range(len(model.deck)))
    budget_line = str(loaded.ref(("briefing_pages",))) if model.briefing_pages else ""
    template_line = str(loaded.ref(("template",))) if template else ""
    size_line = str(loaded.ref(("slide_size",))) if "slide_size" in model.model_fields_set else ""
    return Layout(loaded.path, path.stem, model, template, logo, deck_lines, budget_line, template_line, size_line)


def _ids_run_together(loaded: Loaded) -> list[Issue]:
    """Ids of a slide or part joined by a full-width comma or 、 instead of ", " (YAML reads [a，b] as one id),
    each reported on its line with what to type instead."""
    issues: list[Issue] = []
    data = loaded.data if isinstance(loaded.data, dict) else {}
    for part in ("deck", "briefing"):
        entries = data.get(part)
        for index, entry in enumerate(entries if isinstance(entries, list) else []):
            for key in REFERENCES:
                value = entry.get(key) if isinstance(entry, dict) else None
                items = value if isinstance(value, list) else [value]
                for position, item in enumerate(items):
                    mark = re.search(r"[，、]", item) if isinstance(item, str) else None
                    if mark:
                        where = (part, index, key, position) if isinstance(value, list) else (part, index, key)
                        issues.append(Issue(loaded.ref(where), _("'{item}' is several ids joined by a full-width "
                                                                 "{mark}").format(item=item, mark=mark.group()),
                                            _("separate the ids with a half-width comma and a space: [a, b]")))
    return issues


#: the fields of slides and parts that name ids, and what they name
#: the message for an unknown id of each kind
UNKNOWN = {"fact": N_("unknown fact id '{item}'"), "section": N_("unknown section id '{item}'"),
           "event": N_("unknown event id '{item}'"), "comparison": N_("unknown comparison id '{item}'"),
           "role": N_("unknown industry role '{item}'")}
REFERENCES = {"facts": "fact", "figures": "fact", "fact": "fact", "highlight": "fact", "section": "section",
              "sections": "section", "events": "event", "comparisons": "comparison", "roles": "role"}
#: keys whose values are names, paths or settings rather than text shown to the audience
NOT_TEXT = set(REFERENCES) | {"kind", "chart", "theme", "template", "logo", "date", "$schema", "language",
                              "slide_size", "description"}


class LayoutEntries(Protocol):
    """What validate_layout reads of a layout: a LayoutModel, or the well-formed part of a malformed one."""

    @property
    def deck(self) -> Sequence[SlideSpec | None]: ...

    @property
    def briefing(self) -> Sequence[PartSpec | None]: ...

    @property
    def theme(self) -> str: ...


@dataclass(frozen=True)
class _WellFormedPart:
    deck: list[SlideSpec | None]
    briefing: list[PartSpec | None]
    theme: str


def _well_formed_part(loaded: Loaded) -> _WellFormedPart:
    """The deck and briefing entries of a layout that has structural mistakes, each validated on its own (None
    where it is malformed), so that their references are checked in the same round."""
    from pydantic import TypeAdapter, ValidationError

    data = loaded.data if isinstance(loaded.data, dict) else {}

    def entries(key: str, spec_type: Any) -> list[Any]:
        adapter: TypeAdapter[Any] = TypeAdapter(spec_type)
        result: list[Any] = []
        items = data.get(key)
        for item in items if isinstance(items, list) else []:
            try:
                result.append(adapter.validate_python(item))
            except ValidationError:
                result.append(None)
        return result

    theme = data.get("theme")
    if not isinstance(theme, str):
        theme = "civic_blue"
    return _WellFormedPart(deck=entries("deck", SlideSpec), briefing=entries("briefing", PartSpec), theme=theme)


def validate_layout(model: LayoutEntries, loaded: Loaded, dataset: Dataset) -> None:
    """Check every id a layout names, and what a chart or figure needs; raise GeneratorError listing all."""
    issues = IssueCollector()
    facts, sections, events, comparisons = dataset.facts, dataset.sections, dataset.events, dataset.comparisons

    def ref(*key_path: str | int) -> SourceRef:
        return loaded.ref(tuple(key_path))

    def check_ids(kind: str, table: Mapping[str, object], ids: Iterable[str] | None, *key_path: str | int) -> None:
        for position, item in enumerate(ids or ()):
            if item not in table:
                issues.add(ref(*key_path, position), _(UNKNOWN[kind]).format(item=item), suggest_id(item, table))

    def check_one(kind: str, table: Mapping[str, object], item: str | None, *key_path: str | int) -> None:
        if item is not None and item not in table:
            issues.add(ref(*key_path), _(UNKNOWN[kind]).format(item=item), suggest_id(item, table))

    def check_chart(chart: ChartSpec, *key_path: str | int) -> None:
        for tail, problem, hint in chart_problems(chart, dataset):
            issues.add(ref(*key_path, *tail), problem, hint)

    tables: dict[str, Mapping[str, object]] = {"fact": facts, "section": sections, "event": events, "comparison": comparisons, "role": dataset.roles}

    def check_references(spec: object, *key_path: str | int) -> None:
        """Every field that names ids (see REFERENCES) must name known ones."""
        for name, kind in REFERENCES.items():
            value = getattr(spec, name, None)
            if isinstance(value, str):
                check_one(kind, tables[kind], value, *key_path, name)
            elif isinstance(value, tuple) and all(isinstance(v, str) for v in value):
                check_ids(kind, tables[kind], value, *key_path, name)

    kinds: dict[str, Mapping[str, EntryKind[Any, Any]]] = {"deck": SLIDE_KINDS, "briefing": PART_KINDS}
    for key, entries in (("deck", model.deck), ("briefing", model.briefing)):
        for index, entry in enumerate(entries):
            if entry is None:
                continue
            check_references(entry, key, index)
            if isinstance(entry, ChartSpec):
                check_chart(entry, key, index)
            check = kinds[key][entry.kind].check
            for tail, problem, hint in check(entry, dataset) if check else ():
                issues.add(ref(key, index, *tail), problem, hint)
            for chart_index, chart in enumerate(getattr(entry, "charts", ())):
                check_references(chart, key, index, "charts", chart_index)
                check_chart(chart, key, index, "charts", chart_index)

    _check_texts(loaded, dataset, issues)
    if model.theme not in THEMES:
        issues.add(ref("theme"), _("unknown theme '{name}'").format(name=model.theme),
                   did_you_mean(model.theme, THEMES) or _("themes: {names}").format(names=", ".join(THEMES)))
    issues.raise_if_any()


def suggest_id(item: str, table: Mapping[str, object]) -> str:
    """A hint for an unknown id: the closest id; the id whose Chinese or English label is the text typed (招引项目 →
    projects_attracted); or, when there are few, every valid id; or where to find them."""
    close = did_you_mean(item, table)
    if close:
        return close
    wanted = item.strip().lower()
    by_label = [key for key, value in table.items() for name in ("label_zh", "label_en", "title_zh", "title_en",
                                                                 "name_zh", "name_en")
                if isinstance(getattr(value, name, None), str) and wanted
                and (wanted == getattr(value, name).lower() or wanted in getattr(value, name).lower())]
    if by_label:
        found = list(dict.fromkeys(by_label))[:3]
        names = _(" or ").join(f"'{key}'" for key in found)
        return (_("ids are English; did you mean {names}?") if not item.isascii() else
                _("did you mean {names}?")).format(names=names)
    if len(table) <= 12:
        return _("valid ids: {ids}").format(ids=", ".join(table))
    return _("`briefing facts WORD` lists ids with their labels")


def chart_problems(chart: ChartSpec, dataset: Dataset) -> list[tuple[KeyPath, str, str]]:
    """What makes a chart untrue: items that measure different things, differ in status or year, mix the zone's
    totals with single events or projects, or (for a doughnut) are not the parts of one complete whole. Returns
    (problem, hint) pairs; empty when the chart compares like with like."""
    facts = dataset.facts
    problems: list[tuple[KeyPath, str, str]] = []
    kind = CHART_KINDS[chart.chart]
    if kind.of == "comparisons":
        if not chart.comparisons:
            return [((), _("a '{kind}' chart needs 'comparisons' (a result and its target)").format(kind=chart.chart), "")]
        known = [dataset.comparisons[c] for c in chart.comparisons if c in dataset.comparisons]
        for c in known:
            for fact_id in (c.actual, c.target):
                if not facts[fact_id].is_number:
                    problems.append((("comparisons",), _("comparison '{comparison}': fact '{fact}' is not a number")
                                     .format(comparison=c.id, fact=fact_id), ""))
            if facts[c.actual].unit != facts[c.target].unit:
                problems.append((("comparisons",), _("comparison '{comparison}' mixes units ({a} vs {b}) and cannot be "
                                 "charted").format(comparison=c.id, a=facts[c.actual].unit, b=facts[c.target].unit),
                                 _("show it in a comparison table instead")))
        measures = {facts[c.actual].measure for c in known}
        if len(measures) > 1:
            problems.append((("comparisons",), _("the comparisons measure different things ({list}) and cannot share "
                             "one chart").format(list=", ".join(f"'{c.id}': {facts[c.actual].measure}" for c in known)),
                             _("chart one measure, or show them in a comparison table")))
        return problems
    if not chart.facts or len(chart.facts) < 2:
        return [((), _("a '{kind}' chart needs 'facts': at least 2 fact ids").format(kind=chart.chart), "")]
    if kind.over_periods:
        return _trend_problems(chart, dataset)
    known_facts = [facts[f] for f in chart.facts if f in facts]
    numbers = [f for f in known_facts if f.is_number]
    for position, fact_id in enumerate(chart.facts):
        fact = facts.get(fact_id)
        if fact is not None and not fact.is_number:
            problems.append((("facts", position), _("fact '{fact}' is not a number and cannot be charted").format(
                fact=fact.id), _("show it in a kpis slide")))
    if not numbers:
        return problems
    problems += _unmeasured(chart, numbers)
    by_measure: dict[str, list[str]] = {}
    for fact in numbers:
        by_measure.setdefault(str(fact.measure), []).append(fact.id)
    if len(by_measure) > 1:
        problems.append((("facts",), _("a chart compares like with like, but these facts measure different things: "
                                       "{list}").format(list="; ".join(f"{measure} ({', '.join(ids)})"
                                                                       for measure, ids in by_measure.items())),
                         _("chart one measure; show the others in a kpis slide or a fact_table")))
    by_status: dict[str, list[str]] = {}
    for fact in numbers:
        by_status.setdefault(fact.status, []).append(fact.id)
    if len(by_status) > 1:
        problems.append((("facts",), _("the chart mixes figures of different status ({list})").format(
            list="; ".join(f"{status}: {', '.join(ids)}" for status, ids in by_status.items())),
            _("a chart shows results of one year, or targets, or running totals; not a mixture")))
    by_period: dict[str, list[str]] = {}
    for fact in numbers:
        by_period.setdefault(dataset.period_of(fact).text("zh"), []).append(fact.id)
    if len(by_status) == 1 and len(by_period) > 1:
        problems.append((("facts",), _("the chart mixes figures of different periods ({list})").format(
            list="; ".join(f"{period}: {', '.join(ids)}" for period, ids in by_period.items())),
            _("a chart shows figures of one period; show these in a fact_table, where each has its period")))
    units = sorted({f.unit for f in numbers})
    if len(units) > 1 and len(by_measure) == 1:
        problems.append((("facts",), _("chart facts have different units ({units})").format(units=", ".join(units)),
                         _("a chart shows one unit; split it into two charts")))
    zone_level = [f.id for f in numbers if f.subject == "zone"]
    if zone_level and len(zone_level) < len(numbers):
        single = [f.id for f in numbers if f.subject != "zone"]
        problems.append((("facts",), _("the chart puts the zone's totals ({totals}) beside figures of single events, "
                                       "projects or groups ({single})").format(totals=", ".join(zone_level),
                                                                            single=", ".join(single)),
                         _("a total and its members are not alike")))
    totals = {dataset.total_of[f.id]: f.id for f in numbers if dataset.total_of.get(f.id) in set(chart.facts)}
    if totals and not kind.parts_of_a_whole:
        problems.append((("facts",), _("the chart puts a total beside its own part ({pairs}): the part is "
                                       "“of which”, not a figure of its own").format(
            pairs="; ".join(f"{total} ⊃ {part}" for total, part in totals.items())),
            _("chart the parts without their total, or show them in a fact_table, where a part stands under its "
              "whole")))
    if kind.parts_of_a_whole:
        wholes = [w for w in dataset.model.wholes if w.complete and set(w.parts) == set(chart.facts)]
        if not wholes:
            problems.append((("facts",), _("a doughnut shows the parts of one whole, and these facts are not the parts "
                                           "of one complete whole in the dataset"),
                             _("use a column or bar chart, or a table; or declare the whole under `wholes` in the "
                               "dataset if the article gives one")))
    return problems


def _unmeasured(chart: ChartSpec, numbers: Sequence[Fact]) -> list[tuple[KeyPath, str, str]]:
    """A chart's axis says what its figures measure: a computed percentage (a completion rate, a growth) measures
    nothing of the dataset's `measures` and is shown as a card or in a table."""
    return [(("facts", (chart.facts or ()).index(fact.id)), _("'{fact}' is a computed percentage, not a figure of "
                                                              "one measure, and cannot be charted").format(fact=fact.id),
             _("show it in a kpis slide or a targets table")) for fact in numbers if fact.measure is None]


def _trend_problems(chart: ChartSpec, dataset: Dataset) -> list[tuple[KeyPath, str, str]]:
    """A line over time is true when its points are one measure of one subject and status, each of its own period,
    and the periods are alike: a first half or ten months drawn among whole years would read as a whole year."""
    problems: list[tuple[KeyPath, str, str]] = []
    known = [dataset.facts[f] for f in chart.facts or () if f in dataset.facts]
    for position, fact in enumerate(known):
        if not fact.is_number:
            problems.append((("facts", position), _("fact '{fact}' is not a number and cannot be charted").format(
                fact=fact.id), _("show it in a kpis slide")))
    numbers = [f for f in known if f.is_number]
    if not numbers:
        return problems
    problems += _unmeasured(chart, numbers)
    several = {"measure": N_("a trend shows one measure, and these figures have several ({list})"),
               "subject": N_("a trend shows the figures of one subject, and these have several ({list})"),
               "status": N_("a trend shows figures of one status, and these have several ({list})"),
               "unit": N_("a trend shows one unit, and these figures have several ({list})")}
    for what, message in several.items():
        if len({str(getattr(f, what)) for f in numbers}) > 1:
            problems.append((("facts",), _(message).format(list=", ".join(f"{f.id}: {getattr(f, what)}"
                                                                            for f in numbers)),
                             _("chart one measure of one subject, results beside results")))
    periods = [(f, dataset.period_of(f)) for f in numbers]
    first_fact, first = periods[0]
    for fact, period in periods[1:]:
        if not period.same_length(first):
            problems.append((("facts",), _("the trend draws “{period}” ({fact}) beside “{other}” ({other_fact}): a "
                                           "part of a year among whole years would read as a whole year").format(
                period=period.text("zh"), fact=fact.id, other=first.text("zh"), other_fact=first_fact.id),
                _("chart periods of one length (2020年 and 2021年, or 2020年上半年 and 2021年上半年); set a part "
                  "of a year against its target in a targets slide")))
            break
    by_period: dict[Period, list[str]] = {}
    for fact, period in periods:
        by_period.setdefault(period, []).append(fact.id)
    for period, ids in by_period.items():
        if len(ids) > 1:
            problems.append((("facts",), _("the trend has several figures of “{period}” ({ids})").format(
                period=period.text("zh"), ids=", ".join(ids)), _("keep one figure per period")))
    return problems


#: text that holds digits without being a figure: a time (9:30), a day of a month (1月20日), and, in a contact
#: field or after a phone label, a phone number (0633-8776655, +86 633 000 0000)
_NOT_FIGURES = re.compile(r"\d{1,2}:\d{2}|\d{1,2}月\d{1,2}日|\d{1,2}月份?(?=[底末])")
_PHONE = re.compile(r"\+?\(?\d[\d \-()]{5,}\d(?:转\d{1,5})?")
_PHONE_LABEL = re.compile(r"电话|手机|传真|热线|phone|tel\b|fax|hotline|mobile", re.IGNORECASE)
#: keys whose text is contact details: a phone number there is no figure
CONTACT_KEYS = {"contact_zh", "contact_en"}


def typed_numbers(text: str, names: Sequence[str], contact: bool = False) -> list[str]:
    """The numbers typed into a text that are figures: not inside a placeholder, a declared name, a time or a day
    of a month, nor a phone number in a contact field or after a phone label."""
    from .dataset import PLACEHOLDER, bare_numbers

    text = PLACEHOLDER.sub(" ", text)
    for name in names:
        text = text.replace(name, " ")
    text = _NOT_FIGURES.sub(" ", text)
    if contact or _PHONE_LABEL.search(text):
        text = _PHONE.sub(" ", text)
    return bare_numbers(text)


def _check_texts(loaded: Loaded, dataset: Dataset, issues: IssueCollector) -> None:
    """Text of a layout names figures and years through placeholders: a typed figure would not follow its fact,
    and a typed year would be wrong next year."""
    from .dataset import malformed_placeholders, placeholders

    years = {str(year): key for key, year in dataset.years.items()}
    allowed = set(dataset.years) | set(dataset.facts)
    names = dataset.names_with_digits
    by_value: dict[str, list[str]] = {}
    for fact in dataset.model.facts:
        if fact.is_number:
            by_value.setdefault(fact.value_text, []).append(fact.id)

    def walk(value: object, key_path: KeyPath) -> None:
        if isinstance(value, dict):
            for key, item in value.items():
                if key not in NOT_TEXT and key != "theme_overrides":
                    walk(item, key_path + (key,))
        elif isinstance(value, list):
            for index, item in enumerate(value):
                walk(item, key_path + (index,))
        elif isinstance(value, str):
            for written in malformed_placeholders(value):
                issues.add(loaded.ref(key_path), _("“{written}” is not a placeholder").format(written=written),
                           _("a placeholder is a fact id or a year in braces, without spaces: {plan_year}年"))
            for name in placeholders(value):
                if name not in allowed:
                    issues.add(loaded.ref(key_path), _("unknown placeholder {{{name}}}").format(name=name),
                               did_you_mean(name, allowed) or _("name a fact id, {{results_year}} or {{plan_year}}"))
            contact = any(key in CONTACT_KEYS for key in key_path if isinstance(key, str))
            for number in typed_numbers(value, names, contact):
                if number in years:
                    issues.add(loaded.ref(key_path), _("the year {year} is typed into “{text}”").format(
                        year=number, text=value),
                        _("write {{{key}}} so that the layout works with next year's dataset").format(key=years[number]))
                    continue
                hint = (_("write {names} so that the figure comes from its fact").format(
                    names=_(" or ").join(f"{{{i}}}" for i in by_value[number][:3])) if number in by_value else
                    _("name the figure by its fact id in braces, e.g. {projects_attracted}"))
                issues.add(loaded.ref(key_path), _("the number {number} is typed into the text “{text}”").format(
                    number=number, text=value), hint)

    walk(loaded.data, ())
