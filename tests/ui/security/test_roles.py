"""What each role sees: a reader's save buttons are off (and the services refuse
anyway), staff have no accounts or audit trail, the administrator's audit screen
shows a full-ID display, and the accounts screen does what it says."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import openpyxl
import pytest
from PySide6.QtCore import Qt

from app.common.errors import KnownError
from app.common.operator import Role
from app.members.member_files import list_members
from app.office.terms import list_terms
from app.security.accounts import list_accounts
from app.security.login import log_in
from tests.security.helpers import ADMIN, PASSWORDS, READER, STAFF, audit_lines, staff_office
from tests.ui.conftest import loaded, type_text
from tests.ui.members.helpers import add_roster
from ui.members.member_form import MemberFileDialog
from ui.members.member_list_page import MemberListPage
from ui.settings_page import SettingsPage


@pytest.fixture
def staffed(office_db):
    staffed = staff_office(office_db)
    members = add_roster(office_db)
    return staffed, members


def _form(database, uuid, host) -> MemberFileDialog:
    dialog = MemberFileDialog(database, uuid, list_terms(database)[0], host)
    dialog.show()
    return dialog


def test_a_reader_cannot_save(qtbot, staffed, host):
    staffed, members = staffed
    db = staffed.database
    staffed.as_user(READER)
    dialog = _form(db, members["张伟"], host)
    assert not dialog.save_button.isEnabled()
    assert "只读" in dialog.save_button.toolTip() and "不能修改数据" in dialog.save_button.toolTip()
    assert not dialog.reveal_button.isEnabled()
    dialog.employer.setText("改动")
    dialog.save_button.setEnabled(True)  # whatever the screen does, the button stays off
    assert not dialog.save_button.isEnabled()
    qtbot.keyClick(dialog, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert dialog.isVisible()
    assert "改动" not in [r.employer for r in list_members(db)]

    page = MemberListPage(db)
    qtbot.addWidget(page)
    page.show()
    page.refresh()
    assert loaded(qtbot, page).select(members["张伟"])
    for button in (page.add_button, page.delete_button, page.retire_button, page.import_button):
        assert not button.isEnabled(), button.text()
    assert page.open_button.isEnabled() and page.export_view_button.isEnabled()


def test_staff_work_but_the_full_roster_export_is_the_administrators(qtbot, staffed):
    staffed, members = staffed
    db = staffed.database
    staffed.as_user(STAFF)
    page = MemberListPage(db)
    qtbot.addWidget(page)
    page.show()
    page.refresh()
    assert loaded(qtbot, page).select(members["张伟"])
    assert page.add_button.isEnabled() and page.delete_button.isEnabled()
    assert not page.export_button.isEnabled()
    assert "管理员" in page.export_button.toolTip() or "不能导出" in page.export_button.toolTip()
    staffed.as_user(ADMIN)
    admin_page = MemberListPage(db)
    qtbot.addWidget(admin_page)
    assert admin_page.export_button.isEnabled()


def test_staff_cannot_open_accounts_or_the_audit_trail(qtbot, staffed):
    staffed, _members = staffed
    db = staffed.database
    staffed.as_user(STAFF)
    page = SettingsPage(db)
    qtbot.addWidget(page)
    tabs = [page.tabs.tabText(i) for i in range(page.tabs.count())]
    assert "账户" not in tabs and "审计日志" not in tabs
    staffed.as_user(ADMIN)
    admin = SettingsPage(db)
    qtbot.addWidget(admin)
    assert [admin.tabs.tabText(i) for i in range(admin.tabs.count())][-2:] == ["账户", "审计日志"]


def test_the_audit_screen_shows_a_full_id_display(qtbot, staffed, host):
    staffed, members = staffed
    db = staffed.database
    staffed.as_user(STAFF)
    dialog = _form(db, members["李秀英"], host)
    assert dialog.id_number.text().startswith("*")
    qtbot.mouseClick(dialog.reveal_button, Qt.MouseButton.LeftButton)
    assert not dialog.id_number.text().startswith("*")
    dialog.close()

    staffed.as_user(ADMIN)
    page = SettingsPage(db)
    qtbot.addWidget(page)
    page.show()
    page.tabs.setCurrentWidget(page.audit)
    panel = page.audit
    shown = [
        [panel.table.item(r, c).text() for c in range(panel.table.columnCount())]
        for r in range(panel.table.rowCount())
    ]
    [row] = [line for line in shown if line[2] == "查看完整号码"]
    assert row[1:5] == [STAFF, "查看完整号码", "委员 李秀英", "成功"]
    assert row[0].startswith(date.today().isoformat())

    panel.action.setCurrentIndex(panel.action.findText("查看完整号码"))
    panel.search_button.click()
    assert panel.table.rowCount() == 1
    panel.user.setCurrentIndex(panel.user.findText(ADMIN))
    panel.search_button.click()
    assert panel.table.rowCount() == 0 and panel.count.text() == "共 0 条"


def test_the_audit_trail_exports_to_excel(qtbot, staffed, tmp_path: Path, monkeypatch):
    staffed, _members = staffed
    db = staffed.database
    staffed.as_user(ADMIN)
    page = SettingsPage(db)
    qtbot.addWidget(page)
    panel = page.audit
    target = tmp_path / "审计日志.xlsx"
    monkeypatch.setattr("ui.security.audit_panel.ask_save_path", lambda *args: target)
    panel.export()
    qtbot.waitUntil(lambda: panel.output.path == target)
    sheet = openpyxl.load_workbook(target).active
    assert [c.value for c in sheet[2]] == ["时间", "用户", "操作", "对象", "结果", "说明"]
    assert sheet.max_row == 2 + panel.table.rowCount()


def test_an_administrator_adds_an_account_resets_a_password_and_unlocks(qtbot, staffed):
    staffed, _members = staffed
    db = staffed.database
    staffed.as_user(ADMIN)
    page = SettingsPage(db)
    qtbot.addWidget(page)
    page.show()
    panel = page.accounts
    add = panel.add()
    type_text(qtbot, add.fields.name, "赵敏")
    type_text(qtbot, add.fields.password, "Zhao2025x")
    type_text(qtbot, add.fields.again, "Zhao2025y")
    add.role.setCurrentIndex(add.role.findData(Role.READONLY.value))
    add.accept()
    assert add.isVisible() and "不一致" in add.fields.problems.text()
    add.fields.again.clear()
    type_text(qtbot, add.fields.again, "Zhao2025x")
    add.accept()
    qtbot.waitUntil(lambda: panel.table.rowCount() == 4)
    assert panel.selected().name == "赵敏" and panel.selected().role is Role.READONLY
    assert "须修改密码" in panel.table.item(panel.table.currentRow(), 2).text()
    assert "已新增账户“赵敏”" in panel.status.text() and "首次登录" in panel.status.text()

    # 李明 locked out by five wrong passwords; the administrator resets and unlocks.
    for _ in range(5):
        with pytest.raises(KnownError):
            log_in(db, STAFF, "Wrong2025")
    staffed.as_user(ADMIN)
    panel.refresh()
    panel.select(STAFF)
    assert panel.unlock_button.isEnabled()
    assert "已锁定" in panel.table.item(panel.table.currentRow(), 2).text()
    panel.unlock()
    assert "已解除" in panel.status.text()
    reset = panel.reset()
    type_text(qtbot, reset.password, "Temp2025x")
    type_text(qtbot, reset.again, "Temp2025x")
    reset.accept()
    qtbot.waitUntil(lambda: "须修改" in panel.table.item(panel.table.currentRow(), 2).text())
    [clerk] = [a for a in list_accounts(db) if a.name == STAFF]
    assert clerk.must_change_password and not clerk.locked()
    assert log_in(db, STAFF, "Temp2025x").must_change_password
    assert PASSWORDS[STAFF] != "Temp2025x"
    assert [line[4] for line in audit_lines(db) if line[2] == STAFF][-3:-1] == [
        "解除账户锁定",
        "重置密码（下次登录时须修改）",
    ]


def test_the_audit_screen_names_changed_settings_in_chinese(qtbot, staffed):
    from dataclasses import fields, replace

    from app.common.settings import Settings, load_settings, save_settings
    from app.proposals.settings import PREFIX, ProposalSettings
    from app.security.setting_names import SETTING_NAMES

    staffed, _members = staffed
    db = staffed.database
    staffed.as_user(ADMIN)
    settings = load_settings(db)
    save_settings(db, settings)  # stored once as they are: later saves log what changed
    changed = replace(settings, idle_lock_minutes=10, five_ones_leave_counts=True)
    save_settings(db, replace(changed, name_order="pinyin"))
    page = SettingsPage(db)
    qtbot.addWidget(page)
    page.show()
    page.tabs.setCurrentWidget(page.audit)
    panel = page.audit
    panel.action.setCurrentIndex(panel.action.findText("设置变更"))
    panel.search_button.click()
    details = [panel.table.item(r, 5).text() for r in range(panel.table.rowCount())]
    assert set(details[:3]) == {  # newest first
        "闲置锁定窗口（分钟）：15 → 10",
        "五个一：请假视为出席：否 → 是",
        "名单排序：姓氏笔画 → 拼音",
    }
    assert "通报：发文字号：（无） → （空）" in details[3:]
    assert not any("_" in detail for detail in details)  # no program names left
    # Every setting the program stores has a Chinese name on this screen.
    keys = [f.name for f in fields(Settings)] + [PREFIX + f.name for f in fields(ProposalSettings)]
    assert [key for key in keys if key not in SETTING_NAMES] == []
    # The user column is wide enough for the command line's name.
    user = panel.table.horizontalHeader().sectionSize(1)
    assert user >= panel.table.fontMetrics().horizontalAdvance("Administrator（操作系统用户）")
