"""The full integrity_check after start (finding 4): damage is told and stops every write."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QMessageBox, QWidget

from app.common.errors import DatabaseDamaged
from app.common.storage import Database
from app.office import dictionaries
from db.models import DictionaryKind
from tests.data_safety.damage import damage_behind_an_index
from ui.data_safety.integrity_watch import IntegrityWatch


def run_watch(qtbot, database: Database) -> object:
    window = QWidget()
    qtbot.addWidget(window)
    watch = IntegrityWatch(window, database)
    with qtbot.waitSignal(watch.finished, timeout=10_000) as finished:
        watch.start()
    watch.wait()
    return finished.args[0]


def test_damage_found_after_start_is_told_and_stops_writes(qtbot, office_db, modal):
    damage_behind_an_index(office_db.path)  # passes the quick_check of the start
    told: list[str] = []

    def read_and_close(box) -> None:
        assert isinstance(box, QMessageBox)
        told.append(box.text() + "\n" + box.informativeText())
        box.accept()

    modal.then(read_and_close)
    assert "missing from index" in run_watch(qtbot, office_db)
    assert len(told) == 1 and "停止保存" in told[0] and "备份恢复" in told[0]
    with pytest.raises(DatabaseDamaged):
        dictionaries.add_entry(office_db, DictionaryKind.HANDLING_UNIT, "县水利局")
    assert office_db.location.damage_note.exists()  # the next start offers a backup


def test_a_sound_database_says_nothing(qtbot, office_db):
    assert run_watch(qtbot, office_db) is None
    dictionaries.add_entry(office_db, DictionaryKind.HANDLING_UNIT, "县水利局")
