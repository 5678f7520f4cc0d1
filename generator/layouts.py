"""Meeting layouts: which slides and briefing parts, bound to facts by id; validated with line numbers."""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Literal, Union

from pydantic import Field, field_validator

from .dataset import Dataset
from .errors import GeneratorError, IssueCollector, SourceRef, did_you_mean
from .loading import Loaded, load_file, resolve_layout_path  # noqa: F401 - re-exported
from .theme import THEMES, theme_fields
from .validation import Strict, build_model

SCHEMA_FILE = "layout.schema.json"
ChartKind = Literal["column", "bar", "grouped", "doughnut", "line"]


class _Titled(Strict):
    title_zh: str | None = Field(None, description="replaces the slide's or part's default title (Chinese)")
    title_en: str | None = Field(None, description="replaces the slide's or part's default title (English)")


class TitleSlide(_Titled):
    kind: Literal["title"]


class AgendaSlide(_Titled):
    kind: Literal["agenda"]
    sections: tuple[str, ...] | None = Field(None, description="section ids; default: the sections of the deck's dividers")


class DividerSlide(_Titled):
    kind: Literal["section_divider"]
    section: str


class KpiSlide(_Titled):
    kind: Literal["kpis"]
    facts: tuple[str, ...] = Field(min_length=2, max_length=6, description="2 to 6 fact ids")
    section: str | None = Field(None, description="section whose key points become the speaker notes")


class ChartSpec(_Titled):
    chart: ChartKind
    facts: tuple[str, ...] | None = Field(None, description="numeric facts of one unit (column, bar, doughnut)")
    comparisons: tuple[str, ...] | None = Field(None, description="comparison ids (grouped, line)")
    highlight: str | None = Field(None, description="fact id to emphasise")


class ChartSlide(ChartSpec):
    kind: Literal["chart"]
    section: str | None = None


class TimelineSlide(_Titled):
    kind: Literal["timeline"]
    events: tuple[str, ...] | None = Field(None, description="event ids; default: all, by date")


class KeyPointsSlide(_Titled):
    kind: Literal["key_points"]
    section: str


class ComparisonSlide(_Titled):
    kind: Literal["comparison"]
    comparisons: tuple[str, ...] | None = Field(None, description="comparison ids; default: all")


class FactTableSlide(_Titled):
    kind: Literal["fact_table"]
    facts: tuple[str, ...] | None = None
    section: str | None = Field(None, description="all facts of this section, when `facts` is not given")


class ProjectsSlide(_Titled):
    kind: Literal["projects"]
    section: str | None = Field(None, description="only the projects and institutions of this section")


class IndustriesSlide(_Titled):
    kind: Literal["industries"]


class MarketsSlide(_Titled):
    kind: Literal["markets"]


class HighlightSlide(_Titled):
    kind: Literal["highlight"]
    fact: str


class ClosingSlide(_Titled):
    kind: Literal["closing"]


SlideSpec = Annotated[
    Union[
        TitleSlide, AgendaSlide, DividerSlide, KpiSlide, ChartSlide, TimelineSlide, KeyPointsSlide, ComparisonSlide,
        FactTableSlide, ProjectsSlide, IndustriesSlide, MarketsSlide, HighlightSlide, ClosingSlide,
    ],
    Field(discriminator="kind"),
]


class CoverPart(_Titled):
    kind: Literal["cover"]


class ContentsPart(_Titled):
    kind: Literal["contents"]


class GlancePart(_Titled):
    kind: Literal["at_a_glance"]
    facts: tuple[str, ...] = Field(min_length=1, description="the headline figures")


class SectionPart(_Titled):
    kind: Literal["section"]
    section: str
    figures: tuple[str, ...] = Field((), max_length=6, description="fact ids shown as figure boxes")
    charts: tuple[ChartSpec, ...] = ()
    comparisons: tuple[str, ...] = Field((), description="comparison ids shown as a 2020 vs 2021 table")
    timeline: bool = False
    projects: bool = False
    fact_table: bool = Field(True, description="list every fact of the section in a table")


class AppendixPart(_Titled):
    kind: Literal["appendix"]
    sections: tuple[str, ...] | None = Field(None, description="only the facts of these sections; default: all")


PartSpec = Annotated[
    Union[CoverPart, ContentsPart, GlancePart, SectionPart, AppendixPart], Field(discriminator="kind")
]


class ThemeOverrides(Strict):
    colors: dict[str, str | list[str]] = {}
    fonts: dict[str, str | list[str] | None] = {}
    sizes: dict[str, float] = {}

    @field_validator("colors", "fonts", "sizes")
    @classmethod
    def _known_keys(cls, value: dict, info):
        allowed = theme_fields(info.field_name)
        for key in value:
            if key not in allowed:
                hint = did_you_mean(key, allowed) or "allowed: " + ", ".join(allowed)
                raise ValueError(f"unknown {info.field_name[:-1]} '{key}' ({hint})")
        if info.field_name == "colors":
            for key, colour in value.items():
                for item in colour if isinstance(colour, list) else [colour]:
                    if not re.fullmatch(r"#[0-9A-Fa-f]{6}", str(item)):
                        raise ValueError(f"colour {key}: '{item}' is not #RRGGBB")
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
    deck: tuple[SlideSpec, ...] = Field(min_length=1)
    briefing: tuple[PartSpec, ...] = Field(min_length=1)


@dataclass(frozen=True)
class Layout:
    """A validated layout and where it came from."""

    path: str
    slug: str
    model: LayoutModel
    template: Path | None = None  # the resolved template file, when the layout names one
    logo: Path | None = None  # the resolved logo image, when the layout names one


def layout_json_schema() -> dict:
    """Return the JSON Schema of layout files, generated from the model."""
    schema = LayoutModel.model_json_schema(by_alias=True)
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "briefing meeting layout"
    return schema


def load_layout(path: Path, dataset: Dataset) -> Layout:
    """Return the layout at path, validated against the dataset; raise GeneratorError listing every problem."""
    loaded = load_file(path, "layout")
    model = build_model(loaded, LayoutModel, "layout")
    validate_layout(model, loaded, dataset)
    template = None
    if model.template:
        template = (path.parent / model.template).resolve()
        if not template.is_file():
            raise GeneratorError(f"template not found: {template}", loaded.ref(("template",)),
                                 "the path is relative to the layout file")
        if template.suffix.lower() != ".pptx":
            raise GeneratorError(f"a template must be a .pptx file, not {template.name}", loaded.ref(("template",)),
                                 "in PowerPoint: File → Save As → PowerPoint Presentation (.pptx)")
    logo = None
    if model.logo:
        logo = (path.parent / model.logo).resolve()
        try:
            magic = logo.read_bytes()[:8]
        except OSError:
            raise GeneratorError(f"logo not found: {logo}", loaded.ref(("logo",)),
                                 "the path is relative to the layout file") from None
        if not (magic.startswith(b"\x89PNG") or magic.startswith(b"\xff\xd8")):
            raise GeneratorError(f"the logo {logo.name} is not a PNG or JPEG image", loaded.ref(("logo",)),
                                 "save it as .png or .jpg")
    return Layout(loaded.path, path.stem, model, template, logo)


#: the fields of slides and parts that name ids, and what they name
REFERENCES = {"facts": "fact", "figures": "fact", "fact": "fact", "highlight": "fact", "section": "section",
              "sections": "section", "events": "event", "comparisons": "comparison"}


def validate_layout(model: LayoutModel, loaded: Loaded, dataset: Dataset) -> None:
    """Check every id a layout names, and what a chart or figure needs; raise GeneratorError listing all."""
    issues = IssueCollector()
    facts, sections, events, comparisons = dataset.facts, dataset.sections, dataset.events, dataset.comparisons

    def ref(*key_path) -> SourceRef:
        return loaded.ref(tuple(key_path))

    def check_ids(kind: str, table: dict, ids, *key_path) -> None:
        for position, item in enumerate(ids or ()):
            if item not in table:
                issues.add(ref(*key_path, position), f"unknown {kind} id '{item}'", did_you_mean(item, table))

    def check_one(kind: str, table: dict, item, *key_path) -> None:
        if item is not None and item not in table:
            issues.add(ref(*key_path), f"unknown {kind} id '{item}'", did_you_mean(item, table))

    def check_chart(chart: ChartSpec, *key_path) -> None:
        if chart.chart in ("grouped", "line"):
            if not chart.comparisons:
                issues.add(ref(*key_path), f"a '{chart.chart}' chart needs 'comparisons' (2020 actual vs 2021 target)")
                return
            known = [comparisons[c] for c in chart.comparisons if c in comparisons]
            for c in known:
                for fact_id in (c.actual, c.target):
                    if not facts[fact_id].is_number:
                        issues.add(ref(*key_path, "comparisons"), f"comparison '{c.id}': fact '{fact_id}' is not a number")
                if facts[c.actual].unit != facts[c.target].unit:
                    issues.add(
                        ref(*key_path, "comparisons"),
                        f"comparison '{c.id}' mixes units ({facts[c.actual].unit} vs {facts[c.target].unit}) and "
                        "cannot be charted",
                        "show it in a comparison table instead",
                    )
            return
        if not chart.facts or len(chart.facts) < 2:
            issues.add(ref(*key_path), f"a '{chart.chart}' chart needs 'facts': at least 2 fact ids")
            return
        known_facts = [facts[f] for f in chart.facts if f in facts]
        for position, fact_id in enumerate(chart.facts):
            if fact_id in facts and not facts[fact_id].is_number:
                issues.add(ref(*key_path, "facts", position), f"fact '{fact_id}' is not a number and cannot be charted")
        units = sorted({f.unit for f in known_facts if f.is_number})
        if len(units) > 1:
            issues.add(ref(*key_path, "facts"), f"chart facts have different units ({', '.join(units)})",
                       "a chart shows one unit; split it into two charts")

    tables = {"fact": facts, "section": sections, "event": events, "comparison": comparisons}

    def check_references(spec, *key_path) -> None:
        """Every field that names ids (see REFERENCES) must name known ones."""
        for name, kind in REFERENCES.items():
            value = getattr(spec, name, None)
            if isinstance(value, str):
                check_one(kind, tables[kind], value, *key_path, name)
            elif isinstance(value, tuple) and all(isinstance(v, str) for v in value):
                check_ids(kind, tables[kind], value, *key_path, name)

    for index, slide in enumerate(model.deck):
        check_references(slide, "deck", index)
        if isinstance(slide, ChartSlide):
            check_chart(slide, "deck", index)
        elif isinstance(slide, FactTableSlide) and not slide.facts and not slide.section:
            issues.add(ref("deck", index), "a fact_table needs 'facts' or 'section'")
    for index, part in enumerate(model.briefing):
        check_references(part, "briefing", index)
        for chart_index, chart in enumerate(getattr(part, "charts", ())):
            check_references(chart, "briefing", index, "charts", chart_index)
            check_chart(chart, "briefing", index, "charts", chart_index)

    if model.theme not in THEMES:
        issues.add(ref("theme"), f"unknown theme '{model.theme}'",
                   did_you_mean(model.theme, THEMES) or "themes: " + ", ".join(THEMES))
    issues.raise_if_any()
