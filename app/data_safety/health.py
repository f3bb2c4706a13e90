"""`check`: is the database sound, at the program's schema, and is every value readable?"""

from __future__ import annotations

import sqlite3
from contextlib import closing
from dataclasses import dataclass

from sqlalchemy import text

from app.common.storage import Database
from db import migrate
from db.content_check import content_problems
from db.files import existing_uri


@dataclass(frozen=True)
class CheckResult:
    name: str
    ok: bool
    detail: str


def run_checks(database: Database) -> list[CheckResult]:
    results = []
    problem = database.check_integrity()
    results.append(CheckResult("完整性检查 (integrity_check)", problem is None, problem or "ok"))
    with database.begin() as session:
        rows = session.execute(text("PRAGMA foreign_key_check")).fetchall()
    detail = "ok" if not rows else f"{len(rows)} 处外键引用失效，例如表 {rows[0][0]}"
    results.append(CheckResult("外键检查 (foreign_key_check)", not rows, detail))
    stored, head = migrate.stored_revision(database.path), migrate.head_revision()
    results.append(CheckResult("数据库结构版本", stored == head, f"当前 {stored}，程序要求 {head}"))
    results.append(_content(database))
    return results


def _content(database: Database) -> CheckResult:
    """Values that cannot have been written by the program: damage integrity_check misses."""
    uri = existing_uri(database.path)
    with closing(sqlite3.connect(uri, uri=True, timeout=database.busy_timeout_s)) as conn:
        problems = content_problems(conn)
    if not problems:
        return CheckResult("内容检查", True, "ok")
    more = "等" if len(problems) > 1 else ""
    detail = f"发现无法识别的内容（可能是磁盘损坏所致）：{problems[0]}{more}"
    return CheckResult("内容检查", False, detail)
