"""The main window: navigation, overview content, remembered geometry."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QRect
from PySide6.QtWidgets import QLabel

from app.common.paths import DataLocation
from app.common.storage import open_database
from app.demo.demo import load_demo
from app.office.labels import OfficeLevel
from app.office.office import set_up_office
from tests.conftest import COUNTY_SETUP
from tests.ui.conftest import settled
from ui.main_window import FRAME_ALLOWANCE, MainWindow, default_geometry, fit_into


def _texts(widget) -> str:
    return "\n".join(label.text() for label in widget.findChildren(QLabel))


def test_only_working_areas_are_offered(qtbot, office_db):
    window = MainWindow(office_db)
    qtbot.addWidget(window)
    window.show()
    assert window.page_titles() == [
        "概况", "委员档案", "履职记录", "提案", "协商", "五个一考核", "文件交换", "全市汇总",
        "系统设置",
    ]  # fmt: skip
    # The system appends the program's name; the title itself must not repeat it.
    assert window.windowTitle() == "示范县政协"


def _shown_titles(window: MainWindow) -> list[str]:
    navigation = window.navigation
    return [
        navigation.item(i).text()
        for i in range(navigation.count())
        if not navigation.item(i).isHidden()
    ]


def test_a_county_does_not_see_the_city_summary_and_a_city_does(qtbot, office_db, tmp_path):
    shell = MainWindow()  # the window shown while the data opens, before anyone signs in
    qtbot.addWidget(shell)
    shell.show()
    assert "全市汇总" not in _shown_titles(shell)
    shell.close()

    county = MainWindow(office_db)
    qtbot.addWidget(county)
    county.show()
    assert "全市汇总" not in _shown_titles(county)
    assert "文件交换" in _shown_titles(county)
    county.close()

    city_setup = replace(
        COUNTY_SETUP, level=OfficeLevel.CITY, name="示范市政协", division_code="150500"
    )
    city_db = open_database(DataLocation(tmp_path / "city", tmp_path / "city-logs"))
    try:
        set_up_office(city_db, city_setup)
        city = MainWindow(city_db)
        qtbot.addWidget(city)
        city.show()
        assert "全市汇总" in _shown_titles(city)
        city.close()
    finally:
        city_db.close()


def test_overview_shows_the_office_and_its_term(qtbot, office_db):
    load_demo(office_db)
    window = MainWindow(office_db)
    qtbot.addWidget(window)
    window.show()
    text = _texts(window.open_page("概况"))
    assert "示范县政协" in text and "150523" in text
    assert "第十届（2021—2026）" in text
    assert "第一次会议" in text
    assert "示范市政协" in text  # a partner office from the demo data
    figures = window.open_page("概况").findChildren(QLabel, "statNumber")
    captions = window.open_page("概况").findChildren(QLabel, "statLabel")
    shown = {c.text(): n.text() for c, n in zip(captions, figures, strict=True)}
    assert shown["本届委员"] == "203"
    assert int(shown["在任委员"]) < 203  # the demo has members who left


def test_the_overview_is_read_whole_in_the_window_a_small_screen_opens(
    qtbot, office_look, office_db
):
    """1366×768 less a task bar opens the window 1350×688: the overview (five plenary
    sessions, three partner offices; a city has ten) scrolls instead of squeezing its
    boxes, which cut the term's heading in half."""
    load_demo(office_db)
    window = MainWindow(office_db)
    qtbot.addWidget(window)
    window.show()
    window.resize(default_geometry(QRect(0, 0, 1366, 728)).size())
    page = window.open_page("概况")
    settled(qtbot, window)
    assert window.size().toTuple() == (1350, 688)
    heading = next(
        label for label in page.findChildren(QLabel) if label.text() == "第十届（2021—2026）"
    )
    assert heading.height() >= heading.heightForWidth(heading.width())  # whole lines
    assert page.minimumSizeHint().height() <= page.height()


def test_on_the_clerks_laptop_the_window_fits_and_no_page_is_squeezed(
    qtbot, office_look, office_db, clerk_laptop
):
    """1366×768 at 125 % display scaling: the window's minimum (780×540) was taller than
    the screen's 536 free pixels, and 系统设置 → 提案设置 and 文件交换 were squeezed
    below their minimum: fields drawn over each other, 发送到U盘 cut in half."""
    load_demo(office_db)
    window = MainWindow(office_db)
    qtbot.addWidget(window)
    window.show()
    window.resize(default_geometry(clerk_laptop).size())
    settled(qtbot, window)
    assert window.width() + FRAME_ALLOWANCE.width() <= clerk_laptop.width()
    assert window.height() + FRAME_ALLOWANCE.height() <= clerk_laptop.height()
    settings = window.open_page("系统设置")
    settings.tabs.setCurrentWidget(settings.proposals)  # type: ignore[attr-defined]
    exchange = window.open_page("文件交换")
    for page, panel in ((settings, settings.proposals), (exchange, exchange.send_button)):  # type: ignore[attr-defined]
        window.pages.setCurrentWidget(page)
        qtbot.waitUntil(lambda panel=panel: panel.height() >= panel.minimumSizeHint().height())


def test_overview_empty_states(qtbot, office_db):
    window = MainWindow(office_db)
    qtbot.addWidget(window)
    window.show()
    text = _texts(window.open_page("概况"))
    assert "本届尚未登记全体会议" in text
    assert "尚无往来单位" in text
    assert "尚无备份" in text


def test_geometry_is_remembered(qtbot, office_db):
    window = MainWindow(office_db)
    qtbot.addWidget(window)
    window.show()
    window.resize(782, 555)  # the offscreen screen is 800 × 600
    window.close()

    again = MainWindow(office_db)
    qtbot.addWidget(again)
    again.show()
    assert (again.width(), again.height()) == (782, 555)


def test_the_first_window_fits_office_screens():
    """1366×768 and 1280×720 less a 40-pixel task bar: the window and its frame fit."""
    for available in (QRect(0, 0, 1366, 728), QRect(0, 0, 1280, 680), QRect(0, 0, 1920, 1040)):
        rect = default_geometry(available)
        assert rect.width() + 16 <= available.width()
        assert rect.height() + 40 <= available.height()
        assert available.contains(rect)
    assert default_geometry(QRect(0, 0, 1920, 1040)).size().toTuple() == (1200, 760)
    # A small screen is used whole: the lists' columns need every pixel.
    assert default_geometry(QRect(0, 0, 1366, 728)).size().toTuple() == (1350, 688)
    assert default_geometry(QRect(0, 0, 1280, 680)).size().toTuple() == (1264, 640)


def test_a_remembered_window_is_fitted_to_a_smaller_screen():
    big = QRect(300, 200, 1600, 1000)  # last closed on a large monitor
    fitted = fit_into(big, QRect(0, 0, 1366, 728))
    assert QRect(0, 0, 1366, 728).contains(fitted)
    assert fitted.height() + 40 <= 728


def test_maximized_is_remembered_only_when_closed_maximized(qtbot, office_db):
    window = MainWindow(office_db)
    qtbot.addWidget(window)
    window.showMaximized()
    window.showNormal()
    window.close()
    again = MainWindow(office_db)
    qtbot.addWidget(again)
    assert not again.windowState() & again.windowState().WindowMaximized


def test_a_page_that_cannot_be_read_says_why_and_the_navigation_stays(
    qtbot, office_db, modal, tmp_path
):
    """The database went bad while the window was open: the page that could not open is
    not marked as the one shown, and the clerk reads why, in Chinese."""
    import sqlite3
    from contextlib import closing

    window = MainWindow(office_db)
    qtbot.addWidget(window)
    window.show()
    other = tmp_path / "other.sqlite3"
    with closing(sqlite3.connect(other)) as connection:
        connection.execute("CREATE TABLE notes (text)")
    other.replace(office_db.path)  # another file copied over the database
    office_db.engine.dispose()
    seen: list[str] = []
    modal.then(lambda box: (seen.append(box.text()), box.accept()))
    window.navigation.setCurrentRow(window.page_titles().index("履职记录"))
    qtbot.waitUntil(lambda: modal.done)
    assert "被删除、移走或替换" in seen[0]
    assert window.navigation.currentItem().text() == "概况"
    assert window.pages.currentIndex() == 0
