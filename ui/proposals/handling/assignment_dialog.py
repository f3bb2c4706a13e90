"""交办: the units and how they handle it (one 主办 with 协办, or several 会办 or 分办),
the assignment date and the deadline the settings give; the three units the program
suggests, each with its reason, are shown first and taken with one click."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.common.errors import KnownError
from app.common.storage import Database
from app.common.text import day_text
from app.proposals.handling.assignment import (
    HandlingUnit,
    UnitChoice,
    assign_proposal,
    handling_units,
    proposed_deadline,
)
from app.proposals.handling.suggestions import UnitSuggestion, suggest_units_for
from app.proposals.handling.workdays import calendar_gap, deadline_rule_text, latest_deadline
from app.proposals.labels import ROLE_LABELS, UnitRole
from app.proposals.settings import load_proposal_settings
from app.proposals.views import ProposalDetail
from ui.common.dates import date_edit, day_of, set_day
from ui.common.screen_fit import resize_to_fit
from ui.common.tables import search_box
from ui.proposals.common import (
    FAR_FUTURE,
    HINT_STYLE,
    WARNING_STYLE,
    ActionDialog,
    make_button,
    make_label,
)

UUID_ROLE = Qt.ItemDataRole.UserRole + 1
WINDOW = (1000, 640)
SUGGESTIONS_HEIGHT = 260  # the suggestions' list where the screen has room
SUGGESTIONS_SHORT = 120  # …and where it has not: the header and two rows


class AssignmentDialog(ActionDialog):
    form_grows = True  # the suggestions and the units' lists take the room there is

    def __init__(self, database: Database, detail: ProposalDetail, parent: QWidget) -> None:
        about = f"{detail.row.number}　{detail.row.title}"
        super().__init__("交办", "assignmentDialog", about, parent)
        resize_to_fit(self, *WINDOW)
        self.database, self.uuid = database, detail.row.uuid
        self.settings = load_proposal_settings(database)
        self.units = {u.uuid: u for u in handling_units(database)}
        self.current = {a.unit_uuid for a in detail.current_assignments}
        self.chosen: list[UnitChoice] = []
        self.suggestions: list[UnitSuggestion] = suggest_units_for(database, detail.row.uuid)
        self.suggestion_table = self._suggestion_table()
        self.take_button = make_button("所选建议设为主办", "takeSuggestion", self.take_suggestion)
        self.assist_button = make_button("设为协办", "takeAsAssist", self.take_as_assist)
        self.search = search_box("输入单位名称或职能查找")
        self.unit_list = QListWidget()
        self.unit_list.setObjectName("unitList")
        self.role = QComboBox()
        self.role.setObjectName("unitRole")
        for role, label in ROLE_LABELS.items():
            self.role.addItem(label, role.value)
        self.add_button = make_button("加入 →", "addUnit", self.add_selected_unit)
        self.chosen_list = QListWidget()
        self.chosen_list.setObjectName("chosenUnits")
        self.remove_button = make_button("移除", "removeUnit", self.remove_unit)
        first_day = max(date.today(), detail.reviewed_on or date.today())
        self.assigned_on = date_edit("assignedOn", first_day, latest=FAR_FUTURE)
        self.deadline = date_edit("deadline", latest=FAR_FUTURE)
        self.rule = make_label("deadlineRule", HINT_STYLE)
        self.gap = make_label("calendarGap", WARNING_STYLE)
        self._lay_out()
        self._fill_units()
        self.search.textChanged.connect(self._fill_units)
        self.unit_list.itemDoubleClicked.connect(lambda _item: self.add_selected_unit())
        self.suggestion_table.cellDoubleClicked.connect(lambda *_: self.take_suggestion())
        self.assigned_on.dateChanged.connect(self._assigned_on_changed)
        self.deadline.dateChanged.connect(self._deadline_changed)
        self._assigned_on_changed()

    def form_value(self) -> tuple[UnitChoice, ...]:
        """The units chosen so far: closing asks before dropping them (ui.common.unsaved)."""
        return tuple(self.chosen)

    def _suggestion_table(self) -> QTableWidget:
        table = QTableWidget(len(self.suggestions), 2)
        table.setObjectName("unitSuggestions")
        table.setHorizontalHeaderLabels(["建议承办单位", "理由"])
        table.verticalHeader().setVisible(False)
        table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        table.setSelectionMode(QTableWidget.SelectionMode.SingleSelection)
        table.setWordWrap(True)
        table.horizontalHeader().setStretchLastSection(True)
        table.setColumnWidth(0, 190)
        for row, suggestion in enumerate(self.suggestions):
            table.setItem(row, 0, QTableWidgetItem(f"{row + 1}. {suggestion.unit_name}"))
            reason = QTableWidgetItem(suggestion.reason_text)
            reason.setToolTip(suggestion.reason_text)
            table.setItem(row, 1, reason)
        table.resizeRowsToContents()
        rows = sum(table.rowHeight(n) for n in range(table.rowCount()))
        needed = table.horizontalHeader().sizeHint().height() + rows + 4
        # At most its rows; on a short screen (1366×768 at 125 %) it gives way to about
        # two rows and scrolls: fixed at its full height it pushed 确定 below the edge.
        table.setMaximumHeight(min(SUGGESTIONS_HEIGHT, needed))
        full = self.height() >= WINDOW[1]  # the screen had room for the whole window
        table.setMinimumHeight(min(SUGGESTIONS_HEIGHT if full else SUGGESTIONS_SHORT, needed))
        table.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        if self.suggestions:
            table.selectRow(0)
        return table

    def _lay_out(self) -> None:
        self.form.addRow(QLabel("程序建议的承办单位（依据单位职能和历年相似提案的承办单位）："))
        if self.suggestions:
            self.form.addRow(self.suggestion_table)
            hint = make_label("takeHint", HINT_STYLE)
            hint.setText("双击建议也可设为主办；其他单位可在下面选择。")
            take = QHBoxLayout()
            take.addWidget(self.take_button)
            take.addWidget(self.assist_button)
            take.addWidget(hint, 1)
            self.form.addRow(take)
        else:
            self.suggestion_table.hide()
            note = make_label("noSuggestion", HINT_STYLE)
            note.setText(
                "没有可建议的单位：请在下面选择（承办单位及其职能在“系统设置 → 基础名录”中维护）。"
            )
            self.form.addRow(note)
        pick = QGridLayout()
        pick.addWidget(QLabel("全部承办单位"), 0, 0)
        pick.addWidget(QLabel("本次交办"), 0, 2)
        pick.addWidget(self.search, 1, 0)
        pick.addWidget(self.unit_list, 2, 0)
        middle = QVBoxLayout()
        middle.addStretch(1)
        middle.addWidget(QLabel("办理方式"))
        middle.addWidget(self.role)
        middle.addWidget(self.add_button)
        middle.addWidget(self.remove_button)
        middle.addStretch(1)
        pick.addLayout(middle, 2, 1)
        pick.addWidget(self.chosen_list, 1, 2, 2, 1)
        self.form.addRow(pick)
        dates = QHBoxLayout()
        dates.addWidget(QLabel("交办日期"))
        dates.addWidget(self.assigned_on)
        dates.addSpacing(16)
        dates.addWidget(QLabel("办理期限"))
        dates.addWidget(self.deadline)
        dates.addWidget(self.rule, 1)
        self.form.addRow(dates)
        self.form.addRow(self.gap)

    # --- units -------------------------------------------------------------------

    def _fill_units(self, *_args: object) -> None:
        wanted = self.search.text().strip()
        self.unit_list.clear()
        for unit in self.units.values():
            if wanted and wanted not in unit.name and wanted not in unit.functions:
                continue
            item = QListWidgetItem(unit.name, self.unit_list)
            item.setData(UUID_ROLE, unit.uuid)
            item.setToolTip(f"职能：{unit.functions}" if unit.functions else unit.name)
            if unit.uuid in self.current:
                item.setText(f"{unit.name}（已在办理）")
                item.setFlags(Qt.ItemFlag.NoItemFlags)

    def add_selected_unit(self) -> None:
        item = self.unit_list.currentItem()
        if item is not None and item.flags() & Qt.ItemFlag.ItemIsEnabled:
            self.add_unit(item.data(UUID_ROLE), UnitRole(self.role.currentData()))

    def add_unit(self, unit_uuid: str, role: UnitRole) -> None:
        if unit_uuid in self.current:
            return
        self.chosen = [c for c in self.chosen if c.unit_uuid != unit_uuid]
        self.chosen.append(UnitChoice(unit_uuid, role))
        if role is UnitRole.LEAD:  # one lead unit: the role box moves on to 协办
            self.role.setCurrentIndex(self.role.findData(UnitRole.ASSIST.value))
        self._show_chosen()

    def remove_unit(self) -> None:
        row = self.chosen_list.currentRow()
        if row >= 0:
            del self.chosen[row]
            self._show_chosen()

    def _show_chosen(self) -> None:
        self.chosen_list.clear()
        order = {UnitRole.LEAD: 0, UnitRole.JOINT: 0, UnitRole.SPLIT: 0, UnitRole.ASSIST: 1}
        self.chosen.sort(key=lambda c: order[c.role])
        for choice in self.chosen:
            unit: HandlingUnit = self.units[choice.unit_uuid]
            QListWidgetItem(f"{unit.name}（{ROLE_LABELS[choice.role]}）", self.chosen_list)

    def _chosen_suggestion(self) -> UnitSuggestion | None:
        rows = self.suggestion_table.selectionModel().selectedRows()
        return self.suggestions[rows[0].row()] if rows else None

    def take_suggestion(self) -> None:
        """The chosen suggestion as 主办 (the lead unit, replacing an earlier choice)."""
        suggestion = self._chosen_suggestion()
        if suggestion is None:
            return
        self.chosen = [c for c in self.chosen if c.role is not UnitRole.LEAD]
        self.add_unit(suggestion.unit_uuid, UnitRole.LEAD)

    def take_as_assist(self) -> None:
        suggestion = self._chosen_suggestion()
        if suggestion is not None:
            self.add_unit(suggestion.unit_uuid, UnitRole.ASSIST)

    # --- dates ---------------------------------------------------------------------

    def _assigned_on_changed(self, *_args: object) -> None:
        day = day_of(self.assigned_on)
        set_day(self.deadline, proposed_deadline(self.database, day))
        self.rule.setText(f"（{deadline_rule_text(self.settings)}）")

    def _deadline_changed(self, *_args: object) -> None:
        due = day_of(self.deadline)
        gap = calendar_gap(self.settings, due)
        latest = latest_deadline(day_of(self.assigned_on), self.settings)
        if due > latest:
            gap = f"办理期限超过了最长期限{day_text(latest)}。" + gap
        self.gap.setText(gap)
        self.gap.setVisible(bool(gap))

    def act(self) -> None:
        if not self.chosen:
            raise KnownError("请至少选择一个承办单位。", "可采用程序建议的单位，或在列表中选择。")
        assign_proposal(
            self.database,
            self.uuid,
            self.chosen,
            day_of(self.assigned_on),
            day_of(self.deadline),
        )
