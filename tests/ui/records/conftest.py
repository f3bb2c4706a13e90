"""Fixtures of the 履职记录 screen tests: four members, the page at 1100×700."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pytest

from app.members.labels import CppccRole, MembershipStatus
from app.members.member_files import MemberForm, add_member, set_status
from tests.records.test_records_import import YEAR
from tests.ui.conftest import loaded
from ui.common.jobs import wait_for_running_jobs
from ui.consultation.meetings.meeting_editor import MeetingEditor
from ui.records.records_page import RecordsPage


@pytest.fixture
def members(office_db) -> dict[str, str]:
    uuids = {
        "张建国": add_member(
            office_db, MemberForm(name="张建国", sector="中共", role=CppccRole.STANDING)
        ),
        "李秀英": add_member(office_db, MemberForm(name="李秀英", sector="民盟")),
        "王志强": add_member(office_db, MemberForm(name="王志强", sector="经济界")),
        "赵海涛": add_member(office_db, MemberForm(name="赵海涛", sector="教育界")),
    }
    set_status(office_db, uuids["赵海涛"], MembershipStatus.TRANSFERRED, date(YEAR, 1, 10))
    return uuids


@pytest.fixture
def page(qtbot, office_db, members) -> Iterator[RecordsPage]:
    widget = RecordsPage(office_db, meeting_editor=MeetingEditor)
    qtbot.addWidget(widget)
    widget.resize(1100, 700)
    widget.show()
    widget.refresh()
    loaded(qtbot, widget.current_tab())
    yield widget
    # A read still running (a tab just switched to): ended before the database closes
    # and before qtbot deletes the page (a QThread deleted while it runs stops the run).
    wait_for_running_jobs()


@pytest.fixture
def import_members(office_db):
    from tests.records.test_records_import import WANG_LEI_1, WANG_LEI_2

    for form in (
        MemberForm(name="王磊", id_number=WANG_LEI_1),
        MemberForm(name="王磊", id_number=WANG_LEI_2),
    ):
        add_member(office_db, form)
