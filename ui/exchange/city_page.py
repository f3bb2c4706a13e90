"""全市汇总: each county side by side, as a table and as bar charts, exported to Excel."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.common.storage import Database
from app.exchange.city.city_view import (
    CityView,
    CountyFigures,
    city_view,
    county_data_years,
    opening_year,
)
from app.exchange.city.city_workbook import columns, totals, write_city_workbook
from app.office.labels import OfficeLevel
from app.office.office import office_info
from ui.common.files import XLSX_FILTER, FileFolders, ask_save_path
from ui.common.jobs import run_job, when_ended
from ui.common.outputs import OutputBar
from ui.common.tables import RIGHT, Column, ColumnTableModel
from ui.common.widgets import Page
from ui.exchange.bars import BarChart, Series

GROUPS = ("提案", "办理结果", "协商议题与成果")
TABLE_SHARE = 0.62  # of the page's width at most; the charts keep the rest
EMPTY_TEXT = (
    "还没有任何县（市、区）的数据。\n\n"
    "全市汇总比较的是各县（市、区）用U盘报来的交换文件。请到“文件交换”页：\n"
    "先与各县（市、区）互换单位名片、电话核对指纹，再导入U盘上各县发来的交换文件。\n"
    "导入后，这里按年度并列显示各县的数据。"
)
Figure = tuple[str, Callable[[CountyFigures], object]]


class CityPage(Page):
    shown = Signal()  # a year's figures are on screen
    title = "全市汇总"
    hint = (
        "各县（市、区）报来的数据并列比较：五个一达标、提案、协商议题和成果。"
        "“最新文件”较早的县，数据可能不是最新的，请提醒其报送。"
    )

    def __init__(self, database: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.database = database
        self.folders = FileFolders.of(database)
        self.view: CityView | None = None
        self._runner: object = None
        self._asked = 0  # the latest year asked for: an earlier answer arriving late is dropped
        self._shown_for = 0
        # Years summed up since the page was last shown: going back to one is instant.
        # Shown again (after an import, say), the page sums up afresh.
        self._summed: dict[int, CityView] = {}
        self.data_years: list[int] = []  # newest first
        self._picked: int | None = None  # the year the clerk chose, kept over refreshes
        bar = QHBoxLayout()
        bar.addWidget(QLabel("年度："))
        self.year = QComboBox()
        self.year.setObjectName("cityYear")
        self.year.activated.connect(lambda _: self._year_picked())
        bar.addWidget(self.year)
        bar.addSpacing(20)
        bar.addWidget(QLabel("右图："))
        self.group = QComboBox()
        self.group.addItems(GROUPS)
        self.group.activated.connect(lambda _: self._draw())
        bar.addWidget(self.group)
        bar.addStretch(1)
        self.export_button = QPushButton("导出Excel…")
        self.export_button.setObjectName("exportCity")
        self.export_button.clicked.connect(self.export)
        bar.addWidget(self.export_button)
        self.page_layout.addLayout(bar)
        self.notice = QLabel("")
        self.notice.setObjectName("pageHint")
        self.notice.setWordWrap(True)
        self.page_layout.addWidget(self.notice)
        self.table = QTableView()
        self.table.setObjectName("cityTable")
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        # Compact rows: at 1366×768 all twenty figures fit without a scroll bar (at the
        # usual height the last two, 获领导批示 and 落实情况, were cut off).
        self.table.verticalHeader().setMinimumSectionSize(1)
        self.table.verticalHeader().setDefaultSectionSize(self.table.fontMetrics().height() + 6)
        self.table.setAlternatingRowColors(True)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        # Table and charts side by side; the clerk can drag the line between them.
        self.body = QSplitter(Qt.Orientation.Horizontal)
        self.body.setObjectName("cityBody")
        self.body.setChildrenCollapsible(False)
        self.body.addWidget(self.table)
        charts_box = QWidget()
        charts = QVBoxLayout(charts_box)
        charts.setContentsMargins(0, 0, 0, 0)
        self.compliance_chart = BarChart()
        self.compliance_chart.setObjectName("complianceChart")
        self.group_chart = BarChart()
        self.group_chart.setObjectName("groupChart")
        charts.addWidget(self.compliance_chart, 1)
        charts.addWidget(self.group_chart, 1)
        self.body.addWidget(charts_box)
        self.body.setSizes([400, 500])
        self._sized = False  # the first figures size the table; then the clerk's choice stays
        self.page_layout.addWidget(self.body, 1)
        self.empty = QLabel(EMPTY_TEXT)
        self.empty.setObjectName("cityEmpty")
        self.empty.setWordWrap(True)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        font = self.empty.font()
        font.setPointSize(font.pointSize() + 2)
        self.empty.setFont(font)
        self.empty.hide()
        self.page_layout.addWidget(self.empty, 1)
        self.output = OutputBar()
        self.page_layout.addWidget(self.output)

    def refresh(self) -> None:
        self._summed = {}  # a new dict: a summary still running fills the old one
        is_city = office_info(self.database).level is OfficeLevel.CITY
        for widget in (self.year, self.group, self.export_button, self.table):
            widget.setEnabled(is_city)
        if not is_city:
            self.notice.setText("全市汇总只在市政协使用：它比较各县（市、区）报来的数据。")
            return
        self.data_years = county_data_years(self.database)
        years = sorted({*self.data_years, date.today().year}, reverse=True)
        self.year.clear()
        for year in years:
            self.year.addItem(
                f"{year}年" if year in self.data_years else f"{year}年（无数据）", year
            )
        self._show_empty(not self.data_years)
        if not self.data_years:
            self.year.setCurrentIndex(0)
            return
        # The year the clerk chose, else the newest year with the counties' proposals:
        # opening on a year before the counties reported on it showed noughts.
        wanted = self._picked if self._picked in years else opening_year(self.database)
        self.year.setCurrentIndex(self.year.findData(wanted))
        self.show_year()

    def _year_picked(self) -> None:
        self._picked = self.year.currentData()
        self.show_year()

    def _show_empty(self, empty: bool) -> None:
        """No county's data yet: say how it comes here instead of a table of noughts."""
        self.body.setVisible(not empty)
        self.empty.setVisible(empty)
        self.group.setEnabled(not empty)
        self.export_button.setEnabled(not empty and self.view is not None)
        if empty:
            self.view = None
            self._asked += 1  # a summary still being made is not wanted any more
            self.notice.setText("")

    def show_year(self) -> None:
        """Sum the counties up off the GUI thread (a progress dialog after 0.3 s)."""
        year = int(self.year.currentData() or date.today().year)
        self._asked += 1
        asked = self._asked
        if year in self._summed:
            self._show(self._summed[year])
            return
        self.notice.setText(f"正在汇总{year}年各县（市、区）的数据…")
        self.export_button.setEnabled(False)
        runner = run_job(
            self,
            "正在汇总各县（市、区）的数据…",
            lambda progress: city_view(self.database, year, progress),
            lambda view, summed=self._summed: self._summed_up(view, summed, asked),
        )
        when_ended(runner, self, lambda: self._ended(asked))
        self._runner = runner

    def _summed_up(self, view: CityView, summed: dict[int, CityView], asked: int) -> None:
        summed[view.year] = view
        if asked == self._asked:
            self._show(view)

    def _ended(self, asked: int) -> None:
        """Cancelled, or refused (its message was shown): say so; the last figures stay."""
        if asked != self._asked or self._shown_for == asked:
            return
        if self.view is None:
            self.notice.setText("汇总未完成。请重新选择年度再试。")
            return
        self.year.setCurrentIndex(self.year.findData(self.view.year))  # what the table shows
        self.notice.setText(f"汇总未完成，仍显示{self.view.year}年的数据。")
        self.export_button.setEnabled(True)

    def _show(self, view: CityView) -> None:
        self.view = view
        self._shown_for = self._asked
        self.export_button.setEnabled(True)
        now = datetime.now(UTC)
        behind = [c.name for c in view.counties if c.is_behind(now)]
        if not view.counties:
            self.notice.setText(
                "尚未收到任何县（市、区）的交换文件。请在“文件交换”页信任各县名片并导入其文件。"
            )
        elif self.data_years and view.year not in self.data_years:
            self.notice.setText(
                f"{view.year}年尚无各县（市、区）的数据；最近有数据的是{self.data_years[0]}年，"
                "可在“年度”中选择。"
            )
        elif behind:
            self.notice.setText(
                f"数据可能不是最新的：{'、'.join(behind)}（超过一个月未报送交换文件）。"
            )
        else:
            self.notice.setText(
                f"共 {len(view.counties)} 个县（市、区）；各县的最新文件都在一个月之内。"
            )
        # Counties side by side: one column each, one row per figure, the city's total last.
        spec = columns(view)[1:]
        city_total = dict(
            zip([h for h, _, _ in spec], totals(view, columns(view))[1:], strict=True)
        )
        model: ColumnTableModel[Figure] = ColumnTableModel(
            (
                Column("项目", lambda figure: figure[0]),
                *(
                    Column(c.name, lambda figure, c=c: _text(figure[1](c), c, now), RIGHT)
                    for c in view.counties
                ),
                Column("全市合计", lambda figure: str(city_total[figure[0]]), RIGHT),
            ),
            key=lambda figure: figure[0],
        )
        model.set_rows([(header, value) for header, value, _ in spec])
        self.table.setModel(model)
        self._model = model
        self._draw()
        if not self._sized:
            self._size_table()
        self.shown.emit()

    def _size_table(self) -> None:
        """The table as wide as its columns need, up to TABLE_SHARE of the page: with ten
        counties, half the page showed five of them and cut the sixth."""
        total = sum(self.body.sizes())
        if total <= 0:
            return
        needed = self.table.horizontalHeader().length() + 2 * self.table.frameWidth()
        needed += self.table.verticalScrollBar().sizeHint().width()
        wanted = max(min(needed, int(total * TABLE_SHARE)), int(total * 0.4))
        self.body.setSizes([wanted, total - wanted])
        self._sized = True

    def _draw(self) -> None:
        view = self.view
        if view is None:
            return
        # Under each group of bars the name without the common "政协" (fewer lines).
        names = [c.name.removesuffix("政协") or c.name for c in view.counties]
        self.compliance_chart.set_data(
            f"{view.year}年五个一全部达到的委员比例",
            names,
            [Series("达标率", tuple(c.compliance_value for c in view.counties))],
            percent=True,
        )
        group = self.group.currentText()
        if group == "提案":
            series = [
                Series("提案件数", tuple(c.proposals for c in view.counties)),
                Series("立案", tuple(c.accepted for c in view.counties)),
                Series("不予立案", tuple(c.rejected for c in view.counties)),
                Series("待审查", tuple(c.pending for c in view.counties)),
            ]
        elif group == "办理结果":
            series = [
                Series(label, tuple(c.results.get(label, 0) for c in view.counties))
                for label in view.result_labels
            ]
        else:
            series = [
                Series("联接议题", tuple(c.topics_linked for c in view.counties)),
                Series("自选议题", tuple(c.topics_own for c in view.counties)),
                Series("协商成果", tuple(c.outcomes for c in view.counties)),
                Series("获领导批示", tuple(c.instructed for c in view.counties)),
            ]
        self.group_chart.set_data(f"{view.year}年{group}", names, series)

    def export(self) -> None:
        view = self.view
        if view is None:
            return
        path = self.choose_save_path(f"{view.city_name}{view.year}年各县履职情况汇总.xlsx")
        if path is None:
            return
        self._runner = run_job(
            self,
            "正在导出全市汇总…",
            lambda progress: write_city_workbook(view, path),
            lambda written: self.output.show_file(written, f"已导出全市汇总：{written}"),
        )

    def choose_save_path(self, suggested: str) -> Path | None:
        return ask_save_path(self, self.folders, "city", "导出全市汇总", suggested, XLSX_FILTER)


def _text(value: object, county: CountyFigures, now: datetime) -> str:
    if isinstance(value, date):
        days = county.days_behind(now)
        late = county.is_behind(now) and days is not None
        return f"{value:%Y-%m-%d}" + (f"（{days} 天前）" if late else "")
    return str(value)
