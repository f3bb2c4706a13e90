"""Editors the member file is built from: a field with its problem line,
dates typed the way offices write them, the 专委会 check list, the photo."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QSize, Qt, Signal
from PySide6.QtGui import QImage, QImageReader, QPixmap
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QCompleter,
    QGridLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.common.sheets.values import DateProblem, match_date_text
from app.common.text import clean_text
from app.common.text import day_text as common_day_text
from ui.common.files import IMAGE_FILTER, FileFolders, ask_open_path

PROBLEM_STYLE = "color: #b3261e;"

PHOTO_SHOWN = QSize(120, 160)  # 1-inch ID photo proportions
PHOTO_KEPT = QSize(360, 480)  # larger camera pictures are scaled down before saving


@dataclass(frozen=True)
class TypedDay:
    day: date | None
    day_known: bool
    problem: str | None = None


def parse_day(text: str, month_is_enough: bool) -> TypedDay:
    """What a clerk typed as a date; empty text is no date.

    With month_is_enough (出生年月) the day may be left out; it is then stored as 1.
    """
    text = clean_text(text)
    if not text:
        return TypedDay(None, False)
    example = "1975.03 或 1975.03.12" if month_is_enough else "2023.01.15"
    try:
        found = match_date_text(text)
    except DateProblem as problem:
        return TypedDay(None, False, str(problem))
    if found is None:
        return TypedDay(None, False, f"请按 {example} 的格式填写")
    value, day_known = found
    if not day_known and not month_is_enough:
        return TypedDay(None, False, f"请填写完整日期，如 {example}")
    return TypedDay(value, day_known)


def day_text(day: date | None, day_known: bool = True) -> str:
    if day is None:
        return ""
    return common_day_text(day, day_known)


class FieldBox(QWidget):
    """An editor with its problem shown underneath in red, hidden when none."""

    def __init__(self, editor: QWidget, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.editor = editor
        self.problem = QLabel()
        self.problem.setObjectName("fieldProblem")
        self.problem.setStyleSheet(PROBLEM_STYLE)
        self.problem.setWordWrap(True)
        self.problem.hide()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(editor)
        layout.addWidget(self.problem)
        layout.addStretch(1)  # the editor stays at the top when its neighbour has a problem

    def show_problem(self, message: str | None) -> None:
        self.problem.setText(message or "")
        self.problem.setVisible(bool(message))

    def clear_problem(self, *_changed: object) -> None:
        self.show_problem(None)


def choice_combo(name: str, choices: list[str], editable: bool) -> QComboBox:
    """A combo of dictionary names with an empty first item ("not filled").

    Editable combos complete on any part of the name (typing 蒙 offers 蒙古族);
    a name that is not in the list is reported by form_problems.
    """
    combo = QComboBox()
    combo.setObjectName(name)
    combo.addItem("")
    combo.addItems(choices)
    combo.setMaxVisibleItems(15)
    if editable:
        combo.setEditable(True)
        combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        completer = QCompleter(choices, combo)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        combo.setCompleter(completer)
    return combo


def set_combo_text(combo: QComboBox, text: str) -> None:
    """Select text; a value no longer offered (a retired entry) is kept as it is."""
    if text and combo.findText(text) < 0:
        combo.addItem(text)
    combo.setCurrentIndex(combo.findText(text))


class CommitteeList(QWidget):
    """专委会: a check box per committee, several may be ticked; grows with the list."""

    changed = Signal()
    COLUMNS = 4

    def __init__(self, choices: list[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("committeeList")
        self.boxes: list[QCheckBox] = []
        self._grid = QGridLayout(self)
        self._grid.setContentsMargins(0, 4, 0, 4)
        self._grid.setHorizontalSpacing(16)
        for name in choices:
            self._add(name)

    def _add(self, name: str) -> QCheckBox:
        box = QCheckBox(name)
        box.toggled.connect(self._toggled)
        place = len(self.boxes)
        self._grid.addWidget(box, place // self.COLUMNS, place % self.COLUMNS)
        self.boxes.append(box)
        return box

    def box(self, name: str) -> QCheckBox:
        return next(b for b in self.boxes if b.text() == name)

    def names(self) -> list[str]:
        return [b.text() for b in self.boxes]

    def set_checked(self, names: tuple[str, ...]) -> None:
        for name in names:
            if name not in self.names():
                self._add(name)  # a retired committee the member still belongs to
        for box in self.boxes:
            box.setChecked(box.text() in names)

    def checked_names(self) -> tuple[str, ...]:
        return tuple(b.text() for b in self.boxes if b.isChecked())

    def _toggled(self, _checked: bool) -> None:
        self.changed.emit()


class PhotoBox(QWidget):
    """照片: shown scaled; 选择照片… loads an image file."""

    changed = Signal()

    def __init__(self, folders: FileFolders | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.folders = folders or FileFolders()
        self.photo: bytes | None = None
        self.picture = QLabel("未上传照片")
        self.picture.setObjectName("photoPicture")
        self.picture.setFixedSize(PHOTO_SHOWN)
        self.picture.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.picture.setStyleSheet(
            "background: #ffffff; border: 1px dashed #c9cdd4; color: #8a8f98;"
        )
        self.choose_button = QPushButton("选择照片…")
        self.choose_button.setObjectName("choosePhotoButton")
        self.choose_button.clicked.connect(self.choose)
        self.problem = QLabel()
        self.problem.setObjectName("fieldProblem")
        self.problem.setStyleSheet(PROBLEM_STYLE)
        self.problem.setWordWrap(True)
        self.problem.setFixedWidth(PHOTO_SHOWN.width())
        self.problem.hide()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.picture)
        layout.addWidget(self.choose_button)
        layout.addWidget(self.problem)
        layout.addStretch(1)

    def show_photo(self, photo: bytes | None) -> None:
        self.photo = photo
        image = QImage.fromData(photo) if photo else QImage()
        if image.isNull():
            self.picture.setPixmap(QPixmap())
            self.picture.setText("未上传照片")
            return
        scaled = image.scaled(
            PHOTO_SHOWN,
            Qt.AspectRatioMode.KeepAspectRatio,
            Qt.TransformationMode.SmoothTransformation,
        )
        self.picture.setPixmap(QPixmap.fromImage(scaled))

    def choose(self) -> None:
        path = ask_open_path(self, self.folders, "photo", "选择照片", IMAGE_FILTER)
        if path is not None:
            self.load(str(path))

    def load(self, path: str) -> None:
        reader = QImageReader(path)
        reader.setAutoTransform(True)  # a phone's portrait photo is stored sideways plus EXIF
        image = reader.read()
        if image.isNull():
            self.problem.setText("无法读取该图片，请选择 JPG 或 PNG 格式的照片。")
            self.problem.show()
            return
        self.problem.hide()
        if image.width() > PHOTO_KEPT.width() or image.height() > PHOTO_KEPT.height():
            image = image.scaled(
                PHOTO_KEPT,
                Qt.AspectRatioMode.KeepAspectRatio,
                Qt.TransformationMode.SmoothTransformation,
            )
        self.show_photo(_jpeg(image))
        self.changed.emit()


def _jpeg(image: QImage) -> bytes:
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "JPEG", 90)
    buffer.close()
    return bytes(data.data())


def lock_masked_number(editor: QLineEdit) -> None:
    """A masked number is changed after 显示完整号码; an empty one (nothing to hide) is
    typed in at once: a clerk adding a missing phone saw her typing ignored."""
    masked = bool(editor.text())
    editor.setReadOnly(masked)
    editor.setToolTip("如需修改，请先点“显示完整号码”。" if masked else "")


def line_edit(name: str, placeholder: str = "") -> QLineEdit:
    line = QLineEdit()
    line.setObjectName(name)
    line.setPlaceholderText(placeholder)
    return line


def note_edit(name: str, height: int) -> QPlainTextEdit:
    """A short note; Tab moves on to the next field (it typed a tab into the note, and
    nothing but the mouse reached 保存 after it)."""
    note = QPlainTextEdit()
    note.setObjectName(name)
    note.setFixedHeight(height)
    note.setTabChangesFocus(True)
    return note


def clear_problem_on_edit(editor: QWidget, box: FieldBox) -> None:
    """A field's problem goes away as soon as the clerk changes it."""
    if isinstance(editor, QLineEdit):
        editor.textEdited.connect(box.clear_problem)
    elif isinstance(editor, QComboBox):
        editor.currentTextChanged.connect(box.clear_problem)
    elif isinstance(editor, QPlainTextEdit):
        editor.textChanged.connect(box.clear_problem)
    elif isinstance(editor, CommitteeList):
        editor.changed.connect(box.clear_problem)
