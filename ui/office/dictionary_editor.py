"""基础名录: add, rename, reorder, retire and delete entries of the office's lists, give
them aliases, and merge two entries that are one (中国共产党 into 中共).

Entries in use cannot be deleted, only retired; a deletion and a merge can be undone.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.common.errors import KnownError
from app.common.storage import Database
from app.office import dictionaries
from app.office.dictionaries import DictionaryItem
from app.office.dictionary_defaults import DESCRIPTION_LABELS, KIND_LABELS
from app.office.dictionary_merge import MergeResult, MergeUndo, merge_entries, undo_merge
from app.office.labels import DictionaryKind
from ui.common.errors import report_error
from ui.common.widgets import confirm, push_button
from ui.office.dictionary_model import DictionaryTableModel
from ui.security.guard import guard_writes


class DictionaryEditor(QWidget):
    def __init__(self, database: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.database = database
        self._deleted_uuid: str | None = None
        self._merged: MergeUndo | None = None
        self._reselect: str | None = None

        self.kinds = QListWidget()
        self.kinds.setObjectName("kindList")
        self.kinds.setFixedWidth(130)
        for kind, label in KIND_LABELS.items():
            entry = QListWidgetItem(label, self.kinds)
            entry.setData(256, kind.value)

        self.model = DictionaryTableModel(on_edit=self._edit_cell)
        self.table = QTableView()
        self.table.setObjectName("entryTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
        )
        self.table.verticalHeader().setVisible(False)
        self.table.setAlternatingRowColors(True)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(DictionaryTableModel.NAME, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(
            DictionaryTableModel.ALIASES, QHeaderView.ResizeMode.Interactive
        )
        header.setSectionResizeMode(
            DictionaryTableModel.DESCRIPTION, QHeaderView.ResizeMode.Stretch
        )
        header.setSectionResizeMode(
            DictionaryTableModel.STATUS, QHeaderView.ResizeMode.ResizeToContents
        )
        header.setSectionResizeMode(
            DictionaryTableModel.USAGE, QHeaderView.ResizeMode.ResizeToContents
        )
        self.table.setColumnWidth(DictionaryTableModel.NAME, 160)
        self.table.setColumnWidth(DictionaryTableModel.ALIASES, 280)

        self.add_button = push_button("新增", "addEntry", self.add_entry)
        self.rename_button = push_button("重命名", "renameEntry", self.rename_selected)
        self.aliases_button = push_button("别名…", "editAliases", self.edit_aliases)
        self.merge_button = push_button("合并到…", "mergeEntry", self.merge_selected)
        self.merge_button.setToolTip(
            "两个条目实为同一个时（如“中国共产党”与“中共”），把选中的条目合并到另一个："
            "使用它的记录一并改过去，它的名称成为那个条目的别名。可以撤销。"
        )
        self.up_button = push_button("上移", "moveUp", self.move_up)
        self.down_button = push_button("下移", "moveDown", self.move_down)
        self.retire_button = push_button("停用", "retireEntry", self.toggle_retired)
        self.delete_button = push_button("删除", "deleteEntry", self.delete_selected)
        self.undo_button = push_button("撤销删除", "undoDelete", self.undo_delete)
        self.undo_button.hide()
        self.undo_merge_button = push_button("撤销合并", "undoMerge", self.undo_merge)
        self.undo_merge_button.hide()
        self.add_button.setObjectName("primaryButton")
        guard_writes(
            database,
            self.add_button,
            self.rename_button,
            self.up_button,
            self.down_button,
            self.retire_button,
            self.delete_button,
            self.undo_button,
        )
        self.status = QLabel()
        self.status.setObjectName("editorStatus")
        self.status.setWordWrap(True)

        buttons = QVBoxLayout()
        for button in (
            self.add_button,
            self.rename_button,
            self.aliases_button,
            self.merge_button,
            self.up_button,
            self.down_button,
            self.retire_button,
            self.delete_button,
            self.undo_button,
            self.undo_merge_button,
        ):
            buttons.addWidget(button)
        buttons.addStretch(1)
        hint = QLabel(
            "双击名称或别名可直接修改；导入表格时，别名（如“中国共产党”）视为该条目（“中共”）。"
            "已被使用的条目不能删除，只能“停用”：停用后新记录中不再出现，已有记录保持不变；"
            "两个条目实为同一个时，用“合并到…”。"
        )
        hint.setObjectName("pageHint")
        hint.setWordWrap(True)
        middle = QVBoxLayout()
        middle.addWidget(self.table, 1)
        middle.addWidget(self.status)
        middle.addWidget(hint)
        layout = QHBoxLayout(self)
        layout.addWidget(self.kinds)
        layout.addLayout(middle, 1)
        layout.addLayout(buttons)

        # Bound methods, not lambdas holding self: safer when Qt deletes children.
        self.kinds.currentRowChanged.connect(self._kind_changed)
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        self.kinds.setCurrentRow(0)

    @property
    def kind(self) -> DictionaryKind:
        return DictionaryKind(self.kinds.currentItem().data(256))

    def select_kind(self, kind: DictionaryKind) -> None:
        self.kinds.setCurrentRow(list(KIND_LABELS).index(kind))

    def refresh(self) -> None:
        self.reload()

    def _kind_changed(self, _row: int) -> None:
        self.reload()

    def reload(self, select_uuid: str | None = None) -> None:
        if self.kinds.currentItem() is None:
            return
        selected = select_uuid or (self.selected().uuid if self.selected() else None)
        items = dictionaries.list_entries(self.database, self.kind)
        self.model.set_items(items, DESCRIPTION_LABELS.get(self.kind))
        no_description = DESCRIPTION_LABELS.get(self.kind) is None
        self.table.setColumnHidden(DictionaryTableModel.DESCRIPTION, no_description)
        # The last wide column takes the rest of the width.
        self.table.horizontalHeader().setSectionResizeMode(
            DictionaryTableModel.ALIASES,
            QHeaderView.ResizeMode.Stretch
            if no_description
            else QHeaderView.ResizeMode.Interactive,
        )
        row = self.model.row_of(selected) if selected else -1
        if row >= 0:
            self.table.selectRow(row)
        self._update_buttons()

    def selected(self) -> DictionaryItem | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.item(rows[0].row()) if rows else None

    def _update_buttons(self, *_selection: object) -> None:
        item = self.selected()
        for button in (
            self.rename_button,
            self.aliases_button,
            self.merge_button,
            self.up_button,
            self.down_button,
            self.retire_button,
        ):
            button.setEnabled(item is not None)
        self.delete_button.setEnabled(item is not None and not item.in_use)
        self.delete_button.setToolTip(
            "该条目已被使用，不能删除，只能停用。" if item is not None and item.in_use else ""
        )
        self.retire_button.setText("重新启用" if item is not None and item.retired else "停用")

    def _say(self, text: str) -> None:
        self.status.setText(text)

    def _run(self, action: Callable[..., object], *args: object) -> tuple[bool, object]:
        """Call a service; a known error becomes a message and changes nothing."""
        try:
            return True, action(*args)
        except KnownError as exc:
            report_error(self, exc)
            return False, None

    def add_entry(self) -> None:
        label = KIND_LABELS[self.kind]
        name, ok = QInputDialog.getText(self, f"新增{label}", f"{label}名称：")
        if not ok:
            return
        ok, item = self._run(dictionaries.add_entry, self.database, self.kind, name)
        if ok and isinstance(item, DictionaryItem):
            self.reload(select_uuid=item.uuid)
            self._say(f"已新增“{item.name}”。")

    def rename_selected(self) -> None:
        item = self.selected()
        if item is None:
            return
        name, ok = QInputDialog.getText(self, "重命名", "新名称：", text=item.name)
        if ok:
            self._edit_cell(item, DictionaryTableModel.NAME, name)

    def _edit_cell(self, item: DictionaryItem, column: int, text: str) -> bool:
        if column == DictionaryTableModel.NAME:
            done, _ = self._run(dictionaries.rename_entry, self.database, item.uuid, text)
            message = f"已将“{item.name}”改名为“{text.strip()}”。使用它的记录随之更新。"
        elif column == DictionaryTableModel.ALIASES:
            done, _ = self._run(dictionaries.set_aliases, self.database, item.uuid, text)
            message = f"已更新“{item.name}”的别名。"
        else:
            done, _ = self._run(dictionaries.set_description, self.database, item.uuid, text)
            message = f"已更新“{item.name}”的说明。"
        if done:
            # Reload after the view finishes its edit, never inside setData.
            self._reselect = item.uuid
            QTimer.singleShot(0, self._reload_after_edit)
            self._say(message)
        return done

    def edit_aliases(self) -> None:
        item = self.selected()
        if item is None:
            return
        text, ok = QInputDialog.getText(
            self,
            "别名",
            f"“{item.name}”的别名（多个用顿号“、”分隔）：",
            text=item.aliases_text,
        )
        if ok:
            self._edit_cell(item, DictionaryTableModel.ALIASES, text)

    def merge_selected(self) -> None:
        """Ask which entry the selected one is, then merge it there (undoable)."""
        item = self.selected()
        if item is None:
            return
        targets = [t for t in self.model.items() if t.uuid != item.uuid and not t.retired]
        if not targets:
            self._say(f"{KIND_LABELS[self.kind]}名录中没有可以合并到的其他条目。")
            return
        names = [t.name for t in targets]
        name, ok = QInputDialog.getItem(
            self, "合并到…", f"“{item.name}”与哪个条目是同一个？合并到：", names, 0, False
        )
        if not ok or name not in names:
            return
        target = targets[names.index(name)]
        question = (
            f"将“{item.name}”合并到“{target.name}”：\n\n"
            f"· 使用“{item.name}”的 {item.usage} 条记录改为“{target.name}”；\n"
            f"· “{item.name}”成为“{target.name}”的别名，以后导入时自动识别；\n"
            f"· “{item.name}”从列表中移去。\n\n合并后可以撤销。"
        )
        if not confirm(self, "合并条目", question, "合并"):
            return
        ok, result = self._run(merge_entries, self.database, item.uuid, target.uuid)
        if ok and isinstance(result, MergeResult):
            self._merged = result.undo
            self.undo_merge_button.show()
            self.reload(select_uuid=target.uuid)
            self._say(result.text + "如属误操作，请点“撤销合并”。")

    def undo_merge(self) -> None:
        if self._merged is None:
            return
        undo, self._merged = self._merged, None
        self.undo_merge_button.hide()
        ok, name = self._run(undo_merge, self.database, undo)
        if ok:
            self.reload()
            self._say(f"已撤销合并：“{name}”及使用它的记录已恢复。")

    def _reload_after_edit(self) -> None:
        self.reload(select_uuid=self._reselect)

    def move_up(self) -> None:
        self.move_selected(-1)

    def move_down(self) -> None:
        self.move_selected(1)

    def move_selected(self, offset: int) -> None:
        item = self.selected()
        if item is not None:
            self._run(dictionaries.move_entry, self.database, item.uuid, offset)
            self.reload(select_uuid=item.uuid)

    def toggle_retired(self) -> None:
        item = self.selected()
        if item is None:
            return
        self._run(dictionaries.set_retired, self.database, item.uuid, not item.retired)
        self.reload(select_uuid=item.uuid)
        self._say(f"已重新启用“{item.name}”。" if item.retired else f"已停用“{item.name}”。")

    def delete_selected(self) -> None:
        item = self.selected()
        if item is None:
            return
        if not confirm(self, "删除条目", f"确定删除“{item.name}”吗？删除后可以撤销。", "删除"):
            return
        deleted, _ = self._run(dictionaries.delete_entry, self.database, item.uuid)
        if not deleted:
            return
        self._deleted_uuid = item.uuid
        self.undo_button.show()
        self.reload()
        self._say(f"已删除“{item.name}”。如属误删，请点“撤销删除”。")

    def undo_delete(self) -> None:
        if self._deleted_uuid is None:
            return
        ok, item = self._run(dictionaries.undelete_entry, self.database, self._deleted_uuid)
        self._deleted_uuid = None
        self.undo_button.hide()
        if ok and isinstance(item, DictionaryItem):
            self.select_kind(item.kind)
            self.reload(select_uuid=item.uuid)
            self._say(f"已恢复“{item.name}”。")
