"""Office cards (单位名片): an office's name, code and public keys, carried once by USB.

The partner imports the card; both screens then show the same fingerprint,
which the clerks read to each other on the phone. A city trusts its counties'
cards, a county its city's. A card with new keys for a known office (a lost or
reinstalled PC) replaces the old keys only when the clerk confirms the new
fingerprint.
"""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from app.common.documents import write_atomically
from app.common.errors import KnownError, translate_os_error
from app.common.storage import Database
from app.common.text import clean_line, clean_text
from app.exchange import usb
from app.exchange.file_format import crypto
from app.exchange.tables import sync_tables
from app.office.identity import (
    current_key,
    ensure_local_keys,
    fingerprint,
    public_keys,
    signing_key,
)
from app.office.office import office_problems, require_local_office
from db.base import utc_now
from db.exchange_models import ExchangePartner, OfficeKey
from db.models import Office, OfficeLevel

CARD_FORMAT = "cppcc-desk office card"
CARD_SUFFIX = ".cppcccard"
MAX_CARD_BYTES = 64 * 1024
_SIGNED_KEYS = ("format", "version", "uuid", "name", "code", "level", "sign", "encrypt", "made")


@dataclass(frozen=True)
class Card:
    uuid: str
    name: str
    code: str
    level: OfficeLevel
    sign_public: bytes
    encrypt_public: bytes

    @property
    def fingerprint(self) -> str:
        return fingerprint(self.sign_public, self.encrypt_public)


@dataclass(frozen=True)
class TrustResult:
    card: Card
    status: str  # new / same / replaced
    old_fingerprint: str | None = None


def write_card(database: Database, target: Path) -> Card:
    with database.begin() as session:
        office = require_local_office(session)
        key = ensure_local_keys(session, office)
        keys = public_keys(key)
        body: dict[str, Any] = {
            "format": CARD_FORMAT,
            "version": 1,
            "uuid": office.uuid,
            "name": office.name,
            "code": office.division_code,
            "level": office.level.value,
            "sign": crypto.b64(keys.sign),
            "encrypt": crypto.b64(keys.encrypt),
            "made": date.today().isoformat(),
        }
        body["signature"] = crypto.b64(signing_key(key).sign(_signed_bytes(body)))
        card = Card(office.uuid, office.name, office.division_code, office.level, *_keys(body))
    text = json.dumps(body, ensure_ascii=False, indent=2) + "\n"
    write_atomically(target, lambda temp: temp.write_text(text, encoding="utf-8"))
    return card


def local_fingerprint(database: Database) -> str:
    with database.begin() as session:
        return public_keys(ensure_local_keys(session, require_local_office(session))).fingerprint


def read_card(path: Path) -> Card:
    """The card in a file, checked (self-signed, well formed); nothing is trusted yet."""
    try:
        usb.require_plain_file(Path(path))
        with Path(path).open("rb") as f:
            raw = f.read(MAX_CARD_BYTES + 1)
    except OSError as exc:
        raise translate_os_error(exc, path) from exc
    try:
        if len(raw) > MAX_CARD_BYTES:
            raise ValueError("too large")
        body = json.loads(raw.decode("utf-8-sig"))  # Notepad may have saved it with a BOM
        if not isinstance(body, dict) or body.get("format") != CARD_FORMAT:
            raise ValueError("not a card")
        if body.get("version") != 1:
            raise KnownError("这张单位名片由更新版本的程序制作。", "请升级本程序后再导入。")
        sign, encrypt = _keys(body)
        signature = crypto.unb64(body.get("signature"), 64)
        Ed25519PublicKey.from_public_bytes(sign).verify(signature, _signed_bytes(body))
        # Self-signed only: whoever made it chose every field, so each is checked here.
        if not all(isinstance(body.get(k), str) for k in ("uuid", "name", "code", "level")):
            raise ValueError("a field is not text")
        level = OfficeLevel(body["level"])
        if str(uuid.UUID(body["uuid"])) != body["uuid"]:
            raise ValueError("uuid")
    except KnownError:
        raise
    except (
        ValueError,
        TypeError,
        KeyError,
        UnicodeDecodeError,
        RecursionError,
        crypto.InvalidSignature,
    ) as exc:
        raise KnownError(
            f"“{Path(path).name}”不是有效的单位名片（文件已损坏或被改动过）。",
            "请对方重新导出单位名片。",
        ) from exc
    name, code = clean_line(body["name"]), clean_text(body["code"])
    problems = office_problems(level, name, code)
    if problems:
        raise KnownError("单位名片的内容不对：" + "".join(problems), "请对方重新导出单位名片。")
    return Card(body["uuid"], name, code, level, sign, encrypt)


def _signed_bytes(body: dict[str, Any]) -> bytes:
    fields = {k: body.get(k) for k in _SIGNED_KEYS}
    return json.dumps(fields, ensure_ascii=False, sort_keys=True).encode("utf-8")


def _keys(body: dict[str, Any]) -> tuple[bytes, bytes]:
    return crypto.unb64(body.get("sign"), 32), crypto.unb64(body.get("encrypt"), 32)


def card_status(database: Database, card: Card) -> tuple[str, str | None]:
    """("new" | "same" | "changed", the fingerprint trusted so far) for a card read."""
    with database.read() as session:
        office = session.scalar(
            select(Office).where(
                (Office.uuid == card.uuid) | (Office.division_code == card.code),
                Office.is_local.is_(False),
            )
        )
        key = current_key(session, office.uuid) if office is not None else None
        if key is None:
            return "new", None
        if (key.sign_public, key.encrypt_public) == (card.sign_public, card.encrypt_public):
            return "same", card.fingerprint
        return "changed", fingerprint(key.sign_public, key.encrypt_public)


def trust_card(database: Database, path: Path, confirm: str | None = None) -> TrustResult:
    """Trust a partner's card; new keys for a known office need `confirm` = the new fingerprint."""
    card = read_card(path)
    with database.begin() as session:
        local = require_local_office(session)
        _check_pairing(session, local, card)
        office = _partner_row(session, card)
        key = current_key(session, office.uuid)
        if key is not None and (key.sign_public, key.encrypt_public) == (
            card.sign_public,
            card.encrypt_public,
        ):
            office.name = card.name
            return TrustResult(card, "same")
        old = fingerprint(key.sign_public, key.encrypt_public) if key is not None else None
        if key is not None:
            if _digits(confirm) != _digits(card.fingerprint):
                raise KnownError(
                    f"“{card.name}”的密钥已变更：原指纹 {old}，新指纹 {card.fingerprint}。",
                    "请电话联系对方核对新指纹，确认无误后再确认替换"
                    '（命令行：office trust 文件 --confirm "新指纹"）。',
                )
            key.retired_at = utc_now()
        office.name = card.name
        session.add(
            OfficeKey(
                office_uuid=office.uuid,
                sign_public=card.sign_public,
                encrypt_public=card.encrypt_public,
            )
        )
        if session.get(ExchangePartner, office.uuid) is None:
            session.add(ExchangePartner(office_uuid=office.uuid))
        return TrustResult(card, "replaced" if key is not None else "new", old)


def _digits(text: str | None) -> str:
    return "".join(ch for ch in (text or "") if ch.isdigit())


def _check_pairing(session: Session, local: Office, card: Card) -> None:
    if card.uuid == local.uuid or card.code == local.division_code:
        raise KnownError("这是本单位自己的名片。", "请导入对方单位的名片。")
    if local.level is OfficeLevel.CITY and card.level is not OfficeLevel.COUNTY:
        raise KnownError(
            f"“{card.name}”不是县级单位：市政协只与所辖县（市、区）政协交换文件。",
            "请核对名片。",
        )
    if local.level is OfficeLevel.COUNTY:
        if card.level is not OfficeLevel.CITY:
            raise KnownError(
                f"“{card.name}”不是市级单位：县政协只与本市政协交换文件。", "请核对名片。"
            )
        other = session.scalar(
            select(Office.name)
            .join(OfficeKey, OfficeKey.office_uuid == Office.uuid)
            .where(Office.level == OfficeLevel.CITY, Office.uuid != card.uuid)
        )
        if other is not None:
            raise KnownError(
                f"本单位已经信任了“{other}”的名片，一个县只与一个市政协交换文件。",
                "如确需更换，请联系技术人员。",
            )


def _partner_row(session: Session, card: Card) -> Office:
    office = session.scalar(select(Office).where(Office.uuid == card.uuid))
    if office is not None:
        if office.division_code != card.code:
            raise KnownError(
                f"名片中的代码 {card.code} 与本机记录的"
                f"“{office.name}”（{office.division_code}）不一致。",
                "请核对名片。",
            )
        return office
    same_code = session.scalar(select(Office).where(Office.division_code == card.code))
    if same_code is not None:
        _take_over(session, same_code, card)
        return same_code
    office = Office(
        uuid=card.uuid,
        owner_uuid=card.uuid,
        level=card.level,
        name=card.name,
        division_code=card.code,
        is_local=False,
    )
    session.add(office)
    session.flush()
    return office


def _take_over(session: Session, office: Office, card: Card) -> None:
    """An office entered by hand (or by the demo) with this code becomes the card's office."""
    if current_key(session, office.uuid) is not None or _owns_records(session, office.uuid):
        raise KnownError(
            f"本机已有代码为 {card.code} 的另一个单位“{office.name}”，且已有它的数据。",
            "请核对名片是否来自正确的单位；如确需更换，请联系技术人员。",
        )
    session.execute(
        update(Office)
        .where(Office.id == office.id)
        .values(uuid=card.uuid, owner_uuid=card.uuid, level=card.level)
    )
    session.expire(office)


def _owns_records(session: Session, office_uuid: str) -> bool:
    for table in sync_tables():
        count = session.scalar(
            select(func.count())
            .select_from(table.table)
            .where(table.table.c.owner_uuid == office_uuid)
        )
        if count:
            return True
    return False
