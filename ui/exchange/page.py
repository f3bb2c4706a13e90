"""文件交换: office cards, sending to a USB stick, importing from it with a dry run, history.

Files are written to the stick through app.exchange (temporary name, fsync, rename,
read back); the page then says the stick may be removed. Files on the stick are
imported from a local copy (app.exchange.usb). Long work runs through run_job.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.common.errors import as_known_error
from app.common.jobs import Cancelled, Job, Progress
from app.common.storage import Database
from app.exchange import cards, history, usb
from app.exchange.export import ExportResult, export_file
from app.exchange.receiving.importing import import_file
from app.exchange.receiving.result import ImportResult
from app.office.labels import OfficeLevel
from app.office.office import OfficeInfo, office_info
from ui.common.errors import report_error
from ui.common.files import FileFolders, ask_open_path, ask_save_path
from ui.common.jobs import run_job, when_ended
from ui.common.widgets import Page, tight_rows
from ui.exchange.dialogs import DryRunDialog, TrustDialog
from ui.exchange.models import StickFile, history_model, list_table, partner_model
from ui.exchange.notices_tab import NoticesTab
from ui.exchange.stick_tab import StickFilesTab

CARD_FILTER = "单位名片 (*.cppcccard)"
OTHER_FOLDER = "选择文件夹…"
STICK_ADVICE = "写入后程序会读回核对，提示“可以安全拔出”后再拔U盘。"

# A list's least height: its header and a row; the splitter between them gives more.
LIST_MINIMUM = 72


class ExchangePage(Page):
    title = "文件交换"
    hint = (
        "与市政协用U盘交换数据：把本单位的记录发送到U盘，"
        "导入市政协送来的交换文件和回执。每份文件都加密并签名，导入前先核对。"
    )
    city_hint = (  # a city clerk read "与市政协（或所辖县…）" on the city's own page
        "与所辖县（市、区）政协用U盘交换数据：把本单位的记录发送到U盘，"
        "导入各县（市、区）送来的交换文件和回执。每份文件都加密并签名，导入前先核对。"
    )

    def __init__(self, database: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.database = database
        self.folders = FileFolders.of(database)
        self.info: OfficeInfo | None = None
        self.stick: Path | None = None
        self._runner: object = None
        top = QHBoxLayout()
        top.addWidget(self._office_box(), 3)
        top.addWidget(self._stick_box(), 2)
        self.page_layout.addLayout(top)
        # At 1366×768 the two lists share what is left: buttons sit beside them, not under
        # (the files on the stick showed a single row), and a splitter gives either more.
        self.tabs = QTabWidget()
        self.stick_tab = StickFilesTab(database)
        self.stick_model, self.stick_files = self.stick_tab.model, self.stick_tab.view
        self.stick_files.setMinimumHeight(LIST_MINIMUM)
        self.import_button = self.stick_tab.import_button
        self.import_button.clicked.connect(self.import_selected)
        self.stick_files.doubleClicked.connect(lambda _: self.import_selected())
        self.stick_tab.picked.connect(lambda: self.say(""))  # the line tells the latest action
        self.tabs.addTab(self.stick_tab, "U盘上的文件")
        self.history = list_table(history_model(), "historyTable", stretch=5)
        self.tabs.addTab(self.history, "交换记录")
        self.notices = NoticesTab(database)
        self.tabs.addTab(self.notices, "通知")
        self.lists = QSplitter(Qt.Orientation.Vertical)
        self.lists.setObjectName("exchangeLists")
        self.lists.setChildrenCollapsible(False)
        self.lists.addWidget(self._partners_box())
        self.lists.addWidget(self.tabs)
        self.page_layout.addWidget(self.lists, 1)
        self._lists_fitted = False
        self.status = QLabel("")
        self.status.setObjectName("exchangeStatus")
        self.status.setWordWrap(True)
        self.status.hide()  # shown with a message only: an empty line took the lists' room
        self.page_layout.addWidget(self.status)

    # --- layout -------------------------------------------------------------------------

    def _office_box(self) -> QGroupBox:
        box = QGroupBox("本单位")
        layout = QVBoxLayout(box)
        self.office_label = QLabel("")
        self.fingerprint = QLabel("")
        self.fingerprint.setObjectName("ownFingerprint")
        font = self.fingerprint.font()
        font.setPointSize(font.pointSize() + 4)
        font.setBold(True)
        self.fingerprint.setFont(font)
        self.office_label.setWordWrap(True)  # a long name wraps rather than widen the box
        # Two lines, the buttons beside the name: at 125 % on a 1366×768 laptop a third
        # line left the lists below one row each.
        named = QHBoxLayout()
        self.card_button = QPushButton("导出本单位名片…")
        self.card_button.clicked.connect(self.export_card)
        self.trust_button = QPushButton("导入对方名片…")
        self.trust_button.clicked.connect(self.import_card)
        named.addWidget(self.office_label, 1)
        named.addWidget(self.card_button)
        named.addWidget(self.trust_button)
        said = QHBoxLayout()
        said.addWidget(QLabel("本单位指纹（与对方电话核对时读出）："))
        said.addWidget(self.fingerprint)
        said.addStretch(1)
        layout.addLayout(named)
        layout.addLayout(said)
        tight_rows(layout)
        return box

    def _stick_box(self) -> QGroupBox:
        box = QGroupBox("U盘")
        layout = QVBoxLayout(box)
        row = QHBoxLayout()
        self.drives = QComboBox()
        self.drives.setObjectName("drives")
        self.drives.activated.connect(self._drive_chosen)
        self.refresh_drives_button = QPushButton("刷新")
        self.refresh_drives_button.clicked.connect(self.refresh_drives)
        row.addWidget(self.drives, 1)
        row.addWidget(self.refresh_drives_button)
        self.stick_label = QLabel("")
        self.stick_label.setWordWrap(True)
        # Said where the clerk writes to the stick (and again when it is written), not on
        # a line of its own above the lists.
        for widget in (self.drives, self.stick_label):
            widget.setToolTip(STICK_ADVICE)
        layout.addLayout(row)
        layout.addWidget(self.stick_label)
        layout.addStretch(1)
        tight_rows(layout)
        return box

    def _partners_box(self) -> QGroupBox:
        box = QGroupBox("往来单位")
        self.partners_model = partner_model()
        self.partners = list_table(self.partners_model, "partnersTable", stretch=0)
        self.partners.setMinimumHeight(LIST_MINIMUM)
        self.partners.selectionModel().selectionChanged.connect(self._update_buttons)
        self.empty_partners = QLabel("")
        self.empty_partners.setObjectName("pageHint")
        self.empty_partners.setWordWrap(True)
        buttons = QVBoxLayout()
        self.send_button = QPushButton("发送到U盘")
        self.send_button.setObjectName("sendButton")
        self.send_button.clicked.connect(lambda: self.send(full=False))
        self.send_button.setToolTip(STICK_ADVICE)
        self.send_all_button = QPushButton("全部重新发送到U盘")
        self.send_all_button.setToolTip("对方数据丢失或重装后使用：发送本单位的全部记录")
        self.send_all_button.clicked.connect(lambda: self.send(full=True))
        buttons.addWidget(self.send_button)
        buttons.addWidget(self.send_all_button)
        buttons.addStretch(1)
        shown = QVBoxLayout()
        shown.addWidget(self.partners)
        shown.addWidget(self.empty_partners)
        layout = QHBoxLayout(box)
        layout.addLayout(shown, 1)
        layout.addLayout(buttons)
        tight_rows(layout)
        return box

    # --- showing ------------------------------------------------------------------------

    def refresh(self) -> None:
        self.info = office_info(self.database)
        # The level is in the name (…县政协, …市政协); the line leaves room for the buttons.
        self.office_label.setText(f"{self.info.name}（代码 {self.info.division_code}）")
        self.fingerprint.setText(cards.local_fingerprint(self.database))
        city = self.info.level is OfficeLevel.CITY
        hint = self.findChild(QLabel, "pageHint")
        if hint is not None:
            hint.setText(self.city_hint if city else self.hint)
        chosen = self.selected_partner()
        partners = history.exchange_status(self.database)
        self.partners_model.set_rows(partners)
        self.partners.setVisible(bool(partners))
        # The county just sent to stays chosen (it used to jump back to the first one).
        codes = [p.code for p in partners]
        if chosen is not None and chosen.code in codes:
            self.partners.selectRow(codes.index(chosen.code))
        elif partners and not self.partners.selectionModel().hasSelection():
            self.partners.selectRow(0)
        if not self._lists_fitted and self.info.level is OfficeLevel.COUNTY:
            # A county trades with its one city: the files on the stick get the room (once,
            # so that the clerk's own dragging of the splitter stays).
            self._lists_fitted = True
            box = self.lists.widget(0).minimumSizeHint().height()
            self.lists.setSizes([box, max(sum(self.lists.sizes()) - box, box)])
            self.lists.setStretchFactor(0, 0)  # a taller window: more of the files
            self.lists.setStretchFactor(1, 1)
        partner_word = "所辖县（市、区）政协" if self.info.level is OfficeLevel.CITY else "市政协"
        self.empty_partners.setVisible(not partners)
        self.empty_partners.setText(
            f"尚未信任任何单位。请先与{partner_word}互换单位名片："
            "点“导出本单位名片”把名片拷到U盘交给对方，再点“导入对方名片”，电话核对指纹。"
        )
        history_model_ = self.history.model()
        history_model_.set_rows(history.exchange_history(self.database))  # type: ignore[attr-defined]
        self.notices.refresh(writes=self.info.level is OfficeLevel.CITY)
        self.refresh_drives()
        self._update_buttons()

    def refresh_drives(self) -> None:
        self.drives.clear()
        for drive in usb.removable_drives():
            self.drives.addItem(f"U盘 {drive.label}", str(drive.path))
        if self.stick is not None and self.drives.findData(str(self.stick)) < 0:
            self.drives.addItem(str(self.stick), str(self.stick))
        self.drives.addItem(OTHER_FOLDER, "")
        if self.stick is not None:
            self.drives.setCurrentIndex(self.drives.findData(str(self.stick)))
        elif self.drives.count() > 1:
            self.use_stick(Path(self.drives.itemData(0)))
            return
        self._show_stick_files()

    def _drive_chosen(self, index: int) -> None:
        data = self.drives.itemData(index)
        if data:
            self.use_stick(Path(data))
            return
        folder = self.choose_folder()
        if folder is not None:
            self.use_stick(folder)
        else:
            self.refresh_drives()

    def choose_folder(self) -> Path | None:
        """The folder standing for the stick (a stick the system did not list)."""
        from PySide6.QtWidgets import QFileDialog

        name = QFileDialog.getExistingDirectory(self, "选择U盘或文件夹")
        return Path(name) if name else None

    def use_stick(self, folder: Path) -> None:
        self.stick = folder
        if self.drives.findData(str(folder)) < 0:
            self.drives.insertItem(0, str(folder), str(folder))
        self.drives.setCurrentIndex(self.drives.findData(str(folder)))
        self._show_stick_files()

    def _show_stick_files(self) -> None:
        found = self.stick_tab.show_files(self.stick)
        if self.stick is None:
            self.stick_label.setText("未发现U盘。请插入U盘后点“刷新”，或选择一个文件夹。")
        elif not self.stick.is_dir():  # pulled: "0 个交换文件" read as an empty stick
            self.stick_label.setText(f"找不到U盘“{self.stick}”，可能已拔出。请插好后点“刷新”。")
        else:
            self.stick_label.setText(f"{self.stick}：{found} 个交换文件、回执或名片")
        self._update_buttons()

    def _update_buttons(self) -> None:
        partner = self.selected_partner()
        self.send_button.setEnabled(partner is not None and self.stick is not None)
        self.send_all_button.setEnabled(partner is not None and self.stick is not None)

    def selected_partner(self) -> history.PartnerStatus | None:
        rows = self.partners.selectionModel().selectedRows()
        return self.partners_model.row(rows[0].row()) if rows else None

    def selected_file(self) -> StickFile | None:
        return self.stick_tab.selected()

    def say(self, text: str) -> None:
        self.status.setText(text)
        self.status.setVisible(bool(text))

    def _failed(self, failed: str, error: BaseException, shown: bool = False) -> None:
        """What went wrong, on the status line (`failed` begins it: "未导入“…”") and, unless
        run_job has `shown` it, in a message: a refusal stayed on the line while the clerk
        went on to the next file."""
        known = None if isinstance(error, Cancelled) else as_known_error(error)
        said = "已取消" if isinstance(error, Cancelled) else (known.what if known else "")
        self.say(f"{failed}：{said}" if said else f"{failed}。")
        if not shown:
            report_error(self, error)

    def _run(self, title: str, job: Job[Any], on_done: Callable[[Any], None], failed: str) -> None:
        """run_job, a refusal, an error or 取消 also said on the status line: it tells the
        latest action only."""
        self.say(title)
        errors: list[BaseException] = [Cancelled()]  # cancelled unless something else
        done: list[object] = []

        def attempt(progress: Progress) -> Any:
            try:
                return job(progress)
            except BaseException as exc:  # run_job shows it; the line says it when it ends
                errors.insert(0, exc)
                raise

        def succeeded(result: Any) -> None:
            done.append(result)
            on_done(result)

        runner = run_job(self, title, attempt, succeeded)
        when_ended(runner, self, lambda: None if done else self._failed(failed, errors[0], True))
        self._runner = runner

    # --- cards --------------------------------------------------------------------------

    def export_card(self) -> None:
        assert self.info is not None
        suggested = f"{self.info.division_code}-{self.info.name}{cards.CARD_SUFFIX}"
        target = self.choose_card_target(suggested)
        if target is None:
            return
        try:
            card = cards.write_card(self.database, target)
        except Exception as exc:
            self._failed("未导出本单位名片", exc)
            return
        self._show_stick_files()  # the card is on the stick now: list it
        self.say(f"已导出本单位名片：{target}。指纹：{card.fingerprint}")
        self.inform(
            "单位名片已导出",
            f"名片已保存到：{target}\n\n请把它交给对方导入，并电话核对指纹：\n{card.fingerprint}",
        )

    def choose_card_target(self, suggested: str) -> Path | None:
        if self.stick is not None:
            return self.stick / suggested
        return ask_save_path(
            self, self.folders, "exchange", "导出本单位名片", suggested, CARD_FILTER
        )

    def import_card(self, path: Path | None = None) -> None:
        path = path or ask_open_path(
            self, self.folders, "exchange", "导入对方名片", f"{CARD_FILTER};;所有文件 (*)"
        )
        if path is None:
            return
        try:
            card = cards.read_card(path)
            status, old = cards.card_status(self.database, card)
        except Exception as exc:
            self._failed(f"未导入名片“{path.name}”", exc)
            return
        if status == "same":
            self.say(f"已信任“{card.name}”的这张名片，无需再次导入。指纹：{card.fingerprint}")
            return
        dialog = TrustDialog(card, old, self)
        if dialog.exec() != TrustDialog.DialogCode.Accepted:
            self.say(f"未导入名片“{path.name}”：已取消。")
            return
        try:
            result = cards.trust_card(self.database, path, confirm=card.fingerprint)
        except Exception as exc:
            self._failed(f"未导入名片“{path.name}”", exc)
            return
        verb = "已更换密钥" if result.status == "replaced" else "已信任"
        self.say(f"{verb}：{card.name}（代码 {card.code}），指纹 {card.fingerprint}。")
        self.refresh()

    # --- sending ------------------------------------------------------------------------

    def send(self, full: bool) -> None:
        partner = self.selected_partner()
        if partner is None or self.stick is None or self.info is None:
            return
        if not self.stick.is_dir():
            # A pulled stick: its folder must not be made anew on the local disk (the page
            # then said 已写入U盘 of a file that never left this computer).
            self.say(
                f"未发送到U盘（{partner.name}）：找不到U盘“{self.stick}”，可能已拔出。"
                "请插好U盘后点“刷新”，再发送。本次未写入任何文件。"
            )
            self._show_stick_files()
            return
        folder = self.stick / usb.EXCHANGE_FOLDER
        if self.info.level is OfficeLevel.CITY:
            folder = folder / f"{partner.code}-{partner.name}"  # one folder per county
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as exc:  # a read-only or full stick
            self._failed(f"未发送到U盘（{partner.name}）", exc)
            return
        self._run(
            f"正在为“{partner.name}”制作交换文件…",
            lambda progress: export_file(
                self.database, partner.code, folder, full=full, progress=progress
            ),
            self._sent,
            failed=f"未发送到U盘（{partner.name}）",
        )

    def _sent(self, result: ExportResult) -> None:
        what = f"{result.total} 条记录"
        if not (result.total or result.purged):  # "0 条记录" left the clerk wondering why
            what = (
                f"没有新的变化：自对方确认收到的第 {result.base} 号以来本单位的记录未变"
                if result.base
                else "本单位还没有要发送的记录"
            )
        text = (
            f"已写入U盘并读回核对：{result.path.name}（发往{result.partner_name}，第 "
            f"{result.sequence} 号，{what}）。现在可以安全拔出U盘。"
        )
        self.say(text)
        self.refresh()
        self.inform("已写入U盘", text)

    # --- importing ----------------------------------------------------------------------

    def import_selected(self) -> None:
        chosen = self.selected_file()
        if chosen is None:
            return
        if chosen.path.suffix.lower() == cards.CARD_SUFFIX:
            self.import_card(chosen.path)
            return
        self._run(
            f"正在核对“{chosen.path.name}”…",
            lambda progress: import_file(
                self.database, chosen.path, dry_run=True, progress=progress
            ),
            lambda result: self._checked(chosen.path, result),
            failed=_not_imported(chosen.path),
        )

    def _checked(self, path: Path, result: ImportResult) -> None:
        if result.kind == "receipt":
            self._import(path, skip_conflicts=False)
            return
        self.dry_run = DryRunDialog(result, self)
        if self.dry_run.exec() != DryRunDialog.DialogCode.Accepted:
            self.say(f"{_not_imported(path)}：已取消。")
            return
        self._import(path, self.dry_run.skip_conflicts)

    def _import(self, path: Path, skip_conflicts: bool) -> None:
        self._run(
            f"正在导入“{path.name}”…",
            lambda progress: import_file(
                self.database,
                path,
                skip_conflicts=skip_conflicts,
                receipt_dir=path.parent,
                progress=progress,
            ),
            lambda result: self._imported(path, result),
            failed=_not_imported(path),
        )

    def _imported(self, path: Path, result: ImportResult) -> None:
        if result.refused is not None:
            self._failed(_not_imported(path), result.refused)
            return
        if result.kind == "receipt":
            text = f"{result.note}（{result.receipt_text}）" if result.note else result.receipt_text
        else:
            t = result.totals()
            text = (
                f"已导入“{result.sender_name}”的第 {result.sequence} 号文件：新增 {t['new']} 条，"
                f"更新 {t['changed']} 条，未变 {t['unchanged']} 条，冲突 {t['conflicts']} 条。"
            )
            if result.receipt_path is not None:
                text += f"回执已放在U盘上：{result.receipt_path.name}，请带回给对方导入。"
            else:
                text += f"回执未能写到U盘（{result.receipt_error}），已保存在本机。"
        self.say(text)
        self.refresh()
        self.inform("导入完成", text)

    def inform(self, title: str, text: str) -> None:
        box = QMessageBox(
            QMessageBox.Icon.Information, title, text, QMessageBox.StandardButton.Ok, self
        )
        box.setObjectName("exchangeInfo")
        box.exec()


def _not_imported(path: Path) -> str:
    return f"未导入“{path.name}”"
