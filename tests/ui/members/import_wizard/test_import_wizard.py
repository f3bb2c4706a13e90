"""The roster import wizard, driven like a clerk: a good file, a bad file, the lists, a template."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QFileDialog, QMessageBox, QWizard

from app.members.member_files import get_member_in_full, list_members
from app.office.dictionaries import add_entry, list_entries
from app.office.labels import DictionaryKind
from app.office.office import record_counts
from tests.xlsx_files import (
    BROKEN_ERRORS,
    LI_ID,
    MESSY_NAMES,
    ZHANG_ID,
    broken_roster,
    messy_roster,
    messy_roster_with_hidden_sheet,
)
from ui.common.problem_table import ProblemTableModel
from ui.members.import_models import PreviewTableModel
from ui.members.import_wizard import RosterImportWizard

NEXT = QWizard.WizardButton.NextButton
COMMIT = QWizard.WizardButton.CommitButton
FINISH = QWizard.WizardButton.FinishButton
CANCEL = QWizard.WizardButton.CancelButton


@pytest.fixture
def wizard(qtbot, office_db):
    widget = RosterImportWizard(office_db)
    qtbot.addWidget(widget)
    widget.show()
    return widget


def _liaison_groups(database) -> None:
    for name in ("第一联络组", "第二联络组"):
        add_entry(database, DictionaryKind.LIAISON_GROUP, name)


def _click(qtbot, wizard: RosterImportWizard, which: QWizard.WizardButton) -> None:
    qtbot.mouseClick(wizard.button(which), Qt.MouseButton.LeftButton)


def _check(qtbot, wizard: RosterImportWizard, path: Path) -> None:
    wizard.set_file(path)
    assert wizard.button(NEXT).isEnabled()
    _click(qtbot, wizard, NEXT)
    qtbot.waitUntil(lambda: wizard.currentPage() is wizard.preview_page, timeout=10_000)


def _shown(model) -> list[list[str]]:
    return [
        [model.index(row, column).data() for column in range(model.columnCount())]
        for row in range(model.rowCount())
    ]


def _press(text: str):
    def answer(dialog) -> None:
        assert isinstance(dialog, QMessageBox)
        next(b for b in dialog.buttons() if b.text() == text).click()

    return answer


def test_a_good_roster_is_previewed_then_imported(qtbot, wizard, office_db, tmp_path):
    _liaison_groups(office_db)
    assert not wizard.button(NEXT).isEnabled()  # no file yet
    _check(qtbot, wizard, messy_roster(tmp_path / "名单.xlsx"))

    page = wizard.preview_page
    assert page.summary.text() == "新增 5 人，更新 0 人，无变化 0 人。"
    rows = _shown(page.preview_model)
    assert [(r[0], r[1], r[2], r[3]) for r in rows] == [
        ("4", "新增", "1", "张三"),
        ("5", "新增", "2", "李四"),
        ("7", "新增", "3", "王五"),
        ("8", "新增", "4", "赵六"),
        ("9", "新增", "5", "钱七"),
    ]
    # The preview shows the birth date: only the last four of the ID (issue 8 item 6).
    assert (
        rows[0][PreviewTableModel.COLUMNS.index(("身份证号码", "id_masked"))]
        == "**************159X"
    )
    everything = repr(rows)
    assert ZHANG_ID not in everything and LI_ID not in everything  # masked in the preview
    assert page.tabs.tabText(1) == "错误清单（0）"
    assert not page.tabs.isTabVisible(2)  # no values missing from the lists
    assert not page.copy_button.isEnabled()
    assert list_members(office_db) == []  # the preview wrote nothing

    commit = wizard.button(COMMIT)
    assert commit.isVisible() and commit.isEnabled() and commit.text() == "开始导入"
    _click(qtbot, wizard, COMMIT)
    qtbot.waitUntil(lambda: wizard.currentPage() is wizard.done_page, timeout=10_000)
    assert "已导入：新增 5 人" in wizard.done_page.result.text()
    assert "自动备份" in wizard.done_page.result.text()
    assert sorted(r.name for r in list_members(office_db)) == sorted(MESSY_NAMES)

    with qtbot.waitSignal(wizard.accepted):
        _click(qtbot, wizard, FINISH)
    assert wizard.result() == QDialog.DialogCode.Accepted


def test_members_on_a_hidden_sheet_are_pointed_out(qtbot, wizard, office_db, tmp_path):
    _liaison_groups(office_db)
    path = messy_roster_with_hidden_sheet(tmp_path / "名单.xls.xlsx")
    _check(qtbot, wizard, path)
    summary = wizard.preview_page.summary.text()
    assert summary.startswith("新增 5 人，更新 0 人，无变化 0 人。\n")
    assert "隐藏的工作表“往届”（1 行）中也有数据，本次未导入" in summary
    assert "取消隐藏" in summary


def test_the_file_dialog_offers_every_format_the_reader_opens(qtbot, wizard, monkeypatch):
    offered: list[str] = []

    def choose(*args):
        offered.append(args[3])
        return "", ""

    monkeypatch.setattr(QFileDialog, "getOpenFileName", choose)
    qtbot.mouseClick(wizard.file_page.choose_button, Qt.MouseButton.LeftButton)
    assert offered and "*.xlsx *.xls *.ods" in offered[0]


def test_a_bad_roster_shows_every_error_and_cannot_be_imported(qtbot, wizard, office_db, tmp_path):
    before = record_counts(office_db)
    _check(qtbot, wizard, broken_roster(tmp_path / "名单.xlsx"))

    page = wizard.preview_page
    assert "9 行有错误" in page.verdict.text() and "一个委员也不会导入" in page.verdict.text()
    assert page.tabs.currentIndex() == 2  # the lists first: choosing there settles a row
    assert page.tabs.tabText(1) == "错误清单（9）"
    errors = _shown(page.error_model)
    assert [(e[1], e[2].split("（")[0]) for e in errors] == [
        (f"第{row}行", column) for row, column, _ in BROKEN_ERRORS
    ]
    for shown, (_, _, phrase) in zip(errors, BROKEN_ERRORS, strict=True):
        assert phrase in shown[3]
    preview = _shown(page.preview_model)
    assert [r[1] for r in preview].count("有错误") == 9
    assert not wizard.button(COMMIT).isEnabled()
    assert page.tabs.isTabVisible(2) and page.tabs.tabText(2) == "名录中没有的值（1）"
    assert _shown(page.unknown_model)[0][:3] == ["界别", "工人界", "1"]

    with qtbot.waitSignal(wizard.rejected):
        _click(qtbot, wizard, CANCEL)
    assert record_counts(office_db) == before


def test_unknown_list_values_can_be_added_and_the_roster_checked_again(
    qtbot, wizard, office_db, modal, tmp_path
):
    _check(qtbot, wizard, messy_roster(tmp_path / "名单.xlsx"))
    page = wizard.preview_page
    assert [line[:4] for line in _shown(page.unknown_model)] == [
        ["联络组", "第一联络组", "2", "作为新条目加入名录"],
        ["联络组", "第二联络组", "2", "作为新条目加入名录"],
    ]
    assert not wizard.button(COMMIT).isEnabled()

    modal.then(_press("确定"))
    qtbot.mouseClick(page.settle_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(
        lambda: page.summary.text() == "新增 5 人，更新 0 人，无变化 0 人。", timeout=10_000
    )
    assert not page.tabs.isTabVisible(2)
    assert wizard.button(COMMIT).isEnabled()
    names = [e.name for e in list_entries(office_db, DictionaryKind.LIAISON_GROUP)]
    assert names == ["第一联络组", "第二联络组"]


def test_a_file_that_is_not_a_roster_is_refused_with_a_message(
    qtbot, wizard, office_db, modal, tmp_path
):
    path = tmp_path / "名单.xlsx"
    path.write_text("姓名,性别\n张三,男\n", encoding="utf-8")
    seen: list[str] = []

    def read(dialog) -> None:
        seen.append(dialog.text())
        dialog.button(QMessageBox.StandardButton.Ok).click()

    modal.then(read)
    wizard.set_file(path)
    _click(qtbot, wizard, NEXT)
    qtbot.waitUntil(lambda: modal.done, timeout=10_000)
    qtbot.waitUntil(lambda: not wizard._busy)
    assert "其实是文本（CSV）格式的表格" in seen[0]
    assert wizard.currentPage() is wizard.file_page


def test_update_mode_updates_members_found_by_id_number(qtbot, wizard, office_db, tmp_path):
    _liaison_groups(office_db)
    path = messy_roster(tmp_path / "名单.xlsx")
    _check(qtbot, wizard, path)
    _click(qtbot, wizard, COMMIT)
    qtbot.waitUntil(lambda: wizard.currentPage() is wizard.done_page, timeout=10_000)

    book = openpyxl.load_workbook(path)
    book.active["L4"] = "13900139000"
    book.save(path)
    second = RosterImportWizard(office_db)
    qtbot.addWidget(second)
    second.show()
    _check(qtbot, second, path)
    assert "更新已有委员" in second.preview_page.preview_model.preview_row(0).problems[0]

    _click(qtbot, second, QWizard.WizardButton.BackButton)
    second.file_page.update_box.setChecked(True)
    _click(qtbot, second, NEXT)
    qtbot.waitUntil(lambda: "更新 1 人" in second.preview_page.summary.text(), timeout=10_000)
    _click(qtbot, second, COMMIT)
    qtbot.waitUntil(lambda: second.currentPage() is second.done_page, timeout=10_000)
    zhang = next(r for r in list_members(office_db) if r.name == "张三")
    assert get_member_in_full(office_db, zhang.uuid).form.phone == "13900139000"


def test_saving_the_blank_template(qtbot, wizard, tmp_path, monkeypatch):
    target = tmp_path / "委员名单模板"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *args: (str(target), XLSX))
    qtbot.mouseClick(wizard.file_page.template_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "已保存空白模板" in wizard.file_page.status.text(), timeout=10_000)
    saved = target.with_name("委员名单模板.xlsx")
    assert str(saved) in wizard.file_page.status.text()
    sheet = openpyxl.load_workbook(saved).active
    assert (sheet.cell(3, 1).value, sheet.cell(3, 2).value) == ("序号", "姓名")


XLSX = "Excel 工作簿 (*.xlsx)"


def test_the_file_button_fills_in_the_chosen_file(qtbot, wizard, tmp_path, monkeypatch):
    path = tmp_path / "名单.xlsx"
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *args: (str(path), XLSX))
    qtbot.mouseClick(wizard.file_page.choose_button, Qt.MouseButton.LeftButton)
    assert wizard.file_page.path_edit.text() == str(path)
    assert wizard.button(NEXT).isEnabled()


def test_the_table_models_behave(qtmodeltester, office_db, tmp_path):
    from app.members.roster_import import plan_roster_import

    plan = plan_roster_import(office_db, broken_roster(tmp_path / "名单.xlsx"))
    preview, errors = PreviewTableModel(), ProblemTableModel()
    preview.set_rows(plan.preview)
    errors.set_problems(plan.errors)
    qtmodeltester.check(preview)
    qtmodeltester.check(errors)
    assert preview.rowCount() == 10 and errors.rowCount() == 9
    assert errors.index(1, ProblemTableModel.COLUMN).data() == "姓名（A列）"
