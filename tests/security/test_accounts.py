"""Accounts: the first administrator, the password rule, what administrators do, and
what nobody else may do (refused, nothing changed, audited)."""

from __future__ import annotations

import pytest
from argon2 import Type, extract_parameters
from argon2.exceptions import InvalidHashError

from app.common.errors import KnownError
from app.common.operator import Role, current_operator, operator_of, sign_out
from app.common.storage import Database
from app.security import passwords
from app.security.accounts import (
    add_account,
    create_first_admin,
    has_accounts,
    list_accounts,
    reset_password,
    set_disabled,
    set_role,
    unlock_account,
)
from app.security.login import change_own_password, log_in
from app.security.passwords import password_problems
from db.security_models import UserAccount

from .helpers import ADMIN, PASSWORDS, READER, STAFF, audit_lines, staff_office


def _accounts(database: Database) -> dict[str, tuple[Role, bool]]:
    return {a.name: (a.role, a.disabled) for a in list_accounts(database)}


def test_the_first_administrator_is_made_once_and_signed_in(office_db: Database) -> None:
    assert not has_accounts(office_db)
    operator = create_first_admin(office_db, " 张红 ", "Admin2025")
    assert (operator.name, operator.role) == ("张红", Role.ADMIN)
    assert operator_of(office_db) == operator
    assert current_operator(office_db) == "张红"
    with pytest.raises(KnownError, match="已有账户"):
        create_first_admin(office_db, "李明", "Staff2025")
    assert _accounts(office_db) == {"张红": (Role.ADMIN, False)}
    assert audit_lines(office_db)[-1][:3] == ("张红", "account_change", "张红")


def test_passwords_are_stored_as_argon2id_hashes(office_db: Database) -> None:
    create_first_admin(office_db, "张红", "Admin2025")
    with office_db.begin() as session:
        stored = session.query(UserAccount.password_hash).scalar()
    assert "Admin2025" not in stored
    assert extract_parameters(stored).type is Type.ID
    # The program's own parameters (the tests use cheaper ones): RFC 9106 low-memory.
    default = passwords.DEFAULT_HASHER
    assert (default.type, default.memory_cost, default.time_cost) == (Type.ID, 65536, 3)
    with pytest.raises(InvalidHashError):
        extract_parameters("Admin2025")


@pytest.mark.parametrize(
    ("password", "problem"),
    [
        ("Ab1", "太短"),
        ("Abcdefg1"[:7], "太短"),
        ("abcdefgh", "字母和数字"),
        ("12345678", "字母和数字"),
        ("zhangsan2025", "用户名"),
        ("ZhangSan2025", "用户名"),
        (" Admin2025", "空格"),
    ],
)
def test_the_password_rule(password: str, problem: str) -> None:
    assert any(problem in p for p in password_problems(password, "zhangsan"))


def test_a_good_password_passes_the_rule() -> None:
    assert password_problems("Abcdefg1", "zhangsan") == []
    assert password_problems("政协2025abc", "张红") == []


def test_a_weak_first_password_is_refused_and_nothing_is_made(office_db: Database) -> None:
    with pytest.raises(KnownError, match="至少 8 位"):
        create_first_admin(office_db, "张红", "abc1")
    assert not has_accounts(office_db)


def test_an_administrator_adds_accounts_and_names_do_not_repeat(office_db: Database) -> None:
    staff_office(office_db)
    assert _accounts(office_db) == {
        ADMIN: (Role.ADMIN, False),
        STAFF: (Role.STAFF, False),
        READER: (Role.READONLY, False),
    }
    with pytest.raises(KnownError, match="已有名为"):
        add_account(office_db, " 李明", Role.STAFF, "Other2025")
    added = [line for line in audit_lines(office_db) if line[1] == "account_change"]
    assert [line[2] for line in added] == [ADMIN, STAFF, READER]
    assert "工作人员" in added[1][4] and "首次登录时须修改密码" in added[1][4]


def test_a_new_account_sets_its_own_password_at_its_first_login(office_db: Database) -> None:
    """The administrator chose the password: only the user should know it afterwards."""
    create_first_admin(office_db, ADMIN, PASSWORDS[ADMIN])
    add_account(office_db, "赵敏", Role.STAFF, "Zhao2025x")
    assert [a.must_change_password for a in list_accounts(office_db) if a.name == "赵敏"] == [True]
    assert log_in(office_db, "赵敏", "Zhao2025x").must_change_password
    change_own_password(office_db, "Zhao2025x", "Min2025own")
    sign_out()
    assert not log_in(office_db, "赵敏", "Min2025own").must_change_password
    with pytest.raises(KnownError):
        log_in(office_db, "赵敏", "Zhao2025x")


def test_at_least_one_administrator_remains(office_db: Database) -> None:
    staffed = staff_office(office_db)
    me = next(a for a in list_accounts(office_db) if a.name == ADMIN)
    with pytest.raises(KnownError, match="至少要保留一个可用的管理员"):
        set_role(office_db, me.id, Role.STAFF)
    with pytest.raises(KnownError, match="当前登录"):
        set_disabled(office_db, me.id, True)
    clerk = next(a for a in list_accounts(office_db) if a.name == STAFF)
    set_role(office_db, clerk.id, Role.ADMIN)
    set_role(office_db, me.id, Role.STAFF)  # another administrator exists now
    staffed.as_user(STAFF)
    assert _accounts(office_db)[ADMIN] == (Role.STAFF, False)


def test_a_reset_by_a_non_administrator_is_refused_changes_nothing_and_is_audited(
    office_db: Database,
) -> None:
    staffed = staff_office(office_db)
    reader = next(a for a in list_accounts(office_db) if a.name == READER)
    staffed.as_user(STAFF)
    with pytest.raises(KnownError, match="无权管理账户"):
        reset_password(office_db, reader.id, "Other2025")
    sign_out()
    log_in(office_db, READER, PASSWORDS[READER])  # the old password still works
    user, action, target, result, _detail = next(
        line for line in audit_lines(office_db) if line[1] == "denied"
    )
    assert (user, action, result) == (STAFF, "denied", "denied")
    assert READER in target


def test_staff_and_readers_manage_no_accounts(office_db: Database) -> None:
    staffed = staff_office(office_db)
    for name in (STAFF, READER):
        staffed.as_user(name)
        with pytest.raises(KnownError, match="无权管理账户"):
            list_accounts(office_db)
        with pytest.raises(KnownError, match="无权管理账户"):
            add_account(office_db, "赵六", Role.ADMIN, "Zhao2025x")
    staffed.as_user(ADMIN)
    assert "赵六" not in _accounts(office_db)


def test_an_administrator_resets_a_password_which_must_then_be_changed(
    office_db: Database,
) -> None:
    staffed = staff_office(office_db)
    clerk = next(a for a in list_accounts(office_db) if a.name == STAFF)
    reset_password(office_db, clerk.id, "Temp2025x")
    sign_out()
    with pytest.raises(KnownError, match="用户名或密码不正确"):
        log_in(office_db, STAFF, PASSWORDS[STAFF])
    assert log_in(office_db, STAFF, "Temp2025x").must_change_password
    staffed.as_user(ADMIN)
    assert [a.must_change_password for a in list_accounts(office_db) if a.name == STAFF] == [True]


def test_a_disabled_account_cannot_log_in_and_can_be_enabled_again(office_db: Database) -> None:
    staff_office(office_db)
    clerk = next(a for a in list_accounts(office_db) if a.name == STAFF)
    set_disabled(office_db, clerk.id, True)
    sign_out()
    with pytest.raises(KnownError, match="已停用"):
        log_in(office_db, STAFF, PASSWORDS[STAFF])
    log_in(office_db, ADMIN, PASSWORDS[ADMIN])
    set_disabled(office_db, clerk.id, False)
    unlock_account(office_db, clerk.id)  # nothing to unlock: no entry
    sign_out()
    assert log_in(office_db, STAFF, PASSWORDS[STAFF]).operator.role is Role.STAFF
