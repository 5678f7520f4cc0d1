"""The one user-facing exception type, with source positions and hints."""
from __future__ import annotations

import functools
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field


@dataclass(frozen=True)
class SourceRef:
    """A place in an input file; line and column are 1-based, 0 when unknown. In a workbook, line and column are
    the cell's row and column, and cell names it with its sheet and header: `facts!F23 (引文 / quote)`."""

    path: str
    line: int = 0
    col: int = 0
    key_path: str = ""
    cell: str = ""

    def __str__(self) -> str:
        if self.cell:
            return f"{self.path}: {self.cell}"
        where = self.path
        if self.line:
            where += f":{self.line}"
            if self.col:
                where += f":{self.col}"
        elif self.key_path:
            where += f" ({self.key_path})"
        return where


@dataclass(frozen=True)
class Issue:
    """One problem: where it is, what is wrong, and optionally what to do."""

    ref: SourceRef | None
    message: str
    hint: str = ""

    def __str__(self) -> str:
        from .i18n import _

        text = f"{self.ref}: {self.message}" if self.ref else self.message
        if self.hint:
            text = _("{message} ({hint})").format(message=text, hint=self.hint)
        return text


#: issues of one kind printed before the rest are counted
MAX_OF_A_KIND = 25


@dataclass
class GeneratorError(Exception):
    """A problem the user can fix: bad input, a missing font, an unwritable folder."""

    issues: list[Issue] = field(default_factory=list)

    def __init__(self, message_or_issues: str | list[Issue], ref: SourceRef | None = None, hint: str = ""):
        if isinstance(message_or_issues, str):
            self.issues = [Issue(ref, message_or_issues, hint)]
        else:
            self.issues = list(message_or_issues)
        super().__init__(str(self))

    def __str__(self) -> str:
        """Every issue on its line; of many issues of one kind (the same message but for the names and numbers in
        it), the first MAX_OF_A_KIND, then how many more: 150,000 unknown placeholders are not 150,000 lines."""
        import re
        from collections import Counter

        from .i18n import _

        shown: Counter[str] = Counter()
        hidden: Counter[str] = Counter()
        first_hidden: dict[str, Issue] = {}
        lines = []
        for issue in self.issues:
            kind = re.sub(r"\{[^}]*\}|'[^']*'|\d+", "…", issue.message)
            if shown[kind] < MAX_OF_A_KIND:
                shown[kind] += 1
                lines.append(str(issue))
            else:
                first_hidden.setdefault(kind, issue)
                hidden[kind] += 1
        for kind, first in first_hidden.items():
            lines.append(_("… and {count} more like: {message}").format(count=hidden[kind], message=str(first)))
        return "\n".join(lines)


@contextmanager
def named_at(named: str, line: str) -> Iterator[None]:
    """Within the block, a GeneratorError's issues about the file `named` are told at `line` ("file:line:column"
    of the input that names it), the file after it: `layouts/x.yaml:12:1: corporate.pptx: the template has no
    slide size`. Without a line, as they are."""
    try:
        yield
    except GeneratorError as error:
        if not line or not any(issue.ref and issue.ref.path == named for issue in error.issues):
            raise
        raise GeneratorError([Issue(SourceRef(line), f"{issue.ref}: {issue.message}", issue.hint)
                              if issue.ref and issue.ref.path == named else issue
                              for issue in error.issues]) from None


class InternalError(Exception):
    """A failure that is not the user's input's, told without a traceback (exit status INTERNAL): a renderer
    process that died or failed. details holds what --debug shows (a worker's traceback)."""

    def __init__(self, message: str, ref: SourceRef | None = None, hint: str = "", details: str = ""):
        self.issue = Issue(ref, message, hint)
        self.details = details
        super().__init__(str(self.issue))


class IssueCollector:
    """Collects every problem of a file so that they are reported together."""

    def __init__(self) -> None:
        self.issues: list[Issue] = []

    def add(self, ref: SourceRef | None, message: str, hint: str = "") -> None:
        self.issues.append(Issue(ref, message, hint))

    def raise_if_any(self) -> None:
        """Raise GeneratorError holding every collected issue, sorted by position."""
        if self.issues:
            ordered = sorted(self.issues, key=lambda i: (i.ref.path, i.ref.line, i.ref.col) if i.ref else ("", 0, 0))
            raise GeneratorError(ordered)


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """Return a hint naming the closest choice, or an empty string."""
    from .i18n import _

    close = _closest(word, tuple(choices))
    return _("did you mean '{choice}'?").format(choice=close) if close else ""


@functools.lru_cache(maxsize=512)
def _closest(word: str, choices: tuple[str, ...]) -> str | None:
    """The closest choice to word, remembered: a layout or dataset that repeats one mistake thousands of times
    would otherwise compare it with every choice again each time (difflib is quadratic in the words' lengths)."""
    import difflib

    close = difflib.get_close_matches(word, choices, n=1, cutoff=0.6)
    return close[0] if close else None
