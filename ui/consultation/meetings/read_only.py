"""A meeting shown read-only (a county's, looked at by the city): every field can be
read, selected and scrolled, nothing can be changed."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QComboBox,
    QLineEdit,
    QPlainTextEdit,
    QTextEdit,
    QWidget,
)

from ui.common.office_filter import READ_ONLY_TIP


def freeze(page: QWidget) -> None:
    """Text fields read-only (still selectable), choices and buttons disabled with the
    reason, lists not editable in place."""
    for edit in page.findChildren(QLineEdit):
        if not isinstance(edit.parent(), (QComboBox, QAbstractSpinBox)):
            edit.setReadOnly(True)
    for text in (*page.findChildren(QPlainTextEdit), *page.findChildren(QTextEdit)):
        text.setReadOnly(True)
    for widget in (
        *page.findChildren(QComboBox),
        *page.findChildren(QAbstractSpinBox),
        *page.findChildren(QAbstractButton),
    ):
        widget.setEnabled(False)
        widget.setToolTip(READ_ONLY_TIP)
    for view in page.findChildren(QAbstractItemView):
        view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
