"""The build description: one immutable object holding everything that changes a build's outputs, resolved once
from the inputs by describe(). `briefing build`, `briefing check` and `briefing preview` all render from it, and
its options come from it alone (render_options), so the three cannot assemble a build differently."""
from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from .errors import GeneratorError, SourceRef, named_at
from .i18n import _

if TYPE_CHECKING:
    from .document import Document, PageKind
    from .fonts import FontFace
    from .prepared import Inputs
    from .render import RenderOptions
    from .render.slides.template import DeckTemplate
    from .theme import Theme

#: receives each warning of a build
Warn = Callable[[str], None]


def ignore(message: str) -> None:
    """The default for warnings: the CLI passes a function that prints them (or, with --strict, stops)."""


@dataclass(frozen=True)
class Description:
    """Everything that changes the outputs of one layout's build (black's `Mode` is the model): two builds with
    equal descriptions write the same bytes."""

    layout: Path  # the layout file
    dataset: Path  # the dataset file
    key: str | None  # the cache key of the meeting: the dataset, the layout, the code, the libraries, the language
    document: Document  # the meeting composed from the dataset and the layout in `language`
    slug: str  # the outputs' name
    language: str  # the outputs' language
    own_language: str  # the layout's language: outputs in another are named <slug>.<language>.<suffix>
    theme: Theme  # the layout's theme with its overrides and logo
    template: Path | None  # the corporate .pptx template the layout names
    template_line: str  # where the layout names it ("file:line:column"), for the messages about it
    logo: Path | None  # the logo the layout names (the theme's logo is its path)
    template_layouts: tuple[tuple[PageKind, str], ...]  # the template's slide layouts the layout names, by slide kind
    slide_size: str | None  # the slide size the layout asks for, when it names one
    regular: FontFace  # the theme's faces as found on this machine
    bold: FontFace
    formats: tuple[str, ...]  # the outputs to make, by renderer name
    created: dt.datetime  # when the documents say they were made
    slide_size_line: str = ""  # where the layout names the slide size ("file:line:column"), for the warning about it

    @property
    def paints_deck(self) -> bool:
        """Whether an output paints the deck's slides (the template and the deck's faces are then needed)."""
        from .render import RENDERERS

        return any(RENDERERS[name].paints_deck for name in self.formats)

    def out_path(self, out_dir: Path, fmt: str) -> Path:
        """Where the output of the renderer fmt goes in out_dir."""
        from .render import RENDERERS

        suffix = "" if self.language == self.own_language else f".{self.language}"
        return out_dir / f"{self.slug}{suffix}{RENDERERS[fmt].suffix}"


def describe(layout_path: Path, inputs: Inputs, lang: str | None, formats: tuple[str, ...],
             warn: Warn = ignore) -> Description:
    """Resolve the description of the layout's build: compose the meeting (or read it from the cache), resolve
    the theme's faces and the creation time. Raises GeneratorError; a bold face that falls back to the regular one
    is reported through warn."""
    from .fonts import find_face
    from .render import creation_time

    prepared = inputs.prepare(layout_path, lang)
    theme = prepared.theme
    if prepared.template is not None:  # the template's colours and body font reach the briefing too
        from .render.pptx.template import template_look
        from .render.slides.template import with_template_look

        with named_at(str(prepared.template), prepared.template_line):
            theme = with_template_look(theme, *template_look(prepared.template))
    regular = find_face(theme.fonts.cjk_families, False, theme.fonts.regular_file)
    bold = find_face(theme.fonts.cjk_families, True, theme.fonts.bold_file)
    if not bold.bold:
        warn(_("{bold_label}: {bold_how_found}; bold text (titles, figures) is set in the regular weight").format(
            bold_label=bold.label, bold_how_found=bold.how_found))
    return Description(
        layout=layout_path, dataset=inputs.data_path, key=prepared.key, document=prepared.document,
        slug=prepared.slug, language=lang or prepared.language, own_language=prepared.language, theme=theme,
        template=prepared.template, template_line=prepared.template_line, logo=prepared.logo, template_layouts=tuple((prepared.template_layouts or {}).items()),
        slide_size=prepared.slide_size, regular=regular, bold=bold, formats=formats, created=creation_time(),
        slide_size_line=prepared.slide_size_line)


def briefing_options(description: Description) -> RenderOptions:
    """What the briefing's renderer needs (the theme and its faces): all a renderer that paints no deck uses."""
    from .render import RenderOptions

    return RenderOptions(description.theme, description.regular, description.bold, created=description.created)


def render_options(description: Description, warn: Warn = ignore) -> RenderOptions:
    """Every renderer's options: the briefing's, checked to have every character of the document, and when an
    output paints the deck, its template (slide layouts chosen by template_layouts) and faces. Raises
    GeneratorError (one about the template is told at the layout's line that names it); fallbacks, and a slide
    size the template overrides, are reported through warn."""
    with named_at(str(description.template), description.template_line):
        return options_for(description.theme, description.document,
                           description.template if description.paints_deck else None, warn,
                           dict(description.template_layouts) or None, description.slide_size,
                           briefing_options(description), description.slide_size_line)


def options_for(theme: Theme, document: Document, template: Path | None = None, warn: Warn = ignore,
                template_layouts: Mapping[PageKind, str] | None = None, slide_size: str | None = None,
                base: RenderOptions | None = None, slide_size_line: str = "") -> RenderOptions:
    """The options of a document made without a layout (the tests' documents) and of a description: the faces
    (base's, else the theme's as found), each checked to have every character of the document; the template
    read; the deck's faces."""
    from .fonts import find_face, latin_metrics, metrics_for
    from .render import RenderOptions, creation_time

    if base is None:
        base = RenderOptions(theme, find_face(theme.fonts.cjk_families, False, theme.fonts.regular_file),
                             find_face(theme.fonts.cjk_families, True, theme.fonts.bold_file), created=creation_time())
    regular, bold = base.regular, base.bold
    if latin_metrics(theme.fonts.latin_families, False) is None:
        warn(_("no font with Arial's metrics ({families}) is installed: Latin text in decks is measured with the CJK "
               "font's Latin letters (on Debian: apt-get install fonts-liberation2)").format(
            families=", ".join(theme.fonts.latin_families)))
    text = document.text()
    for face in {regular, bold}:
        missing = metrics_for(face).missing(text)
        if missing:
            from .document import _strings

            where = _where_chars_occur(document, missing)
            origin = next((page.origin for page in document.slides if page.origin and
                           any(c in page.title + "".join(s for b in page.blocks for s in _strings(b)) for c in missing)),
                          "")
            path, _colon, line = origin.rpartition(":")
            raise GeneratorError(
                _("the font {face_label} has no glyph for {join_missing!r} ({where}); the text would print as boxes").format(
                    face_label=face.label, join_missing=''.join(missing), where=where),
                # the layout entry of the first slide showing it (a glyph of the dataset's text has no line there)
                SourceRef(path, int(line)) if line.isdigit() else None,
                hint=_("choose another font in the theme, or change the text"),
            )
    deck_template: DeckTemplate | None = None
    if template is not None:
        from .render.pptx.template import read_template
        from .render.slides.template import size_conflict

        deck_template = read_template(template, template_layouts, frozenset(page.kind for page in document.slides))
        conflict = size_conflict(deck_template, slide_size, slide_size_line)
        if conflict:
            warn(conflict)
    from .render.slides.faces import deck_faces

    faces = deck_faces(theme, regular, bold, deck_template, document.meta.language, warn, text)
    return replace(base, template=deck_template, deck_faces=faces)


def _where_chars_occur(document: Document, missing: list[str]) -> str:
    places = []
    for kind, pages in ((_("slide"), document.slides), (_("briefing part"), document.pages)):
        for number, page in enumerate(pages, 1):
            from .document import _strings

            text = page.title + "".join(s for b in page.blocks for s in _strings(b))
            if any(c in text for c in missing):
                places.append(_("{kind} {number} '{page_title}'").format(
                    kind=kind, number=number, page_title=page.title))
    return _("in {places}").format(places=_(", ").join(places[:3])) if places else _("in the document")
