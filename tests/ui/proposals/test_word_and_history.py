"""Bulk intake from a folder of Word files, and earlier years' proposals from a
spreadsheet: dry run first, the row report, then all or nothing."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QTableView

from app.proposals.labels import AttachmentPurpose
from app.proposals.queries import ProposalFilter, get_proposal_detail, list_proposals
from tests.proposals.helpers import word_lines
from tests.proposals.history_workbook import add_hidden_year, history_rows, write_history
from tests.proposals.intake.test_word_intake import paragraph_form, table_form
from tests.ui.conftest import type_text
from tests.ui.proposals.conftest import click, listed, open_gives, shown
from ui.proposals.intake.history_import import HistoryPreview
from ui.proposals.intake.word_intake_dialog import WordIntakeDialog

TOOLTIP = Qt.ItemDataRole.ToolTipRole

HISTORY_COUNT = len(history_rows())


def word_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "大会提案"
    folder.mkdir()
    paragraph_form(folder / "01 张三 校舍安全.docx")
    table_form(folder / "02 钱老 老旧小区.docx")
    (folder / "03 损坏.docx").write_bytes(b"not a zip file")
    return folder


def test_a_word_folder_becomes_drafts_confirmed_one_by_one(qtbot, page, office, tmp_path):
    page.read_word_folder(word_folder(tmp_path))
    qtbot.waitUntil(lambda: page.word is not None)
    word = page.word
    assert isinstance(word, WordIntakeDialog)
    assert word.summary.text() == "读取 2 份提案表：已登记 0 份，待核对 2 份。"
    assert shown(word.table, 1) == [
        "关于加强农村学校校舍安全管理的建议",
        "关于推进老旧小区改造的建议",
    ]
    # The unreadable file is named with its reason.
    assert word.failed_title.text() == "无法读取的文件（1）："
    assert word.failed.text().startswith("03 损坏.docx：")
    assert "已损坏或不是 Word 文件" in word.failed.text()

    # The first draft in the intake form: recognised fields filled in, notes above.
    intake = word.check_selected()
    assert intake is not None
    assert intake.fields.title_edit.text() == "关于加强农村学校校舍安全管理的建议"
    assert intake.picker.chosen_label.text() == "已选提案人：张三、李四、王五"
    assert intake.fields.category.currentText() == "社会"
    assert "情况分析" in intake.fields.body.toPlainText()
    assert intake.notes.text().startswith("从“01 张三 校舍安全.docx”读取")
    click(qtbot, intake.save_button)
    qtbot.waitUntil(lambda: not intake.isVisible())
    assert word.summary.text() == "读取 2 份提案表：已登记 1 份，待核对 1 份。"
    assert shown(word.table, 4) == ["已登记", "待核对"]
    assert word.selected().draft.file_name == "02 钱老 老旧小区.docx"  # the next one

    # A name that is no member is said, and kept as text; skipping leaves it out.
    second = word.check_selected()
    assert "“钱老”不在本届委员名单中" in second.notes.text()
    second.reject()
    click(qtbot, word.skip_button)
    assert shown(word.table, 4) == ["已登记", "已跳过"]
    assert not word.confirm_button.isEnabled()

    [row] = list_proposals(office.database)
    assert row.co_signers == ("李四", "王五")
    [original] = get_proposal_detail(office.database, row.uuid).attachments
    assert (original.purpose, original.original_name) == (
        AttachmentPurpose.ORIGINAL,
        "01 张三 校舍安全.docx",
    )


def _one_form_read(qtbot, page, tmp_path: Path, *lines: str):  # type: ignore[no-untyped-def]
    """A folder with one 张三 form (`lines`, then its 案由 and 提案人), read: the batch."""
    folder = tmp_path / "提案表"
    folder.mkdir()
    word_lines(folder / "01 张三.docx", *lines, "案由：关于改善农村饮水条件的建议", "提案人：张三")
    page.read_word_folder(folder)
    qtbot.waitUntil(lambda: page.word is not None)
    return page.word


def test_a_form_without_a_date_or_of_another_year_is_pointed_out(qtbot, page, office, tmp_path):
    """The clerk sees 请注意 above the form: today stands in for the missing date, and
    the form says 2024 while it goes into the 2025 session. Saved as shown: no refusal."""
    word = _one_form_read(qtbot, page, tmp_path, "示范县政协2024年提案表")
    assert word.session.currentText() == "第十届第五次会议（2025年）"
    intake = word.check_selected()
    assert intake is not None and intake.notes.isVisibleTo(intake)
    today = date.today()
    assert intake.notes.text().splitlines()[1:] == [
        f"请注意：提案表中没有可用的提交日期，登记表中已按今天（{today:%Y-%m-%d}）填写，"
        "请按原件核对。",
        "请注意：这份提案表写明 2024 年，与登记到的第十届第五次会议（2025年）不是同一年，"
        "请核对所属会议（年度）。",
    ]
    click(qtbot, intake.save_button)
    qtbot.waitUntil(lambda: not intake.isVisible())
    [row] = list_proposals(office.database)
    detail = get_proposal_detail(office.database, row.uuid)
    assert (detail.row.year, detail.row.submitted_on) == (2025, today)


def test_a_form_registered_by_year_starts_at_its_own_year(qtbot, page, office, tmp_path):
    """不属于全体会议（按年度编号）: the year box showed this year for a 2024 form."""
    word = _one_form_read(qtbot, page, tmp_path, "提交日期：2024年6月3日")
    word.session.setCurrentIndex(word.session.findData(""))  # by year
    intake = word.check_selected()
    assert intake is not None
    assert intake.fields.year.value() == 2024 and intake.fields.year.isEnabled()
    assert not [n for n in intake.notes.text().splitlines() if "不是同一年" in n]
    # The clerk picks the 2025 session in the form: the note follows what is picked.
    fields = intake.fields
    fields.session.setCurrentIndex(fields.session.findData(office.session_2025))
    assert intake.notes.text().splitlines()[0] == "从“01 张三.docx”读取，请核对："
    assert "与登记到的第十届第五次会议（2025年）不是同一年" in intake.notes.text()
    fields.session.setCurrentIndex(fields.session.findData(""))  # back: by year
    fields.year.setValue(2024)
    assert "不是同一年" not in intake.notes.text()
    click(qtbot, intake.save_button)
    qtbot.waitUntil(lambda: not intake.isVisible())
    [row] = list_proposals(office.database, ProposalFilter(year=2024))
    assert row.title == "关于改善农村饮水条件的建议"


def test_history_import_checks_first_then_imports(qtbot, page, office, tmp_path):
    open_gives(page, write_history(tmp_path / "历年提案.xlsx"))
    click(qtbot, page.proposals.import_button)
    qtbot.waitUntil(lambda: page.history_import.preview is not None)
    preview = page.history_import.preview
    assert isinstance(preview, HistoryPreview)
    assert preview.heading.text().startswith("检查通过（尚未导入）。")
    assert f"新增提案 {HISTORY_COUNT} 件" in preview.heading.text()
    assert list_proposals(office.database) == []  # the check wrote nothing
    warnings = preview.findChild(QTableView, "warningTable")
    model = warnings.model()  # names kept as text: one line per column and problem
    assert [model.index(r, 2).data() for r in range(model.rowCount())] == [
        "提案人（D列）",
        "类别（F列）",
        "提案人（D列）",
    ]
    assert model.index(0, 3).data() == "“孙前委员”“钱老”不在委员名册中，按文字保存"
    assert "“钱老”：第7、14、21、27、28、34、41行" in model.index(0, 3).data(TOOLTIP)
    click(qtbot, preview.apply_button)
    qtbot.waitUntil(lambda: "已从" in page.proposals.status.text())
    assert f"导入往年提案 {HISTORY_COUNT} 件" in page.proposals.status.text()
    assert "导入前的数据已备份到" in page.proposals.status.text()
    assert len(list_proposals(office.database, ProposalFilter(year=2021))) == 8
    page.proposals.show_year(None)
    assert listed(qtbot, page.proposals).model.rowCount() == HISTORY_COUNT
    # Imported history takes part in the duplicate check at once, with its year and result.
    intake = page.new_proposal()
    with qtbot.waitSignal(intake.similar.checked, timeout=5000):
        type_text(qtbot, intake.fields.title_edit, "关于加强农村学校校舍安全管理的建议")
    found = intake.similar.found[0]  # 2021's title has no year suffix: the closest
    assert (found.year, found.title, found.result) == (
        2021,
        "关于加强农村学校校舍安全管理的建议",
        "A",
    )
    assert found.likely_duplicate and intake.similar.flag.isVisible()
    assert shown(intake.similar.table, 1)[0] == "2021"


def test_a_bad_sheet_lists_every_bad_row_and_imports_nothing(qtbot, page, office, tmp_path):
    rows = history_rows()
    rows[3] = (*rows[3][:2], "", *rows[3][3:])  # no 案由
    open_gives(page, write_history(tmp_path / "bad.xlsx", rows))
    click(qtbot, page.proposals.import_button)
    qtbot.waitUntil(lambda: page.history_import.preview is not None)
    preview = page.history_import.preview
    assert "表格中有 1 处错误（1 行），未导入任何提案。" in preview.heading.text()
    errors = preview.findChild(QTableView, "errorTable")
    model = errors.model()
    assert [model.index(0, c).data() for c in range(4)] == [
        "历年提案",
        "第7行",
        "案由（C列）",
        "案由为空",
    ]
    assert page.proposals.status.text() == "“bad.xlsx”有 1 处错误，未导入。"
    preview.reject()
    assert list_proposals(office.database) == []


def test_the_same_problem_on_many_rows_is_one_line(qtbot, page, office, tmp_path):
    rows = [(*row[:2], "", *row[3:]) for row in history_rows()]  # no 案由 anywhere
    open_gives(page, write_history(tmp_path / "bad.xlsx", rows))
    click(qtbot, page.proposals.import_button)
    qtbot.waitUntil(lambda: page.history_import.preview is not None)
    preview = page.history_import.preview
    assert "表格中有 40 处错误（40 行）" in preview.heading.text()
    model = preview.findChild(QTableView, "errorTable").model()
    assert model.rowCount() == 1
    assert [model.index(0, c).data() for c in range(4)] == [
        "历年提案",
        "第4、5、6…行等共 40 行",
        "案由（C列）",
        "案由为空",
    ]
    assert model.index(0, 1).data(TOOLTIP) == "第4至43行"
    preview.reject()


def test_proposals_on_a_hidden_sheet_are_named_before_importing(qtbot, page, office, tmp_path):
    path = add_hidden_year(write_history(tmp_path / "h.xlsx", history_rows()[:2]), "2020年")
    open_gives(page, path)
    click(qtbot, page.proposals.import_button)
    qtbot.waitUntil(lambda: page.history_import.preview is not None)
    preview = page.history_import.preview
    assert preview.notes.isVisibleTo(preview)
    assert preview.notes.text().startswith("隐藏的工作表“2020年”（1 行）中也有数据，本次未导入。")
    preview.reject()
