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
        (4, "提交日期", reason),
        (5, "提交日期", reason),
    ]
    assert list_proposals(office.database) == []


def test_the_same_cell_showing_the_day_is_that_day(office: Office, tmp_path: Path) -> None:
    rows = [[2023, 1, "关于甲的建议", "张三", date(2023, 2, 1), None]]
    path = office_book(tmp_path / "h.xlsx", HEADER, rows)
    result = import_history(office.database, with_number_format(path, ["E4"], "yyyy/m/d"))
    assert result.errors == ()
    assert [p.submitted_on for p in list_proposals(office.database)] == [date(2023, 2, 1)]
