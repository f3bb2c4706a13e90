"""Opening and checking a member file only reads: it does not wait for another window's write."""

from __future__ import annotations

import sqlite3
import time
from contextlib import closing

from app.common.storage import Database
from app.members.full_numbers import problems_with_stored_numbers
from app.members.member_files import MemberForm, form_choices, get_member, list_members
from app.office.terms import list_terms
from tests.ui.members.helpers import add_roster


def test_the_file_opens_and_is_checked_while_another_window_writes(office_db: Database) -> None:
    add_roster(office_db, list_terms(office_db)[0].uuid)
    uuid = list_members(office_db)[0].uuid
    form: MemberForm = get_member(office_db, uuid).form
    with closing(sqlite3.connect(office_db.path, isolation_level=None)) as other:
        other.execute("BEGIN IMMEDIATE")
        started = time.monotonic()
        choices = form_choices(office_db)  # the member file's lists, as it opens
        problems = problems_with_stored_numbers(office_db, uuid, form, choices)  # 保存's check
        took = time.monotonic() - started
        other.execute("ROLLBACK")
    assert choices.committees and problems == []
    assert took < 2  # not the 5 s busy wait (the window froze, then 数据库正被其他程序占用)
