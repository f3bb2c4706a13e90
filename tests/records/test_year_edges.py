"""A year's lists hold the records of its first and last day, and no neighbour's
(found untested by a mutation review of record_rules.year_range)."""

from __future__ import annotations

from datetime import date

from app.common.storage import Database
from app.members.member_files import MemberForm, add_member
from app.records.activities import ActivityForm, add_activity, list_activities
from app.records.labels import ActivityKind, WorkKind
from app.records.record_items import (
    SocialInfoForm,
    WorkForm,
    add_social_info,
    add_work,
    list_social_info,
    list_works,
)

YEAR = date.today().year - 1
FIRST, LAST = date(YEAR, 1, 1), date(YEAR, 12, 31)


def test_records_of_new_years_day_and_eve_are_in_that_years_lists(office_db: Database) -> None:
    member = add_member(office_db, MemberForm(name="张建国", sector="经济界"))
    for day in (FIRST, LAST):
        add_activity(office_db, ActivityForm(ActivityKind.INSPECTION, f"视察{day}", day))
        add_social_info(office_db, SocialInfoForm(f"信息{day}", day, (member,)))
        add_work(office_db, WorkForm(WorkKind.RESEARCH_REPORT, f"报告{day}", day, (member,)))
    assert [r.title for r in list_activities(office_db, year=YEAR)] == [
        f"视察{LAST}",
        f"视察{FIRST}",
    ]
    assert [r.title for r in list_social_info(office_db, YEAR)] == [f"信息{LAST}", f"信息{FIRST}"]
    assert [r.title for r in list_works(office_db, YEAR)] == [f"报告{LAST}", f"报告{FIRST}"]
    for neighbour in (YEAR - 1, YEAR + 1):
        assert list_activities(office_db, year=neighbour) == []
        assert list_social_info(office_db, neighbour) == []
        assert list_works(office_db, neighbour) == []
