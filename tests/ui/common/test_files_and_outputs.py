"""ui/common/files.py and outputs.py: dialogs start in 文档 and remember the last folder per
kind of file; a written file can be opened, shown in its folder, printed (Windows), and
the clerk is told plainly when the system cannot."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from tests.ui.conftest import ModalAnswers
from ui.common import outputs
from ui.common.files import (
    XLSX_FILTER,
    FileFolders,
    ask_open_path,
    ask_save_path,
    documents_folder,
)
from ui.common.outputs import OutputBar


@pytest.fixture
def parent(qtbot: QtBot) -> QWidget:
    widget = QWidget()
    qtbot.addWidget(widget)
    return widget


class Dialogs:
    """Stands in for the system's file dialog: records where it opened, answers `answer`."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.started_in: list[str] = []
        self.filters: list[str] = []
        self.answer = ""
        for name in ("getOpenFileName", "getSaveFileName"):
            monkeypatch.setattr(QFileDialog, name, self._ask)

    def _ask(self, parent: QWidget, title: str, start: str, filters: str) -> tuple[str, str]:
        self.started_in.append(start)
        self.filters.append(filters)
        return self.answer, filters


@pytest.fixture
def dialogs(monkeypatch: pytest.MonkeyPatch) -> Dialogs:
    return Dialogs(monkeypatch)


def test_dialogs_start_in_documents_and_remember_the_folder_per_kind(
    parent: QWidget, dialogs: Dialogs, tmp_path: Path
) -> None:
    settings = tmp_path / "ui.ini"
    folders = FileFolders(settings)
    chosen = tmp_path / "名单" / "委员名单.xlsx"
    chosen.parent.mkdir()
    dialogs.answer = str(chosen)
    assert ask_open_path(parent, folders, "roster", "选择委员名单", XLSX_FILTER) == chosen
    assert dialogs.started_in == [str(documents_folder())]
    assert Path(dialogs.started_in[0]) != Path.cwd()
    # The same kind opens where the clerk was; another kind still in 文档; and the
    # next session (a new settings object on the same file) remembers too.
    ask_open_path(parent, FileFolders(settings), "roster", "选择委员名单", XLSX_FILTER)
    ask_open_path(parent, FileFolders(settings), "records", "选择表格", XLSX_FILTER)
    assert dialogs.started_in[1:] == [str(chosen.parent), str(documents_folder())]


def test_a_remembered_folder_that_is_gone_falls_back_to_documents(
    parent: QWidget, dialogs: Dialogs, tmp_path: Path
) -> None:
    folders = FileFolders(tmp_path / "ui.ini")
    folders.remember("roster", tmp_path / "已删除" / "a.xlsx")
    dialogs.answer = ""
    assert ask_open_path(parent, folders, "roster", "选择", XLSX_FILTER) is None
    assert dialogs.started_in == [str(documents_folder())]


def test_filters_are_passed_as_given(parent: QWidget, dialogs: Dialogs, tmp_path: Path) -> None:
    filters = "表格文件 (*.xlsx *.xls *.ods);;Excel 工作簿 (*.xlsx)"
    ask_open_path(parent, FileFolders(tmp_path / "ui.ini"), "records", "选择", filters)
    assert dialogs.filters == [filters]


def test_save_suggests_the_name_and_adds_the_suffix(
    parent: QWidget, dialogs: Dialogs, tmp_path: Path
) -> None:
    folders = FileFolders(tmp_path / "ui.ini")
    dialogs.answer = str(tmp_path / "考核表")
    path = ask_save_path(parent, folders, "five_ones", "导出", "2025年度考核表.xlsx", XLSX_FILTER)
    assert path == tmp_path / "考核表.xlsx"
    assert dialogs.started_in == [str(documents_folder() / "2025年度考核表.xlsx")]
    ask_save_path(parent, folders, "five_ones", "导出", "b.xlsx", XLSX_FILTER)
    assert dialogs.started_in[1] == str(tmp_path / "b.xlsx")


def test_a_file_the_added_suffix_would_replace_is_asked_about(
    parent: QWidget, dialogs: Dialogs, tmp_path: Path, modal: ModalAnswers
) -> None:
    (tmp_path / "考核表.xlsx").write_bytes(b"old")
    dialogs.answer = str(tmp_path / "考核表")
    asked: list[str] = []

    def keep(box: QWidget) -> None:
        assert isinstance(box, QMessageBox)
        asked.append(box.text())
        box.buttons()[1].click()  # 取消

    modal.then(keep)
    folders = FileFolders(tmp_path / "ui.ini")
    assert ask_save_path(parent, folders, "five_ones", "导出", "a.xlsx", XLSX_FILTER) is None
    assert asked == ["“考核表.xlsx”已存在，要替换它吗？"]


# --- after a file is written ---------------------------------------------------------------


@pytest.fixture
def bar(qtbot: QtBot, tmp_path: Path) -> OutputBar:
    widget = OutputBar()
    qtbot.addWidget(widget)
    widget.show()
    written = tmp_path / "通报.docx"
    written.write_bytes(b"PK")
    widget.show_file(written, f"已生成通报：{written}")
    return widget


def read_and_close(seen: list[tuple[str, str]]):  # type: ignore[no-untyped-def]
    def answer(box: QWidget) -> None:
        assert isinstance(box, QMessageBox) and box.objectName() == "outputProblemBox"
        seen.append((box.text(), box.informativeText()))
        box.accept()

    return answer


def test_a_plain_message_has_no_buttons(qtbot: QtBot) -> None:
    widget = OutputBar()
    qtbot.addWidget(widget)
    widget.show()
    widget.say("考核规则已保存。")
    assert widget.text() == "考核规则已保存。"
    assert not widget.open_button.isVisible() and not widget.folder_button.isVisible()


def test_no_program_to_open_the_file_is_said_plainly(
    bar: OutputBar, modal: ModalAnswers, monkeypatch: pytest.MonkeyPatch, qtbot: QtBot
) -> None:
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: False)
    seen: list[tuple[str, str]] = []
    modal.then(read_and_close(seen))
    assert bar.open_file() is False
    assert seen[0][0] == "无法打开“通报.docx”：这台电脑上没有可以打开 .docx 文件的程序。"
    assert "WPS 文字或 Microsoft Word" in seen[0][1] and str(bar.path) in seen[0][1]


def test_no_file_manager_is_said_plainly(
    bar: OutputBar, modal: ModalAnswers, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: False)
    seen: list[tuple[str, str]] = []
    modal.then(read_and_close(seen))
    assert bar.open_folder() is False
    assert seen[0][0] == "无法打开文件夹：这台电脑上没有可用的文件管理器。"
    assert str(bar.path) in seen[0][1]


def test_a_file_moved_away_meanwhile_is_said_plainly(
    bar: OutputBar, modal: ModalAnswers, monkeypatch: pytest.MonkeyPatch
) -> None:
    opened: list[QUrl] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url) or True)
    assert bar.path is not None
    bar.path.unlink()
    seen: list[tuple[str, str]] = []
    modal.then(read_and_close(seen))
    assert bar.open_file() is False
    assert "已不在原处" in seen[0][0] and opened == []


def test_print_is_offered_on_windows_only_and_sent_to_the_printer(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, modal: ModalAnswers
) -> None:
    written = tmp_path / "考核表.xlsx"
    written.write_bytes(b"PK")
    widget = OutputBar()
    qtbot.addWidget(widget)
    widget.show()
    monkeypatch.setattr(outputs, "CAN_PRINT", False)
    widget.show_file(written, "已导出")
    assert not widget.print_button.isVisible()
    monkeypatch.setattr(outputs, "CAN_PRINT", True)
    widget.show_file(written, "已导出")
    assert widget.print_button.isVisible()
    sent: list[tuple[str, str]] = []
    monkeypatch.setattr(outputs.os, "startfile", lambda *args: sent.append(args), raising=False)
    assert widget.print_file() is True
    assert sent == [(str(written), "print")] and widget.text() == "已发送到打印机：考核表.xlsx"

    def no_printer(*args: str) -> None:
        raise OSError("no application is associated")

    monkeypatch.setattr(outputs.os, "startfile", no_printer, raising=False)
    seen: list[tuple[str, str]] = []
    modal.then(read_and_close(seen))
    assert widget.print_file() is False
    assert seen[0][0].startswith("无法直接打印“考核表.xlsx”") and "打开文件" in seen[0][1]
