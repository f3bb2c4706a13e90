"""Exchange files made wrong on purpose, yet correctly signed by a trusted sender.

The outer checks (signature, encryption) would stop most damage; these files
pass them, so the inner checks are tested too: a sender's broken or hostile
program must not get through either.
"""

from __future__ import annotations

import io
import json
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from app.exchange.file_format import container, crypto
from app.exchange.receiving.reading import identify
from app.exchange.records import canonical, digest, table_digest
from app.office.identity import current_key, signing_key
from tests.exchange.conftest import Office

Header = dict[str, Any]


def open_as(recipient: Office, path: Path) -> tuple[Header, bytes]:
    """The header and the decrypted payload zip, as the recipient sees them."""
    opened = container.open_file(path)
    with recipient.database.begin() as session:
        ident = identify(session, opened)
    assert ident.content_key is not None
    plain = path.with_suffix(".plain")
    container.decrypt(opened, ident.content_key, plain, 1 << 30)
    data = plain.read_bytes()
    plain.unlink()
    return dict(opened.header), data


def reseal(
    sender: Office,
    recipient: Office,
    header: Header,
    payload: bytes,
    target: Path,
    signer_office: Office | None = None,
    encrypt_to: bytes | None = None,
) -> Path:
    """Encrypt `payload` to the recipient and sign it as the sender (or `signer_office`)."""
    signer = signer_office or sender
    with signer.database.begin() as session:
        key = signing_key(current_key(session, signer.uuid))  # type: ignore[arg-type]
    with sender.database.begin() as session:
        theirs = current_key(session, recipient.uuid)
        assert theirs is not None
        public = encrypt_to or theirs.encrypt_public
    content_key = crypto.new_content_key()
    header = {**header, "wrap": crypto.wrap_key(content_key, public)}
    plain = target.with_suffix(".zip")
    plain.write_bytes(payload)
    container.write(target, header, key, plain, content_key)
    plain.unlink()
    return target


def zip_of(members: dict[str, bytes] | list[tuple[str, bytes]]) -> bytes:
    buffer = io.BytesIO()
    items = members.items() if isinstance(members, dict) else members
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in items:
            z.writestr(name, data)
    return buffer.getvalue()


def members_of(payload: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(payload)) as z:
        return {name: z.read(name) for name in z.namelist()}


def records_of(payload: bytes, table: str) -> list[dict[str, Any]]:
    text = members_of(payload)[f"records/{table}.jsonl"].decode()
    return [json.loads(line) for line in text.splitlines()]


def with_records(
    header: Header, payload: bytes, table: str, change: Callable[[list[dict[str, Any]]], None]
) -> tuple[Header, bytes]:
    """Change one table's records; the manifest is made to match (a consistent file)."""
    members = members_of(payload)
    records = records_of(payload, table)
    change(records)
    lines = [canonical(r) for r in records]
    members[f"records/{table}.jsonl"] = ("\n".join(lines) + "\n").encode()
    tables = dict(header["tables"])
    tables[table] = {
        "count": len(lines),
        "sha256": table_digest(
            (r["u"], digest(line)) for r, line in zip(records, lines, strict=True)
        ),
    }
    return {**header, "tables": tables}, zip_of(members)
