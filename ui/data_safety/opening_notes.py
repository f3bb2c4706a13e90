"""At start, what opening did to the database's files that the clerk must know
(app.common.storage: `Database.notes`, e.g. a journal that did not belong to the
database, set aside instead of played)."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox, QWidget

from app.common.storage import Database


def show_opening_notes(database: Database, parent: QWidget | None = None) -> None:
    for note in database.notes:
        what, _, meaning = note.partition("\n")
        box = QMessageBox(
            QMessageBox.Icon.Warning, "数据安全提示", what, QMessageBox.StandardButton.Ok, parent
        )
        box.setObjectName("openingNote")
        box.setInformativeText(meaning)
        box.exec()
