"""届次与会议: the office's terms (届) and the plenary sessions (次会议) of each.

The tree shows terms newest first with their sessions as children. Each
dialog saves through app.office.terms itself and stays open when the
service refuses, so the clerk can correct the input.
"""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import QDate, QModelIndex, Qt, Signal
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from app.common.errors import KnownError
from app.common.storage import Database
from app.common.text import day_text as day_text_of
from app.common.text import session_label, term_label
from app.office.terms import SessionItem, TermItem, add_term, list_terms, save_session
from ui.common.dates import DateEdit
from ui.common.errors import show_known_error
from ui.common.unsaved import DiscardGuard
from ui.common.widgets import enter_needs_button
from ui.security.guard import guard_writes

TERM_UUID_ROLE = Qt.ItemDataRole.UserRole + 1  # on every row belonging to a term
SESSION_NUMBER_ROLE = Qt.ItemDataRole.UserRole + 2  # on session rows only

COLUMNS = ("届次/会议", "开幕日期", "闭幕日期")
NAME_COLUMN, START_COLUMN, END_COLUMN = range(3)

TERM_YEARS = 5
MAX_SESSIONS = 10
PLENARY_DAYS = 2  # a county plenary usually sits for three days: end = start + 2
NO_SESSIONS_TEXT = "本届尚未登记全体会议。选中本届后点击“登记全体会议”。"
NO_TERMS_TEXT = "尚未设置届次。请点击“新增届次”。"
NAME_COLUMN_WIDTH = 300
DIALOG_WIDTH = 380


def day_text(day: date | None) -> str:
    return day_text_of(day) if day else "未填"


class TermsEditor(QWidget):
    def __init__(self, database: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.database = database
        self._terms: list[TermItem] = []
        self.model = QStandardItemModel(0, len(COLUMNS), self)
        self.model.setHorizontalHeaderLabels(list(COLUMNS))
        self.tree = QTreeView()
        self.tree.setObjectName("termsTree")
        self.tree.setModel(self.model)
        self.tree.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.tree.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.tree.setUniformRowHeights(True)
        header = self.tree.header()
        header.resizeSection(NAME_COLUMN, NAME_COLUMN_WIDTH)  # dates stay near the names
        date_width = self.tree.fontMetrics().horizontalAdvance("2000年00月00日") + 36
        header.resizeSection(START_COLUMN, date_width)
        self.tree.doubleClicked.connect(self._row_double_clicked)
        self.tree.selectionModel().currentRowChanged.connect(self._update_buttons)

        self.add_term_button = QPushButton("新增届次")
        self.add_term_button.setObjectName("addTermButton")
        self.add_term_button.clicked.connect(self.open_term_dialog)
        self.add_session_button = QPushButton("登记全体会议")
        self.add_session_button.setObjectName("addSessionButton")
        self.add_session_button.clicked.connect(self._add_session_clicked)
        self.edit_session_button = QPushButton("修改会议日期")
        self.edit_session_button.setObjectName("editSessionButton")
        self.edit_session_button.clicked.connect(self._edit_session_clicked)
        guard_writes(
            database, self.add_term_button, self.add_session_button, self.edit_session_button
        )
        hint = QLabel("换届时新增届次；每年全体会议召开后，选中本届登记会议日期。双击会议可修改。")
        hint.setObjectName("pageHint")
        hint.setWordWrap(True)

        buttons = QHBoxLayout()
        for button in (self.add_term_button, self.add_session_button, self.edit_session_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(buttons)
        layout.addWidget(hint)
        layout.addWidget(self.tree, 1)
        self._update_buttons()

    def refresh(self, select: tuple[str, int | None] | None = None) -> None:
        """Reload the terms; keep (or move to `select`) the selected term/session."""
        select = select or self._selected_key()
        self._terms = list_terms(self.database)
        self.model.removeRows(0, self.model.rowCount())
        for term in self._terms:
            self.model.appendRow(_term_row(term))
        if not self._terms:
            self.model.appendRow(_placeholder_row(NO_TERMS_TEXT, ""))
        self.tree.expandAll()
        for row in range(self.model.rowCount()):
            self.tree.setFirstColumnSpanned(row, QModelIndex(), not self._terms)
            parent = self.model.index(row, 0)
            for child in range(self.model.rowCount(parent)):
                spanned = self.model.index(child, 0, parent).data(SESSION_NUMBER_ROLE) is None
                self.tree.setFirstColumnSpanned(child, parent, spanned)
        self._select(select)
        self._update_buttons()

    # --- dialogs -----------------------------------------------------------

    def open_term_dialog(self) -> TermDialog:
        newest = self._terms[0] if self._terms else None
        if newest is None:
            number, first_year = 1, date.today().year
        else:
            number, first_year = newest.number + 1, newest.last_year
        dialog = TermDialog(self.database, number, first_year, self)
        dialog.saved.connect(self._term_saved)
        dialog.open()
        return dialog

    def open_session_dialog(self, term_uuid: str, number: int | None = None) -> SessionDialog:
        term = next(t for t in self._terms if t.uuid == term_uuid)
        if number is None:
            held = [s.number for s in term.sessions]
            number = min(max(held, default=0) + 1, MAX_SESSIONS)
        dialog = SessionDialog(self.database, term, number, self)
        dialog.saved.connect(self._session_saved)
        dialog.open()
        return dialog

    # Bound methods, not lambdas: a lambda holding `self` on a dialog's signal
    # can outlive (and then destroy) the editor while the dialog is being deleted.
    def _term_saved(self, term_uuid: str) -> None:
        self.refresh(select=(term_uuid, None))

    def _session_saved(self, term_uuid: str, number: int) -> None:
        self.refresh(select=(term_uuid, number))

    # --- selection ---------------------------------------------------------

    def _selected_key(self) -> tuple[str, int | None] | None:
        index = self.tree.currentIndex().siblingAtColumn(NAME_COLUMN)
        term_uuid = index.data(TERM_UUID_ROLE)
        return (term_uuid, index.data(SESSION_NUMBER_ROLE)) if term_uuid else None

    def _select(self, key: tuple[str, int | None] | None) -> None:
        target = self.model.index(0, 0)
        for row in range(self.model.rowCount()):
            term_index = self.model.index(row, 0)
            if key is None or term_index.data(TERM_UUID_ROLE) != key[0]:
                continue
            target = term_index
            for child in range(self.model.rowCount(term_index)):
                session_index = self.model.index(child, 0, term_index)
                if key[1] is not None and session_index.data(SESSION_NUMBER_ROLE) == key[1]:
                    target = session_index
        if target.isValid():
            self.tree.setCurrentIndex(target)
            self.tree.scrollTo(target)

    def _update_buttons(self) -> None:
        key = self._selected_key()
        self.add_session_button.setEnabled(key is not None)
        self.edit_session_button.setEnabled(key is not None and key[1] is not None)

    def _add_session_clicked(self) -> None:
        key = self._selected_key()
        if key is not None:
            self.open_session_dialog(key[0])

    def _edit_session_clicked(self) -> None:
        key = self._selected_key()
        if key is not None and key[1] is not None:
            self.open_session_dialog(key[0], key[1])

    def _row_double_clicked(self, index: QModelIndex) -> None:
        name_index = index.siblingAtColumn(NAME_COLUMN)
        term_uuid = name_index.data(TERM_UUID_ROLE)
        number = name_index.data(SESSION_NUMBER_ROLE)
        if number is not None:
            self.open_session_dialog(term_uuid, number)
        elif term_uuid and index.parent().isValid():  # the "no sessions yet" row
            self.open_session_dialog(term_uuid)


def _term_row(term: TermItem) -> list[QStandardItem]:
    name = QStandardItem(term.label)
    name.setData(term.uuid, TERM_UUID_ROLE)
    font = name.font()
    font.setBold(True)
    name.setFont(font)
    for plenary in sorted(term.sessions, key=lambda s: s.number):
        name.appendRow(_session_row(term.uuid, plenary))
    if not term.sessions:
        name.appendRow(_placeholder_row(NO_SESSIONS_TEXT, term.uuid))
    return [name, QStandardItem(), QStandardItem()]


def _session_row(term_uuid: str, plenary: SessionItem) -> list[QStandardItem]:
    row = [
        QStandardItem(plenary.label),
        QStandardItem(day_text(plenary.start_date)),
        QStandardItem(day_text(plenary.end_date)),
    ]
    for item in row:
        item.setData(term_uuid, TERM_UUID_ROLE)
        item.setData(plenary.number, SESSION_NUMBER_ROLE)
    return row


def _placeholder_row(text: str, term_uuid: str) -> list[QStandardItem]:
    item = QStandardItem(text)
    item.setData(term_uuid or None, TERM_UUID_ROLE)
    item.setForeground(Qt.GlobalColor.darkGray)
    font = item.font()
    font.setItalic(True)
    item.setFont(font)
    return [item, QStandardItem(), QStandardItem()]


def _button_box(dialog: QDialog) -> QDialogButtonBox:
    box = QDialogButtonBox(
        QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
    )
    save = box.button(QDialogButtonBox.StandardButton.Save)
    save.setText("保存")
    save.setObjectName("saveButton")
    cancel = box.button(QDialogButtonBox.StandardButton.Cancel)
    cancel.setText("取消")
    cancel.setObjectName("cancelButton")
    box.accepted.connect(dialog.accept)
    box.rejected.connect(dialog.reject)
    # Enter in the first field saved a term or a session at once, and neither can be
    # deleted: 保存 itself must be pressed.
    enter_needs_button(dialog)
    return box


class TermDialog(QDialog):
    """新增届次: number and years; the last year follows the first (+5)."""

    saved = Signal(str)  # the new term's uuid

    def __init__(
        self, database: Database, number: int, first_year: int, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.database = database
        self.setObjectName("termDialog")
        self.setWindowTitle("新增届次")
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.number = QSpinBox()
        self.number.setObjectName("termNumber")
        self.number.setRange(1, 99)
        self.number.setPrefix("第 ")
        self.number.setSuffix(" 届")
        self.number.setValue(number)
        self.first_year = _year_spin("termFirstYear", first_year)
        self.last_year = _year_spin("termLastYear", first_year + TERM_YEARS)
        self.first_year.valueChanged.connect(self._follow_first_year)
        self.setMinimumWidth(DIALOG_WIDTH)
        note = QLabel("一届通常为5年，终止年份随起始年份自动填写，可以修改。")
        note.setObjectName("pageHint")
        note.setWordWrap(True)
        form = QFormLayout()
        form.addRow("届次：", self.number)
        form.addRow("起始年份：", self.first_year)
        form.addRow("终止年份：", self.last_year)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(note)
        layout.addWidget(_button_box(self))
        self.discard_guard = DiscardGuard(self)

    def reject(self) -> None:
        """取消, Esc or the ×: changed numbers or dates are not thrown away unasked."""
        if self.discard_guard.allows_close():
            super().reject()

    def _follow_first_year(self, year: int) -> None:
        self.last_year.setValue(year + TERM_YEARS)

    def accept(self) -> None:
        try:
            term = add_term(
                self.database, self.number.value(), self.first_year.value(), self.last_year.value()
            )
        except KnownError as exc:
            show_known_error(self, exc, "届次未保存")
            return
        self.saved.emit(term.uuid)
        super().accept()


def _year_spin(name: str, year: int) -> QSpinBox:
    spin = QSpinBox()
    spin.setObjectName(name)
    spin.setRange(1949, 2100)
    spin.setSuffix(" 年")
    spin.setValue(year)
    return spin


class SessionDialog(QDialog):
    """登记全体会议: which session of the term and its opening and closing dates.

    Choosing a session that is already recorded fills in its dates; saving
    then corrects them.
    """

    saved = Signal(str, int)  # term uuid, session number

    def __init__(
        self, database: Database, term: TermItem, number: int, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.database = database
        self.term = term
        self.setObjectName("sessionDialog")
        self.setWindowTitle("登记全体会议")
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.number = QSpinBox()
        self.number.setObjectName("sessionNumber")
        self.number.setRange(1, MAX_SESSIONS)
        self.number.setPrefix("第 ")
        self.number.setSuffix(" 次会议")
        self.start = _date_edit("sessionStart", term)
        self.end = _date_edit("sessionEnd", term)
        self.note = QLabel()
        self.note.setObjectName("sessionNote")
        self.note.setWordWrap(True)
        self._gap = timedelta(days=PLENARY_DAYS)
        self.number.setValue(number)
        self._fill(number)
        self.start.dateChanged.connect(self._move_end)
        self.end.dateChanged.connect(self._remember_gap)
        self.number.valueChanged.connect(self._fill)

        self.setMinimumWidth(DIALOG_WIDTH)
        form = QFormLayout()
        form.addRow("届次：", QLabel(term.label))
        form.addRow("会议：", self.number)
        form.addRow("开幕日期：", self.start)
        form.addRow("闭幕日期：", self.end)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.note)
        layout.addWidget(_button_box(self))
        self.discard_guard = DiscardGuard(self)

    def reject(self) -> None:
        """取消, Esc or the ×: changed numbers or dates are not thrown away unasked."""
        if self.discard_guard.allows_close():
            super().reject()

    def _fill(self, number: int) -> None:
        existing = next((s for s in self.term.sessions if s.number == number), None)
        start = existing.start_date if existing and existing.start_date else self._guess(number)
        end = existing.end_date if existing and existing.end_date else start + self._gap
        self.start.setDate(QDate(start))
        self.end.setDate(QDate(end))
        self.note.setText(
            f"{session_label(number)}已登记，保存将修改其日期。"
            if existing
            else f"将登记{term_label(self.term.number)}{session_label(number)}。"
        )

    def _guess(self, number: int) -> date:
        """The Nth session is normally held in the Nth year of the term, early in the year."""
        year = min(self.term.first_year + number - 1, self.term.last_year)
        today = date.today()
        return today if today.year == year else date(year, 3, 1)

    def _move_end(self, start: QDate) -> None:
        self.end.setDate(start.addDays(self._gap.days))

    def _remember_gap(self, end: QDate) -> None:
        gap = self.start.date().daysTo(end)
        if gap >= 0:
            self._gap = timedelta(days=gap)

    def accept(self) -> None:
        try:
            item = save_session(
                self.database,
                self.term.uuid,
                self.number.value(),
                self.start.date().toPython(),
                self.end.date().toPython(),
            )
        except KnownError as exc:
            show_known_error(self, exc, "会议未保存")
            return
        self.saved.emit(self.term.uuid, item.number)
        super().accept()


def _date_edit(name: str, term: TermItem) -> QDateEdit:
    edit = DateEdit()
    edit.setObjectName(name)
    edit.setDateRange(QDate(term.first_year, 1, 1), QDate(term.last_year, 12, 31))
    return edit
