"""`cppcc-desk users add|list` and `cppcc-desk audit list`.

The command line runs as the operating-system user (app.cli.main signs them in);
the audit trail records them as such.
"""

from __future__ import annotations

import argparse
import sys
from datetime import date

from app.common.console import say, say_json
from app.common.errors import KnownError
from app.common.operator import ROLE_LABELS, Role
from app.common.storage import Database
from app.security.accounts import add_account, list_accounts
from app.security.audit_trail import AuditQuery, search_audit

ROLE_CHOICES = [role.value for role in Role]


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Add this module's subcommands."""
    users = subparsers.add_parser("users", help="账户：新增、列出")
    actions = users.add_subparsers(dest="users_action", metavar="ACTION", required=True)
    adding = actions.add_parser("add", help="新增账户（密码从标准输入读入一行）")
    adding.add_argument("name", metavar="NAME", help="用户名（可用姓名）")
    adding.add_argument(
        "--role",
        required=True,
        choices=ROLE_CHOICES,
        help="admin 管理员、staff 工作人员、readonly 只读",
    )
    adding.add_argument(
        "--password-stdin", action="store_true", required=True, help="从标准输入读入密码（一行）"
    )
    adding.set_defaults(handler=run_add)
    listing = actions.add_parser("list", help="列出账户")
    listing.add_argument("--json", action="store_true", help="以 JSON 输出")
    listing.set_defaults(handler=run_list)

    audit = subparsers.add_parser("audit", help="审计日志")
    audit_actions = audit.add_subparsers(dest="audit_action", metavar="ACTION", required=True)
    audit_list = audit_actions.add_parser("list", help="列出审计日志（新的在前）")
    audit_list.add_argument("--since", metavar="YYYY-MM-DD", type=_day, help="从这一天起")
    audit_list.add_argument("--json", action="store_true", help="以 JSON 输出")
    audit_list.set_defaults(handler=run_audit_list)


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"日期“{text}”应写成 YYYY-MM-DD，如 2025-01-31") from None


def read_password(stream: object = None) -> str:
    """One line from standard input, without its line break."""
    source = stream if stream is not None else sys.stdin
    line = source.readline()  # type: ignore[attr-defined]
    password = line.removesuffix("\n").removesuffix("\r")
    if not password:
        raise KnownError(
            "没有从标准输入读到密码。", "例如：echo 密码 | cppcc-desk users add 张三 …"
        )
    return password


def run_add(args: argparse.Namespace, database: Database) -> int:
    account = add_account(database, args.name, Role(args.role), read_password())
    must_change = "其首次登录时须修改密码。" if account.must_change_password else ""
    say(f"已新增账户：{account.name}（{account.role_label}）。{must_change}")
    return 0


def run_list(args: argparse.Namespace, database: Database) -> int:
    accounts = list_accounts(database)
    if args.json:
        payload = [
            {
                "name": a.name,
                "role": a.role.value,
                "disabled": a.disabled,
                "locked": a.locked(),
                "must_change_password": a.must_change_password,
                "last_login": a.last_login_at.astimezone().isoformat(timespec="seconds")
                if a.last_login_at
                else None,
            }
            for a in accounts
        ]
        say_json(payload)
        return 0
    if not accounts:
        say("尚无账户。")
    for a in accounts:
        state = "已停用" if a.disabled else ("已锁定" if a.locked() else "可用")
        if a.must_change_password and not a.disabled:
            state += "（须修改密码）"
        say(f"{a.name}\t{ROLE_LABELS[a.role]}\t{state}")
    return 0


def run_audit_list(args: argparse.Namespace, database: Database) -> int:
    page = search_audit(database, AuditQuery(since=args.since), limit=None)
    if args.json:
        payload = [
            {
                "time": row.time.isoformat(timespec="seconds"),
                "user": row.user,
                "action": row.action,
                "target": row.target,
                "result": row.result,
            }
            for row in page.rows
        ]
        say_json(payload)
        return 0
    for row in page.rows:
        say("\t".join(row.cells()))
    return 0
