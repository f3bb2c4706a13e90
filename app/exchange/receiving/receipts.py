"""Receipts (回执): after an import, a small signed file to carry back to the sender.

It says "I have applied your files up to number N"; the sender's next file
then starts from N. A copy always stays on the local disk (exchange/receipts);
the receipt is also placed beside the imported file (usually on the stick).
Every exchange file carries the same acknowledgement in its header, so a
lost receipt only delays, never breaks, the exchange.
"""

from __future__ import annotations

import contextlib
import logging
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from app.common.errors import KnownError
from app.common.storage import Database
from app.exchange import usb
from app.exchange.errors import CONTAINER_ERRORS, FileRefused
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
        sign_public = own.sign_public
    prefix = f"{ident.local.division_code}-{ident.sender.division_code}-ack{acknowledged:04d}-"
    kept = work_dir(database) / "receipts" / ident.sender.division_code
    kept.mkdir(parents=True, exist_ok=True)
    # A file imported again acknowledges the same number: an intact receipt saying so is
    # reused rather than written again, on the disk and on the stick. The sender keeps
    # the highest number it has read, so any one valid receipt carries all it needs;
    # not writing to the stick also cannot spoil a good receipt there. A damaged copy is
    # replaced (removed once the new one is written and read back); one that is intact
    # but made with an older key is left alone: the sender may still read it.
    local = _intact(kept, prefix, head, sign_public)
    if local is None:
        stamp = datetime.now().strftime("%Y%m%d%H%M%S")
        local = _free_name(kept / f"{prefix}{stamp}{SUFFIX}")
        container.write(local, head, signer)
        _remove_damaged(kept, prefix, local)
    try:
        placed = _intact(Path(target_dir), prefix, head, sign_public)
        if placed is None:
            placed = _free_name(Path(target_dir) / local.name)
            usb.place_file(local, placed)
            _remove_damaged(Path(target_dir), prefix, placed)
    except KnownError as exc:
        log.warning("receipt kept locally only: %s", exc.what)
        return None, exc.message
    return placed, ""


# What a receipt says; the rest (when it was made, by which version, for which file)
# does not change what the sender does with it.
_MEANING = ("format", "format_version", "kind", "sender", "recipient", "acknowledges")


def _intact(folder: Path, prefix: str, head: dict[str, Any], sign_public: bytes) -> Path | None:
    """The newest receipt in `folder` with the same meaning, signed with our current key."""
    for path in sorted(folder.glob(f"{prefix}*{SUFFIX}"), reverse=True):
        try:
            opened = container.open_file(path)
            container.verify(opened, sign_public)
        except (OSError, FileRefused, *CONTAINER_ERRORS):
            continue
        if all(opened.header.get(k) == head.get(k) for k in _MEANING):
            return path
    return None


def _remove_damaged(folder: Path, prefix: str, keep: Path) -> None:
    """Damaged copies of the same acknowledgement: the sender could not read them."""
    for path in folder.glob(f"{prefix}*{SUFFIX}"):
        if path == keep:
            continue
        try:
            container.open_file(path)
        except (FileRefused, *CONTAINER_ERRORS):
            with contextlib.suppress(OSError):
                path.unlink()
        except OSError:
            continue


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
