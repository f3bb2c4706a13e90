"""系统设置 → 提案设置: who is at the keyboard (操作人: the signed-in user, shown, not
typed), the numbering pattern, the handling deadline in months or
working days, and holidays and 调休 days beyond the years the calendar package knows."""

from __future__ import annotations

import dataclasses
from datetime import date

from PySide6.QtWidgets import (
    QButtonGroup,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QRadioButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app.common.errors import KnownError
from app.common.operator import current_operator
from app.common.sheets.values import DateProblem, match_date_text
from app.common.storage import Database
from app.common.text import chinese_number
from app.proposals.handling.workdays import KNOWN_UNTIL
from app.proposals.settings import (
    MAX_HAND_BACK_DAYS,
    ProposalSettings,
    load_proposal_settings,
    save_proposal_settings,
    settings_problems,
)
from ui.common.errors import show_known_error
from ui.common.widgets import add_save_shortcut
from ui.proposals.common import HINT_STYLE, make_button, make_label


def _spin(name: str, low: int, high: int, suffix: str) -> QSpinBox:
    spin = QSpinBox()
    spin.setObjectName(name)
    spin.setRange(low, high)
    spin.setSuffix(suffix)
    return spin


def _dates(edit: QPlainTextEdit, what: str) -> tuple[str, ...]:
    """One date a line, in any form a clerk types (2027.10.1, 2027年10月1日 …)."""
    found: list[str] = []
    for line in edit.toPlainText().splitlines():
        if not line.strip():
            continue
        try:
            parsed = match_date_text(line)
        except DateProblem as exc:
            raise KnownError(f"{what}：{exc}", "请每行写一个日期，例如 2027-10-01。") from exc
        if parsed is None or not parsed[1]:
            raise KnownError(
                f"{what}：“{line.strip()}”不是日期。", "请每行写一个日期，例如 2027-10-01。"
            )
        found.append(parsed[0].isoformat())
    return tuple(sorted(set(found)))


def example_number(pattern: str, digits: int) -> str:
    return (
        pattern.replace("{届}", chinese_number(10))
        .replace("{次}", chinese_number(5))
        .replace("{年}", str(date.today().year))
        .replace("{号}", f"{1:0{max(1, min(digits, 6))}d}")
    )


class ProposalSettingsPanel(QWidget):
    def __init__(self, database: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.database = database
        self.operator = QLineEdit()
        self.operator.setObjectName("operatorName")
        self.operator.setReadOnly(True)  # the signed-in user (accounts replaced the setting)
        self.pattern = QLineEdit()
        self.pattern.setObjectName("numberPattern")
        self.digits = _spin("numberDigits", 1, 6, " 位")
        self.example = make_label("numberExample", HINT_STYLE)
        self.by_months = QRadioButton("按月计算")
        self.by_months.setObjectName("deadlineByMonths")
        self.by_workdays = QRadioButton("按工作日计算（扣除法定节假日，含调休）")
        self.by_workdays.setObjectName("deadlineByWorkdays")
        group = QButtonGroup(self)
        group.addButton(self.by_months)
        group.addButton(self.by_workdays)
        self.months = _spin("deadlineMonths", 1, 24, " 个月")
        self.max_months = _spin("deadlineMaxMonths", 1, 24, " 个月")
        self.workdays = _spin("deadlineWorkdays", 1, 500, " 个工作日")
        self.max_workdays = _spin("deadlineMaxWorkdays", 1, 500, " 个工作日")
        self.due_soon = _spin("dueSoonDays", 0, 90, " 天")
        self.hand_back = _spin("handBackWorkdays", 0, MAX_HAND_BACK_DAYS, " 个工作日")
        self.hand_back.setSpecialValueText("不限")
        self.hand_back.setToolTip("承办单位申请退回调整的期限，自交办之日起按工作日计算；0 为不限")
        self.holidays = QPlainTextEdit()
        self.holidays.setObjectName("extraHolidays")
        self.extra_workdays = QPlainTextEdit()
        self.extra_workdays.setObjectName("extraWorkdays")
        for edit in (self.holidays, self.extra_workdays):
            edit.setPlaceholderText("每行一个日期，例如\n2027-10-01\n2027-10-02")
        self.save_button = make_button("保存设置", "primaryButton", self.save)
        self.status = make_label("settingsStatus")
        add_save_shortcut(self, self.save_button.click)
        self._lay_out()
        self.pattern.textChanged.connect(self._show_example)
        self.digits.valueChanged.connect(self._show_example)
        self.by_months.toggled.connect(self._deadline_kind_changed)

    def _lay_out(self) -> None:
        operator = QGroupBox("操作人")
        form = QFormLayout(operator)
        form.addRow("操作人姓名", self.operator)
        note = make_label("operatorHint", HINT_STYLE)
        note.setText("提案办理过程的每一步都记下日期和操作人，操作人即当前登录的用户。")
        form.addRow(note)
        numbering = QGroupBox("提案编号")
        form = QFormLayout(numbering)
        form.addRow("编号格式", self.pattern)
        form.addRow("流水号位数", self.digits)
        form.addRow("示例", self.example)
        hint = make_label("patternHint", HINT_STYLE)
        hint.setText(
            "{届} 届次，{次} 会议次数，{年} 年度，{号} 流水号（必填）。"
            "例如“{届}届{次}次会议第{号}号”或“{年}年第{号}号”。"
        )
        # Two lines at the width the tab gives it: counted as one in the tab's least
        # height, it took the room of 办理期限 below, whose boxes were cut off at 125 %.
        hint.setMinimumHeight(2 * hint.fontMetrics().lineSpacing())
        form.addRow(hint)
        deadline = QGroupBox("办理期限")
        grid = QGridLayout(deadline)
        grid.addWidget(self.by_months, 0, 0, 1, 4)
        self._row(grid, 1, "一般期限", self.months, "最长（含延期）", self.max_months)
        grid.addWidget(self.by_workdays, 2, 0, 1, 4)
        self._row(grid, 3, "一般期限", self.workdays, "最长（含延期）", self.max_workdays)
        self._row(grid, 4, "即将到期提醒", self.due_soon, "退回调整期限", self.hand_back)
        holidays = QGroupBox("节假日（按工作日计算期限时使用）")
        grid = QGridLayout(holidays)
        known = make_label("calendarKnown", HINT_STYLE)
        known.setText(
            f"程序已包含{KNOWN_UNTIL.year}年及以前国务院公布的节假日和调休安排。"
            f"{KNOWN_UNTIL.year + 1}年起，请按国务院办公厅的通知录入："
        )
        grid.addWidget(known, 0, 0, 1, 2)
        grid.addWidget(QLabel("放假日期"), 1, 0)
        grid.addWidget(QLabel("调休上班日期"), 1, 1)
        grid.addWidget(self.holidays, 2, 0)
        grid.addWidget(self.extra_workdays, 2, 1)
        left = QVBoxLayout()
        left.addWidget(operator)
        left.addWidget(numbering)
        left.addWidget(deadline)
        left.addStretch(1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.status, 1)
        buttons.addWidget(self.save_button)
        # 保存设置 under the holidays, whose lists give way, not under both columns: the
        # form then fits 1366×768 at 100 % and scrolls least at 125 %.
        right = QVBoxLayout()
        right.addWidget(holidays, 1)
        right.addLayout(buttons)
        columns = QHBoxLayout(self)
        columns.addLayout(left, 1)
        columns.addLayout(right, 1)

    @staticmethod
    def _row(grid: QGridLayout, row: int, left: str, first, right: str, second) -> None:
        for column, (text, widget) in enumerate(((left, first), (right, second))):
            if widget is None:
                continue
            grid.addWidget(QLabel(text), row, column * 2)
            grid.addWidget(widget, row, column * 2 + 1)

    def refresh(self) -> None:
        settings = load_proposal_settings(self.database)
        self.operator.setText(current_operator(self.database))
        self.pattern.setText(settings.number_pattern)
        self.digits.setValue(settings.number_digits)
        self.by_workdays.setChecked(settings.count_working_days)
        self.by_months.setChecked(not settings.count_working_days)
        self.months.setValue(settings.deadline_months)
        self.max_months.setValue(settings.deadline_max_months)
        self.workdays.setValue(settings.deadline_working_days)
        self.max_workdays.setValue(settings.deadline_max_working_days)
        self.due_soon.setValue(settings.due_soon_days)
        self.hand_back.setValue(settings.hand_back_working_days)
        self.holidays.setPlainText("\n".join(settings.extra_holidays))
        self.extra_workdays.setPlainText("\n".join(settings.extra_workdays))
        self._show_example()
        self._deadline_kind_changed()
        self.status.clear()

    def _show_example(self, *_args: object) -> None:
        self.example.setText(example_number(self.pattern.text(), self.digits.value()))

    def _deadline_kind_changed(self, *_args: object) -> None:
        months = self.by_months.isChecked()
        for spin in (self.months, self.max_months):
            spin.setEnabled(months)
        for spin in (self.workdays, self.max_workdays):
            spin.setEnabled(not months)

    def chosen(self) -> ProposalSettings:
        return dataclasses.replace(
            load_proposal_settings(self.database),
            number_pattern=self.pattern.text().strip(),
            number_digits=self.digits.value(),
            count_working_days=self.by_workdays.isChecked(),
            deadline_months=self.months.value(),
            deadline_max_months=self.max_months.value(),
            deadline_working_days=self.workdays.value(),
            deadline_max_working_days=self.max_workdays.value(),
            due_soon_days=self.due_soon.value(),
            hand_back_working_days=self.hand_back.value(),
            extra_holidays=_dates(self.holidays, "放假日期"),
            extra_workdays=_dates(self.extra_workdays, "调休上班日期"),
        )

    def save(self) -> bool:
        """All or nothing: nothing is stored while any setting is wrong."""
        try:
            settings = self.chosen()
            problems = settings_problems(settings)
            if problems:
                raise KnownError("设置未保存：\n" + "\n".join(problems), "请修改后再试。")
            save_proposal_settings(self.database, settings)
        except KnownError as exc:
            show_known_error(self, exc, "未能保存")
            return False
        self.refresh()
        self.status.setText("已保存。")
        return True
