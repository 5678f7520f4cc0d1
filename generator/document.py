"""The renderer-independent document model: pages of typed blocks, with wording and numbers already final."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal, Union


@dataclass(frozen=True)
class Figure:
    """A figure ready to show: `prefix` + `value` + `suffix`, e.g. "约" "43" "亿元", "" "1300" "余名". `period` says when
    it holds and what it is (2020年, 2022年1—10月, 2021年目标, 累计); a card's label already ends with it."""

    value: str
    label: str
    prefix: str = ""
    suffix: str = ""
    fact_id: str = ""
    period: str = ""

    @property
    def text(self) -> str:
        """The figure as one string, e.g. 约43亿元 or RMB 4.3 billion."""
        return f"{self.prefix}{self.value}{self.suffix}"


@dataclass(frozen=True)
class Source:
    """Where a figure comes from: the fact id, what the figure is (its label) and the verbatim quote of the
    article."""

    fact_id: str
    quote: str
    label: str = ""


# ----------------------------------------------------------------------------------------------- blocks


@dataclass(frozen=True)
class Title:
    """The opening of a deck or the cover of a briefing."""

    title: str
    subtitle: str
    organisation: str
    date: str
    note: str = ""


@dataclass(frozen=True)
class Agenda:
    """A numbered list of the parts that follow (the deck's agenda); `start` numbers a continuation."""

    items: tuple[str, ...]
    start: int = 1


@dataclass(frozen=True)
class Contents:
    """The briefing's table of contents; page numbers are the renderer's business."""

    title: str


@dataclass(frozen=True)
class SectionDivider:
    """The start of a part: its number, short title and headline."""

    number: int
    title: str
    headline: str


@dataclass(frozen=True)
class KeyFigures:
    """Two to six headline figures shown as cards."""

    figures: tuple[Figure, ...]


@dataclass(frozen=True)
class Series:
    name: str
    values: tuple[float, ...]
    labels: tuple[str, ...]  # each value as shown, with qualifier and unit


@dataclass(frozen=True)
class Chart:
    """One chart spec drawn by every renderer: a native chart in decks, a vector chart in the PDF."""

    kind: str  # a name of generator.chartkinds.CHART_KINDS
    title: str
    categories: tuple[str, ...]
    series: tuple[Series, ...]
    unit: str
    description: str  # alt text: what the chart shows, in words
    highlight: int | None = None  # index of the category to emphasise


@dataclass(frozen=True)
class TimelineEvent:
    date: str
    label: str
    detail: str


@dataclass(frozen=True)
class Timeline:
    """Dated events in order."""

    events: tuple[TimelineEvent, ...]
    caption: str = ""


@dataclass(frozen=True)
class BulletList:
    """Key points; `role` is "points" for a section's points, "items" for a plain list, "names" for a list of
    names (the markets), which a slide may show as tiles."""

    items: tuple[str, ...]
    role: Literal["points", "items", "names"] = "points"


@dataclass(frozen=True)
class Table:
    """A table with a header row; `role` says what kind ("comparison", "targets", "facts", "appendix",
    "summary")."""

    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    role: Literal["comparison", "targets", "facts", "appendix", "summary"]
    numeric_columns: tuple[int, ...] = ()
    widths: tuple[float, ...] = ()  # relative column widths
    caption: str = ""  # a heading shown above the table where the page title does not say it
    row_facts: tuple[tuple[str, ...], ...] = ()  # per row, the ids of the facts it shows (for sources)


@dataclass(frozen=True)
class Highlight:
    """One figure or sentence to stand out, with where it comes from."""

    text: str
    figure: Figure | None = None
    attribution: str = ""


@dataclass(frozen=True)
class Paragraph:
    """Running text; `role` "lead" for an introduction, "body" otherwise, "source" for a source line."""

    text: str
    role: Literal["lead", "body", "source"] = "body"


@dataclass(frozen=True)
class Closing:
    """The last slide or the back of the briefing."""

    title: str
    subtitle: str
    organisation: str


Block = Union[
    Title, Agenda, Contents, SectionDivider, KeyFigures, Chart, Timeline, BulletList, Table, Highlight, Paragraph,
    Closing,
]
BLOCK_TYPES: tuple[type, ...] = Block.__args__  # type: ignore[attr-defined]
#: how a page is framed (see Page); a template names one of its slide layouts for each
PageKind = Literal["title", "divider", "content", "closing"]


@dataclass(frozen=True)
class Page:
    """A slide of the deck or a part of the briefing.

    `kind` says how it is framed: "title" and "closing" stand alone, "divider" opens a part, "content" has a
    title bar. `notes` are the talking points for the speaker, `sources` the quotes behind its figures.
    `level` is the outline level of the page's title in the briefing (1 for a part, 2 for a sub-part).
    """

    title: str
    blocks: tuple[Block, ...]
    kind: PageKind = "content"
    notes: tuple[str, ...] = ()
    sources: tuple[Source, ...] = ()
    continued: bool = False
    level: int = 1
    bookmark: str = ""
    origin: str = ""  # the layout's file:line of the entry that made this slide, for messages


@dataclass(frozen=True)
class Meta:
    """What the document is, for properties, running headers and footers."""

    title: str
    subtitle: str
    organisation: str
    date: str
    date_iso: str
    language: Literal["zh", "en"]
    meeting: str  # the layout's slug
    subject: str
    keywords: tuple[str, ...]
    source_line: str
    footer: str
    continued: str = ""  # appended to the title of a page that continues the one before, e.g. "（续）"


@dataclass(frozen=True)
class Document:
    """A meeting's materials: the deck's slides and the briefing's pages, composed from the same facts."""

    meta: Meta
    slides: tuple[Page, ...]
    pages: tuple[Page, ...]
    theme_name: str = "civic_blue"
    slide_size: Literal["16:9", "4:3"] = "16:9"
    page_per_part: bool = True
    max_pages: int | None = None  # the briefing may take at most this many pages
    # the layout's file:line of briefing_pages, for the message when it is exceeded (not part of the content)
    max_pages_origin: str = field(default="", repr=False, compare=False)
    #: the editable briefing's look: the national format for official documents, or the briefing's designed look
    editable_style: Literal["official", "designed"] = "official"

    def text(self) -> str:
        """Every string of the document, for font coverage checks."""
        parts: list[str] = [self.meta.title, self.meta.subtitle, self.meta.organisation, self.meta.date,
                            self.meta.footer, self.meta.source_line]
        for page in self.slides + self.pages:
            parts.append(page.title)
            parts.extend(page.notes)
            parts.extend(s.quote for s in page.sources)
            for block in page.blocks:
                parts.extend(_strings(block))
        return "\n".join(parts)


def _strings(value: object) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, (tuple, list)):
        return [s for item in value for s in _strings(item)]
    if hasattr(value, "__dataclass_fields__"):
        return [s for name in value.__dataclass_fields__ for s in _strings(getattr(value, name))]
    return []
