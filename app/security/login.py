"""Logging in, the lock screen, and a user's own new password.

Five wrong passwords in a row lock the account for ten minutes (the lock screen's
tries count too). Every try is in the audit trail, under the name that was typed;
an unknown name with a digit in it is masked there (`trail_name`).
`now` is a parameter so that tests can move the clock.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import cache

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.common.audit import Action, Result, add_entry, record
from app.common.errors import KnownError
from app.common.operator import Operator, operator_of, sign_in, signed_in
from app.common.storage import Database
from app.common.text import clean_line
from app.security.accounts import check_new_password, name_key
from app.security.passwords import hash_password, needs_rehash, password_matches
from db.base import utc_now
from db.security_models import UserAccount

TRIES_BEFORE_LOCK = 5
LOCK_DURATION = timedelta(minutes=10)
WRONG = "用户名或密码不正确。"


@dataclass(frozen=True)
class LoginResult:
    operator: Operator
    must_change_password: bool


class LoginRefused(KnownError):
    pass


def log_in(
    database: Database, name: str, password: str, now: datetime | None = None
) -> LoginResult:
    """Sign the user in, or refuse with the reason (the attempt is audited either way)."""
    now = now or utc_now()
    typed = clean_line(name)[:50]
    result: LoginResult | KnownError
    # The refusal is raised after the transaction: the counted try must be kept.
    with database.begin() as session:
        account = session.scalar(select(UserAccount).where(UserAccount.name_key == name_key(typed)))
        if account is None:
            password_matches(_dummy_hash(), password)  # as slow as a real try
            shown = trail_name(typed)
            add_entry(session, shown, Action.LOGIN_FAILED, shown, Result.FAILED, "无此账户")
            result = LoginRefused(WRONG, "请检查用户名和密码（注意大小写和输入法）后重试。")
        else:
            result = _check(session, account, password, now, "登录") or _logged_in(
                session, account, now
            )
    if isinstance(result, KnownError):
        raise result
    sign_in(database, result.operator)
    return result


def trail_name(typed: str) -> str:
    """An unknown name as the audit trail keeps it. A name with a digit in it is often
    a password typed into the wrong field, or an ID or phone number: the trail, which
    nobody can edit, keeps only its first character (张红2 → 张**)."""
    if not any(char.isdigit() for char in typed):
        return typed
    return typed[:1] + "*" * (len(typed) - 1)


def _logged_in(session: Session, account: UserAccount, now: datetime) -> LoginResult:
    account.last_login_at = now
    operator = Operator(account.name, account.role, account.id)
    add_entry(session, operator.label, Action.LOGIN, account.name)
    return LoginResult(operator, account.must_change_password)


def unlock_screen(database: Database, password: str, now: datetime | None = None) -> None:
    """The lock screen: only the signed-in user's own password opens it again."""
    operator = signed_in(database)
    if operator is None or operator.account_id is None:
        raise KnownError("当前没有登录的账户。", "请退出程序后重新登录。")
    with database.begin() as session:
        account = session.get(UserAccount, operator.account_id)
        if account is None:
            refusal: KnownError | None = KnownError("该账户已不存在。", "请退出程序。")
        else:
            refusal = _check(session, account, password, now or utc_now(), "解除锁屏")
            if refusal is None:
                add_entry(session, operator.label, Action.SCREEN_UNLOCKED, account.name)
    if refusal is not None:
        raise refusal


def record_screen_lock(database: Database, idle_minutes: int | None) -> None:
    reason = f"闲置 {idle_minutes} 分钟" if idle_minutes else "用户锁定"
    record(database, Action.SCREEN_LOCKED, operator_of(database).name, detail=reason)


def record_logout(database: Database) -> None:
    operator = signed_in(database)
    if operator is not None:
        record(database, Action.LOGOUT, operator.name)


def change_own_password(database: Database, old_password: str, new_password: str) -> None:
    """The signed-in user's new password (asked at the first login after a reset, too)."""
    operator = signed_in(database)
    if operator is None or operator.account_id is None:
        raise KnownError("当前没有登录的账户。", "请登录后再修改密码。")
    with database.begin() as session:
        account = session.get(UserAccount, operator.account_id)
        if account is None or not password_matches(account.password_hash, old_password):
            add_entry(
                session,
                operator.label,
                Action.ACCOUNT_CHANGE,
                operator.name,
                Result.FAILED,
                "修改密码：原密码不正确",
            )
            refusal: KnownError | None = KnownError("原密码不正确。", "请重新输入原密码。")
        elif old_password == new_password:
            refusal = KnownError("新密码不能与原密码相同。", "请换一个新密码。")
        else:
            refusal = None
    if refusal is not None:
        raise refusal
    check_new_password(new_password, operator.name)
    with database.begin() as session:
        account = session.get(UserAccount, operator.account_id)
        assert account is not None
        account.password_hash = hash_password(new_password)
        account.must_change_password = False
        add_entry(session, operator.label, Action.ACCOUNT_CHANGE, operator.name, detail="修改密码")


def _check(
    session: Session, account: UserAccount, password: str, now: datetime, what: str
) -> KnownError | None:
    """None when the password opens the account now; else the refusal, with the
    failed try counted and audited in the caller's transaction."""
    if account.disabled:
        add_entry(
            session,
            account.name,
            Action.LOGIN_FAILED,
            account.name,
            Result.FAILED,
            f"{what}：账户已停用",
        )
        return LoginRefused(f"账户“{account.name}”已停用。", "如需使用，请联系管理员重新启用。")
    if account.locked_until is not None and account.locked_until > now:
        add_entry(
            session,
            account.name,
            Action.LOGIN_FAILED,
            account.name,
            Result.FAILED,
            f"{what}：账户锁定中",
        )
        return _locked(account)
    if not password_matches(account.password_hash, password):
        return _wrong(session, account, now, what)
    account.failed_logins = 0
    account.locked_until = None
    if needs_rehash(account.password_hash):
        account.password_hash = hash_password(password)
    return None


def _wrong(session: Session, account: UserAccount, now: datetime, what: str) -> KnownError:
    account.failed_logins = (account.failed_logins or 0) + 1
    if account.failed_logins >= TRIES_BEFORE_LOCK:
        account.failed_logins = 0
        account.locked_until = now + LOCK_DURATION
        add_entry(
            session,
            account.name,
            Action.ACCOUNT_LOCKED,
            account.name,
            Result.OK,
            f"{what}：连续 {TRIES_BEFORE_LOCK} 次密码错误，锁定 10 分钟",
        )
        return _locked(account)
    left = TRIES_BEFORE_LOCK - account.failed_logins
    add_entry(
        session,
        account.name,
        Action.LOGIN_FAILED,
        account.name,
        Result.FAILED,
        f"{what}：密码错误（第 {account.failed_logins} 次）",
    )
    # The lock screen asks for no name: it names the one whose password is wanted.
    wrong = WRONG if what == "登录" else f"“{account.name}”的密码不正确。"
    return LoginRefused(
        wrong, f"还可再试 {left} 次；连续输错 {TRIES_BEFORE_LOCK} 次，账户将锁定 10 分钟。"
    )


def _locked(account: UserAccount) -> LoginRefused:
    assert account.locked_until is not None
    until = account.locked_until.astimezone().strftime("%H:%M")
    return LoginRefused(
        f"账户“{account.name}”因连续 {TRIES_BEFORE_LOCK} 次密码错误已被锁定。",
        f"请在 {until} 后再试，或请管理员在“系统设置 → 账户”中解除锁定。",
    )


@cache
def _dummy_hash() -> str:
    return hash_password("not a password of anyone 0")
