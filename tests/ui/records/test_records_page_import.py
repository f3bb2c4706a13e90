"""履职记录: importing a records workbook from the screen (preview, counts, every error)."""

from __future__ import annotations

from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QPushButton

from app.office.office import record_counts
from app.records.record_items import list_social_info
from tests.records.test_records_import import YEAR, messy_file, write_book
from tests.ui.records.helpers import click, shown
from ui.records.import_preview import SHOWN_ERRORS


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
    assert sorted(shown(page.activities.table, 2)) == [
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
    assert "有 4 处错误，未导入任何记录" in preview.heading.text()
    errors = preview.errors.model()
    rows = [[errors.index(r, c).data() for c in range(4)] for r in range(errors.rowCount())]
    assert rows == [
        ["履职登记", "2", "姓  名（B）", "“赵无名”不在委员名单中（请核对姓名或先添加该委员）"],
        ["履职登记", "3", "姓  名（B）", "有 2 位委员名叫“王磊”，请填写身份证号码以区分"],
        ["履职登记", "4", "日期（D）", f"日期“{YEAR}-02-30”不存在"],
        ["履职登记", "4", "类别（E）", rows[3][3]],
    ]
    assert "茶话会" in rows[3][3]
    assert not hasattr(preview, "apply_button")
    assert "未导入" in page.import_status.text()
    preview.reject()
    assert record_counts(office_db) == before


def test_the_wrong_file_lists_the_first_errors_and_copies_them_all(
    qtbot, page, office_db, import_members, tmp_path
):
    """Every row of a big wrong file is bad: the window lists the first ones (fitting
    thousands of rows to their text froze it), the copy holds every one."""
    rows: list[list[object]] = [
        [n, f"某{n}", None, f"{YEAR}-03-02", "茶话会", "茶话会", "出席"] for n in range(1, 1201)
    ]
    page.check_file(write_book(tmp_path / "错表.xlsx", rows))
    qtbot.waitUntil(lambda: page.preview is not None and page.preview.isVisible())
    preview = page.preview
    assert "有 1200 处错误" in preview.heading.text()
    assert "下表列出前 500 处，“复制错误清单”可复制全部" in preview.heading.text()
    assert preview.errors.model().rowCount() == SHOWN_ERRORS == 500
    click(qtbot, preview.findChild(QPushButton, "copyErrors"))
    assert len(QGuiApplication.clipboard().text().splitlines()) == 1200
    preview.reject()
