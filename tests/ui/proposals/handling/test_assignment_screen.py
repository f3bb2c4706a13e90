"""交办 on a county clerk's laptop (1366×768 at 125 %: 1093×576 free). With three suggested
units whose reasons run over two lines, the suggestions' list was fixed at 260 pixels and
the window needed 578: 确定 and 取消 lay below the edge of the screen."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import QDialog

from app.proposals.handling.assignment import UnitChoice, assign_proposal
from app.proposals.handling.review import accept_proposal
from app.proposals.intake.intake import add_proposal
from app.proposals.labels import UnitRole
from app.proposals.queries import get_proposal_detail
from tests.proposals.helpers import form
from tests.ui.conftest import bottom_of, fits_on
from ui.proposals.handling.assignment_dialog import AssignmentDialog

TITLE = "关于加强农村学校校舍安全和公共卫生、农村公路养护、资金保障的建议"
UNITS = ("县教育和体育局", "县卫生健康委员会", "县交通运输局", "县财政局")


def _earlier(office, unit: str, number: int) -> None:  # type: ignore[no-untyped-def]
    """A proposal of 2025 like the new one, handled by `unit`: a reason to suggest it."""
    uuid = add_proposal(office.database, form(office, f"{TITLE}（{number}）"))
    accept_proposal(office.database, uuid, date(2025, 3, 10))
    choice = UnitChoice(office.units[unit], UnitRole.LEAD)
    assign_proposal(office.database, uuid, [choice], date(2025, 3, 15))


def _dialog(qtbot, office, host) -> AssignmentDialog:  # type: ignore[no-untyped-def]
    for number, unit in enumerate(UNITS * 3):
        _earlier(office, unit, number)
    uuid = add_proposal(office.database, form(office, TITLE))
    accept_proposal(office.database, uuid, date(2025, 3, 10))
    dialog = AssignmentDialog(office.database, get_proposal_detail(office.database, uuid), host)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def test_assignment_keeps_its_buttons_on_the_clerks_screen(
    qtbot, office_look, office, host, clerk_laptop
):  # type: ignore[no-untyped-def]
    dialog = _dialog(qtbot, office, host)
    table = dialog.suggestion_table
    assert table.rowCount() >= 3
    assert max(table.rowHeight(row) for row in range(table.rowCount())) > 40  # reasons wrap
    assert fits_on(clerk_laptop, dialog)
    for button in (dialog.ok_button, *dialog.buttons.buttons()):
        assert button.isVisible()
        assert bottom_of(button, dialog) < dialog.height()
    # The list stays usable: its header and at least a row show, the rest scrolls.
    assert table.height() >= 100
    assert dialog.unit_list.height() >= 80
    QDialog.done(dialog, 0)


def test_assignment_gives_the_room_of_a_large_screen_to_its_lists(qtbot, office, host):  # type: ignore[no-untyped-def]
    """Offscreen (800×600) the window opens 784×560 and its lists take what is spare."""
    dialog = _dialog(qtbot, office, host)
    spare = dialog.height() - dialog.minimumSizeHint().height()
    assert spare >= 0
    grown = dialog.suggestion_table.height() + dialog.unit_list.height()
    assert grown >= dialog.suggestion_table.minimumHeight() + 80 + spare // 2
    QDialog.done(dialog, 0)


def test_with_room_for_the_whole_window_every_suggestion_shows(
    qtbot, office_look, office, host, monkeypatch
):  # type: ignore[no-untyped-def]
    """1366×768 at 100 %: the window opens 1000×640 and the suggestions keep all their
    rows, as before; they give way only on a shorter screen."""
    from PySide6.QtCore import QRect

    from ui.common import screen_fit

    monkeypatch.setattr(screen_fit, "available_geometry", lambda _w: QRect(0, 0, 1366, 720))
    dialog = _dialog(qtbot, office, host)
    table = dialog.suggestion_table
    assert dialog.height() == 640
    assert table.height() == table.maximumHeight() == table.minimumHeight()
    QDialog.done(dialog, 0)
