"""The contents: the briefing's parts with their page numbers."""
from __future__ import annotations

from typing import TYPE_CHECKING, Literal

from ..document import Contents, Page
from ..specs import Titled
from . import PartKind

if TYPE_CHECKING:
    from ..compose import Composer


class ContentsPart(Titled):
    kind: Literal["contents"]



def compose_part(c: Composer, spec: ContentsPart) -> Page:
    """A contents block; the briefing's layout fills in the pages."""
    title = c.title_of(spec, c.w("contents.title"))
    return Page(title, (Contents(title),), level=0)


KIND = PartKind(ContentsPart, "contents with page numbers", "- kind: contents", compose_part)
