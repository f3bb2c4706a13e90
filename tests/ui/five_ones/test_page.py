"""五个一考核 screen: the table a clerk sees, filters, the records behind a cell, the rules
dialog, and the three outputs written through the job runner and read back."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from docx import Document
from openpyxl import load_workbook
from PySide6.QtCore import QDate, Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QCheckBox, QDialogButtonBox, QMessageBox, QWidget
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from app.common.settings import load_settings
from app.common.storage import Database
from app.five_ones.check import check_five_ones
from app.five_ones.notice_options import load_notice_options
from tests.five_ones.helpers import (
    ListedProposals,
)
from tests.ui.conftest import ModalAnswers, loaded
from ui.five_ones.dialogs import EvidenceDialog, RulesDialog
from ui.five_ones.model import (
    MISSED_TEXT,
    NOT_APPLICABLE_TEXT,
    FiveOnesFilter,
    FiveOnesFilterProxy,
    FiveOnesTableModel,
)
from ui.five_ones.notice_dialog import NoticeDialog
from ui.five_ones.page import FiveOnesPage

YEAR = 2025
COLUMNS = FiveOnesTableModel
PLENARY = COLUMNS.FIRST_CRITERION  # 参加全体会议
ACTIVITY = COLUMNS.FIRST_CRITERION + 3


def shown(page: FiveOnesPage, column: int = COLUMNS.NAME) -> list[str]:
    proxy = page.proxy
    return [proxy.index(r, column).data() for r in range(proxy.rowCount())]


def row_of(page: FiveOnesPage, name: str) -> int:
    return shown(page).index(name)


def cell(page: FiveOnesPage, name: str, column: int):  # type: ignore[no-untyped-def]
    return page.proxy.index(row_of(page, name), column)


def double_click(qtbot: QtBot, page: FiveOnesPage, name: str, column: int) -> None:
    index = cell(page, name, column)
    page.table.scrollTo(index)
    rect = page.table.visualRect(index)
    qtbot.mouseClick(page.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(page.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def click(qtbot: QtBot, button: QWidget) -> None:
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def save_to(page: FiveOnesPage, path: Path, asked: list[tuple[str, str]] | None = None) -> None:
    def choose(parent: QWidget, title: str, suggested: str, file_filter: str) -> Path:
        if asked is not None:
            asked.append((title, suggested))
        return path

    page.choose_save_path = choose


def wait_for_status(qtbot: QtBot, page: FiveOnesPage, start: str) -> None:
    qtbot.waitUntil(lambda: page.status.text().startswith(start), timeout=15_000)
    qtbot.waitUntil(page.notice_button.isEnabled, timeout=5_000)


# --- what the clerk sees -------------------------------------------------------------------


def test_table_shows_members_duties_and_summary(page: FiveOnesPage) -> None:
    assert shown(page) == ["王五", "李四", "赵六"]  # 姓氏笔画; 钱七 left before 2025
    assert [cell(page, "赵六", c).data() for c in range(COLUMNS.NOTES + 1)] == [
        "赵六", "经济界", "经济委员会", "第三联络组", "✓ 1", "✗ 0", "✓ 1", "✓ 1", "✓ 1", "否", "",
    ]  # fmt: skip
    assert cell(page, "李四", PLENARY).data() == "✗ 0"
    assert cell(page, "李四", PLENARY).data(Qt.ItemDataRole.ForegroundRole).color() == MISSED_TEXT
    assert cell(page, "王五", COLUMNS.NOTES).data() == "2025年3月1日增补，自该日起考核"
    # The plenary was held before his seat began: 不适用, not red, not a shortfall.
    assert cell(page, "王五", PLENARY).data() == "不适用"
    colour = cell(page, "王五", PLENARY).data(Qt.ItemDataRole.ForegroundRole).color()
    assert colour == NOT_APPLICABLE_TEXT
    assert "参加全体会议：不适用" in cell(page, "王五", PLENARY).data(Qt.ItemDataRole.ToolTipRole)
    assert page.summary.text() == (
        "共 3 人，五项全部达到 0 人；参加全体会议 1 人，提交提案 0 人，报送社情民意 2 人，"
        "参加政协活动 1 人，大会发言或调研视察报告 1 人。"
    )
    assert page.rules_text.text() == (
        "考核规则：联名提案计入每位联名委员；未立案的提案也计入；请假不视为出席；缺席不计。"
    )
    notes = page.notes.text()
    assert "2025年没有提案记录" in notes and "另有 1 名本届委员在2025年之前已离任" in notes
    assert "年中增补的委员自增补之日起考核，年内离任的委员考核至离任之日" in page.hint
    assert page.stack.currentWidget() is page.table


def test_filters_by_sector_committee_liaison_group_and_shortfall(
    page: FiveOnesPage, qtbot: QtBot
) -> None:
    page.sector.setCurrentIndex(page.sector.findText("教育界"))
    assert shown(page) == ["王五", "李四"]
    assert page.summary.text().startswith("筛选结果：共 2 人，五项全部达到 0 人；参加全体会议 0 人")
    page.sector.setCurrentIndex(page.sector.findText("全部界别"))
    page.committee.setCurrentIndex(page.committee.findText("经济委员会"))
    assert shown(page) == ["赵六"]
    page.committee.setCurrentIndex(0)
    page.liaison_group.setCurrentIndex(page.liaison_group.findText("第五联络组"))
    assert shown(page) == ["李四"]
    page.liaison_group.setCurrentIndex(0)
    click(qtbot, page.only_short)
    assert page.only_short.isChecked() and shown(page) == ["王五", "李四", "赵六"]
    assert [page.sector.itemText(i) for i in range(page.sector.count())] == [
        "全部界别",
        "教育界",
        "经济界",
    ]


def test_only_short_hides_members_who_met_everything(
    qtbot: QtBot, office_db: Database, people: dict[str, str]
) -> None:
    proposals = ListedProposals().add(people["赵六"], date(YEAR, 1, 9))
    report = check_five_ones(office_db, YEAR, proposals=proposals)
    model = FiveOnesTableModel()
    proxy = FiveOnesFilterProxy()
    proxy.setSourceModel(model)
    model.set_members(report.members)
    proxy.set_filter(FiveOnesFilter(only_short=True))
    assert [m.name for m in proxy.visible_members()] == ["王五", "李四"]


def test_sorting_by_a_duty_puts_shortfalls_first(page: FiveOnesPage) -> None:
    page.table.sortByColumn(ACTIVITY, Qt.SortOrder.AscendingOrder)
    assert shown(page, ACTIVITY) == ["✗ 0", "✗ 0", "✓ 1"]


def test_double_click_lists_the_records_behind_a_cell(
    page: FiveOnesPage, qtbot: QtBot, modal: ModalAnswers
) -> None:
    seen: dict[str, object] = {}

    def read(dialog: QWidget) -> None:
        assert isinstance(dialog, EvidenceDialog)
        seen["title"] = dialog.windowTitle()
        seen["summary"] = dialog.summary.text()
        model = dialog.model
        seen["rows"] = [
            [model.index(r, c).data() for c in range(1, 5)] for r in range(model.rowCount())
        ]
        dialog.reject()

    modal.then(read)
    double_click(qtbot, page, "李四", PLENARY)
    qtbot.waitUntil(lambda: modal.done)
    assert seen["title"] == "李四 · 参加全体会议"
    assert str(seen["summary"]).startswith("李四 2025年度“参加全体会议”：未达到（0 项）。")
    assert seen["rows"] == [["2025-01-10", "全体会议", "五次会议", "未计入：请假（按规则不计）"]]


def test_a_cell_without_records_says_where_to_enter_them(
    page: FiveOnesPage, qtbot: QtBot, modal: ModalAnswers
) -> None:
    """赵六 has no proposal: not 没有相关记录 under a note about grey rows there are not."""
    seen: dict[str, str] = {}

    def read(dialog: QWidget) -> None:
        seen["summary"] = dialog.summary.text()
        seen["empty"] = dialog.empty.text() if dialog.empty.isVisible() else ""
        dialog.reject()

    modal.then(read)
    double_click(qtbot, page, "赵六", COLUMNS.FIRST_CRITERION + 1)  # 提交提案
    qtbot.waitUntil(lambda: modal.done)
    assert "灰色记录" not in seen["summary"]
    assert seen["empty"].startswith("考核期间内没有相关记录。如有遗漏，请在“提案”中补录")


def test_double_click_on_the_name_lists_every_duty(
    page: FiveOnesPage, qtbot: QtBot, modal: ModalAnswers
) -> None:
    seen: list[list[str]] = []

    def read(dialog: QWidget) -> None:
        assert isinstance(dialog, EvidenceDialog)
        model = dialog.model
        seen.extend([model.index(r, c).data() for c in (0, 3)] for r in range(model.rowCount()))
        dialog.reject()

    modal.then(read)
    double_click(qtbot, page, "赵六", COLUMNS.NAME)
    qtbot.waitUntil(lambda: modal.done)
    assert seen == [
        ["参加全体会议", "五次会议"],
        ["报送社情民意", "关于农村养老的建议"],
        ["参加政协活动", "民营经济调研"],
        ["大会发言或调研视察报告", "调研报告"],
    ]


def test_enter_opens_the_records_of_the_current_cell(
    page: FiveOnesPage, qtbot: QtBot, modal: ModalAnswers
) -> None:
    titles: list[str] = []

    def read(dialog: QWidget) -> None:
        titles.append(dialog.windowTitle())
        dialog.close()

    modal.then(read)
    page.table.setFocus()
    page.table.setCurrentIndex(cell(page, "王五", ACTIVITY))
    qtbot.keyClick(page.table, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: modal.done)
    assert titles == ["王五 · 参加政协活动"]


def test_changing_the_rules_saves_them_and_checks_again(
    page: FiveOnesPage, qtbot: QtBot, office_db: Database, modal: ModalAnswers
) -> None:
    def tick_leave(dialog: QWidget) -> None:
        assert isinstance(dialog, RulesDialog)
        assert dialog.cosigned.isChecked() and not dialog.leave.isChecked()
        leave = dialog.findChild(QCheckBox, "leaveCounts")
        click(qtbot, leave)
        buttons = dialog.findChild(QDialogButtonBox)
        click(qtbot, buttons.button(QDialogButtonBox.StandardButton.Save))

    modal.then(tick_leave)
    click(qtbot, page.rules_button)
    qtbot.waitUntil(lambda: modal.done)
    loaded(qtbot, page)
    assert load_settings(office_db).five_ones_leave_counts
    assert load_settings(office_db).five_ones_unaccepted_counts  # untouched
    assert cell(page, "李四", PLENARY).data() == "✓ 1"
    assert "请假视为出席" in page.rules_text.text()
    assert page.status.text() == "考核规则已保存，已按新规则重新考核。"


def test_cancelling_the_rules_changes_nothing(
    page: FiveOnesPage, qtbot: QtBot, office_db: Database, modal: ModalAnswers
) -> None:
    def tick_and_cancel(dialog: QWidget) -> None:
        click(qtbot, dialog.findChild(QCheckBox, "leaveCounts"))
        buttons = dialog.findChild(QDialogButtonBox)
        click(qtbot, buttons.button(QDialogButtonBox.StandardButton.Cancel))

    modal.then(tick_and_cancel)
    click(qtbot, page.rules_button)
    qtbot.waitUntil(lambda: modal.done)
    assert not load_settings(office_db).five_ones_leave_counts
    assert cell(page, "李四", PLENARY).data() == "✗ 0"


def test_another_year(page: FiveOnesPage, qtbot: QtBot) -> None:
    page.year.setCurrentIndex(page.year.findData(2024))
    loaded(qtbot, page)
    assert page.report is not None and page.report.year == 2024
    assert "钱七" in shown(page) and "王五" not in shown(page)  # 王五 joined in 2025


# --- outputs ------------------------------------------------------------------------------


def test_export_workbook(page: FiveOnesPage, qtbot: QtBot, tmp_path: Path) -> None:
    asked: list[tuple[str, str]] = []
    save_to(page, tmp_path / "考核表.xlsx", asked)
    click(qtbot, page.workbook_button)
    wait_for_status(qtbot, page, "已导出考核表：")
    assert asked == [("导出考核表", "2025年度委员履职五个一考核表.xlsx")]
    assert page.status.text() == f"已导出考核表：{tmp_path / '考核表.xlsx'}"
    sheet = load_workbook(tmp_path / "考核表.xlsx").active
    assert [sheet.cell(r, 2).value for r in (4, 5, 6)] == ["王五", "李四", "赵六"]
    assert sheet.cell(6, 6).value == "✓ 1"


def test_make_notice_after_its_settings(
    page: FiveOnesPage, qtbot: QtBot, tmp_path: Path, modal: ModalAnswers, office_db: Database
) -> None:
    save_to(page, tmp_path / "通报.docx")

    def settings(box: QWidget) -> None:
        assert isinstance(box, NoticeDialog)
        assert box.issuer.placeholderText() == "默认：示范县政协办公室"
        assert box.organ_mark.placeholderText() == "默认：示范县政协办公室文件"
        box.number.setText("示政协办发[2026]1号")
        box.copy_to.setPlainText("县委办公室\n县政府办公室")
        box.issued_on.setDate(QDate(2026, 1, 15))
        box.attachment.setCurrentIndex(box.attachment.findData("named"))
        box.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok).click()

    modal.then(settings)
    click(qtbot, page.notice_button)
    wait_for_status(qtbot, page, "已生成通报：")
    document = Document(str(tmp_path / "通报.docx"))
    lines = [p.text for p in document.paragraphs if p.text]
    assert lines[:4] == [
        "示范县政协办公室文件",
        "示政协办发〔2026〕1号",
        "关于2025年度委员履职",
        "“五个一”情况的通报",
    ]
    assert lines[lines.index("（一）未参加全体会议（1人）") + 1] == "李四。"  # 王五: 不适用
    assert lines[-1] == "2026年1月15日"
    imprint = [[c.text for c in row.cells] for row in document.tables[-1].rows]
    assert imprint[0][0] == "抄送：县委办公室，县政府办公室。"
    # Remembered for next time: the dialog opens with what was set.
    remembered = load_notice_options(office_db, today=date(2026, 1, 1))
    assert remembered.number == "示政协办发〔2026〕1号"
    assert remembered.copy_to == ("县委办公室", "县政府办公室")
    assert remembered.issued_on == date(2026, 1, 15)


def test_cancelling_the_notice_settings_writes_nothing(
    page: FiveOnesPage, qtbot: QtBot, tmp_path: Path
) -> None:
    save_to(page, tmp_path / "通报.docx")
    page.ask_notice_options = lambda *args: None
    click(qtbot, page.notice_button)
    assert not (tmp_path / "通报.docx").exists() and page.status.text() == ""


def test_the_written_file_can_be_opened_and_shown_in_its_folder(
    page: FiveOnesPage, qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    opened: list[str] = []

    def open_url(url: QUrl) -> bool:
        opened.append(url.toLocalFile())
        return True

    monkeypatch.setattr(QDesktopServices, "openUrl", open_url)
    save_to(page, tmp_path / "考核表.xlsx")
    assert not page.output.open_button.isVisible()
    click(qtbot, page.workbook_button)
    wait_for_status(qtbot, page, "已导出考核表：")
    assert page.output.open_button.isVisible() and page.output.folder_button.isVisible()
    click(qtbot, page.output.open_button)
    click(qtbot, page.output.folder_button)
    assert opened == [str(tmp_path / "考核表.xlsx"), str(tmp_path)]


def test_print_the_selected_members_file(
    page: FiveOnesPage, qtbot: QtBot, tmp_path: Path, modal: ModalAnswers
) -> None:
    page.table.selectRow(row_of(page, "王五"))
    asked: list[tuple[str, str]] = []
    save_to(page, tmp_path / "档案.docx", asked)

    def only_selected(box: QWidget) -> None:
        assert isinstance(box, QMessageBox)
        texts = [b.text() for b in box.buttons()]
        assert texts == ["所选委员（王五）", "列表中全部委员（3 人）", "取消"]
        box.buttons()[0].click()

    modal.then(only_selected)
    click(qtbot, page.files_button)
    wait_for_status(qtbot, page, "已生成履职档案（1 人）")
    assert asked == [("打印履职档案", "王五履职档案.docx")]
    titles = [
        p.text for p in Document(str(tmp_path / "档案.docx")).paragraphs if "履职档案" in p.text
    ]
    assert titles == ["王五委员履职档案"]


def test_print_everyone_listed(
    page: FiveOnesPage, qtbot: QtBot, tmp_path: Path, modal: ModalAnswers
) -> None:
    page.sector.setCurrentIndex(page.sector.findText("教育界"))
    page.table.selectRow(0)
    save_to(page, tmp_path / "档案.docx")
    modal.then(lambda box: box.buttons()[1].click())  # type: ignore[attr-defined]
    click(qtbot, page.files_button)
    wait_for_status(qtbot, page, "已生成履职档案（2 人）")
    document = Document(str(tmp_path / "档案.docx"))
    titles = [p.text for p in document.paragraphs if p.text.endswith("委员履职档案")]
    assert titles == ["王五委员履职档案", "李四委员履职档案"]


def test_cancelled_save_writes_nothing(page: FiveOnesPage, qtbot: QtBot, tmp_path: Path) -> None:
    page.choose_save_path = lambda *args: None
    click(qtbot, page.workbook_button)
    assert page.status.text() == ""
    assert not list(tmp_path.glob("*.xlsx"))
    assert page.workbook_button.isEnabled()


def test_failed_export_is_explained_and_the_buttons_come_back(
    page: FiveOnesPage, qtbot: QtBot, tmp_path: Path, modal: ModalAnswers
) -> None:
    save_to(page, tmp_path / "没有这个文件夹" / "考核表.xlsx")
    seen: list[str] = []

    def read(box: QWidget) -> None:
        assert isinstance(box, QMessageBox) and box.objectName() == "knownErrorBox"
        seen.append(box.text())
        box.button(QMessageBox.StandardButton.Ok).click()

    modal.then(read)
    click(qtbot, page.workbook_button)
    qtbot.waitUntil(lambda: modal.done, timeout=15_000)
    qtbot.waitUntil(page.workbook_button.isEnabled)
    assert seen[0].startswith("无法访问")
    assert page.status.text() == ""


# --- empty state and models -------------------------------------------------------------


def test_empty_state_without_members(qtbot: QtBot, office_db: Database) -> None:
    widget = FiveOnesPage(office_db)
    qtbot.addWidget(widget)
    widget.show()
    widget.refresh()
    loaded(qtbot, widget)
    assert widget.stack.currentWidget() is widget.empty
    assert "没有需要考核的委员" in widget.empty.text()
    assert "委员档案" in widget.empty.text()
    assert not widget.workbook_button.isEnabled() and not widget.notice_button.isEnabled()
    assert not widget.files_button.isEnabled() and not widget.sector.isEnabled()
    assert widget.summary.text() == "" and not widget.notes.isVisible()


def test_table_model_and_proxy(
    qtmodeltester: ModelTester, office_db: Database, people: dict[str, str]
) -> None:
    model = FiveOnesTableModel()
    model.set_members(check_five_ones(office_db, YEAR).members)
    qtmodeltester.check(model)
    proxy = FiveOnesFilterProxy()
    proxy.setSourceModel(model)
    qtmodeltester.check(proxy)
    assert model.headerData(COLUMNS.FIRST_CRITERION + 4, Qt.Orientation.Horizontal) == (
        "大会发言或\n调研视察报告"
    )
    tip = model.index(2, PLENARY).data(Qt.ItemDataRole.ToolTipRole)
    assert tip.startswith("赵六 · 参加全体会议：达到") and "2025-01-10 五次会议" in tip
