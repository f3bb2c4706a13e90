"""Opening the office database: checks first, backup, upgrade, then sessions.

Order matters so that nothing is changed by a failed open: the file is first
examined read-only (damaged? from a newer program?), then backed up, and only
then upgraded.
"""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlalchemy import Engine
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session, sessionmaker

from app.common.errors import (
    DatabaseDamaged,
    KnownError,
    translate_os_error,
    translate_sqlite_error,
)
from app.common.paths import DataLocation, prepare_data_dir
from db import migrate
from db.backup import backup_database, integrity_problem
from db.engine import DEFAULT_BUSY_TIMEOUT_MS, make_engine, make_session_factory
from db.events import ForeignRecordEdit

log = logging.getLogger(__name__)


@dataclass
class Database:
    """The open database of this installation. Services open one session per action."""

    location: DataLocation
    engine: Engine
    session_factory: sessionmaker[Session]

    @property
    def path(self) -> Path:
        return self.location.database

    @contextmanager
    def begin(self) -> Iterator[Session]:
        """A session in a transaction: committed on success, rolled back on error."""
        try:
            with self.session_factory.begin() as session:
                yield session
        except DBAPIError as exc:
            known = translate_sqlite_error(exc)
            if known is None:
                raise
            raise known from exc
        except ForeignRecordEdit as exc:
            raise KnownError(
                f"该记录属于“{exc.owner_name}”，本单位只能查看，不能修改。",
                "如需修改，请由该单位修改后再通过交换文件送来。本次操作未作任何改动。",
            ) from exc

    def close(self) -> None:
        self.engine.dispose()


def open_database(
    location: DataLocation, busy_timeout_ms: int = DEFAULT_BUSY_TIMEOUT_MS
) -> Database:
    prepare_data_dir(location)
    path = location.database
    if path.exists():
        _check_existing(path, busy_timeout_ms / 1000)
    engine = make_engine(path, busy_timeout_ms)
    try:
        _upgrade(location, engine)
    except BaseException:
        engine.dispose()
        raise
    return Database(location, engine, make_session_factory(engine))


def _check_existing(path: Path, timeout_s: float) -> None:
    try:
        problem = integrity_problem(path, quick=True, timeout_s=timeout_s)
        stored = migrate.stored_revision(path, timeout_s=timeout_s)
    except migrate.ForeignDatabase as exc:
        raise KnownError(
            f"“{path}”不是政协履职工作台的数据库。",
            "请用 --data-dir 指定本程序的数据文件夹。该文件未作任何改动。",
        ) from exc
    except sqlite3.DatabaseError as exc:
        raise _as_known(exc) from exc
    if problem:
        log.error("quick_check failed for %s: %s", path, problem)
        raise DatabaseDamaged()  # SQLite's English detail is in the log only
    if stored is not None and stored not in migrate.known_revisions():
        raise KnownError(
            f"数据库“{path}”由更新版本的政协履职工作台创建（结构版本 {stored}），本程序无法打开。",
            "请安装最新版本的程序后再打开。数据库未作任何改动。",
        )


def _upgrade(location: DataLocation, engine: Engine) -> None:
    path = location.database
    stored = migrate.stored_revision(path) if path.exists() else None
    head = migrate.head_revision()
    if stored == head:
        return
    if stored is not None:
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
        backup = location.backup_dir / f"升级前备份-{stored}-{stamp}.sqlite3"
        log.info("backing up %s to %s before upgrading %s -> %s", path, backup, stored, head)
        try:
            backup_database(path, backup)
        except OSError as exc:
            raise translate_os_error(exc, backup) from exc
        except sqlite3.DatabaseError as exc:
            raise _as_known(exc) from exc
    try:
        migrate.upgrade_to_head(engine)
    except DBAPIError as exc:
        raise _as_known(exc) from exc
    log.info("database %s now at schema %s", path, head)


def _as_known(exc: BaseException) -> KnownError:
    known = translate_sqlite_error(exc)
    if known is not None:
        return known
    return KnownError(
        f"无法读取数据库：{exc}。",
        "请用“备份”文件夹中最近的备份恢复，或联系技术人员。原文件未作任何改动。",
    )
