"""新增/修改会议活动: kind, title, date, and the attendance list.

The dialog saves through the records service itself and stays open when the
service refuses, so the clerk can correct the input.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QModelIndex, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.common.errors import KnownError
from app.common.storage import Database
from app.members.member_files import list_members
from app.records.activities import ActivityForm, add_activity, get_activity, update_activity
from app.records.labels import (
    ACTIVITY_KIND_LABELS,
    ATTENDANCE_LABELS,
    ActivityKind,
    AttendanceStatus,
)
from ui.common.errors import show_known_error
from ui.common.widgets import add_save_shortcut
from ui.records.attendance_model import AttendanceFilter, AttendanceModel, candidates
from ui.records.fields import date_edit, day_of, set_day
from ui.security.guard import guard_writes


class ActivityDialog(QDialog):
    saved = Signal(str)  # the activity's UUID

    def __init__(
        self,
        database: Database,
        uuid: str | None = None,
        day: date | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.database = database
        self.uuid = uuid
        self.setObjectName("activityDialog")
        self.setWindowTitle("修改会议活动" if uuid else "新增会议活动")
        self.resize(860, 640)

        self.kind = QComboBox()
        self.kind.setObjectName("activityKind")
        for kind, label in ACTIVITY_KIND_LABELS.items():
            self.kind.addItem(label, kind.value)
        self.title_edit = QLineEdit()
        self.title_edit.setObjectName("activityTitle")
        self.title_edit.setPlaceholderText("例如：视察农村饮水安全工程")
        self.day = date_edit("activityDate", day)
        self.note = QLineEdit()
        self.note.setObjectName("activityNote")
        self.note.setPlaceholderText("地点、内容等（可不填）")
        form = QFormLayout()
        form.addRow("类别", self.kind)
        form.addRow("名称", self.title_edit)
        form.addRow("日期", self.day)
        form.addRow("备注", self.note)

        self.model = AttendanceModel(self)
        self.filter = AttendanceFilter(self.model)
        self.table = self._attendance_table()
        self.search = QLineEdit()
        self.search.setObjectName("attendanceSearch")
        self.search.setPlaceholderText("输入姓名、界别或单位查找")
        self.search.setClearButtonEnabled(True)
        self.standing_only = QCheckBox("只显示常委")
        self.standing_only.setObjectName("standingOnly")
        self.listed_only = QCheckBox("只看名单内")
        self.listed_only.setObjectName("listedOnly")
        self.all_present = QPushButton("全部出席")
        self.all_present.setObjectName("allPresent")
        self.all_present.setToolTip(
            "把列表中显示的、尚未登记的委员设为出席（已标请假、缺席的不变；活动时不在任的除外）。"
        )
        self.clear_list = QPushButton("清空名单")
        self.clear_list.setObjectName("clearList")
        self.clear_list.setToolTip("把列表中显示的委员全部移出出席名单。")
        self.summary = QLabel()
        self.summary.setObjectName("attendanceSummary")

        tools = QHBoxLayout()
        tools.addWidget(self.search, 1)
        tools.addWidget(self.standing_only)
        tools.addWidget(self.listed_only)
        tools.addWidget(self.all_present)
        tools.addWidget(self.clear_list)
        hint = QLabel("点击“出席”“请假”“缺席”列设置每位委员的情况，再点一次移出名单。")
        hint.setObjectName("pageHint")
        self.buttons = QDialogButtonBox()
        self.save_button = self.buttons.addButton("保存", QDialogButtonBox.ButtonRole.AcceptRole)
        self.save_button.setObjectName("primaryButton")
        self.buttons.addButton("取消", QDialogButtonBox.ButtonRole.RejectRole)
        add_save_shortcut(self, self.save_button.click)
        guard_writes(database, self.save_button)

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addSpacing(6)
        attendance_title = QLabel("出席情况")
        attendance_title.setObjectName("sectionTitle")
        attendance_title.setStyleSheet("font-weight: bold;")
        layout.addWidget(attendance_title)
        layout.addLayout(tools)
        layout.addWidget(hint)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.summary)
        layout.addWidget(self.buttons)

        self.search.textChanged.connect(self.filter.set_text)
        self.standing_only.toggled.connect(self.filter.set_standing_only)
        self.listed_only.toggled.connect(self.filter.set_listed_only)
        self.all_present.clicked.connect(self.fill_present)
        self.clear_list.clicked.connect(self.clear_shown)
        self.table.clicked.connect(self._cell_clicked)
        self.day.dateChanged.connect(self._day_changed)
        self.kind.currentIndexChanged.connect(self._kind_changed)
        self.model.dataChanged.connect(self._show_summary)
        self.model.modelReset.connect(self._show_summary)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        self._load()

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
        table.setColumnWidth(AttendanceModel.SECTOR, 100)
        for column in (AttendanceModel.PRESENT, AttendanceModel.LEAVE, AttendanceModel.ABSENT):
            table.setColumnWidth(column, 56)
        return table

    # --- loading -------------------------------------------------------------

    def _load(self) -> None:
        listed = ()
        if self.uuid is not None:
            detail = get_activity(self.database, self.uuid)
            self.kind.setCurrentIndex(self.kind.findData(detail.form.kind.value))
            self.title_edit.setText(detail.form.title)
            assert detail.form.held_on is not None
            set_day(self.day, detail.form.held_on)
            self.note.setText(detail.form.note)
            listed = detail.attendance
            status = detail.form.attendance
        else:
            status = {}
        self.model.set_day(day_of(self.day))
        self.model.set_candidates(candidates(list_members(self.database), listed), status)
        self.standing_only.setChecked(self.current_kind() is ActivityKind.STANDING_MEETING)

    def current_kind(self) -> ActivityKind:
        return ActivityKind(self.kind.currentData())

    # --- editing the list ----------------------------------------------------

    def _cell_clicked(self, index: QModelIndex) -> None:
        status = AttendanceModel.STATUS_OF_COLUMN.get(index.column())
        if status is not None:
            self.model.toggle(self.filter.mapToSource(index).row(), status)

    def fill_present(self) -> None:
        self.model.fill(self.filter.source_rows(), AttendanceStatus.PRESENT, only_unmarked=True)

    def clear_shown(self) -> None:
        self.model.fill(self.filter.source_rows(), None, only_unmarked=False)

    def _day_changed(self) -> None:
        self.model.set_day(day_of(self.day))

    def _kind_changed(self) -> None:
        if self.uuid is None:  # a new 常委会会议 lists the standing committee
            self.standing_only.setChecked(self.current_kind() is ActivityKind.STANDING_MEETING)

    def _show_summary(self, *_args: object) -> None:
        counts = self.model.counts()
        parts = [f"{ATTENDANCE_LABELS[s]} {counts[s]} 人" for s in AttendanceStatus]
        self.summary.setText(" · ".join(parts) + f" · 未列入名单 {counts[None]} 人")

    # --- saving --------------------------------------------------------------

    def form(self) -> ActivityForm:
        return ActivityForm(
            kind=self.current_kind(),
            title=self.title_edit.text(),
            held_on=day_of(self.day),
            note=self.note.text(),
            attendance=self.model.attendance(),
        )

    def save(self) -> None:
        try:
            if self.uuid is None:
                self.uuid = add_activity(self.database, self.form())
            else:
                update_activity(self.database, self.uuid, self.form())
        except KnownError as exc:
            show_known_error(self, exc, "未能保存")
            return
        self.saved.emit(self.uuid)
        self.accept()
