"""Where the exchange with each partner stands, and the exchange history, for the page."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.common.errors import KnownError
from app.common.jobs import Progress, ProgressTracker
from app.common.storage import Database
from app.common.text import day_text, document_day
from app.exchange import cards
from app.exchange.errors import CONTAINER_ERRORS
from app.exchange.file_format import container
from app.exchange.labels import table_label
from app.exchange.partners import trusted_partners
from app.office.identity import current_key, fingerprint
from app.office.office import require_local_office
from db.exchange_models import ExchangeLog, ExchangePartner
from db.models import Office, OfficeLevel

KIND_LABELS = {"sent": "发出", "received": "导入", "receipt": "回执"}


@dataclass(frozen=True)
class PartnerStatus:
    uuid: str
    name: str
    code: str
    level: OfficeLevel
    fingerprint: str
    last_sent: int | None
    last_sent_at: datetime | None
    last_sent_file: str
    acked: int  # their newest receipt read here
    waiting: tuple[int, ...]  # sent, not yet acknowledged
    applied: int  # their newest file imported here
    last_received_at: datetime | None
    last_file_created: datetime | None  # when they made their newest file we applied

    def to_json(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "code": self.code,
            "level": self.level.value,
            "fingerprint": self.fingerprint,
            "last_sent": self.last_sent,
            "last_sent_file": self.last_sent_file,
            "acknowledged": self.acked,
            "waiting": list(self.waiting),
            "last_received": self.applied,
            "last_file_created": _iso(self.last_file_created),
        }


@dataclass(frozen=True)
class HistoryRow:
    recorded_at: datetime
    kind: str
    result: str
    partner: str
    sequence: int | None
    file_name: str
    file_sha256: str
    summary: str

    @property
    def kind_label(self) -> str:
        return KIND_LABELS.get(self.kind, self.kind)


def exchange_status(database: Database) -> list[PartnerStatus]:
    with database.read() as session:
        found = []
        for office in trusted_partners(session):
            key = current_key(session, office.uuid)
            assert key is not None
            state = session.get(ExchangePartner, office.uuid)
            sent = list(
                session.scalars(
                    select(ExchangeLog)
                    .where(ExchangeLog.partner_uuid == office.uuid, ExchangeLog.kind == "sent")
                    .order_by(ExchangeLog.sequence)
                )
            )
            received = session.scalar(
                select(ExchangeLog.recorded_at)
                .where(ExchangeLog.partner_uuid == office.uuid, ExchangeLog.kind == "received")
                .order_by(ExchangeLog.id.desc())
                .limit(1)
            )
            acked = state.acked_sequence if state else 0
            last = sent[-1] if sent else None
            found.append(
                PartnerStatus(
                    uuid=office.uuid,
                    name=office.name,
                    code=office.division_code,
                    level=office.level,
                    fingerprint=fingerprint(key.sign_public, key.encrypt_public),
                    last_sent=last.sequence if last else None,
                    last_sent_at=last.recorded_at if last else None,
                    last_sent_file=last.file_name if last else "",
                    acked=acked,
                    waiting=tuple(s.sequence for s in sent if (s.sequence or 0) > acked),
                    applied=state.applied_max if state else 0,
                    last_received_at=received,
                    last_file_created=state.last_file_created if state else None,
                )
            )
        return found


def exchange_history(database: Database, limit: int = 500) -> list[HistoryRow]:
    with database.read() as session:
        rows = session.scalars(select(ExchangeLog).order_by(ExchangeLog.id.desc()).limit(limit))
        return [
            HistoryRow(
                recorded_at=r.recorded_at,
                kind=r.kind,
                result=r.result,
                partner=r.partner_label,
                sequence=r.sequence,
                file_name=r.file_name,
                file_sha256=r.file_sha256,
                summary=_summary_text(r),
            )
            for r in rows
        ]


@dataclass(frozen=True)
class TakenIn:
    """When this very file (by its SHA-256) was first imported, or this receipt read, here."""

    kind: str  # received / receipt
    at: datetime  # aware UTC, as stored

    @property
    def text(self) -> str:
        """此文件已于 2026年12月1日 14:05 导入 (local time: the clerk's clock)."""
        local = self.at.astimezone()
        when = f"{document_day(local.date())} {local:%H:%M}"
        return f"此回执已于 {when} 读取" if self.kind == "receipt" else f"此文件已于 {when} 导入"

    @property
    def advice(self) -> str:
        if self.kind == "receipt":
            return "再次读取不会改变任何内容，无需再读取。"
        return (
            "再次导入不会重复写入已有的记录，也不会多写回执（U盘上已有的有效回执会继续使用）。"
            "如只是想确认，请点“取消”；对方没有收到回执时，可以再导入一次把回执写到U盘。"
        )


def taken_in(session: Session, file_sha256: str) -> TakenIn | None:
    row = session.execute(
        select(ExchangeLog.kind, ExchangeLog.recorded_at)
        .where(
            ExchangeLog.file_sha256 == file_sha256,
            ExchangeLog.kind.in_(("received", "receipt")),
            ExchangeLog.result.in_(("applied", "read")),
        )
        .order_by(ExchangeLog.id)
        .limit(1)
    ).first()
    return TakenIn(row.kind, row.recorded_at) if row is not None else None


_DATA_NAME = re.compile(r"^(\d{6})-(\d+)-\d{8}\.cppccx$", re.IGNORECASE)
_RECEIPT_NAME = re.compile(r"^(\d{6})-(\d{6})-ack(\d+)", re.IGNORECASE)
_CARD_NAME = re.compile(r"^(\d{6})", re.IGNORECASE)


def describe_files(database: Database, paths: list[Path]) -> dict[Path, str]:
    """What each file on a stick is, going by its name only (the import checks the rest)."""
    with database.read() as session:
        local = require_local_office(session).division_code
        names = {
            code: name for code, name in session.execute(select(Office.division_code, Office.name))
        }

    def who(code: str) -> str:
        return "本单位" if code == local else names.get(code, f"代码 {code} 的单位")

    found = {}
    for path in paths:
        name = path.name
        if data := _DATA_NAME.match(name):
            sender, number = data.group(1), int(data.group(2))
            found[path] = (
                f"本单位发出的第 {number} 号文件"
                if sender == local
                else f"{who(sender)}发来的第 {number} 号文件"
            )
        elif receipt := _RECEIPT_NAME.match(name):
            sender, to, number = receipt.group(1), receipt.group(2), int(receipt.group(3))
            found[path] = (
                f"本单位给{who(to)}的回执"
                if sender == local
                else f"{who(sender)}的回执：已导入到第 {number} 号"
            )
        elif card := _CARD_NAME.match(name):
            found[path] = f"{who(card.group(1))}的单位名片"
        else:
            found[path] = ""
    return found


@dataclass(frozen=True)
class FileState:
    text: str  # the 状态 column: 已导入（2025-03-01）, 未导入, 发给……
    new: bool  # an exchange file, receipt or card for this office not taken in yet
    note: str = ""  # whose file, from its header, when its name does not say (renamed)


@dataclass(frozen=True)
class _Read:
    sha256: str
    kind: str  # data / receipt
    sender: str  # uuid, as the header says (checked only by the import)
    recipient: str
    recipient_name: str
    sender_name: str
    number: int | None  # a data file's sequence; a receipt's acknowledged number

    def note(self, local: str) -> str:
        """What describe_files would say, from the header: for a file the clerk renamed."""
        if self.sender == local:
            return "本单位发出的文件"
        if self.kind == "receipt":
            return f"{self.sender_name}的回执：已导入到第 {self.number} 号（文件名已改动）"
        return f"{self.sender_name}发来的第 {self.number} 号文件（文件名已改动）"


# (path, size, modified) → what its header says and its hash: a stick is listed again after
# every import, and hashing a slow stick's files each time would keep the clerk waiting.
_read_cache: dict[tuple[str, int, int], _Read | None] = {}
_SEEN_LABELS = {"received": "已导入", "receipt": "已读取", "sent": "已发出"}


def file_states(
    database: Database, paths: list[Path], progress: Progress | None = None
) -> dict[Path, FileState]:
    """Whether each file on a stick was taken in here already, by its SHA-256 in the
    exchange history (the very same bytes: a file made again under the same number is
    new). The header is not checked here: the import checks everything, and a file seen
    before may be imported again (it changes nothing and reuses its receipt)."""
    progress = progress or ProgressTracker()
    read: dict[Path, _Read | None] = {}
    for done, path in enumerate(paths):
        progress.report(done, len(paths), f"正在核对U盘上的文件（{done + 1}/{len(paths)}）…")
        if path.suffix.lower() != cards.CARD_SUFFIX:
            read[path] = _read_file(path)
    with database.read() as session:
        local = require_local_office(session).uuid
        hashes = {r.sha256 for r in read.values() if r is not None}
        seen = {  # the newest entry for each file (a file imported twice: the second time)
            sha: (kind, when)
            for sha, kind, when in session.execute(
                select(ExchangeLog.file_sha256, ExchangeLog.kind, ExchangeLog.recorded_at)
                .where(ExchangeLog.file_sha256.in_(hashes))
                .order_by(ExchangeLog.id)
            )
        }
    found = {}
    for path in paths:
        if path.suffix.lower() == cards.CARD_SUFFIX:
            found[path] = _card_state(database, path, local)
            continue
        file = read[path]
        state = _state_of(file, seen, local)
        if file is not None and not (_DATA_NAME.match(path.name) or _RECEIPT_NAME.match(path.name)):
            state = FileState(state.text, state.new, file.note(local))
        found[path] = state
    return found


def _state_of(file: _Read | None, seen: dict[str, tuple[str, datetime]], local: str) -> FileState:
    if file is None:
        return FileState("无法读取（文件可能已损坏）", False)
    if file.sha256 in seen:
        kind, when = seen[file.sha256]
        day = day_text(when.astimezone().date())
        return FileState(f"{_SEEN_LABELS.get(kind, kind)}（{day}）", False)
    if file.sender == local:
        return FileState("本单位发出", False)
    if file.recipient != local:
        return FileState(f"发给{file.recipient_name}，不是本单位", False)
    return FileState("未读取" if file.kind == "receipt" else "未导入", True)


def _read_file(path: Path) -> _Read | None:
    try:
        stat = path.stat()
        key = (str(path), stat.st_size, stat.st_mtime_ns)
        if key not in _read_cache:
            if len(_read_cache) > 1000:
                _read_cache.clear()
            opened = container.open_file(path)
            head = opened.header
            recipient = head.get("recipient") or {}
            number = head.get("acknowledges" if head.get("kind") == "receipt" else "sequence")
            _read_cache[key] = _Read(
                sha256=opened.file_sha256,
                kind=str(head.get("kind")),
                sender=str((head.get("sender") or {}).get("uuid")),
                recipient=str(recipient.get("uuid")),
                recipient_name=str(recipient.get("name"))[:60],
                sender_name=str((head.get("sender") or {}).get("name"))[:60],
                number=number if isinstance(number, int) else None,
            )
        return _read_cache[key]
    except (OSError, KnownError, AttributeError, *CONTAINER_ERRORS):
        return None


def _card_state(database: Database, path: Path, local: str) -> FileState:
    try:
        card = cards.read_card(path)
    except (KnownError, *CONTAINER_ERRORS):
        return FileState("无法读取（文件可能已损坏）", False)
    if card.uuid == local:
        return FileState("本单位名片", False)
    status, _ = cards.card_status(database, card)
    if status == "same":
        return FileState("已信任", False)
    return FileState("未信任" if status == "new" else "密钥与已信任的不同", True)


def _summary_text(row: ExchangeLog) -> str:
    if row.kind == "receipt":
        return f"对方已导入到第 {row.sequence} 号"
    try:
        data = json.loads(row.summary_json) if row.summary_json else {}
    except ValueError:
        return ""
    if row.kind == "sent":
        tables = data.get("tables", {})
        total = sum(tables.values())
        top = sorted(tables.items(), key=lambda kv: -kv[1])[:3]
        detail = "、".join(f"{table_label(t)} {n}" for t, n in top)
        return f"{total} 条记录" + (f"（{detail}…）" if detail else "")
    totals = {"new": 0, "changed": 0, "unchanged": 0, "conflicts": 0}
    for counts in data.values():
        for key in totals:
            totals[key] += counts.get(key, 0)
    return (
        f"新增 {totals['new']}，更新 {totals['changed']}，"
        f"未变 {totals['unchanged']}，冲突 {totals['conflicts']}"
    )


def _iso(value: datetime | None) -> str | None:
    return value.isoformat() if value else None
