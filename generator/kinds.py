"""What each slide kind and briefing part shows, with the smallest YAML that builds it (for `briefing kinds`)."""
from __future__ import annotations

from .chartkinds import CHART_KINDS

#: slide kind -> (what it shows, a minimal entry of a layout's `deck:`)
SLIDES: dict[str, tuple[str, str]] = {
    "title": ("title page: the layout's title, subtitle, organisation, date and logo", "- kind: title"),
    "agenda": ("numbered list of the parts (the sections of the deck's dividers, or `sections`)", "- kind: agenda"),
    "section_divider": ("opens a part: its number, title and headline", "- kind: section_divider\n  section: plan"),
    "kpis": ("2 to 6 figures as cards; `section` puts its key points in the speaker notes",
             "- kind: kpis\n  facts: [projects_attracted, planned_investment, innovation_teams]"),
    "chart": ("an editable chart (`chart:` " + ", ".join(CHART_KINDS) + ") of figures of one measure and status",
              "- kind: chart\n  chart: bar\n  facts: [high_tech_investment_growth, technical_upgrade_investment_growth,"
              "\n          leading_industries_investment_growth]"),
    "timeline": ("the dated events of the dataset (or `events`), in order", "- kind: timeline"),
    "key_points": ("a section's key points (continued on more slides when long)",
                   "- kind: key_points\n  section: investment_talent"),
    "comparison": ("a table of results beside next year's targets (`comparisons`, default: all)",
                   "- kind: comparison"),
    "fact_table": ("a table of figures with their period (`facts`, or all of a `section`)",
                   "- kind: fact_table\n  section: party_building"),
    "projects": ("named projects, institutions and groups with their own figures", "- kind: projects\n  section: plan"),
    "industries": ("the key industries and their roles (`roles` to show some)",
                   "- kind: industries\n  roles: [emerging]"),
    "markets": ("where the zone looks for investors", "- kind: markets"),
    "highlight": ("one figure, large, with its source", "- kind: highlight\n  fact: public_satisfaction"),
    "text": ("the meeting's own words: lines (bullets) or paragraphs; {fact_id} names a figure",
             "- kind: text\n  title_zh: 会议议程\n  title_en: Programme\n  text_zh: [\"9:00 开幕\", \"9:30 推介\"]\n"
             "  text_en: [\"9:00 Opening\", \"9:30 Presentation\"]"),
    "closing": ("the last slide: thanks, a closing line (`subtitle_*`) and contacts (`contact_*`)",
                "- kind: closing"),
}

#: briefing part -> (what it shows, a minimal entry of a layout's `briefing:`)
PARTS: dict[str, tuple[str, str]] = {
    "cover": ("a cover page (`compact: true`: a title block on the first page instead)", "- kind: cover"),
    "contents": ("contents with page numbers", "- kind: contents"),
    "at_a_glance": ("the zone's mission and a table of headline figures",
                    "- kind: at_a_glance\n  facts: [projects_attracted, planned_investment, public_satisfaction]"),
    "section": ("a section: key points, figure boxes, charts, comparison table, timeline, projects, its facts",
                "- kind: section\n  section: livelihood\n  figures: [living_allowances, school_places_added]"),
    "text": ("the meeting's own words as paragraphs (`bullets: true` for a list)",
             "- kind: text\n  title_zh: 致辞\n  title_en: Welcome\n  text_zh: [\"欢迎来到日照经开区。\"]\n"
             "  text_en: [\"Welcome to the zone.\"]"),
    "appendix": ("every figure with the article's words it comes from (`sections` for some)", "- kind: appendix"),
}


def gallery_layout() -> str:
    """A layout showing every slide kind and every briefing part once, from the snippets above."""
    def entries(snippets: dict[str, tuple[str, str]]) -> str:
        return "\n".join("  " + snippet.replace("\n", "\n  ") for _, snippet in snippets.values())

    return ("description: every slide kind and briefing part\n"
            "title_zh: 版式一览\ntitle_en: Every kind of slide and part\n"
            "subtitle_zh: 每种幻灯片和简报部分各一例\nsubtitle_en: One of each, with the smallest layout entry that builds it\n"
            "date: 2021-01-20\nnew_page_per_part: true\n"
            f"deck:\n{entries(SLIDES)}\nbriefing:\n{entries(PARTS)}\n")
