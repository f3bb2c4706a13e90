"""`cppcc-desk check`, `backup`, `backups list [--json]` and `restore FILE`.

Scripts rely on these names and on the JSON keys of `backups list --json`:
an array of {"path", "time", "ok"}, newest first.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from app.common.console import complain, say, say_json
from app.common.errors import KnownError
from app.common.paths import DataLocation
from app.common.storage import Database
from app.data_safety import health, sealed
from app.data_safety.backups import MANUAL, make_backup
from app.data_safety.data_folder import backup_is_sound, list_backups
from app.data_safety.planned_restore import (
    check_restorable,
    nobody_else_uses,
    restore_from_file,
)
from app.data_safety.restore import (
    RestoreResult,
    newest_good_backup,
    require_backup_file,
    restore_damaged_at_start,
)


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Add this module's subcommands."""
    check = subparsers.add_parser("check", help="检查数据库完整性与结构版本")
    check.set_defaults(handler=run_check, reads_only=True)

    backup = subparsers.add_parser("backup", help="立即备份数据库（输出备份文件的路径）")
    backup.set_defaults(handler=run_backup, reads_only=True)

    backups = subparsers.add_parser("backups", help="备份文件")
    actions = backups.add_subparsers(dest="backups_action", metavar="ACTION", required=True)
    listing = actions.add_parser("list", help="列出备份文件（新的在前），并逐一检查是否完好")
    listing.add_argument("--json", action="store_true", help="以 JSON 输出")
    listing.set_defaults(
        handler=run_backups_list, when_damaged=run_backups_list_damaged, reads_only=True
    )

    restore = subparsers.add_parser("restore", help="用备份文件恢复数据库（需要管理员）")
    restore.add_argument(
        "file", metavar="FILE", type=Path, help="备份文件（.sqlite3 或 .cppccbak）"
    )
    restore.add_argument(
        "--password-stdin", action="store_true", help="加密备份：从标准输入读入密码（一行）"
    )
    restore.add_argument(
        "--other-office",
        action="store_true",
        help="恢复另一单位（行政区划代码不同）的备份：会用对方的全部数据替换本单位的数据",
    )
    restore.set_defaults(handler=run_restore, when_damaged=run_restore_damaged)


def run_check(args: argparse.Namespace, database: Database) -> int:
    results = health.run_checks(database)
    for result in results:
        say(f"[{'通过' if result.ok else '失败'}] {result.name}：{result.detail}")
    if all(r.ok for r in results):
        say("检查通过。")
        return 0
    say("检查未通过，请联系技术人员，并先用“备份”文件夹中的备份保护数据。")
    # Exit 1 is explained on stderr, as every failure is; the table above stays on stdout.
    failed = "、".join(r.name for r in results if not r.ok)
    complain(f"错误：数据库检查未通过：{failed}。详见上面的检查结果。")
    return 1


def run_backup(args: argparse.Namespace, database: Database) -> int:
    say(str(make_backup(database, MANUAL)))
    return 0


def run_backups_list(args: argparse.Namespace, database: Database) -> int:
    return _list_backups(args, database.location.backup_dir)


def run_backups_list_damaged(args: argparse.Namespace, location: DataLocation) -> int:
    """The list is what a damaged database calls for: it must not need the database."""
    return _list_backups(args, location.backup_dir)


def _list_backups(args: argparse.Namespace, folder: Path) -> int:
    found = [(b, backup_is_sound(b.path)) for b in list_backups(folder)]
    if args.json:
        payload = [
            {"path": str(b.path), "time": b.made_at.isoformat(timespec="seconds"), "ok": ok}
            for b, ok in found
        ]
        say_json(payload)
        return 0
    if not found:
        say("还没有备份。")
    for backup, ok in found:
        say(f"{backup.made_at:%Y-%m-%d %H:%M:%S}  {'完好' if ok else '损坏'}  {backup.path}")
    return 0


def way_out_of_damage(location: DataLocation, data_dir: Path | None = None) -> list[str]:
    """What to type when the database is damaged: the newest good backup, with its date
    (and the --data-dir the failed command was given, so the restore goes to that folder)."""
    backup = newest_good_backup(location)
    if backup is None:
        return [
            f"备份文件夹（{location.backup_dir}）中没有可用的备份，请联系技术人员；"
            "损坏的数据库文件请保留，不要删除。"
        ]
    folder = f' --data-dir "{data_dir}"' if data_dir is not None else ""
    return [
        f"最近的完好备份：{backup.made_at:%Y-%m-%d %H:%M:%S}  {backup.path}",
        f'用它恢复：cppcc-desk{folder} restore "{backup.path}"'
        "（损坏的文件会保存在备份文件夹中；全部备份见 cppcc-desk backups list）",
    ]


def run_restore(args: argparse.Namespace, database: Database) -> int:
    password = _read_password() if args.password_stdin else None
    source = args.file.absolute()
    _say_restored(restore_from_file(database, source, password, other_office=args.other_office))
    return 0


def run_restore_damaged(args: argparse.Namespace, location: DataLocation) -> int:
    """The database is damaged or gone, so nobody can sign in (the accounts are in it):
    as at the GUI's start, the person at the computer may put a sound backup in its place."""
    source = args.file.absolute()
    require_backup_file(source)
    if sealed.is_sealed(source):
        raise KnownError(
            "数据库已损坏，不能直接用加密备份恢复。",
            "请先用“备份”文件夹中的备份（.sqlite3 文件）恢复，再从加密备份恢复。"
            "当前数据没有任何改动。",
        )
    check_restorable(source)
    nobody_else_uses(location)
    why = "数据库已损坏，在命令行用指定的备份恢复；"
    _say_restored(restore_damaged_at_start(location, source, why))
    return 0


def _say_restored(result: RestoreResult) -> None:
    say(f"已用“{result.restored_from}”恢复数据库。")
    for line in result.where_kept():
        say(line)


def _read_password() -> str:
    password = sys.stdin.readline().removesuffix("\n").removesuffix("\r")
    if not password:
        raise KnownError(
            "没有从标准输入读到密码。", "例如：echo 密码 | cppcc-desk restore 备份.cppccbak …"
        )
    return password
