"""备份到U盘: an encrypted backup in a folder the clerk picks, restored on another PC."""

from __future__ import annotations

import errno
import os
import sqlite3
import time
from contextlib import closing
from pathlib import Path

import pytest

from app.common.errors import KnownError
from app.common.storage import Database
from app.common.unfinished_files import STALE_PARTIAL_S
from app.data_safety import sealed
from app.data_safety.planned_restore import restore_from_file
from app.data_safety.usb_backup import back_up_to_folder
from app.office import dictionaries
from db.models import DictionaryKind
from tests.security.helpers import audit_lines

PASSWORD = "县政协2026备份"


def units(path: Path) -> list[str]:
    with closing(sqlite3.connect(path)) as conn:
        rows = conn.execute("SELECT name FROM dictionary_entry WHERE kind = 'handling_unit'")
        return sorted(r[0] for r in rows)


def test_the_sealed_file_restores_on_another_pc_with_the_password(
    office_db: Database, stick: Path, other_pc: Database
) -> None:
    dictionaries.add_entry(office_db, DictionaryKind.HANDLING_UNIT, "县水利局")
    path = back_up_to_folder(office_db, stick, PASSWORD)
    assert path.parent == stick and path.suffix == ".cppccbak"
    assert [p.name for p in stick.iterdir()] == [path.name]  # no temporary file left
    blob = path.read_bytes()
    assert sealed.is_sealed(path)
    assert b"SQLite format 3" not in blob and "县水利局".encode() not in blob
    assert audit_lines(office_db)[-1][1:4] == ("backup", str(stick), "ok")
    assert "县水利局" not in units(other_pc.path)

    restore_from_file(other_pc, path, PASSWORD)
    assert "县水利局" in units(other_pc.location.database)
    assert not list(office_db.location.backup_dir.glob("*.tmp"))  # the plain copy is gone
    assert not list(other_pc.location.backup_dir.glob("*.tmp"))


def test_a_wrong_password_changes_nothing_and_is_audited(
    office_db: Database, stick: Path, other_pc: Database
) -> None:
    path = back_up_to_folder(office_db, stick, PASSWORD)
    before = units(other_pc.path)
    with pytest.raises(sealed.WrongPassword, match="密码不正确"):
        restore_from_file(other_pc, path, PASSWORD + "x")
    assert units(other_pc.path) == before
    assert audit_lines(other_pc)[-1][1:4] == ("restore", str(path), "failed")
    assert list(other_pc.location.backup_dir.glob("*")) == []  # not even a 恢复前备份


def test_a_changed_byte_does_not_open(office_db: Database, stick: Path) -> None:
    path = back_up_to_folder(office_db, stick, PASSWORD)
    blob = bytearray(path.read_bytes())
    blob[-100] ^= 1
    path.write_bytes(bytes(blob))
    with pytest.raises(sealed.WrongPassword):
        restore_from_file(office_db, path, PASSWORD)


def test_real_scrypt_cost_round_trip(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.undo()
    assert sealed.SCRYPT_N == 2**16
    blob = sealed.seal(b"data", PASSWORD, __import__("datetime").datetime(2026, 12, 1))
    assert sealed.unseal(blob, PASSWORD, Path("x.cppccbak")) == b"data"


def test_a_short_password_is_refused(office_db: Database, stick: Path) -> None:
    with pytest.raises(KnownError, match="至少需要 6 个字符"):
        back_up_to_folder(office_db, stick, "12345")
    assert list(stick.iterdir()) == []
    assert audit_lines(office_db)[-1][3] == "failed"


def test_a_missing_stick_is_a_clear_message(office_db: Database, tmp_path: Path) -> None:
    with pytest.raises(KnownError, match="找不到文件夹"):
        back_up_to_folder(office_db, tmp_path / "拔掉了", PASSWORD)


@pytest.mark.parametrize(
    ("code", "message"),
    [(errno.ENOSPC, "空间不足"), (errno.EROFS, "写保护"), (errno.EACCES, "不能写入")],
)
def test_a_full_or_read_only_stick_leaves_nothing(
    office_db: Database, stick: Path, monkeypatch: pytest.MonkeyPatch, code: int, message: str
) -> None:
    """The stick refuses the write (full, or write-protected): a message, nothing left."""
    real_open = Path.open

    def refusing(self: Path, mode: str = "r", *args: object, **kwargs: object):  # type: ignore[no-untyped-def]
        if self.parent == stick and "x" in mode:
            raise OSError(code, "refused", str(self))
        return real_open(self, mode, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(Path, "open", refusing)
    before = units(office_db.path)
    with pytest.raises(KnownError) as caught:
        back_up_to_folder(office_db, stick, PASSWORD)
    assert message in caught.value.message
    assert "当前数据没有任何改动" in caught.value.message
    assert list(stick.iterdir()) == []
    assert units(office_db.path) == before
    assert audit_lines(office_db)[-1][1:4] == ("backup", str(stick), "failed")


def test_a_file_that_is_no_sealed_backup(office_db: Database, tmp_path: Path) -> None:
    bogus = tmp_path / "照片.cppccbak"
    bogus.write_bytes(b"\x89PNG not a backup")
    with pytest.raises(KnownError, match="已损坏或不是数据库文件"):
        restore_from_file(office_db, bogus, PASSWORD)
    with pytest.raises(sealed.NotSealed):
        sealed.unseal(bogus.read_bytes(), PASSWORD, bogus)


def test_what_a_killed_backup_left_on_the_stick_goes_with_the_next_one(
    office_db: Database, stick: Path
) -> None:
    """kill -9 or a pulled stick mid-backup left `政协履职工作台加密备份-….cppccbak.partial`
    (encrypted, but as large as the data, and a puzzle to the clerk). The next backup to
    that folder removes it: only our names, only after an hour (another window may be
    writing right now)."""
    killed = stick / "政协履职工作台加密备份-20261201-093000.cppccbak.partial"
    killed_second = stick / "政协履职工作台加密备份-20261201-093000-2.cppccbak.partial"
    running = stick / "政协履职工作台加密备份-20261203-101500.cppccbak.partial"
    clerks = [stick / "工作总结.docx.partial", stick / "政协履职工作台加密备份.partial"]
    for path in (killed, killed_second, running, *clerks):
        path.write_bytes(b"y")
    hours_ago = time.time() - 2 * STALE_PARTIAL_S
    for path in (killed, killed_second, *clerks):
        os.utime(path, (hours_ago, hours_ago))

    written = back_up_to_folder(office_db, stick, PASSWORD)

    assert not killed.exists() and not killed_second.exists()
    assert running.exists() and all(path.exists() for path in clerks)
    assert written.exists() and written.suffix == sealed.SUFFIX
