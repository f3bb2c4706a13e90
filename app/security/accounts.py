"""Local accounts (账户): the first administrator, and what administrators do with accounts.

Every change is written with its audit entry in one transaction. At least one
usable administrator always remains (nobody could manage accounts otherwise).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.common.access import require
from app.common.audit import Action, add_entry
from app.common.errors import KnownError
from app.common.operator import ROLE_LABELS, Operator, Permission, Role, operator_of, sign_in
from app.common.storage import Database
from app.common.text import clean_line, clean_text
from app.security.passwords import RULE_TEXT, hash_password, password_problems
from db.base import utc_now
from db.security_models import UserAccount

MAX_NAME_LENGTH = 30
# Changes one account in a session; returns what it did ("" for nothing).
ChangeFn = Callable[[Session, UserAccount], str]


@dataclass(frozen=True)
class AccountRow:
    id: int
    name: str
    role: Role
    disabled: bool
    locked_until: datetime | None
    last_login_at: datetime | None
    must_change_password: bool

    @property
    def role_label(self) -> str:
        return ROLE_LABELS[self.role]

    def locked(self, now: datetime | None = None) -> bool:
        return self.locked_until is not None and self.locked_until > (now or utc_now())


def name_key(name: str) -> str:
    """Names compare without case, width or spaces: “Zhang San” is “zhangsan”."""
    return "".join(clean_text(name).casefold().split())


def name_problems(name: str) -> list[str]:
    name = clean_line(name)
    if not name:
        return ["请填写用户名（可用姓名）。"]
    if len(name) > MAX_NAME_LENGTH:
        return [f"用户名太长：不超过 {MAX_NAME_LENGTH} 个字。"]
    return []


def has_accounts(database: Database) -> bool:
    with database.read() as session:
        return bool(session.scalar(select(func.count()).select_from(UserAccount)))


def create_first_admin(database: Database, name: str, password: str) -> Operator:
    """The office's first administrator (setup wizard, or the first start after the
    upgrade); refused once any account exists. Signs the new administrator in."""
    name = _checked_name(name)
    check_new_password(password, name)
    with database.begin() as session:
        if session.scalar(select(func.count()).select_from(UserAccount)):
            raise KnownError("本单位已有账户。", "请用已有的管理员账户登录后再新增账户。")
        account = _new_account(session, name, Role.ADMIN, password)
        account.last_login_at = utc_now()
        session.flush()
        operator = Operator(account.name, Role.ADMIN, account.id)
        add_entry(session, operator.label, Action.ACCOUNT_CHANGE, name, detail="建立首个管理员账户")
    sign_in(database, operator)
    return operator


def list_accounts(database: Database) -> list[AccountRow]:
    require(database, Permission.MANAGE_ACCOUNTS, "账户列表")
    with database.read() as session:
        accounts = session.scalars(select(UserAccount).order_by(UserAccount.id)).all()
        return [_row(account) for account in accounts]


def add_account(database: Database, name: str, role: Role, password: str) -> AccountRow:
    """A new account with a password the administrator chose: its user sets their own at
    the first login (as after a reset), so nobody else knows it afterwards. The office's
    very first account (made from the command line) keeps the password it was given."""
    name = _checked_name(name)
    operator = require(database, Permission.MANAGE_ACCOUNTS, f"新增账户 {name}")
    check_new_password(password, name)
    with database.begin() as session:
        first = not session.scalar(select(func.count()).select_from(UserAccount))
        account = _new_account(session, name, role, password)
        account.must_change_password = not first
        add_entry(
            session,
            operator.label,
            Action.ACCOUNT_CHANGE,
            name,
            detail=f"新增账户，角色：{ROLE_LABELS[role]}"
            + ("" if first else "（首次登录时须修改密码）"),
        )
        session.flush()
        return _row(account)


def set_role(database: Database, account_id: int, role: Role) -> None:
    def change(session: Session, account: UserAccount) -> str:
        if account.role is role:
            return ""
        before = account.role
        account.role = role
        _keep_an_admin(session)
        return f"角色：{ROLE_LABELS[before]} → {ROLE_LABELS[role]}"

    _change(database, account_id, "修改角色", change)


def set_disabled(database: Database, account_id: int, disabled: bool) -> None:
    def change(session: Session, account: UserAccount) -> str:
        if account.disabled == disabled:
            return ""
        if disabled and account.id == operator_of(database).account_id:
            raise KnownError("不能停用当前登录的账户。", "请由另一位管理员停用。")
        account.disabled = disabled
        _keep_an_admin(session)
        return "停用账户" if disabled else "重新启用账户"

    _change(database, account_id, "停用账户" if disabled else "启用账户", change)


def reset_password(database: Database, account_id: int, new_password: str) -> None:
    """An administrator sets a new password; the user must change it at the next login."""

    def change(session: Session, account: UserAccount) -> str:
        check_new_password(new_password, account.name)
        account.password_hash = hash_password(new_password)
        account.must_change_password = account.id != operator_of(database).account_id
        account.failed_logins = 0
        account.locked_until = None
        return "重置密码" + ("（下次登录时须修改）" if account.must_change_password else "")

    _change(database, account_id, "重置密码", change)


def unlock_account(database: Database, account_id: int) -> None:
    def change(session: Session, account: UserAccount) -> str:
        if account.locked_until is None and not account.failed_logins:
            return ""
        account.locked_until = None
        account.failed_logins = 0
        return "解除账户锁定"

    _change(database, account_id, "解除锁定", change)


# --- helpers -----------------------------------------------------------------------


def _change(database: Database, account_id: int, what: str, change: ChangeFn) -> None:
    with database.begin() as session:
        name = session.scalar(select(UserAccount.name).where(UserAccount.id == account_id))
    operator = require(database, Permission.MANAGE_ACCOUNTS, f"{what} {name or ''}".strip())
    with database.begin() as session:
        account = session.get(UserAccount, account_id)
        if account is None:
            raise KnownError("该账户已不存在。", "请刷新账户列表后再试。")
        detail = change(session, account)
        if detail:
            add_entry(session, operator.label, Action.ACCOUNT_CHANGE, account.name, detail=detail)


def _new_account(session: Session, name: str, role: Role, password: str) -> UserAccount:
    key = name_key(name)
    if session.scalar(select(UserAccount.id).where(UserAccount.name_key == key)) is not None:
        raise KnownError(f"已有名为“{name}”的账户。", "请换一个用户名，例如在姓名后加上部门。")
    account = UserAccount(name=name, name_key=key, role=role, password_hash=hash_password(password))
    session.add(account)
    return account


def _keep_an_admin(session: Session) -> None:
    session.flush()
    admins = session.scalar(
        select(func.count())
        .select_from(UserAccount)
        .where(UserAccount.role == Role.ADMIN, UserAccount.disabled.is_(False))
    )
    if not admins:
        raise KnownError(
            "至少要保留一个可用的管理员账户。",
            "请先把另一个账户设为管理员，再修改这个账户。本次未作任何改动。",
        )


def _checked_name(name: str) -> str:
    problems = name_problems(name)
    if problems:
        raise KnownError(problems[0], "请修改用户名后再试。")
    return clean_line(name)


def check_new_password(password: str, name: str) -> None:
    problems = password_problems(password, name)
    if problems:
        raise KnownError("密码不符合要求：" + "".join(problems), RULE_TEXT)


def _row(account: UserAccount) -> AccountRow:
    return AccountRow(
        id=account.id,
        name=account.name,
        role=account.role,
        disabled=account.disabled,
        locked_until=account.locked_until,
        last_login_at=account.last_login_at,
        must_change_password=account.must_change_password,
    )
