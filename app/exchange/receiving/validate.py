"""Every value of every incoming record checked against the columns it goes into.

A signed file from a trusted office is still checked: its program may be older,
newer or broken. One bad record refuses the whole file (TRUST.md check 10),
naming the table, the record and the column.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, datetime
from typing import Any

from app.exchange.errors import FileRefused
from app.exchange.tables import Field, SyncTable

UUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")
SHA256 = re.compile(r"^[0-9a-f]{64}$")
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_DATETIME = re.compile(r"^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}(\.\d{1,6})?$")
MAX_TEXT = 2_000_000
MAX_LINKS = 10_000
_RECORD_KEYS = {"u", "o", "r", "d", "c", "m", "f"}


class BadRecord(Exception):
    """One record that cannot be taken; becomes FileRefused with its place."""


def invalid(table: str, uuid: object, problem: str) -> FileRefused:
    return FileRefused(
        "invalid",
        f"交换文件中有一条记录不符合要求（表 {table}，记录 {str(uuid)[:36]}）：{problem}。",
        "整个文件都没有导入。请对方升级到相同版本的程序后重新导出，或联系技术人员。",
    )


def check_record(table: SyncTable, record: object) -> None:
    if type(record) is not dict:
        raise BadRecord("不是一条记录")
    keys = record.keys()
    if not keys >= _RECORD_KEYS or keys - _RECORD_KEYS - {"l"}:
        raise BadRecord("记录的组成不对")
    if not (_is_uuid(record["u"]) and _is_uuid(record["o"])):
        raise BadRecord("编号格式不对")
    if not _is_int(record["r"]) or not 1 <= record["r"] < 2**31:
        raise BadRecord("版本号不对")
    if not (_ok_datetime(record["c"]) and _ok_datetime(record["m"])) or not (
        record["d"] is None or _ok_datetime(record["d"])
    ):
        for key in ("c", "m"):  # which one, in words
            _check_datetime(record[key], nullable=False)
        _check_datetime(record["d"], nullable=True)
    fields = record["f"]
    if type(fields) is not dict or fields.keys() != table.field_names:
        raise BadRecord("字段与本程序的数据结构不一致")
    checks = _CHECKERS.get(table.name)
    if checks is None or checks[0] is not table:
        checks = _CHECKERS[table.name] = (table, _column_checks(table))
    for name, ok, f in checks[1]:
        if not ok(fields[name]):
            raise BadRecord(f"字段 {name}：{_problem(f, fields[name])}")
    _check_links(table, record.get("l"))


_CHECKERS: dict[str, tuple[SyncTable, tuple[tuple[str, Callable[[Any], bool], Field], ...]]] = {}


def _column_checks(table: SyncTable) -> tuple[tuple[str, Callable[[Any], bool], Field], ...]:
    """Per column, one precompiled test (True: the value fits), made once per table.

    Each accepts exactly what check_value accepts; the wording of a refusal comes
    from check_value, asked only when a test fails."""
    return tuple((f.name, _compile(f), f) for f in table.fields)


def _compile(f: Field) -> Callable[[Any], bool]:
    ok = _compile_kind(f)
    if not f.nullable:
        return ok
    return lambda value: value is None or ok(value)


def _compile_kind(f: Field) -> Callable[[Any], bool]:
    kind = f.kind
    if kind == "text":
        limit = f.max_length or MAX_TEXT
        return lambda value: type(value) is str and len(value) <= limit
    if kind == "ref":
        uuid = UUID.fullmatch
        return lambda value: type(value) is str and uuid(value) is not None
    if kind == "enum":
        choices = f.choices or frozenset()
        return lambda value: type(value) is str and value in choices
    if kind == "int":
        return lambda value: type(value) is int and -(2**63) < value < 2**63
    if kind == "bool":
        return lambda value: type(value) is int and (value == 0 or value == 1)
    if kind == "date":
        return _ok_date
    if kind == "datetime":
        return _ok_datetime
    if kind == "blob":
        sha = SHA256.fullmatch
        return lambda value: type(value) is str and sha(value) is not None
    raise TypeError(f"no check for column kind {kind!r}")


def _problem(f: Field, value: Any) -> str:
    try:
        check_value(f, value)
    except BadRecord as exc:
        return str(exc)
    return "取值不对"  # not reached: the compiled test and check_value agree


def _ok_date(value: object) -> bool:
    try:
        _check_date(value)
    except BadRecord:
        return False
    return True


def _ok_datetime(value: object) -> bool:
    if type(value) is not str or _DATETIME.fullmatch(value) is None:
        return False
    try:
        datetime.fromisoformat(value)
    except ValueError:
        return False
    return True


def check_value(f: Field, value: Any) -> None:
    if value is None:
        if not f.nullable:
            raise BadRecord("不能为空")
        return
    _CHECKS[f.kind](f, value)


def _int(f: Field, value: Any) -> None:
    if not _is_int(value) or abs(value) >= 2**63:
        raise BadRecord("应为整数")


def _bool(f: Field, value: Any) -> None:
    if type(value) is not int or value not in (0, 1):
        raise BadRecord("应为 0 或 1")


def _text(f: Field, value: Any) -> None:
    limit = f.max_length or MAX_TEXT
    if not isinstance(value, str) or len(value) > limit:
        raise BadRecord(f"应为不超过 {limit} 字的文字")


def _enum(f: Field, value: Any) -> None:
    if not isinstance(value, str) or value not in (f.choices or ()):
        raise BadRecord("取值不在允许范围内")


def _datetime(f: Field, value: Any) -> None:
    _check_datetime(value, nullable=False)


def _ref(f: Field, value: Any) -> None:
    if not _is_uuid(value):
        raise BadRecord("引用的编号格式不对")


def _blob(f: Field, value: Any) -> None:
    if not isinstance(value, str) or not SHA256.fullmatch(value):
        raise BadRecord("附件校验值格式不对")


def _date(f: Field, value: Any) -> None:
    _check_date(value)


_CHECKS = {
    "int": _int,
    "bool": _bool,
    "text": _text,
    "enum": _enum,
    "date": _date,
    "datetime": _datetime,
    "ref": _ref,
    "blob": _blob,
}


def _check_links(table: SyncTable, links: object) -> None:
    expected = {link.key for link in table.links}
    if links is None:
        if expected:
            raise BadRecord("缺少关联")
        return
    if not isinstance(links, dict) or set(links) != expected:
        raise BadRecord("关联与本程序的数据结构不一致")
    for values in links.values():
        if not isinstance(values, list) or len(values) > MAX_LINKS:
            raise BadRecord("关联格式不对")
        if not all(_is_uuid(v) for v in values) or len(set(values)) != len(values):
            raise BadRecord("关联的编号不对")


def check_purge(entry: object, tables: set[str]) -> None:
    if (
        not isinstance(entry, dict)
        or set(entry) != {"t", "u", "o"}
        or entry["t"] not in tables
        or not _is_uuid(entry["u"])
        or not _is_uuid(entry["o"])
    ):
        raise BadRecord("删除记录的格式不对")


def _is_uuid(value: object) -> bool:
    return type(value) is str and UUID.fullmatch(value) is not None


def _is_int(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _check_date(value: object) -> None:
    if not isinstance(value, str) or not _DATE.fullmatch(value):
        raise BadRecord("日期格式不对")
    try:
        date.fromisoformat(value)
    except ValueError:
        raise BadRecord("日期不存在") from None


def _check_datetime(value: object, nullable: bool) -> None:
    if value is None and nullable:
        return
    if not isinstance(value, str) or not _DATETIME.fullmatch(value):
        raise BadRecord("时间格式不对")
    try:
        datetime.fromisoformat(value)
    except ValueError:
        raise BadRecord("时间不存在") from None


def upgrade_record(table: SyncTable, record: object) -> object:
    """A record from an older program: columns it did not have yet take their defaults."""
    if not isinstance(record, dict) or not isinstance(record.get("f"), dict):
        return record
    fields = dict(record["f"])
    for f in table.fields:
        if f.name not in fields:
            fields[f.name] = _default(table, f)
    return {**record, "f": fields}


def _default(table: SyncTable, f: Field) -> Any:
    column = table.table.c[f.name]
    default = column.default
    if default is not None and getattr(default, "is_scalar", False):
        value = default.arg  # type: ignore[attr-defined]
        return int(value) if isinstance(value, bool) else getattr(value, "value", value)
    server = column.server_default
    if server is not None and isinstance(getattr(server, "arg", None), str):
        return server.arg  # type: ignore[attr-defined]
    if f.nullable:
        return None
    raise BadRecord(f"缺少字段 {f.name}，且该字段没有默认值")
