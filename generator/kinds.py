"""What each slide kind and briefing part shows, with the smallest YAML that builds it (for `briefing kinds`); each
kind says so in its own module of generator/slidekinds and generator/partkinds."""
from __future__ import annotations

from .partkinds import PART_KINDS
from .slidekinds import SLIDE_KINDS

#: slide kind -> (what it shows, a minimal entry of a layout's `deck:`)
SLIDES: dict[str, tuple[str, str]] = {name: (kind.description, kind.snippet) for name, kind in SLIDE_KINDS.items()}

#: briefing part -> (what it shows, a minimal entry of a layout's `briefing:`)
PARTS: dict[str, tuple[str, str]] = {name: (kind.description, kind.snippet) for name, kind in PART_KINDS.items()}


def gallery_layout() -> str:
    """A layout showing every slide kind and every briefing part once, from the snippets above."""
    def entries(snippets: dict[str, tuple[str, str]]) -> str:
        return "\n".join("  " + snippet.replace("\n", "\n  ") for _, snippet in snippets.values())

    return ("description: every slide kind and briefing part\n"
            "title_zh: 版式一览\ntitle_en: Every kind of slide and part\n"
            "subtitle_zh: 每种幻灯片和简报部分各一例\nsubtitle_en: One of each, with the smallest layout entry that builds it\n"
            "date: 2021-01-20\nnew_page_per_part: true\n"
            f"deck:\n{entries(SLIDES)}\nbriefing:\n{entries(PARTS)}\n")
