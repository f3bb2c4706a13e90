"""履职记录 → 保存空白模板…: the template is written where the clerk says, and offered to open."""

from __future__ import annotations

import openpyxl
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog

from app.records.records_template import HEADER_ROW
from ui.consultation.meetings.meeting_editor import MeetingEditor
from ui.records.records_page import RecordsPage


@pytest.fixture
def page(qtbot, office_db) -> RecordsPage:
    page = RecordsPage(office_db, meeting_editor=MeetingEditor)
    qtbot.addWidget(page)
    page.resize(1100, 700)
    page.show()
    page.refresh()
    return page


def test_the_template_button_saves_a_blank_template(qtbot, page, tmp_path, monkeypatch):
    target = tmp_path / "履职记录模板"  # the clerk leaves out .xlsx
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", lambda *args: (str(target), "Excel 工作簿 (*.xlsx)")
    )
    assert page.template_button.isVisible() and not page.output.isVisible()
    qtbot.mouseClick(page.template_button, Qt.MouseButton.LeftButton)
    saved = target.with_name("履职记录模板.xlsx")
    qtbot.waitUntil(lambda: page.output.isVisible(), timeout=10_000)
    assert f"已保存空白模板：{saved}" in page.output.text()
    assert page.output.open_button.isVisible()
    sheet = openpyxl.load_workbook(saved)["履职记录"]
    assert [sheet.cell(HEADER_ROW, c).value for c in (1, 3, 4, 5)] == [
        "姓名",
        "日期",
        "类别",
        "名称",
    ]
    page.refresh()
    assert not page.output.isVisible()  # it spoke of an earlier action


def test_the_import_hint_names_the_usual_headers(page):
    assert "会议名称" in page.import_button.toolTip()
