"""Similar proposals of every year (imported history included): at intake while the
clerk types, and at review. Likely duplicates are flagged in red above the list."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from app.common.storage import Database
from app.proposals.duplicates.similar import SimilarProposal, similar_proposals, similar_to_proposal
from ui.proposals.common import HINT_STYLE, WARNING_STYLE, make_label
from ui.proposals.models import SimilarTableModel, make_table

TYPING_PAUSE_MS = 500
SHORTEST_TITLE = 4  # fewer characters say nothing about similarity
LIMIT = 8


class SimilarPanel(QWidget):
    """`check_text` for typed text (waits for a pause), `show_for` for a stored proposal."""

    checked = Signal()  # a list was shown (tests wait for it)

    def __init__(
        self,
        database: Database,
        index_ready: Callable[[], bool] = lambda: True,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.database = database
        self._index_ready = index_ready
        self._text = ("", "")
        self._exclude: str | None = None
        self._proposal: str | None = None  # show_for's proposal, until typing takes over
        self.found: list[SimilarProposal] = []
        self.heading = QLabel("相似提案（历年，含导入的往年提案）")
        self.heading.setObjectName("sectionTitle")
        self.heading.setStyleSheet("font-weight: bold;")
        self.flag = make_label("duplicateFlag", WARNING_STYLE + "font-weight: bold;")
        self.flag.hide()
        self.note = make_label("similarNote", HINT_STYLE)
        self.model = SimilarTableModel()
        self.table, self.filter = make_table(
            "similarTable", self.model, 3, limits={2: 150, 4: 90, 5: 100}
        )
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.heading)
        layout.addWidget(self.flag)
        layout.addWidget(self.note)
        layout.addWidget(self.table, 1)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(TYPING_PAUSE_MS)
        self.timer.timeout.connect(self._check_now)
        self._show([], "输入案由后，这里列出历年相似的提案。")

    def hide_proposer(self) -> None:
        """Narrow places (the intake form) leave the proposer out."""
        self.table.setColumnHidden(4, True)

    def check_text(self, title: str, body: str, exclude: str | None = None) -> None:
        """Called on every keystroke: the check runs once typing pauses."""
        self._text = (title, body)
        self._exclude = exclude
        self._proposal = None
        self.timer.start()

    def show_for(self, uuid: str) -> None:
        """Proposals like a stored one (itself left out), at once if the index is ready."""
        self._proposal = uuid
        self.timer.stop()
        self._check_now()

    def _check_now(self) -> None:
        if not self._index_ready():
            self.note.setText("正在准备查重，请稍候…")
            self.timer.start()  # look again shortly
            return
        if self._proposal is not None:
            found = similar_to_proposal(self.database, self._proposal, limit=LIMIT)
            self._show(found, "没有找到相似的提案。")
            return
        title, body = self._text
        if len(title.strip()) < SHORTEST_TITLE:
            self._show([], "输入案由后，这里列出历年相似的提案。")
            return
        found = similar_proposals(self.database, title, body, exclude=self._exclude, limit=LIMIT)
        self._show(found, "没有找到相似的提案。")

    def _show(self, found: list[SimilarProposal], empty_text: str) -> None:
        self.found = found
        self.model.set_rows(found)
        likely = [s for s in found if s.likely_duplicate]
        if likely:
            numbers = "、".join(s.number for s in likely[:3])
            more = f"等{len(likely)}件" if len(likely) > 3 else ""
            self.flag.setText(f"⚠ 可能重复：{numbers}{more}，请核对内容后再决定。")
        self.flag.setVisible(bool(likely))
        if found:
            self.note.setText("按相似度排列；相似度 0 到 1，越大越相似。")
        else:
            self.note.setText(empty_text)
        self.table.setVisible(bool(found))
        self.checked.emit()

    @property
    def likely_duplicates(self) -> list[SimilarProposal]:
        return [s for s in self.found if s.likely_duplicate]
