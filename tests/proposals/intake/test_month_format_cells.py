"""A 提交日期 cell formatted to show only year and month (2023年2月) is no day to count
from: refused as the typed text is, not stored as the 1st."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from app.proposals.intake.history_import import import_history
from app.proposals.queries import list_proposals
from tests.common.sheets.messy_books import office_book
from tests.proposals.helpers import Office
from tests.xlsx_files import with_number_format

NOTE = (
    "（这一格的格式只显示年月；如果写的是具体日期，请把这一列的单元格格式改为显示年月日后再导入）"
)
HEADER = ["年度", "提案号", "案由", "提案人", "提交日期", "承办单位"]


def test_a_submission_cell_showing_the_month_is_refused_as_typed(
    office: Office, tmp_path: Path
) -> None:
    rows = [
        [2023, 1, "关于甲的建议", "张三", date(2023, 2, 1), None],
        [2023, 2, "关于乙的建议", "张三", "2023年2月", None],
    ]
    path = with_number_format(office_book(tmp_path / "h.xlsx", HEADER, rows), ["E4"], "yyyy-mm")
    result = import_history(office.database, path)
    reason = "“2023年2月”没有写到日，请写到哪一天（如 2023年2月6日）；不知道哪一天的请留空"
    assert [(e.row, e.column, e.reason) for e in result.errors] == [
        (4, "提交日期", reason + NOTE),  # the cell may hold a day its format hides
        (5, "提交日期", reason),  # typed text
    ]
    assert list_proposals(office.database) == []


def test_a_whole_day_hidden_by_a_month_format_is_named(office: Office, tmp_path: Path) -> None:
    rows = [[2023, 1, "关于甲的建议", "张三", date(2023, 2, 17), None]]
    path = with_number_format(office_book(tmp_path / "h.xlsx", HEADER, rows), ["E4"], "yyyy-mm")
    (error,) = import_history(office.database, path).errors
    assert (error.row, error.column, error.reason) == (
        4,
        "提交日期",
        "单元格显示“2023年2月”，里面存的是 2023-02-17：单元格格式只显示年月，"
        "请选中这一列，把单元格格式改为显示年月日的日期（如 2025/3/12）后再导入",
    )
    assert list_proposals(office.database) == []


def test_the_same_cell_showing_the_day_is_that_day(office: Office, tmp_path: Path) -> None:
    rows = [[2023, 1, "关于甲的建议", "张三", date(2023, 2, 1), None]]
    path = office_book(tmp_path / "h.xlsx", HEADER, rows)
    result = import_history(office.database, with_number_format(path, ["E4"], "yyyy/m/d"))
    assert result.errors == ()
    assert [p.submitted_on for p in list_proposals(office.database)] == [date(2023, 2, 1)]
