"""导入委员名单: choose the office's spreadsheet, see what would happen, then import all or nothing.

Reading and checking, and the import itself, run through ui.common.jobs.run_job.
Closing the wizard at the preview is the dry run: nothing has been written.
Every step can be driven without native dialogs: set_file(), save_template().
The pages are in ui.members.import_pages.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QWidget, QWizard

from app.common.errors import KnownError
from app.common.jobs import Progress
from app.common.storage import Database
from app.members.roster_export import write_roster_template
from app.members.roster_import import (
    RosterImportPlan,
    RosterImportSummary,
    apply_roster_import,
    plan_roster_import,
)
from app.office.dictionaries import apply_value_choices, list_entries
from app.office.labels import DictionaryKind
from ui.common.errors import show_known_error
from ui.common.files import FileFolders
from ui.common.jobs import run_job
from ui.common.screen_fit import resize_to_fit
from ui.common.widgets import confirm
from ui.members.import_pages import XLSX_FILTER, DonePage, FilePage, PreviewPage

__all__ = ["XLSX_FILTER", "RosterImportWizard"]


class RosterImportWizard(QWizard):
    def __init__(self, database: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.database = database
        self.folders = FileFolders.of(database)
        self.plan: RosterImportPlan | None = None
        self.summary: RosterImportSummary | None = None
        self._planned_for: tuple[Path, bool] | None = None
        self._pending: tuple[Path, bool] | None = None
        self._busy = False
        self.setObjectName("rosterImportWizard")
        self.setWindowTitle("导入委员名单")
        self.setWizardStyle(QWizard.WizardStyle.ModernStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnLastPage)
        self.setOption(QWizard.WizardOption.NoCancelButtonOnLastPage)
        resize_to_fit(self, 1120, 680)
        for button, text in (
            (QWizard.WizardButton.NextButton, "下一步：检查"),
            (QWizard.WizardButton.BackButton, "上一步"),
            (QWizard.WizardButton.CommitButton, "开始导入"),
            (QWizard.WizardButton.FinishButton, "完成"),
            (QWizard.WizardButton.CancelButton, "关闭"),
        ):
            self.setButtonText(button, text)
        self.file_page = FilePage(self)
        self.preview_page = PreviewPage(self)
        self.done_page = DonePage()
        for page in (self.file_page, self.preview_page, self.done_page):
            self.addPage(page)
        commit = self.button(QWizard.WizardButton.CommitButton)
        commit.setObjectName("primaryButton")
        commit.style().unpolish(commit)  # polished by setWizardStyle before it had the name
        commit.style().polish(commit)

    # --- what the buttons do; tests call these directly --------------------------------

    @property
    def path(self) -> Path | None:
        text = self.file_page.path_edit.text()
        return Path(text) if text else None

    def set_file(self, path: Path) -> None:
        self.file_page.path_edit.setText(str(path))
        self.file_page.completeChanged.emit()

    def save_template(self, path: Path) -> None:
        if path.suffix.lower() != ".xlsx":
            path = path.with_name(path.name + ".xlsx")
        self._run(
            "正在保存空白模板…", lambda progress: write_roster_template(path), self._template_saved
        )

    def recheck(self) -> None:
        self._planned_for = None
        self._start_plan(stay=True)

    def entry_names(self, plan: RosterImportPlan) -> dict[DictionaryKind, list[str]]:
        """The live entries of each list the plan's unknown values belong to."""
        kinds = {u.kind for u in plan.unknown}
        return {
            kind: [e.name for e in list_entries(self.database, kind, include_retired=False)]
            for kind in kinds
        }

    def settle_unknown_values(self) -> None:
        """Apply the clerk's choice for each value (alias or new entry), then check again."""
        model = self.preview_page.unknown_model
        chosen = [line for line in model.lines if line.choice is not None]
        if not chosen:
            self.preview_page.verdict.setText("尚未选择如何处理任何一个值（都选了“暂不处理”）。")
            return
        lines = "\n".join(
            f"{line.value.kind_label}“{line.value.value}”：{line.note}" for line in chosen
        )
        if not confirm(self, "修改基础名录", f"将按所选修改本单位的基础名录：\n\n{lines}", "确定"):
            return
        try:
            apply_value_choices(self.database, [line.choice for line in chosen if line.choice])
        except KnownError as exc:
            show_known_error(self, exc, "未能修改基础名录")
            return
        self.recheck()

    # --- planning and importing ---------------------------------------------------------

    def plan_ready_or_start(self) -> bool:
        key = (self.path, self.file_page.update_box.isChecked())
        if self.plan is not None and self._planned_for == key:
            return True
        self._start_plan(stay=False)
        return False

    def import_done_or_start(self) -> bool:
        if self.summary is not None:
            return True
        plan, database = self.plan, self.database
        if plan is None or self._busy:
            return False

        def job(progress: Progress) -> RosterImportSummary:
            return apply_roster_import(database, plan, progress)

        self._run("正在导入委员名单…", job, self._imported)
        return False

    def _start_plan(self, stay: bool) -> None:
        path, update = self.path, self.file_page.update_box.isChecked()
        if path is None or self._busy:
            return
        on_done = self._replanned if stay else self._planned
        database = self.database

        def job(progress: Progress) -> RosterImportPlan:
            return plan_roster_import(database, path, update, progress)

        self._pending = (path, update)
        self._run("正在读取和检查名单…", job, on_done)

    def _run(self, title: str, job, on_done, cancellable: bool = True) -> None:
        self._busy = True
        runner = run_job(self, title, job, on_done, cancellable)
        runner.finished.connect(self._job_ended)

    def _job_ended(self) -> None:
        self._busy = False

    def _planned(self, plan: RosterImportPlan) -> None:
        self._accept_plan(plan)
        self.next()

    def _replanned(self, plan: RosterImportPlan) -> None:
        self._accept_plan(plan)

    def _accept_plan(self, plan: RosterImportPlan) -> None:
        self.plan = plan
        self._planned_for = self._pending
        self.preview_page.show_plan(plan)

    def _imported(self, summary: RosterImportSummary) -> None:
        self.summary = summary
        self.done_page.show_summary(summary)
        self.next()

    def _template_saved(self, path: Path) -> None:
        self.file_page.status.show_file(path, f"已保存空白模板：{path}")
