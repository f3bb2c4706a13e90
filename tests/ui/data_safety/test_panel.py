"""数据安全: locations, the backup list, 立即备份 and 检查数据库 through the job runner."""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Callable
from contextlib import closing
from datetime import datetime
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QMessageBox, QWidget
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from app.common.storage import Database
from app.data_safety.data_folder import BackupFile
from tests.ui.conftest import ModalAnswers
from ui.data_safety.panel import NO_BACKUPS_TEXT, BackupTableModel, DataSafetyPanel


def read_and_close(seen: list[tuple[str, str]]) -> Callable[[QWidget], None]:
    """A `modal` answer: note the message box's name and text, then press OK."""

    def answer(box: QWidget) -> None:
        assert isinstance(box, QMessageBox)
        seen.append((box.objectName(), box.text()))
        box.button(QMessageBox.StandardButton.Ok).click()

    return answer


@pytest.fixture
def panel(qtbot: QtBot, office_db: Database) -> DataSafetyPanel:
    panel = DataSafetyPanel(office_db)
    qtbot.addWidget(panel)
    panel.resize(800, 700)
    panel.show()
    panel.refresh()
    return panel


def table_rows(panel: DataSafetyPanel) -> list[list[str]]:
    model = panel.backup_table.model()
    return [
        [model.index(row, column).data() for column in range(model.columnCount())]
        for row in range(model.rowCount())
    ]


def click_and_wait(qtbot: QtBot, panel: DataSafetyPanel, button_name: str) -> None:
    """Click a job button; the panel disables both job buttons until the job has ended."""
    button = panel.findChild(type(panel.backup_button), button_name)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert not button.isEnabled()
    qtbot.waitUntil(button.isEnabled, timeout=10_000)


def test_shows_where_the_data_lives(panel: DataSafetyPanel, office_db: Database) -> None:
    location = office_db.location
    assert panel.data_dir.text() == str(location.data_dir)
    assert panel.database_file.text().startswith(str(location.database))
    assert panel.database_file.text().endswith("MB）")
    assert panel.backup_dir.text() == str(location.backup_dir)
    assert panel.data_dir.textInteractionFlags() & Qt.TextInteractionFlag.TextSelectableByMouse
    note = panel.findChild(QLabel, "safetyNote").text()
    assert "自动备份" in note and "U盘" in note


def test_no_backups_yet(panel: DataSafetyPanel) -> None:
    assert panel.backup_stack.currentWidget() is panel.no_backups
    assert panel.no_backups.text() == NO_BACKUPS_TEXT
    assert table_rows(panel) == []


def test_back_up_now(qtbot: QtBot, panel: DataSafetyPanel, office_db: Database) -> None:
    click_and_wait(qtbot, panel, "backupButton")

    [backup] = sorted(office_db.location.backup_dir.glob("*.sqlite3"))
    assert backup.name.startswith("手动备份-")
    with closing(sqlite3.connect(backup)) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert conn.execute("SELECT name FROM office").fetchall() == [("示范县政协",)]
    assert panel.backup_result.isVisible()
    assert panel.backup_result.text().startswith(f"已备份：{backup.name}（")
    assert panel.backup_result.toolTip() == str(backup)
    assert panel.backup_stack.currentWidget() is panel.backup_table
    [[name, made_at, size, state]] = table_rows(panel)
    assert name == backup.name
    assert state == "完好"
    assert made_at.startswith(f"{datetime.now():%Y-%m-%d}")
    assert size.endswith(" MB")


def test_backups_newest_first(panel: DataSafetyPanel, office_db: Database) -> None:
    folder = office_db.location.backup_dir
    folder.mkdir()
    made = {
        "升级前备份-0001-20250101-090000.sqlite3": (datetime(2025, 1, 1, 9), 3 * 1024 * 1024),
        "手动备份-20260315-140500.sqlite3": (datetime(2026, 3, 15, 14, 5), 1024 * 1024 // 2),
    }
    for name, (when, size) in made.items():
        path = folder / name
        path.write_bytes(b"\0" * size)
        os.utime(path, (when.timestamp(), when.timestamp()))
    (folder / "手动备份-20260401-100000.sqlite3.partial").write_bytes(b"unfinished")

    panel.refresh()

    assert table_rows(panel) == [
        ["手动备份-20260315-140500.sqlite3", "2026-03-15 14:05:00", "0.50 MB", "损坏，不能用"],
        [
            "升级前备份-0001-20250101-090000.sqlite3",
            "2025-01-01 09:00:00",
            "3.00 MB",
            "损坏，不能用",
        ],
    ]


def test_check_database(qtbot: QtBot, panel: DataSafetyPanel) -> None:
    click_and_wait(qtbot, panel, "checkButton")

    lines = [label.text() for label in panel.findChildren(QLabel, "checkResult")]
    assert len(lines) == 4
    assert all(line.startswith("✓ ") for line in lines)
    assert lines[3] == "✓ 记录内容：完好"
    assert lines[0] == "✓ 数据文件是否完好：完好"
    assert panel.check_summary.text() == "检查完成，数据库正常。"

    click_and_wait(qtbot, panel, "checkButton")  # a second check replaces the first
    qtbot.waitUntil(lambda: len(panel.findChildren(QLabel, "checkResult")) == 4)


def test_backup_failure_is_explained(
    qtbot: QtBot,
    panel: DataSafetyPanel,
    office_db: Database,
    modal: ModalAnswers,
) -> None:
    office_db.location.backup_dir.write_text("a file where the backup folder should be")
    seen: list[tuple[str, str]] = []
    modal.then(read_and_close(seen))

    click_and_wait(qtbot, panel, "backupButton")

    [(kind, text)] = seen
    assert kind == "knownErrorBox"
    assert text.startswith("无法访问")
    assert not panel.backup_result.isVisible()
    assert panel.backup_stack.currentWidget() is panel.no_backups


def test_backup_table_model(qtmodeltester: ModelTester) -> None:
    model = BackupTableModel()
    model.set_backups(
        [
            BackupFile(
                Path("/data/backups/手动备份-20260315-140500.sqlite3"), datetime(2026, 3, 15), 10
            )
        ]
    )
    qtmodeltester.check(model)
    assert model.headerData(2, Qt.Orientation.Horizontal) == "大小"
    assert model.index(0, 2).data() == "0.00 MB"
