"""The files on the stick as a clerk picks among them: which were imported here already
(状态), and a status line that tells the latest action, not an earlier file's refusal."""

from __future__ import annotations

import threading
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox, QWidget
from pytestqt.qtbot import QtBot
from shiboken6 import delete
from sqlalchemy import func, select

from app.common.text import day_text
from app.exchange import history
from db.member_models import Member
from tests.exchange.conftest import Office, Offices, add_members
from tests.ui.conftest import ModalAnswers, StartedJobs
from tests.ui.exchange.test_exchange_page import choose_file, click, ok, open_page
from ui.exchange.dialogs import DryRunDialog
from ui.exchange.page import ExchangePage

TODAY = day_text(date.today())


def city_sends(offices: Offices, county: Office) -> Path:
    """The city's file for one county, in that county's folder (as the page writes it)."""
    folder = offices.stick / f"{county.code}-{county.name}"
    folder.mkdir(exist_ok=True)
    return offices.city.export_to(county, folder).path


def states(page: ExchangePage) -> dict[str, str]:
    model = page.stick_model
    return {model.row(r).path.name: model.row(r).state for r in range(model.rowCount())}


def import_chosen(qtbot: QtBot, page: ExchangePage, modal: ModalAnswers) -> list[str]:
    """导入所选文件 → 导入 in the dry run → the message read and closed."""
    told: list[str] = []

    def confirm(dialog: QWidget) -> None:
        assert isinstance(dialog, DryRunDialog)
        told.append(dialog.details_heading.text())
        click(qtbot, dialog.import_button)

    modal.then(confirm).then(lambda box: (told.append(box.text()), ok(box)))
    with qtbot.waitSignal(page.stick_tab.checked, timeout=30_000):  # the list shown anew
        click(qtbot, page.import_button)
        qtbot.waitUntil(lambda: modal.done, timeout=30_000)
    return told


def test_the_files_imported_here_already_are_marked(
    offices: Offices, qtbot: QtBot, modal: ModalAnswers
) -> None:
    """Nothing told the clerk which of a stick's files were new; an imported one may still
    be imported again, changing nothing."""
    county, city, stick = offices.county, offices.city, offices.stick
    add_members(county, "张建国", "李秀英")
    first = county.export_to(city, stick).path
    card = county.card(stick)
    page = open_page(qtbot, city, stick)
    assert states(page) == {first.name: "未导入", card.name: "已信任"}
    assert page.stick_model.row(page.stick_model.row_of(str(first))).new

    choose_file(page, first.name)
    told = import_chosen(qtbot, page, modal)
    assert "新增" in told[-1]
    [receipt] = [name for name in states(page) if name.endswith(".cppccr")]
    assert states(page)[first.name] == f"已导入（{TODAY}）"
    assert states(page)[receipt] == "本单位发出"  # the receipt written for the county
    chosen = page.selected_file()
    assert chosen is not None and chosen.path == first  # still the file just imported
    tip = page.stick_model.index(page.stick_model.row_of(str(first)), 3).data(3)
    assert "再次导入不会重复添加记录" in tip and "不会多写回执" in tip

    told = import_chosen(qtbot, page, modal)  # again: possible, and nothing doubles
    assert "导入后不会有任何变化" in told[0] and "新增 0 条" in told[-1]
    assert [name for name in states(page) if name.endswith(".cppccr")] == [receipt]
    with city.database.read() as session:
        assert session.scalar(select(func.count()).select_from(Member)) == 2
    assert states(page)[first.name] == f"已导入（{TODAY}）"

    second = county.export_to(city, stick).path  # a new one since: it alone is 未导入
    page.refresh_drives()
    qtbot.waitUntil(lambda: states(page).get(second.name) == "未导入", timeout=10_000)
    assert states(page)[first.name] == f"已导入（{TODAY}）"


def test_a_county_sees_its_own_files_and_those_for_another_county(
    offices: Offices, qtbot: QtBot
) -> None:
    county, city, second, stick = offices.county, offices.city, offices.second, offices.stick
    own = county.export_to(city, stick).path
    for_us = city_sends(offices, county)
    for_them = city_sends(offices, second)
    (stick / "坏文件.cppccx").write_bytes(b"not an exchange file")
    page = open_page(qtbot, county, stick)
    shown = {page.stick_model.row(r).shown_name: page.stick_model.row(r).state for r in range(4)}
    assert shown == {
        own.name: f"已发出（{TODAY}）",
        f"150523-示范县政协/{for_us.name}": "未导入",
        f"150524-邻旗政协/{for_them.name}": "发给邻旗政协，不是本单位",
        "坏文件.cppccx": "无法读取（文件可能已损坏）",
    }


def test_the_status_line_tells_the_latest_action_only(
    offices: Offices, qtbot: QtBot, modal: ModalAnswers
) -> None:
    """A refusal (a file for another county) stayed on the line, or was never said there,
    while the clerk went on to the next file and imported it."""
    county, second, stick = offices.county, offices.second, offices.stick
    for_us = city_sends(offices, county)
    for_them = city_sends(offices, second)
    page = open_page(qtbot, county, stick)
    page.say("已导出本单位名片：……")  # an earlier action's line

    choose_file(page, f"150524-邻旗政协/{for_them.name}")
    assert page.status.text() == ""  # picking a file is the latest action
    told: list[str] = []

    def read(box: QWidget) -> None:
        assert isinstance(box, QMessageBox)
        told.append(box.text())
        ok(box)

    modal.then(read)
    click(qtbot, page.import_button)
    qtbot.waitUntil(lambda: modal.done, timeout=20_000)
    refusal = f"未导入“{for_them.name}”：此交换文件是发给“邻旗政协”（代码 150524）的"
    qtbot.waitUntil(lambda: page.status.text().startswith(refusal), timeout=5_000)
    assert "发给“邻旗政协”" in told[0]

    choose_file(page, f"150523-示范县政协/{for_us.name}")
    assert page.status.text() == ""
    import_chosen(qtbot, page, modal)
    assert page.status.text().startswith("已导入“示范市政协”的第 1 号文件")
    assert "邻旗政协" not in page.status.text()


def test_a_stick_pulled_out_while_checking_says_so(
    offices: Offices, qtbot: QtBot, modal: ModalAnswers, tmp_path: Path
) -> None:
    """An error that is not a refusal (the file went away) is said on the line too."""
    sent = offices.county.export_to(offices.city, offices.stick).path
    page = open_page(qtbot, offices.city, offices.stick)
    choose_file(page, sent.name)
    sent.unlink()
    modal.then(ok)
    click(qtbot, page.import_button)
    qtbot.waitUntil(lambda: modal.done, timeout=20_000)
    qtbot.waitUntil(lambda: page.status.text().startswith(f"未导入“{sent.name}”：找不到文件"))


def test_a_renamed_file_still_says_whose_it_is(offices: Offices, qtbot: QtBot) -> None:
    """A clerk renamed the file (县政协交换文件.cppccx): its 说明 was left blank."""
    add_members(offices.county, "张建国")
    sent = offices.county.export_to(offices.city, offices.stick).path
    renamed = sent.rename(sent.with_name("县政协交换文件（张）.cppccx"))
    receipt = offices.city.import_(renamed).receipt_path
    assert receipt is not None
    receipt.rename(receipt.with_name("市里的回执.cppccr"))
    page = open_page(qtbot, offices.city, offices.stick)
    qtbot.waitUntil(lambda: "正在核对" not in str(states(page)), timeout=10_000)
    notes = {
        page.stick_model.row(r).path.name: page.stick_model.row(r).note
        for r in range(page.stick_model.rowCount())
    }
    assert notes["县政协交换文件（张）.cppccx"] == "示范县政协发来的第 1 号文件（文件名已改动）"
    assert notes["市里的回执.cppccr"] == "本单位发出的文件"
    county = open_page(qtbot, offices.county, offices.stick)
    qtbot.waitUntil(lambda: "正在核对" not in str(states(county)), timeout=10_000)
    shown = {county.stick_model.row(r).path.name: county.stick_model.row(r) for r in range(2)}
    assert shown["市里的回执.cppccr"].note == "示范市政协的回执：已导入到第 1 号（文件名已改动）"
    assert shown["市里的回执.cppccr"].state == "未读取"
    county.grab().save("/tmp/exchange-again/renamed-county.png")


def test_a_page_closed_while_the_stick_is_checked_takes_nothing_down(
    offices: Offices, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, jobs: StartedJobs
) -> None:
    """A page deleted while its stick's files were checked (a test ended, the window was
    closed): when the check ended, the list tried to say 未核对 in the deleted table, a
    RuntimeError in Qt's event loop. On a busy machine it failed whichever test came next."""
    add_members(offices.county, "张建国")
    offices.county.export_to(offices.city, offices.stick)
    release = threading.Event()
    file_states = history.file_states

    def held(*args: object) -> object:
        release.wait(10)
        return file_states(*args)

    monkeypatch.setattr(history, "file_states", held)
    page = ExchangePage(offices.city.database)
    page.show()
    page.refresh()
    page.use_stick(offices.stick)
    assert not jobs.all_ended()  # the check is under way
    page.close()
    delete(page)
    release.set()
    qtbot.waitUntil(jobs.all_ended, timeout=10_000)  # and nothing was raised
