"""The attachment list of a consultation record: a file (up to 50 MB, maybe from a USB
stick) is copied on a worker thread so the window never freezes; a refused file is
said so and nothing is kept; opening hands a copy to the system viewer."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from app.common.storage import Database
from app.consultation import attachments
from app.consultation.attachments import list_attachments
from tests.ui.consultation.conftest import click
from ui.consultation import attachment_list
from ui.consultation.attachment_list import AttachmentList


@pytest.fixture
def files(qtbot, office_db: Database, topic: str) -> AttachmentList:
    widget = AttachmentList(office_db, lambda: topic)
    qtbot.addWidget(widget)
    widget.set_parent(topic)
    widget.show()
    return widget


def test_a_file_is_copied_on_a_worker_thread_then_listed(
    qtbot, files: AttachmentList, office_db: Database, topic: str, tmp_path: Path, monkeypatch
) -> None:
    report = tmp_path / "调研报告.pdf"
    report.write_bytes(b"%PDF report" * 1000)
    threads: list[threading.Thread] = []

    def add(database: Database, parent: str, path: Path):  # the real service, watched
        threads.append(threading.current_thread())
        return attachments.add_attachment(database, parent, path)

    monkeypatch.setattr(attachment_list, "add_attachment", add)
    files.choose_file = lambda: report
    click(qtbot, files.add_button)
    qtbot.waitUntil(lambda: files.file_names() == ["调研报告.pdf"])
    assert threads and threads[0] is not threading.main_thread()
    (stored,) = list_attachments(office_db, topic)
    assert (stored.file_name, stored.size) == ("调研报告.pdf", 11000)


def test_a_file_over_50_mb_is_refused_and_nothing_is_kept(
    qtbot, files: AttachmentList, office_db: Database, topic: str, tmp_path: Path, modal
) -> None:
    scan = tmp_path / "扫描件.pdf"
    with scan.open("wb") as out:
        out.truncate(50 * 1024 * 1024 + 1)  # sparse: nothing is really written
    files.choose_file = lambda: scan
    messages: list[str] = []
    modal.then(lambda box: (messages.append(box.text()), box.accept()))
    click(qtbot, files.add_button)
    qtbot.waitUntil(lambda: modal.done)
    assert "超过附件上限 50 MB" in messages[0]
    assert files.file_names() == [] and list_attachments(office_db, topic) == []


def test_opening_hands_a_copy_to_the_system_viewer(
    qtbot, files: AttachmentList, office_db: Database, topic: str, tmp_path: Path
) -> None:
    speech = tmp_path / "发言稿.txt"
    speech.write_text("建议分类推进。", encoding="utf-8")
    attachments.add_attachment(office_db, topic, speech)
    files.refresh()
    opened: list[Path] = []
    files.open_copy = lambda path: opened.append(path) or True
    files.table.selectRow(0)
    click(qtbot, files.open_button)
    qtbot.waitUntil(lambda: len(opened) == 1)
    assert opened[0].name == "发言稿.txt" and opened[0] != speech
    assert opened[0].read_text(encoding="utf-8") == "建议分类推进。"


def test_no_viewer_says_where_the_copy_is(
    qtbot, files: AttachmentList, office_db: Database, topic: str, tmp_path: Path, modal
) -> None:
    speech = tmp_path / "发言稿.xyz"
    speech.write_bytes(b"x")
    attachments.add_attachment(office_db, topic, speech)
    files.refresh()
    files.open_copy = lambda path: False
    messages: list[str] = []
    modal.then(lambda box: (messages.append(box.text()), box.accept()))
    files.table.selectRow(0)
    click(qtbot, files.open_button)
    qtbot.waitUntil(lambda: modal.done)
    assert "没有能打开“发言稿.xyz”的程序" in messages[0]
