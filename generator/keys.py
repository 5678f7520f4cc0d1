"""The reference of a layout's keys (`briefing kinds --keys`): each key of the layout schema with its type and
default, taken from the layout model, and what it does with a one-line example, written here in English and
translated through the catalogue."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .i18n import N_, _

#: keys at the top of a layout: what each does, and an example line
LAYOUT_KEYS: dict[str, tuple[str, str]] = {
    "$schema": (N_("the layout schema, for editors that complete and check keys"),
                "# yaml-language-server: $schema=layout.schema.json"),
    "description": (N_("one line shown by `briefing layouts`"), "description: 两会年度报告"),
    "title_zh": (N_("the meeting's title in Chinese (title slide, cover, footers)"),
                 'title_zh: "{plan_year}年工作安排"'),
    "title_en": (N_("the meeting's title in English"), "title_en: Annual report"),
    "subtitle_zh": (N_("the subtitle in Chinese, below the title"), "subtitle_zh: 管委会工作报告"),
    "subtitle_en": (N_("the subtitle in English"), "subtitle_en: Report of the management committee"),
    "organisation_zh": (N_("the organisation in Chinese (default: the zone's management committee)"),
                        "organisation_zh: 日照经济技术开发区管委会"),
    "organisation_en": (N_("the organisation in English"), "organisation_en: Rizhao ETDZ Management Committee"),
    "meeting_zh": (N_("the meeting's name in Chinese, for running footers"), "meeting_zh: 工作会议"),
    "meeting_en": (N_("the meeting's name in English"), "meeting_en: Work meeting"),
    "date": (N_("the meeting's date"), "date: 2021-01-20"),
    "language": (N_("the language of the outputs: zh or en"), "language: zh"),
    "theme": (N_("colours and fonts: civic_blue, investment_navy or party_red"), "theme: civic_blue"),
    "theme_overrides": (N_("changes to the theme's colours, fonts and sizes"),
                        "theme_overrides: {colors: {primary: \"#7A1F5C\"}}"),
    "slide_size": (N_("the deck's shape: \"16:9\" or \"4:3\" (a template's size wins)"), 'slide_size: "4:3"'),
    "template": (N_("a PowerPoint template (.pptx), relative to the layout"),
                 "template: ../templates/our-master.pptx"),
    "template_layouts": (N_("the template's slide layout for each kind of slide, by name"),
                         "template_layouts: {title: Titelfolie, content: Nur Titel}"),
    "logo": (N_("a PNG or JPEG on the title and closing slides and the cover, relative to the layout"),
             "logo: logo.png"),
    "max_bullets_per_slide": (N_("key points per slide (2 to 8); more continue on another slide"),
                              "max_bullets_per_slide: 5"),
    "max_table_rows_per_slide": (N_("table rows per slide; more continue on another slide"),
                                 "max_table_rows_per_slide: 8"),
    "new_page_per_part": (N_("start each briefing part on a new page"), "new_page_per_part: false"),
    "briefing_pages": (N_("the most pages the briefing may take"), "briefing_pages: 2"),
    "docx_style": (N_("the editable briefing's look: official (the national format) or designed (the theme's)"),
                   "docx_style: designed"),
    "deck": (N_("the slides, in order (`briefing kinds` shows each kind)"), "deck: [{kind: title}, {kind: closing}]"),
    "briefing": (N_("the briefing's parts, in order"), "briefing: [{kind: cover}, {kind: contents}]"),
}

#: keys of the entries of `deck:` and `briefing:` (and of a section's `charts:`)
ENTRY_KEYS: dict[str, tuple[str, str]] = {
    "kind": (N_("the kind of slide or part"), "- kind: kpis"),
    "title_zh": (N_("replaces the slide's or part's title (Chinese)"), 'title_zh: "{plan_year}年主要目标"'),
    "title_en": (N_("replaces the slide's or part's title (English)"), "title_en: Main targets"),
    "subtitle_zh": (N_("the closing line of the closing slide (Chinese)"), "subtitle_zh: 谢谢各位"),
    "subtitle_en": (N_("the closing line of the closing slide (English)"), "subtitle_en: Thank you"),
    "contact_zh": (N_("contact details on the closing slide (Chinese); several lines as a block (|-)"),
                   "contact_zh: 联系电话：0633-0000000"),
    "contact_en": (N_("contact details on the closing slide (English)"), "contact_en: \"Phone: +86 633 000 0000\""),
    "section": (N_("a section id of the dataset"), "section: livelihood"),
    "sections": (N_("section ids (default: all)"), "sections: [investment_talent, plan]"),
    "facts": (N_("fact ids (`briefing facts` lists them)"), "facts: [projects_attracted, planned_investment]"),
    "figures": (N_("fact ids shown as figure boxes"), "figures: [projects_attracted, graduates]"),
    "fact": (N_("one fact id"), "fact: planned_investment"),
    "highlight": (N_("the fact shown in the accent colour"), "highlight: planned_investment"),
    "chart": (N_("the chart: column, bar, grouped, doughnut, line, trend or grouped_bar"), "chart: column"),
    "charts": (N_("a section part's charts, each like a chart slide"),
               "charts: [{chart: column, facts: [investment_growth, foreign_investment_growth]}]"),
    "comparisons": (N_("comparison ids: results beside targets"), "comparisons: [graduates]"),
    "events": (N_("event ids, in order of date (default: all)"), "events: [groundbreaking_oct27]"),
    "timeline": (N_("show the section's dated events"), "timeline: false"),
    "projects": (N_("show the section's named projects and groups"), "projects: false"),
    "fact_table": (N_("list every fact of the section in a table"), "fact_table: false"),
    "roles": (N_("industry roles to show (default: all)"), "roles: [emerging]"),
    "period": (N_("the targets of this period (default: the plan year)"), "period: 2021年"),
    "bullets": (N_("lines as a bulleted list (true) or as paragraphs (false)"), "bullets: false"),
    "text_zh": (N_("the meeting's own words (Chinese), one line each; {fact_id} names a figure"),
                "text_zh: [会议议程, \"{projects_attracted}项目集中签约\"]"),
    "text_en": (N_("the meeting's own words (English)"), "text_en: [Agenda]"),
    "compact": (N_("a title block on the first page instead of a cover page"), "compact: true"),
    "lead_zh": (N_("the sentence above the figures (Chinese; default: the zone's mission line of the dataset)"),
                "lead_zh: 主要指标一览"),
    "lead_en": (N_("the sentence above the figures (English)"), "lead_en: The main figures"),
}

#: keys of theme_overrides
THEME_KEYS: dict[str, tuple[str, str]] = {
    "colors": (N_("colours by name, as \"#RRGGBB\" in quotes"), 'colors: {primary: "#7A1F5C"}'),
    "fonts": (N_("font families or files"), "fonts: {regular_file: C:/Windows/Fonts/msyh.ttc}"),
    "sizes": (N_("text sizes in points"), "sizes: {deck_title_pt: 36}"),
}


#: the keys inside colors, fonts and sizes of theme_overrides, by the schema's name of their group: what each is, and
#: an example line (the key's own name is put in)
THEME_GROUPS: dict[str, tuple[str, str]] = {
    "ColorOverrides": (N_("a colour of the theme, as \"#RRGGBB\" in quotes"), '{name}: "#1F4E79"'),
    "FontOverrides": (N_("a font of the theme: a family name, a font file or a list of families"),
                      "{name}: Microsoft YaHei"),
    "SizeOverridesModel": (N_("a size of the theme, in points (line spacing: a factor)"), "{name}: 12"),
}


def _theme_example(group: str, name: str) -> str:
    """An example line for a key of a theme override group that is valid for that key."""
    if name == "series":
        return 'series: ["#1F4E79", "#7FB2D9"]'
    if name.endswith("_families"):
        return f"{name}: [Noto Sans CJK SC, Microsoft YaHei]"
    if name.endswith("_file"):
        return f"{name}: C:/Windows/Fonts/msyh.ttc"
    if name == "pdf_leading":
        return "pdf_leading: 1.5"
    return THEME_GROUPS[group][1].format(name=name)


@dataclass(frozen=True)
class KeyDoc:
    """One key as `briefing kinds --keys` shows it."""

    name: str
    type: str
    default: str
    what: str
    example: str
    used_by: tuple[str, ...] = ()  # the kinds whose entries take it (entry keys only)
    required: bool = False


def layout_keys() -> dict[str, list[KeyDoc]]:
    """Every key of the layout schema by where it is written ("layout", "entries", "theme_overrides"), with its
    type and default from the schema and its text (in the interface's language) and example from the tables above.
    Raises KeyError naming a key of the schema that the tables do not document."""
    from .layouts import layout_json_schema

    schema = layout_json_schema()
    definitions: dict[str, Any] = schema.get("$defs", {})
    found: dict[str, list[KeyDoc]] = {"layout": [], "entries": [], "theme_overrides": []}
    for name, prop in schema["properties"].items():
        found["layout"].append(_doc(name, prop, LAYOUT_KEYS, schema.get("required", [])))
    entries: dict[str, tuple[dict[str, Any], list[str]]] = {}
    for definition_name, definition in definitions.items():
        if definition_name == "ThemeOverrides":
            for name, prop in definition["properties"].items():
                found["theme_overrides"].append(_doc(name, prop, THEME_KEYS, []))
            continue
        if definition_name in THEME_GROUPS:
            what = THEME_GROUPS[definition_name][0]
            for name, prop in definition["properties"].items():
                table = {name: (what, _theme_example(definition_name, name))}
                found["theme_overrides"].append(_doc(name, prop, table, []))
            continue
        kind = definition["properties"].get("kind", {}).get("const") or "charts"
        for name, prop in definition["properties"].items():
            entries.setdefault(name, (prop, []))[1].append(kind)
    for name, (prop, kinds) in entries.items():
        doc = _doc(name, prop, ENTRY_KEYS, [])
        found["entries"].append(KeyDoc(doc.name, doc.type, "", doc.what, doc.example, tuple(kinds)))  # per kind
    return found


def _doc(name: str, prop: dict[str, Any], table: dict[str, tuple[str, str]], required: list[str]) -> KeyDoc:
    what, example = table[name]
    return KeyDoc(name, _type(prop), _default(prop.get("default")), _(what), example, required=name in required)


def _default(value: Any) -> str:
    if value is None or value == {} or value == []:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _type(prop: dict[str, Any]) -> str:
    """A key's type in words: text, number, true/false, a list of …, a choice of values."""
    options = [option for option in prop.get("anyOf", [prop]) if option.get("type") != "null"]
    words = []
    for option in options:
        if "enum" in option:
            words.append(" | ".join(str(value) for value in option["enum"]))
        elif "const" in option:
            words.append(str(option["const"]))
        elif option.get("type") == "array":
            words.append(_("list of {items}").format(items=_type(option.get("items", {})) or _("entries")))
        elif option.get("type") == "object" or "$ref" in option:
            words.append(_("group of keys"))
        elif option.get("format") == "date":
            words.append(_("date"))
        else:
            words.append({"string": _("text"), "integer": _("whole number"), "number": _("number"),
                          "boolean": "true | false"}.get(str(option.get("type")), ""))
    return _(" or ").join(word for word in words if word)
