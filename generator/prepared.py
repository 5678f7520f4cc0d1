"""The prepared-meeting cache: a meeting validated and composed once, read back while its dataset, layout, the
files they name, the code and the libraries that shape it are unchanged."""
from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .dataset import Dataset
    from .document import Document, PageKind
    from .layouts import Layout
    from .theme import Theme


def resolve_theme(layout: Layout) -> Theme:
    """Return the layout's theme with its overrides applied."""
    from .theme import THEMES, apply_overrides

    overrides = layout.model.theme_overrides.changed()
    theme = apply_overrides(THEMES[layout.model.theme], overrides)
    return replace(theme, logo=str(layout.logo)) if layout.logo else theme


@dataclass(frozen=True)
class Prepared:
    """A meeting ready to render: the composed document and what the renderers need from its layout."""

    document: Document
    slug: str
    language: str
    theme: Theme
    template: Path | None
    logo: Path | None
    template_layouts: Mapping[PageKind, str] | None = None  # the layout's names of the template's slide layouts, by slide kind
    slide_size: str | None = None  # the slide size the layout asks for, when it names one
    key: str | None = None  # the cache key it is stored under (None: not cached)
    template_line: str = ""  # "file:line:column" of the layout's template key, for the messages about the template
    slide_size_line: str = ""  # "file:line:column" of the layout's slide_size, for the warning about it


class Inputs:
    """Loads the dataset once for every layout of a run, and only when a prepared meeting is not cached."""

    def __init__(self, data_path: Path, dataset: Dataset | None = None):
        self.data_path = data_path
        self._dataset: Dataset | None = dataset  # already loaded, or None

    @property
    def dataset(self) -> Dataset:
        if self._dataset is None:
            from .datafile import load_dataset

            self._dataset = load_dataset(self.data_path)
        return self._dataset

    def prepare(self, layout_path: Path, lang: str | None) -> Prepared:
        """Validate and compose the meeting; raise GeneratorError. A meeting whose inputs, files named by them
        and code are unchanged is read from the cache instead (validation and composing are then skipped)."""
        key = _prepared_key(self.data_path, layout_path, lang)
        cached = _read_prepared(key) if key else None
        if cached is not None:
            return replace(cached, key=key)
        from .compose import compose
        from .layouts import load_layout

        layout = load_layout(layout_path, self.dataset)
        document = compose(self.dataset, layout, lang)
        model = layout.model
        prepared = Prepared(document, layout.slug, model.language, resolve_theme(layout), layout.template,
                            layout.logo, model.template_layouts,
                            model.slide_size if "slide_size" in model.model_fields_set else None, key,
                            layout.template_line, layout.slide_size_line)
        if key:
            article = self.data_path.parent / self.dataset.model.source.file
            _write_prepared(key, prepared, [layout.template, layout.logo, article])
        return prepared


def _fingerprint(paths: Iterable[Path | None]) -> str:
    import hashlib

    from .reading import content_or_marker

    digest = hashlib.sha256()
    for path in paths:
        if path is None:
            digest.update(b"<none>")
            continue
        digest.update(str(path).encode())
        digest.update(content_or_marker(Path(path)))
    return digest.hexdigest()


def _prepared_key(data_path: Path, layout_path: Path, lang: str | None) -> str | None:
    """A key over what a prepared meeting depends on that is known before reading it: the dataset, the layout and
    the language (cache.key adds the code and the libraries' versions). The files they name (the article, a
    template, a logo) are recorded in the entry and checked when it is read."""
    from . import cache

    return cache.key("prepared", _fingerprint([data_path, layout_path]), lang or "layout")


def _prepared_classes() -> dict[str, type]:
    """The only classes a cached meeting may hold: the document model's, the theme's and Prepared."""
    import dataclasses

    from . import document, theme

    classes: dict[str, type] = {"Prepared": Prepared}
    for module in (document, theme):
        classes.update((name, value) for name, value in vars(module).items()
                       if isinstance(value, type) and dataclasses.is_dataclass(value))
    return classes


def _read_prepared(key: str) -> Prepared | None:
    from . import cache

    blob = cache.read("prepared", key + ".json")
    if blob is None:
        return None
    try:
        prepared, files, named = cache.loads(blob, _prepared_classes())
        if not isinstance(prepared, Prepared) or not all(isinstance(f, (str, type(None))) for f in files):
            return None
    except (ValueError, KeyError, TypeError):
        return None
    # the files the dataset and the layout name (article, template, logo) are part of the key too
    if named != _fingerprint([Path(f) if f is not None else None for f in files]):
        return None
    return prepared


def _write_prepared(key: str, prepared: Prepared, named_files: Iterable[Path | None]) -> None:
    from . import cache

    try:
        named = list(named_files)
        blob = cache.dumps([prepared, [str(f) if f is not None else None for f in named], _fingerprint(named)])
    except TypeError:
        return  # something the cache cannot hold as plain data: the meeting is composed again next time
    cache.write("prepared", key + ".json", blob)


