"""Partner offices (those whose card this office trusts) and where each exchange stands."""

from __future__ import annotations

import json
import zlib

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.common.errors import KnownError
from app.office.identity import current_key
from db.exchange_models import ExchangeLog, ExchangePartner, OfficeKey
from db.models import Office, OfficeLevel

PURGED_REVISION = -1  # in an acked map: the partner removed this record too


def pack_map(revisions: dict[str, int]) -> bytes:
    # Level 1: a fifth of level 6's time for a county's whole map, a little larger.
    return zlib.compress(json.dumps(revisions, separators=(",", ":")).encode("ascii"), 1)


def unpack_map(blob: bytes | None) -> dict[str, int]:
    return json.loads(zlib.decompress(blob)) if blob else {}


def trusted_partners(session: Session) -> list[Office]:
    """Offices with a trusted card, by code."""
    return list(
        session.scalars(
            select(Office)
            .where(
                Office.is_local.is_(False),
                Office.deleted_at.is_(None),
                Office.uuid.in_(
                    select(OfficeKey.office_uuid).where(OfficeKey.retired_at.is_(None))
                ),
            )
            .order_by(Office.division_code)
        )
    )


def partner_by_code(session: Session, code: str) -> Office:
    office = session.scalar(
        select(Office).where(Office.division_code == code.strip(), Office.is_local.is_(False))
    )
    if office is None or current_key(session, office.uuid) is None:
        raise KnownError(
            f"本单位没有信任代码为 {code} 的单位。",
            "请先导入对方的单位名片（office trust 文件），电话核对指纹后再交换文件。",
        )
    return office


def state(session: Session, office_uuid: str) -> ExchangePartner:
    row = session.get(ExchangePartner, office_uuid)
    if row is None:
        row = ExchangePartner(
            office_uuid=office_uuid, next_sequence=1, acked_sequence=0, applied_max=0
        )
        session.add(row)
        session.flush()
    return row


def check_direction(local: Office, partner: Office) -> None:
    if local.level == partner.level or OfficeLevel.CITY not in (local.level, partner.level):
        raise KnownError(
            f"本单位与“{partner.name}”同为{'市' if local.level is OfficeLevel.CITY else '县'}级，"
            "不在两者之间交换文件。",
            "交换文件只在市政协与所辖县（市、区）政协之间往来。",
        )


def read_ack(session: Session, partner: ExchangePartner, sequence: int) -> bool:
    """The partner has applied our file `sequence`: what it carried is now theirs.

    True when this moved the acknowledgement forward.
    """
    if sequence <= partner.acked_sequence:
        return False
    sent = session.scalar(
        select(ExchangeLog).where(
            ExchangeLog.partner_uuid == partner.office_uuid,
            ExchangeLog.kind == "sent",
            ExchangeLog.sequence == sequence,
        )
    )
    if sent is None:
        # A receipt for a file this database never wrote (restored from a backup?):
        # never number a new file the same again.
        partner.next_sequence = max(partner.next_sequence, sequence + 1)
        return False
    acked = unpack_map(partner.acked_map)
    for uuid, revision in unpack_map(sent.sent_map).items():
        if revision == PURGED_REVISION or revision > acked.get(uuid, 0):
            acked[uuid] = revision
    partner.acked_map = pack_map(acked)
    partner.acked_sequence = sequence
    # Files up to this one no longer need their maps.
    for older in session.scalars(
        select(ExchangeLog).where(
            ExchangeLog.partner_uuid == partner.office_uuid,
            ExchangeLog.kind == "sent",
            ExchangeLog.sequence <= sequence,
            ExchangeLog.sent_map.is_not(None),
        )
    ):
        older.sent_map = None
    return True
