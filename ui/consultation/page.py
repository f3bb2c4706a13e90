"""协商: a year of consultation work — the annual plan and its topics (with research),
the meetings and activities (the one meeting editor, shared with 履职记录), and the
outcomes with leaders' instructions, follow-up and feedback; the year in figures
above them. At the city, the plan, meetings and outcomes tabs each have a 单位 filter (a
county's records, read-only); the years and figures follow the tab's choice."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import QHBoxLayout, QLabel, QTabWidget, QWidget

from app.common.storage import Database
from app.consultation.figures import year_figures
from app.consultation.plan.plans import plan_years
from app.office.scope import ALL_OFFICES
from ui.common.widgets import Page
from ui.consultation.fields import ChoiceCombo
from ui.consultation.meetings.meetings_tab import MeetingsTab
from ui.consultation.outcomes.outcomes_tab import OutcomesTab
from ui.consultation.plan.plan_tab import PlanTab


class ConsultationPage(Page):
    title = "协商"
    hint = (
        "年度协商计划 → 调研 → 协商会议 → 协商成果 → 领导批示 → 部门落实 → 反馈委员。"
        "会议活动与“履职记录”中的是同一批记录，出席情况计入五个一考核。"
    )

    def __init__(self, database: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.database = database
        self.year = ChoiceCombo("consultationYear")
        self.figures = QLabel()
        self.figures.setObjectName("yearFigures")
        self.figures.setWordWrap(True)
        self.plan = PlanTab(database, self.show_figures)
        self.meetings = MeetingsTab(database)
        self.outcomes = OutcomesTab(database, self.show_figures)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("consultationTabs")
        self.tabs.addTab(self.plan, "年度协商计划")
        self.tabs.addTab(self.meetings, "会议活动")
        self.tabs.addTab(self.outcomes, "协商成果")
        top = QHBoxLayout()
        top.addWidget(QLabel("年度"))
        top.addWidget(self.year)
        top.addSpacing(12)
        top.addWidget(self.figures, 1)
        self.page_layout.addLayout(top)
        self.page_layout.addWidget(self.tabs, 1)
        self.year.currentIndexChanged.connect(self._year_changed)
        self.tabs.currentChanged.connect(lambda _i: self.refresh())
        for tab in (self.plan, self.meetings, self.outcomes):
            tab.office.changed.connect(self.refresh)
        self._fill_years()

    def _fill_years(self) -> None:
        chosen = self.year.value() or date.today().year
        self.year.blockSignals(True)
        # The chosen year stays offered: another 单位 may have no plan for it yet.
        years = set(plan_years(self.database, self._office_code(every=True))) | {chosen}
        self.year.set_choices({y: f"{y}年" for y in sorted(years, reverse=True)})
        self.year.set_value(chosen)
        self.year.blockSignals(False)

    def _office_code(self, every: bool = False) -> str | None:
        """The current tab's 单位 choice: a county's code, ALL_OFFICES (with `every`),
        or None for this office."""
        tab = self.tabs.currentWidget()
        code = tab.office.code()
        return code if every or code != ALL_OFFICES else None

    def chosen_year(self) -> int:
        return int(self.year.value() or date.today().year)

    def show_year(self, year: int) -> None:
        self.year.set_value(year)  # a change shows the year's plan, meetings and outcomes

    def _year_changed(self) -> None:
        year = self.chosen_year()
        if self.meetings.year.findData(year) >= 0:
            self.meetings.show_year(year)
        self.refresh()

    def refresh(self) -> None:
        self._fill_years()
        year = self.chosen_year()
        tab = self.tabs.currentWidget()
        if tab is self.plan:
            self.plan.show_year(year)
        elif tab is self.outcomes:
            self.outcomes.show_year(year)
        else:
            self.meetings.refresh()
        self.show_figures()

    def show_figures(self) -> None:
        code = self._office_code()
        figures = year_figures(self.database, self.chosen_year(), code)
        lines = figures.lines()
        office = f"{self.tabs.currentWidget().office.combo.currentText()}　" if code else ""
        self.figures.setText(f"{office}{lines[0]}；{lines[2]}\n{lines[3]}\n{lines[4]}")
