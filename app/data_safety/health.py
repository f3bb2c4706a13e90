"""`check`: is the database sound, at the program's schema, and is every value readable?"""

from __future__ import annotations

import logging
import sqlite3
from contextlib import closing
from dataclasses import dataclass

from sqlalchemy import text

from app.common.storage import Database
from app.common.table_labels import table_label
from db import migrate
from db.file_safety.content_check import content_problems
from db.file_safety.files import existing_uri

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class CheckResult:
    name: str
    ok: bool
    detail: str


def run_checks(database: Database) -> list[CheckResult]:
    results = []
    problem = database.check_integrity()
    if problem is not None:
        log.error("integrity_check: %s", problem)  # SQLite's own words, for a technician
    results.append(
        CheckResult(
            "数据文件是否完好",
            problem is None,
            "完好" if problem is None else "文件有损坏之处（详情已写入日志），请用最近的备份恢复",
        )
    )
    with database.read() as session:
        rows = session.execute(text("PRAGMA foreign_key_check")).fetchall()
    detail = (
        "完好"
        if not rows
        else f"{len(rows)} 条记录指向已不存在的记录（例如“{table_label(rows[0][0])}”）"
    )
    results.append(CheckResult("记录之间的关联", not rows, detail))
    stored, head = migrate.stored_revision(database.path), migrate.head_revision()
    same = "与本程序一致" if stored == head else f"数据为第 {stored} 版，本程序为第 {head} 版"
    results.append(CheckResult("数据格式", stored == head, same))
    results.append(_content(database))
    return results


def _content(database: Database) -> CheckResult:
    """Values that cannot have been written by the program: damage integrity_check misses."""
    uri = existing_uri(database.path)
    with closing(sqlite3.connect(uri, uri=True, timeout=database.busy_timeout_s)) as conn:
        problems = content_problems(conn)
    if not problems:
        return CheckResult("记录内容", True, "完好")
    more = "等" if len(problems) > 1 else ""
    detail = f"发现无法识别的内容（可能是磁盘损坏所致）：{problems[0]}{more}"
    return CheckResult("记录内容", False, detail)
