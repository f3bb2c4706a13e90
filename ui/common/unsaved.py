"""Asking before a dialog throws typed data away (取消, Esc or the window's ×).

`DiscardGuard` remembers what every field of a dialog holds when it is first shown
(after the dialog filled them in); `allows_close()` closes at once when nothing was
changed and otherwise asks, with 取消 as the default answer. Dialogs call it from
`reject()`, which Esc, 取消 and the × all go through.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSpinBox,
    QComboBox,
    QLineEdit,
    QPlainTextEdit,
    QTextEdit,
    QWidget,
)
from shiboken6 import isValid

from ui.common.widgets import confirm

NOT_DATA = "notFormData"  # a property: a search or filter box, not part of the record
DISCARD_QUESTION = "有未保存的内容，确定放弃吗？"


def not_form_data(widget: QWidget) -> None:
    """Typing in `widget` (a list's search box) changes no data: no question for it."""
    widget.setProperty(NOT_DATA, True)


def _value(widget: QWidget) -> object:
    """What the clerk entered in `widget`; None for a widget that holds no entry."""
    own = getattr(widget, "form_value", None)
    if callable(own):  # a composite field (a member picker) says what it holds
        return own()
    if isinstance(widget, QLineEdit | QAbstractSpinBox):
        return widget.text()
    if isinstance(widget, QPlainTextEdit | QTextEdit):
        return widget.toPlainText()
    if isinstance(widget, QComboBox):
        return (widget.currentIndex(), widget.currentText())
    if isinstance(widget, QAbstractButton) and widget.isCheckable():
        return widget.isChecked()
    return None


def _counted(widget: QWidget, root: QWidget) -> bool:
    """Not a search box, and not a part of a composite field that speaks for itself."""
    if widget.property(NOT_DATA):
        return False
    parent = widget.parentWidget()
    while parent is not None and parent is not root:
        if parent.property(NOT_DATA) or callable(getattr(parent, "form_value", None)):
            return False
        parent = parent.parentWidget()
    return True


def form_values(root: QWidget) -> dict[QWidget, object]:
    """Each field's entry; a dialog's own `form_value()` adds what no field shows (the
    units chosen for 交办)."""
    values: dict[QWidget, object] = {}
    if callable(getattr(root, "form_value", None)):
        values[root] = _value(root)
    for widget in root.findChildren(QWidget):
        if _counted(widget, root):
            value = _value(widget)
            if value is not None:
                values[widget] = value
    return values


class DiscardGuard(QObject):
    """Guards one dialog; its fields are remembered when the dialog is first shown."""

    def __init__(self, dialog: QWidget, question: str = DISCARD_QUESTION) -> None:
        super().__init__(dialog)
        self.dialog = dialog
        self.question = question
        self._values: dict[QWidget, object] | None = None
        dialog.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.dialog and event.type() == QEvent.Type.Show and self._values is None:
            self.remember()
        return False

    def remember(self) -> None:
        """What the fields hold now counts as saved (after a save that keeps it open)."""
        self._values = form_values(self.dialog)

    def changed(self) -> bool:
        if self._values is None:  # never shown: nothing was typed
            return False
        return any(
            isValid(widget) and _value(widget) != value for widget, value in self._values.items()
        )

    def allows_close(self) -> bool:
        """True when nothing was changed, or the clerk chose to throw the changes away."""
        return not self.changed() or confirm(self.dialog, "放弃修改", self.question, "放弃")
