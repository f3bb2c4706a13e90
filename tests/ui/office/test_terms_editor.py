"""届次与会议: the tree the clerk sees, the dialogs, and what ends up stored."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import (
    QDateEdit,
    QDialog,
    QLabel,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QWidget,
)
from pytestqt.qtbot import QtBot

from app.common.storage import Database
from app.demo.demo import load_demo
from app.office.terms import list_terms, save_session
from tests.ui.conftest import ModalAnswers
from ui.office.terms_editor import NO_SESSIONS_TEXT, TermsEditor


def read_and_close(seen: list[tuple[str, str]]) -> Callable[[QWidget], None]:
    """A `modal` answer: note the message box's name and text, then press OK."""

    def answer(box: QWidget) -> None:
        assert isinstance(box, QMessageBox)
        seen.append((box.objectName(), box.text()))
        box.button(QMessageBox.StandardButton.Ok).click()

    return answer


def answer(text: str) -> Callable[[QWidget], None]:
    """A `modal` answer: press the button with this text (放弃, 取消)."""

    def press(box: QWidget) -> None:
        assert isinstance(box, QMessageBox)
        next(b for b in box.buttons() if b.text() == text).click()

    return press


def make_editor(qtbot: QtBot, database: Database) -> TermsEditor:
    editor = TermsEditor(database)
    qtbot.addWidget(editor)
    editor.resize(700, 500)
    editor.show()
    editor.refresh()
    return editor


def rows(editor: TermsEditor, parent: QModelIndex | None = None) -> list[list[str]]:
    """The tree as the clerk reads it: the text of each cell, row by row."""
    model, parent = editor.model, parent or QModelIndex()
    return [
        [model.index(row, column, parent).data() or "" for column in range(3)]
        for row in range(model.rowCount(parent))
    ]


def term_index(editor: TermsEditor, row: int) -> QModelIndex:
    return editor.model.index(row, 0)


def click(qtbot: QtBot, parent: QWidget, name: str) -> None:
    button = parent.findChild(QPushButton, name)
    assert button is not None and button.isEnabled(), name
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def open_dialog(editor: TermsEditor, name: str) -> QDialog:
    dialog = editor.findChild(QDialog, name)
    assert dialog is not None and dialog.isVisible()
    return dialog


def double_click(qtbot: QtBot, editor: TermsEditor, index: QModelIndex) -> None:
    """A real double click: press and release, then the double-click event."""
    where = editor.tree.visualRect(index).center()
    viewport = editor.tree.viewport()
    qtbot.mouseClick(viewport, Qt.MouseButton.LeftButton, pos=where)
    qtbot.mouseDClick(viewport, Qt.MouseButton.LeftButton, pos=where)


def type_number(qtbot: QtBot, spin: QSpinBox, text: str) -> None:
    spin.setFocus()
    spin.selectAll()
    qtbot.keyClicks(spin, text)


def type_date(qtbot: QtBot, edit: QDateEdit, digits: str) -> None:
    """Type yyyymmdd the way a clerk does: the cursor moves on after each part."""
    edit.setFocus()
    edit.setSelectedSection(QDateEdit.Section.YearSection)
    qtbot.keyClicks(edit, digits)


def test_terms_newest_first_with_their_sessions(qtbot: QtBot, office_db: Database) -> None:
    load_demo(office_db)
    editor = make_editor(qtbot, office_db)

    assert [row[0] for row in rows(editor)] == ["第十届（2021—2026）", "第九届（2016—2021）"]
    current = rows(editor, term_index(editor, 0))
    assert current[0] == ["第一次会议", "2021-02-24", "2021-02-26"]
    assert current[1] == ["第二次会议", "2022-03-02", "2022-03-04"]
    assert len(rows(editor, term_index(editor, 1))) == 5
    assert editor.tree.isExpanded(term_index(editor, 0))


def test_a_term_without_sessions_says_so(qtbot: QtBot, office_db: Database) -> None:
    editor = make_editor(qtbot, office_db)

    assert rows(editor) == [["第十届（2021—2026）", "", ""]]
    assert rows(editor, term_index(editor, 0)) == [[NO_SESSIONS_TEXT, "", ""]]
    assert editor.add_session_button.isEnabled()  # the term is selected
    assert not editor.edit_session_button.isEnabled()

    double_click(qtbot, editor, editor.model.index(0, 0, term_index(editor, 0)))
    dialog = open_dialog(editor, "sessionDialog")  # double-clicking the hint registers one
    assert dialog.findChild(QLabel, "sessionNote").text() == "将登记第十届第一次会议。"


def test_add_term(qtbot: QtBot, office_db: Database) -> None:
    editor = make_editor(qtbot, office_db)

    click(qtbot, editor, "addTermButton")
    dialog = open_dialog(editor, "termDialog")
    number = dialog.findChild(QSpinBox, "termNumber")
    first_year = dialog.findChild(QSpinBox, "termFirstYear")
    last_year = dialog.findChild(QSpinBox, "termLastYear")
    assert (number.value(), first_year.value(), last_year.value()) == (11, 2026, 2031)
    type_number(qtbot, first_year, "2027")
    assert last_year.text() == "2032 年"  # follows the first year
    click(qtbot, dialog, "saveButton")

    assert [row[0] for row in rows(editor)] == ["第十一届（2027—2032）", "第十届（2021—2026）"]
    assert rows(editor, term_index(editor, 0)) == [[NO_SESSIONS_TEXT, "", ""]]
    assert editor.tree.currentIndex() == term_index(editor, 0)
    stored = list_terms(office_db)[0]
    assert (stored.number, stored.first_year, stored.last_year) == (11, 2027, 2032)


def test_duplicate_term_is_refused_and_nothing_stored(
    qtbot: QtBot, office_db: Database, modal: ModalAnswers
) -> None:
    editor = make_editor(qtbot, office_db)

    click(qtbot, editor, "addTermButton")
    dialog = open_dialog(editor, "termDialog")
    type_number(qtbot, dialog.findChild(QSpinBox, "termNumber"), "10")
    type_number(qtbot, dialog.findChild(QSpinBox, "termFirstYear"), "2021")
    seen: list[tuple[str, str]] = []
    modal.then(read_and_close(seen))
    click(qtbot, dialog, "saveButton")

    assert seen == [("knownErrorBox", "第十届已经存在。")]
    assert dialog.isVisible()  # stays open for a correction
    assert [t.number for t in list_terms(office_db)] == [10]
    modal.then(answer("放弃"))  # what was typed is not thrown away unasked
    click(qtbot, dialog, "cancelButton")
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert [row[0] for row in rows(editor)] == ["第十届（2021—2026）"]


def test_register_a_plenary_session(qtbot: QtBot, office_db: Database) -> None:
    editor = make_editor(qtbot, office_db)

    click(qtbot, editor, "addSessionButton")
    dialog = open_dialog(editor, "sessionDialog")
    assert dialog.findChild(QSpinBox, "sessionNumber").text() == "第 1 次会议"
    start = dialog.findChild(QDateEdit, "sessionStart")
    end = dialog.findChild(QDateEdit, "sessionEnd")
    assert start.calendarPopup()
    type_date(qtbot, start, "20210224")
    assert end.text() == "2021-02-26"  # a plenary sits for three days
    click(qtbot, dialog, "saveButton")

    assert rows(editor, term_index(editor, 0)) == [["第一次会议", "2021-02-24", "2021-02-26"]]
    assert editor.edit_session_button.isEnabled()  # the new session is selected
    [plenary] = list_terms(office_db)[0].sessions
    assert (plenary.number, plenary.start_date, plenary.end_date) == (
        1,
        date(2021, 2, 24),
        date(2021, 2, 26),
    )


def test_next_session_number_is_suggested(qtbot: QtBot, office_db: Database) -> None:
    term = list_terms(office_db)[0]
    save_session(office_db, term.uuid, 1, date(2021, 2, 24), date(2021, 2, 26))
    editor = make_editor(qtbot, office_db)
    editor.tree.setCurrentIndex(term_index(editor, 0))

    click(qtbot, editor, "addSessionButton")
    dialog = open_dialog(editor, "sessionDialog")

    assert dialog.findChild(QSpinBox, "sessionNumber").value() == 2
    assert dialog.findChild(QLabel, "sessionNote").text() == "将登记第十届第二次会议。"
    click(qtbot, dialog, "cancelButton")
    assert len(list_terms(office_db)[0].sessions) == 1


def test_double_click_edits_a_session(qtbot: QtBot, office_db: Database) -> None:
    term = list_terms(office_db)[0]
    save_session(office_db, term.uuid, 2, date(2022, 3, 2), date(2022, 3, 4))
    editor = make_editor(qtbot, office_db)
    session_row = editor.model.index(0, 1, term_index(editor, 0))

    double_click(qtbot, editor, session_row)
    dialog = open_dialog(editor, "sessionDialog")
    assert dialog.findChild(QSpinBox, "sessionNumber").value() == 2
    assert dialog.findChild(QDateEdit, "sessionStart").text() == "2022-03-02"
    assert dialog.findChild(QDateEdit, "sessionEnd").text() == "2022-03-04"
    assert dialog.findChild(QLabel, "sessionNote").text() == "第二次会议已登记，保存将修改其日期。"
    type_date(qtbot, dialog.findChild(QDateEdit, "sessionEnd"), "20220305")
    click(qtbot, dialog, "saveButton")

    assert rows(editor, term_index(editor, 0)) == [["第二次会议", "2022-03-02", "2022-03-05"]]
    [plenary] = list_terms(office_db)[0].sessions
    assert (plenary.start_date, plenary.end_date) == (date(2022, 3, 2), date(2022, 3, 5))


def test_closing_before_opening_is_refused(
    qtbot: QtBot, office_db: Database, modal: ModalAnswers
) -> None:
    editor = make_editor(qtbot, office_db)

    click(qtbot, editor, "addSessionButton")
    dialog = open_dialog(editor, "sessionDialog")
    type_date(qtbot, dialog.findChild(QDateEdit, "sessionStart"), "20210224")
    type_date(qtbot, dialog.findChild(QDateEdit, "sessionEnd"), "20210220")
    seen: list[tuple[str, str]] = []
    modal.then(read_and_close(seen))
    click(qtbot, dialog, "saveButton")

    assert seen == [("knownErrorBox", "闭幕日期早于开幕日期。")]
    assert dialog.isVisible()
    assert list_terms(office_db)[0].sessions == ()
    assert rows(editor, term_index(editor, 0)) == [[NO_SESSIONS_TEXT, "", ""]]


def test_enter_in_a_field_does_not_save_a_term(qtbot: QtBot, office_db: Database) -> None:
    """A term cannot be deleted: Enter in 届次 no longer adds it, only 保存 does."""
    editor = make_editor(qtbot, office_db)
    click(qtbot, editor, "addTermButton")
    dialog = open_dialog(editor, "termDialog")
    number = dialog.findChild(QSpinBox, "termNumber")
    number.setFocus()
    qtbot.keyClick(number, Qt.Key.Key_Return)
    qtbot.keyClick(dialog.findChild(QSpinBox, "termLastYear"), Qt.Key.Key_Enter)
    assert dialog.isVisible()
    assert [t.number for t in list_terms(office_db)] == [10]
    save = dialog.findChild(QPushButton, "saveButton")
    save.setFocus()
    qtbot.keyClick(save, Qt.Key.Key_Return)  # Enter on 保存 itself saves
    assert not dialog.isVisible()
    assert [t.number for t in list_terms(office_db)] == [11, 10]


def test_enter_in_a_date_does_not_register_a_session(qtbot: QtBot, office_db: Database) -> None:
    editor = make_editor(qtbot, office_db)
    click(qtbot, editor, "addSessionButton")
    dialog = open_dialog(editor, "sessionDialog")
    start = dialog.findChild(QDateEdit, "sessionStart")
    type_date(qtbot, start, "20210224")
    qtbot.keyClick(start, Qt.Key.Key_Return)
    assert dialog.isVisible()
    assert list_terms(office_db)[0].sessions == ()


def test_esc_asks_before_throwing_changed_dates_away(
    qtbot: QtBot, office_db: Database, modal: ModalAnswers
) -> None:
    editor = make_editor(qtbot, office_db)
    click(qtbot, editor, "addSessionButton")
    dialog = open_dialog(editor, "sessionDialog")
    start = dialog.findChild(QDateEdit, "sessionStart")
    type_date(qtbot, start, "20210224")
    asked: list[str] = []

    def keep(box: QWidget) -> None:
        assert isinstance(box, QMessageBox)
        asked.append(box.text())
        next(b for b in box.buttons() if b.text() == "取消").click()

    modal.then(keep)
    qtbot.keyClick(start, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: modal.done)
    assert asked == ["有未保存的内容，确定放弃吗？"]
    assert dialog.isVisible() and start.text() == "2021-02-24"
    # Then 放弃: the dialog closes (left open, it outlived the test's widgets).
    modal.then(lambda box: next(b for b in box.buttons() if b.text() == "放弃").click())
    dialog.reject()
    qtbot.waitUntil(lambda: modal.done)
    assert not dialog.isVisible()


def test_an_untouched_term_dialog_closes_at_once(qtbot: QtBot, office_db: Database) -> None:
    editor = make_editor(qtbot, office_db)
    click(qtbot, editor, "addTermButton")
    dialog = open_dialog(editor, "termDialog")
    qtbot.keyClick(dialog.findChild(QSpinBox, "termNumber"), Qt.Key.Key_Escape)
    assert not dialog.isVisible()
