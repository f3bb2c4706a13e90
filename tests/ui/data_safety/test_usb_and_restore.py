"""数据安全: 备份到U盘 with a password typed twice, 从备份文件恢复 for administrators only."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialogButtonBox,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QWidget,
)
from pytestqt.qtbot import QtBot

from app.common.storage import Database
from app.data_safety import sealed
from app.office import dictionaries
from app.proposals.attachments import store_file, stored_path
from db.models import DictionaryKind
from tests.data_safety.backups.other_office import other_office_backup
from tests.security.helpers import ADMIN, STAFF, audit_lines, staff_office
from tests.ui.conftest import ModalAnswers
from ui.data_safety.panel import DataSafetyPanel
from ui.data_safety.usb_dialog import UsbBackupDialog

PASSWORD = "backup2026"


@pytest.fixture(autouse=True)
def quick_scrypt(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sealed, "SCRYPT_N", 2**12)


@pytest.fixture
def panel(qtbot: QtBot, office_db: Database) -> DataSafetyPanel:
    panel = DataSafetyPanel(office_db)
    panel.quit_after_restore = False
    qtbot.addWidget(panel)
    panel.resize(1000, 700)
    panel.show()
    panel.refresh()
    return panel


def units(path: Path) -> list[str]:
    with closing(sqlite3.connect(path)) as conn:
        rows = conn.execute("SELECT name FROM dictionary_entry WHERE kind = 'handling_unit'")
        return sorted(r[0] for r in rows)


def wait_for_jobs(qtbot: QtBot, panel: DataSafetyPanel) -> None:
    qtbot.waitUntil(panel.backup_button.isEnabled, timeout=20_000)


def test_a_staff_user_cannot_restore(
    qtbot: QtBot, panel: DataSafetyPanel, office_db: Database, modal: ModalAnswers
) -> None:
    staff_office(office_db).as_user(STAFF)
    before = units(office_db.path)
    seen: list[str] = []

    def read_refusal(box: QWidget) -> None:
        assert isinstance(box, QMessageBox) and box.objectName() == "knownErrorBox"
        seen.append(box.text())
        box.button(QMessageBox.StandardButton.Ok).click()

    modal.then(read_refusal)
    qtbot.mouseClick(panel.restore_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: modal.done)
    assert seen == ["当前账户“李明”（工作人员）无权恢复备份。"]
    assert units(office_db.path) == before
    assert audit_lines(office_db)[-1][:4] == (STAFF, "denied", "从备份文件恢复", "denied")


def fill_usb_dialog(qtbot: QtBot, folder: Path, first: str, again: str) -> None:
    def answer(dialog: QWidget) -> None:
        assert isinstance(dialog, UsbBackupDialog)
        dialog.folder_edit.setText(str(folder))
        qtbot.keyClicks(dialog.password, first)
        qtbot.keyClicks(dialog.password_again, again)
        ok = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok)
        qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)
        if first != again:  # the dialog says so and stays open; the clerk types it again
            problem = dialog.findChild(QLabel, "usbProblem")
            assert problem.isVisible() and problem.text() == "两次输入的密码不一致，请重新输入。"
            dialog.password_again.clear()
            qtbot.keyClicks(dialog.password_again, first)
            qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)

    return answer  # type: ignore[return-value]


def test_back_up_to_usb_and_restore_it_as_administrator(
    qtbot: QtBot,
    panel: DataSafetyPanel,
    office_db: Database,
    modal: ModalAnswers,
    tmp_path: Path,
) -> None:
    staff_office(office_db).as_user(ADMIN)
    scan = tmp_path / "提案原件.pdf"
    scan.write_bytes(b"%PDF the scanned proposal")
    sha256, _ = store_file(office_db, scan)
    stored = stored_path(office_db, sha256, scan.name)
    stick = tmp_path / "U盘"
    stick.mkdir()
    modal.then(fill_usb_dialog(qtbot, stick, PASSWORD, PASSWORD + "x"))
    qtbot.mouseClick(panel.usb_button, Qt.MouseButton.LeftButton)
    wait_for_jobs(qtbot, panel)
    [sealed_file] = stick.iterdir()
    assert sealed_file.suffix == ".cppccbak" and sealed.is_sealed(sealed_file)
    assert panel.backup_result.text().startswith("已加密备份到U盘：")
    assert "含数据库和 1 个附件文件" in panel.backup_result.text()
    assert "已损坏" not in panel.backup_result.text()

    dictionaries.add_entry(office_db, DictionaryKind.HANDLING_UNIT, "县水利局")
    stored.unlink()  # as on a new PC: the database is restored, the file must come back
    restored: list[bool] = []
    panel.restored.connect(lambda: restored.append(True))

    def type_password(dialog: QWidget) -> None:
        assert isinstance(dialog, QInputDialog)
        assert dialog.textEchoMode() == QLineEdit.EchoMode.Password
        qtbot.keyClicks(dialog.findChild(QLineEdit), PASSWORD)
        dialog.accept()

    def confirm(box: QWidget) -> None:
        assert isinstance(box, QMessageBox) and box.objectName() == "confirmRestore"
        [button] = [b for b in box.findChildren(QPushButton) if b.text() == "恢复"]
        button.click()

    def done(box: QWidget) -> None:
        assert isinstance(box, QMessageBox) and box.objectName() == "restoredBox"
        assert "程序现在关闭" in box.text()
        told.append(box.informativeText())
        box.grab().save(str(tmp_path / "restored.png"))
        box.button(QMessageBox.StandardButton.Ok).click()

    told: list[str] = []

    modal.then(type_password).then(confirm).then(done)
    panel.restore_file(sealed_file)  # what 从备份文件恢复… does once the file is picked
    qtbot.waitUntil(lambda: restored == [True], timeout=20_000)
    assert "县水利局" not in units(office_db.location.database)
    assert stored.read_bytes() == b"%PDF the scanned proposal"
    # Where the data from before is (it was sound: not called damaged).
    folder = office_db.location.backup_dir
    [before] = folder.glob("恢复前备份-*.sqlite3")
    [kept] = folder.glob("恢复前原数据库-*.sqlite3.before-restore")
    assert told == [
        f"恢复前的数据已备份为“{before.name}”，需要时可用它恢复回去。\n"
        f"恢复前的数据库文件保存为“{kept.name}”。\n"
        f"它们都在备份文件夹中：{folder}"
    ]
    assert "县水利局" in units(kept)


def test_usb_dialog_wants_a_folder_and_a_long_enough_password(qtbot: QtBot) -> None:
    dialog = UsbBackupDialog()
    qtbot.addWidget(dialog)
    assert dialog._problem() == "请选择保存备份的文件夹（U盘）。"
    dialog.folder_edit.setText("/media/u")
    qtbot.keyClicks(dialog.password, "12345")
    assert dialog._problem() == "加密密码至少需要 6 个字符。"


def test_a_damaged_attachment_left_out_of_the_usb_backup_is_told_on_screen(
    qtbot: QtBot,
    panel: DataSafetyPanel,
    office_db: Database,
    modal: ModalAnswers,
    tmp_path: Path,
) -> None:
    staff_office(office_db).as_user(ADMIN)
    for content in (b"%PDF sound", b"%PDF rotting"):
        scan = tmp_path / "原件.pdf"
        scan.write_bytes(content)
        sha256, _ = store_file(office_db, scan)
    stored_path(office_db, sha256, scan.name).write_bytes(b"bit rot")  # the second one
    stick = tmp_path / "U盘"
    stick.mkdir()
    modal.then(fill_usb_dialog(qtbot, stick, PASSWORD, PASSWORD + "x"))
    qtbot.mouseClick(panel.usb_button, Qt.MouseButton.LeftButton)
    wait_for_jobs(qtbot, panel)
    text = panel.backup_result.text()
    assert "含数据库和 1 个附件文件" in text
    assert "1 个附件文件已损坏" in text and "重新添加" in text
    assert panel.backup_result.isVisible()


@pytest.mark.parametrize("answer", ["取消", "仍然恢复"])
def test_another_offices_backup_is_restored_only_when_the_clerk_says_so(
    qtbot: QtBot,
    panel: DataSafetyPanel,
    office_db: Database,
    modal: ModalAnswers,
    tmp_path: Path,
    answer: str,
) -> None:
    staff_office(office_db).as_user(ADMIN)
    theirs = other_office_backup(tmp_path)
    before = units(office_db.path)
    restored: list[bool] = []
    panel.restored.connect(lambda: restored.append(True))
    asked: list[str] = []

    def confirm(box: QWidget) -> None:
        assert isinstance(box, QMessageBox) and box.objectName() == "confirmRestore"
        [button] = [b for b in box.findChildren(QPushButton) if b.text() == "恢复"]
        button.click()

    def other_office(box: QWidget) -> None:
        assert isinstance(box, QMessageBox) and box.objectName() == "otherOfficeBackup"
        asked.append(box.text() + box.informativeText())
        assert box.defaultButton().text() == "取消"
        [button] = [b for b in box.findChildren(QPushButton) if b.text() == answer]
        button.click()

    def done(box: QWidget) -> None:
        assert isinstance(box, QMessageBox) and box.objectName() == "restoredBox"
        box.button(QMessageBox.StandardButton.Ok).click()

    modal.then(confirm).then(other_office)
    if answer == "仍然恢复":
        modal.then(done)
    panel.restore_file(theirs)
    qtbot.waitUntil(lambda: bool(asked), timeout=20_000)
    assert "“河西县政协”（150521）的备份" in asked[0] and "示范县政协" in asked[0]
    if answer == "取消":
        wait_for_jobs(qtbot, panel)
        assert restored == [] and units(office_db.path) == before
    else:
        qtbot.waitUntil(lambda: restored == [True], timeout=20_000)
        assert units(office_db.location.database) == ["河西县水利局"]
