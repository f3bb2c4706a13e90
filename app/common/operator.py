"""The person at the keyboard (操作人) and what their role allows.

One session per process: the window signs the user in after the login
(app.security.login), the command line signs in the operating-system user
(app.cli.main). Services read it through `operator_of` / `current_operator`;
permission checks are in app.common.access.

A process where nobody signed in (a script using the services, the tests, the
`--self-test`) acts as the operating-system user with every permission: that
user can open the database file directly anyway, so the password only guards
the window — which always signs someone in before it shows any data.
"""

from __future__ import annotations

import enum
import getpass
import threading
import weakref
from dataclasses import dataclass
from typing import TYPE_CHECKING

from db.security_models import AccountRole as Role

if TYPE_CHECKING:
    from app.common.storage import Database

ROLE_LABELS = {Role.ADMIN: "管理员", Role.STAFF: "工作人员", Role.READONLY: "只读"}


class Permission(enum.StrEnum):
    EDIT = "edit"  # change the office's data: forms, imports, settings
    SHOW_FULL_NUMBERS = "show_full_numbers"  # a member's full ID and phone, on request
    EXPORT_FULL_NUMBERS = "export_full_numbers"  # the roster export with full numbers
    MANAGE_ACCOUNTS = "manage_accounts"
    VIEW_AUDIT = "view_audit"
    RESTORE = "restore"


PERMISSION_LABELS = {
    Permission.EDIT: "修改数据",
    Permission.SHOW_FULL_NUMBERS: "查看完整的身份证号码和联系电话",
    Permission.EXPORT_FULL_NUMBERS: "导出含完整身份证号码的名册",
    Permission.MANAGE_ACCOUNTS: "管理账户",
    Permission.VIEW_AUDIT: "查看审计日志",
    Permission.RESTORE: "恢复备份",
}

ROLE_PERMISSIONS: dict[Role, frozenset[Permission]] = {
    Role.ADMIN: frozenset(Permission),
    Role.STAFF: frozenset({Permission.EDIT, Permission.SHOW_FULL_NUMBERS}),
    Role.READONLY: frozenset(),
}


@dataclass(frozen=True)
class Operator:
    name: str
    role: Role
    account_id: int | None = None  # None: the operating-system user (command line)

    @property
    def label(self) -> str:
        """How history entries and the audit trail name this person."""
        if self.account_id is None:
            return f"{self.name}（操作系统用户）"
        return self.name

    @property
    def role_label(self) -> str:
        return ROLE_LABELS[self.role]

    def may(self, permission: Permission) -> bool:
        return permission in ROLE_PERMISSIONS[self.role]


@dataclass(frozen=True)
class _Session:
    database: weakref.ref[Database]
    operator: Operator


_lock = threading.Lock()
_session: _Session | None = None


def os_user_name() -> str:
    try:
        return getpass.getuser()
    except (OSError, KeyError, ImportError):  # no login name in the environment
        return "unknown"


def os_operator() -> Operator:
    """The operating-system user, as the command line runs."""
    return Operator(os_user_name(), Role.ADMIN)


def sign_in(database: Database, operator: Operator) -> None:
    """From now on `operator` is at the keyboard of this process, on `database`."""
    global _session
    from app.common import access  # noqa: F401 - installs the write guard

    with _lock:
        _session = _Session(weakref.ref(database), operator)


def sign_out() -> None:
    global _session
    with _lock:
        _session = None


def signed_in_database() -> Database | None:
    """The database someone signed in to in this process (files written are audited there)."""
    session = _session
    return session.database() if session is not None else None


def signed_in(database: Database) -> Operator | None:
    """Who signed in on this database, or None when nobody did."""
    session = _session
    if session is None or session.database() is not database:
        return None
    return session.operator


def operator_of(database: Database) -> Operator:
    """The person at the keyboard: the signed-in user, else the operating-system user."""
    return signed_in(database) or os_operator()


def current_operator(database: Database) -> str:
    """The name history entries record as 操作人."""
    return operator_of(database).label


def may(database: Database, permission: Permission) -> bool:
    return operator_of(database).may(permission)
