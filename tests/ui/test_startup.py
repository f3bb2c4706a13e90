"""Starting the GUI as README command 1 does: wizard first, errors as one message."""

from __future__ import annotations

import argparse

import pytest
from PySide6.QtWidgets import QApplication, QLabel, QMessageBox, QWizard
from sqlalchemy import select

from app.common.storage import open_database
from app.office.office import office_info
from db.security_models import AuditEntry
from ui.application import run_gui
from ui.main_window import MainWindow
from ui.office.setup_wizard import SetupWizard

from .conftest import closing_main_windows, fill_first_admin, type_text


def _args(data_dir, self_test: bool = False) -> argparse.Namespace:
    return argparse.Namespace(data_dir=str(data_dir), self_test=self_test, command=None)


def test_first_start_opens_the_wizard_then_the_main_window(qtbot, location, modal):
    shown: list[str] = []

    def finish_wizard(wizard) -> None:
        assert isinstance(wizard, SetupWizard)
        type_text(qtbot, wizard.office_page.name, "示范县政协")
        type_text(qtbot, wizard.office_page.code, "150523")
        wizard.next()
        wizard.next()
        fill_first_admin(qtbot, wizard.admin_page.fields)
        wizard.next()
        wizard.button(QWizard.WizardButton.FinishButton).click()

        def close_main_window() -> None:
            # Only the window this start shows: earlier tests' windows may still exist.
            windows = [
                w
                for w in QApplication.topLevelWidgets()
                if isinstance(w, MainWindow) and w.isVisible() and w.database
            ]
            if windows:
                shown.append(windows[0].windowTitle())
                windows[0].close()
                timer.stop()

        from PySide6.QtCore import QTimer

        timer = QTimer(wizard.parent())
        timer.timeout.connect(close_main_window)
        timer.start(20)
        finish_wizard.timer = timer  # keep it alive

    modal.then(finish_wizard)
    assert run_gui(_args(location.data_dir), []) == 0
    assert shown == ["示范县政协"]
    database = open_database(location)
    try:
        assert office_info(database).name == "示范县政协"
    finally:
        database.close()


def test_cancelling_the_wizard_opens_nothing(qtbot, location, modal):
    modal.then(lambda wizard: wizard.reject())
    assert run_gui(_args(location.data_dir), []) == 0
    assert not any(
        isinstance(w, MainWindow) and w.isVisible() for w in QApplication.topLevelWidgets()
    )


def test_a_damaged_database_gives_one_message_and_exit_1(qtbot, location, file_digest, modal):
    location.data_dir.mkdir(parents=True)
    location.database.write_text("这不是数据库" * 500, encoding="utf-8")
    before = file_digest(location.database)
    messages: list[str] = []

    def read_and_close(box) -> None:
        assert isinstance(box, QMessageBox)
        messages.append(box.text() + "\n" + box.informativeText())
        box.accept()

    modal.then(read_and_close)
    assert run_gui(_args(location.data_dir), []) == 1
    assert len(messages) == 1 and "损坏" in messages[0]
    assert file_digest(location.database) == before


def test_self_test_opens_every_screen_and_exits_0(qtbot, location, capsys):
    assert run_gui(_args(location.data_dir, self_test=True), []) == 0
    pages = "概况, 委员档案, 履职记录, 提案, 协商, 五个一考核, 文件交换, 全市汇总, 系统设置"
    assert f"self-test ok: {pages}" in capsys.readouterr().out


def test_qt_options_pass_through_the_command_line(qtbot, location, capsys):
    from ui.entry import main, split_qt_args

    assert split_qt_args(["--self-test", "-platform", "offscreen", "--data-dir", "x"]) == (
        ["--self-test", "--data-dir", "x"],
        ["-platform", "offscreen"],
    )
    code = main(["--data-dir", str(location.data_dir), "--self-test", "-platform", "offscreen"])
    assert code == 0
    assert "self-test ok" in capsys.readouterr().out


def test_without_a_display_the_clerk_is_told_why_not_aborted(qtbot, location, capsys, monkeypatch):
    """A Linux machine with neither X nor Wayland: Qt aborted with its reason only in
    the log, so README command 1 printed just "Aborted"."""
    for name in ("QT_QPA_PLATFORM", "DISPLAY", "WAYLAND_DISPLAY"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setattr("sys.platform", "linux")
    assert run_gui(_args(location.data_dir, self_test=True), []) == 1
    out = capsys.readouterr()
    assert "没有可用的图形显示" in out.err and "xvfb-run -a bash scripts/start.sh" in out.err
    assert "self-test ok" not in out.out
    # A platform named on the command line is Qt's to try.
    assert run_gui(_args(location.data_dir, self_test=True), ["-platform", "offscreen"]) == 0


def _emptied(path) -> None:
    path.write_bytes(b"")


def _garbage(path) -> None:
    with path.open("r+b") as f:
        f.write(b"garbage!" * 64)


@pytest.mark.parametrize("damage", [_garbage, _emptied], ids=["garbage", "emptied"])
def test_a_damaged_database_is_restored_from_the_newest_backup(qtbot, location, modal, damage):

    from app.common.jobs import ProgressTracker
    from app.data_safety.backups import back_up_now
    from app.office.office import set_up_office
    from tests.conftest import COUNTY_SETUP

    database = open_database(location)
    set_up_office(database, COUNTY_SETUP)
    back_up_now(database, ProgressTracker())
    database.close()
    damage(location.database)  # an emptied file (finding 3) is damage, not a new installation
    offers: list[str] = []
    titles: list[str] = []

    def accept_restore(box) -> None:
        assert box.objectName() == "restoreOffer"
        offers.append(box.informativeText())
        next(b for b in box.buttons() if b.text() == "用备份恢复").click()

    timer = closing_main_windows(titles)

    def first_admin(dialog) -> None:  # the backup was made before any account existed
        assert dialog.objectName() == "firstAdminDialog"
        words = " ".join(label.text() for label in dialog.findChildren(QLabel))
        assert "本单位还没有账户" in words and "本版本起" not in words  # no upgrade claimed
        fill_first_admin(qtbot, dialog.fields)
        dialog.accept()

    modal.then(accept_restore).then(first_admin)
    assert run_gui(_args(location.data_dir), []) == 0
    timer.stop()
    assert "手动备份" in offers[0]
    assert titles == ["示范县政协"]
    [kept] = location.backup_dir.glob("已损坏-*")
    restored = open_database(location)  # its audit trail says what happened, and where
    try:
        with restored.begin() as session:
            entries = session.scalars(select(AuditEntry).where(AuditEntry.action == "restore"))
            [entry] = [(e.result, e.target, e.detail, e.user) for e in entries]
    finally:
        restored.close()
    assert entry[0] == "ok" and "手动备份" in entry[1]
    assert entry[2] == f"启动时发现数据库已损坏，用最近的完好备份恢复；原数据库保存为 {kept.name}"
    assert entry[3]  # the computer's user: nobody could sign in to the damaged file


def test_a_deleted_database_is_offered_its_backup_not_the_wizard(qtbot, location, modal):
    """A database deleted or moved away is not a new installation while its backups exist."""

    from app.common.jobs import ProgressTracker
    from app.data_safety.backups import back_up_now
    from app.office.office import set_up_office
    from tests.conftest import COUNTY_SETUP

    database = open_database(location)
    set_up_office(database, COUNTY_SETUP)
    back_up_now(database, ProgressTracker())
    database.close()
    location.database.unlink()
    offers: list[tuple[str, str]] = []
    titles: list[str] = []

    def accept_restore(box) -> None:
        if isinstance(box, SetupWizard):  # the fault: data treated as a new installation
            box.reject()
            return
        assert box.objectName() == "restoreOffer"
        offers.append((box.windowTitle(), box.text()))
        next(b for b in box.buttons() if b.text() == "用备份恢复").click()

    def first_admin(dialog) -> None:
        assert dialog.objectName() == "firstAdminDialog"
        fill_first_admin(qtbot, dialog.fields)
        dialog.accept()

    timer = closing_main_windows(titles)
    modal.then(accept_restore).then(first_admin)
    assert run_gui(_args(location.data_dir), []) == 0
    timer.stop()
    [(title, text)] = offers
    assert title == "找不到数据库" and "找不到数据库文件" in text
    assert titles == ["示范县政协"]
