"""`check`: is the database sound and at the program's schema?"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import text

from app.common.storage import Database
from db import migrate
from db.backup import integrity_problem


@dataclass(frozen=True)
class CheckResult:
    name: str
    ok: bool
    detail: str


def run_checks(database: Database) -> list[CheckResult]:
    results = []
    problem = integrity_problem(database.path)
    results.append(CheckResult("完整性检查 (integrity_check)", problem is None, problem or "ok"))
    with database.begin() as session:
        rows = session.execute(text("PRAGMA foreign_key_check")).fetchall()
    detail = "ok" if not rows else f"{len(rows)} 处外键引用失效，例如表 {rows[0][0]}"
    results.append(CheckResult("外键检查 (foreign_key_check)", not rows, detail))
    stored, head = migrate.stored_revision(database.path), migrate.head_revision()
    results.append(CheckResult("数据库结构版本", stored == head, f"当前 {stored}，程序要求 {head}"))
    return results
