"""履职记录: importing a records workbook from the screen (preview, counts, every error)."""

from __future__ import annotations

import openpyxl
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QLabel, QMessageBox, QPushButton

from app.office.office import record_counts
from app.records.record_items import list_social_info
from tests.records.test_records_import import YEAR, messy_file, write_book
from tests.ui.conftest import loaded
from tests.ui.records.helpers import click, shown


def test_import_previews_the_counts_then_imports(qtbot, page, office_db, import_members, tmp_path):
    path = messy_file(tmp_path / "履职登记.xlsx")
    before = record_counts(office_db)
    page.check_file(path)
    qtbot.waitUntil(lambda: page.preview is not None and page.preview.isVisible())
    preview = page.preview
    assert "检查通过" in preview.heading.text()
    assert "会议活动：新增 2 次，出席情况新增 6 条" in preview.summary.text()
    assert record_counts(office_db) == before  # the check wrote nothing

    click(qtbot, preview.apply_button)
    qtbot.waitUntil(lambda: "已从" in page.import_status.text())
    (backup,) = office_db.location.backup_dir.glob("导入履职记录前备份-*.sqlite3")
    assert page.import_status.text() == (
        "已从“履职登记.xlsx”导入：新增或更新会议活动 2 次、出席情况 6 条、社情民意信息 2 条、"
        f"大会发言与调研视察报告 2 件。导入前的数据已自动备份为“{backup.name}”。"
    )
    page.activities.show_year(YEAR)
    assert sorted(shown(loaded(qtbot, page.activities).table, 2)) == [
        "政协示范县第十届委员会第五次会议",
        "视察农村饮水安全工程",
    ]
    assert len(list_social_info(office_db)) == 2


def test_a_bad_file_shows_every_error_and_imports_nothing(
    qtbot, page, office_db, import_members, tmp_path
):
    path = write_book(
        tmp_path / "bad.xlsx",
        [
            [1, "赵无名", None, f"{YEAR}-03-02", "全体会议", "第五次会议", "出席"],
            [2, "王磊", None, f"{YEAR}-03-02", "全体会议", "第五次会议", "出席"],
            [3, "李秀英", None, f"{YEAR}-02-30", "茶话会", "茶话会", "出席"],
        ],
    )
    before = record_counts(office_db)
    page.check_file(path)
    qtbot.waitUntil(lambda: page.preview is not None and page.preview.isVisible())
    preview = page.preview
    assert "有 4 处错误（3 行），未导入任何记录" in preview.heading.text()
    errors = preview.errors.model()
    rows = [[errors.index(r, c).data() for c in range(4)] for r in range(errors.rowCount())]
    assert rows == [
        [
            "履职登记",
            "第2行",
            "姓  名（B列）",
            "“赵无名”不在委员名单中（请核对姓名或先添加该委员）",
        ],
        ["履职登记", "第3行", "姓  名（B列）", "有 2 位委员名叫“王磊”，请填写身份证号码以区分"],
        ["履职登记", "第4行", "日期（D列）", f"日期“{YEAR}-02-30”不存在"],
        ["履职登记", "第4行", "类别（E列）", rows[3][3]],
    ]
    assert "茶话会" in rows[3][3]
    assert not hasattr(preview, "apply_button")
    assert "未导入" in page.import_status.text()
    preview.reject()
    assert record_counts(office_db) == before


def test_the_wrong_file_says_each_problem_once_and_copies_every_row(
    qtbot, page, office_db, import_members, tmp_path
):
    """Every row of a big wrong file is bad in the same way: one line says so, with the
    first rows and the count; the copy names every row."""
    rows: list[list[object]] = [
        [n, f"某{n}", None, f"{YEAR}-03-02", "茶话会", "茶话会", "出席"] for n in range(1, 1201)
    ]
    page.check_file(write_book(tmp_path / "错表.xlsx", rows))
    qtbot.waitUntil(lambda: page.preview is not None and page.preview.isVisible())
    preview = page.preview
    assert "有 1200 处错误（1200 行）" in preview.heading.text()
    model = preview.errors.model()
    assert model.rowCount() == 1
    assert [model.index(0, c).data() for c in range(3)] == [
        "履职登记",
        "第2、3、4…行等共 1200 行",
        "类别（E列）",
    ]
    assert model.index(0, 3).data().startswith("类别“茶话会”无法识别")
    assert model.index(0, 1).data(Qt.ItemDataRole.ToolTipRole) == "第2至1201行"
    click(qtbot, preview.findChild(QPushButton, "copyErrors"))
    copied = QGuiApplication.clipboard().text().splitlines()
    assert copied[0] == "工作表\t行\t列\t原因"
    assert copied[1].split("\t")[:3] == ["履职登记", "第2至1201行", "类别（E列）"]
    assert len(copied) == 2
    preview.reject()


def test_a_member_who_had_left_is_named_before_importing(qtbot, page, office_db, tmp_path):
    """赵海涛 was transferred on 1 January: the clerk is told, and may still import."""
    rows: list[list[object]] = [
        [n, name, None, f"{YEAR}-0{month}-02", "视察", f"视察{month}", "出席"]
        for n, (name, month) in enumerate(
            [("张建国", 3), ("赵海涛", 3), ("赵海涛", 4), ("赵海涛", 5)], start=1
        )
    ]
    page.check_file(write_book(tmp_path / "履职.xlsx", rows))
    qtbot.waitUntil(lambda: page.preview is not None and page.preview.isVisible())
    preview = page.preview
    assert "检查通过" in preview.heading.text()
    assert preview.warning_label.text().startswith("请注意（3 处，不影响导入")
    model = preview.warnings.model()
    assert model.rowCount() == 1
    assert [model.index(0, c).data() for c in range(3)] == [
        "履职登记",
        "第3、4、5行",
        "姓  名（B列）",
    ]
    assert model.index(0, 3).data() == (
        f"赵海涛于 {YEAR}-03-02、{YEAR}-04-02、{YEAR}-05-02 已不是委员（{YEAR}-01-10 调离），"
        "请核对日期或姓名"
    )
    preview.grab().save(str(tmp_path / "preview.png"))
    click(qtbot, preview.apply_button)
    qtbot.waitUntil(lambda: "已从" in page.import_status.text())
    assert "出席情况 4 条" in page.import_status.text()


def test_a_file_with_errors_also_says_what_was_left_out(qtbot, page, office_db, tmp_path):
    """The hidden sheet's note was only in a clean file's summary."""
    path = write_book(
        tmp_path / "bad.xlsx", [[1, "赵无名", None, f"{YEAR}-03-02", "视察", "视察", "出席"]]
    )
    book = openpyxl.load_workbook(path)
    hidden = book.create_sheet("往年")
    hidden.append(["姓名", "日期", "类别", "名称", "情况"])
    hidden.append(["张建国", f"{YEAR}-01-02", "视察", "视察", "出席"])
    hidden.sheet_state = "hidden"
    book.save(path)
    page.check_file(path)
    qtbot.waitUntil(lambda: page.preview is not None and page.preview.isVisible())
    notes = page.preview.findChild(QLabel, "previewNotes")
    assert notes is not None and notes.isVisible()
    assert notes.text().startswith("注意：隐藏的工作表“往年”（1 行）中也有数据，本次未导入。")
    page.preview.reject()


def test_a_refused_file_is_said_on_the_status_line_too(qtbot, page, office_db, modal, tmp_path):
    """The message box went away and the page said nothing about the file."""
    path = tmp_path / "履职登记.xlsx"
    path.write_bytes(b"PK\x03\x04 not really a workbook")
    boxes: list[str] = []
    modal.then(lambda box: (boxes.append(box.text()), box.accept()), QMessageBox)
    page.check_file(path)
    qtbot.waitUntil(lambda: modal.done and page.import_status.isVisible())
    assert boxes and "已损坏" in boxes[0]
    assert page.import_status.text() == (
        "未导入“履职登记.xlsx”：无法读取该文件：文件已损坏（可能未完整复制），"
        "或不是 Excel、WPS 表格文件。"
    )
    assert page.preview is None


def test_importing_a_file_again_says_nothing_was_new_and_makes_no_backup(
    qtbot, page, office_db, import_members, tmp_path
):
    path = messy_file(tmp_path / "履职登记.xlsx")
    page.check_file(path)
    qtbot.waitUntil(lambda: page.preview is not None and page.preview.isVisible())
    click(qtbot, page.preview.apply_button)
    qtbot.waitUntil(lambda: page.import_status.text().startswith("已从"))
    # The same file again: the check already says there is nothing to import.
    page.check_file(path)
    qtbot.waitUntil(lambda: page.preview is not None and page.preview.isVisible())
    preview = page.preview
    assert "没有新的记录，无需导入" in preview.heading.text()
    assert not hasattr(preview, "apply_button")
    assert [b.text() for b in preview.buttons.buttons()] == ["关闭"]
    assert page.import_status.text() == (
        "“履职登记.xlsx”中的记录都已在库中：没有新的记录，未作改动。"
    )
    assert len(list(office_db.location.backup_dir.iterdir())) == 1  # the first import's
    preview.reject()


def test_a_hidden_column_the_import_reads_is_named_in_the_preview(
    qtbot, page, office_db, import_members, tmp_path
):
    path = messy_file(tmp_path / "履职登记.xlsx")
    book = openpyxl.load_workbook(path)
    book.active.column_dimensions["G"].hidden = True  # 情况: 出席, 请假 … not seen
    book.save(path)
    page.check_file(path)
    qtbot.waitUntil(lambda: page.preview is not None and page.preview.isVisible())
    assert (
        "注意：工作表“履职登记”的“情况”列（G列）在 Excel 中是隐藏的，其中的内容也一并读取了；"
        "请在 Excel 中取消隐藏该列，核对无误后再导入。"
    ) in page.preview.summary.text()
