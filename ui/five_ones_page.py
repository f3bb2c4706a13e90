"""五个一考核 (contract stub — being implemented)."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from app.storage import Database
from ui.widgets import Page


class FiveOnesPage(Page):
    title = "五个一考核"

    def __init__(self, database: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.database = database
