"""Pieces every proposal screen uses: a small dialog for one step, buttons, the
file dialogs (replaceable in tests) and opening an attachment with the system viewer."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Protocol

from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.common.errors import KnownError
from app.common.storage import Database
from app.office.scope import office_scope
from app.proposals.attachments import attachment_path
from app.proposals.views import ProposalDetail
from ui.common.errors import report_error, show_known_error
from ui.common.files import FileFolders, ask_open_path, ask_save_path
from ui.common.jobs import run_job
from ui.common.outputs import OutputBar, open_file
from ui.common.unsaved import DiscardGuard
from ui.common.widgets import (
    add_save_shortcut,
    focus_first_field,
    tab_leaves_lists,
    tab_leaves_text_boxes,
)

FOLDER_KIND = "proposals"
ATTACHMENT_FILTER = (
    "提案原件或答复函 (*.docx *.doc *.wps *.pdf *.jpg *.jpeg *.png *.tif *.tiff *.ofd)"
    ";;所有文件 (*)"
)
FAR_FUTURE = date(2100, 12, 31)
WARNING_STYLE = "color: #b3261e;"
HINT_STYLE = "color: #6b7280;"


def make_button(text: str, name: str, slot: Callable[[], object]) -> QPushButton:
    button = QPushButton(text)
    button.setObjectName(name)
    button.clicked.connect(slot)
    return button


def city_own_note(database: Database) -> str:
    """At the city, these lists hold its own proposals only: said, so that a clerk does not
    look for the counties' here (each county urges and supervises its own)."""
    if not office_scope(database).counties:
        return ""
    return "（此处只列出市政协本单位的提案；各县（市、区）的提案由各县催办、督办。）"


def make_label(name: str, style: str = "") -> QLabel:
    label = QLabel()
    label.setObjectName(name)
    label.setWordWrap(True)
    if style:
        label.setStyleSheet(style)
    return label


class ProposalFiles:
    """Choosing files for the proposal screens; tests replace these three methods."""

    def __init__(self, database: Database) -> None:
        self.folders = FileFolders.of(database)

    def save_path(self, parent: QWidget, title: str, suggested: str, filters: str) -> Path | None:
        return ask_save_path(parent, self.folders, FOLDER_KIND, title, suggested, filters)

    def open_path(self, parent: QWidget, title: str, filters: str) -> Path | None:
        return ask_open_path(parent, self.folders, FOLDER_KIND, title, filters)

    def folder(self, parent: QWidget, title: str) -> Path | None:
        start = self.folders.start_folder(FOLDER_KIND + "_word")
        chosen = QFileDialog.getExistingDirectory(parent, title, str(start))
        if not chosen:
            return None
        path = Path(chosen)
        # remember() keeps a chosen file's folder: hand it a name inside the folder.
        self.folders.remember(FOLDER_KIND + "_word", path / "提案.docx")
        return path


def open_attachment(parent: QWidget, database: Database, uuid: str) -> bool:
    """The stored file in the program the system uses for it."""
    try:
        path = attachment_path(database, uuid)
    except KnownError as exc:
        report_error(parent, exc)
        return False
    if open_file(path):
        return True
    box = QMessageBox(
        QMessageBox.Icon.Warning,
        "无法打开附件",
        f"这台电脑上没有可以打开 {path.suffix} 文件的程序。",
        QMessageBox.StandardButton.Ok,
        parent,
    )
    box.setObjectName("attachmentProblemBox")
    box.setInformativeText(f"附件保存在：\n{path}")
    box.exec()
    return False


class ActionDialog(QDialog):
    """A small form for one step of the lifecycle: 确定 runs it through the service and
    closes; when the service refuses, its message shows and the form stays open.
    取消, Esc or the × ask first when something was typed or chosen."""

    form_grows = False  # True: a list in the form takes the room the window has to spare

    def __init__(self, title: str, name: str, about: str, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.setWindowTitle(title)
        self.setMinimumWidth(520)
        self.about = make_label("actionAbout")
        self.about.setText(about)
        self.about.setVisible(bool(about))
        self.form = QFormLayout()
        self.buttons = QDialogButtonBox()
        self.ok_button = self.buttons.addButton("确定", QDialogButtonBox.ButtonRole.AcceptRole)
        self.ok_button.setObjectName("primaryButton")
        self.buttons.addButton("取消", QDialogButtonBox.ButtonRole.RejectRole)
        self.buttons.accepted.connect(self.run)
        self.buttons.rejected.connect(self.reject)
        add_save_shortcut(self, self.ok_button.click)
        self._keys_ready = False
        self.discard_guard = DiscardGuard(self)
        layout = QVBoxLayout(self)
        layout.addWidget(self.about)
        if self.form_grows:
            layout.addLayout(self.form, 1)
        else:
            layout.addLayout(self.form)
            layout.addStretch(1)
        layout.addWidget(self.buttons)

    def showEvent(self, event: QShowEvent) -> None:
        """The form is filled in after this class's __init__: its keys are set up here."""
        if not self._keys_ready:
            self._keys_ready = True
            tab_leaves_text_boxes(self)
            tab_leaves_lists(self)
            focus_first_field(self, self.buttons)  # it opened on 确定
        super().showEvent(event)

    def act(self) -> None:
        """Call the service; a KnownError keeps the dialog open."""
        raise NotImplementedError

    def run(self) -> None:
        try:
            self.act()
        except KnownError as exc:
            show_known_error(self, exc, "未能完成")
            return
        self.accept()

    def reject(self) -> None:
        if self.discard_guard.allows_close():
            super().reject()


class DetailHost(Protocol):
    """What the tabs of a proposal's window share (ProposalDetailDialog)."""

    database: Database
    files: ProposalFiles
    output: OutputBar
    detail: ProposalDetail | None

    def index_ready(self) -> bool: ...

    def reload(self, message: str = "") -> None: ...


class DetailPanel(QWidget):
    """One tab of a proposal's window: shows the detail, runs steps through the services."""

    def __init__(self, host: DetailHost, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.host = host
        self.database = host.database
        self.dialog: QDialog | None = None  # the open step dialog (tests fill it in)

    def show_detail(self, detail: ProposalDetail) -> None:
        raise NotImplementedError

    def writes(self) -> tuple[QWidget, ...]:
        """The buttons and hints that change the proposal: hidden on a county's proposal at
        the city, which only reads it (db.events would refuse any change)."""
        return ()

    def show_read_only(self) -> None:
        for widget in self.writes():
            widget.hide()

    @property
    def uuid(self) -> str:
        assert self.host.detail is not None
        return self.host.detail.row.uuid

    def step(self, action: Callable[[], object], done_text: str) -> bool:
        """One service call: a refusal is shown and changes nothing; else reload and say so."""
        try:
            action()
        except KnownError as exc:
            show_known_error(self, exc, "未能完成")
            return False
        self.host.reload(done_text)
        return True

    def background_step(self, title: str, action: Callable[[], object], done_text: str) -> None:
        """A step that copies a file (an attachment of up to 200 MB, maybe from a USB stick):
        on a worker thread behind a progress dialog, so the window never freezes; a refusal
        is shown and changes nothing, as in `step`."""
        run_job(
            self,
            title,
            lambda _progress: action(),
            lambda _result: self.host.reload(done_text),
            cancellable=False,
        )

    def open_step(self, dialog: ActionDialog, done_text: str) -> ActionDialog:
        """A step that asks first: the dialog runs the service; on success reload."""
        dialog.accepted.connect(lambda: self.host.reload(done_text))
        dialog.finished.connect(self._dialog_closed)
        self.dialog = dialog
        dialog.open()
        return dialog

    def _dialog_closed(self, _result: int) -> None:
        if self.dialog is not None:
            self.dialog.deleteLater()
        self.dialog = None
