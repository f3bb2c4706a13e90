"""The main window: navigation, overview content, remembered geometry."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel

from app.demo.demo import load_demo
from ui.main_window import MainWindow


def _texts(widget) -> str:
    return "\n".join(label.text() for label in widget.findChildren(QLabel))


def test_only_working_areas_are_offered(qtbot, office_db):
    window = MainWindow(office_db)
    qtbot.addWidget(window)
    window.show()
    assert window.page_titles() == ["概况", "委员档案", "履职记录", "五个一考核", "系统设置"]
    assert "示范县政协" in window.windowTitle()


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
    window.resize(790, 570)  # the offscreen screen is 800 × 600
    window.close()

    again = MainWindow(office_db)
    qtbot.addWidget(again)
    again.show()
    assert (again.width(), again.height()) == (790, 570)
