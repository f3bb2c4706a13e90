"""The whole cycle on one database: plan topic → meeting from it → attendance →
its printed materials → outcome with a leader's instruction, follow-up and
feedback; and the five-ones check follows the meeting's attendance."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

import app.five_ones.inputs
from app.common.storage import Database
from app.consultation import figures
from app.consultation.labels import OutcomeKind, TopicStatus
from app.consultation.meetings import attendance, meetings
from app.consultation.outcomes import instructions, outcomes
from app.consultation.plan import plans
from app.consultation.printouts.meeting_docs import FILE_KINDS, write_meeting_materials
from app.five_ones.check import Criterion, FiveOnesReport, check_five_ones
from app.records.labels import AttendanceStatus
from tests.consultation.conftest import MEETING_DAY, PLAN_YEAR, Roster

PRESENT, LEAVE, ABSENT = AttendanceStatus.PRESENT, AttendanceStatus.LEAVE, AttendanceStatus.ABSENT


def attended(report: FiveOnesReport, name: str) -> bool:
    member = next(m for m in report.members if m.name == name)
    return member.result(Criterion.ACTIVITY).met


def test_plan_to_feedback(office_db: Database, roster: Roster, topic: str, tmp_path: Path) -> None:
    before = check_five_ones(office_db, PLAN_YEAR)
    assert not attended(before, "王伟")

    form = replace(
        meetings.meeting_from_topic(office_db, topic), held_on=MEETING_DAY, venue="三楼会议室"
    )
    meeting = meetings.add_meeting(
        office_db, form, {roster["王伟"]: PRESENT, roster["张建国"]: ABSENT}
    )
    report = check_five_ones(office_db, PLAN_YEAR)
    assert attended(report, "王伟")
    assert not attended(report, "张建国")  # absent does not count
    attendance.mark_attendance(office_db, meeting, [roster["张建国"]], PRESENT)
    assert attended(check_five_ones(office_db, PLAN_YEAR), "张建国")
    attendance.remove_attendees(office_db, meeting, [roster["王伟"]])
    assert not attended(check_five_ones(office_db, PLAN_YEAR), "王伟")

    written = write_meeting_materials(office_db, meeting, tmp_path)
    assert [p.name.rsplit("-", 1)[1] for p in written] == [f"{k}.docx" for k in FILE_KINDS]
    assert all(p.stat().st_size > 0 for p in written)

    draft = outcomes.outcome_from_meeting(office_db, meeting)
    assert (draft.kind, draft.year, draft.topic_uuid, draft.meeting_uuid) == (
        OutcomeKind.PARTY_GROUP_REPORT,
        PLAN_YEAR,
        topic,
        meeting,
    )
    outcome = outcomes.add_outcome(
        office_db,
        replace(draft, sent_on=date(PLAN_YEAR, 6, 5), member_uuids=(roster["张建国"],)),
    )
    assert _status(office_db) is TopicStatus.OUTCOME_SENT
    instructions.add_instruction(
        office_db,
        outcome,
        instructions.InstructionForm("县委书记 李明远", date(PLAN_YEAR, 6, 12), "请认真研究落实。"),
    )
    instructions.add_follow_up(
        office_db,
        outcome,
        instructions.FollowUpForm("县住房和城乡建设局", date(PLAN_YEAR, 7, 20), "已纳入年度计划。"),
    )
    detail = outcomes.get_outcome(office_db, outcome)
    assert detail.row.stage == "已落实"
    outcomes.update_outcome(
        office_db,
        outcome,
        replace(detail.form, feedback_on=date(PLAN_YEAR, 8, 1), proposals_made=2),
    )
    detail = outcomes.get_outcome(office_db, outcome)
    assert (detail.row.stage, detail.row.is_open) == ("已反馈", False)
    assert [i.leader for i in detail.instructions] == ["县委书记 李明远"]
    assert detail.members == ((roster["张建国"], "张建国"),)
    assert _status(office_db) is TopicStatus.CLOSED

    year = figures.year_figures(office_db, PLAN_YEAR)
    assert (year.topics, year.meetings, year.outcomes, year.instructions) == (1, 1, 1, 1)
    assert (year.followed_up, year.fed_back, year.proposals_made) == (1, 1, 2)
    assert year.by_status == (("已办结", 1),)


def test_a_meeting_not_yet_held_is_not_counted(
    office_db: Database, roster: Roster, monkeypatch: pytest.MonkeyPatch
) -> None:
    meeting_day = date(PLAN_YEAR, 9, 1)
    meetings.add_meeting(
        office_db,
        meetings.MeetingForm(
            kind=meetings.ActivityKind.INSPECTION, title="视察饮水安全工程", held_on=meeting_day
        ),
        {roster["李秀英"]: PRESENT},
    )
    assert attended(check_five_ones(office_db, PLAN_YEAR), "李秀英")

    class BeforeTheMeeting(date):
        @classmethod
        def today(cls) -> BeforeTheMeeting:
            return cls(PLAN_YEAR, 6, 1)

    monkeypatch.setattr(app.five_ones.inputs, "date", BeforeTheMeeting)
    assert not attended(check_five_ones(office_db, PLAN_YEAR), "李秀英")


def _status(database: Database) -> TopicStatus:
    return plans.get_plan(database, PLAN_YEAR).topics[0].status  # type: ignore[union-attr]
