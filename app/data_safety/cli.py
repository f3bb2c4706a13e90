"""`cppcc-desk check`: is the database sound and at the program's schema?"""

from __future__ import annotations

import argparse

from app.common.console import say
from app.common.storage import Database
from app.data_safety import health


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Add this module's subcommands."""
    check = subparsers.add_parser("check", help="检查数据库完整性与结构版本")
    check.set_defaults(handler=run_check)


def run_check(args: argparse.Namespace, database: Database) -> int:
    results = health.run_checks(database)
    for result in results:
        say(f"[{'通过' if result.ok else '失败'}] {result.name}：{result.detail}")
    if all(r.ok for r in results):
        say("检查通过。")
        return 0
    say("检查未通过，请联系技术人员，并先用“备份”文件夹中的备份保护数据。")
    return 1
