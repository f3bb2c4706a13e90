"""Small building blocks shared by the screens."""

from __future__ import annotations

from collections.abc import Callable
from itertools import pairwise

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

from ui.common.screen_fit import scrolling


class Page(QWidget):
    """A main-window area: a title, a hint line, and `refresh()` when shown.

    Its content scrolls when the window is smaller than it (1366×768 at 125 % display
    scaling): squeezed below its minimum it drew fields over each other and cut buttons."""

    title = ""
    hint = ""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        content = QWidget()
        content.setObjectName("pageContent")
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scrolling(content, "pageScroll"))
        self.page_layout = QVBoxLayout(content)
        self.page_layout.setContentsMargins(20, 14, 20, 14)
        heading = QLabel(self.title)
        heading.setObjectName("pageTitle")
        self.page_layout.addWidget(heading)
        if self.hint:
            hint = QLabel(self.hint)
            hint.setObjectName("pageHint")
            hint.setWordWrap(True)
            self.page_layout.addWidget(hint)

    def refresh(self) -> None:
        """Reload what the page shows from the services."""


class StatusLine(QLabel):
    """A tab's line saying what was just done (已保存。, 已删除…); it takes room only while
    it says something: empty, it cost the list above it a row at 1366×768 and 125 %."""

    def __init__(self, name: str = "editorStatus") -> None:
        super().__init__()
        self.setObjectName(name)
        self.setWordWrap(True)
        self.hide()

    def setText(self, text: str) -> None:  # type: ignore[override]
        super().setText(text)
        self.setVisible(bool(text))

    def clear(self) -> None:
        self.setText("")


def tight_rows(layout: QBoxLayout) -> None:
    """No room above and below a group box's rows beyond the style's own padding (文件交换
    then fits 1366×768 at 125 %, lists and all, instead of scrolling as a whole page)."""
    left, _top, right, _bottom = layout.getContentsMargins()
    layout.setContentsMargins(left, 0, right, 0)
    layout.setSpacing(4)


def push_button(text: str, name: str, slot: Callable[[], object]) -> QPushButton:
    """A button with the object name tests find it by, clicking into `slot`."""
    button = QPushButton(text)
    button.setObjectName(name)
    button.clicked.connect(slot)
    return button


def confirm(parent: QWidget, title: str, question: str, yes_text: str) -> bool:
    box = QMessageBox(
        QMessageBox.Icon.Question, title, question, QMessageBox.StandardButton.NoButton, parent
    )
    box.setObjectName("confirmBox")
    yes = box.addButton(yes_text, QMessageBox.ButtonRole.AcceptRole)
    # Enter is 取消: a question about deleting or discarding is answered yes on purpose.
    box.setDefaultButton(box.addButton("取消", QMessageBox.ButtonRole.RejectRole))
    box.exec()
    return box.clickedButton() is yes


class _SearchIntoList(QObject):
    """Down or Enter in a list's search box moves into the list, on its first row."""

    KEYS = (Qt.Key.Key_Down, Qt.Key.Key_Return, Qt.Key.Key_Enter)

    def __init__(self, search: QLineEdit, view: QAbstractItemView) -> None:
        super().__init__(search)
        self.view = view
        search.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.KeyPress or not isinstance(event, QKeyEvent):
            return False
        plain = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        if event.key() not in self.KEYS or plain != Qt.KeyboardModifier.NoModifier:
            return False
        model = self.view.model()
        if model is None or model.rowCount() == 0:
            return False
        if not self.view.currentIndex().isValid():
            self.view.setCurrentIndex(model.index(0, 0))
        self.view.setFocus(Qt.FocusReason.TabFocusReason)
        return True


def add_list_shortcuts(
    widget: QWidget,
    search: QLineEdit | None = None,
    new: Callable[[], object] | None = None,
    delete: Callable[[], object] | None = None,
    view: QAbstractItemView | None = None,
) -> None:
    """The keys a clerk expects on a list: Ctrl+F to search, Ctrl+N for a new entry,
    Delete to delete the chosen one (the action itself asks first); with `view`, Down
    or Enter in the search box moves into the list."""
    if search is not None and view is not None:
        _SearchIntoList(search, view)

    def bind(keys: QKeySequence | QKeySequence.StandardKey, action: Callable[[], object]) -> None:
        shortcut = QShortcut(QKeySequence(keys), widget)
        shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        shortcut.activated.connect(action)

    if search is not None:
        bind(QKeySequence.StandardKey.Find, lambda: (search.setFocus(), search.selectAll()))
    if new is not None:
        bind(QKeySequence.StandardKey.New, new)
    if delete is not None:
        bind(QKeySequence(Qt.Key.Key_Delete), delete)


def set_tab_order(*widgets: QWidget) -> None:
    """Tab goes through `widgets` in this order, as the screen is read (widgets made or
    placed later, like a tab widget's corner, otherwise come last)."""
    for first, second in pairwise(widgets):
        QWidget.setTabOrder(first, second)


def tab_leaves_text_boxes(form: QWidget) -> None:
    """Tab moves on from every multi-line box of `form` (备注, 主要内容…): it typed a tab
    into the box and never left, so the fields and 保存 after it were out of reach."""
    for box in (*form.findChildren(QPlainTextEdit), *form.findChildren(QTextEdit)):
        box.setTabChangesFocus(True)


def tab_leaves_lists(form: QWidget) -> None:
    """Tab moves on from every list of `form` that is not edited in place (the arrows
    move in it): Tab went from cell to cell, hundreds of presses before 保存."""
    for view in form.findChildren(QAbstractItemView):
        if view.editTriggers() == QAbstractItemView.EditTrigger.NoEditTriggers:
            view.setTabKeyNavigation(False)


def focus_first_field(dialog: QWidget, buttons: QWidget) -> None:
    """Focus the first field a Tab reaches, not the dialog's buttons (made before the
    form, they came first: typing went nowhere and Enter saved). A dialog that chose its
    own starting field (社情民意: 标题) keeps it."""
    chosen = dialog.focusWidget()
    if chosen is not None and not buttons.isAncestorOf(chosen):
        return
    widget = dialog.nextInFocusChain()
    while widget is not dialog:
        if (
            widget.focusPolicy() & Qt.FocusPolicy.TabFocus
            and not buttons.isAncestorOf(widget)
            and widget.isVisibleTo(dialog)
            and widget.isEnabled()
        ):
            widget.setFocus(Qt.FocusReason.TabFocusReason)
            return
        widget = widget.nextInFocusChain()


def add_save_shortcut(dialog: QWidget, save: Callable[[], object]) -> None:
    """Ctrl+S saves a form (Esc already closes a dialog)."""
    shortcut = QShortcut(QKeySequence(QKeySequence.StandardKey.Save), dialog)
    shortcut.setContext(Qt.ShortcutContext.WindowShortcut)
    shortcut.activated.connect(save)


class _EnterNeedsButton(QObject):
    """Swallows Enter that a field passes up to its dialog (a line, a date, a list
    choice), where QDialog would press the default button. A focused button takes
    Enter itself before it gets here."""

    KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        return (
            watched is self.parent()
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() in self.KEYS
        )


def enter_needs_button(dialog: QWidget) -> None:
    """For a step that is hard to undo (离任, a new 届次): Enter in a field does not run it;
    the clerk clicks the button, or presses Enter (or Space) with the button focused."""
    dialog.installEventFilter(_EnterNeedsButton(dialog))
