"""The exit statuses of `briefing`, named in one place."""
from __future__ import annotations

from enum import IntEnum


class ExitStatus(IntEnum):
    """What the process's exit code tells a script that ran it."""

    OK = 0
    ERROR = 1  # a mistake the user can fix: the message says where and what to write instead
    USAGE = 2  # the command line itself is wrong (click's usage errors)
    INTERNAL = 70  # a bug in briefing (EX_SOFTWARE of sysexits.h)
    INTERRUPTED = 130  # Ctrl-C or SIGTERM: 128 + SIGINT, as a shell reports it
