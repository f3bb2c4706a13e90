"""The exchange file's header: what it says, and the checks made before trusting it.

Format version 1. A file of a newer format says "please upgrade"; a file that
requires a feature this program lacks is refused; an older format would be
read through UPGRADES (none exists yet: version 1 is the first).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

from app import __version__
from app.exchange.errors import FileRefused, damaged, newer_format
from app.exchange.receiving.validate import SHA256, UUID
from db import migrate

FORMAT = "cppcc-desk exchange"
FORMAT_VERSION = 1
SUPPORTED_FEATURES: frozenset[str] = frozenset()
KINDS = ("data", "receipt")
# version → a function turning a header of that version into the next one.
UPGRADES: dict[int, Callable[[dict[str, Any]], dict[str, Any]]] = {}


def party(office: Any, fingerprint: str) -> dict[str, str]:
    return {
        "uuid": office.uuid,
        "code": office.division_code,
        "name": office.name,
        "level": office.level.value,
        "fingerprint": fingerprint,
    }


def base_header(kind: str, sender: dict[str, str], recipient: dict[str, str]) -> dict[str, Any]:
    return {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "requires": [],
        "kind": kind,
        "sender": sender,
        "recipient": recipient,
        "created": datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "schema_revision": migrate.head_revision(),
        "program_version": __version__,
    }


def check_shape(header: dict[str, Any]) -> dict[str, Any]:
    """Version and shape, before the signature is checked; the (upgraded) header."""
    if header.get("format") != FORMAT:
        raise damaged("不是交换文件")
    version = header.get("format_version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise damaged("格式版本不对")
    if version > FORMAT_VERSION:
        raise newer_format(version)
    while version < FORMAT_VERSION:
        header = UPGRADES[version](header)
        version = header["format_version"]
    requires = header.get("requires")
    if not isinstance(requires, list):
        raise damaged("文件头不对")
    missing = [str(r)[:40] for r in requires if r not in SUPPORTED_FEATURES]
    if missing:
        raise FileRefused(
            "newer_format",
            f"此交换文件需要本程序没有的功能（{'、'.join(missing)}）。",
            "请升级本程序到最新版本后再导入。本次未导入任何内容。",
        )
    if header.get("kind") not in KINDS:
        raise damaged("文件类型不对")
    for side in ("sender", "recipient"):
        who = header.get(side)
        if (
            not isinstance(who, dict)
            or not isinstance(who.get("uuid"), str)
            or not UUID.fullmatch(who["uuid"])
            or not isinstance(who.get("code"), str)
            or not isinstance(who.get("name"), str)
        ):
            raise damaged("收发单位不对")
    return header


def check_data_header(header: dict[str, Any]) -> None:
    """The parts of a data file's header the import relies on (after the signature)."""
    for key in ("sequence", "base", "acknowledges"):
        value = header.get(key)
        if not isinstance(value, int) or isinstance(value, bool) or not 0 <= value < 2**31:
            raise damaged("序号不对")
    if header["sequence"] < 1 or header["base"] >= header["sequence"]:
        raise damaged("序号不对")
    tables = header.get("tables")
    if not isinstance(tables, dict) or not isinstance(header.get("attachments"), dict):
        raise damaged("清单不对")
    for entry in (*tables.values(), header.get("purged")):
        if (
            not isinstance(entry, dict)
            or not isinstance(entry.get("count"), int)
            or not isinstance(entry.get("sha256"), str)
            or not SHA256.fullmatch(entry["sha256"])
        ):
            raise damaged("清单不对")
    if not isinstance(header.get("wrap"), dict) or header.get("cipher") != "AES-256-GCM":
        raise damaged("加密信息不对")
    if not isinstance(header.get("schema_revision"), str):
        raise damaged("结构版本不对")


def created_at(header: dict[str, Any]) -> datetime | None:
    try:
        return datetime.strptime(str(header.get("created")), "%Y-%m-%dT%H:%M:%SZ").replace(
            tzinfo=UTC
        )
    except ValueError:
        return None


def schema_is_known(revision: str) -> bool:
    return revision in migrate.known_revisions()
