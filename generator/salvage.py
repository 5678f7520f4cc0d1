"""What a layout with mistakes would still print: its briefing made of the parts that are right, so that `check`
says in the same round as the mistakes whether the briefing keeps the layout's page budget (briefing_pages)."""
from __future__ import annotations

import datetime as dt
import math
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from .dataset import Dataset
from .errors import GeneratorError, Issue
from .i18n import _


def budget_issues(path: Path, dataset: Dataset, mistakes: Sequence[Issue], langs: Sequence[str]) -> list[Issue]:
    """The page budget's problem of the layout at path, found by printing its briefing without the parts and
    settings its mistakes are in; [] when the layout has no budget, keeps it, or is too broken to print at all
    (a required setting wrong: its own message says so)."""
    from pydantic import ValidationError

    from .compose import compose
    from .description import options_for
    from .layouts import Layout, LayoutModel, validate_layout
    from .loading import load_file
    from .prepared import resolve_theme
    from .render.pdf import render_pdf

    loaded = load_file(path, "layout", lenient=True)
    data: dict[str, Any] = loaded.data if isinstance(loaded.data, dict) else {}
    budget, briefing = data.get("briefing_pages"), data.get("briefing")
    if not isinstance(budget, int) or isinstance(budget, bool) or not isinstance(briefing, list):
        return []
    wrong = {issue.ref.line for issue in mistakes if issue.ref is not None and issue.ref.line}
    starts = [loaded.ref(("briefing", index)).line or 0 for index in range(len(briefing))]
    ends = starts[1:] + [math.inf]
    kept = [entry for entry, start, end in zip(briefing, starts, ends) if not any(start <= line < end for line in wrong)]
    settings = {key: value for key, value in data.items()
                if key not in ("deck", "briefing", "template", "logo") and loaded.ref((key,)).line not in wrong}
    # a required setting that is wrong gets a stand-in of the same length: the pages are counted, not shown
    stand_ins = {"description": "—", "title_zh": "—", "title_en": "—",
                 "date": dt.date(dataset.model.years.plan, 1, 1)}
    settings = {**{key: value for key, value in stand_ins.items() if key not in settings}, **settings}
    try:  # the deck is not printed in the briefing: one title slide stands for it
        model = LayoutModel.model_validate({**settings, "deck": [{"kind": "title"}], "briefing": kept})
        validate_layout(model, loaded, dataset)
    except (ValidationError, GeneratorError):
        return []
    layout = Layout(loaded.path, path.stem, model, budget_line=str(loaded.ref(("briefing_pages",))))
    for lang in langs or (model.language,):
        document = compose(dataset, layout, lang)
        with tempfile.TemporaryDirectory(prefix="briefing-budget-") as folder:
            try:
                render_pdf(document, options_for(resolve_theme(layout), document), Path(folder) / "briefing.pdf")
            except GeneratorError as error:
                if len(kept) == len(briefing):
                    return list(error.issues)
                left_out = _("(counted without the parts that have mistakes)")
                return [Issue(issue.ref, f"{issue.message} {left_out}", issue.hint) for issue in error.issues]
    return []
