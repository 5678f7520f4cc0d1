"""What each slide kind and briefing part shows, with the smallest YAML that builds it (for `briefing kinds`); each
slide kind says so in its own module of generator/slidekinds."""
from __future__ import annotations

from .slidekinds import SLIDE_KINDS

#: slide kind -> (what it shows, a minimal entry of a layout's `deck:`)
SLIDES: dict[str, tuple[str, str]] = {name: (kind.description, kind.snippet) for name, kind in SLIDE_KINDS.items()}

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
