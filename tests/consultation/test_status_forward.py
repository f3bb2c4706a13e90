"""A topic's status only moves forward: research written up after the meeting leaves it
已协商 (found untested by a mutation review of rules.advance_status)."""

from __future__ import annotations

from dataclasses import replace

from app.common.storage import Database
from app.consultation.labels import TopicStatus
from app.consultation.meetings import meetings
from app.consultation.plan import carry_over, plans, research
from tests.consultation.conftest import MEETING_DAY, PLAN_YEAR, Roster


def _status(database: Database) -> TopicStatus:
    return plans.get_plan(database, PLAN_YEAR).topics[0].status  # type: ignore[union-attr]


def test_research_after_the_meeting_does_not_move_the_topic_back(
    office_db: Database, roster: Roster, topic: str
) -> None:
    form = replace(meetings.meeting_from_topic(office_db, topic), held_on=MEETING_DAY)
    meetings.add_meeting(office_db, form, {})
    assert _status(office_db) is TopicStatus.HELD
    research.set_work_plan(office_db, topic, "会后补充调研：走访三个乡镇。")
    assert _status(office_db) is TopicStatus.HELD


def test_a_carried_topic_stays_carried_when_its_old_record_is_added_to(
    office_db: Database, topic: str
) -> None:
    """转入下年 ends the topic's year: late paperwork on it neither fails nor revives it."""
    carry_over.carry_into_next_year(office_db, PLAN_YEAR, [topic])
    assert _status(office_db) is TopicStatus.CARRIED
    research.set_work_plan(office_db, topic, "原调研工作方案（补录）")
    assert _status(office_db) is TopicStatus.CARRIED
