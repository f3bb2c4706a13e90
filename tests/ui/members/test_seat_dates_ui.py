"""Seat dates in the screens: a start outside the term or after the leaving is said under
the field; a leaving before the seat began is refused in the 离任 dialog. Both keep what
the clerk typed and store nothing."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QMessageBox, QWidget

from app.members.labels import MembershipStatus
from app.members.member_files import MemberForm, add_member, get_member, list_members, set_status
from app.office.terms import list_terms
from tests.ui.conftest import type_text
from tests.ui.members.helpers import click, problem_of
from ui.members.member_actions import RetireDialog


def test_a_new_members_start_outside_the_term_is_said_under_the_field(qtbot, office_db, open_file):
    dialog = open_file(None)
    type_text(qtbot, dialog.name, "张三")
    type_text(qtbot, dialog.start_date, "2019.03.01")
    click(qtbot, dialog.save_button)
    assert problem_of(dialog, "start_date") == (
        "任职起始日期 2019-03-01 不在第十届（2021—2026）的起止年份之内"
    )
    assert dialog.isVisible() and dialog.start_date.text() == "2019.03.01"
    assert dialog.name.text() == "张三"
    assert list_members(office_db) == []


def test_a_start_after_the_leaving_is_said_and_a_good_one_saves(qtbot, office_db, open_file):
    uuid = add_member(office_db, MemberForm(name="张三", start_date=date(2023, 3, 1)))
    set_status(office_db, uuid, MembershipStatus.RESIGNED, date(2024, 6, 30))
    dialog = open_file(uuid)
    dialog.start_date.clear()
    type_text(qtbot, dialog.start_date, "2024.07.01")
    click(qtbot, dialog.save_button)
    assert problem_of(dialog, "start_date") == "任职起始日期 2024-07-01 晚于辞去日期 2024-06-30"
    assert dialog.isVisible()
    assert get_member(office_db, uuid).memberships[0].start_date == date(2023, 3, 1)
    dialog.start_date.clear()
    type_text(qtbot, dialog.start_date, "2024.06.30")
    with qtbot.waitSignal(dialog.saved):
        click(qtbot, dialog.save_button)
    assert get_member(office_db, uuid).memberships[0].start_date == date(2024, 6, 30)


def test_a_start_stored_earlier_outside_the_term_does_not_block_other_edits(
    qtbot, office_db, open_file
):
    from sqlalchemy import select

    from db.member_models import Membership

    uuid = add_member(office_db, MemberForm(name="张三"))
    with office_db.begin() as session:  # as an older version let it in
        session.scalars(select(Membership)).one().start_date = date(2019, 3, 1)
    dialog = open_file(uuid)
    assert dialog.start_date.text() == "2019-03-01"
    type_text(qtbot, dialog.employer, "县水利局")
    with qtbot.waitSignal(dialog.saved):
        click(qtbot, dialog.save_button)
    assert get_member(office_db, uuid).form.employer == "县水利局"


def test_leaving_before_the_seat_began_is_refused_and_the_dialog_keeps_it(
    qtbot, office_db, host, modal
):
    uuid = add_member(office_db, MemberForm(name="张三", start_date=date(2023, 5, 1)))
    (row,) = list_members(office_db)
    dialog = RetireDialog(office_db, row, list_terms(office_db)[0], host)
    dialog.show()
    dialog.choose(MembershipStatus.DECEASED, date(2023, 4, 30))
    messages: list[str] = []

    def read_and_close(box: QWidget) -> None:
        assert isinstance(box, QMessageBox)
        messages.append(f"{box.windowTitle()}|{box.text()}")
        box.accept()

    modal.then(read_and_close)
    click(qtbot, dialog.findChild(QWidget, "primaryButton"))
    qtbot.waitUntil(lambda: modal.done)
    assert messages == [
        "未能办理离任|未能办理去世：去世日期 2023-04-30 早于任职起始日期 2023-05-01。"
    ]
    assert dialog.isVisible()
    assert dialog.day.date() == QDate(2023, 4, 30) and dialog.status.currentText() == "去世"
    assert get_member(office_db, uuid).memberships[0].status is MembershipStatus.ACTIVE
