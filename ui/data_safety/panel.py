"""数据安全: where the data lives, its backups (with their state), 立即备份, 备份到U盘,
从备份文件恢复 (administrators) and 检查数据库.

Every action runs through ui.common.jobs.run_job: off the GUI thread, with progress,
errors shown by the one error handler.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from functools import partial
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    QUrl,
    Signal,
)
from PySide6.QtGui import QColor, QDesktopServices
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QDialog,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.common.access import require
from app.common.errors import KnownError
from app.common.jobs import Job, Progress
from app.common.operator import Permission
from app.common.storage import Database
from app.data_safety.backups import BackupResult, back_up_now
from app.data_safety.data_folder import (
    BackupFile,
    DataFolder,
    backup_is_sound,
    describe_data_folder,
    made_at_by_name,
    megabytes,
)
from app.data_safety.health import CheckResult, run_checks
from app.data_safety.planned_restore import OtherOfficeBackup, restore_from_file
from app.data_safety.restore import RestoreResult, require_backup_file
from app.data_safety.sealed import SUFFIX as SEALED_SUFFIX
from app.data_safety.sealed import is_sealed
from app.data_safety.usb_backup import UsbBackup, back_up_to_usb
from ui.common.errors import show_known_error
from ui.common.jobs import run_job
from ui.data_safety.usb_dialog import UsbBackupDialog

SAFETY_NOTE = (
    "安装新版本后，如需升级数据库，程序会先自动备份一次（文件名以“升级前备份”开头）。"
    "数据文件夹必须放在本机硬盘上，不要放在U盘、移动硬盘或网络共享文件夹中，"
    "以免拔出或断开时数据损坏。建议定期把备份文件另外复制一份妥善保存。"
)
NO_BACKUPS_TEXT = "还没有备份。点击“立即备份”生成第一份备份。"
OK_COLOR, BAD_COLOR = "#1e7b34", "#b3261e"

AnyIndex = QModelIndex | QPersistentModelIndex
DISPLAY = Qt.ItemDataRole.DisplayRole
_ROOT = QModelIndex()


class BackupTableModel(QAbstractTableModel):
    """Backups newest first: file name, time, size, and whether it opens and checks out."""

    NAME, MADE_AT, SIZE, STATE = range(4)
    HEADERS = ("文件名", "备份时间", "大小", "状态")

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._backups: list[BackupFile] = []
        self._sound: dict[Path, bool] = {}

    def set_backups(self, backups: list[BackupFile], sound: dict[Path, bool] | None = None) -> None:
        self.beginResetModel()
        self._backups = list(backups)
        self._sound = dict(sound or {})
        self.endResetModel()

    def rowCount(self, parent: AnyIndex = _ROOT) -> int:
        return 0 if parent.isValid() else len(self._backups)

    def columnCount(self, parent: AnyIndex = _ROOT) -> int:
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = DISPLAY) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == DISPLAY:
            return self.HEADERS[section]
        return None

    def data(self, index: AnyIndex, role: int = DISPLAY) -> Any:
        if not index.isValid():
            return None
        backup = self._backups[index.row()]
        column = index.column()
        if role == DISPLAY:
            if column == self.NAME:
                return backup.name
            if column == self.MADE_AT:
                return f"{backup.made_at:%Y-%m-%d %H:%M:%S}"
            if column == self.STATE:
                return _state_text(self._sound.get(backup.path))
            return megabytes(backup.size_bytes)
        if role == Qt.ItemDataRole.ForegroundRole and column == self.STATE:
            sound = self._sound.get(backup.path)
            return None if sound is None else QColor(OK_COLOR if sound else BAD_COLOR)
        if role == Qt.ItemDataRole.ToolTipRole:
            return str(backup.path)
        if role == Qt.ItemDataRole.TextAlignmentRole and column == self.SIZE:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None


class DataSafetyPanel(QWidget):
    restored = Signal()  # the database was replaced: the window must close and open again

    def __init__(self, database: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.database = database
        self.quit_after_restore = True  # the tests keep the application running
        self.data_dir = _selectable("dataDir")
        self.database_file = _selectable("databaseFile")
        self.backup_dir = _selectable("backupDir")
        self.backup_button = QPushButton("立即备份")
        self.backup_button.setObjectName("backupButton")
        self.backup_button.clicked.connect(self.back_up)
        self.usb_button = QPushButton("备份到U盘…")
        self.usb_button.setObjectName("usbBackupButton")
        self.usb_button.clicked.connect(self.back_up_to_usb)
        self.restore_button = QPushButton("从备份文件恢复…")
        self.restore_button.setObjectName("restoreFileButton")
        self.restore_button.setToolTip("用备份文件（含U盘加密备份）替换当前数据，需要管理员")
        self.restore_button.clicked.connect(self.restore_from_file)
        self.open_folder_button = QPushButton("打开备份文件夹")
        self.open_folder_button.setObjectName("openBackupFolderButton")
        self.open_folder_button.clicked.connect(self._open_backup_folder)
        self.check_button = QPushButton("检查数据库")
        self.check_button.setObjectName("checkButton")
        self.check_button.clicked.connect(self.check)
        self.backup_result = _selectable("backupResult")
        self.backup_result.hide()
        self.backups = BackupTableModel(self)
        self.backup_table = _backup_table(self.backups)
        self.no_backups = QLabel(NO_BACKUPS_TEXT)
        self.no_backups.setObjectName("noBackups")
        self.no_backups.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.backup_stack = QStackedWidget()
        self.backup_stack.addWidget(self.backup_table)
        self.backup_stack.addWidget(self.no_backups)
        self.check_summary = QLabel("检查数据库文件是否完好、结构是否为本程序的版本。")
        self.check_summary.setObjectName("checkSummary")
        self.check_summary.setWordWrap(True)
        self.check_lines = QVBoxLayout()
        note = QLabel(SAFETY_NOTE)
        note.setObjectName("safetyNote")
        note.setWordWrap(True)

        work = QHBoxLayout()
        work.addWidget(self._backup_box(), 3)
        work.addWidget(self._check_box(), 2)
        layout = QVBoxLayout(self)
        layout.addWidget(self._folder_box())
        layout.addLayout(work, 1)
        layout.addWidget(note)
        self._folder: DataFolder = describe_data_folder(database)

    def _folder_box(self) -> QGroupBox:
        box = QGroupBox("数据位置")
        form = QFormLayout(box)
        form.addRow("数据文件夹：", self.data_dir)
        form.addRow("数据库文件：", self.database_file)
        form.addRow("备份文件夹：", self.backup_dir)
        return box

    def _backup_box(self) -> QGroupBox:
        box = QGroupBox("备份")
        buttons = QHBoxLayout()
        buttons.addWidget(self.backup_button)
        buttons.addWidget(self.usb_button)
        buttons.addWidget(self.restore_button)
        buttons.addWidget(self.open_folder_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(box)
        layout.addLayout(buttons)
        layout.addWidget(self.backup_result)
        layout.addWidget(self.backup_stack, 1)
        return box

    def _check_box(self) -> QGroupBox:
        box = QGroupBox("数据库检查")
        buttons = QHBoxLayout()
        buttons.addWidget(self.check_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(box)
        layout.addLayout(buttons)
        layout.addWidget(self.check_summary)
        layout.addLayout(self.check_lines)
        layout.addStretch(1)
        return box

    def refresh(self) -> None:
        self._folder = folder = describe_data_folder(self.database)
        self.data_dir.setText(str(folder.data_dir))
        self.database_file.setText(f"{folder.database}（{megabytes(folder.database_bytes)}）")
        self.backup_dir.setText(str(folder.backup_dir))
        sound = {b.path: backup_is_sound(b.path, quick=True) for b in folder.backups}
        self.backups.set_backups(folder.backups, sound)
        self.backup_stack.setCurrentWidget(self.backup_table if folder.backups else self.no_backups)

    # --- 立即备份 ------------------------------------------------------------

    def back_up(self) -> None:
        self._start("正在备份数据库…", partial(back_up_now, self.database), self._backed_up, True)

    def _backed_up(self, result: BackupResult) -> None:
        # The name only: the folder is shown above, and a long path would not wrap.
        self.backup_result.setText(
            f"已备份：{result.path.name}（{megabytes(result.size_bytes)}），保存在备份文件夹中。"
        )
        self.backup_result.setToolTip(str(result.path))
        self.backup_result.show()
        self.refresh()

    # --- 备份到U盘 ------------------------------------------------------------

    def back_up_to_usb(self) -> None:
        dialog = UsbBackupDialog(self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        job = partial(back_up_to_usb, self.database, dialog.folder(), dialog.chosen_password())
        self._start("正在备份到U盘…", job, self._backed_up_to_usb, False)

    def _backed_up_to_usb(self, result: UsbBackup) -> None:
        text = (
            f"已加密备份到U盘：{result.path}（含数据库和 {result.files} 个附件文件）。"
            "请妥善保管U盘并牢记密码，恢复时需要输入该密码。"
        )
        if result.damaged:
            text += (
                f"\n注意：本机有 {len(result.damaged)} 个附件文件已损坏（内容与记录不符），"
                "未能写入备份。请找到这些附件的原件，在相应提案中重新添加；详见日志。"
            )
        self.backup_result.setText(text)
        self.backup_result.setToolTip(str(result.path))
        self.backup_result.show()

    # --- 从备份文件恢复 --------------------------------------------------------

    def restore_from_file(self) -> None:
        try:  # 管理员 only: a refusal is told, and recorded, before any file is picked
            require(self.database, Permission.RESTORE, "从备份文件恢复")
        except KnownError as exc:
            show_known_error(self, exc, "无权恢复")
            return
        source, _ = QFileDialog.getOpenFileName(
            self,
            "选择备份文件",
            str(self.database.location.backup_dir),
            f"备份文件 (*.sqlite3 *{SEALED_SUFFIX});;所有文件 (*)",
        )
        if source:
            self.restore_file(Path(source))

    def restore_file(self, source: Path) -> None:
        """Ask for the password (an encrypted file) and a confirmation, then restore."""
        try:  # a pipe would block the window on reading its first bytes
            require_backup_file(source)
        except KnownError as exc:
            show_known_error(self, exc, "不能恢复")
            return
        password = None
        if is_sealed(source):
            password, ok = QInputDialog.getText(
                self, "输入密码", f"“{source.name}”是加密备份，请输入备份时设置的密码：",
                QLineEdit.EchoMode.Password,
            )  # fmt: skip
            if not ok:
                return
        if not self._confirm_restore(source):
            return
        self._run_restore(source, password, other_office=False)

    def _run_restore(self, source: Path, password: str | None, other_office: bool) -> None:
        job = partial(self._restore, source, password, other_office)
        self._start("正在恢复数据…", job, partial(self._restored, password), False)

    def _restore(
        self, source: Path, password: str | None, other_office: bool, progress: Progress
    ) -> RestoreResult | OtherOfficeBackup:
        try:
            return restore_from_file(self.database, source, password, progress, other_office)
        except OtherOfficeBackup as question:  # nothing changed: the clerk is asked
            return question

    def _other_office_confirmed(self, question: OtherOfficeBackup) -> bool:
        box = QMessageBox(QMessageBox.Icon.Warning, "另一单位的备份", question.what, parent=self)
        box.setObjectName("otherOfficeBackup")
        box.setInformativeText(
            f"恢复后，本单位（{question.ours}）的全部数据将被对方的数据替换。"
            "通常应选择本单位的备份；只有确知需要（例如本单位的行政区划代码已改变）时才恢复。"
        )
        restore = box.addButton("仍然恢复", QMessageBox.ButtonRole.DestructiveRole)
        cancel = box.addButton("取消", QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(cancel)
        box.exec()
        return box.clickedButton() is restore

    def _confirm_restore(self, source: Path) -> bool:
        box = QMessageBox(QMessageBox.Icon.Warning, "确认恢复", f"用“{source.name}”替换当前数据？")
        box.setObjectName("confirmRestore")
        # When the backup was made: what was entered after it is what the clerk loses.
        made = made_at_by_name(source) or datetime.fromtimestamp(source.stat().st_mtime)
        box.setInformativeText(
            f"这份备份制作于 {made:%Y-%m-%d %H:%M}。恢复后，此后录入或修改的内容将不在"
            "当前数据中。\n\n恢复前程序会先把当前数据备份一次（“恢复前备份”），当前的"
            "数据库文件也会保留在备份文件夹中。恢复完成后程序将关闭，请重新打开。"
        )
        restore = box.addButton("恢复", QMessageBox.ButtonRole.AcceptRole)
        cancel = box.addButton("取消", QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(cancel)  # Enter must not replace the data
        box.exec()
        return box.clickedButton() is restore

    def _restored(self, password: str | None, outcome: RestoreResult | OtherOfficeBackup) -> None:
        if isinstance(outcome, OtherOfficeBackup):
            if self._other_office_confirmed(outcome):
                self._run_restore(outcome.source, password, other_office=True)
            return
        box = QMessageBox(
            QMessageBox.Icon.Information,
            "恢复完成",
            f"已用“{outcome.restored_from.name}”恢复数据。程序现在关闭，请重新打开后继续工作。",
            QMessageBox.StandardButton.Ok,
            self,
        )
        box.setObjectName("restoredBox")
        box.setInformativeText("\n".join(outcome.where_kept()))
        box.exec()
        self.restored.emit()
        if self.quit_after_restore:
            QApplication.quit()

    # --- 检查数据库 ----------------------------------------------------------

    def check(self) -> None:
        self._start("正在检查数据库…", self._run_checks, self._checked, False)

    def _run_checks(self, progress: Progress) -> list[CheckResult]:
        return run_checks(self.database)

    def _checked(self, results: list[CheckResult]) -> None:
        while self.check_lines.count():
            widget = self.check_lines.takeAt(0).widget()
            if widget is not None:
                widget.deleteLater()
        for result in results:
            self.check_lines.addWidget(_check_line(result))
        failed = [r for r in results if not r.ok]
        self.check_summary.setText(
            f"发现 {len(failed)} 个问题。请不要继续录入，先用最近的备份恢复，或联系技术人员。"
            if failed
            else "检查完成，数据库正常。"
        )

    # --- helpers -------------------------------------------------------------

    def _start(
        self, title: str, job: Job[Any], on_done: Callable[[Any], None], cancellable: bool
    ) -> None:
        self._set_busy(True)
        runner = run_job(self, title, job, on_done, cancellable)
        runner.finished.connect(self._job_finished)  # a bound method: no lambda holding self

    def _job_finished(self) -> None:
        self._set_busy(False)

    def _set_busy(self, busy: bool) -> None:
        for button in (self.backup_button, self.usb_button, self.restore_button, self.check_button):
            button.setEnabled(not busy)

    def _open_backup_folder(self) -> None:
        folder = self._folder.backup_dir if self._folder.backups else self._folder.data_dir
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))


def _selectable(name: str) -> QLabel:
    label = QLabel()
    label.setObjectName(name)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    label.setWordWrap(True)
    return label


def _backup_table(model: BackupTableModel) -> QTableView:
    table = QTableView()
    table.setObjectName("backupTable")
    table.setModel(model)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.verticalHeader().hide()
    header = table.horizontalHeader()
    header.setSectionResizeMode(BackupTableModel.NAME, QHeaderView.ResizeMode.Stretch)
    for column in (BackupTableModel.MADE_AT, BackupTableModel.SIZE, BackupTableModel.STATE):
        header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
    return table


def _state_text(sound: bool | None) -> str:
    if sound is None:
        return ""
    return "完好" if sound else "损坏，不能用"


def _check_line(result: CheckResult) -> QLabel:
    mark, color = ("✓", OK_COLOR) if result.ok else ("✗", BAD_COLOR)
    label = QLabel(f"{mark} {result.name}：{result.detail}")
    label.setObjectName("checkResult")
    label.setStyleSheet(f"color: {color};")
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    label.setWordWrap(True)
    return label
