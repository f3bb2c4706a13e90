"""Windows that fit the screen they open on.

Many county office laptops are 1366×768 with Windows display scaling at 125 %: Qt gets
1093×614 logical pixels there, 1093×576 less the task bar. A dialog asked for 1240×680
opened with its 保存 and 关闭 buttons below the edge of such a screen.
"""

from __future__ import annotations

from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QFrame, QScrollArea, QWidget

# Room the system's window frame takes around the client area (title bar, borders).
FRAME_ALLOWANCE = QSize(16, 40)


def available_geometry(widget: QWidget) -> QRect:
    """The free area (less the task bar) of the screen `widget` opens on."""
    screen = widget.screen() or QGuiApplication.primaryScreen()
    return screen.availableGeometry()


def room_for_window(widget: QWidget) -> QSize:
    """The largest client area a window of `widget` can have with its frame on screen."""
    return available_geometry(widget).size() - FRAME_ALLOWANCE


def resize_to_fit(window: QWidget, width: int, height: int) -> None:
    """`width`×`height` where the screen has room for it, else all the room it has."""
    room = room_for_window(window)
    window.resize(min(width, room.width()), min(height, room.height()))


def scrolling(content: QWidget, name: str = "") -> QScrollArea:
    """`content` in a frameless scroll area: on a short screen it scrolls instead of
    squeezing its fields (or pushing the window's buttons off the screen)."""
    scroll = QScrollArea()
    if name:
        scroll.setObjectName(name)
    scroll.setWidgetResizable(True)
    scroll.setFrameShape(QFrame.Shape.NoFrame)
    scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
    scroll.setWidget(content)
    # The window's own background shows through, as without the scroll area.
    scroll.viewport().setAutoFillBackground(False)
    content.setAutoFillBackground(False)
    return scroll
