"""Buttons a role may not use: disabled, with a tooltip that says why, and kept so.

A screen names its writing buttons once (`guard_writes(database, save, delete)`);
whatever the screen later does with setEnabled, they stay disabled for a role
without the permission. The services refuse anyway (app.common.access): this only
spares the clerk a button that cannot work.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QWidget

from app.common.operator import PERMISSION_LABELS, Permission, operator_of
from app.common.storage import Database

READONLY_TIP = "当前账户（{role}）不能{what}。"


class _KeepDisabled(QObject):
    """Turns a guarded widget off again whenever the screen turns it on."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            event.type() == QEvent.Type.EnabledChange
            and isinstance(watched, QWidget)
            and watched.isEnabled()
        ):
            watched.setEnabled(False)
        return False


def guard_writes(
    database: Database, *widgets: QWidget, permission: Permission = Permission.EDIT
) -> bool:
    """Disable `widgets` when the person at the keyboard lacks `permission`.

    Returns True when they may use them (nothing was changed)."""
    operator = operator_of(database)
    if operator.may(permission):
        return True
    tip = READONLY_TIP.format(role=operator.role_label, what=PERMISSION_LABELS[permission])
    for widget in widgets:
        keeper = _KeepDisabled(widget)
        widget.installEventFilter(keeper)
        widget.setEnabled(False)
        widget.setToolTip(tip)
        widget.setProperty("guardedBy", permission.value)
    return False
