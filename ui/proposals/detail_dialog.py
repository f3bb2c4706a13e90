"""One proposal's window: its number, title and stage above tabs for 提案内容, 审查,
交办与办理, 督办, 附件 and 办理过程; what a step did (or the written letter) in the bar
below. Every change reloads the proposal and tells the list (`changed`)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.common.errors import KnownError
from app.common.storage import Database
from app.office.scope import office_scope
from app.proposals.labels import ProposalState
from app.proposals.queries import get_proposal_detail
from app.proposals.views import ProposalDetail
from ui.common.errors import report_error
from ui.common.office_filter import READ_ONLY_TIP
from ui.common.outputs import OutputBar
from ui.common.screen_fit import resize_to_fit
from ui.common.unsaved import DiscardGuard
from ui.proposals.common import HINT_STYLE, ProposalFiles, make_label
from ui.proposals.detail_tabs import AttachmentsPanel, ContentPanel, HistoryPanel
from ui.proposals.handling.handling_panel import HandlingPanel
from ui.proposals.handling.review_panel import ReviewPanel
from ui.proposals.handling.supervision_panel import SupervisionPanel
from ui.proposals.intake.intake_dialog import IntakeDialog, detail_form

STAGE_COLOURS = {"待审查": "#a15c00", "办理中": "#1d4ed8", "已答复": "#1d4ed8", "已办结": "#1e7b34"}


class ProposalDetailDialog(QDialog):
    changed = Signal(str)  # the proposal's uuid, after any step

    CONTENT, REVIEW, HANDLING, SUPERVISION, ATTACHMENTS, HISTORY = range(6)

    def __init__(
        self,
        database: Database,
        files: ProposalFiles,
        uuid: str,
        index_ready: Callable[[], bool] = lambda: True,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("proposalDetail")
        resize_to_fit(self, 1240, 680)
        self.database = database
        self.files = files
        self.uuid = uuid
        self._index_ready = index_ready
        self.detail: ProposalDetail | None = None
        self.intake: IntakeDialog | None = None
        self.number = make_label("detailNumber")
        self.number.setStyleSheet("color: #4b5563;")
        self.heading = make_label("detailTitle")
        self.heading.setStyleSheet("font-size: 16px; font-weight: bold;")
        self.stage = QLabel()
        self.stage.setObjectName("detailStage")
        self.owner = ""  # at the city: the county whose proposal this is (read-only here)
        self.read_only_note = make_label("readOnlyNote", HINT_STYLE)
        self.read_only_note.hide()
        self.output = OutputBar()
        self.content = ContentPanel(self, self.edit)
        self.review = ReviewPanel(self)
        self.handling = HandlingPanel(self)
        self.supervision = SupervisionPanel(self)
        self.attachments = AttachmentsPanel(self)
        self.history = HistoryPanel(self)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("detailTabs")
        for panel, title in (
            (self.content, "提案内容"),
            (self.review, "审查"),
            (self.handling, "交办与办理"),
            (self.supervision, "督办"),
            (self.attachments, "附件"),
            (self.history, "办理过程"),
        ):
            self.tabs.addTab(panel, title)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        top = QHBoxLayout()
        titles = QVBoxLayout()
        titles.addWidget(self.number)
        titles.addWidget(self.heading)
        titles.addWidget(self.read_only_note)
        top.addLayout(titles, 1)
        top.addWidget(self.stage, 0, Qt.AlignmentFlag.AlignTop)  # not stretched by the note
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.output)
        layout.addWidget(close)
        self.tabs.currentChanged.connect(self._tab_changed)
        # 督办领导 typed and not yet saved is asked about; steps save at once (reload).
        self.discard_guard = DiscardGuard(self)
        self.reload()
        self.tabs.setCurrentIndex(self._first_tab())

    def index_ready(self) -> bool:
        return self._index_ready()

    def _first_tab(self) -> int:
        """Where the work is: review for a new one, handling once accepted."""
        assert self.detail is not None
        if self.detail.row.state is ProposalState.SUBMITTED:
            return self.REVIEW
        if self.detail.row.state is ProposalState.ACCEPTED and not self.detail.row.imported:
            return self.HANDLING
        return self.CONTENT

    def reload(self, message: str = "") -> None:
        try:
            detail = get_proposal_detail(self.database, self.uuid)
        except KnownError as exc:  # deleted meanwhile
            report_error(self, exc)
            super().reject()  # nothing left to keep: no question
            return
        first = self.detail is None
        self.detail = detail
        row = detail.row
        if first:
            self._find_owner(row.owner_uuid)
        self.setWindowTitle(f"提案 {row.number}")
        key = "　★重点提案" if row.is_key else ""
        owner = f"{self.owner}　" if self.owner else ""
        self.number.setText(f"{owner}{row.number}　{row.signers_text}{key}")
        self.heading.setText(row.title)
        colour = STAGE_COLOURS.get(row.stage, "#b3261e")
        self.stage.setText(row.stage)
        self.stage.setStyleSheet(
            f"color: {colour}; border: 1px solid {colour}; border-radius: 4px; padding: 3px 8px;"
        )
        for panel in self._panels():
            panel.show_detail(detail)
        if self.tabs.currentWidget() is self.review and not self.owner:
            self.review.refresh_similar()
        self.discard_guard.remember()  # what is shown now is what is stored
        if message:
            self.output.say(message)
            self.changed.emit(self.uuid)

    def reject(self) -> None:
        """关闭, Esc or the ×: asks first when 督办领导 was typed and not saved."""
        if self.discard_guard.allows_close():
            super().reject()

    def _panels(self):
        return (
            self.content,
            self.review,
            self.handling,
            self.supervision,
            self.attachments,
            self.history,
        )

    def _tab_changed(self, _index: int) -> None:
        if self.tabs.currentWidget() is self.review and self.detail is not None and not self.owner:
            self.review.refresh_similar()

    def _find_owner(self, owner_uuid: str) -> None:
        """A county's proposal at the city is only read here: the window says whose it is
        and offers no step (each would be refused only after it was filled in)."""
        scope = office_scope(self.database)
        if not scope.counties or owner_uuid == scope.local_uuid:
            return
        name = next((c.name for c in scope.counties if c.uuid == owner_uuid), "")
        self.owner = name or "其他单位"
        self.read_only_note.setText(f"{self.owner}的提案。{READ_ONLY_TIP}")
        self.read_only_note.show()
        for panel in self._panels():
            panel.show_read_only()

    def edit(self) -> None:
        assert self.detail is not None
        dialog = IntakeDialog(
            self.database,
            self.files,
            self.uuid,
            detail_form(self.detail),
            index_ready=self._index_ready,
            parent=self,
        )
        dialog.saved.connect(lambda _uuid: self.reload("已保存修改。"))
        dialog.finished.connect(self._intake_closed)
        self.intake = dialog
        dialog.open()

    def _intake_closed(self, _result: int) -> None:
        if self.intake is not None:
            self.intake.deleteLater()
        self.intake = None
