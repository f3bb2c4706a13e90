"""基础名录: aliases shown and edited, two entries merged through the buttons, one undo."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QInputDialog, QLineEdit, QMessageBox

from app.members.member_files import MemberForm, add_member, get_member
from app.office.dictionaries import add_entry, list_entries, name_lookup, set_aliases
from app.office.labels import DictionaryKind
from tests.ui.conftest import type_text
from ui.office.dictionary_editor import DictionaryEditor
from ui.office.dictionary_model import DictionaryTableModel

SECTOR = DictionaryKind.SECTOR


@pytest.fixture
def editor(qtbot, office_db):
    widget = DictionaryEditor(office_db)
    qtbot.addWidget(widget)
    widget.resize(1100, 600)
    widget.show()
    widget.select_kind(SECTOR)
    return widget


def _row(editor: DictionaryEditor, name: str) -> int:
    model = editor.model
    names = [model.index(r, DictionaryTableModel.NAME).data() for r in range(model.rowCount())]
    return names.index(name)


def _cell(editor: DictionaryEditor, name: str, column: int) -> str:
    return editor.model.index(_row(editor, name), column).data()


def _click(qtbot, button) -> None:
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def _choose(qtbot, text: str):
    def answer(dialog) -> None:
        assert isinstance(dialog, QInputDialog)
        combo = dialog.findChild(QComboBox)
        combo.setCurrentIndex(combo.findText(text))
        qtbot.keyClick(combo, Qt.Key.Key_Return)

    return answer


def _type(qtbot, text: str):
    def answer(dialog) -> None:
        assert isinstance(dialog, QInputDialog)
        line = dialog.findChild(QLineEdit)
        line.selectAll()
        type_text(qtbot, line, text)
        qtbot.keyClick(line, Qt.Key.Key_Return)

    return answer


def _press(text: str, seen: list[str] | None = None):
    def answer(dialog) -> None:
        assert isinstance(dialog, QMessageBox)
        if seen is not None:
            seen.append(f"{dialog.text()}\n{dialog.informativeText()}")
        next(b for b in dialog.buttons() if b.text() == text).click()

    return answer


def test_the_seeded_aliases_are_shown(editor):
    header = editor.model.headerData(DictionaryTableModel.ALIASES, Qt.Orientation.Horizontal)
    assert header.startswith("别名")
    assert _cell(editor, "中共", DictionaryTableModel.ALIASES) == "中国共产党、共产党"
    assert _cell(editor, "妇联", DictionaryTableModel.ALIASES) == "妇女联合会、中华全国妇女联合会"


def test_aliases_are_edited_with_the_button_and_in_place(qtbot, editor, modal):
    editor.table.selectRow(_row(editor, "经济界"))
    modal.then(_type(qtbot, "经济、经济系统"))
    _click(qtbot, editor.aliases_button)
    qtbot.waitUntil(
        lambda: _cell(editor, "经济界", DictionaryTableModel.ALIASES) == "经济、经济系统"
    )
    assert name_lookup(editor.database).find(SECTOR, "经济系统") == "经济界"

    index = editor.model.index(_row(editor, "教育界"), DictionaryTableModel.ALIASES)
    editor.table.edit(index)
    line = editor.table.findChild(QLineEdit)
    line.selectAll()
    type_text(qtbot, line, "教育系统")
    qtbot.keyClick(line, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: _cell(editor, "教育界", DictionaryTableModel.ALIASES) == "教育系统")
    assert "已更新“教育界”的别名" in editor.status.text()


def test_an_alias_another_entry_has_is_refused(qtbot, editor, modal):
    editor.table.selectRow(_row(editor, "民盟"))
    seen: list[str] = []
    modal.then(_type(qtbot, "中国共产党")).then(_press("确定", seen))
    _click(qtbot, editor.aliases_button)
    qtbot.waitUntil(lambda: modal.done)
    assert "已是界别“中共”的别名" in seen[0]
    assert _cell(editor, "民盟", DictionaryTableModel.ALIASES) == "中国民主同盟"


def test_renaming_onto_another_entry_points_to_merging(qtbot, editor, modal):
    set_aliases(editor.database, _uuid(editor, "中共"), "")
    add_entry(editor.database, SECTOR, "中国共产党")
    editor.reload()
    editor.table.selectRow(_row(editor, "中国共产党"))
    seen: list[str] = []
    modal.then(_type(qtbot, "中共")).then(_press("确定", seen))
    _click(qtbot, editor.rename_button)
    qtbot.waitUntil(lambda: modal.done)
    assert "已经在列表中" in seen[0]
    assert "合并到" in seen[0]


def _uuid(editor: DictionaryEditor, name: str) -> str:
    return editor.model.item(_row(editor, name)).uuid


def test_merging_two_entries_moves_the_members_and_can_be_undone(qtbot, editor, modal):
    database = editor.database
    set_aliases(database, _uuid(editor, "中共"), "")
    add_entry(database, SECTOR, "中国共产党")
    full = add_member(database, MemberForm(name="王红", sector="中国共产党"))
    short = add_member(database, MemberForm(name="李明", sector="中共"))
    editor.reload()
    assert _cell(editor, "中国共产党", DictionaryTableModel.USAGE) == "1"

    editor.table.selectRow(_row(editor, "中国共产党"))
    seen: list[str] = []
    modal.then(_choose(qtbot, "中共")).then(_press("合并", seen))
    _click(qtbot, editor.merge_button)
    qtbot.waitUntil(lambda: modal.done)
    assert "使用“中国共产党”的 1 条记录改为“中共”" in seen[0]
    names = [e.name for e in list_entries(database, SECTOR)]
    assert "中国共产党" not in names
    assert _cell(editor, "中共", DictionaryTableModel.ALIASES) == "中国共产党"
    assert _cell(editor, "中共", DictionaryTableModel.USAGE) == "2"
    assert editor.selected().name == "中共"
    assert get_member(database, full).form.sector == "中共"
    assert "如属误操作" in editor.status.text()
    assert editor.undo_merge_button.isVisible()

    _click(qtbot, editor.undo_merge_button)
    assert not editor.undo_merge_button.isVisible()
    assert "已撤销合并" in editor.status.text()
    assert get_member(database, full).form.sector == "中国共产党"
    assert get_member(database, short).form.sector == "中共"
    assert _cell(editor, "中国共产党", DictionaryTableModel.USAGE) == "1"
    assert _cell(editor, "中共", DictionaryTableModel.ALIASES) == ""


def test_cancelling_the_merge_changes_nothing(qtbot, editor, modal):
    before = [(e.name, e.aliases) for e in list_entries(editor.database, SECTOR)]
    editor.table.selectRow(_row(editor, "民革"))
    modal.then(_choose(qtbot, "民盟")).then(_press("取消"))
    _click(qtbot, editor.merge_button)
    qtbot.waitUntil(lambda: modal.done)
    assert [(e.name, e.aliases) for e in list_entries(editor.database, SECTOR)] == before
    assert not editor.undo_merge_button.isVisible()


def test_the_merge_offers_only_live_entries_of_the_same_list(qtbot, editor, modal):
    offered: list[str] = []

    def look(dialog) -> None:
        combo = dialog.findChild(QComboBox)
        offered.extend(combo.itemText(i) for i in range(combo.count()))
        dialog.reject()

    editor.table.selectRow(_row(editor, "民革"))
    _click(qtbot, editor.retire_button)  # 民革 retired: still mergeable from, never into
    editor.table.selectRow(_row(editor, "民盟"))
    modal.then(look)
    _click(qtbot, editor.merge_button)
    qtbot.waitUntil(lambda: modal.done)
    assert "民盟" not in offered and "民革" not in offered
    assert "中共" in offered and "中共党员" not in offered
