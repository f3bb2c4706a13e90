"""备份到U盘 carries the attachment files; a restore on a new PC puts them back, checked."""

from __future__ import annotations

import hashlib
import sqlite3
from contextlib import closing
from datetime import datetime
from pathlib import Path

import pytest

from app.common.errors import KnownError
from app.common.paths import DataLocation
from app.common.storage import Database, open_database
from app.consultation import attachments as consultation_files
from app.data_safety import sealed, sealed_stream
from app.data_safety.attachment_store import (
    STORE_DIR,
    StoredFile,
    sha256_of,
    store_root,
    stored_files,
)
from app.data_safety.planned_restore import restore_from_file
from app.data_safety.usb_backup import back_up_to_folder, back_up_to_usb
from app.data_safety.usb_bundle import write_bundle
from app.office import dictionaries
from app.proposals import attachments as proposal_files
from db.file_safety.backup import backup_database
from db.models import DictionaryKind
from tests.data_safety.backups.conftest import PASSWORD
from tests.proposals.helpers import accepted, set_up
from tests.security.helpers import audit_lines

SCAN = bytes(range(256)) * 4000 + b"%PDF scan of the proposal"  # ~1 MB: crosses a chunk
REPLY = b"PK\x03\x04 reply document"
WORK_PLAN = b"PK\x03\x04 a work plan"


def units(path: Path) -> list[str]:
    with closing(sqlite3.connect(path)) as conn:
        rows = conn.execute("SELECT name FROM dictionary_entry WHERE kind = 'handling_unit'")
        return sorted(r[0] for r in rows)


def store_contents(location: DataLocation) -> dict[str, bytes]:
    root = store_root(location)
    if not root.exists():
        return {}
    return {str(p.relative_to(root)): p.read_bytes() for p in root.rglob("*") if p.is_file()}


def leftovers(location: DataLocation) -> list[Path]:
    """Temporary files a restore must never leave behind."""
    return [
        *location.data_dir.glob(".恢复附件-*"),
        *location.backup_dir.glob("*.tmp"),
        *store_root(location).rglob("*.part"),
    ]


@pytest.fixture
def office_with_files(office_db: Database, tmp_path: Path) -> tuple[Database, str, str]:
    """An office with a proposal scan, a reply document and a consultation work plan."""
    office = set_up(office_db)
    proposal = accepted(office)
    for name, content in (("提案原件.PDF", SCAN), ("答复函.docx", REPLY)):
        source = tmp_path / name
        source.write_bytes(content)
        proposal_files.attach_file(office_db, proposal, source)
    plan = tmp_path / "调研工作方案.docx"
    plan.write_bytes(WORK_PLAN)
    topic = "0f4c6a1e-0000-4000-8000-000000000001"
    row = consultation_files.add_attachment(office_db, topic, plan)
    return office_db, proposal, row.uuid


def crafted_backup(database: Database, folder: Path, files: list[StoredFile]) -> Path:
    """A format-2 backup with the right password but whatever file entries a test wants."""
    copy = folder / "copy.sqlite3"
    backup_database(database.path, copy)
    path = folder / "crafted.cppccbak"
    with path.open("xb") as file:
        write_bundle(
            file, PASSWORD, datetime(2026, 12, 1), copy, sha256_of(copy), files, lambda d, t: None
        )
    copy.unlink()
    return path


def test_the_folder_name_is_the_one_proposals_use() -> None:
    assert STORE_DIR == proposal_files.ATTACHMENTS_DIR


def test_attachments_come_back_byte_for_byte_on_a_new_pc(
    office_with_files: tuple[Database, str, str], stick: Path, other_pc: Database
) -> None:
    database, proposal, plan_uuid = office_with_files
    expected = store_contents(database.location)
    assert len(expected) == 2
    path = back_up_to_folder(database, stick, PASSWORD)
    assert [p.name for p in stick.iterdir()] == [path.name]
    assert sealed.format_of(path) == sealed_stream.FORMAT_VERSION
    assert SCAN[:4000] not in path.read_bytes()  # the attachments are encrypted too
    assert "附件文件 2 个" in audit_lines(database)[-1][4]
    assert store_contents(other_pc.location) == {}

    reports: list[tuple[int, int, str]] = []

    class Recorder:
        def report(self, done: int, total: int, text: str = "") -> None:
            reports.append((done, total, text))

        def check_cancelled(self) -> None:
            pass

    restore_from_file(other_pc, path, PASSWORD, Recorder())
    assert store_contents(other_pc.location) == expected
    assert leftovers(other_pc.location) == []
    assert ("正在读取并核对附件文件 2/2…") in [text for _, _, text in reports]
    restored = open_database(other_pc.location)
    try:
        views = proposal_files.list_attachments(restored, proposal)
        assert sorted(v.original_name for v in views) == ["提案原件.PDF", "答复函.docx"]
        contents = {proposal_files.attachment_path(restored, v.uuid).read_bytes() for v in views}
        assert contents == {SCAN, REPLY}
        copy = consultation_files.save_copy(restored, plan_uuid, stick)
        assert copy.read_bytes() == WORK_PLAN  # kept in the database itself
    finally:
        restored.close()


def test_files_already_there_are_left_alone(
    office_with_files: tuple[Database, str, str], stick: Path, other_pc: Database
) -> None:
    database, _, _ = office_with_files
    path = back_up_to_folder(database, stick, PASSWORD)
    (first, *_) = stored_files(database.location)
    there = store_root(other_pc.location) / first.name[:2] / first.name
    there.parent.mkdir(parents=True)
    there.write_bytes(first.path.read_bytes())
    inode = there.stat().st_ino
    restore_from_file(other_pc, path, PASSWORD)
    assert there.stat().st_ino == inode
    assert store_contents(other_pc.location) == store_contents(database.location)


def test_an_older_backup_without_attachments_still_restores(
    office_db: Database, stick: Path, other_pc: Database, tmp_path: Path
) -> None:
    """Format 1: the database alone, in one AES-GCM call, as earlier versions wrote it."""
    dictionaries.add_entry(office_db, DictionaryKind.HANDLING_UNIT, "县水利局")
    copy = tmp_path / "copy.sqlite3"
    backup_database(office_db.path, copy)
    path = stick / "政协履职工作台加密备份-20261101-090000.cppccbak"
    path.write_bytes(sealed.seal(copy.read_bytes(), PASSWORD, datetime(2026, 11, 1, 9)))
    assert sealed.format_of(path) == 1
    assert sealed.made_at_of(path) == "2026-11-01T09:00:00"
    restore_from_file(other_pc, path, PASSWORD)
    assert "县水利局" in units(other_pc.location.database)
    assert leftovers(other_pc.location) == []


def refused_and_nothing_changed(other_pc: Database, path: Path, match: str) -> KnownError:
    before = units(other_pc.path)
    with pytest.raises(KnownError, match=match) as caught:
        restore_from_file(other_pc, path, PASSWORD)
    assert "当前数据没有任何改动" in caught.value.message
    assert units(other_pc.path) == before
    assert store_contents(other_pc.location) == {}
    assert leftovers(other_pc.location) == []
    assert list(other_pc.location.backup_dir.glob("*.sqlite3")) == []  # not even a 恢复前备份
    assert audit_lines(other_pc)[-1][1:4] == ("restore", str(path), "failed")
    return caught.value


def test_an_attachment_whose_content_is_not_its_hash_is_refused(
    office_with_files: tuple[Database, str, str], tmp_path: Path, other_pc: Database
) -> None:
    """Sealed with the right password, but the bytes are not those its name promises."""
    database, _, _ = office_with_files
    good = stored_files(database.location)
    forged = tmp_path / "forged.pdf"
    forged.write_bytes(b"%PDF a different scan")
    files = [good[0], StoredFile(good[1].name, forged, forged.stat().st_size)]
    path = crafted_backup(database, tmp_path, files)
    message = f"已损坏或被改动（附件文件“{good[1].name}”与其校验值不符）"
    refused_and_nothing_changed(other_pc, path, message)


def test_a_changed_byte_in_an_attachment_is_refused(
    office_with_files: tuple[Database, str, str], stick: Path, other_pc: Database
) -> None:
    database, _, _ = office_with_files
    path = back_up_to_folder(database, stick, PASSWORD)
    blob = bytearray(path.read_bytes())
    blob[len(blob) // 2] ^= 0x40  # in the middle of the ~1 MB scan
    path.write_bytes(bytes(blob))
    refused_and_nothing_changed(other_pc, path, "备份文件已被改动、已损坏")


@pytest.mark.parametrize(
    "name",
    ["../x", "../" + "a" * 64, "ab/" + "a" * 64, "a" * 64 + "/../x", "a" * 64 + "..", "A" * 64],
)
def test_a_name_that_could_leave_the_folder_is_refused(
    office_db: Database, tmp_path: Path, other_pc: Database, name: str
) -> None:
    content = tmp_path / "x"
    content.write_bytes(b"payload")
    path = crafted_backup(office_db, tmp_path, [StoredFile(name, content, 7)])
    refused_and_nothing_changed(other_pc, path, "附件文件名.*不安全")
    assert not (other_pc.location.data_dir.parent / "x").exists()


def test_a_size_beyond_the_limit_is_refused_before_anything_is_written(
    office_db: Database, tmp_path: Path, other_pc: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    from app.data_safety import usb_bundle

    content = tmp_path / "big.pdf"
    content.write_bytes(b"x" * 1000)
    name = hashlib.sha256(content.read_bytes()).hexdigest() + ".pdf"
    path = crafted_backup(office_db, tmp_path, [StoredFile(name, content, 1000)])
    monkeypatch.setattr(usb_bundle, "MAX_FILE_BYTES", 999)
    refused_and_nothing_changed(other_pc, path, "大小超出范围")


def test_a_cut_off_backup_is_refused(
    office_with_files: tuple[Database, str, str], stick: Path, other_pc: Database
) -> None:
    database, _, _ = office_with_files
    path = back_up_to_folder(database, stick, PASSWORD)
    blob = path.read_bytes()
    path.write_bytes(blob[: len(blob) - 100])
    refused_and_nothing_changed(other_pc, path, "已损坏|已被改动")


def test_a_damaged_file_in_the_store_is_left_out_and_the_backup_still_made(
    office_with_files: tuple[Database, str, str], stick: Path, other_pc: Database
) -> None:
    database, _, _ = office_with_files
    damaged, sound = stored_files(database.location)
    damaged.path.write_bytes(b"bit rot")
    result = back_up_to_usb(database, stick, PASSWORD)
    assert (result.files, result.damaged) == (1, (damaged.name,))
    assert "附件文件 1 个（1 个已损坏，未写入）" in audit_lines(database)[-1][4]
    restore_from_file(other_pc, next(stick.iterdir()), PASSWORD)
    assert [f.name for f in stored_files(other_pc.location)] == [sound.name]
