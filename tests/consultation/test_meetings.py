"""app/consultation/meetings/: meetings.py, speeches.py and checklist.py on a real database."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

import pytest
from sqlalchemy import func, select

from app.common.errors import KnownError
from app.common.storage import Database
from app.consultation.labels import ConsultationForm, GuestKind, TopicStatus
from app.consultation.meetings import attendance, checklist, meetings, speeches
from app.consultation.meetings.meetings import AgendaItem, Guest, MeetingForm
from app.consultation.plan import plans
from app.records import activities
from app.records.labels import ActivityKind, AttendanceStatus
from db.record_models import Activity, MeetingAgendaItem
from tests.consultation.conftest import MEETING_DAY, PLAN_YEAR, Roster

PRESENT, LEAVE, ABSENT = AttendanceStatus.PRESENT, AttendanceStatus.LEAVE, AttendanceStatus.ABSENT


def meeting_form(**changes: object) -> MeetingForm:
    form = MeetingForm(
        kind=ActivityKind.CONSULTATION,
        title="农村牧区人居环境整治专题协商会",
        held_on=MEETING_DAY,
        time_text="上午9:00",
        venue="县政协三楼会议室",
        chair="钱文华",
        consultation_form=ConsultationForm.THEMATIC,
        agenda=(
            AgendaItem("通报人居环境整治情况", "县住房和城乡建设局"),
            AgendaItem("委员协商发言"),
        ),
        guests=(
            Guest("孙丽娟", "副县长"),
            Guest("县住房和城乡建设局", "主要负责同志", GuestKind.DEPARTMENT),
        ),
        minutes="会议听取了情况通报。\n委员们踊跃发言。",
        consensus=("一是加大投入", "2. 健全长效机制"),
    )
    return replace(form, **changes)


def activity_count(database: Database) -> int:
    with database.begin() as session:
        return session.scalar(select(func.count()).select_from(Activity)) or 0


def test_a_meeting_from_a_plan_topic(office_db: Database, roster: Roster, topic: str) -> None:
    form = meetings.meeting_from_topic(office_db, topic)
    assert (form.kind, form.title, form.consultation_form, form.topic_uuid, form.chair) == (
        ActivityKind.CONSULTATION,
        "农村牧区人居环境整治专题协商会",
        ConsultationForm.THEMATIC,
        topic,
        "钱文华",
    )
    uuid = meetings.add_meeting(
        office_db,
        replace(meeting_form(), topic_uuid=topic),
        {roster["张建国"]: PRESENT, roster["李秀英"]: LEAVE},
    )
    detail = meetings.get_meeting(office_db, uuid)
    assert (detail.topic_title, detail.topic_year, detail.form_label) == (
        "农村牧区人居环境整治",
        PLAN_YEAR,
        "专题协商会",
    )
    assert detail.form.agenda == meeting_form().agenda
    assert [g.name for g in detail.form.guests] == ["孙丽娟", "县住房和城乡建设局"]
    assert detail.form.consensus == ("加大投入", "健全长效机制")  # typed numbers dropped
    assert [(a.name, a.status_label, a.sector) for a in detail.attendees] == [
        ("李秀英", "请假", "教育界"),  # 以姓氏笔画为序
        ("张建国", "出席", "经济界"),
    ]
    row = plans.get_plan(office_db, PLAN_YEAR).topics[0]  # type: ignore[union-attr]
    assert (row.meetings, row.status) == (1, TopicStatus.HELD)
    # The duty record is the same activity: the records screens list it.
    [listed] = activities.list_activities(office_db, PLAN_YEAR)
    assert (listed.uuid, listed.present, listed.leave) == (uuid, 1, 1)


def test_a_date_outside_the_plan_year_is_refused(office_db: Database, topic: str) -> None:
    form = replace(meeting_form(), topic_uuid=topic, held_on=date(PLAN_YEAR + 1, 1, 8))
    with pytest.raises(KnownError, match=f"不在{PLAN_YEAR}年内"):
        meetings.add_meeting(office_db, form)
    assert activity_count(office_db) == 0


def test_a_meeting_with_no_kind_is_refused(office_db: Database, roster: Roster) -> None:
    with pytest.raises(KnownError, match="会议类别：请选择") as caught:
        meetings.add_meeting(office_db, meeting_form(kind=None), {roster["王伟"]: PRESENT})
    assert "未保存" in caught.value.what
    assert activity_count(office_db) == 0


def test_a_bad_agenda_item_saves_nothing(office_db: Database) -> None:
    uuid = meetings.add_meeting(office_db, meeting_form())
    bad = meeting_form(agenda=(AgendaItem("", "只有汇报人"),), title="改过的名称")
    with pytest.raises(KnownError, match="议程第1项：内容不能为空"):
        meetings.update_meeting(office_db, uuid, bad)
    detail = meetings.get_meeting(office_db, uuid)
    assert (detail.form.title, len(detail.form.agenda)) == (meeting_form().title, 2)


def test_details_and_list_are_saved_together_or_not_at_all(
    office_db: Database, roster: Roster
) -> None:
    uuid = meetings.add_meeting(office_db, meeting_form(), {roster["王伟"]: PRESENT})
    changed = {roster["王伟"]: LEAVE, roster["张建国"]: PRESENT}
    meetings.update_meeting(office_db, uuid, meeting_form(venue="二楼会议室"), changed)
    detail = meetings.get_meeting(office_db, uuid)
    assert detail.form.venue == "二楼会议室"
    assert {a.name: a.status for a in detail.attendees} == {"王伟": LEAVE, "张建国": PRESENT}
    with pytest.raises(KnownError, match="会议名称：不能为空"):
        meetings.update_meeting(office_db, uuid, meeting_form(title=""), {})
    assert len(meetings.get_meeting(office_db, uuid).attendees) == 2  # the list kept too
    meetings.update_meeting(office_db, uuid, meeting_form())  # without a list: list kept
    assert len(meetings.get_meeting(office_db, uuid).attendees) == 2


def test_a_meeting_on_a_topic_can_be_changed(office_db: Database, topic: str) -> None:
    uuid = meetings.add_meeting(office_db, replace(meeting_form(), topic_uuid=topic))
    meetings.update_meeting(office_db, uuid, meeting_form(venue="二楼会议室", topic_uuid=topic))
    detail = meetings.get_meeting(office_db, uuid)
    assert (detail.form.venue, detail.form.topic_uuid) == ("二楼会议室", topic)
    meetings.update_meeting(office_db, uuid, meeting_form(topic_uuid=None))
    assert meetings.get_meeting(office_db, uuid).topic_title == ""
    row = plans.get_plan(office_db, PLAN_YEAR).topics[0]  # type: ignore[union-attr]
    assert row.meetings == 0


def test_agenda_edits_reuse_rows_and_tombstone_the_rest(office_db: Database) -> None:
    uuid = meetings.add_meeting(office_db, meeting_form())
    meetings.update_meeting(office_db, uuid, meeting_form(agenda=(AgendaItem("只剩一项"),)))
    assert meetings.get_meeting(office_db, uuid).form.agenda == (AgendaItem("只剩一项"),)
    with office_db.begin() as session:
        rows = session.scalars(select(MeetingAgendaItem).order_by(MeetingAgendaItem.id)).all()
        assert [(r.content, r.deleted_at is None) for r in rows] == [
            ("只剩一项", True),
            ("委员协商发言", False),
        ]


def test_a_future_meeting_may_be_entered_for_its_notice(office_db: Database) -> None:
    ahead = date.today() + timedelta(days=30)
    uuid = meetings.add_meeting(office_db, meeting_form(held_on=ahead))
    assert meetings.get_meeting(office_db, uuid).is_upcoming
    with pytest.raises(KnownError, match="不合理"):
        meetings.add_meeting(office_db, meeting_form(held_on=date(ahead.year + 2, 1, 1)))


def test_same_kind_title_and_day_is_one_meeting(office_db: Database) -> None:
    meetings.add_meeting(office_db, meeting_form())
    with pytest.raises(KnownError, match="已有一次协商会") as refused:
        meetings.add_meeting(office_db, meeting_form(venue="别处"))
    # Where the one there is, and how to put this meeting's details on it.
    assert "协商 → 会议活动" in refused.value.todo
    assert "协商议题" in refused.value.todo


def test_attendance_from_the_checklist(office_db: Database, roster: Roster) -> None:
    uuid = meetings.add_meeting(office_db, meeting_form())
    board = checklist.member_checklist(office_db, MEETING_DAY)
    # Official order: chair, vice chair, then everyone else by name.
    assert [s.name for s in board.seats][:2] == ["赵庆丰", "钱文华"]
    assert set(board.sectors) >= {"经济界", "教育界", "中共"}
    standing = checklist.filter_checklist(board, checklist.ChecklistFilter(standing_only=True))
    assert [s.name for s in standing] == ["赵庆丰", "钱文华", "张建国"]
    economy = checklist.filter_checklist(
        board, checklist.ChecklistFilter(committee="经济委员会", sector="经济界")
    )
    assert sorted(s.name for s in economy) == ["张建国", "王伟"]

    assert attendance.add_attendees(office_db, uuid, [s.uuid for s in standing]) == 3
    attendance.mark_attendance(office_db, uuid, [roster["钱文华"]], LEAVE)
    assert attendance.add_attendees(office_db, uuid, [s.uuid for s in economy]) == 1  # 王伟
    attendance.remove_attendees(office_db, uuid, [roster["张建国"]])
    detail = meetings.get_meeting(office_db, uuid)
    assert [(a.name, a.status_label) for a in detail.attendees] == [
        ("赵庆丰", "出席"),
        ("钱文华", "请假"),  # kept, though added again with the economy filter
        ("王伟", "出席"),
    ]
    attendance.set_attendance(office_db, uuid, {roster["李秀英"]: ABSENT})
    assert [a.name for a in meetings.get_meeting(office_db, uuid).attendees] == ["李秀英"]


def test_speeches_by_members_and_guests(office_db: Database, roster: Roster) -> None:
    uuid = meetings.add_meeting(office_db, meeting_form())
    first = speeches.add_speech(
        office_db, uuid, speeches.SpeechForm(title="关于加大投入的建议", member_uuid=roster["王伟"])
    )
    second = speeches.add_speech(
        office_db, uuid, speeches.SpeechForm(title="情况说明", speaker="县住房和城乡建设局")
    )
    with pytest.raises(KnownError, match="发言人"):
        speeches.add_speech(office_db, uuid, speeches.SpeechForm(title="无人发言"))
    speeches.move_speech(office_db, second, -1)
    lines = meetings.get_meeting(office_db, uuid).speeches
    assert [(s.speaker, s.title) for s in lines] == [
        ("县住房和城乡建设局", "情况说明"),
        ("王伟", "关于加大投入的建议"),
    ]
    assert lines[1].member_uuid == roster["王伟"]
    speeches.delete_speech(office_db, first)
    assert len(meetings.get_meeting(office_db, uuid).speeches) == 1
    speeches.undelete_speech(office_db, first)
    assert speeches.get_speech_form(office_db, first).member_uuid == roster["王伟"]


def test_records_edits_keep_the_meeting_details(office_db: Database, roster: Roster) -> None:
    uuid = meetings.add_meeting(office_db, meeting_form(), {roster["王伟"]: PRESENT})
    detail = activities.get_activity(office_db, uuid)
    activities.update_activity(office_db, uuid, replace(detail.form, note="补记"))
    again = meetings.get_meeting(office_db, uuid)
    assert (again.form.venue, again.form.note, len(again.form.guests)) == (
        "县政协三楼会议室",
        "补记",
        2,
    )


def test_a_meeting_is_found_by_its_id_or_its_start(office_db: Database) -> None:
    uuid = meetings.add_meeting(office_db, meeting_form())
    assert meetings.find_meeting_uuid(office_db, uuid) == uuid
    assert meetings.find_meeting_uuid(office_db, uuid[:8].upper()) == uuid
    for text in ("abc", "00000000-0000"):
        with pytest.raises(KnownError):
            meetings.find_meeting_uuid(office_db, text)
    meetings.delete_meeting(office_db, uuid)
    with pytest.raises(KnownError, match="没有编号"):
        meetings.find_meeting_uuid(office_db, uuid)
    meetings.undelete_meeting(office_db, uuid)
    assert meetings.get_meeting(office_db, uuid).form.title == meeting_form().title
