"""At start, a journal that did not belong to the database was set aside instead of played
(tests/data_safety/damaged/test_stale_journal.py): the clerk is told, before signing in,
what happened and where the journal is; the window then opens on the data as it is."""

from __future__ import annotations

import argparse
from pathlib import Path

from PySide6.QtWidgets import QMessageBox, QWidget

from app.common.paths import DataLocation
from tests.data_safety.crashes import copy_older_backup_over_a_crash, table_rows
from tests.ui.conftest import ModalAnswers, closing_main_windows, fill_first_admin
from ui.application import run_gui


def test_the_clerk_is_told_of_a_journal_set_aside(
    qtbot, location: DataLocation, office_file: Path, modal: ModalAnswers, tmp_path: Path
) -> None:
    backup = copy_older_backup_over_a_crash(location)
    notes: list[str] = []

    def read_note(box: QWidget) -> None:
        assert isinstance(box, QMessageBox) and box.objectName() == "openingNote"
        assert box.windowTitle() == "数据安全提示"
        notes.append(f"{box.text()}\n{box.informativeText()}")
        box.resize(box.sizeHint())
        box.grab().save(str(tmp_path / "opening-note.png"))
        box.button(QMessageBox.StandardButton.Ok).click()

    def first_admin(dialog: QWidget) -> None:
        assert dialog.objectName() == "firstAdminDialog"
        fill_first_admin(qtbot, dialog.fields)  # type: ignore[attr-defined]
        dialog.accept()  # type: ignore[attr-defined]

    titles: list[str] = []
    timer = closing_main_windows(titles)
    modal.then(read_note).then(first_admin)
    args = argparse.Namespace(data_dir=str(location.data_dir), self_test=False, command=None)
    assert run_gui(args, []) == 0
    timer.stop()
    assert titles == ["示范县政协"]
    [kept] = location.backup_dir.glob("不匹配的日志-*.sqlite3-journal")
    [note] = notes
    assert "与它不匹配的日志文件" in note
    assert f"保存为“{kept.name}”。\n数据库按现在的文件打开" in note
    rows = table_rows(office_file)
    assert rows["dictionary_entry"] == table_rows(backup)["dictionary_entry"]  # nothing mixed
