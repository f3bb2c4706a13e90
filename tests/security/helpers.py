"""Accounts for the security tests: an office with an administrator, a clerk and a reader."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select

from app.common.operator import Role, sign_out
from app.common.storage import Database
from app.security.accounts import add_account, create_first_admin
from app.security.login import log_in
from db.security_models import AuditEntry, UserAccount

ADMIN, STAFF, READER = "张红", "李明", "王芳"
PASSWORDS = {ADMIN: "Admin2025", STAFF: "Staff2025", READER: "Reader2025"}


@dataclass(frozen=True)
class Staffed:
    database: Database

    def as_user(self, name: str) -> None:
        sign_out()
        log_in(self.database, name, PASSWORDS[name])


def staff_office(database: Database) -> Staffed:
    """The first administrator (signed in), then a 工作人员 and a 只读 account whose
    users have since set their own passwords (a new account must, at its first login)."""
    create_first_admin(database, ADMIN, PASSWORDS[ADMIN])
    add_account(database, STAFF, Role.STAFF, PASSWORDS[STAFF])
    add_account(database, READER, Role.READONLY, PASSWORDS[READER])
    with database.begin() as session:
        for account in session.scalars(select(UserAccount)):
            account.must_change_password = False
    return Staffed(database)


def audit_lines(database: Database) -> list[tuple[str, str, str, str, str]]:
    """(user, action, target, result, detail) of every entry, oldest first."""
    with database.begin() as session:
        entries = session.scalars(select(AuditEntry).order_by(AuditEntry.id)).all()
        return [(e.user, e.action, e.target, e.result, e.detail) for e in entries]
