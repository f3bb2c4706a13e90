"""委员档案 and 五个一考核 at the city: a county's members, read-only; nothing at a county."""

from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel, Qt
from pytestqt.qtbot import QtBot

from tests.exchange.conftest import Offices, add_members
from tests.ui.conftest import loaded
from tests.ui.conftest import loaded as checked
from ui.common.office_filter import READ_ONLY_TIP
from ui.five_ones.page import FiveOnesPage
from ui.members.member_list_page import MemberListPage


def _names(model: QAbstractItemModel) -> list[str]:
    """The 姓名 column as the table shows it."""
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    column = headers.index("姓名")
    return sorted(model.index(r, column).data() for r in range(model.rowCount()))


def _choose(combo, text: str) -> None:  # type: ignore[no-untyped-def]
    index = combo.findText(text)
    assert index >= 0, text
    combo.setCurrentIndex(index)


def _two_counties(offices: Offices) -> None:
    add_members(offices.county, "张建国", "李秀英")
    add_members(offices.second, "王芳")
    offices.send(offices.county, offices.city)
    offices.send(offices.second, offices.city)


def test_the_city_lists_a_countys_members_read_only(offices: Offices, qtbot: QtBot) -> None:
    _two_counties(offices)
    add_members(offices.city, "赵市委")
    page = MemberListPage(offices.city.database)
    qtbot.addWidget(page)
    page.show()
    page.refresh()
    loaded(qtbot, page)
    combo = page.office.combo
    assert page.office.isVisible()
    assert [combo.itemText(i) for i in range(combo.count())] == ["本单位", "示范县政协", "邻旗政协"]
    assert _names(page.proxy) == ["赵市委"]
    _choose(combo, "示范县政协")
    loaded(qtbot, page)
    assert _names(page.proxy) == ["张建国", "李秀英"]
    page.table.selectRow(0)
    assert page.open_button.isEnabled()  # the file opens to be read
    for button in (page.add_button, page.retire_button, page.delete_button, page.import_button):
        assert not button.isEnabled()
        assert button.toolTip() == READ_ONLY_TIP
    _choose(combo, "邻旗政协")
    loaded(qtbot, page)
    assert _names(page.proxy) == ["王芳"]
    _choose(combo, "本单位")
    loaded(qtbot, page)
    page.table.selectRow(0)
    assert page.delete_button.isEnabled() and page.add_button.isEnabled()
    assert page.delete_button.toolTip() != READ_ONLY_TIP


def test_the_city_checks_a_countys_five_ones(offices: Offices, qtbot: QtBot) -> None:
    _two_counties(offices)
    page = FiveOnesPage(offices.city.database)
    qtbot.addWidget(page)
    page.show()
    page.refresh()
    checked(qtbot, page)
    assert page.office.isVisible()
    _choose(page.office.combo, "示范县政协")
    checked(qtbot, page)
    assert _names(page.proxy) == ["张建国", "李秀英"]
    assert page.report is not None and page.report.office_name == "示范县政协"
    _choose(page.office.combo, "邻旗政协")
    checked(qtbot, page)
    assert _names(page.proxy) == ["王芳"]


def test_a_county_sees_no_office_filter(offices: Offices, qtbot: QtBot) -> None:
    add_members(offices.county, "张建国")
    members = MemberListPage(offices.county.database)
    five_ones = FiveOnesPage(offices.county.database)
    for page in (members, five_ones):
        qtbot.addWidget(page)
        page.show()
        page.refresh()
        assert not page.office.isVisible()
    loaded(qtbot, members)
    checked(qtbot, five_ones)
    assert _names(members.proxy) == ["张建国"]
    assert _names(five_ones.proxy) == ["张建国"]


def test_a_countys_member_file_opens_read_only_at_the_city(offices: Offices, qtbot: QtBot) -> None:
    """Double-clicking a county's member used to open the editor with 保存 and 选择照片…;
    the clerk typed, pressed 保存 and only then heard the record was not the city's."""
    _two_counties(offices)
    add_members(offices.city, "赵市委")
    page = MemberListPage(offices.city.database)
    qtbot.addWidget(page)
    page.show()
    page.refresh()
    loaded(qtbot, page)
    _choose(page.office.combo, "示范县政协")
    loaded(qtbot, page)
    page.table.selectRow(0)
    dialog = page.open_selected()
    assert dialog is not None
    qtbot.addWidget(dialog)
    name = dialog.name.text()
    assert name in ("张建国", "李秀英")
    assert dialog.name.isReadOnly()
    assert not dialog.sector.isEnabled() and not dialog.committees.isEnabled()
    assert not dialog.save_button.isVisible() and not dialog.save_button.isEnabled()
    assert not dialog.photo.choose_button.isVisible()
    assert "示范县政协的委员档案" in dialog.subheading.text()
    assert "修改" not in dialog.subheading.text().replace("不能修改", "")
    assert "只读" in dialog.windowTitle()
    dialog.name.setText("改名")  # even if typed somehow: nothing is saved
    dialog.accept()
    assert dialog.isVisible()
    dialog.name.setText(name)
    dialog.close()
    _choose(page.office.combo, "本单位")
    loaded(qtbot, page)
    page.table.selectRow(0)
    own = page.open_selected()
    assert own is not None
    qtbot.addWidget(own)
    assert not own.name.isReadOnly() and own.save_button.isEnabled()
    own.close()


def test_the_keys_do_not_offer_to_delete_or_add_a_countys_member(
    offices: Offices, qtbot: QtBot
) -> None:
    """Delete and Ctrl+N on a county's list: no 确定删除 question (it offered one and then
    refused), no new-member form; the page says why and the county's member stays."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    _two_counties(offices)
    page = MemberListPage(offices.city.database)
    qtbot.addWidget(page)
    page.show()
    page.refresh()
    loaded(qtbot, page)
    _choose(page.office.combo, "示范县政协")
    loaded(qtbot, page)
    page.table.selectRow(0)
    page.activateWindow()
    qtbot.waitUntil(page.isActiveWindow)  # shortcuts fire only in the active window
    page.table.setFocus()
    asked: list[str] = []
    looked: list[bool] = []

    def answer() -> None:  # the old question: record it, say no, so the test goes on
        looked.append(True)
        modal = QApplication.activeModalWidget()
        if modal is not None:
            asked.append(modal.windowTitle())
            modal.close()

    QTimer.singleShot(300, answer)
    qtbot.keyClick(page.table, Qt.Key.Key_Delete)
    qtbot.waitUntil(lambda: looked == [True])  # a question would be open by now
    assert asked == []
    assert page.notice.isVisible() and page.notice.text() == READ_ONLY_TIP
    assert _names(page.proxy) == ["张建国", "李秀英"]
    qtbot.keyClick(page.table, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    # Nothing to wait for: the shortcut would have opened the form at once (it is not
    # modal); the short wait only lets through whatever the key may have queued.
    qtbot.wait(100)
    opened = [w for w in QApplication.topLevelWidgets() if w.isVisible() and w is not page]
    assert opened == []
    page.refresh()
    assert _names(loaded(qtbot, page).proxy) == ["张建国", "李秀英"]
