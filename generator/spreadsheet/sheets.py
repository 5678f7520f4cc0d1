"""The dataset model's records as the sheets and columns of a workbook, derived from the model's fields: one sheet
per list of records, a key/value sheet per single record, one column per field (a sub-model's fields as dotted
columns, a list of texts as one item per line, anything else as YAML in one cell)."""
from __future__ import annotations

import datetime as dt
import types
import typing
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, Literal

from pydantic import BaseModel

#: how a field sits in a cell: one value, a list with one item per line, or YAML text (lists of records, mappings)
Shape = Literal["scalar", "lines", "yaml"]

#: the Chinese names of the fields' words; a field named here with _zh or _en is that name (中文)/(英文). A field
#: not named here is headed by its English name alone (its description is the header's comment).
CHINESE = {
    "id": "编号", "label": "名称", "name": "名称", "title": "标题", "headline": "主旨", "points": "要点",
    "value": "数值", "value_to": "数值上限", "unit": "单位", "qualifier": "限定词", "measure": "计量",
    "status": "状态", "subject": "主体", "section": "板块", "quote": "引文", "date": "日期", "kind": "类别",
    "members": "成员", "total": "合计", "parts": "组成部分", "complete": "完整", "roles": "角色", "actual": "实绩",
    "target": "目标", "file": "原文文件", "publication": "刊物", "edition": "版次", "authors": "作者",
    "body_after": "正文起始标记", "body_before": "正文结束标记", "results": "成绩年份", "plan": "计划年份",
    "short": "简称", "organisation": "机构", "mission": "使命", "mission_quote": "使命引文",
    "field": "字段", "description": "说明", "period": "时期", "rank": "排名", "of": "范围", "part_of": "所属",
    "sources": "出处", "source": "出处", "derived": "推算", "among": "排名基数", "among_unit": "基数单位",
    "share_of": "占比基数", "mission_line": "定位语", "plural": "复数", "formula": "算法",
}
_LANGUAGES = {"zh": "中文", "en": "英文"}
#: the most rows and columns a sheet may have (the dataset has about 100 facts of 14 fields)
MAX_ROWS = 5_000
MAX_COLUMNS = 100
_SCALARS = (str, int, float, bool, dt.date, Decimal)


@dataclass(frozen=True)
class Column:
    """One field of a record: its key path inside the record and how its value is written in a cell."""

    key: tuple[str, ...]
    shape: Shape
    types: frozenset[type]  # the scalar types the field accepts (of an item, for lines)
    choices: tuple[str, ...]  # the closed list of values of a Literal field
    required: bool
    description: str

    @property
    def name(self) -> str:
        return ".".join(self.key)

    @property
    def header(self) -> str:
        """The header shown: the Chinese name and the field's name, `引文 / quote`."""
        chinese = chinese_name(self.key)
        return f"{chinese} / {self.name}" if chinese else self.name

    @property
    def numeric(self) -> bool:
        return bool(self.types & {int, float, Decimal})

    @property
    def textual(self) -> bool:
        return str in self.types


@dataclass(frozen=True)
class Sheet:
    """A list of records (one row each) or a single record (one row per field) of the dataset model."""

    name: str
    many: bool
    model: type[BaseModel]
    columns: tuple[Column, ...]
    required: bool

    def column(self, name: str) -> Column | None:
        return next((c for c in self.columns if c.name == name), None)


def chinese_name(key: tuple[str, ...]) -> str:
    """The Chinese name of a (dotted) field, or "" when the table has none for one of its parts."""
    parts = []
    for word in key:
        if word in CHINESE:
            parts.append(CHINESE[word])
            continue
        base, _sep, language = word.rpartition("_")
        if language in _LANGUAGES and base in CHINESE:
            parts.append(f"{CHINESE[base]}（{_LANGUAGES[language]}）")
            continue
        return ""
    return "·".join(parts)


def sheets_of(model: type[BaseModel]) -> list[Sheet]:
    """The sheets of a workbook holding model: one per field that is a record or a list of records, in the model's
    order; the model's other fields share a key/value sheet named after the model's own fields ("dataset")."""
    sheets, loose = [], []
    for name, field in model.model_fields.items():
        inner, _nullable = _without_none(field.annotation)
        item = _sequence_item(inner)
        if item is not None and _is_model(item):
            sheets.append(Sheet(name, True, item, tuple(columns_of(item)), field.is_required()))
        elif _is_model(inner):
            sheets.append(Sheet(name, False, inner, tuple(columns_of(inner)), field.is_required()))
        else:
            loose.append(_column((name,), field.annotation, field.is_required(), field.description or ""))
    if loose:
        sheets.append(Sheet("dataset", False, model, tuple(loose), False))
    return sheets


def columns_of(model: type[BaseModel], prefix: tuple[str, ...] = ()) -> list[Column]:
    """The columns of a record: its fields in order, a sub-model's fields as dotted columns (`rank.of`)."""
    found = []
    for name, field in model.model_fields.items():
        inner, _nullable = _without_none(field.annotation)
        if _is_model(inner) and _written_as_text(model, name):  # a period: one cell of its text (2022年1—10月)
            found.append(Column(prefix + (name,), "scalar", frozenset({str}), (), field.is_required(),
                                field.description or ""))
        elif _is_model(inner):
            found += columns_of(inner, prefix + (name,))
        else:
            found.append(_column(prefix + (name,), field.annotation, field.is_required(), field.description or ""))
    return found


def _written_as_text(model: type[BaseModel], name: str) -> bool:
    """Whether the model writes the field's sub-model as text of its own (a field serializer), which its validator
    reads back: then the field is one column, not a column per field of the sub-model."""
    serializers = model.__pydantic_decorators__.field_serializers.values()
    return any(name in serializer.info.fields for serializer in serializers)


def _column(key: tuple[str, ...], annotation: Any, required: bool, description: str) -> Column:
    inner, _nullable = _without_none(annotation)
    item = _sequence_item(inner)
    if item is not None:
        scalar = _scalar(item)
        if scalar is not None:
            return Column(key, "lines", scalar[0], scalar[1], required, description)
        return Column(key, "yaml", frozenset(), (), required, description)
    scalar = _scalar(inner)
    if scalar is not None:
        return Column(key, "scalar", scalar[0], scalar[1], required, description)
    return Column(key, "yaml", frozenset(), (), required, description)


def _without_none(annotation: Any) -> tuple[Any, bool]:
    args = typing.get_args(annotation)
    if _is_union(annotation) and type(None) in args:
        rest = tuple(a for a in args if a is not type(None))
        return (rest[0] if len(rest) == 1 else typing.Union[rest]), True  # noqa: UP007 - built from a tuple
    return annotation, False


def _is_union(annotation: Any) -> bool:
    return typing.get_origin(annotation) in (typing.Union, types.UnionType)


def _is_model(annotation: Any) -> bool:
    return isinstance(annotation, type) and issubclass(annotation, BaseModel)


def _sequence_item(annotation: Any) -> Any | None:
    """The item type of tuple[X, ...], list[X], set[X] or frozenset[X]; None for anything else."""
    origin = typing.get_origin(annotation)
    args = typing.get_args(annotation)
    if origin is tuple and len(args) == 2 and args[1] is Ellipsis:
        return args[0]
    if origin in (list, set, frozenset) and len(args) == 1:
        return args[0]
    return None


def _scalar(annotation: Any) -> tuple[frozenset[type], tuple[str, ...]] | None:
    """The scalar types and Literal choices of a field that holds one plain value; None for anything else."""
    if typing.get_origin(annotation) is Literal:
        choices = typing.get_args(annotation)
        if all(isinstance(c, str) for c in choices):
            return frozenset({str}), tuple(choices)
        return None
    if _is_union(annotation):
        kinds: set[type] = set()
        choices_all: list[str] = []
        for arg in typing.get_args(annotation):
            if arg is type(None):
                continue
            part = _scalar(arg)
            if part is None:
                return None
            kinds |= part[0]
            choices_all += part[1]
        # a Literal joined with free text is open: no closed list
        return frozenset(kinds), (tuple(choices_all) if kinds == {str} and choices_all and not any(
            a is str for a in typing.get_args(annotation)) else ())
    if isinstance(annotation, type) and issubclass(annotation, _SCALARS):
        kind = dt.date if issubclass(annotation, dt.date) else annotation
        return frozenset({kind}), ()
    return None
