"""Choosing one or more members (报送人, 作者): a searchable list with check boxes."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QModelIndex, QObject, QSortFilterProxyModel, Qt, Signal
from PySide6.QtGui import QKeyEvent, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QLabel, QLineEdit, QListView, QVBoxLayout, QWidget

from ui.records.attendance_model import Candidate

UUID_ROLE = Qt.ItemDataRole.UserRole + 1
SEARCH_ROLE = Qt.ItemDataRole.UserRole + 2


class MemberPicker(QWidget):
    changed = Signal()

    def __init__(self, noun: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._noun = noun
        self._order: list[str] = []  # checked UUIDs, in the order they were checked
        self._loading = False
        self._read_only = False
        self._names: dict[str, str] = {}
        self.search = QLineEdit()
        self.search.setObjectName("memberSearch")
        self.search.setPlaceholderText("输入姓名、界别或单位查找")
        self.search.setClearButtonEnabled(True)
        self.model = QStandardItemModel(self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setFilterRole(SEARCH_ROLE)
        self.proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.list = QListView()
        self.list.setObjectName("memberList")
        self.list.setModel(self.proxy)
        self.list.setUniformItemSizes(True)
        self.chosen_label = QLabel()
        self.chosen_label.setObjectName("chosenMembers")
        self.chosen_label.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.search)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.chosen_label)
        self.search.textChanged.connect(self.proxy.setFilterFixedString)
        self.search.installEventFilter(self)
        self.model.itemChanged.connect(self._item_changed)
        self.list.clicked.connect(self.toggle_row)

    def set_members(self, people: list[Candidate], chosen: tuple[str, ...] = ()) -> None:
        self._loading = True  # setting check states is not the clerk ticking boxes
        self.model.clear()
        self._names = {p.uuid: p.name for p in people}
        self._order = [uuid for uuid in chosen if uuid in self._names]
        # The chosen first, so that an edit shows who is already on the record.
        people = sorted(people, key=lambda p: p.uuid not in self._order)
        for person in people:
            detail = " · ".join(t for t in (person.sector, person.employer) if t)
            text = f"{person.name}（{detail}）" if detail else person.name
            if person.left_label:
                text += f" [{person.left_label}]"
            item = QStandardItem(text)
            # Checked by toggle_row on a click on the line; not user-checkable, or the
            # view would toggle a click on the box a second time.
            item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
            item.setCheckState(
                Qt.CheckState.Checked if person.uuid in self._order else Qt.CheckState.Unchecked
            )
            item.setData(person.uuid, UUID_ROLE)
            item.setData(person.search_text, SEARCH_ROLE)
            self.model.appendRow(item)
        self._loading = False
        self._show_chosen()

    def chosen(self) -> tuple[str, ...]:
        return tuple(self._order)

    def form_value(self) -> tuple[str, ...]:
        """What a dialog compares to ask before closing (ui.common.unsaved): the
        ticked members, not the search box's text."""
        return self.chosen()

    def row_of(self, name: str) -> int:
        """The shown row of the first member with this name, or -1."""
        for row in range(self.proxy.rowCount()):
            uuid = self.proxy.index(row, 0).data(UUID_ROLE)
            if self._names.get(uuid) == name:
                return row
        return -1

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Enter in the search box picks the one member found; it never saves the dialog
        (a clerk typed a name, pressed Enter and was told to choose somebody)."""
        if (
            watched is self.search
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
        ):
            self._pick_the_one_found()
            return True
        return super().eventFilter(watched, event)

    def _pick_the_one_found(self) -> None:
        if self._read_only or self.proxy.rowCount() != 1 or not self.search.text().strip():
            return
        item = self.model.itemFromIndex(self.proxy.mapToSource(self.proxy.index(0, 0)))
        if item is not None and item.checkState() != Qt.CheckState.Checked:
            item.setCheckState(Qt.CheckState.Checked)
        self.search.clear()  # ready for the next name

    def set_read_only(self) -> None:
        """Only looked at: clicks change nothing and there is nobody to search for."""
        self._read_only = True
        self.search.hide()

    def toggle_row(self, index: QModelIndex) -> None:
        """A click anywhere on the line checks or unchecks it, not only on the small box."""
        if self._read_only:
            return
        item = self.model.itemFromIndex(self.proxy.mapToSource(index))
        if item is not None:
            checked = item.checkState() == Qt.CheckState.Checked
            item.setCheckState(Qt.CheckState.Unchecked if checked else Qt.CheckState.Checked)

    def _item_changed(self, item: QStandardItem) -> None:
        if self._loading:
            return
        uuid = item.data(UUID_ROLE)
        checked = item.checkState() == Qt.CheckState.Checked
        if checked and uuid not in self._order:
            self._order.append(uuid)
        elif not checked and uuid in self._order:
            self._order.remove(uuid)
        self._show_chosen()
        self.changed.emit()

    def _show_chosen(self) -> None:
        names = [self._names[uuid] for uuid in self._order]
        self.chosen_label.setText(
            f"已选{self._noun}：{'、'.join(names)}" if names else f"尚未选择{self._noun}"
        )
