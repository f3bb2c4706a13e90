"""Earlier years' proposals from the office's spreadsheet: all or nothing, warnings, twice."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.common.errors import KnownError
from app.proposals.intake.history_import import import_history
from app.proposals.labels import ProposalState, SubmitterKind
from app.proposals.queries import ProposalFilter, get_proposal_detail, list_proposals
from tests.proposals.helpers import Office
from tests.proposals.history_workbook import HEADERS, PER_YEAR, YEARS, history_rows, write_history

ALL = len(YEARS) * PER_YEAR


def test_five_years_import_with_names_kept_as_text(office: Office, tmp_path: Path) -> None:
    db = office.database
    result = import_history(db, write_history(tmp_path / "历年提案.xlsx"))
    assert result.ok, result.errors
    assert result.backup is not None and result.backup.name.startswith("导入提案前备份-")
    assert (result.rows, result.new, result.unchanged, result.years) == (ALL, ALL, 0, YEARS)
    rows = list_proposals(db)
    assert len(rows) == ALL
    assert {r.year for r in rows} == set(YEARS)
    first = next(r for r in rows if r.number == "2021-001")
    assert first.imported and first.stage == "已办结"
    assert (first.units, first.result) == (("县文化旅游体育局",), "A")
    warned = {(w.column, w.reason) for w in result.warnings}
    assert ("提案人", "“钱老”不在委员名册中，按文字保存") in warned
    assert ("提案人", "“民盟示范县支部”不是委员，按党派团体、界别或专委会保存") in warned
    assert ("类别", "类别“法治和民生”不在基础名录中，按文字保存") in warned
    party = next(r for r in rows if r.proposer == "民盟示范县支部")
    assert party.submitter_kind is SubmitterKind.PARTY_GROUP
    joint = next(r for r in rows if r.proposer == "李四")
    detail = get_proposal_detail(db, joint.uuid)
    assert joint.submitter_kind is SubmitterKind.JOINT
    assert [s.name for s in detail.signers] == ["李四", "王五", "赵六"]
    assert all(s.member_uuid for s in detail.signers)
    assert detail.history[0].text.startswith("从表格“历年提案.xlsx”工作表“历年提案”第")
    # Dates typed as text in several ways all arrive as dates.
    assert all(r.submitted_on is not None for r in rows)
    # The merged 年度 cells give every row its year.
    assert len(list_proposals(db, ProposalFilter(year=2023))) == PER_YEAR


def test_importing_the_same_file_twice_adds_nothing(office: Office, tmp_path: Path) -> None:
    db = office.database
    path = write_history(tmp_path / "h.xlsx")
    import_history(db, path)
    again = import_history(db, path)
    assert (again.new, again.unchanged, again.backup) == (0, ALL, None)
    assert len(list_proposals(db)) == ALL


def test_dry_run_writes_nothing(office: Office, tmp_path: Path) -> None:
    db = office.database
    result = import_history(db, write_history(tmp_path / "h.xlsx"), dry_run=True)
    assert (result.ok, result.new, result.dry_run, result.backup) == (True, ALL, True, None)
    assert list_proposals(db) == []


def test_one_bad_row_and_nothing_is_written(office: Office, tmp_path: Path) -> None:
    rows = history_rows()
    rows[3] = (*rows[3][:2], "", *rows[3][3:])  # no 案由
    rows[9] = (*rows[9][:6], "2022年13月5日", *rows[9][7:])  # no such month
    rows[12] = (*rows[12][:1], rows[11][1], *rows[12][2:])  # number twice in 2022
    result = import_history(office.database, write_history(tmp_path / "bad.xlsx", rows))
    assert not result.ok
    found = [(e.sheet, e.row, e.column, e.reason) for e in result.errors]
    assert ("历年提案", 7, "案由", "案由为空") in found
    assert ("历年提案", 13, "提交日期", "日期“2022年13月5日”不存在") in found
    assert any(
        e.row == 16 and e.column == "提案号" and "出现两次" in e.reason for e in result.errors
    )
    assert str(result.errors[0]).startswith("工作表“历年提案”第7行“案由”列（C列）")
    assert list_proposals(office.database) == []


def test_a_year_that_cannot_be_told_is_an_error(office: Office, tmp_path: Path) -> None:
    row = (None, "第15号", "关于某事的建议", "张三", "", "", None, "", "", "")
    result = import_history(office.database, write_history(tmp_path / "y.xlsx", [row]))
    assert [e.reason for e in result.errors] == ["无法确定年度：请填写“年度”列或提交日期"]


def test_several_units_in_one_cell(office: Office, tmp_path: Path) -> None:
    row = (
        2022,
        "2022-031",
        "关于某事的建议",
        "张三",
        "",
        "",
        "2022-02-25",
        "",
        "县财政局、县民政局",
        "B",
    )
    import_history(office.database, write_history(tmp_path / "u.xlsx", [row]))
    (only,) = list_proposals(office.database)
    assert (only.units, only.result) == (("县财政局", "县民政局"), "B")


def test_rejected_history_keeps_its_state(office: Office, tmp_path: Path) -> None:
    row = (2022, "2022-030", "关于个人调动的请求", "张三", "", "", "2022-02-25", "", "", "不予立案")
    import_history(office.database, write_history(tmp_path / "r.xlsx", [row]))
    (only,) = list_proposals(office.database)
    assert only.state is ProposalState.REJECTED


def test_a_file_without_the_headers_is_a_known_error(office: Office, tmp_path: Path) -> None:
    from tests.xlsx_files import write_sheet

    path = write_sheet(tmp_path / "x.xlsx", [("姓名", "性别"), ("张三", "男")])
    with pytest.raises(KnownError, match="没有找到表头行"):
        import_history(office.database, path)


def test_categories_and_sectors_are_found_by_their_other_names(
    office: Office, tmp_path: Path
) -> None:
    """经济类 is the list's 经济; 提案委 is the committee 提案委员会 (app.office aliases)."""
    db = office.database
    rows = [
        (
            2024,
            "2024-001",
            "关于发展县域经济的建议",
            "张三",
            "",
            "经济类",
            "2024-02-20",
            "",
            "",
            "",
        ),
        (
            2024,
            "2024-002",
            "关于提案办理协商的建议",
            "提案委",
            "",
            "社会",
            "2024-02-21",
            "",
            "",
            "",
        ),
        (
            2024,
            "2024-003",
            "关于界别协商的建议",
            "中国民主同盟",
            "",
            "社会",
            "2024-02-22",
            "",
            "",
            "",
        ),
    ]
    result = import_history(db, write_history(tmp_path / "h.xlsx", rows))
    assert result.ok, result.errors
    assert not [w for w in result.warnings if w.column == "类别"]
    found = {r.number: r for r in list_proposals(db)}
    assert found["2024-001"].category == "经济"
    assert found["2024-002"].submitter_kind is SubmitterKind.COMMITTEE
    assert found["2024-003"].submitter_kind is SubmitterKind.PARTY_GROUP  # a party, not a sector


def _row(number: str, **cells: str) -> tuple[object, ...]:
    values = {"units": "", "result": "A", "category": "社会"} | cells
    return (
        2022,
        number,
        "关于某事的建议",
        "张三",
        "",
        values["category"],
        "2022-02-25",
        "",
        values["units"],
        values["result"],
    )


def test_a_hidden_sheet_of_proposals_is_named_not_silently_left_out(
    office: Office, tmp_path: Path
) -> None:
    import openpyxl

    path = write_history(tmp_path / "h.xlsx", [_row("2022-001")])
    book = openpyxl.load_workbook(path)
    hidden = book.create_sheet("2021年")
    hidden.sheet_state = "hidden"
    hidden.append(list(HEADERS))
    for n in range(3):
        hidden.append(list(_row(f"2021-{n:03d}")))
    book.save(path)
    result = import_history(office.database, path, dry_run=True)
    assert (result.ok, result.new) == (True, 1)
    assert result.notes == (
        "隐藏的工作表“2021年”（3 行）中也有数据，本次未导入。"
        "如需导入，请在 Excel 或 WPS 中取消隐藏该工作表，保存后重新检查。",
    )


@pytest.mark.parametrize(
    ("column", "cells", "limit"),
    [
        ("办理结果", {"result": "已办结。" + "县住建局已完成改造，" * 12 + "完"}, 100),
        ("承办单位", {"units": "、".join(f"县第{n}号局" for n in range(60))}, 300),
        ("类别", {"category": "社会" * 30}, 50),
    ],
)
def test_text_too_long_for_its_field_is_an_error_not_cut_short(
    office: Office, tmp_path: Path, column: str, cells: dict[str, str], limit: int
) -> None:
    result = import_history(
        office.database, write_history(tmp_path / "l.xlsx", [_row("2022-001", **cells)])
    )
    assert [(e.row, e.column) for e in result.errors] == [(4, column)]
    assert f"不超过{limit}字" in result.errors[0].reason
    assert list_proposals(office.database) == []
