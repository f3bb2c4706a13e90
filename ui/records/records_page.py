"""履职记录: meetings and activities with attendance, 社情民意信息, plenary
speeches and research/inspection reports; and their import from Excel.

The import runs twice through ui.common.jobs.run_job: first a dry run whose findings
the clerk reads (counts, or every bad row), then, on 导入, the real one. A file
refused either time (damaged, no header row, 取消) is also said on the status line.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from pathlib import Path

from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QTabWidget, QWidget

from app.common.errors import as_known_error
from app.common.jobs import Cancelled, Job, Progress
from app.common.sheets import SPREADSHEET_FILTER
from app.common.storage import Database
from app.records.records_import import RecordsImportResult, import_records
from app.records.records_template import TEMPLATE_NAME, write_records_template
from ui.common.files import FileFolders, ask_open_path, ask_save_path
from ui.common.jobs import run_job, when_ended
from ui.common.office_filter import OfficeFilter, mark_read_only
from ui.common.outputs import OutputBar
from ui.common.widgets import Page, set_tab_order
from ui.records.import_preview import ImportPreview
from ui.records.record_tab import RecordTab
from ui.records.record_tabs import ActivityTab, MeetingEditorFactory, SocialInfoTab, WorkTab
from ui.security.guard import guard_writes

IMPORT_HINT = (
    "Excel 表格的列：姓名、身份证号码（可选，区分同名委员）、日期、类别、名称、情况"
    "（会议名称、会议时间、活动名称、活动时间、出席情况等常用写法也能识别）。"
    "类别、名称、日期相同的行是同一条记录（同一次会议的出席名单、联名报送人）。"
)
XLSX_FILTER = "Excel 工作簿 (*.xlsx)"


class RecordsPage(Page):
    title = "履职记录"
    hint = (
        "登记委员参加会议活动、报送社情民意信息、大会发言和调研视察报告的情况，"
        "供委员档案和五个一考核使用。"
    )

    def __init__(
        self,
        database: Database,
        meeting_editor: MeetingEditorFactory,
        parent: QWidget | None = None,
    ) -> None:
        """`meeting_editor` makes the one meeting editor (ui.consultation.MeetingEditor)."""
        super().__init__(parent)
        self.database = database
        self.folders = FileFolders.of(database)
        self.preview: ImportPreview | None = None
        self._import_path: Path | None = None

        self.import_button = QPushButton("从Excel导入")
        self.import_button.setObjectName("importRecords")
        self.import_button.setToolTip(IMPORT_HINT)
        self.import_button.clicked.connect(self.choose_import_file)
        self.template_button = QPushButton("保存空白模板…")
        self.template_button.setObjectName("saveRecordsTemplate")
        self.template_button.setToolTip("保存一份空白的履职记录表格（含填写说明），填好后导入。")
        self.template_button.clicked.connect(self.choose_template_path)
        self.output = OutputBar()  # the saved template: open it to fill it in
        self.output.hide()
        guard_writes(database, self.import_button)
        self.import_status = QLabel()
        self.import_status.setObjectName("importStatus")
        self.import_status.setWordWrap(True)
        self.import_status.hide()

        self.activities = ActivityTab(database, meeting_editor)
        self.social_info = SocialInfoTab(database)
        self.works = WorkTab(database)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("recordTabs")
        self.tabs.addTab(self.activities, "会议活动")
        self.tabs.addTab(self.social_info, "社情民意")
        self.tabs.addTab(self.works, "大会发言与调研视察报告")
        corner = QWidget()
        buttons = QHBoxLayout(corner)
        buttons.setContentsMargins(0, 0, 0, 2)
        self.office = OfficeFilter(with_all=False)  # the city: a county's records, read-only
        self.office.changed.connect(self.refresh)
        self._kept_buttons: dict[QWidget, tuple[str, bool]] = {}
        buttons.addWidget(self.office)
        buttons.addWidget(self.template_button)
        buttons.addWidget(self.import_button)
        self.tabs.setCornerWidget(corner)
        # The corner sits on the row of the tabs: after them, before the list below.
        set_tab_order(
            self.tabs.tabBar(), self.office.combo, self.template_button, self.import_button
        )
        self.tabs.currentChanged.connect(self._tab_changed)
        for tab in (self.activities, self.social_info, self.works):
            tab.changed.connect(self._forget_messages)
        self.page_layout.addWidget(self.import_status)
        self.page_layout.addWidget(self.output)
        self.page_layout.addWidget(self.tabs, 1)

    def refresh(self) -> None:
        self._forget_messages()
        self.office.load(self.database)
        for tab in (self.activities, self.social_info, self.works):
            tab.office_code = self.office.code()
            tab.office_name = self.office.county_name()
        mark_read_only((self.import_button,), self.office.is_county(), self._kept_buttons)
        self.current_tab().refresh()

    def _forget_messages(self) -> None:
        """What the page said about an earlier import or template no longer applies."""
        self.import_status.hide()
        self.output.hide()

    def current_tab(self) -> RecordTab:
        tab = self.tabs.currentWidget()
        assert isinstance(tab, RecordTab)
        return tab

    def _tab_changed(self, _index: int) -> None:
        self.refresh()

    # --- template and import ---------------------------------------------------

    def choose_template_path(self) -> None:
        path = ask_save_path(
            self, self.folders, "records", "保存空白模板", TEMPLATE_NAME, XLSX_FILTER
        )
        if path is not None:
            self.save_template(path)

    def save_template(self, path: Path) -> None:
        self._forget_messages()
        run_job(
            self,
            "正在保存空白模板…",
            partial(_template_job, path),
            self._template_saved,
            cancellable=False,
        )

    def _template_saved(self, path: Path) -> None:
        self.output.show_file(path, f"已保存空白模板：{path}。填好后点“从Excel导入”。")

    def choose_import_file(self) -> None:
        path = ask_open_path(
            self, self.folders, "records", "选择要导入的履职记录表格", SPREADSHEET_FILTER
        )
        if path is not None:
            self.check_file(path)

    def check_file(self, path: Path) -> None:
        """Dry run first: the clerk sees what would happen before anything is written."""
        self._forget_messages()
        self._import_path = path
        job = partial(import_records, self.database, path, dry_run=True)
        self._run_import("正在检查表格…", job, self._checked)

    def _checked(self, result: RecordsImportResult) -> None:
        assert self._import_path is not None
        nothing_new = result.ok and not result.changed
        self.preview = ImportPreview(
            self._import_path,
            result,
            self,
            warnings=result.row_warnings,
            notes=result.warnings,
            nothing_new=nothing_new,
        )
        self.preview.accepted.connect(self._apply)
        self.preview.finished.connect(self._preview_closed)
        self.preview.open()
        if not result.ok:
            self._say(f"“{self._import_path.name}”有 {len(result.errors)} 处错误，未导入。")
        elif nothing_new:
            self._say(f"“{self._import_path.name}”中的记录都已在库中：没有新的记录，未作改动。")

    def _preview_closed(self, _result: int) -> None:
        if self.preview is not None:
            self.preview.deleteLater()
        self.preview = None

    def _apply(self) -> None:
        assert self._import_path is not None
        job = partial(import_records, self.database, self._import_path)
        self._run_import("正在导入履职记录…", job, self._imported)

    def _run_import(
        self, title: str, job: Job[RecordsImportResult], on_done: Callable[..., None]
    ) -> None:
        """run_job (which shows a refusal in a message); the status line says it too."""
        failed: list[BaseException] = []

        def attempt(progress: Progress) -> RecordsImportResult:
            try:
                return job(progress)
            except BaseException as exc:  # run_job reports it; the line says it at the end
                failed.append(exc)
                raise

        runner = run_job(self, title, attempt, on_done, cancellable=True)
        when_ended(runner, self, lambda: self._refused(failed[0]) if failed else None)

    def _refused(self, error: BaseException) -> None:
        assert self._import_path is not None
        known = None if isinstance(error, Cancelled) else as_known_error(error)
        said = "已取消" if isinstance(error, Cancelled) else (known.what if known else "程序出错")
        name = f"“{self._import_path.name}”"
        said = said.replace(name, "该文件")  # named once, at the front
        self._say(f"未导入{name}：{said.rstrip('。')}。")

    def _imported(self, result: RecordsImportResult) -> None:
        assert self._import_path is not None
        if not result.ok:  # the file changed between the check and the import
            self._checked(result)
            return
        if not result.changed:  # nothing written, nothing backed up
            self._say(f"“{self._import_path.name}”中的记录都已在库中：没有新的记录，未作改动。")
            return
        text = f"已从“{self._import_path.name}”导入：{result.brief()}。"
        if result.backup is not None:
            text += f"导入前的数据已自动备份为“{result.backup.name}”。"
        self._say(text)
        for tab in (self.activities, self.social_info, self.works):
            tab.status.clear()  # "已保存。" spoke of the list before the import
            tab.refresh()

    def _say(self, text: str) -> None:
        self.import_status.setText(text)
        self.import_status.show()


def _template_job(path: Path, progress: Progress) -> Path:
    return write_records_template(path)
