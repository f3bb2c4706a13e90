"""A seat that began after the year's plenary (增补), or ended before it, had no plenary
to attend: 参加全体会议 is 不适用 for it, not a shortfall (DOMAIN: members who joined
mid-term are judged only from their start date). Screen, 考核表, 通报 and JSON agree."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest
from docx import Document
from openpyxl import load_workbook

from app.common.storage import Database
from app.five_ones.check import Criterion, FiveOnesReport, check_five_ones
from app.five_ones.cli import member_as_json
from app.five_ones.member_file_doc import five_ones_rows
from app.five_ones.notice import write_five_ones_notice
from app.five_ones.notice_options import NoticeOptions
from app.five_ones.workbook import write_five_ones_workbook
from db.member_models import MembershipStatus
from db.record_models import ActivityKind, WorkKind
from tests.five_ones.helpers import (
    ABSENT,
    PRESENT,
    ListedProposals,
    add_activity,
    add_member,
    add_social_info,
    add_work,
)

PLENARY_DAY = date(2025, 1, 10)


def everything_but_the_plenary(database: Database, uuid: str, proposals: ListedProposals) -> None:
    add_activity(database, ActivityKind.INSPECTION, date(2025, 5, 20), {uuid: PRESENT}, "视察")
    add_social_info(database, date(2025, 4, 2), [uuid], "关于农村养老的建议")
    add_work(database, WorkKind.RESEARCH_REPORT, date(2025, 6, 1), [uuid], "调研报告")
    proposals.add(uuid, date(2025, 4, 9), "关于加强学前教育的提案")


def checked(database: Database, joined: date | None = None, **seat: object) -> FiveOnesReport:
    """张三 at the plenary; 沈八 with the given seat, doing all but the plenary."""
    present = add_member(database, "张三")
    other = add_member(database, "沈八", start=joined, **seat)  # type: ignore[arg-type]
    attendance = {present: PRESENT}
    if joined is None or joined <= PLENARY_DAY:
        attendance[other] = ABSENT  # on the list when the seat had begun
    add_activity(database, ActivityKind.PLENARY, PLENARY_DAY, attendance, "十届四次全会")
    proposals = ListedProposals()
    for uuid in (present, other):
        everything_but_the_plenary(database, uuid, proposals)
    return check_five_ones(database, 2025, proposals=proposals)


def plenary_of(report: FiveOnesReport, name: str):  # type: ignore[no-untyped-def]
    return next(m for m in report.members if m.name == name).result(Criterion.PLENARY)


def test_joined_after_the_plenary_it_does_not_apply(office_db: Database) -> None:
    report = checked(office_db, joined=PLENARY_DAY + timedelta(days=1))
    member = next(m for m in report.members if m.name == "沈八")
    plenary = member.result(Criterion.PLENARY)
    assert (plenary.applicable, plenary.met, plenary.count, plenary.verdict) == (
        False,
        True,
        0,
        "不适用",
    )
    assert member.all_met and member.shortfalls == ()
    assert five_ones_rows(member) == [
        ["不适用", "达到（1）", "达到（1）", "达到（1）", "达到（1）", "是"]
    ]
    # The count says who attended: 张三 only, though both met every duty that applied.
    assert report.summary.met_count(Criterion.PLENARY) == 1
    assert report.summary.all_met == 2
    assert member_as_json(member)["criteria"]["plenary"] == {  # type: ignore[index]
        "count": 0,
        "met": True,
        "applicable": False,
    }


@pytest.mark.parametrize("joined", [PLENARY_DAY - timedelta(days=1), PLENARY_DAY])
def test_joined_on_or_before_the_plenary_day_it_applies(office_db: Database, joined: date) -> None:
    plenary = plenary_of(checked(office_db, joined=joined), "沈八")
    assert (plenary.applicable, plenary.met, plenary.verdict) == (True, False, "未达到")


def test_left_before_the_plenary_it_does_not_apply(office_db: Database) -> None:
    report = checked(
        office_db,
        status=MembershipStatus.RESIGNED,
        status_date=PLENARY_DAY - timedelta(days=1),
    )
    assert plenary_of(report, "沈八").applicable is False


def test_left_on_the_plenary_day_it_applies(office_db: Database) -> None:
    report = checked(office_db, status=MembershipStatus.RESIGNED, status_date=PLENARY_DAY)
    plenary = plenary_of(report, "沈八")
    assert (plenary.applicable, plenary.met) == (True, False)


def test_a_second_plenary_after_joining_applies(office_db: Database) -> None:
    joined = date(2025, 3, 1)
    member = add_member(office_db, "沈八", start=joined)
    add_activity(office_db, ActivityKind.PLENARY, PLENARY_DAY, {}, "十届四次全会")
    add_activity(office_db, ActivityKind.PLENARY, date(2025, 9, 1), {member: ABSENT}, "临时全会")
    report = check_five_ones(office_db, 2025, proposals=ListedProposals())
    plenary = plenary_of(report, "沈八")
    assert (plenary.applicable, plenary.met) == (True, False)


def test_the_workbook_and_the_notice_say_so(office_db: Database, tmp_path: Path) -> None:
    report = checked(office_db, joined=date(2025, 3, 1))
    book = load_workbook(write_five_ones_workbook(report, tmp_path / "考核表.xlsx"))
    cells = [str(c.value) for row in book.active.iter_rows() for c in row if c.value]
    assert "不适用" in cells
    notice = write_five_ones_notice(
        report, tmp_path / "通报.docx", NoticeOptions(issued_on=date(2026, 1, 15))
    )
    lines = [p.text for p in Document(str(notice)).paragraphs]
    shortfalls = lines[lines.index("二、未达到要求的委员") :]
    assert not any(line.startswith("（一）未参加全体会议") for line in shortfalls), shortfalls
    assert not any("沈八" in line for line in shortfalls)
