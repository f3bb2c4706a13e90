"""委员档案 (contract stub — being implemented)."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from app.storage import Database
from ui.widgets import Page


class MemberListPage(Page):
    title = "委员档案"

    def __init__(self, database: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.database = database
