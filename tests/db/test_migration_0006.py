"""Revision 0006 (consultation): a database of revision 0003 with duty records upgrades,
keeps every attendance row, and its meetings take the new details."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

from alembic import command
from sqlalchemy import Engine

from app.common.paths import DataLocation
from app.common.storage import open_database
from app.consultation.labels import ConsultationForm, TopicSource
from app.consultation.meetings import meetings
from app.consultation.plan import topics
from app.members.member_files import MemberForm, add_member
from app.office.office import set_up_office
from app.records import activities
from app.records.labels import ActivityKind, AttendanceStatus
from db import migrate
from db.engine import make_engine
from tests.conftest import COUNTY_SETUP
from tests.db.test_migrations import schema_lines, table_names

MEETING_DAY = date(2025, 6, 18)


def _alembic(engine: Engine, action: str, revision: str) -> None:
    config = migrate.alembic_config()
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        getattr(command, action)(config, revision)
    engine.dispose()


def _office_at_0003(location: DataLocation) -> str:
    """An office with members and a meeting with attendance, taken back to revision 0003."""
    database = open_database(location)
    try:
        set_up_office(database, COUNTY_SETUP)
        present = add_member(database, MemberForm(name="张建国", sector="经济界"))
        leave = add_member(database, MemberForm(name="李秀英", sector="教育界"))
        uuid = activities.add_activity(
            database,
            activities.ActivityForm(
                kind=ActivityKind.CONSULTATION,
                title="城区停车难问题协商座谈会",
                held_on=MEETING_DAY,
                attendance={present: AttendanceStatus.PRESENT, leave: AttendanceStatus.LEAVE},
            ),
        )
    finally:
        database.close()
    _alembic(make_engine(location.database), "downgrade", "0003")
    return uuid


def test_a_0003_database_upgrades_and_keeps_its_attendance(
    location: DataLocation, tmp_path: Path
) -> None:
    uuid = _office_at_0003(location)
    assert migrate.stored_revision(location.database) == "0003"
    assert "consultation_topic" not in table_names(location.database)
    fresh = tmp_path / "fresh-0003.sqlite3"
    _alembic(make_engine(fresh), "upgrade", "0003")
    assert schema_lines(location.database) == schema_lines(fresh)  # truly the old shape

    database = open_database(location)  # backs the file up, then upgrades it
    try:
        assert migrate.stored_revision(location.database) == migrate.head_revision()
        assert [b.name for b in location.backup_dir.iterdir() if "0003" in b.name]
        [row] = activities.list_activities(database, MEETING_DAY.year)
        assert (row.uuid, row.present, row.leave) == (uuid, 1, 1)  # no attendance lost
        detail = meetings.get_meeting(database, uuid)
        assert (detail.form.venue, detail.form.agenda, detail.topic_title) == ("", (), "")

        topic = topics.add_topic(
            database,
            MEETING_DAY.year,
            topics.TopicForm(
                title="城区停车难问题", source=TopicSource.MEMBER, form=ConsultationForm.QUARTERLY
            ),
        )
        meetings.update_meeting(
            database, uuid, replace(detail.form, venue="县政协三楼会议室", topic_uuid=topic)
        )
        detail = meetings.get_meeting(database, uuid)
        assert (detail.form.venue, detail.topic_title) == ("县政协三楼会议室", "城区停车难问题")
        assert {a.name: a.status_label for a in detail.attendees} == {
            "张建国": "出席",
            "李秀英": "请假",
        }
    finally:
        database.close()
