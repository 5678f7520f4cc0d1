"""Meeting layouts: which slides and briefing parts, bound to facts by id; validated with line numbers."""
from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, Literal, Protocol, Union

from pydantic import Field, ValidationInfo, field_validator

from .chartkinds import CHART_KINDS
from .dataset import Dataset
from .errors import GeneratorError, IssueCollector, SourceRef, did_you_mean
from .i18n import N_, _
from .loading import KeyPath, Loaded, load_file, resolve_layout_path  # noqa: F401 - re-exported
from .partkinds import PART_KINDS
from .slidekinds import SLIDE_KINDS
from .specs import ChartSpec, Entry, EntryKind
from .theme import THEMES, theme_defaults, theme_fields
from .validation import Strict, build_model

SCHEMA_FILE = "layout.schema.json"
if TYPE_CHECKING:  # what code reads of any entry; the model validates each entry as its kind's own
    SlideSpec = Entry
    PartSpec = Entry
else:  # one model per module of slidekinds and partkinds: a new module is a new `kind:` a layout may use
    SlideSpec = Annotated[Union[tuple(kind.spec for kind in SLIDE_KINDS.values())], Field(discriminator="kind")]
    PartSpec = Annotated[Union[tuple(kind.spec for kind in PART_KINDS.values())], Field(discriminator="kind")]


class ThemeOverrides(Strict):
    colors: dict[str, str | list[str]] = {}
    fonts: dict[str, str | list[str] | None] = {}
    sizes: dict[str, float] = {}

    @field_validator("colors", "fonts", "sizes")
    @classmethod
    def _known_keys(cls, value: dict[str, Any], info: ValidationInfo) -> dict[str, Any]:
        section = str(info.field_name)  # 'colors', 'fonts' or 'sizes'
        allowed = theme_fields(section)
        for key in value:
            if key not in allowed:
                hint = did_you_mean(key, allowed) or _("allowed: {names}").format(names=", ".join(allowed))
                raise ValueError(_("unknown {what} '{key}' ({hint})").format(what=section[:-1], key=key,
                                                                             hint=hint))
        if section == "colors":
            for key, colour in value.items():
                if isinstance(colour, list) != (key == "series"):
                    raise ValueError(_("colour {key}: write one #RRGGBB colour").format(key=key) if key != "series" else
                                     _("colour series: write a list of #RRGGBB colours, e.g. [\"#1F4E79\", \"#7FB2D9\"]"))
                if key == "series" and not colour:
                    raise ValueError(_("colour series: the list is empty; give at least one colour"))
                for item in colour if isinstance(colour, list) else [colour]:
                    if not re.fullmatch(r"#[0-9A-Fa-f]{6}", str(item)):
                        raise ValueError(_("colour {key}: '{item}' is not #RRGGBB").format(key=key, item=item))
        if section == "fonts":
            for key, font in value.items():
                if isinstance(font, list) != key.endswith("_families"):
                    message = _("font {key}: write a list of family names") if key.endswith("_families") else \
                        _("font {key}: write one name or file")
                    raise ValueError(message.format(key=key))
        if section == "sizes":
            import math

            for key, size in value.items():
                low, high = (1.0, 3.0) if key == "pdf_leading" else (4.0, 144.0)
                if not math.isfinite(size) or not low <= size <= high:
                    raise ValueError(_("size {key} is {size}; it must be between {low:g} and {high:g}").format(
                        key=key, size=size, low=low, high=high))
            defaults = theme_defaults("sizes")
            for small, large in (("deck_body_min_pt", "deck_body_pt"), ("deck_kpi_value_min_pt", "deck_kpi_value_pt"),
                                 ("deck_table_min_pt", "deck_table_pt"), ("deck_chart_min_pt", "deck_chart_pt")):
                if value.get(small, defaults[small]) > value.get(large, defaults[large]):
                    raise ValueError(_("size {small} ({a:g}) is larger than {large} ({b:g})").format(
                        small=small, large=large, a=value.get(small, defaults[small]), b=value.get(large, defaults[large])))
        return value


class LayoutModel(Strict):
    """A meeting: its title page wording, theme, the deck's slides and the briefing's parts."""

    schema_: str | None = Field(None, alias="$schema")
    description: str = Field(description="one line shown by `briefing layouts`")
    title_zh: str
    title_en: str
    subtitle_zh: str = ""
    subtitle_en: str = ""
    organisation_zh: str | None = Field(None, description="default: the zone's management committee")
    organisation_en: str | None = None
    meeting_zh: str = Field("", description="the meeting's name for running footers")
    meeting_en: str = ""
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
    max_bullets_per_slide: int = Field(6, ge=2, le=8)
    max_table_rows_per_slide: int = Field(6, ge=2, le=12)
    new_page_per_part: bool = Field(True, description="start each briefing part on a new page")
    briefing_pages: int | None = Field(None, ge=1, le=200, description="the most pages the briefing may take; a "
                                       "longer briefing is an error that says what takes the room")
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


#: the most pixels a logo may have (a 4000 × 4000 picture); a larger one would take gigabytes to decode
MAX_LOGO_PIXELS = 16_000_000


def _check_image(path: Path, ref: SourceRef) -> None:
    """The picture's size is read from its header, before anything is decoded."""
    import warnings

    from PIL import Image, UnidentifiedImageError

    try:
        with warnings.catch_warnings():  # the size is checked here, with a message of our own
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            image = Image.open(path)
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
        with Image.open(path) as image:
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
    loaded = load_file(path, "layout")
    try:
        model = build_model(loaded, LayoutModel, "layout")
    except GeneratorError as error:
        # one round: the entries that are well formed are still checked against the dataset
        problems = list(error.issues)
        try:
            validate_layout(_well_formed_part(loaded), loaded, dataset)
        except GeneratorError as more:
            problems += [issue for issue in more.issues if issue not in problems]
        collected = IssueCollector()
        collected.issues = problems
        collected.raise_if_any()
        raise
    validate_layout(model, loaded, dataset)
    template = None
    if model.template:
        template = (path.parent / model.template).resolve()
        if not template.is_file():
            raise GeneratorError(_("template not found: {path}").format(path=template), loaded.ref(("template",)),
                                 _("the path is relative to the layout file"))
        if template.suffix.lower() != ".pptx":
            raise GeneratorError(_("a template must be a .pptx file, not {name}").format(name=template.name),
                                 loaded.ref(("template",)),
                                 _("in PowerPoint: File → Save As → PowerPoint Presentation (.pptx)"))
    logo = None
    if model.logo:
        logo = (path.parent / model.logo).resolve()
        try:
            magic = logo.read_bytes()[:8]
        except OSError:
            raise GeneratorError(_("logo not found: {path}").format(path=logo), loaded.ref(("logo",)),
                                 _("the path is relative to the layout file")) from None
        if not (magic.startswith(b"\x89PNG") or magic.startswith(b"\xff\xd8")):
            raise GeneratorError(_("the logo {name} is not a PNG or JPEG image").format(name=logo.name),
                                 loaded.ref(("logo",)), _("save it as .png or .jpg"))
        _check_image(logo, loaded.ref(("logo",)))
    deck_lines = tuple(str(loaded.ref(("deck", index))) for index in range(len(model.deck)))
    return Layout(loaded.path, path.stem, model, template, logo, deck_lines)


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
    known_facts = [facts[f] for f in chart.facts if f in facts]
    numbers = [f for f in known_facts if f.is_number]
    for position, fact_id in enumerate(chart.facts):
        fact = facts.get(fact_id)
        if fact is not None and not fact.is_number:
            problems.append((("facts", position), _("fact '{fact}' is not a number and cannot be charted").format(
                fact=fact.id), _("show it in a kpis slide")))
    if not numbers:
        return problems
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
    from .dataset import placeholders

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
