"""Earlier years' proposals from a file as an office keeps it: 提交日期 typed with times,
in Chinese numerals or as a day number turned text; another year's sheet whose header
lacks 提案号."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from app.members.member_files import MemberForm, add_member
from app.proposals.intake.history_import import import_history
from app.proposals.intake.import_rows import split_names
from app.proposals.intake.intake import BODY_MAX
from app.proposals.queries import ProposalFilter, list_proposals
from tests.common.sheets.messy_books import office_book
from tests.proposals.helpers import Office
from tests.xlsx_files import rewrite_part

HEADER = ["年度", "提案号", "案由", "提案人", "提交日期", "承办单位"]


def test_submission_dates_typed_every_way_are_read(office: Office, tmp_path: Path) -> None:
    rows = [
        ["２０２３年", 1, "关于甲的建议", "张三", "2023.1.5", "县财政局"],
        [2023, 2.0, "关于乙的建议", "张三", "2023年1月6日上午", "县财政局"],
        [2023, "2023-003", "关于丙的建议", "张三", "44933", "县财政局"],  # 2023-01-07
        [2023, "４", "关于丁的建议", "张三", "二〇二三年一月八日", "县财政局"],
        [2023, "5", "关于戊的建议", "张三", "2023-01-09 14:30", "县财政局"],
    ]
    path = office_book(tmp_path / "历年提案.xlsx", HEADER, rows, title="历年提案汇总表")
    result = import_history(office.database, path)
    assert result.errors == () and result.new == 5
    found = {
        row.number: row.submitted_on
        for row in list_proposals(office.database, ProposalFilter(year=2023))
    }
    assert found == {
        "1": date(2023, 1, 5),
        "2": date(2023, 1, 6),
        "2023-003": date(2023, 1, 7),
        "4": date(2023, 1, 8),
        "5": date(2023, 1, 9),
    }


def test_a_span_of_days_is_said_plainly(office: Office, tmp_path: Path) -> None:
    rows = [[2023, 1, "关于甲的建议", "张三", "2023年2月24日至27日", "县财政局"]]
    result = import_history(office.database, office_book(tmp_path / "h.xlsx", HEADER, rows))
    assert [e.reason for e in result.errors] == [
        "“2023年2月24日至27日”是一段时间，请只写开始的那一天（2023-02-24）"
    ]


def test_a_body_longer_than_the_form_allows_is_refused(office: Office, tmp_path: Path) -> None:
    """The intake form keeps 内容 to BODY_MAX; a cell of 400,000 characters (Excel stops
    at 32,767, a file written by another program does not) came in whole."""
    rows = [[2023, 1, "关于甲的建议", "张三", None, None, "PLACEHOLDER"]]
    path = office_book(tmp_path / "h.xlsx", [*HEADER, "内容"], rows)
    long = ("内容" * (BODY_MAX // 2 + 1)).encode()
    rewrite_part(path, "xl/worksheets/sheet1.xml", lambda xml: xml.replace(b"PLACEHOLDER", long))
    result = import_history(office.database, path)
    assert [(e.column, e.reason) for e in result.errors] == [
        ("内容", f"内容过长（{BODY_MAX + 2}字，不超过{BODY_MAX}字）")
    ]
    assert list_proposals(office.database) == []


def test_a_huge_number_as_year_is_shown_short(office: Office, tmp_path: Path) -> None:
    rows = [[1e300, 1, "关于甲的建议", "张三", None, None]]
    result = import_history(office.database, office_book(tmp_path / "h.xlsx", HEADER, rows))
    assert [e.reason for e in result.errors] == ["年度“100000000000…”无法识别（应写成 2021）"]


def test_a_sheet_whose_header_lacks_a_column_is_named(office: Office, tmp_path: Path) -> None:
    other = [["年度", "序号", "案由", "提案人"], [2024, 1, "关于乙的建议", "张三"]]
    path = office_book(
        tmp_path / "h.xlsx",
        HEADER,
        [[2023, 1, "关于甲的建议", "张三", None, None]],
        others={"2024年": other},
    )
    result = import_history(office.database, path, dry_run=True)
    assert result.new == 1
    assert result.notes == (
        "工作表“2024年”第1行像是表头，但没有“提案号”列，该工作表未导入。"
        "如需导入，请在表头中加上该列（列名可参照空白模板）后重新检查。",
    )


def test_names_spaced_out_to_line_up_stay_one_name(office: Office, tmp_path: Path) -> None:
    """王  磊 under 提案人 became two proposers, 王 and 磊."""
    header = ["年度", "提案号", "案由", "提案人", "联名人"]
    rows = [
        [2023, 1, "关于甲的建议", "王  磊", "李 秀 英、张三 李四"],
        [2023, 2, "关于乙的建议", "张　三", None],
    ]
    result = import_history(office.database, office_book(tmp_path / "h.xlsx", header, rows))
    assert result.errors == ()
    found = {
        row.number: (row.proposer, row.co_signers)
        for row in list_proposals(office.database, ProposalFilter(year=2023))
    }
    assert found == {"1": ("王磊", ("李秀英", "张三", "李四")), "2": ("张三", ())}


@pytest.mark.parametrize(
    ("cell", "names"),
    [
        ("王  磊", ("王磊",)),
        ("李 秀 英、张三 李四", ("李秀英", "张三", "李四")),
        ("张三 李四　赵　六", ("张三", "李四", "赵六")),  # one spaced out among others
        ("赵　六 张三", ("赵六", "张三")),
        ("张三", ("张三",)),
        ("", ()),
        ("黄杰娟（女）、李强(男)", ("黄杰娟", "李强")),  # a sex noted, as rosters do
        ("黄杰娟 （女） 李强", ("黄杰娟", "李强")),  # not a name of its own
        ("王磊（大）", ("王磊（大）",)),  # namesakes told apart: kept
    ],
)
def test_a_run_of_single_characters_is_one_name(cell: str, names: tuple[str, ...]) -> None:
    assert split_names(cell) == names


def test_numbers_and_titles_typed_in_full_width_or_over_two_lines(
    office: Office, tmp_path: Path
) -> None:
    """２０２３－００１ was kept as 2023－001 (the next file's 2023-001 was a second
    proposal); a title with Alt+Enter kept its line break; both now read as typed plainly."""
    header = ["年度", "提案号", "案由", "提案人", "承办单位"]
    rows = [[2023, "２０２３－００１", "关于甲的建议\n（修改稿）", "张三", "县财政局\n县教育局"]]
    result = import_history(office.database, office_book(tmp_path / "h.xlsx", header, rows))
    assert result.errors == () and result.new == 1
    [stored] = list_proposals(office.database, ProposalFilter(year=2023))
    assert (stored.number, stored.title) == ("2023-001", "关于甲的建议 （修改稿）")
    again = [[2023, "2023-001", "关于甲的建议 （修改稿）", "张三", "县财政局"]]
    result = import_history(office.database, office_book(tmp_path / "h2.xlsx", header, again))
    assert (result.errors, result.new, result.unchanged) == ((), 0, 1)


def test_a_number_already_given_to_another_proposal_is_refused(
    office: Office, tmp_path: Path
) -> None:
    """The same year and 提案号 with another 案由 was counted 已在库中 and silently lost."""
    header = ["年度", "提案号", "案由", "提案人"]
    first = [[2023, "2023-001", "关于甲的建议", "张三"]]
    import_history(office.database, office_book(tmp_path / "a.xlsx", header, first))
    other = [[2023, "2023-002", "关于乙的建议", "张三"], [2023, "2023-001", "关于丙的建议", "张三"]]
    result = import_history(office.database, office_book(tmp_path / "b.xlsx", header, other))
    assert [(e.row, e.column, e.reason) for e in result.errors] == [
        (
            5,  # under office_book's title rows
            "提案号",
            "2023年的提案号“2023-001”已是另一件提案（案由“关于甲的建议”）："
            "如是另一件，请改正提案号；如是同一件，请把案由改成与已有的一致",
        )
    ]
    assert [p.title for p in list_proposals(office.database)] == ["关于甲的建议"]
    same = [[2023, "2023-001", "关于 “甲” 的建议。", "张三"]]  # only spaced and punctuated
    result = import_history(office.database, office_book(tmp_path / "c.xlsx", header, same))
    assert (result.errors, result.unchanged) == ((), 1)


def test_a_submission_date_without_the_day_is_not_made_the_1st(
    office: Office, tmp_path: Path
) -> None:
    """2023年2月 was stored as 2023-02-01: a day nobody wrote, which the five-ones check
    then compares with a seat's first day. A date cell on the 1st is still a day."""
    rows = [
        [2023, 1, "关于甲的建议", "张三", "2023年2月", None],
        [2023, 2, "关于乙的建议", "张三", "2023.02", None],
        [2023, 3, "关于丙的建议", "张三", date(2023, 2, 1), None],
        [2023, 4, "关于丁的建议", "张三", "44958", None],  # 2023-02-01 as a day number
    ]
    result = import_history(office.database, office_book(tmp_path / "h.xlsx", HEADER, rows))
    assert [(e.row, e.reason) for e in result.errors] == [
        (4, "“2023年2月”没有写到日，请写到哪一天（如 2023年2月6日）；不知道哪一天的请留空"),
        (5, "“2023.02”没有写到日，请写到哪一天（如 2023年2月6日）；不知道哪一天的请留空"),
    ]
    del rows[:2]
    result = import_history(office.database, office_book(tmp_path / "h.xlsx", HEADER, rows))
    assert result.errors == ()
    dates = {p.number: p.submitted_on for p in list_proposals(office.database)}
    assert dates == {"3": date(2023, 2, 1), "4": date(2023, 2, 1)}


def test_a_submission_date_of_another_year_is_refused(office: Office, tmp_path: Path) -> None:
    """年度 2021 beside 2023-01-06 was imported as a 2021 proposal (a typo in one of the
    two); late in the year before is how proposals for an early plenary come in."""
    rows = [
        [2021, 1, "关于甲的建议", "张三", "2023-01-06", None],
        [2023, "2023-002", "关于乙的建议", "张三", "2022-12-20", None],  # before the plenary
        [None, "2023-003", "关于丙的建议", "张三", "2024-01-06", None],
    ]
    result = import_history(office.database, office_book(tmp_path / "h.xlsx", HEADER, rows))
    hint = "请核对年度（或提案号中的年份）和提交日期"
    assert [(e.row, e.reason) for e in result.errors] == [
        (4, f"提交日期 2023-01-06 与年度 2021 不符，{hint}"),
        (6, f"提交日期 2024-01-06 与年度 2023 不符，{hint}"),
    ]
    assert list_proposals(office.database) == []


def test_a_proposer_whose_dot_is_typed_another_way_is_the_member(
    office: Office, tmp_path: Path
) -> None:
    add_member(office.database, MemberForm(name="乌力吉·巴雅尔"))
    rows = [[2023, 1, "关于甲的建议", "乌力吉•巴雅尔", None, None]]
    result = import_history(office.database, office_book(tmp_path / "h.xlsx", HEADER, rows))
    assert (result.errors, result.warnings, result.new) == ((), (), 1)  # not kept as text
    [row] = list_proposals(office.database, ProposalFilter(year=2023))
    assert row.proposer == "乌力吉·巴雅尔"


def test_a_proposer_with_a_sex_noted_is_the_member(office: Office, tmp_path: Path) -> None:
    add_member(office.database, MemberForm(name="黄杰娟"))
    add_member(office.database, MemberForm(name="李强（男）"))  # as an older roster stored him
    rows = [[2023, 1, "关于甲的建议", "黄杰娟（女）、李强", None, None]]
    result = import_history(office.database, office_book(tmp_path / "h.xlsx", HEADER, rows))
    assert (result.errors, result.warnings, result.new) == ((), (), 1)  # none kept as text
    [row] = list_proposals(office.database, ProposalFilter(year=2023))
    assert (row.proposer, row.co_signers) == ("黄杰娟", ("李强",))
