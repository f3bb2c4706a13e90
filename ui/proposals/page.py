"""提案: the list and every step of a proposal's life, the overdue lists, the supervision
ledger, proposal leads, statistics and publication.

When the page first opens, the duplicate check's index is built on a worker thread
(run_job, quietly: no dialog holds the window), so that typing a title at intake never
waits for it.
"""

from __future__ import annotations

from functools import partial
from pathlib import Path

from PySide6.QtWidgets import QTabWidget, QWidget

from app.common.jobs import Progress
from app.common.storage import Database
from app.proposals.duplicates.similar import prepare_index
from app.proposals.intake.word_intake import WordBatch, read_word_folder
from ui.common.jobs import run_job
from ui.common.widgets import Page
from ui.proposals.common import ProposalFiles
from ui.proposals.detail_dialog import ProposalDetailDialog
from ui.proposals.handling.due_tab import DueTab
from ui.proposals.handling.ledger_tab import LedgerTab
from ui.proposals.intake.history_import import HistoryImport
from ui.proposals.intake.intake_dialog import IntakeDialog
from ui.proposals.intake.leads_tab import LeadsTab
from ui.proposals.intake.word_intake_dialog import WordIntakeDialog
from ui.proposals.list_tab import ProposalListTab
from ui.proposals.outputs.statistics_tab import StatisticsTab


class ProposalsPage(Page):
    title = "提案"
    hint = "提案的登记、审查、交办、办理、反馈和督办；逾期催办、督办台账、提案线索、统计与公开。"

    def __init__(self, database: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.database = database
        self.files = ProposalFiles(database)
        self.index_ready = False
        self._index_started = False
        self.detail: ProposalDetailDialog | None = None
        self.intake: IntakeDialog | None = None
        self.word: WordIntakeDialog | None = None
        self.proposals = ProposalListTab(database)
        self.due = DueTab(database, self.files)
        self.ledger = LedgerTab(database)
        self.leads = LeadsTab(database, self.files)
        self.statistics = StatisticsTab(database, self.files)
        self.history_import = HistoryImport(database, self.files, self)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("proposalTabs")
        for tab, title in (
            (self.proposals, "提案"),
            (self.due, "催办"),
            (self.ledger, "督办台账"),
            (self.leads, "提案线索"),
            (self.statistics, "统计与公开"),
        ):
            self.tabs.addTab(tab, title)
        self.page_layout.addWidget(self.tabs, 1)
        self.tabs.currentChanged.connect(lambda _index: self._refresh_tab())
        self.proposals.open_requested.connect(self.open_proposal)
        self.proposals.new_requested.connect(self.new_proposal)
        self.proposals.word_requested.connect(self.choose_word_folder)
        self.proposals.import_requested.connect(self.history_import.choose_file)
        self.history_import.done.connect(self._imported)
        self.due.open_requested.connect(self.open_proposal)
        self.ledger.open_requested.connect(self.open_proposal)

    def refresh(self) -> None:
        self._prepare_index()
        self._refresh_tab()

    def _refresh_tab(self) -> None:
        refresh = getattr(self.tabs.currentWidget(), "refresh", None)
        if callable(refresh):
            refresh()

    # --- the duplicate check's index -------------------------------------------------

    def _prepare_index(self) -> None:
        if self._index_started:
            return
        self._index_started = True
        job = partial(_prepare, self.database)
        # Quiet: on ten years' register this takes seconds, and the list, the tabs and a
        # proposal's window do not need it; the similar panel says "正在准备查重…" meanwhile.
        run_job(self, "正在准备提案查重…", job, self._index_built, quiet=True)

    def _index_built(self, _size: int) -> None:
        self.index_ready = True

    def is_index_ready(self) -> bool:
        return self.index_ready

    # --- windows ---------------------------------------------------------------------

    def open_proposal(self, uuid: str) -> ProposalDetailDialog:
        dialog = ProposalDetailDialog(
            self.database, self.files, uuid, self.is_index_ready, parent=self
        )
        dialog.changed.connect(self._proposal_changed)
        dialog.finished.connect(self._detail_closed)
        self.detail = dialog
        dialog.open()
        return dialog

    def _proposal_changed(self, uuid: str) -> None:
        self.proposals.refresh(select_uuid=uuid)

    def _detail_closed(self, _result: int) -> None:
        if self.detail is not None:
            self.detail.deleteLater()
        self.detail = None
        self._refresh_tab()

    def new_proposal(self) -> IntakeDialog:
        dialog = IntakeDialog(
            self.database, self.files, index_ready=self.is_index_ready, parent=self
        )
        dialog.saved.connect(self._registered)
        dialog.finished.connect(self._intake_closed)
        self.intake = dialog
        dialog.open()
        return dialog

    def _registered(self, uuid: str) -> None:
        self.tabs.setCurrentWidget(self.proposals)
        self.proposals.reveal(uuid, lambda row: f"已登记提案{row.number}“{row.title}”，待审查。")

    def _intake_closed(self, _result: int) -> None:
        if self.intake is not None:
            self.intake.deleteLater()
        self.intake = None

    # --- bulk intake and import ------------------------------------------------------------

    def choose_word_folder(self) -> None:
        folder = self.files.folder(self, "选择存放提案 Word 文件（.docx）的文件夹")
        if folder is not None:
            self.read_word_folder(folder)

    def read_word_folder(self, folder: Path) -> None:
        job = partial(read_word_folder, folder)
        run_job(self, "正在读取 Word 文件…", job, partial(self._word_read, folder))

    def _word_read(self, folder: Path, batch: WordBatch) -> None:
        if not batch.drafts and not batch.failed:
            self.proposals.say(f"文件夹“{folder.name}”中没有 Word 文件（.docx）。")
            return
        dialog = WordIntakeDialog(
            self.database, self.files, batch, self.is_index_ready, parent=self
        )
        dialog.registered.connect(self._registered)
        dialog.finished.connect(self._word_closed)
        self.word = dialog
        dialog.open()

    def _word_closed(self, _result: int) -> None:
        if self.word is not None:
            self.word.deleteLater()
        self.word = None
        self.proposals.refresh()

    def _imported(self, message: str) -> None:
        self.proposals.say(message)
        self.proposals.refresh()


def _prepare(database: Database, progress: Progress) -> int:
    return prepare_index(database)
