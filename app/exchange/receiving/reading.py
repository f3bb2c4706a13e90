"""Reading an exchange file before anything is written: in TRUST.md's order.

local copy → header shape and version → sender trusted? → signature over the
whole file → addressed to us? → unwrap the key → decrypt → unzip with bounds →
every record checked. Any failure is a FileRefused with a plain message; the
database is only read.
"""

from __future__ import annotations

from dataclasses import dataclass
from operator import itemgetter
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.exchange.errors import (
    CONTAINER_ERRORS,
    FileRefused,
    bad_signature,
    damaged,
    not_for_us,
    unknown_sender,
    wrong_key,
)
from app.exchange.file_format import container, crypto, header
from app.exchange.file_format.payload import read_payload
from app.exchange.receiving.column_checks import table_is_clean
from app.exchange.receiving.plan import Incoming
from app.exchange.receiving.validate import (
    BadRecord,
    check_purge,
    check_record,
    invalid,
    upgrade_record,
)
from app.exchange.records import canonical, digest, table_digest
from app.exchange.tables import sync_table, sync_tables
from app.office.identity import current_key, decryption_keys
from app.office.office import require_local_office
from db import migrate
from db.models import Office

MAX_PLAINTEXT = 8 << 30


@dataclass(frozen=True)
class Identified:
    opened: container.Opened
    header: dict[str, Any]
    local: Office
    sender: Office
    content_key: bytes | None  # data files for this office only


def open_checked(path: Path) -> container.Opened:
    try:
        return container.open_file(path)
    except FileRefused:
        raise
    except OSError:
        raise
    except CONTAINER_ERRORS as exc:
        raise damaged() from exc


def identify(session: Session, opened: container.Opened, verify_only: bool = False) -> Identified:
    """Who sent it (trusted?), signed by them?, for us?, and its key (data files).

    `verify_only` also accepts this office's own files and files for others
    (their signature is checked; only a file for us can be decrypted)."""
    try:
        head = header.check_shape(opened.header)
    except FileRefused:
        raise
    except CONTAINER_ERRORS as exc:
        raise damaged() from exc
    local = require_local_office(session)
    claimed = head["sender"]
    if claimed["uuid"] == local.uuid and not verify_only:
        raise FileRefused(
            "own_file",
            "这是本单位自己发出的文件，不需要在本机导入。",
            "请把它交给收件单位导入；本次未导入任何内容。",
        )
    sender = session.scalar(
        select(Office).where(
            Office.uuid == claimed["uuid"],
            Office.is_local.is_(verify_only and claimed["uuid"] == local.uuid),
        )
    )
    key = current_key(session, sender.uuid) if sender is not None else None
    if sender is None or key is None:
        raise unknown_sender(str(claimed["name"])[:60], str(claimed["code"])[:12])
    try:
        container.verify(opened, key.sign_public)
    except CONTAINER_ERRORS as exc:
        raise bad_signature(sender.name) from exc
    recipient = head["recipient"]
    for_us = recipient["uuid"] == local.uuid
    if not for_us and not verify_only:
        raise not_for_us(str(recipient["name"])[:60], str(recipient["code"])[:12])
    content_key = None
    if head["kind"] == "data" and for_us:
        try:
            header.check_data_header(head)
        except FileRefused:
            raise
        except CONTAINER_ERRORS as exc:
            raise damaged() from exc
        content_key = _unwrap(session, local, head)
    return Identified(opened, head, local, sender, content_key)


def _unwrap(session: Session, local: Office, head: dict[str, Any]) -> bytes:
    for private in decryption_keys(session, local.uuid):
        try:
            return crypto.unwrap_key(head["wrap"], private)
        except crypto.InvalidTag:
            continue
        except CONTAINER_ERRORS as exc:
            raise damaged() from exc
    raise wrong_key()


def decrypt_and_read(ident: Identified, work: Path) -> Incoming:
    """Decrypt into `work`, read the zip with bounds, check every record."""
    assert ident.content_key is not None
    plain = work / "payload.zip"
    blobs = work / "blobs"
    blobs.mkdir(parents=True, exist_ok=True)
    try:
        container.decrypt(ident.opened, ident.content_key, plain, MAX_PLAINTEXT)
        payload = read_payload(plain, blobs)
    except FileRefused:
        raise
    except CONTAINER_ERRORS as exc:
        raise damaged() from exc
    head = ident.header
    revision = head["schema_revision"]
    if not header.schema_is_known(revision):
        raise FileRefused(
            "newer_format",
            f"此交换文件来自更新版本的程序（数据结构 {revision[:20]}），本程序无法读取。",
            "请升级本程序到最新版本后再导入。本次未导入任何内容。",
        )
    older = revision != migrate.head_revision()
    records = _checked_records(payload.records, older, head)
    names = {t.name for t in sync_tables()}
    for entry in payload.purged:
        try:
            check_purge(entry, names)
        except BadRecord as exc:
            raise invalid("purged", "", str(exc)) from exc
    _check_blobs(records, payload.blobs)
    return Incoming(head, records, payload.purged, payload.blobs)


def _checked_records(
    raw: dict[str, list[tuple[str, Any]]], older: bool, head: dict[str, Any]
) -> dict[str, list[tuple[str, dict[str, Any]]]]:
    known = {t.name for t in sync_tables()}
    result: dict[str, list[tuple[str, dict[str, Any]]]] = {}
    for name, rows in raw.items():
        if name not in known:
            raise invalid(name, "", "本程序没有这张表")
        table = sync_table(name)
        if not older and table_is_clean(table, list(map(itemgetter(1), rows))):
            result[name] = rows  # the usual file: checked column by column
            continue
        seen: set[str] = set()
        checked = []
        for line_digest, record in rows:
            uuid = record.get("u") if isinstance(record, dict) else None
            try:
                if older:
                    record = upgrade_record(table, record)
                check_record(table, record)
            except BadRecord as exc:
                raise invalid(name, uuid, str(exc)) from exc
            if record["u"] in seen:
                raise invalid(name, uuid, "同一记录出现了两次")
            seen.add(record["u"])
            checked.append((digest(canonical(record)) if older else line_digest, record))
        result[name] = checked
    if older:
        _upgrade_manifest(raw, result, head)
    return result


def _upgrade_manifest(
    raw: dict[str, list[tuple[str, Any]]],
    upgraded: dict[str, list[tuple[str, dict[str, Any]]]],
    head: dict[str, Any],
) -> None:
    """A file of an older structure: its lines must match its manifest as written;
    the check after applying then uses the records as upgraded."""
    manifest = head["tables"]
    for name, entry in manifest.items():
        rows = raw.get(name, [])
        found = table_digest((r["u"], d) for d, r in rows if isinstance(r, dict))
        if (len(rows), found) != (entry["count"], entry["sha256"]):
            raise damaged("清单与内容不符")
    head["tables"] = {
        name: {"count": len(rows), "sha256": table_digest((r["u"], d) for d, r in rows)}
        for name, rows in upgraded.items()
    }


def _check_blobs(
    records: dict[str, list[tuple[str, dict[str, Any]]]], blobs: dict[str, Path]
) -> None:
    for name, rows in records.items():
        table = sync_table(name)
        if not table.blobs:
            continue
        for _, record in rows:
            for f in table.blobs:
                sha = record["f"][f.name]
                if sha is not None and sha not in blobs:
                    raise invalid(name, record["u"], f"缺少附件内容（{f.name}）")
