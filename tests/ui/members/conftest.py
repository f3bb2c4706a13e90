"""Fixtures of the member-screen tests: the member file, shown (its parent: `host`)."""

from __future__ import annotations

import pytest

from app.office.terms import list_terms
from ui.members.member_form import MemberFileDialog


@pytest.fixture
def open_file(office_db, host):
    """The member file of `uuid` (None: 新增委员), shown."""

    def make(uuid: str | None = None) -> MemberFileDialog:
        dialog = MemberFileDialog(office_db, uuid, list_terms(office_db)[0], host)
        dialog.show()
        return dialog

    return make
