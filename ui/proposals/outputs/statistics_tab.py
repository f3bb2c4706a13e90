"""统计与公开: a year's figures as charts (by submitter kind, category, unit and result
class, and the three rates) with the statistics workbook; the publication (立案目录,
承办单位, 办理结果 as Word, all three as Excel, not-public proposals left out), the
交办通知 to a unit and the register as a spreadsheet. Every file through run_job."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from functools import partial
from pathlib import Path

from PySide6.QtCharts import QChartView
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QPushButton,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from app.common.jobs import Progress
from app.common.storage import Database
from app.office.scope import office_scope
from app.proposals.outputs import publication as pub
from app.proposals.outputs.letters import units_with_assignments, write_assignment_notice
from app.proposals.outputs.register_export import export_register
from app.proposals.outputs.statistics import (
    ProposalStatistics,
    proposal_statistics,
    write_statistics_xlsx,
)
from app.proposals.queries import proposal_years
from ui.common.files import DOCX_FILTER, XLSX_FILTER
from ui.common.jobs import run_job
from ui.common.outputs import OutputBar
from ui.proposals.common import ProposalFiles, make_button, make_label
from ui.proposals.outputs.charts import Bars, bar_chart, stacked_rows_chart

CHART_HEIGHT = 250
ROW_HEIGHT = 26  # per unit in the units chart
Writer = Callable[[Path, Progress], object]


def review_counts(stats: ProposalStatistics) -> tuple[int, ...]:
    """立案, 并案, 不予立案, 转办, 待审查."""
    return (stats.accepted, stats.merged, stats.rejected, stats.converted, stats.pending)


def _share(part: int, whole: int) -> float:
    return round(part * 100 / whole, 1) if whole else 0.0


def rate_bars(stats: ProposalStatistics) -> list[tuple[str, float]]:
    """The three rates in per cent; a rate of nothing yet is named so, not shown as 0%."""
    parts = (
        ("立案率", stats.accepted + stats.merged, stats.reviewed),
        ("按时答复率", stats.on_time, stats.replies),
        ("满意率", stats.satisfied, stats.ratings),
    )
    return [
        (name if whole else f"{name}（暂无）", _share(part, whole)) for name, part, whole in parts
    ]


# The chart's five columns are narrow at 1366×768: labels wider than a column are
# hidden by Qt Charts (委员个人 vanished, 委员联名党派团体 ran together). Under the title
# 按提出方式 the short words say the same.
_KIND_IN_A_CHART = {"委员个人": "个人", "委员联名": "联名"}


CITY_NOTE = "市政协本单位的提案统计；各县（市、区）报来的提案见“全市汇总”。"


class StatisticsTab(QWidget):
    def __init__(self, database: Database, files: ProposalFiles, parent: QWidget | None = None):
        super().__init__(parent)
        self.database = database
        self.files = files
        self.stats: ProposalStatistics | None = None
        self._whose = ""  # 本单位 at the city, before the summary
        self.charts: dict[str, QChartView] = {}
        self.year = QComboBox()
        self.year.setObjectName("statisticsYear")
        self.summary = make_label("statisticsSummary")
        self.export_button = make_button("导出统计表…", "exportStatistics", self.export_statistics)
        self.catalogue_button = make_button("立案目录…", "writeCatalogue", self.write_catalogue)
        self.units_button = make_button("承办单位一览…", "writeUnits", self.write_units)
        self.results_button = make_button("办理结果…", "writeResults", self.write_results)
        self.public_xlsx_button = make_button(
            "公开表格（Excel）…", "writePublicXlsx", self.write_xlsx
        )
        self.notice_button = make_button("交办通知…", "writeNotices", self.write_notice)
        self.register_button = make_button("提案登记表…", "exportRegister", self.export_register)
        self.register_button.setToolTip("本年度全部提案（含不公开的）导出为 Excel，可再导入")
        self.output = OutputBar()
        self.grid = QGridLayout()
        charts = QWidget()
        charts.setLayout(self.grid)
        self.scroll = QScrollArea()
        self.scroll.setObjectName("chartsArea")
        self.scroll.setWidgetResizable(True)
        self.scroll.setWidget(charts)
        self.empty = make_label("statisticsEmpty")
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.scroll)
        self.stack.addWidget(self.empty)
        self._lay_out()
        self.year.currentIndexChanged.connect(lambda _index: self.load())

    def _lay_out(self) -> None:
        # Two rows: in one, the buttons outgrow the 1200-pixel window a 1366×768
        # screen opens, and the last ones lose part of their text.
        top = QHBoxLayout()
        top.addWidget(QLabel("年度"))
        top.addWidget(self.year)
        top.addWidget(self.export_button)
        top.addSpacing(12)
        top.addWidget(self.notice_button)
        top.addWidget(self.register_button)
        top.addStretch(1)
        publish = QHBoxLayout()
        publish.addWidget(QLabel("公开："))
        for button in (
            self.catalogue_button,
            self.units_button,
            self.results_button,
            self.public_xlsx_button,
        ):
            publish.addWidget(button)
        publish.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(publish)
        layout.addWidget(self.summary)
        layout.addWidget(self.stack, 1)
        layout.addWidget(self.output)

    def refresh(self) -> None:
        # At the city these are its own proposals only; the counties' are in 全市汇总.
        city = bool(office_scope(self.database).counties)
        self.summary.setToolTip(CITY_NOTE if city else "")
        self._whose = "本单位" if city else ""
        chosen = self.year.currentData()
        years = proposal_years(self.database) or [date.today().year]
        self.year.blockSignals(True)
        self.year.clear()
        for year in years:
            self.year.addItem(f"{year}年", year)
        self.year.setCurrentIndex(
            max(0, self.year.findData(chosen if chosen in years else years[0]))
        )
        self.year.blockSignals(False)
        self.load()

    def load(self) -> None:
        year = self.year.currentData()
        if year is None:
            return
        self.stats = stats = proposal_statistics(self.database, year)
        some = stats.received > 0
        self.summary.setText(f"{self._whose}{stats.summary}" if some else "")
        self.empty.setText(
            f"{year}年尚无提案，没有可统计和公开的内容。\n"
            "登记提案或导入往年提案后，这里按提出方式、类别、办理结果、承办单位等分项统计。"
        )
        self.stack.setCurrentWidget(self.scroll if some else self.empty)
        for button in self._output_buttons():
            button.setEnabled(some)
        self._draw(stats)

    def _output_buttons(self) -> tuple[QPushButton, ...]:
        return (
            self.export_button,
            self.catalogue_button,
            self.units_button,
            self.results_button,
            self.public_xlsx_button,
            self.notice_button,
            self.register_button,
        )

    # --- charts --------------------------------------------------------------------

    def _draw(self, stats: ProposalStatistics) -> None:
        while self.grid.count():
            item = self.grid.takeAt(0)
            if item.widget() is not None:
                item.widget().hide()  # gone at once, not when the deletion comes round
                item.widget().deleteLater()
        font = self.font()
        counted = "提案件数"
        rates = rate_bars(stats)
        self.charts = {
            "kind": bar_chart(
                "按提出方式",
                [_KIND_IN_A_CHART.get(c.label, c.label) for c in stats.by_kind],
                [Bars(counted, tuple(c.count for c in stats.by_kind))],
                font,
            ),
            "category": bar_chart(
                "按类别",
                [c.label for c in stats.by_category],
                [Bars(counted, tuple(c.count for c in stats.by_category))],
                font,
            ),
            "result": bar_chart(
                "按办理结果类别（答复件次）",
                [f"{c.label}类" for c in stats.by_result],
                [Bars("答复件次", tuple(c.count for c in stats.by_result))],
                font,
            ),
            "review": bar_chart(
                "审查结果",
                ["立案", "并案", "不予立案", "转办", "待审查"],
                [Bars(counted, review_counts(stats))],
                font,
            ),
            "satisfaction": bar_chart(
                "提案人评价（评价件次）",
                [c.label for c in stats.by_satisfaction],
                [Bars("评价件次", tuple(c.count for c in stats.by_satisfaction))],
                font,
            ),
            "rates": bar_chart(
                "立案率、按时答复率、满意率",
                [name for name, _value in rates],
                [Bars("比率（满意率含基本满意）", tuple(value for _name, value in rates))],
                font,
                percent=True,
            ),
            "unit": stacked_rows_chart(
                "按承办单位（件次）",
                [u.unit for u in stats.by_unit],
                [
                    Bars("主办（会办、分办）", tuple(u.lead for u in stats.by_unit)),
                    Bars("协办", tuple(u.assist for u in stats.by_unit)),
                ],
                font,
            ),
        }
        for view in self.charts.values():
            view.setMinimumHeight(CHART_HEIGHT)
        units = self.charts["unit"]
        units.setMinimumHeight(max(CHART_HEIGHT, 90 + ROW_HEIGHT * len(stats.by_unit)))
        places = {
            "kind": (0, 0),
            "category": (0, 1),
            "result": (0, 2),
            "review": (1, 0),
            "rates": (1, 1),
            "satisfaction": (1, 2),
        }
        for name, (row, column) in places.items():
            self.grid.addWidget(self.charts[name], row, column)
        self.grid.addWidget(units, 2, 0, 1, 3)
        for column in range(3):
            self.grid.setColumnStretch(column, 1)

    # --- files -----------------------------------------------------------------------

    def _write(self, title: str, name: str, filters: str, writer: Writer, done: str) -> None:
        path = self.files.save_path(self, title, name, filters)
        if path is None:
            return
        self._done_text = done
        run_job(self, f"正在{title}…", partial(_run, writer, path), self._written)

    def _written(self, result: tuple[Path, str]) -> None:
        path, note = result
        self.output.show_file(path, f"{self._done_text}：{path}{note}")

    @property
    def _year(self) -> int:
        return int(self.year.currentData())

    def export_statistics(self) -> None:
        stats = self.stats
        if stats is None:
            return
        writer = partial(_stats_xlsx, stats)
        self._write(
            "导出统计表", f"{stats.year}年提案统计.xlsx", XLSX_FILTER, writer, "已导出统计表"
        )

    def _publication(self, title: str, name: str, filters: str, write, done: str) -> None:
        writer = partial(_publication, self.database, self._year, write)
        self._write(title, f"{self._year}年{name}", filters, writer, done)

    def write_catalogue(self) -> None:
        self._publication(
            "生成立案目录",
            "立案提案目录.docx",
            DOCX_FILTER,
            pub.write_catalogue_docx,
            "已生成立案目录",
        )

    def write_units(self) -> None:
        self._publication(
            "生成承办单位一览表",
            "提案承办单位一览表.docx",
            DOCX_FILTER,
            pub.write_units_docx,
            "已生成承办单位一览表",
        )

    def write_results(self) -> None:
        self._publication(
            "生成办理结果",
            "提案办理结果.docx",
            DOCX_FILTER,
            pub.write_results_docx,
            "已生成办理结果",
        )

    def write_xlsx(self) -> None:
        self._publication(
            "导出公开表格",
            "提案公开（立案目录、承办单位、办理结果）.xlsx",
            XLSX_FILTER,
            pub.write_publication_xlsx,
            "已导出公开表格",
        )

    def write_notice(self) -> None:
        units = units_with_assignments(self.database, self._year)
        if not units:
            self.output.say(f"{self._year}年还没有交办的提案。")
            return
        names = [name for _uuid, name in units]
        name, ok = QInputDialog.getItem(self, "交办通知", "发给哪个承办单位：", names, 0, False)
        if not ok:
            return
        unit_uuid = units[names.index(name)][0]
        writer = partial(_notice, self.database, unit_uuid, self._year)
        self._write(
            "生成交办通知",
            f"交办通知（{name}，{self._year}年）.docx",
            DOCX_FILTER,
            writer,
            "已生成交办通知",
        )

    def export_register(self) -> None:
        writer = partial(_register, self.database, self._year)
        self._write(
            "导出提案登记表",
            f"{self._year}年提案登记表.xlsx",
            XLSX_FILTER,
            writer,
            "已导出提案登记表",
        )


# --- jobs (worker thread) ----------------------------------------------------------------


def _run(writer: Writer, path: Path, progress: Progress) -> tuple[Path, str]:
    """The file and a note for the bar (what was left out)."""
    note = writer(path, progress)
    return path, note if isinstance(note, str) else ""


def _stats_xlsx(stats: ProposalStatistics, path: Path, progress: Progress) -> None:
    write_statistics_xlsx(stats, path)


def _publication(database: Database, year: int, write, path: Path, progress: Progress) -> str:
    found = pub.publication(database, year)
    write(found, path)
    return f"（{found.left_out}件不公开的提案未列入）" if found.left_out else ""


def _notice(database: Database, unit_uuid: str, year: int, path: Path, progress: Progress) -> None:
    write_assignment_notice(database, unit_uuid, path, year)


def _register(database: Database, year: int, path: Path, progress: Progress) -> None:
    export_register(database, path, year)
