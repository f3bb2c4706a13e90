"""The member file's photo: a camera picture scaled down, a phone photo turned upright,
and a file that is not a picture refused; what is shown and what is stored."""

from __future__ import annotations

import struct
from pathlib import Path

import pytest
from PySide6.QtCore import QBuffer, QByteArray, QIODevice
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QFileDialog, QLineEdit, QWidget

from app.members.member_files import get_member
from tests.ui.members.helpers import add_roster, click


@pytest.fixture
def members(office_db) -> dict[str, str]:
    return add_roster(office_db)


def test_a_photo_is_loaded_scaled_and_stored(qtbot, open_file, office_db, members, modal, tmp_path):
    picture = tmp_path / "证件照.png"
    big = QImage(1200, 1600, QImage.Format.Format_RGB32)
    big.fill(QColor("#3060a0"))
    assert big.save(str(picture))

    dialog = open_file(members["王建国"])
    modal.then(_pick_file(picture))
    click(qtbot, dialog.photo.choose_button)
    qtbot.waitUntil(lambda: modal.done)
    assert not dialog.photo.picture.pixmap().isNull()
    assert dialog.photo.picture.pixmap().height() == 160
    with qtbot.waitSignal(dialog.saved):
        click(qtbot, dialog.save_button)

    stored = QImage.fromData(get_member(office_db, members["王建国"]).form.photo)
    assert (stored.width(), stored.height()) == (360, 480)  # a camera picture is scaled down
    assert stored.pixelColor(10, 10).blue() > 140


def test_a_phone_photo_stands_upright(qtbot, open_file, office_db, members, modal, tmp_path):
    """A phone keeps a portrait photo as a landscape JPEG with EXIF orientation 6
    (turn 90° clockwise): Windows' viewer shows it upright, so must the member file."""
    landscape = QImage(400, 300, QImage.Format.Format_RGB32)
    landscape.fill(QColor("#3060a0"))
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    assert landscape.save(buffer, "JPEG", 90)
    buffer.close()
    jpeg = bytes(data.data())
    tiff = b"II*\x00" + struct.pack("<IH", 8, 1) + struct.pack("<HHIHHI", 0x0112, 3, 1, 6, 0, 0)
    exif = b"Exif\x00\x00" + tiff
    picture = tmp_path / "手机照片.jpg"
    picture.write_bytes(jpeg[:2] + b"\xff\xe1" + struct.pack(">H", len(exif) + 2) + exif + jpeg[2:])

    dialog = open_file(members["王建国"])
    modal.then(_pick_file(picture))
    click(qtbot, dialog.photo.choose_button)
    qtbot.waitUntil(lambda: modal.done)
    with qtbot.waitSignal(dialog.saved):
        click(qtbot, dialog.save_button)
    stored = QImage.fromData(get_member(office_db, members["王建国"]).form.photo)
    assert (stored.width(), stored.height()) == (300, 400)


def test_a_file_that_is_not_a_picture_is_refused(qtbot, open_file, modal, tmp_path):
    fake = tmp_path / "照片.jpg"
    fake.write_text("不是图片", encoding="utf-8")
    dialog = open_file(None)
    modal.then(_pick_file(fake))
    click(qtbot, dialog.photo.choose_button)
    qtbot.waitUntil(lambda: modal.done)
    assert dialog.photo.problem.isVisible()
    assert "无法读取该图片" in dialog.photo.problem.text()
    assert dialog.photo.photo is None


def _pick_file(path: Path):
    def answer(box: QWidget) -> None:
        assert isinstance(box, QFileDialog)
        # Typed into the file name box, as a clerk would (selectFile waits for
        # the folder listing, which the test does not).
        box.findChild(QLineEdit, "fileNameEdit").setText(str(path))
        box.accept()

    return answer
