"""Finding 14: every operating-system and SQLite error the program meets is a Chinese
message that says what to do — never a traceback, never English."""

from __future__ import annotations

import errno
import os
import re
import sqlite3
from contextlib import closing
from pathlib import Path

import openpyxl
import pytest

from app.common.errors import KnownError, as_known_error, translate_os_error, translate_sqlite_error
from app.common.paths import DataLocation
from app.common.storage import Database
from app.members.member_files import MemberForm, add_member, list_members
from ui.entry import main

CHINESE = re.compile(r"[\u4e00-\u9fff]")
ENGLISH_WORD = re.compile(r"\b[A-Za-z]{3,}\b")


def readable(error: KnownError | None) -> KnownError:
    assert error is not None
    assert CHINESE.search(error.what) and CHINESE.search(error.todo)
    assert not ENGLISH_WORD.search(error.message.replace("Excel", "").replace("WPS", "")), (
        error.message
    )
    return error


@pytest.mark.parametrize("code", sorted(errno.errorcode), ids=errno.errorcode.get)
def test_every_os_error_reads_in_chinese(code: int) -> None:
    error = readable(translate_os_error(OSError(code, os.strerror(code), "/x"), "D:/政协数据"))
    assert os.strerror(code) not in error.message


# Every primary result code SQLite can return to a program (sqlite.org/rescode.html)
# that is not a bug in that program.
ENVIRONMENT_CODES = {
    3: "access permission denied",
    5: "database is locked",
    6: "database table is locked",
    7: "out of memory",
    8: "attempt to write a readonly database",
    9: "interrupted",
    10: "disk I/O error",
    11: "database disk image is malformed",
    13: "database or disk is full",
    14: "unable to open database file",
    15: "locking protocol",
    18: "string or blob too big",
    22: "large file support is disabled",
    23: "authorization denied",
    26: "file is not a database",
    266: "disk I/O error",  # SQLITE_IOERR_READ
    522: "disk I/O error",  # SQLITE_IOERR_SHORT_READ
    776: "attempt to write a readonly database",  # SQLITE_READONLY_ROLLBACK
}


@pytest.mark.parametrize(("code", "message"), ENVIRONMENT_CODES.items())
def test_every_sqlite_environment_error_reads_in_chinese(code: int, message: str) -> None:
    exc = sqlite3.OperationalError(message)
    exc.sqlite_errorcode = code
    error = readable(translate_sqlite_error(exc))
    assert message not in error.message


@pytest.mark.parametrize("message", ["database or disk is full", "disk I/O error"])
def test_the_messages_seen_in_english_by_their_text_alone(message: str) -> None:
    readable(translate_sqlite_error(sqlite3.OperationalError(message)))


def test_a_disk_error_is_not_called_damage() -> None:
    """An unplugged USB disk is not a damaged database: no restore is offered for it."""
    exc = sqlite3.OperationalError("disk I/O error")
    exc.sqlite_errorcode = 10
    error = translate_sqlite_error(exc)
    assert error is not None and "损坏" not in error.what


def test_unknown_errors_stay_bugs() -> None:
    assert as_known_error(ZeroDivisionError()) is None
    assert as_known_error(sqlite3.IntegrityError("UNIQUE constraint failed")) is None
    assert isinstance(as_known_error(OSError(errno.ENAMETOOLONG, "x", "y")), KnownError)


# --- the two uncaught errors of the review --------------------------------------------


def test_an_export_to_a_name_too_long_is_a_message(
    capsys: pytest.CaptureFixture[str], location: DataLocation, office_file: Path, clean_logging
) -> None:
    name = "委员名单" * 21 + ".xlsx"  # 257 bytes in UTF-8: more than any file system takes
    assert len(name.encode()) > 255
    target = location.data_dir.parent / name
    code = main(["--data-dir", str(location.data_dir), "members", "export", str(target)])
    _, err = capsys.readouterr()
    assert code == 1
    assert err.startswith("错误：") and "Traceback" not in err
    assert "文件名太长" in err
    assert "File name too long" not in err


def test_a_damaged_text_value_does_not_stop_lists_and_exports(
    capsys: pytest.CaptureFixture[str], office_db: Database, tmp_path: Path, clean_logging
) -> None:
    add_member(office_db, MemberForm(name="张建国", employer="县第一中学校长"))
    with closing(sqlite3.connect(office_db.path)) as conn, conn:
        # 校长 with one byte gone bad: what a flipped bit makes of a Chinese character.
        conn.execute(
            "UPDATE member SET employer = CAST(x'e58ebfe7acace4b880e4b8ade5ada6e6a0a1e995' AS TEXT)"
        )
    (row,) = list_members(office_db)
    assert row.name == "张建国"
    target = tmp_path / "名单.xlsx"
    code = main(["--data-dir", str(office_db.location.data_dir), "members", "export", str(target)])
    _, err = capsys.readouterr()
    assert (code, err) == (0, "")
    sheet = openpyxl.load_workbook(target).active
    values = [str(c.value) for row in sheet.iter_rows() for c in row if c.value]
    assert any(v.startswith("县第一中学") and "\ufffd" in v for v in values)
