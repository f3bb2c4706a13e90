"""The dictionary editor (系统设置 → 基础名录), driven through its buttons and dialogs."""

from __future__ import annotations

import sqlite3
from contextlib import closing

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QInputDialog, QLineEdit, QMessageBox

from app.office.dictionaries import add_entry, list_entries
from app.office.labels import DictionaryKind
from tests.ui.conftest import type_text
from ui.office.dictionary_editor import DictionaryEditor
from ui.office.dictionary_model import DictionaryTableModel


@pytest.fixture
def editor(qtbot, office_db):
    widget = DictionaryEditor(office_db)
    qtbot.addWidget(widget)
    widget.resize(900, 500)
    widget.show()
    return widget


def _names_shown(editor: DictionaryEditor) -> list[str]:
    model = editor.model
    return [model.index(r, DictionaryTableModel.NAME).data() for r in range(model.rowCount())]


def _stored(database, kind: DictionaryKind) -> list[str]:
    return [item.name for item in list_entries(database, kind)]


def _click(qtbot, button) -> None:
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def _answer_text(qtbot, text: str):
    def answer(dialog) -> None:
        assert isinstance(dialog, QInputDialog)
        line = dialog.findChild(QLineEdit)
        line.selectAll()
        type_text(qtbot, line, text)
        qtbot.keyClick(line, Qt.Key.Key_Return)

    return answer


def _press(button_text: str):
    def answer(dialog) -> None:
        assert isinstance(dialog, QMessageBox)
        button = next(b for b in dialog.buttons() if b.text() == button_text)
        button.click()

    return answer


def _select(editor: DictionaryEditor, name: str) -> None:
    editor.table.selectRow(_names_shown(editor).index(name))


def test_adding_an_entry_shows_and_stores_it(qtbot, editor, modal):
    editor.select_kind(DictionaryKind.LIAISON_GROUP)
    assert _names_shown(editor) == []

    modal.then(_answer_text(qtbot, "第一联络组"))
    _click(qtbot, editor.add_button)
    qtbot.waitUntil(lambda: modal.done)

    assert _names_shown(editor) == ["第一联络组"]
    assert _stored(editor.database, DictionaryKind.LIAISON_GROUP) == ["第一联络组"]
    assert "已新增" in editor.status.text()


def test_a_duplicate_name_is_refused_with_a_message(qtbot, editor, modal):
    editor.select_kind(DictionaryKind.SECTOR)
    before = _stored(editor.database, DictionaryKind.SECTOR)
    messages: list[str] = []

    def read_and_close(dialog) -> None:
        messages.append(dialog.text())
        dialog.accept()

    modal.then(_answer_text(qtbot, "民革")).then(read_and_close)
    _click(qtbot, editor.add_button)
    qtbot.waitUntil(lambda: modal.done)

    assert messages == ["“民革”已经在列表中。"]
    assert _stored(editor.database, DictionaryKind.SECTOR) == before


def test_renaming_in_place_keeps_the_record(qtbot, editor):
    editor.select_kind(DictionaryKind.PROPOSAL_CATEGORY)
    before = {
        i.name: i.uuid for i in list_entries(editor.database, DictionaryKind.PROPOSAL_CATEGORY)
    }
    index = editor.model.index(_names_shown(editor).index("生态文明"), DictionaryTableModel.NAME)
    editor.table.setCurrentIndex(index)
    editor.table.edit(index)
    line = QApplication.focusWidget()
    assert isinstance(line, QLineEdit)
    line.selectAll()
    type_text(qtbot, line, "生态环保")
    qtbot.keyClick(line, Qt.Key.Key_Return)

    qtbot.waitUntil(lambda: "生态环保" in _names_shown(editor))
    after = {
        i.name: i.uuid for i in list_entries(editor.database, DictionaryKind.PROPOSAL_CATEGORY)
    }
    assert "生态文明" not in after
    assert after["生态环保"] == before["生态文明"]


def test_moving_down_changes_the_stored_order(qtbot, editor):
    editor.select_kind(DictionaryKind.COMMITTEE)
    first, second = _names_shown(editor)[:2]
    _select(editor, first)
    _click(qtbot, editor.down_button)
    assert _names_shown(editor)[:2] == [second, first]
    assert _stored(editor.database, DictionaryKind.COMMITTEE)[:2] == [second, first]
    assert editor.selected().name == first  # the selection follows the entry


def test_an_entry_in_use_can_only_be_retired(qtbot, editor):
    database = editor.database
    item = add_entry(database, DictionaryKind.LIAISON_GROUP, "第二联络组")
    # A later table (members) refers to dictionary entries by foreign key.
    with closing(sqlite3.connect(database.path)) as conn, conn:
        conn.execute(
            "CREATE TABLE member_probe (id INTEGER PRIMARY KEY, "
            "group_id INTEGER REFERENCES dictionary_entry(id))"
        )
        conn.execute(
            "INSERT INTO member_probe (group_id) SELECT id FROM dictionary_entry WHERE uuid = ?",
            (item.uuid,),
        )
    editor.select_kind(DictionaryKind.LIAISON_GROUP)
    _select(editor, "第二联络组")

    assert not editor.delete_button.isEnabled()
    assert "不能删除" in editor.delete_button.toolTip()
    usage = editor.model.index(0, DictionaryTableModel.USAGE).data()
    assert usage == "1"

    _click(qtbot, editor.retire_button)
    assert editor.model.index(0, DictionaryTableModel.STATUS).data() == "已停用"
    assert editor.retire_button.text() == "重新启用"
    assert list_entries(database, DictionaryKind.LIAISON_GROUP)[0].retired
    assert list_entries(database, DictionaryKind.LIAISON_GROUP, include_retired=False) == []


def test_delete_asks_first_and_can_be_undone(qtbot, editor, modal):
    database = editor.database
    add_entry(database, DictionaryKind.LIAISON_GROUP, "临时组")
    editor.select_kind(DictionaryKind.LIAISON_GROUP)
    _select(editor, "临时组")

    modal.then(_press("取消"))
    _click(qtbot, editor.delete_button)
    qtbot.waitUntil(lambda: modal.done)
    assert _stored(database, DictionaryKind.LIAISON_GROUP) == ["临时组"]

    modal.then(_press("删除"))
    _click(qtbot, editor.delete_button)
    qtbot.waitUntil(lambda: modal.done)
    assert _names_shown(editor) == []
    assert _stored(database, DictionaryKind.LIAISON_GROUP) == []
    assert editor.undo_button.isVisible()

    _click(qtbot, editor.undo_button)
    assert _names_shown(editor) == ["临时组"]
    assert _stored(database, DictionaryKind.LIAISON_GROUP) == ["临时组"]
    assert not editor.undo_button.isVisible()


def test_description_column_only_where_it_means_something(editor):
    editor.select_kind(DictionaryKind.HANDLING_UNIT)
    assert not editor.table.isColumnHidden(DictionaryTableModel.DESCRIPTION)
    assert (
        editor.model.headerData(DictionaryTableModel.DESCRIPTION, Qt.Orientation.Horizontal)
        == "职能"
    )
    editor.select_kind(DictionaryKind.ETHNIC_GROUP)
    assert editor.table.isColumnHidden(DictionaryTableModel.DESCRIPTION)
    assert _names_shown(editor)[:3] == ["汉族", "蒙古族", "回族"]


def test_model_passes_qt_model_tester(qtmodeltester, office_db):
    model = DictionaryTableModel()
    model.set_items(list_entries(office_db, DictionaryKind.SECTOR), None)
    qtmodeltester.check(model)
