"""The meeting editor's 出席情况 page: the checklist of members with filters (界别,
专委会, 常委, 名单内, a search), a click on 出席 / 请假 / 缺席 to set each, 全部出席
for the members shown; and the filled sign-in spreadsheet read back.

The list itself is ui.records.attendance_model (the one the 履职记录 page had):
members who were not in office on the meeting's day are greyed and left out of
全部出席. Reading a sign-in sheet saves the meeting first, checks the whole sheet
(every bad row named, nothing written), then asks before it changes the list.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

from PySide6.QtCore import QEvent, QModelIndex, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.common.jobs import Job, Progress
from app.common.sheets import SPREADSHEET_FILTER
from app.common.storage import Database
from app.consultation.meetings.meetings import Attendee, get_meeting
from app.consultation.meetings.sign_in import SignInResult, import_sign_in
from app.members.member_files import list_members
from app.records.labels import ATTENDANCE_LABELS, AttendanceStatus
from ui.common.files import FileFolders, ask_open_path
from ui.common.jobs import run_job
from ui.common.office_filter import READ_ONLY_TIP
from ui.consultation.fields import ChoiceCombo
from ui.records.attendance_model import (
    AttendanceFilter,
    AttendanceModel,
    Candidate,
    choices,
)
from ui.records.import_preview import ImportPreview

KEY_STATUS = {
    Qt.Key.Key_1: AttendanceStatus.PRESENT,
    Qt.Key.Key_2: AttendanceStatus.LEAVE,
    Qt.Key.Key_3: AttendanceStatus.ABSENT,
}
SIGN_IN_HINT = (
    "把签到后的纸质签到表录入 Excel（可用“会议材料”中的“签到表（Excel）”），"
    "列为：姓名、界别、签到、备注。签到栏有签名或 √ 为出席，写“请假”为请假，"
    "空白、“缺席”、× 或“否”为缺席。"
)


class AttendancePanel(QWidget):
    def __init__(self, database: Database, save_first: Callable[[], str | None]) -> None:
        super().__init__()
        self.database = database
        self._save_first = save_first  # saves the meeting; its UUID, or None if refused
        self.folders = FileFolders.of(database)
        self.choose_sign_in_file: Callable[[], Path | None] = self._ask_sign_in_file
        self.preview: ImportPreview | None = None
        self._sign_in: tuple[str, Path] | None = None
        self.read_only = False  # a county's meeting at the city: the list is only read

        self.model = AttendanceModel(self)
        self.filter = AttendanceFilter(self.model)
        self.table = self._attendance_table()
        self.search = QLineEdit()
        self.search.setObjectName("attendanceSearch")
        self.search.setPlaceholderText("输入姓名、界别或单位查找")
        self.search.setClearButtonEnabled(True)
        self.sector = ChoiceCombo("sectorFilter", {}, "全部界别")
        self.committee = ChoiceCombo("committeeFilter", {}, "全部专委会")
        self.standing_only = QCheckBox("只显示常委")
        self.standing_only.setObjectName("standingOnly")
        self.listed_only = QCheckBox("只看名单内")
        self.listed_only.setObjectName("listedOnly")
        self.all_present = self._button("全部出席", "allPresent", self.fill_present)
        self.all_present.setToolTip(
            "把列表中显示的、尚未登记的委员设为出席（已标请假、缺席的不变；会议时不在任的除外）。"
        )
        self.clear_list = self._button("清空名单", "clearList", self.clear_shown)
        self.clear_list.setToolTip("把列表中显示的委员全部移出名单。")
        self.read_sign_in = self._button("读入签到表…", "readSignIn", self.read_sign_in_sheet)
        self.read_sign_in.setToolTip(SIGN_IN_HINT)
        self.summary = QLabel()
        self.summary.setObjectName("attendanceSummary")
        self.message = QLabel()
        self.message.setObjectName("signInMessage")
        self.message.setWordWrap(True)
        self._layout()

        self.search.textChanged.connect(self.filter.set_text)
        self.search.installEventFilter(self)
        self.sector.currentIndexChanged.connect(lambda: self.filter.set_sector(self._sector()))
        self.committee.currentIndexChanged.connect(
            lambda: self.filter.set_committee(self.committee.value() or "")
        )
        self.standing_only.toggled.connect(self.filter.set_standing_only)
        self.listed_only.toggled.connect(self.filter.set_listed_only)
        self.table.clicked.connect(self._cell_clicked)
        self.table.installEventFilter(self)
        self.model.dataChanged.connect(self._show_summary)
        self.model.modelReset.connect(self._show_summary)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Enter in the search goes to the member found; it never saves the meeting (a
        clerk typed a name, pressed Enter and the half-filled meeting was saved)."""
        if (
            watched is self.search
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
        ):
            if self.filter.rowCount() == 1:
                self.table.selectRow(0)
                self.table.setFocus()
            return True
        if (
            watched is self.table
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
        ):
            return self._key_marks(event.key())
        return super().eventFilter(watched, event)

    def _key_marks(self, key: int) -> bool:
        """1 出席, 2 请假, 3 缺席 (again: off the list), or Space for the current cell's
        column, on the selected members: the mouse was the only way to mark them."""
        status = KEY_STATUS.get(key)
        if key == Qt.Key.Key_Space:
            current = self.table.currentIndex().column()
            status = AttendanceModel.STATUS_OF_COLUMN.get(current, AttendanceStatus.PRESENT)
        if status is None:
            return False
        if not self.read_only:
            rows = self.table.selectionModel().selectedRows() or [self.table.currentIndex()]
            for index in rows:
                if index.isValid():
                    self.model.toggle(self.filter.mapToSource(index).row(), status)
        return True

    def _button(self, text: str, name: str, slot: Callable[[], object]) -> QPushButton:
        button = QPushButton(text)
        button.setObjectName(name)
        button.clicked.connect(slot)
        return button

    def _sector(self) -> str:
        return self.sector.value() or ""

    def _layout(self) -> None:
        filters = QHBoxLayout()
        filters.addWidget(self.search, 1)
        for widget in (self.sector, self.committee, self.standing_only, self.listed_only):
            filters.addWidget(widget)
        actions = QHBoxLayout()
        hint = QLabel(
            "点击“出席”“请假”“缺席”列设置每位委员的情况，再点一次移出名单"
            "（键盘：选中后按 1 出席、2 请假、3 缺席）。"
        )
        hint.setObjectName("pageHint")
        actions.addWidget(hint, 1)
        for button in (self.all_present, self.clear_list, self.read_sign_in):
            actions.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addLayout(actions)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.summary)
        layout.addWidget(self.message)

    def _attendance_table(self) -> QTableView:
        table = QTableView()
        table.setObjectName("attendanceTable")
        table.setModel(self.filter)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.verticalHeader().setVisible(False)
        table.setAlternatingRowColors(True)
        header = table.horizontalHeader()
        header.setSectionResizeMode(AttendanceModel.EMPLOYER, QHeaderView.ResizeMode.Stretch)
        table.setColumnWidth(AttendanceModel.NAME, 130)
        table.setColumnWidth(AttendanceModel.SECTOR, 110)
        for column in (AttendanceModel.PRESENT, AttendanceModel.LEAVE, AttendanceModel.ABSENT):
            table.setColumnWidth(column, 56)
        return table

    # --- the list ----------------------------------------------------------------------

    def load(self, attendees: tuple[Attendee, ...], day: date) -> None:
        """The term's members, and anyone already on the list who is not among them."""
        people = [Candidate.from_member(m) for m in list_members(self.database)]
        known = {p.uuid for p in people}
        people += [
            Candidate(a.member_uuid, a.name, a.sector)
            for a in attendees
            if a.member_uuid not in known
        ]
        self.model.set_day(day)
        self.model.set_candidates(people, {a.member_uuid: a.status for a in attendees})
        sectors, committees = choices(people)
        self.sector.set_choices({s: s for s in sectors})
        self.committee.set_choices({c: c for c in committees})

    def attendance(self) -> dict[str, AttendanceStatus]:
        return self.model.attendance()

    def set_day(self, day: date) -> None:
        self.model.set_day(day)

    def set_read_only(self) -> None:
        """The list is looked at (filters and search still work), never changed."""
        self.read_only = True
        for button in (self.all_present, self.clear_list, self.read_sign_in):
            button.setEnabled(False)
            button.setToolTip(READ_ONLY_TIP)

    def _cell_clicked(self, index: QModelIndex) -> None:
        if self.read_only:
            return
        status = AttendanceModel.STATUS_OF_COLUMN.get(index.column())
        if status is not None:
            self.model.toggle(self.filter.mapToSource(index).row(), status)

    def fill_present(self) -> None:
        self.model.fill(self.filter.source_rows(), AttendanceStatus.PRESENT, only_unmarked=True)

    def clear_shown(self) -> None:
        self.model.fill(self.filter.source_rows(), None, only_unmarked=False)

    def _show_summary(self, *_args: object) -> None:
        counts = self.model.counts()
        parts = [f"{ATTENDANCE_LABELS[s]} {counts[s]} 人" for s in AttendanceStatus]
        self.summary.setText(" · ".join(parts) + f" · 未列入名单 {counts[None]} 人")

    # --- the sign-in sheet read back ---------------------------------------------------

    def _ask_sign_in_file(self) -> Path | None:
        return ask_open_path(
            self, self.folders, "sign_in", "选择填好的签到表（Excel）", SPREADSHEET_FILTER
        )

    def read_sign_in_sheet(self) -> None:
        path = self.choose_sign_in_file()
        if path is None:
            return
        uuid = self._save_first()
        if uuid is None:
            return
        self._sign_in = (uuid, path)
        run_job(self, "正在检查签到表…", self._job(uuid, path, True), self._checked, False)

    def _checked(self, result: SignInResult) -> None:
        assert self._sign_in is not None
        path = self._sign_in[1]
        self.preview = ImportPreview(path, result, self, title="读入签到表 — 检查结果")
        self.preview.accepted.connect(self._apply)
        self.preview.finished.connect(self._preview_closed)
        self.preview.open()
        if not result.ok:
            self.message.setText(f"“{path.name}”有 {len(result.errors)} 处错误，出席情况未改动。")

    def _preview_closed(self, _result: int) -> None:
        if self.preview is not None:
            self.preview.deleteLater()
        self.preview = None

    def _apply(self) -> None:
        assert self._sign_in is not None
        uuid, path = self._sign_in
        run_job(self, "正在读入签到表…", self._job(uuid, path, False), self._imported, False)

    def _job(self, uuid: str, path: Path, dry_run: bool) -> Job[SignInResult]:
        def read(progress: Progress) -> SignInResult:
            return import_sign_in(self.database, uuid, path, dry_run=dry_run, progress=progress)

        return read

    def _imported(self, result: SignInResult) -> None:
        assert self._sign_in is not None
        uuid, path = self._sign_in
        if not result.ok:  # the file changed between the check and the reading
            self._checked(result)
            return
        detail = get_meeting(self.database, uuid)
        assert detail.form.held_on is not None
        self.load(detail.attendees, detail.form.held_on)
        self.message.setText(f"已从“{path.name}”读入出席情况：" + "；".join(result.summary_lines()))
