"""Small building blocks shared by the screens."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QMessageBox, QVBoxLayout, QWidget


class Page(QWidget):
    """A main-window area: a title, a hint line, and `refresh()` when shown."""

    title = ""
    hint = ""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.page_layout = QVBoxLayout(self)
        self.page_layout.setContentsMargins(20, 14, 20, 14)
        heading = QLabel(self.title)
        heading.setObjectName("pageTitle")
        self.page_layout.addWidget(heading)
        if self.hint:
            hint = QLabel(self.hint)
            hint.setObjectName("pageHint")
            hint.setWordWrap(True)
            self.page_layout.addWidget(hint)

    def refresh(self) -> None:
        """Reload what the page shows from the services."""


def confirm(parent: QWidget, title: str, question: str, yes_text: str) -> bool:
    box = QMessageBox(
        QMessageBox.Icon.Question, title, question, QMessageBox.StandardButton.NoButton, parent
    )
    box.setObjectName("confirmBox")
    yes = box.addButton(yes_text, QMessageBox.ButtonRole.AcceptRole)
    box.addButton("取消", QMessageBox.ButtonRole.RejectRole)
    box.exec()
    return box.clickedButton() is yes
