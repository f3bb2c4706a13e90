"""Before a restore the clerk is told when the backup was made (what is lost after it),
and Enter does not replace the data. A folder or a device picked is named as such."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from app.common.storage import Database
from app.data_safety.data_folder import list_backups
from app.office import dictionaries
from db.models import DictionaryKind
from tests.security.helpers import ADMIN, staff_office
from tests.ui.conftest import ModalAnswers
from ui.data_safety.panel import DataSafetyPanel

from .test_usb_and_restore import units


@pytest.fixture
def panel(qtbot: QtBot, office_db: Database) -> DataSafetyPanel:
    panel = DataSafetyPanel(office_db)
    panel.quit_after_restore = False
    qtbot.addWidget(panel)
    panel.show()
    return panel


def test_the_confirmation_names_the_backup_time_and_defaults_to_cancel(
    qtbot: QtBot, panel: DataSafetyPanel, office_db: Database, modal: ModalAnswers
) -> None:
    staff_office(office_db).as_user(ADMIN)
    panel.back_up()
    qtbot.waitUntil(panel.backup_button.isEnabled, timeout=20_000)
    [backup] = list_backups(office_db.location.backup_dir)
    dictionaries.add_entry(office_db, DictionaryKind.HANDLING_UNIT, "县水利局")
    asked: list[str] = []

    def press_enter(box: QWidget) -> None:
        assert isinstance(box, QMessageBox) and box.objectName() == "confirmRestore"
        asked.append(box.informativeText())
        assert box.defaultButton().text() == "取消"
        box.defaultButton().click()

    modal.then(press_enter)
    panel.restore_file(backup.path)
    assert f"这份备份制作于 {backup.made_at:%Y-%m-%d %H:%M}" in asked[0]
    assert "此后录入或修改的内容将不在当前数据中" in asked[0]
    assert units(office_db.path) == ["县水利局"]  # nothing restored


@pytest.mark.parametrize("kind", ["folder", "device"])
def test_a_folder_or_device_is_named_before_anything_is_asked(
    qtbot: QtBot,
    tmp_path: Path,
    panel: DataSafetyPanel,
    office_db: Database,
    modal: ModalAnswers,
    kind: str,
) -> None:
    staff_office(office_db).as_user(ADMIN)
    dictionaries.add_entry(office_db, DictionaryKind.HANDLING_UNIT, "县水利局")
    source = tmp_path / "备份.sqlite3"
    if kind == "folder":
        source.mkdir()
    else:
        source.symlink_to("/dev/zero")  # once read as "not encrypted", then confirmed
    seen: list[tuple[str, str, str]] = []

    def read_message(box: QWidget) -> None:
        assert isinstance(box, QMessageBox)
        seen.append((box.objectName(), box.text(), box.informativeText()))
        box.grab().save(f"/tmp/restore-{kind}.png")
        box.reject()  # closes a confirmation too (as 取消), so a wrong box fails, not hangs

    modal.then(read_message)
    panel.restore_file(source)
    [(box, what, todo)] = seen
    assert box == "knownErrorBox"
    said = "是文件夹，不是备份文件。" if kind == "folder" else "不是保存在磁盘上的普通文件"
    assert what.startswith(f"“{source}”{said}")
    assert "备份文件（.sqlite3 或 .cppccbak" in todo and todo.endswith("当前数据没有任何改动。")
    assert units(office_db.path) == ["县水利局"]
    assert not list(office_db.location.backup_dir.glob("恢复前*"))
