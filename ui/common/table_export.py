"""导出Excel on every list: the lines as the clerk sees them now — searched,
filtered and sorted — with the columns on screen (masked numbers stay masked)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from functools import partial
from pathlib import Path

from PySide6.QtCore import QAbstractItemModel, Qt
from PySide6.QtWidgets import QWidget

from app.common.documents.workbooks import write_table
from app.common.jobs import Progress
from ui.common.files import XLSX_FILTER, FileFolders, ask_save_path
from ui.common.jobs import run_job
from ui.common.outputs import OutputBar


def view_lines(model: QAbstractItemModel) -> tuple[list[str], list[list[str]]]:
    """(headers, lines) of a table model or proxy, in the order shown."""
    columns = range(model.columnCount())
    headers = [str(model.headerData(c, Qt.Orientation.Horizontal) or "") for c in columns]
    lines = [
        [str(model.index(row, c).data() or "") for c in columns] for row in range(model.rowCount())
    ]
    return headers, lines


def export_view(
    parent: QWidget,
    folders: FileFolders,
    model: QAbstractItemModel,
    title: str,
    bar: OutputBar,
    done: Callable[[Path], None] | None = None,
) -> None:
    """Ask where, then write the list off the GUI thread and show the file in `bar`."""
    headers, lines = view_lines(model)
    if not lines:
        bar.say("列表中没有可导出的内容。")
        return
    suggested = f"{title}-{date.today():%Y%m%d}.xlsx"
    path = ask_save_path(parent, folders, "list_export", "导出当前列表", suggested, XLSX_FILTER)
    if path is None:
        return

    def written(written_path: Path) -> None:
        bar.show_file(written_path, f"已导出 {len(lines)} 行到“{written_path.name}”。")
        if done is not None:
            done(written_path)

    job = partial(_write, path, title, headers, lines)
    run_job(parent, "正在导出列表…", job, written, cancellable=False)


def _write(
    path: Path, title: str, headers: list[str], lines: list[list[str]], _progress: Progress
) -> Path:
    return write_table(path, title, headers, lines)
