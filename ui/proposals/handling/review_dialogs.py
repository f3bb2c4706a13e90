"""The review steps that ask first: 不予立案 (a standard ground or 其他 with a text),
并案 (into which proposal), 转办 (社情民意信息 or 意见建议, and to whom)."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import QComboBox, QLineEdit, QWidget

from app.common.errors import KnownError
from app.common.storage import Database
from app.proposals.duplicates.similar import SimilarProposal
from app.proposals.handling.review import convert_proposal, merge_proposal, reject_proposal
from app.proposals.labels import (
    CONVERSION_LABELS,
    REJECTION_LABELS,
    ConversionKind,
    ProposalState,
    RejectionGround,
)
from app.proposals.queries import ProposalFilter, list_proposals
from app.proposals.views import ProposalDetail, ProposalRow
from ui.common.dates import date_edit, day_of
from ui.common.screen_fit import resize_to_fit
from ui.common.tables import Column, ColumnTableModel, search_box
from ui.proposals.common import ActionDialog
from ui.proposals.models import make_table, selected_row


def _about(detail: ProposalDetail) -> str:
    return f"{detail.row.number}　{detail.row.title}"


class RejectDialog(ActionDialog):
    button_only = True

    def __init__(self, database: Database, detail: ProposalDetail, day: date, parent: QWidget):
        super().__init__("不予立案", "rejectDialog", _about(detail), parent)
        self.database, self.uuid = database, detail.row.uuid
        self.ground = QComboBox()
        self.ground.setObjectName("rejectionGround")
        for ground, label in REJECTION_LABELS.items():
            self.ground.addItem(label, ground.value)
        self.other = QLineEdit()
        self.other.setObjectName("otherGround")
        self.other.setPlaceholderText("选择“其他”时填写具体理由")
        self.passed_to = QLineEdit()
        self.passed_to.setObjectName("passedTo")
        self.passed_to.setPlaceholderText("可不填，例如：县信访局")
        self.day = date_edit("reviewDate", day)
        self.form.addRow("理由", self.ground)
        self.form.addRow("其他理由", self.other)
        self.form.addRow("转交单位参考", self.passed_to)
        self.form.addRow("审查日期", self.day)
        self.ground.currentIndexChanged.connect(self._ground_changed)
        self._ground_changed()

    def _ground_changed(self, *_args: object) -> None:
        self.other.setEnabled(self.ground.currentData() == RejectionGround.OTHER.value)

    def act(self) -> None:
        reject_proposal(
            self.database,
            self.uuid,
            RejectionGround(self.ground.currentData()),
            self.other.text() if self.other.isEnabled() else "",
            self.passed_to.text(),
            day_of(self.day),
        )


class ConvertDialog(ActionDialog):
    button_only = True

    def __init__(self, database: Database, detail: ProposalDetail, day: date, parent: QWidget):
        super().__init__("转办", "convertDialog", _about(detail), parent)
        self.database, self.uuid = database, detail.row.uuid
        self.kind = QComboBox()
        self.kind.setObjectName("conversionKind")
        for kind, label in CONVERSION_LABELS.items():
            self.kind.addItem(label, kind.value)
        self.passed_to = QLineEdit()
        self.passed_to.setObjectName("passedTo")
        self.passed_to.setPlaceholderText("可不填，例如：县人民政府办公室")
        self.day = date_edit("reviewDate", day)
        self.form.addRow("处理方式", self.kind)
        self.form.addRow("转交单位", self.passed_to)
        self.form.addRow("审查日期", self.day)

    def act(self) -> None:
        convert_proposal(
            self.database,
            self.uuid,
            ConversionKind(self.kind.currentData()),
            self.passed_to.text(),
            day_of(self.day),
        )


MAIN_COLUMNS: tuple[Column[ProposalRow], ...] = (
    Column("提案号", lambda r: r.number),
    Column("案由", lambda r: r.title),
    Column("提案人", lambda r: r.proposer),
    Column("状态", lambda r: r.stage),
)


class MergeDialog(ActionDialog):
    """并案: the main proposal is chosen from the year's open ones; similar ones first."""

    form_grows = True  # the list of proposals, not empty space, fills the window
    button_only = True

    def __init__(
        self,
        database: Database,
        detail: ProposalDetail,
        day: date,
        similar: list[SimilarProposal],
        parent: QWidget,
    ):
        super().__init__(
            "并案", "mergeDialog", "并入主提案（与主提案一并办理）：" + _about(detail), parent
        )
        resize_to_fit(self, 820, 520)
        self.database, self.uuid = database, detail.row.uuid
        self.search = search_box("搜索提案号、案由、提案人")
        self.model: ColumnTableModel[ProposalRow] = ColumnTableModel(MAIN_COLUMNS, lambda r: r.uuid)
        self.table, self.filter = make_table("mainProposals", self.model, 1)
        self.day = date_edit("reviewDate", day)
        self.form.addRow("查找", self.search)
        self.form.addRow("主提案", self.table)
        self.form.addRow("审查日期", self.day)
        self.search.textChanged.connect(self.filter.set_search)
        self.model.set_rows(self._candidates(detail, similar))

    def _candidates(
        self, detail: ProposalDetail, similar: list[SimilarProposal]
    ) -> list[ProposalRow]:
        open_states = (ProposalState.SUBMITTED, ProposalState.ACCEPTED)
        rows = [
            r
            for r in list_proposals(self.database, ProposalFilter(year=detail.row.year))
            if r.state in open_states and r.uuid != detail.row.uuid
        ]
        rank = {s.uuid: n for n, s in enumerate(similar)}
        return sorted(rows, key=lambda r: rank.get(r.uuid, len(rank)))

    def act(self) -> None:
        main = selected_row(self.table, self.filter, self.model)
        if main is None:
            raise KnownError("请在列表中选择主提案。", "本次未作任何改动。")
        merge_proposal(self.database, self.uuid, main.uuid, day_of(self.day))
