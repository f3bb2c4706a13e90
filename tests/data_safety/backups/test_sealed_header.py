"""A sealed backup whose header asks scrypt for an impossible or ruinous cost."""

from __future__ import annotations

import struct
from datetime import datetime
from pathlib import Path

import pytest

from app.common.storage import Database
from app.data_safety import sealed
from app.data_safety.planned_restore import restore_from_file
from app.data_safety.usb_backup import back_up_to_folder
from tests.data_safety.backups.conftest import PASSWORD

# A bit flipped in "n" (not a power of two); a crafted r or p (gigabytes, minutes).
BAD_COSTS = [
    (b'"n": 4096', b'"n": 4097'),
    (b'"n": 4096', b'"n": 1'),
    (b'"r": 8', b'"r": 99999999'),
    (b'"p": 1', b'"p": 99999'),
    (b'"r": 8', b'"r": 0'),
]


def with_header_changed(blob: bytes, good: bytes, bad: bytes) -> bytes:
    """The file with one header field changed, its length prefix kept right."""
    start = len(sealed.MAGIC)
    (length,) = struct.unpack(">I", blob[start : start + 4])
    head = blob[start + 4 : start + 4 + length]
    assert good in head
    head = head.replace(good, bad, 1)
    return sealed.MAGIC + struct.pack(">I", len(head)) + head + blob[start + 4 + length :]


@pytest.mark.parametrize(("good", "bad"), BAD_COSTS)
def test_a_usb_backup_with_a_bad_cost_is_not_a_backup(
    office_db: Database, stick: Path, good: bytes, bad: bytes
) -> None:
    path = back_up_to_folder(office_db, stick, PASSWORD)
    path.write_bytes(with_header_changed(path.read_bytes(), good, bad))
    with pytest.raises(sealed.NotSealed, match="不是本程序的加密备份文件"):
        restore_from_file(office_db, path, PASSWORD)


@pytest.mark.parametrize(("good", "bad"), BAD_COSTS)
def test_a_format_1_file_with_a_bad_cost_is_not_a_backup(good: bytes, bad: bytes) -> None:
    blob = sealed.seal(b"data", PASSWORD, datetime(2026, 12, 1))
    with pytest.raises(sealed.NotSealed):
        sealed.unseal(with_header_changed(blob, good, bad), PASSWORD, Path("旧备份.cppccbak"))
