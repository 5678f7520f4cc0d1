"""The document properties that the deck and the editable briefing share: python-pptx's and python-docx's core
properties are the same OPC part, filled from the document's meta the same way."""
from __future__ import annotations

import datetime as dt
from typing import Any

from ..document import Meta


def fill_core_properties(props: Any, meta: Meta, created: dt.datetime) -> None:
    """Title, subject, author (the organisation), keywords, language, the source as a comment, the meeting as the
    category, and every date the build's creation time (so that the same inputs give the same bytes)."""
    props.title = meta.title
    props.subject = meta.subject
    props.author = meta.organisation
    props.last_modified_by = meta.organisation
    props.keywords = "; ".join(meta.keywords)
    props.language = "zh-CN" if meta.language == "zh" else "en-US"
    props.comments = meta.source_line
    props.category = meta.meeting
    props.revision = 1
    props.created = created
    props.modified = created
    props.last_printed = created
