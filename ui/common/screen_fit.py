"""Windows that fit the screen they open on.

Many county office laptops are 1366×768 with Windows display scaling at 125 %: Qt gets
1093×614 logical pixels there, 1093×576 less the task bar. A dialog asked for 1240×680
opened with its 保存 and 关闭 buttons below the edge of such a screen.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QRect, QSize, Qt
from PySide6.QtGui import QGuiApplication, QResizeEvent
from PySide6.QtWidgets import QFrame, QScrollArea, QTabWidget, QWidget

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
    holder = _Holder(content, scroll)
    scroll.setWidget(holder)
    # The window's own background shows through, as without the scroll area.
    scroll.viewport().setAutoFillBackground(False)
    for widget in (holder, content):
        widget.setAutoFillBackground(False)
    return scroll


class _Holder(QWidget):
    """Holds `content` at the size the scroll area gives it, and asks for no more than
    the content's minimum. Given the content itself, Qt's scroll area took a word-wrapping
    layout's preferred height for its minimum: pages with a wrapped hint scrolled with
    room to spare, their lists cut off at the bottom."""

    def __init__(self, content: QWidget, scroll: QScrollArea) -> None:
        super().__init__()
        self.content, self.scroll = content, scroll
        content.setParent(self)
        content.installEventFilter(self)

    def minimumSizeHint(self) -> QSize:
        return self.content.minimumSizeHint()

    def sizeHint(self) -> QSize:
        return self.content.sizeHint()

    def resizeEvent(self, event: QResizeEvent) -> None:
        self.content.setGeometry(0, 0, event.size().width(), event.size().height())

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.content and event.type() == QEvent.Type.LayoutRequest:
            # The content's minimum may have changed: the scroll area measures again.
            self.updateGeometry()
            QCoreApplication.postEvent(self.scroll, QEvent(QEvent.Type.LayoutRequest))
        return False


class ScrollingTabs(QTabWidget):
    """Tabs whose pages scroll each on its own. A tab widget asks for the height of its
    tallest page: one long form (系统设置 → 提案设置) made every tab scroll with the whole
    page at 1366×768 and 125 %, the lists of the others cut off below the window's edge.

    `widget`, `currentWidget`, `indexOf` and `setCurrentWidget` speak of the pages as
    added, not of the scroll areas around them."""

    def addTab(self, page: QWidget, label: str) -> int:  # type: ignore[override]
        return super().addTab(scrolling(page, f"{page.objectName() or 'tab'}Scroll"), label)

    def widget(self, index: int) -> QWidget | None:
        return _page_in(super().widget(index))

    def currentWidget(self) -> QWidget | None:
        return _page_in(super().currentWidget())

    def indexOf(self, page: QWidget) -> int:  # type: ignore[override]
        found = [i for i in range(self.count()) if self.widget(i) is page]
        return found[0] if found else super().indexOf(page)

    def setCurrentWidget(self, page: QWidget) -> None:  # type: ignore[override]
        index = self.indexOf(page)
        if index >= 0:
            self.setCurrentIndex(index)


def _page_in(scroll: QWidget | None) -> QWidget | None:
    holder = scroll.widget() if isinstance(scroll, QScrollArea) else None
    return holder.content if isinstance(holder, _Holder) else scroll
