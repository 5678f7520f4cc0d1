"""Turn plain loaded data into frozen pydantic models, reporting every problem with its line."""
from __future__ import annotations

import re
from types import ModuleType
from typing import TYPE_CHECKING, Any, TypeVar

from pydantic import BaseModel, ConfigDict, ValidationError

from .errors import GeneratorError, IssueCollector, did_you_mean
from .i18n import N_, _
from .loading import KeyPath, Loaded

if TYPE_CHECKING:
    from pydantic_core import ErrorDetails

M = TypeVar("M", bound=BaseModel)


class Strict(BaseModel):
    """Base of every input model: immutable, and unknown keys are errors."""

    model_config = ConfigDict(frozen=True, extra="forbid", str_strip_whitespace=True)


def build_model(loaded: Loaded, model: type[M], what: str) -> M:
    """Return loaded.data validated as model; raise GeneratorError listing every problem with its line."""
    if not isinstance(loaded.data, dict):
        raise GeneratorError(_("a {what} must be a group of keys and values (one `key: value` per line)").format(
            what=_(what)), loaded.ref(()))
    try:
        return model.model_validate(loaded.data)
    except ValidationError as exc:
        issues = IssueCollector()
        seen: set[KeyPath] = set()
        for error in exc.errors(include_url=False):
            if _follows_from_its_items(error):
                continue
            loc = _real_path(loaded.data, error["loc"])
            if error["type"] == "missing" and _typed_with_a_slip(loaded.data, loc):
                continue  # the key is there, in quotation marks or with a full-width colon: one message for it
            if loc in seen:  # a value that fits none of a union's types: one message is enough
                continue
            seen.add(loc)
            message, hint = _describe(error, loc, model, loaded.data)
            if error.get("input", 0) is None and re.search(r":\s+#", loaded.line_at(loc)):
                name = loc[-1] if loc else "value"
                message = _("'{name}' is empty: YAML reads # as the start of a comment").format(name=name)
                typed = re.search(r"#\S*", loaded.line_at(loc))
                hint = _('quote the value: {name}: "{value}"').format(name=name, value=typed.group() if typed else
                                                                     "#RRGGBB")
            issues.add(loaded.ref(loc), message, hint)
        issues.raise_if_any()
        raise  # pragma: no cover - raise_if_any always raises here


def _typed_with_a_slip(data: Any, loc: KeyPath) -> bool:
    """Whether the mapping at loc's parent holds loc's key typed with curly quotes, full-width spaces or a
    full-width colon around it."""
    for part in loc[:-1]:
        if isinstance(data, dict):
            data = data.get(part)
        elif isinstance(data, list) and isinstance(part, int) and part < len(data):
            data = data[part]
        else:
            return False
    if not isinstance(data, dict) or not loc:
        return False
    return any(isinstance(key, str) and key != loc[-1] and key.strip(" \t\u3000“”‘’\"'：") == loc[-1] for key in data)


def _follows_from_its_items(error: ErrorDetails) -> bool:
    """A list reported as too short although it lists enough: pydantic counts only the entries that validated,
    and those that did not have their own messages."""
    value, ctx = error.get("input"), error.get("ctx") or {}
    return (error["type"] == "too_short" and isinstance(value, (list, tuple))
            and len(value) >= int(ctx.get("min_length", 0)))


def _real_path(data: Any, loc: KeyPath) -> KeyPath:
    """Drop the parts pydantic adds to a location for unions (a member's tag or type name) that are not keys."""
    path: list[str | int] = []
    current = data
    for part in loc:
        if isinstance(current, dict) and part in current:
            current = current[part]
            path.append(part)
        elif isinstance(current, list) and isinstance(part, int) and part < len(current):
            current = current[part]
            path.append(part)
        elif isinstance(current, dict) and isinstance(part, str) and not _looks_like_tag(part, current):
            path.append(part)  # a missing or unknown key: keep it for the message
            current = None
    return tuple(path)


def _looks_like_tag(part: str, mapping: dict[str, Any]) -> bool:
    # a discriminated union adds the value of `kind`; a validated union adds e.g. "function-after[...]"
    return part == mapping.get("kind") or "[" in part


def _describe(error: ErrorDetails, loc: KeyPath, model: type[BaseModel], data: Any) -> tuple[str, str]:
    kind = error["type"]
    name = str(loc[-1]) if loc and not isinstance(loc[-1], int) else _("this entry")
    if kind == "extra_forbidden":
        allowed = _fields_at(model, loc[:-1], data)
        from .slips import key_slip

        return _("unknown key '{name}'").format(name=name), key_slip(name, allowed) or did_you_mean(name, allowed) or (
            _("allowed keys: {keys}").format(keys=", ".join(sorted(allowed))) if allowed else "")
    if kind == "missing":
        return _("missing key '{name}'").format(name=name), ""
    message = error["msg"]
    if message.startswith("Value error, "):
        message = message[len("Value error, ") :]
    value = error.get("input")
    ctx = error.get("ctx") or {}
    if kind == "union_tag_invalid":
        tag, expected = ctx.get("tag", ""), ctx.get("expected_tags", "")
        return _("unknown kind '{kind}'").format(kind=tag), did_you_mean(str(tag), _literal_choices(expected)) or \
            _("kinds: {kinds}").format(kinds=expected)
    if kind in {"literal_error", "enum"}:
        expected = ctx.get("expected", "")
        return (_("'{name}' is {value!r}; expected {expected}").format(name=name, value=value, expected=expected),
                did_you_mean(str(value), _literal_choices(expected)))
    if kind == "string_pattern_mismatch" and str(ctx.get("pattern", "")).startswith("^#"):  # a theme colour
        key = next((str(part) for part in reversed(loc) if isinstance(part, str)), "")
        return _("colour {key}: '{item}' is not #RRGGBB").format(key=key, item=value), ""
    plain = _PLAIN.get(kind)
    if plain:
        count = len(value) if isinstance(value, (list, tuple, dict, str)) else 0
        return _(plain).format(name=name, value=value, count=count, **ctx), _(_HINTS.get(kind, ""))
    if kind == "value_error":
        return _("'{name}': {problem}").format(name=name, problem=_(message)), ""
    return _("'{name}' is {value!r}: {problem}").format(name=name, value=value, problem=message), ""


#: the project's own words for the validation errors users meet (pydantic's wording leaks types and jargon)
_PLAIN = {
    "too_long": N_("'{name}' lists {count}; at most {max_length} are allowed"),
    "string_too_long": N_("'{name}' has {count} characters; at most {max_length} are allowed"),
    "too_short": N_("'{name}' lists {count}; at least {min_length} are needed"),
    "less_than_equal": N_("'{name}' is {value}; it must be at most {le}"),
    "less_than": N_("'{name}' is {value}; it must be less than {lt}"),
    "greater_than_equal": N_("'{name}' is {value}; it must be at least {ge}"),
    "finite_number": N_("'{name}' is {value}; it must be a finite number"),
    "greater_than": N_("'{name}' is {value}; it must be more than {gt}"),
    "string_type": N_("'{name}' must be text, not {value!r}"),
    "int_type": N_("'{name}' must be a whole number, not {value!r}"),
    "int_parsing": N_("'{name}' must be a whole number, not {value!r}"),
    "int_from_float": N_("'{name}' must be a whole number, not {value!r}"),
    "float_type": N_("'{name}' must be a number, not {value!r}"),
    "float_parsing": N_("'{name}' must be a number, not {value!r}"),
    "bool_type": N_("'{name}' must be true or false, not {value!r}"),
    "bool_parsing": N_("'{name}' must be true or false, not {value!r}"),
    "date_type": N_("'{name}' must be a date such as 2021-01-20, not {value!r}"),
    "date_parsing": N_("'{name}' must be a date such as 2021-01-20, not {value!r}"),
    "date_from_datetime_parsing": N_("'{name}' must be a date such as 2021-01-20, not {value!r}"),
    "date_from_datetime_inexact": N_("'{name}' must be a date such as 2021-01-20, not {value!r}"),
    "tuple_type": N_("'{name}' must be a list, e.g. [a, b], not {value!r}"),
    "list_type": N_("'{name}' must be a list, e.g. [a, b], not {value!r}"),
    "dict_type": N_("'{name}' must be a group of keys and values (one `key: value` per line), not {value!r}"),
    "model_type": N_("'{name}' must be a group of keys and values (one `key: value` per line), not {value!r}"),
    "model_attributes_type": N_("'{name}' must be a group of keys and values (one `key: value` per line), not {value!r}"),
    "string_pattern_mismatch": N_("'{name}' is {value!r}; ids are lower-case English letters, digits and _"),
    "union_tag_not_found": N_("'{name}' needs `kind:`"),
}
_HINTS = {"string_type": N_("write the text after the colon; quote it if it starts with {, #, [ or *")}


def _literal_choices(expected: str) -> list[str]:
    return [part.strip(" '\"") for part in expected.replace(" or ", ",").split(",") if part.strip()]


def _fields_at(model: type[BaseModel], loc: KeyPath, data: Any) -> list[str]:
    """Return the field names of the model found at loc (list indices skipped); where the place holds one of
    several models (a slide of any kind), the one its data's `kind` names."""
    import typing

    current: Any = model
    value = data
    for part in loc:
        if isinstance(part, int):
            value = value[part] if isinstance(value, list) and 0 <= part < len(value) else None
            continue
        chosen = _model_for(current, value, typing)
        field = chosen.model_fields.get(part) if chosen is not None else None
        if field is None:
            return []
        current = field.annotation
        value = value.get(part) if isinstance(value, dict) else None
    chosen = _model_for(current, value, typing)
    # the keys as a layout writes them: `$schema`, not the field's Python name
    return [field.alias or name for name, field in chosen.model_fields.items()] if chosen is not None else []


def _model_for(annotation: Any, value: Any, typing: ModuleType) -> type[BaseModel] | None:
    """The model of an annotation that the value is meant for: the union member whose `kind` it names, else the
    first model in the annotation."""
    models = _models_in(annotation, typing)
    kind = value.get("kind") if isinstance(value, dict) else None
    for candidate in models:
        tag = candidate.model_fields.get("kind")
        if kind is not None and tag is not None and kind in typing.get_args(tag.annotation):
            return candidate
    return models[0] if models else None


def _models_in(annotation: Any, typing: ModuleType) -> list[type[BaseModel]]:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [annotation]
    return [model for arg in typing.get_args(annotation) for model in _models_in(arg, typing)]
