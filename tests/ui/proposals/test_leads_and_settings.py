"""提案线索 (collect, publish, 参考题目, cited at intake) and 系统设置 → 提案设置
(操作人, numbering, deadlines in working days, holidays beyond the calendar)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from docx import Document
from PySide6.QtWidgets import QMessageBox

from app.common.operator import current_operator
from app.proposals.intake.leads import LeadForm, add_lead, list_leads
from app.proposals.queries import get_proposal_detail
from app.proposals.settings import load_proposal_settings
from tests.proposals.helpers import Office
from tests.ui.conftest import type_text
from tests.ui.proposals.conftest import click, listed, save_into, shown
from ui.proposals.intake.leads_tab import LeadDialog
from ui.proposals.settings_panel import ProposalSettingsPanel
from ui.settings_page import SettingsPage

YEAR = date.today().year


def test_leads_are_published_as_reference_topics_and_cited(qtbot, page, office, tmp_path: Path):
    page.tabs.setCurrentWidget(page.leads)
    leads = page.leads
    # No leads yet: the tab says so and what to do, not an empty grid.
    assert leads.empty.isVisible() and not leads.table.isVisible()
    assert leads.empty.text().startswith(f"{YEAR}年尚未收集提案线索")
    assert "新增线索" in leads.empty.text()
    click(qtbot, leads.add_button)
    dialog = leads.dialog
    assert isinstance(dialog, LeadDialog)
    type_text(qtbot, dialog.title_edit, "关于加快城区停车设施建设的建议")
    dialog.source.setCurrentIndex(dialog.source.findText("党政部门"))
    type_text(qtbot, dialog.source_detail, "县住房和城乡建设局")
    click(qtbot, dialog.ok_button)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert leads.table.isVisible() and not leads.empty.isVisible()
    assert shown(leads.table, 1) == ["关于加快城区停车设施建设的建议"]
    assert shown(leads.table, 2) == ["党政部门（县住房和城乡建设局）"]
    assert not leads.topics_button.isEnabled()  # nothing published yet

    click(qtbot, leads.publish_button)
    assert shown(leads.table, 4) == ["✓"]
    assert leads.publish_button.text() == "取消参考题目"
    save_into(page, tmp_path)
    click(qtbot, leads.topics_button)
    qtbot.waitUntil(lambda: leads.output.path is not None)
    text = [p.text for p in Document(str(leads.output.path)).paragraphs]
    assert "1. 关于加快城区停车设施建设的建议" in text

    # A proposal cites the published lead.
    intake = page.new_proposal()
    intake.fields.lead.setCurrentIndex(
        intake.fields.lead.findText("关于加快城区停车设施建设的建议")
    )
    type_text(qtbot, intake.fields.title_edit, "关于新建城区公共停车场的建议")
    intake.picker.toggle_row(intake.picker.proxy.index(intake.picker.row_of("张三"), 0))
    click(qtbot, intake.save_button)
    qtbot.waitUntil(lambda: not intake.isVisible())
    row = listed(qtbot, page.proposals).selected()
    assert get_proposal_detail(office.database, row.uuid).lead_title == (
        "关于加快城区停车设施建设的建议"
    )
    page.tabs.setCurrentWidget(page.leads)
    assert shown(leads.table, 5) == ["1"]


def test_an_unpublished_lead_is_not_offered_at_intake(qtbot, page, office: Office):
    add_lead(office.database, LeadForm(YEAR, "关于整治河道垃圾的建议"))
    intake = page.new_proposal()
    assert intake.fields.lead.findText("关于整治河道垃圾的建议") == -1
    intake.reject()
    assert [lead.title for lead in list_leads(office.database)] == ["关于整治河道垃圾的建议"]


@pytest.fixture
def settings_page(qtbot, office: Office) -> SettingsPage:
    page = SettingsPage(office.database)
    qtbot.addWidget(page)
    page.show()
    page.tabs.setCurrentWidget(page.proposals)
    return page


def test_operator_numbering_and_working_days_are_saved(qtbot, office: Office, settings_page):
    panel: ProposalSettingsPanel = settings_page.proposals
    # 操作人 is whoever signed in (the accounts), shown and not typed.
    assert panel.operator.text() == "刘秘书" and panel.operator.isReadOnly()
    panel.pattern.setText("{年}年第{号}号")
    panel.digits.setValue(3)
    assert panel.example.text() == f"{YEAR}年第001号"
    click(qtbot, panel.by_workdays)
    assert panel.workdays.isEnabled() and not panel.months.isEnabled()
    panel.workdays.setValue(40)
    assert panel.hand_back.text() == "5 个工作日"  # the default
    panel.hand_back.setValue(0)
    assert panel.hand_back.text() == "不限"
    panel.holidays.setPlainText("2027年10月1日\n2027.10.2")
    panel.extra_workdays.setPlainText("2027-09-26")
    click(qtbot, panel.save_button)
    assert panel.status.text() == "已保存。"
    assert current_operator(office.database) == "刘秘书"
    settings = load_proposal_settings(office.database)
    assert settings.number_pattern == "{年}年第{号}号" and settings.number_digits == 3
    assert settings.count_working_days and settings.deadline_working_days == 40
    assert settings.hand_back_working_days == 0
    assert settings.extra_holidays == ("2027-10-01", "2027-10-02")
    assert settings.extra_workdays == ("2027-09-26",)
    assert panel.holidays.toPlainText() == "2027-10-01\n2027-10-02"  # shown in one form


def test_bad_settings_save_nothing(qtbot, office: Office, modal, settings_page):
    panel: ProposalSettingsPanel = settings_page.proposals
    panel.pattern.setText("第号")  # no {号}
    panel.holidays.setPlainText("2027-13-01")
    messages: list[str] = []

    def read(box) -> None:
        assert isinstance(box, QMessageBox)
        messages.append(box.text())
        box.accept()

    modal.then(read)
    click(qtbot, panel.save_button)
    qtbot.waitUntil(lambda: modal.done)
    assert messages[0].startswith("放假日期：")
    assert current_operator(office.database) == "刘秘书"  # all or nothing
    panel.holidays.clear()
    modal.then(read)
    click(qtbot, panel.save_button)
    qtbot.waitUntil(lambda: modal.done)
    assert "编号格式中必须有“{号}”" in messages[1]
    assert load_proposal_settings(office.database).number_pattern == "{届}届{次}次会议第{号}号"
    assert current_operator(office.database) == "刘秘书"
