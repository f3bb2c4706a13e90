"""app/common/errors.py: environment failures become KnownError in Chinese; bugs stay bugs."""

from __future__ import annotations

import errno
import os
import sqlite3
from pathlib import Path

import pytest
from sqlalchemy.exc import IntegrityError, OperationalError

from app.common.errors import (
    DatabaseLocked,
    DiskFull,
    KnownError,
    translate_os_error,
    translate_sqlite_error,
)


def os_error(code: int) -> OSError:
    return OSError(code, os.strerror(code), "/x")


def test_known_error_message_joins_what_and_todo() -> None:
    error = KnownError("出了什么事。", "该怎么办。")
    assert error.message == "出了什么事。\n该怎么办。"
    assert str(error) == error.message
    assert str(KnownError("只有一句。")) == "只有一句。"


def test_full_disk() -> None:
    assert isinstance(translate_os_error(os_error(errno.ENOSPC), "/x"), DiskFull)


@pytest.mark.parametrize("code", [errno.EACCES, errno.EPERM, errno.EROFS])
def test_no_permission(code: int) -> None:
    error = translate_os_error(os_error(code), "D:/政协数据")
    assert error.what == "没有权限写入“D:/政协数据”。"
    assert error.todo


@pytest.mark.parametrize("code", [errno.ENOENT, errno.ENOTDIR, errno.EEXIST, errno.EISDIR])
def test_common_os_errors_are_explained_in_chinese(code: int) -> None:
    error = translate_os_error(os_error(code), "/x")
    assert os.strerror(code) not in error.message
    assert error.what.startswith("无法访问“/x”：")


def test_real_not_a_directory_error(tmp_path: Path) -> None:
    a_file = tmp_path / "a.txt"
    a_file.write_text("x")
    with pytest.raises(NotADirectoryError) as caught:
        (a_file / "sub").mkdir(parents=True, exist_ok=True)
    assert caught.value.errno == errno.ENOTDIR
    error = translate_os_error(caught.value, a_file / "sub")
    assert "不是文件夹" in error.what


def test_rare_os_errors_still_say_something_in_chinese() -> None:
    error = translate_os_error(os_error(errno.EIO), "/x")
    assert "磁盘" in error.what
    assert os.strerror(errno.EIO) not in error.message


@pytest.mark.parametrize(
    ("message", "expected"),
    [
        ("database is locked", DatabaseLocked),
        ("database table is locked", DatabaseLocked),
        ("database or disk is full", DiskFull),
    ],
)
def test_sqlite_environment_errors(message: str, expected: type[KnownError]) -> None:
    assert isinstance(translate_sqlite_error(sqlite3.OperationalError(message)), expected)
    wrapped = OperationalError("INSERT …", {}, sqlite3.OperationalError(message))
    assert isinstance(translate_sqlite_error(wrapped), expected)


@pytest.mark.parametrize("message", ["file is not a database", "database disk image is malformed"])
def test_sqlite_damage(message: str) -> None:
    error = translate_sqlite_error(sqlite3.DatabaseError(message))
    assert error is not None
    assert "损坏" in error.what


def test_sqlite_cannot_open() -> None:
    error = translate_sqlite_error(sqlite3.OperationalError("unable to open database file"))
    assert error is not None
    assert "无法打开" in error.what


@pytest.mark.parametrize(
    "exc",
    [
        sqlite3.OperationalError("no such table: member"),
        IntegrityError("INSERT …", {}, sqlite3.IntegrityError("UNIQUE constraint failed")),
    ],
)
def test_bugs_are_not_translated(exc: BaseException) -> None:
    assert translate_sqlite_error(exc) is None
