"""Logging in: five wrong passwords lock the account for ten minutes (a moved clock,
not a wait); the lock screen opens only with the same user's password."""

from __future__ import annotations

from datetime import timedelta

import pytest

from app.common.errors import KnownError
from app.common.operator import Role, current_operator, signed_in
from app.common.storage import Database
from app.security.login import (
    change_own_password,
    log_in,
    record_screen_lock,
    unlock_screen,
)
from db.base import utc_now

from .helpers import ADMIN, PASSWORDS, STAFF, audit_lines, staff_office


@pytest.fixture
def staffed(office_db: Database):
    staffed = staff_office(office_db)
    from app.common.operator import sign_out

    sign_out()
    return staffed


def test_a_login_signs_the_user_in_and_is_audited(staffed) -> None:
    db = staffed.database
    result = log_in(db, " 李明 ", PASSWORDS[STAFF])
    assert (result.operator.name, result.operator.role) == (STAFF, Role.STAFF)
    assert signed_in(db) == result.operator
    assert current_operator(db) == STAFF
    assert audit_lines(db)[-1][:4] == (STAFF, "login", STAFF, "ok")


def test_names_are_matched_without_case_or_width(office_db: Database) -> None:
    staff_office(office_db)
    from app.security.accounts import add_account

    add_account(office_db, "Zhang Wei", Role.STAFF, "Wei2025ab")
    assert log_in(office_db, "ＺＨＡＮＧwei", "Wei2025ab").operator.name == "Zhang Wei"


def test_an_unknown_name_is_refused_like_a_wrong_password_and_audited(staffed) -> None:
    db = staffed.database
    with pytest.raises(KnownError, match="用户名或密码不正确") as refused:
        log_in(db, "陌生人", "Whatever1")
    assert "还可再试" not in refused.value.message  # nothing says whether the name exists
    assert audit_lines(db)[-1][:4] == ("陌生人", "login_failed", "陌生人", "failed")
    assert signed_in(db) is None


def test_five_wrong_passwords_lock_the_account_for_ten_minutes(staffed) -> None:
    db = staffed.database
    start = utc_now()
    for tried in range(1, 5):
        with pytest.raises(KnownError, match=f"还可再试 {5 - tried} 次"):
            log_in(db, STAFF, "Wrong2025", now=start + timedelta(seconds=tried))
    with pytest.raises(KnownError, match="已被锁定"):
        log_in(db, STAFF, "Wrong2025", now=start + timedelta(seconds=5))
    # Locked: the right password is refused too, until ten minutes have passed.
    ten_minutes = timedelta(minutes=10)
    almost = start + timedelta(seconds=5) + ten_minutes - timedelta(seconds=1)
    with pytest.raises(KnownError, match="已被锁定"):
        log_in(db, STAFF, PASSWORDS[STAFF], now=almost)
    assert signed_in(db) is None
    later = start + timedelta(seconds=5) + ten_minutes + timedelta(seconds=1)
    assert log_in(db, STAFF, PASSWORDS[STAFF], now=later).operator.name == STAFF
    actions = [line[1] for line in audit_lines(db) if line[2] == STAFF and line[0] == STAFF]
    assert actions[-7:] == ["login_failed"] * 4 + ["account_locked", "login_failed", "login"]


def test_four_wrong_then_a_right_password_starts_the_count_again(staffed) -> None:
    db = staffed.database
    now = utc_now()
    for _ in range(4):
        with pytest.raises(KnownError):
            log_in(db, STAFF, "Wrong2025", now=now)
    log_in(db, STAFF, PASSWORDS[STAFF], now=now)
    for _ in range(4):
        with pytest.raises(KnownError, match="还可再试"):
            log_in(db, STAFF, "Wrong2025", now=now)


def test_an_administrator_unlocks_a_locked_account(staffed) -> None:
    from app.common.operator import sign_out
    from app.security.accounts import list_accounts, unlock_account

    db = staffed.database
    for _ in range(5):
        with pytest.raises(KnownError):
            log_in(db, STAFF, "Wrong2025")
    log_in(db, ADMIN, PASSWORDS[ADMIN])
    [clerk] = [a for a in list_accounts(db) if a.name == STAFF]
    assert clerk.locked()
    unlock_account(db, clerk.id)
    sign_out()
    assert log_in(db, STAFF, PASSWORDS[STAFF]).operator.name == STAFF


def test_the_lock_screen_opens_only_with_the_same_users_password(staffed) -> None:
    db = staffed.database
    log_in(db, STAFF, PASSWORDS[STAFF])
    record_screen_lock(db, 15)
    with pytest.raises(KnownError) as refused:
        unlock_screen(db, PASSWORDS[ADMIN])  # another user's password does not open it
    # No name is typed on the lock screen: it says whose password is wanted.
    assert refused.value.what == f"“{STAFF}”的密码不正确。"
    assert "还可再试 4 次" in refused.value.todo
    unlock_screen(db, PASSWORDS[STAFF])
    assert [line[1] for line in audit_lines(db)[-3:]] == [
        "screen_locked",
        "login_failed",
        "screen_unlocked",
    ]
    assert "闲置 15 分钟" in audit_lines(db)[-3][4]


def test_a_user_changes_their_own_password(staffed) -> None:
    db = staffed.database
    log_in(db, STAFF, PASSWORDS[STAFF])
    with pytest.raises(KnownError, match="原密码不正确"):
        change_own_password(db, "Wrong2025", "Better2026")
    with pytest.raises(KnownError, match="不符合要求"):
        change_own_password(db, PASSWORDS[STAFF], "short")
    change_own_password(db, PASSWORDS[STAFF], "Better2026")
    from app.common.operator import sign_out

    sign_out()
    with pytest.raises(KnownError):
        log_in(db, STAFF, PASSWORDS[STAFF])
    assert log_in(db, STAFF, "Better2026").operator.name == STAFF


@pytest.mark.parametrize("typed", ["Admin2025", "150523199001011234", "13912349000"])
def test_an_unknown_name_with_digits_is_masked_in_the_trail(staffed, typed) -> None:
    """A password typed into the name field, or an ID or phone number, must not stay
    readable in a trail nobody can edit."""
    db = staffed.database
    with pytest.raises(KnownError, match="用户名或密码不正确"):
        log_in(db, typed, "Whatever1")
    user, action, target, result, _detail = audit_lines(db)[-1]
    assert (action, result) == ("login_failed", "failed")
    assert user == target == typed[0] + "*" * (len(typed) - 1)
    assert typed[1:] not in " ".join(audit_lines(db)[-1])
