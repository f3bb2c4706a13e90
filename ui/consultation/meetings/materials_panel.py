"""The meeting editor's 会议材料 page: the meeting's printed materials.

- Word files (会议通知, 会议议程, 签到表, 座签, 参会人员名单, 会议纪要), one at a time or
  all six into a folder, written by app.consultation.printouts.meeting_docs; each opens in
  WPS or Word with one click, and on Windows goes to the printer directly.
- 签到表, 座签 and 参会人员名单 drawn by the program itself: a print preview (and
  from there the printer) or a PDF file, so they print exactly without Word or WPS.
- The sign-in list as an Excel workbook, to type the signed sheet into and read back.

The meeting is saved first, so the materials show what the editor shows.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtPrintSupport import QPrintPreviewDialog
from PySide6.QtWidgets import (
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.common.errors import KnownError
from app.common.storage import Database
from app.consultation.meetings.sign_in import write_sign_in_workbook
from app.consultation.printouts.materials import MeetingMaterials, meeting_materials
from app.consultation.printouts.meeting_docs import (
    FILE_KINDS,
    file_stem,
    write_agenda,
    write_attendee_list,
    write_meeting_materials,
    write_minutes,
    write_notice,
    write_sign_in_sheet,
)
from app.consultation.printouts.table_cards import write_table_cards
from ui.common.errors import report_error
from ui.common.files import DOCX_FILTER, XLSX_FILTER, FileFolders, ask_folder, ask_save_path
from ui.common.jobs import run_job
from ui.common.outputs import OutputBar
from ui.common.screen_fit import scrolling
from ui.consultation.printing.printer import PRINTOUTS, Printout, preview_dialog, write_pdf

PDF_FILTER = "PDF 文件 (*.pdf)"
PATH_ROLE = Qt.ItemDataRole.UserRole + 1
WordWriter = Callable[[MeetingMaterials, Path], Path]
WORD_WRITERS: dict[str, WordWriter] = {
    "会议通知": lambda m, p: write_notice(m, p),
    "会议议程": write_agenda,
    "签到表": lambda m, p: write_sign_in_sheet(m.sign_in, p, m.office_name),
    "座签": lambda m, p: write_table_cards(m.cards, p, f"{m.title}座签", m.cards_note),
    "参会人员名单": lambda m, p: write_attendee_list(m.attendee_list, p, m.office_name),
    "会议纪要": write_minutes,
}
PRINTOUT_NOTES = {
    "sign_in": "A4 纵向；按正式名单顺序，表头每页重复，签到栏留足书写空间",
    "cards": "A4 横向，每人一页；沿虚线对折，上半页的姓名倒印",
    "attendees": "A4 纵向；出席领导、政协领导、委员（以姓氏笔画为序）、列席人员",
}
# (dialog title, suggested file name, filters) -> the chosen path, or None.
SavePathChooser = Callable[[str, str, str], Path | None]


class MaterialsPanel(QWidget):
    def __init__(self, database: Database, save_first: Callable[[], str | None]) -> None:
        super().__init__()
        self.database = database
        self._save_first = save_first
        self.folders = FileFolders.of(database)
        # Tests answer these without a dialog.
        self.choose_save_path: SavePathChooser = self._ask_save_path
        self.choose_folder: Callable[[], Path | None] = self._ask_folder
        self.show_preview: Callable[[QPrintPreviewDialog], None] = QPrintPreviewDialog.open
        self.preview: QPrintPreviewDialog | None = None
        self.word_buttons: dict[str, QPushButton] = {}
        self.preview_buttons: dict[str, QPushButton] = {}
        self.pdf_buttons: dict[str, QPushButton] = {}

        self.note = QLabel()
        self.note.setObjectName("materialsNote")
        self.note.setWordWrap(True)
        self.files = QListWidget()
        self.files.setObjectName("writtenFiles")
        self.output = OutputBar()
        content = QWidget()
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        # Scrolls on a short screen: the tallest tab, it pushed 保存 off 1366×768 at 125 %.
        outer.addWidget(scrolling(content, "materialsScroll"))
        layout = QVBoxLayout(content)
        layout.addWidget(self._word_group())
        layout.addWidget(self._print_group())
        layout.addWidget(self._workbook_group())
        layout.addWidget(self.note)
        layout.addWidget(QLabel("已生成的文件（双击打开；选中后也可打开所在文件夹、打印）："))
        layout.addWidget(self.files, 1)
        layout.addWidget(self.output)
        self.files.currentItemChanged.connect(self._file_chosen)
        self.files.itemDoubleClicked.connect(lambda _item: self.output.open_file())

    def _button(self, text: str, name: str, slot: Callable[[], object]) -> QPushButton:
        button = QPushButton(text)
        button.setObjectName(name)
        button.clicked.connect(slot)
        return button

    def _word_group(self) -> QGroupBox:
        group = QGroupBox("Word 文件（用 WPS 或 Word 打开、修改、打印）")
        row = QHBoxLayout(group)
        for kind in FILE_KINDS:
            button = self._button(kind, f"word_{kind}", lambda *_, k=kind: self.write_word(k))
            self.word_buttons[kind] = button
            row.addWidget(button)
        row.addStretch(1)
        self.all_button = self._button("全部生成到文件夹…", "primaryButton", self.write_all)
        row.addWidget(self.all_button)
        return group

    def _print_group(self) -> QGroupBox:
        group = QGroupBox("直接打印（由本程序排版，不需要 WPS 或 Word；可先预览，也可保存为 PDF）")
        grid = QGridLayout(group)
        for row, printout in enumerate(PRINTOUTS):
            preview = self._button(
                "打印预览…", f"preview_{printout.key}", lambda *_, p=printout: self.print_preview(p)
            )
            pdf = self._button(
                "保存为PDF…", f"pdf_{printout.key}", lambda *_, p=printout: self.save_pdf(p)
            )
            self.preview_buttons[printout.key] = preview
            self.pdf_buttons[printout.key] = pdf
            grid.addWidget(QLabel(printout.label), row, 0)
            grid.addWidget(preview, row, 1)
            grid.addWidget(pdf, row, 2)
            grid.addWidget(QLabel(PRINTOUT_NOTES[printout.key]), row, 3)
        grid.setColumnStretch(3, 1)
        return group

    def _workbook_group(self) -> QGroupBox:
        group = QGroupBox("读入签到")
        row = QHBoxLayout(group)
        self.workbook_button = self._button(
            "签到表（Excel）…", "signInWorkbook", self.write_workbook
        )
        row.addWidget(self.workbook_button)
        row.addWidget(
            QLabel("会后把纸质签到表的签到情况录入这个表格，再在“出席情况”中点“读入签到表”。"), 1
        )
        return group

    # --- choosing where ------------------------------------------------------------

    def _ask_save_path(self, title: str, suggested: str, filters: str) -> Path | None:
        return ask_save_path(self, self.folders, "meeting_materials", title, suggested, filters)

    def _ask_folder(self) -> Path | None:
        return ask_folder(self, self.folders, "meeting_materials", "选择保存会议材料的文件夹")

    def materials(self) -> MeetingMaterials | None:
        """The meeting saved as the editor shows it, then what its printouts show."""
        uuid = self._save_first()
        if uuid is None:
            return None
        try:
            materials = meeting_materials(self.database, uuid)
        except KnownError as exc:
            report_error(self, exc)
            return None
        self.note.setText(
            "本次会议尚未确定参会人员：签到表、座签和名单会注明这一点（签到表留出空白行）。"
            if materials.nobody
            else ""
        )
        return materials

    # --- Word and Excel --------------------------------------------------------------

    def write_word(self, kind: str) -> None:
        materials = self.materials()
        if materials is None:
            return
        suggested = f"{file_stem(materials)}-{kind}.docx"
        path = self.choose_save_path(f"保存{kind}", suggested, DOCX_FILTER)
        if path is None:
            return
        writer = WORD_WRITERS[kind]
        job = lambda _progress: [writer(materials, path)]  # noqa: E731
        run_job(self, f"正在生成{kind}…", job, self._written, cancellable=False)

    def write_all(self) -> None:
        materials = self.materials()
        if materials is None:
            return
        folder = self.choose_folder()
        if folder is None:
            return
        uuid = materials.meeting.uuid
        job = lambda progress: write_meeting_materials(self.database, uuid, folder, progress)  # noqa: E731
        run_job(self, "正在生成会议材料…", job, self._written, cancellable=False)

    def write_workbook(self) -> None:
        materials = self.materials()
        if materials is None:
            return
        suggested = f"{file_stem(materials)}-签到表.xlsx"
        path = self.choose_save_path("保存签到表（Excel）", suggested, XLSX_FILTER)
        if path is None:
            return
        job = lambda _progress: [write_sign_in_workbook(materials.sign_in, path)]  # noqa: E731
        run_job(self, "正在生成签到表…", job, self._written, cancellable=False)

    # --- drawn by the program -----------------------------------------------------------

    def print_preview(self, printout: Printout) -> None:
        materials = self.materials()
        if materials is None:
            return
        if self.preview is not None:
            self.preview.close()
        self.preview = preview_dialog(self, printout, materials)
        self.show_preview(self.preview)

    def save_pdf(self, printout: Printout) -> None:
        materials = self.materials()
        if materials is None:
            return
        suggested = f"{file_stem(materials)}-{printout.label}.pdf"
        path = self.choose_save_path(f"保存{printout.label}（PDF）", suggested, PDF_FILTER)
        if path is None:
            return
        try:
            written = write_pdf(path, printout, materials)
        except KnownError as exc:
            report_error(self, exc)
            return
        self._written([written])

    # --- what was written ----------------------------------------------------------------

    def _written(self, paths: list[Path]) -> None:
        first = None
        for path in paths:
            item = QListWidgetItem(path.name)
            item.setData(PATH_ROLE, str(path))
            item.setToolTip(str(path))
            self.files.insertItem(self.files.count(), item)
            first = first or item
        if first is not None:
            self.files.setCurrentItem(first)
        if len(paths) > 1:
            self.output.show_file(
                paths[0],
                f"已在“{paths[0].parent}”中生成 {len(paths)} 个文件；选中上面的文件可打开、打印。",
            )

    def _file_chosen(self, item: QListWidgetItem | None, _previous: object = None) -> None:
        if item is not None:
            path = Path(item.data(PATH_ROLE))
            self.output.show_file(path, f"已生成：{path.name}")

    def written_paths(self) -> list[Path]:
        return [Path(self.files.item(i).data(PATH_ROLE)) for i in range(self.files.count())]
