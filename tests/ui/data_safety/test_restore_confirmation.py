"""Before a restore the clerk is told when the backup was made (what is lost after it),
and Enter does not replace the data."""

from __future__ import annotations

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
