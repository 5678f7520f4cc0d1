"""Registries of kinds found on disk: each module of a kinds package defines one kind as KIND, named after the file."""
from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable, Iterable, Sequence
from typing import TypeVar

K = TypeVar("K")


def discover(package: str, path: Iterable[str], kind_type: type[K], name_of: Callable[[K], str],
             order: Sequence[str] = ()) -> dict[str, K]:
    """Return the KIND of every module of the package (modules starting with _ are left out), by name: first those
    named in order, in that order, then the others by name. Raise TypeError naming the module when one has no KIND
    of kind_type or names its kind other than its file, so that a half-written kind stops the program at once."""
    kinds: dict[str, K] = {}
    for info in sorted(pkgutil.iter_modules(path), key=lambda m: m.name):
        if info.name.startswith("_"):
            continue
        module = importlib.import_module(f"{package}.{info.name}")
        kind = getattr(module, "KIND", None)
        if not isinstance(kind, kind_type):
            raise TypeError(f"{module.__name__} ({module.__file__}) must define KIND = {kind_type.__name__}(...), "
                            f"not {type(kind).__name__}")
        name = name_of(kind)
        if name != info.name:
            raise TypeError(f"{module.__name__} ({module.__file__}) defines the kind '{name}'; a kind's module is "
                            f"named after its kind: rename the file to {name}.py")
        kinds[name] = kind
    rank = {name: index for index, name in enumerate(order)}
    return dict(sorted(kinds.items(), key=lambda item: rank.get(item[0], len(rank))))
