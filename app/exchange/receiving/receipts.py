"""Receipts (回执): after an import, a small signed file to carry back to the sender.

It says "I have applied your files up to number N"; the sender's next file
then starts from N. A copy always stays on the local disk (exchange/receipts);
the receipt is also placed beside the imported file (usually on the stick).
Every exchange file carries the same acknowledgement in its header, so a
lost receipt only delays, never breaks, the exchange.
"""

from __future__ import annotations

import logging
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from app.common.errors import KnownError
from app.common.storage import Database
from app.exchange import usb
from app.exchange.export import work_dir
from app.exchange.file_format import container, header
from app.office.identity import current_key, ensure_local_keys, public_keys, signing_key

if TYPE_CHECKING:
    from app.exchange.receiving.reading import Identified

log = logging.getLogger(__name__)
SUFFIX = ".cppccr"


def write_receipt(
    database: Database, ident: Identified, acknowledged: int, target_dir: Path
) -> tuple[Path | None, str]:
    """(where the receipt was placed, or None; why not)."""
    with database.begin() as session:
        own = ensure_local_keys(session, ident.local)
        theirs = current_key(session, ident.sender.uuid)
        assert theirs is not None
        head = header.base_header(
            "receipt",
            header.party(ident.local, public_keys(own).fingerprint),
            header.party(ident.sender, public_keys(theirs).fingerprint),
        )
        head.update(
            acknowledges=acknowledged,
            sequence=ident.header["sequence"],
            file_sha256=ident.opened.file_sha256,
        )
        signer = signing_key(own)
    stamp = datetime.now().strftime("%Y%m%d%H%M%S")
    name = (
        f"{ident.local.division_code}-{ident.sender.division_code}"
        f"-ack{acknowledged:04d}-{stamp}{SUFFIX}"
    )
    kept = work_dir(database) / "receipts" / ident.sender.division_code
    kept.mkdir(parents=True, exist_ok=True)
    local = _free_name(kept / name)
    name = local.name
    container.write(local, head, signer)
    try:
        placed = _free_name(Path(target_dir) / name)
        usb.place_file(kept / name, placed)
    except KnownError as exc:
        log.warning("receipt kept locally only: %s", exc.what)
        return None, exc.message
    return placed, ""


def _free_name(path: Path) -> Path:
    n = 1
    while path.exists():
        n += 1
        path = path.with_name(f"{path.name.removesuffix(SUFFIX).rsplit('~', 1)[0]}~{n}{SUFFIX}")
    return path


def latest_receipt(database: Database, partner_code: str) -> Path | None:
    """The newest receipt kept for a partner (to put on a stick again)."""
    folder = work_dir(database) / "receipts" / partner_code
    found = sorted(folder.glob(f"*{SUFFIX}")) if folder.is_dir() else []
    return found[-1] if found else None
