"""Worker processes that never outlive the build that started them."""
from __future__ import annotations

import os
import signal
import sys


def die_with_parent() -> None:
    """Ask Linux to kill this process when its parent dies, even by SIGKILL. The standard library has no call for
    prctl(PR_SET_PDEATHSIG), so ctypes reaches it in the C library. Elsewhere the parent's own clean-up (and the
    closed pipes) end its workers."""
    if not sys.platform.startswith("linux"):
        return
    parent = os.getppid()
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG = 1
    except (OSError, AttributeError):
        return
    if os.getppid() != parent:  # the parent died before the call took effect: follow it
        os._exit(1)
    # Ctrl-C and SIGTERM are the parent's to handle: it kills its workers and cleans up
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
