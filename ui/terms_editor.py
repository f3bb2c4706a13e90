"""Placeholder until the real panel lands (being written now)."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from app.storage import Database


class TermsEditor(QWidget):
    def __init__(self, database: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.database = database

    def refresh(self) -> None:
        pass
