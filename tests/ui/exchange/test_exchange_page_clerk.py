"""文件交换 as a city clerk trips over it at 1366×768: the lists' heights, the stick's list
after writing a card, the county chosen after sending, and what the messages tell."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QLabel, QMessageBox, QTableView, QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from app.exchange import cards
from db.exchange_models import ExchangeLog
from tests.exchange.conftest import CITY_SETUP, Offices, add_members, make_office
from tests.ui.conftest import ModalAnswers
from tests.ui.exchange.test_exchange_page import choose_file, click, ok
from ui.exchange.dialogs import DryRunDialog
from ui.exchange.page import ExchangePage

# What the main window leaves a page at 1366×768 (the side bar, status bar and frame off).
PAGE_SIZE = (1180, 690)


def open_page(qtbot: QtBot, office, stick: Path) -> ExchangePage:  # type: ignore[no-untyped-def]
    page = ExchangePage(office.database)
    qtbot.addWidget(page)
    page.resize(*PAGE_SIZE)
    page.show()
    page.refresh()
    with qtbot.waitSignal(page.stick_tab.checked, timeout=10_000):
        page.use_stick(stick)  # the 状态 column is worked out off the GUI thread
    qtbot.waitExposed(page)
    return page


def rows_shown(table: QTableView) -> float:
    return table.viewport().height() / table.rowHeight(0)


def with_cards(qtbot: QtBot, office, offices: Offices, count: int) -> ExchangePage:  # type: ignore[no-untyped-def]
    """The page of `office`, the stick holding `count` (made-up) cards: a long list."""
    for number in range(1, count + 1):
        (offices.stick / f"1505{number:02d}-某县政协{cards.CARD_SUFFIX}").write_bytes(b"card")
    page = open_page(qtbot, office, offices.stick)
    assert page.stick_model.rowCount() == count
    return page


def test_at_1366x768_both_lists_show_several_rows(offices: Offices, qtbot: QtBot) -> None:
    """The files on the stick showed one row (a scroll bar for the rest), the counties three."""
    page = with_cards(qtbot, offices.city, offices, 8)
    # Before: 3.9 and 3.5 rows here (offscreen); on the clerk's screen one row and three.
    assert rows_shown(page.stick_files) >= 5
    assert rows_shown(page.partners) >= 5
    assert page.width() <= PAGE_SIZE[0] and page.height() <= PAGE_SIZE[1]


def test_the_card_written_to_the_stick_is_listed_at_once(
    offices: Offices, qtbot: QtBot, modal: ModalAnswers
) -> None:
    """It said "0 个交换文件、回执或名片" until 刷新 was pressed."""
    page = open_page(qtbot, offices.city, offices.stick)
    before = page.stick_model.rowCount()
    modal.then(ok)
    click(qtbot, page.card_button)
    qtbot.waitUntil(lambda: modal.done, timeout=5_000)
    names = [page.stick_model.row(r).shown_name for r in range(page.stick_model.rowCount())]
    assert len(names) == before + 1
    assert any(n.endswith(cards.CARD_SUFFIX) for n in names)
    assert f"{before + 1} 个交换文件、回执或名片" in page.stick_label.text()


def test_the_county_sent_to_stays_chosen(
    offices: Offices, qtbot: QtBot, modal: ModalAnswers
) -> None:
    """After 发送到U盘 for the second county the first one was chosen again, so the next
    click sent to a county the clerk had not meant."""
    page = open_page(qtbot, offices.city, offices.stick)
    assert page.partners_model.rowCount() == 2
    page.partners.selectRow(1)
    chosen = page.selected_partner()
    assert chosen is not None
    modal.then(ok)
    click(qtbot, page.send_button)
    qtbot.waitUntil(lambda: modal.done, timeout=20_000)
    assert chosen.name in page.status.text()
    after = page.selected_partner()
    assert after is not None and after.code == chosen.code


def test_a_file_from_an_untrusted_county_names_the_button_to_press(
    offices: Offices, qtbot: QtBot, modal: ModalAnswers, tmp_path: Path
) -> None:
    add_members(offices.county, "张建国")
    sent = offices.county.export_to(offices.city, offices.stick).path
    fresh = make_office(tmp_path / "fresh", CITY_SETUP)
    try:
        page = open_page(qtbot, fresh, offices.stick)
        choose_file(page, sent.name)
        told: list[str] = []

        def read(box: QWidget) -> None:
            assert isinstance(box, QMessageBox)
            told.append(f"{box.text()}\n{box.informativeText()}")
            ok(box)

        modal.then(read)
        click(qtbot, page.import_button)
        qtbot.waitUntil(lambda: modal.done, timeout=20_000)
        assert "尚未信任" in told[0]
        # The page and the button it names exist under those names.
        assert f"“{page.trust_button.text()}”" in told[0] and "“文件交换”页" in told[0]
    finally:
        fresh.database.close()


def test_the_same_file_twice_says_why_nothing_is_listed(
    offices: Offices, qtbot: QtBot, modal: ModalAnswers
) -> None:
    add_members(offices.county, "张建国", "李秀英")
    sent = offices.county.export_to(offices.city, offices.stick).path
    offices.city.import_(sent)
    with offices.city.database.read() as session:
        imported_at = session.scalars(select(ExchangeLog.recorded_at)).one()
    page = open_page(qtbot, offices.city, offices.stick)
    choose_file(page, sent.name)
    seen: list[str] = []

    def look_and_cancel(dialog: QWidget) -> None:
        dialog.reject()  # first: a failed look below must not leave the dialog open
        assert isinstance(dialog, DryRunDialog)
        assert dialog.details.rowCount() == 0
        seen.append(dialog.findChild(QLabel, "dryRunDetailsHeading").text())  # type: ignore[union-attr]
        note = dialog.findChild(QLabel, "takenInBefore")
        assert note is not None and note.isVisibleTo(dialog)
        seen.append(note.text())
        dialog.grab().save("/tmp/exchange-again/dry-run-again.png")

    modal.then(look_and_cancel)
    click(qtbot, page.import_button)
    qtbot.waitUntil(lambda: modal.done, timeout=20_000)
    assert "导入后不会有任何变化" in seen[0]
    # It said only "可能已经导入过": now when, from the history, and what to do.
    local = imported_at.astimezone()
    assert seen[1].startswith(
        f"此文件已于 {local.year}年{local.month}月{local.day}日 {local:%H:%M} 导入。"
    )
    assert "取消" in seen[1]


def test_at_1366x768_a_county_gets_room_for_the_files(offices: Offices, qtbot: QtBot) -> None:
    """A county's one partner, its city, took as much height as the stick's files."""
    page = with_cards(qtbot, offices.county, offices, 11)
    assert page.partners_model.rowCount() == 1
    assert rows_shown(page.partners) >= 2
    assert rows_shown(page.stick_files) >= 7


def test_the_hint_names_the_other_side_of_each_level(offices: Offices, qtbot: QtBot) -> None:
    """A city clerk read "与市政协（或所辖县、市、区政协）用U盘交换数据" on a city's page:
    each level now reads whom it trades with, and what goes each way."""
    from PySide6.QtWidgets import QLabel

    said = {}
    for office in (offices.city, offices.county):
        page = open_page(qtbot, office, offices.stick)
        hint = page.findChild(QLabel, "pageHint")
        assert hint is not None and hint.isVisible()
        said[office.name] = hint.text()
    city, county = said[offices.city.name], said[offices.county.name]
    assert city.startswith("与所辖县（市、区）政协用U盘交换数据") and "市政协" not in city[:12]
    assert county.startswith("与市政协用U盘交换数据") and "所辖" not in county


def test_sending_to_a_pulled_stick_writes_nothing_and_says_so(
    offices: Offices, qtbot: QtBot, tmp_path: Path
) -> None:
    """The stick's folder was made anew on the local disk and the page said 已写入U盘 …
    可以安全拔出 of a file that never left this computer."""
    from app.exchange import history

    stick = tmp_path / "media" / "STICK"
    stick.mkdir(parents=True)
    page = open_page(qtbot, offices.county, stick)
    stick.rmdir()  # the clerk pulled the stick
    click(qtbot, page.send_button)
    said = page.status.text()
    assert said.startswith("未发送到U盘（示范市政协）：找不到U盘") and "可能已拔出" in said
    assert "本次未写入任何文件" in said
    assert not stick.exists()
    assert not history.exchange_history(offices.county.database)
    assert page.stick_label.text() == f"找不到U盘“{stick}”，可能已拔出。请插好后点“刷新”。"


def test_an_empty_file_is_not_called_a_repeat(
    offices: Offices, qtbot: QtBot, modal: ModalAnswers
) -> None:
    """A county's second file with nothing changed read "文件中的 0 条记录本单位都已有 …
    （这份文件可能已经导入过）" at the city, though the city had never seen it."""
    offices.send(offices.county, offices.city)
    empty = offices.county.export_to(offices.city, offices.stick)
    assert empty.total == 0
    page = open_page(qtbot, offices.city, offices.stick)
    choose_file(page, empty.path.name)
    seen: list[str] = []

    def read_and_cancel(dialog: QWidget) -> None:
        assert isinstance(dialog, DryRunDialog)
        seen.append(dialog.details_heading.text())
        dialog.reject()

    modal.then(read_and_cancel)
    click(qtbot, page.import_button)
    qtbot.waitUntil(lambda: modal.done, timeout=20_000)
    assert seen[0].startswith("这份文件没有记录：对方自上次发送以来没有新的变化")
    assert "已经导入过" not in seen[0] and "写一份回执" in seen[0]


def test_sending_with_nothing_changed_says_so(
    offices: Offices, qtbot: QtBot, modal: ModalAnswers
) -> None:
    """It said "第 2 号，0 条记录" without why."""
    offices.send(offices.county, offices.city)
    page = open_page(qtbot, offices.county, offices.stick)
    told: list[str] = []
    modal.then(lambda box: (told.append(box.text()), ok(box)))
    click(qtbot, page.send_button)
    qtbot.waitUntil(lambda: modal.done, timeout=20_000)
    assert "第 2 号，没有新的变化：自对方确认收到的第 1 号以来本单位的记录未变" in told[0]
    assert "0 条记录" not in told[0] and page.status.text() == told[0]


def test_a_first_file_with_nothing_to_send_says_so(
    offices: Offices, qtbot: QtBot, modal: ModalAnswers
) -> None:
    """A new city, no plan yet, sends its first file (for its notices and receipts)."""
    page = open_page(qtbot, offices.city, offices.stick)
    told: list[str] = []
    modal.then(lambda box: (told.append(box.text()), ok(box)))
    click(qtbot, page.send_button)
    qtbot.waitUntil(lambda: modal.done, timeout=20_000)
    assert "第 1 号，本单位还没有要发送的记录" in told[0]
    assert "第 0 号" not in told[0]


def test_a_receipt_read_twice_says_when_and_that_nothing_changes(
    offices: Offices, qtbot: QtBot, modal: ModalAnswers
) -> None:
    """It said "已读取…的回执…下次只发送此后的变化" again, as if it were news."""
    add_members(offices.county, "张建国")
    sent = offices.county.export_to(offices.city, offices.stick).path
    receipt = offices.city.import_(sent).receipt_path
    assert receipt is not None
    offices.county.import_(receipt)
    page = open_page(qtbot, offices.county, offices.stick)
    choose_file(page, receipt.name)
    told: list[str] = []
    modal.then(lambda box: (told.append(box.text()), ok(box)))
    click(qtbot, page.import_button)
    qtbot.waitUntil(lambda: modal.done, timeout=20_000)
    assert told[0].startswith("此回执已于 ") and "再次读取不会改变任何内容" in told[0]
    assert "下次只发送此后的变化" not in told[0]
    assert page.status.text() == told[0]
