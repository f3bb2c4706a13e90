"""app/records/activities.py and record_items.py: duty records on a real database."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import select

from app.common.errors import KnownError
from app.common.storage import Database
from app.members.member_files import MemberForm, add_member, delete_member
from app.office.office import record_counts
from app.records.activities import (
    ActivityForm,
    add_activity,
    delete_activity,
    get_activity,
    list_activities,
    record_years,
    undelete_activity,
    update_activity,
)
from app.records.labels import ActivityKind, AttendanceStatus, WorkKind
from app.records.member_records import member_records, records_by_member
from app.records.record_items import (
    SocialInfoForm,
    WorkForm,
    add_social_info,
    add_work,
    delete_social_info,
    delete_work,
    get_social_info,
    list_social_info,
    list_works,
    undelete_social_info,
    undelete_work,
    update_social_info,
    update_work,
)
from db.record_models import Attendance, SocialInfo

PRESENT, LEAVE, ABSENT = AttendanceStatus.PRESENT, AttendanceStatus.LEAVE, AttendanceStatus.ABSENT
LAST_YEAR = date.today().year - 1


@pytest.fixture
def members(office_db: Database) -> dict[str, str]:
    """Three members of the current term: name → UUID."""
    return {
        name: add_member(office_db, MemberForm(name=name, sector="经济界"))
        for name in ("张建国", "李秀英", "王志强")
    }


def _plenary(members: dict[str, str], **changes: object) -> ActivityForm:
    form = ActivityForm(
        kind=ActivityKind.PLENARY,
        title="政协第十届委员会第五次会议",
        held_on=date(LAST_YEAR, 3, 2),
        attendance={members["张建国"]: PRESENT, members["李秀英"]: LEAVE},
    )
    return ActivityForm(**{**form.__dict__, **changes})


# --- activities -----------------------------------------------------------------


def test_an_activity_is_stored_with_its_attendance(office_db, members):
    uuid = add_activity(office_db, _plenary(members, title="  政协第十届委员会第五次会议 "))

    [row] = list_activities(office_db)
    assert (row.uuid, row.kind_label, row.title) == (uuid, "全体会议", "政协第十届委员会第五次会议")
    assert (row.present, row.leave, row.absent) == (1, 1, 0)
    detail = get_activity(office_db, uuid)
    assert [(a.name, a.status_label) for a in detail.attendance] == [  # 以姓氏笔画为序
        ("李秀英", "请假"),
        ("张建国", "出席"),
    ]
    assert detail.form.held_on == date(LAST_YEAR, 3, 2)


def test_editing_the_attendance_list_keeps_the_rows_identity(office_db, members):
    uuid = add_activity(office_db, _plenary(members))
    with office_db.begin() as session:
        first_uuid = session.scalars(select(Attendance.uuid).order_by(Attendance.id)).first()

    update_activity(office_db, uuid, _plenary(members, attendance={members["李秀英"]: ABSENT}))
    detail = get_activity(office_db, uuid)
    assert [(a.name, a.status) for a in detail.attendance] == [("李秀英", ABSENT)]
    with office_db.begin() as session:
        tombstoned = session.scalars(select(Attendance).where(Attendance.uuid == first_uuid)).one()
        assert tombstoned.deleted_at is not None  # taken off the list, not erased

    update_activity(office_db, uuid, _plenary(members))  # 张建国 back on the list
    with office_db.begin() as session:
        back = session.scalars(select(Attendance).where(Attendance.uuid == first_uuid)).one()
        assert back.deleted_at is None and back.status is PRESENT
        assert session.scalar(select(Attendance).where(Attendance.id > 2)) is None


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"title": "  "}, "名称：不能为空"),
        ({"title": "会" * 201}, "过长"),
        ({"held_on": None}, "日期：请填写"),
        ({"held_on": date.today() + timedelta(days=1)}, "晚于今天"),
        ({"held_on": date(1900, 1, 1)}, "不合理"),
    ],
)
def test_a_bad_activity_is_refused_and_nothing_stored(office_db, members, changes, message):
    before = record_counts(office_db)
    with pytest.raises(KnownError, match=message):
        add_activity(office_db, _plenary(members, **changes))
    assert record_counts(office_db) == before


def test_an_unknown_member_on_the_list_is_refused(office_db, members):
    before = record_counts(office_db)
    with pytest.raises(KnownError, match="已不存在"):
        add_activity(office_db, _plenary(members, attendance={"no-such-member": PRESENT}))
    assert record_counts(office_db) == before


def test_the_same_activity_twice_is_refused(office_db, members):
    add_activity(office_db, _plenary(members))
    with pytest.raises(KnownError, match="已有一次全体会议"):
        add_activity(office_db, _plenary(members, attendance={}))
    add_activity(office_db, _plenary(members, kind=ActivityKind.OTHER))  # another kind is fine
    assert len(list_activities(office_db)) == 2


def test_deleting_an_activity_can_be_undone(office_db, members):
    uuid = add_activity(office_db, _plenary(members))
    delete_activity(office_db, uuid)
    assert list_activities(office_db) == []
    assert member_records(office_db, members["张建国"]) == []
    with pytest.raises(KnownError, match="已不存在"):
        get_activity(office_db, uuid)

    undelete_activity(office_db, uuid)
    [row] = list_activities(office_db)
    assert (row.uuid, row.present, row.leave) == (uuid, 1, 1)


def test_undoing_a_delete_refuses_when_the_same_activity_was_entered_again(office_db, members):
    uuid = add_activity(office_db, _plenary(members))
    delete_activity(office_db, uuid)
    add_activity(office_db, _plenary(members))
    with pytest.raises(KnownError, match="已有一次"):
        undelete_activity(office_db, uuid)
    assert len(list_activities(office_db)) == 1


def test_activities_are_listed_by_year_and_kind(office_db, members):
    add_activity(office_db, _plenary(members))
    add_activity(
        office_db,
        ActivityForm(ActivityKind.INSPECTION, "视察农村饮水安全", date(LAST_YEAR, 6, 12)),
    )
    add_activity(
        office_db, ActivityForm(ActivityKind.TRAINING, "委员培训班", date(LAST_YEAR - 1, 9, 1))
    )
    assert [r.title for r in list_activities(office_db, year=LAST_YEAR)] == [
        "视察农村饮水安全",
        "政协第十届委员会第五次会议",
    ]
    assert [r.title for r in list_activities(office_db, kind=ActivityKind.TRAINING)] == [
        "委员培训班"
    ]
    assert record_years(office_db) == [date.today().year, LAST_YEAR, LAST_YEAR - 1]


def test_a_deleted_member_is_not_counted(office_db, members):
    add_activity(office_db, _plenary(members))
    delete_member(office_db, members["李秀英"])
    [row] = list_activities(office_db)
    assert (row.present, row.leave) == (1, 0)


# --- 社情民意信息 ---------------------------------------------------------------------


def _info(members: dict[str, str], **changes: object) -> SocialInfoForm:
    form = SocialInfoForm(
        title="关于加强农村留守老人照护的建议",
        submitted_on=date(LAST_YEAR, 5, 8),
        submitters=(members["王志强"], members["张建国"]),
        adopted=True,
    )
    return SocialInfoForm(**{**form.__dict__, **changes})


def test_a_social_info_item_with_two_submitters(office_db, members):
    uuid = add_social_info(office_db, _info(members))
    [row] = list_social_info(office_db)
    assert row.uuid == uuid
    assert row.submitter_names == "王志强、张建国"  # 以姓氏笔画为序
    assert row.outcome_label == "采用"

    update_social_info(
        office_db, uuid, _info(members, submitters=(members["王志强"],), instructed=True)
    )
    row = get_social_info(office_db, uuid)
    assert row.submitter_names == "王志强"
    assert row.outcome_label == "采用、领导批示"
    with office_db.begin() as session:
        assert session.scalars(select(SocialInfo.revision)).one() == 2


def test_a_social_info_item_needs_a_submitter_title_and_date(office_db, members):
    with pytest.raises(KnownError) as caught:
        add_social_info(office_db, SocialInfoForm(title=" ", submitted_on=None))
    assert "标题：不能为空" in caught.value.what
    assert "报送日期：请填写" in caught.value.what
    assert "报送人：请至少选择一位委员" in caught.value.what
    assert list_social_info(office_db) == []


def test_a_social_info_item_entered_twice_is_refused(office_db, members):
    add_social_info(office_db, _info(members))
    with pytest.raises(KnownError, match="已有一份社情民意信息"):
        add_social_info(office_db, _info(members, submitters=(members["李秀英"],)))


def test_deleting_a_social_info_item_can_be_undone(office_db, members):
    uuid = add_social_info(office_db, _info(members))
    delete_social_info(office_db, uuid)
    assert list_social_info(office_db) == []
    undelete_social_info(office_db, uuid)
    assert [r.uuid for r in list_social_info(office_db, year=LAST_YEAR)] == [uuid]
    assert list_social_info(office_db, year=LAST_YEAR - 1) == []


# --- 大会发言 and 调研视察报告 -----------------------------------------------------------


def test_speeches_and_reports(office_db, members):
    speech = add_work(
        office_db,
        WorkForm(
            WorkKind.PLENARY_SPEECH,
            "推动县域经济高质量发展",
            date(LAST_YEAR, 3, 2),
            (members["李秀英"],),
        ),
    )
    report = add_work(
        office_db,
        WorkForm(
            WorkKind.RESEARCH_REPORT,
            "关于全县中小学校舍安全的调研报告",
            date(LAST_YEAR, 8, 20),
            (members["李秀英"], members["王志强"]),
        ),
    )
    assert [w.uuid for w in list_works(office_db)] == [report, speech]
    assert [w.kind_label for w in list_works(office_db, kind=WorkKind.RESEARCH_REPORT)] == [
        "调研视察报告"
    ]
    update_work(
        office_db,
        speech,
        WorkForm(
            WorkKind.PLENARY_SPEECH,
            "推动县域经济高质量发展",
            date(LAST_YEAR, 3, 3),
            (members["张建国"],),
        ),
    )
    [first] = [w for w in list_works(office_db) if w.uuid == speech]
    assert (first.author_names, first.submitted_on) == ("张建国", date(LAST_YEAR, 3, 3))

    delete_work(office_db, report)
    assert [w.uuid for w in list_works(office_db)] == [speech]
    undelete_work(office_db, report)
    assert len(list_works(office_db)) == 2
    with pytest.raises(KnownError, match="委员：请至少选择一位委员"):
        add_work(office_db, WorkForm(WorkKind.PLENARY_SPEECH, "发言", date(LAST_YEAR, 3, 3)))


# --- a member's file ---------------------------------------------------------------


def _report(database: Database, *authors: str) -> None:
    form = WorkForm(WorkKind.RESEARCH_REPORT, "乡村振兴调研报告", date(LAST_YEAR, 7, 20), authors)
    add_work(database, form)


def test_member_records_newest_first_with_what_happened(office_db, members):
    add_activity(office_db, _plenary(members))
    add_activity(
        office_db,
        ActivityForm(
            ActivityKind.RESEARCH,
            "乡村振兴专题调研",
            date(LAST_YEAR, 7, 1),
            attendance={members["张建国"]: ABSENT},
        ),
    )
    add_social_info(office_db, _info(members, instructed=True))
    _report(office_db, members["张建国"])
    items = member_records(office_db, members["张建国"])
    assert [(i.day, i.kind_label, i.title, i.detail) for i in items] == [
        (date(LAST_YEAR, 7, 20), "调研视察报告", "乡村振兴调研报告", ""),
        (date(LAST_YEAR, 7, 1), "调研", "乡村振兴专题调研", "缺席"),
        (
            date(LAST_YEAR, 5, 8),
            "社情民意",
            "关于加强农村留守老人照护的建议",
            "采用、领导批示；联名：王志强",
        ),
        (date(LAST_YEAR, 3, 2), "全体会议", "政协第十届委员会第五次会议", "出席"),
    ]
    assert {i.year for i in items} == {LAST_YEAR}
    assert member_records(office_db, members["李秀英"])[0].detail == "请假"
    with pytest.raises(KnownError, match="已不存在"):
        member_records(office_db, "no-such-member")


def test_records_of_many_members_in_one_read_match_each_members_own(office_db, members):
    """打印履职档案 reads everyone at once: each member gets exactly their own records,
    with the co-signers named from that member's side."""
    add_activity(office_db, _plenary(members))
    add_social_info(office_db, _info(members))
    _report(office_db, members["张建国"], members["李秀英"])
    uuids = list(members.values())
    together = records_by_member(office_db, uuids)
    assert together == {uuid: member_records(office_db, uuid) for uuid in uuids}
    details = {name: [i.detail for i in together[uuid]] for name, uuid in members.items()}
    assert details == {
        "张建国": ["合作：李秀英", "采用；联名：王志强", "出席"],
        "李秀英": ["合作：张建国", "请假"],
        "王志强": ["采用；联名：张建国"],
    }
    assert records_by_member(office_db, []) == {}
    with pytest.raises(KnownError, match="已不存在"):
        records_by_member(office_db, [*uuids, "no-such-member"])


@pytest.mark.parametrize("bad", ["\x00", "\x0b", "\x1b", "\x07", "\u200b"])
def test_control_characters_in_titles_and_notes_are_removed(office_db, members, bad):
    uuid = add_activity(
        office_db, _plenary(members, title=f"第五次{bad}会议", note=f"备注{bad}一\n二")
    )
    form = get_activity(office_db, uuid).form
    assert form.title.replace(" ", "") == "第五次会议"
    assert form.note.replace("\n", "") == "备注一二"
    assert not any(ord(c) < 0x20 and c != "\n" for c in form.title + form.note)
    item = add_social_info(
        office_db,
        SocialInfoForm(
            title=f"关于{bad}养老",
            submitted_on=date(LAST_YEAR, 4, 1),
            submitters=(members["张建国"],),
            note=f"{bad}",
        ),
    )
    assert get_social_info(office_db, item).form.title.replace(" ", "") == "关于养老"


def test_notes_have_a_length_limit(office_db, members):
    before = record_counts(office_db)
    with pytest.raises(KnownError, match=r"备注：过长（2001字，不超过2000字）"):
        add_activity(office_db, _plenary(members, note="字" * 2001))
    with pytest.raises(KnownError, match="备注：过长"):
        add_work(
            office_db,
            WorkForm(
                kind=WorkKind.PLENARY_SPEECH,
                title="发言",
                submitted_on=date(LAST_YEAR, 3, 2),
                authors=(members["张建国"],),
                note="字" * 2001,
            ),
        )
    assert record_counts(office_db) == before
