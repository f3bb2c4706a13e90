"""Choosing files: every open and save dialog of the program goes through here.

A dialog starts in the folder last used for that kind of file (remembered in the
program's settings file), else in the user's 文档 (Documents) folder — never in the
program's own folder. Filters are a parameter ("Excel 工作簿 (*.xlsx)"; several
separated by ";;"), so a screen can offer .xls or .ods when the reader takes them.
A save dialog asks before replacing a file, also when the suffix was added here.
"""

from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtCore import QSettings, QStandardPaths
from PySide6.QtWidgets import QFileDialog, QWidget

from app.common.storage import Database
from ui.common.widgets import confirm

XLSX_FILTER = "Excel 工作簿 (*.xlsx)"
DOCX_FILTER = "Word 文档 (*.docx)"
IMAGE_FILTER = "图片文件 (*.jpg *.jpeg *.png *.bmp)"


class FileFolders:
    """The last folder used for each kind of file ("roster", "records", "five_ones" …)."""

    def __init__(self, settings_file: Path | None = None) -> None:
        self._settings = (
            QSettings(str(settings_file), QSettings.Format.IniFormat) if settings_file else None
        )

    @classmethod
    def of(cls, database: Database) -> FileFolders:
        return cls(database.location.ui_settings_file)

    def start_folder(self, kind: str) -> Path:
        if self._settings is not None:
            last = self._settings.value(f"folders/{kind}", "", str)
            if last and Path(last).is_dir():
                return Path(last)
        return documents_folder()

    def remember(self, kind: str, chosen: Path) -> None:
        """Remember the folder of a chosen file."""
        self.remember_folder(kind, chosen.parent)

    def remember_folder(self, kind: str, folder: Path) -> None:
        if self._settings is not None:
            self._settings.setValue(f"folders/{kind}", str(folder))
            self._settings.sync()


def documents_folder() -> Path:
    """The user's 文档 folder (home if the system has none)."""
    location = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    folder = Path(location) if location else Path.home()
    return folder if folder.is_dir() else Path.home()


def ask_open_path(
    parent: QWidget, folders: FileFolders, kind: str, title: str, filters: str
) -> Path | None:
    """The file the clerk picks to read, or None."""
    name, _ = QFileDialog.getOpenFileName(parent, title, str(folders.start_folder(kind)), filters)
    if not name:
        return None
    path = Path(name)
    folders.remember(kind, path)
    return path


def ask_folder(parent: QWidget, folders: FileFolders, kind: str, title: str) -> Path | None:
    """A folder to write several files into (a meeting's materials), or None."""
    name = QFileDialog.getExistingDirectory(parent, title, str(folders.start_folder(kind)))
    if not name:
        return None
    folder = Path(name)
    folders.remember_folder(kind, folder)
    return folder


def ask_save_path(
    parent: QWidget, folders: FileFolders, kind: str, title: str, suggested: str, filters: str
) -> Path | None:
    """Where to write a new file, or None. The suggested name's suffix is added when
    the clerk leaves it out (and then, too, an existing file is only replaced if the
    clerk says so)."""
    start = folders.start_folder(kind) / suggested
    name, _ = QFileDialog.getSaveFileName(parent, title, str(start), filters)
    if not name:
        return None
    path = Path(name)
    suffix = Path(suggested).suffix or _first_suffix(filters)
    if suffix and path.suffix.lower() != suffix.lower():
        path = path.with_name(path.name + suffix)
        if path.exists() and not confirm(
            parent, title, f"“{path.name}”已存在，要替换它吗？", "替换"
        ):
            return None
    folders.remember(kind, path)
    return path


def _first_suffix(filters: str) -> str:
    found = re.search(r"\*(\.\w+)", filters)
    return found.group(1) if found else ""
