"""The dialog that saves one record: a form, 保存 (also Ctrl+S) and 取消.

`store()` writes the record and returns its uuid; a KnownError from it is shown in
Chinese and the dialog stays open with what the clerk typed. After a save, `saved`
carries the uuid and the dialog closes. 取消, Esc or the × close at once when nothing
was changed, and otherwise ask before throwing the typing away.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QWidget

from app.common.errors import KnownError
from ui.common.errors import show_known_error
from ui.common.office_filter import show_read_only
from ui.common.unsaved import DiscardGuard
from ui.common.widgets import add_save_shortcut, focus_first_field, tab_leaves_text_boxes


class RecordDialog(QDialog):
    saved = Signal(str)  # the record's uuid

    def __init__(self, title: str, name: str, parent: QWidget | None) -> None:
        super().__init__(parent)
        if name:
            self.setObjectName(name)
        self.setWindowTitle(title)
        self.form_layout = QFormLayout()
        self.buttons = QDialogButtonBox()
        self.save_button = self.buttons.addButton("保存", QDialogButtonBox.ButtonRole.AcceptRole)
        self.save_button.setObjectName("primaryButton")
        self.cancel_button = self.buttons.addButton("取消", QDialogButtonBox.ButtonRole.RejectRole)
        add_save_shortcut(self, self.save_button.click)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        self._keys_ordered = False
        self.discard_guard = DiscardGuard(self)

    def showEvent(self, event: QShowEvent) -> None:
        if not self._keys_ordered:
            self._keys_ordered = True
            tab_leaves_text_boxes(self)
            self._focus_first_field()
        super().showEvent(event)

    def _focus_first_field(self) -> None:
        """The buttons are made before the form's fields, so the dialog opened with focus
        on 保存: start on the first field instead (Tab still ends on 保存, 取消)."""
        focus_first_field(self, self.buttons)

    def save(self) -> None:
        try:
            uuid = self.store()
        except KnownError as exc:
            show_known_error(self, exc, "未能保存")
            return
        self.saved.emit(uuid)
        self.accept()

    def store(self) -> str:
        raise NotImplementedError

    def reject(self) -> None:
        if self.discard_guard.allows_close():
            super().reject()

    def set_read_only(self, title: str, inputs: tuple[QWidget, ...]) -> None:
        """A county's record at the city: shown, not saved (保存 hidden, Ctrl+S does nothing)."""
        self.setWindowTitle(title)
        show_read_only(inputs, self.save_button, self.cancel_button)
