"""The office's identity for the exchange: its keys and their short fingerprint.

Each installation makes an Ed25519 key (signing its files) and an X25519 key
(others encrypt to it) at set-up; an office set up before keys existed gets them
from migration 0008, or here on first use. The private halves stay in this
database (table office_key), never in a file for others. The fingerprint is
what two clerks read to each other on the phone: 20 digits in groups of four.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey
from cryptography.hazmat.primitives.serialization import (
    Encoding,
    NoEncryption,
    PrivateFormat,
    PublicFormat,
)
from sqlalchemy import select
from sqlalchemy.orm import Session

from db.exchange_models import OfficeKey
from db.models import Office

_RAW_PUBLIC = (Encoding.Raw, PublicFormat.Raw)
_RAW_PRIVATE = (Encoding.Raw, PrivateFormat.Raw, NoEncryption())


@dataclass(frozen=True)
class PublicKeys:
    sign: bytes  # Ed25519, 32 bytes
    encrypt: bytes  # X25519, 32 bytes

    @property
    def fingerprint(self) -> str:
        return fingerprint(self.sign, self.encrypt)


def fingerprint(sign_public: bytes, encrypt_public: bytes) -> str:
    """'1234 5678 9012 3456 7890': 66 bits of SHA-256 over both public keys."""
    digest = hashlib.sha256(b"cppcc-desk office card\0" + sign_public + encrypt_public).digest()
    digits = f"{int.from_bytes(digest[:16], 'big') % 10**20:020d}"
    return " ".join(digits[i : i + 4] for i in range(0, 20, 4))


def new_key_row(office_uuid: str) -> OfficeKey:
    sign, encrypt = Ed25519PrivateKey.generate(), X25519PrivateKey.generate()
    return OfficeKey(
        office_uuid=office_uuid,
        sign_public=sign.public_key().public_bytes(*_RAW_PUBLIC),
        encrypt_public=encrypt.public_key().public_bytes(*_RAW_PUBLIC),
        sign_private=sign.private_bytes(*_RAW_PRIVATE),
        encrypt_private=encrypt.private_bytes(*_RAW_PRIVATE),
    )


def current_key(session: Session, office_uuid: str) -> OfficeKey | None:
    return session.scalars(
        select(OfficeKey)
        .where(OfficeKey.office_uuid == office_uuid, OfficeKey.retired_at.is_(None))
        .order_by(OfficeKey.id.desc())
        .limit(1)
    ).first()


def ensure_local_keys(session: Session, office: Office) -> OfficeKey:
    """The local office's current keys, made now if it has none."""
    key = current_key(session, office.uuid)
    if key is None or key.sign_private is None:
        key = new_key_row(office.uuid)
        session.add(key)
        session.flush()
    return key


def public_keys(key: OfficeKey) -> PublicKeys:
    return PublicKeys(key.sign_public, key.encrypt_public)


def signing_key(key: OfficeKey) -> Ed25519PrivateKey:
    assert key.sign_private is not None, "only the local office's key signs"
    return Ed25519PrivateKey.from_private_bytes(key.sign_private)


def decryption_keys(session: Session, office_uuid: str) -> list[X25519PrivateKey]:
    """Every private encryption key the local office ever had, newest first."""
    rows = session.scalars(
        select(OfficeKey.encrypt_private)
        .where(OfficeKey.office_uuid == office_uuid, OfficeKey.encrypt_private.is_not(None))
        .order_by(OfficeKey.id.desc())
    )
    return [X25519PrivateKey.from_private_bytes(raw) for raw in rows if raw]
