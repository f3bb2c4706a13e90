"""文件交换 as the clerks use it: a county sends its file to a stick, the city imports it
after reading the dry-run summary on screen, and the receipt goes back."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select

from app.exchange import cards
from app.exchange.usb import EXCHANGE_FOLDER
from db.member_models import Member
from tests.exchange.conftest import Offices, add_members
from tests.ui.conftest import ModalAnswers
from ui.exchange.dialogs import DryRunDialog, TrustDialog
from ui.exchange.page import ExchangePage


def open_page(qtbot: QtBot, office, stick: Path) -> ExchangePage:  # type: ignore[no-untyped-def]
    page = ExchangePage(office.database)
    qtbot.addWidget(page)
    page.resize(1300, 740)
    page.show()
    page.refresh()
    with qtbot.waitSignal(page.stick_tab.checked, timeout=10_000):
        page.use_stick(stick)  # the 状态 column is worked out off the GUI thread
    return page


def click(qtbot: QtBot, button: QWidget) -> None:
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def ok(box: QWidget) -> None:
    assert isinstance(box, QMessageBox)
    box.button(QMessageBox.StandardButton.Ok).click()


def choose_file(page: ExchangePage, name_part: str) -> None:
    model = page.stick_model
    rows = [r for r in range(model.rowCount()) if name_part in model.row(r).shown_name]
    assert rows, [model.row(r).shown_name for r in range(model.rowCount())]
    page.stick_files.selectRow(rows[0])


def test_a_county_file_goes_by_stick_to_the_city_with_the_dry_run_on_screen(
    offices: Offices, qtbot: QtBot, modal: ModalAnswers
) -> None:
    county, city, stick = offices.county, offices.city, offices.stick
    add_members(county, "张建国", "李秀英")

    sender = open_page(qtbot, county, stick)
    assert sender.partners_model.rowCount() == 1 and sender.send_button.isEnabled()
    told: list[str] = []
    modal.then(lambda box: (told.append(box.text()), ok(box)))
    click(qtbot, sender.send_button)
    qtbot.waitUntil(lambda: "可以安全拔出U盘" in sender.status.text(), timeout=20_000)
    qtbot.waitUntil(lambda: modal.done, timeout=5_000)
    [written] = (stick / EXCHANGE_FOLDER).glob("150523-0001-*.cppccx")
    assert "可以安全拔出U盘" in told[0] and written.name in told[0]
    assert sender.partners_model.row(0).waiting == (1,)
    assert not list(stick.rglob("*.partial"))

    receiver = open_page(qtbot, city, stick)
    choose_file(receiver, written.name)
    assert receiver.stick_model.row(0).note == "示范县政协发来的第 1 号文件"
    seen: dict[str, object] = {}

    def read_summary_then_import(dialog: QWidget) -> None:
        assert isinstance(dialog, DryRunDialog)
        seen["totals"] = dialog.totals.text()
        tables = dialog.tables
        seen["rows"] = {
            tables.item(r, 0).text(): [tables.item(r, c).text() for c in range(1, 5)]
            for r in range(tables.rowCount())
        }
        details = dialog.details
        seen["details"] = {details.item(r, 1).text() for r in range(details.rowCount())}
        with city.database.begin() as session:  # nothing written yet
            seen["before"] = session.scalar(select(func.count()).select_from(Member))
        assert dialog.import_button.isEnabled() and not dialog.skip.isVisible()
        click(qtbot, dialog.import_button)

    modal.then(read_summary_then_import).then(lambda box: (told.append(box.text()), ok(box)))
    click(qtbot, receiver.import_button)
    qtbot.waitUntil(lambda: modal.done, timeout=30_000)
    new = sum(int(row[0]) for row in seen["rows"].values())  # type: ignore[attr-defined]
    assert seen["totals"] == f"合计：新增 {new} 条，更新 0 条，未变 0 条，冲突 0 条"
    assert seen["rows"]["委员"] == ["2", "0", "0", "0"]
    assert seen["rows"]["基础名录"][0] != "0"  # the county's own lists come too (first file)
    assert {"委员 张建国", "委员 李秀英", "委员届次 张建国 · 第10届"} <= seen["details"]  # type: ignore[operator]
    assert seen["before"] == 0
    with city.database.begin() as session:
        assert session.scalar(select(func.count()).select_from(Member)) == 2
    assert f"新增 {new} 条" in told[-1] and "回执已放在U盘上" in told[-1]
    assert receiver.partners_model.row(0).applied == 1
    history = receiver.history.model()
    assert history.rowCount() == 1 and history.index(0, 4).data() == "已导入"

    sender.refresh()  # the clerk carries the stick back
    choose_file(sender, "-ack0001-")
    modal.then(lambda box: (told.append(box.text()), ok(box)))
    click(qtbot, sender.import_button)
    qtbot.waitUntil(lambda: modal.done, timeout=20_000)
    assert "对方已导入到第 1 号文件" in told[-1]
    assert sender.partners_model.row(0).waiting == ()


def test_a_conflict_needs_the_explicit_choice(
    offices: Offices, qtbot: QtBot, modal: ModalAnswers
) -> None:
    from app.office.office import office_info
    from tests.exchange.forge import open_as, reseal, with_records

    add_members(offices.county, "张建国", "李秀英")
    path = offices.county.export_to(offices.city, offices.stick).path
    head, plain = open_as(offices.city, path)
    city_uuid = office_info(offices.city.database).uuid
    head, plain = with_records(head, plain, "member", lambda rs: rs[0].update(o=city_uuid))
    path.unlink()
    reseal(offices.county, offices.city, head, plain, path)
    page = open_page(qtbot, offices.city, offices.stick)
    choose_file(page, path.name)

    def look_and_cancel(dialog: QWidget) -> None:
        assert isinstance(dialog, DryRunDialog)
        assert not dialog.import_button.isEnabled() and dialog.skip.isVisible()
        dialog.skip.setChecked(True)
        assert dialog.import_button.isEnabled()
        dialog.reject()

    modal.then(look_and_cancel)
    click(qtbot, page.import_button)
    qtbot.waitUntil(lambda: modal.done, timeout=20_000)
    assert page.status.text() == f"未导入“{path.name}”：已取消。"


def test_a_partners_card_is_trusted_after_the_phone_check(
    offices: Offices, qtbot: QtBot, modal: ModalAnswers, tmp_path: Path
) -> None:
    from tests.exchange.conftest import CITY_SETUP, make_office

    fresh = make_office(tmp_path / "fresh", CITY_SETUP)
    try:
        card = offices.county.card(offices.stick)
        page = open_page(qtbot, fresh, offices.stick)
        assert "尚未信任任何单位" in page.empty_partners.text()
        choose_file(page, card.name)
        fingerprint = cards.read_card(card).fingerprint

        def check_by_phone(dialog: QWidget) -> None:
            assert isinstance(dialog, TrustDialog)
            shown = dialog.findChild(QWidget, "fingerprint")
            assert shown.text() == fingerprint  # type: ignore[attr-defined]
            assert not dialog.trust_button.isEnabled()
            dialog.checked.setChecked(True)
            click(qtbot, dialog.trust_button)

        modal.then(check_by_phone)
        click(qtbot, page.import_button)
        qtbot.waitUntil(lambda: modal.done, timeout=10_000)
        assert page.partners_model.rowCount() == 1
        assert page.partners_model.row(0).fingerprint == fingerprint
        assert page.status.text().startswith("已信任：示范县政协")
    finally:
        fresh.database.close()


@pytest.mark.parametrize("level", ["county", "city"])
def test_the_page_shows_its_own_fingerprint(offices: Offices, qtbot: QtBot, level: str) -> None:
    office = offices.county if level == "county" else offices.city
    page = open_page(qtbot, office, offices.stick)
    assert page.fingerprint.text() == cards.local_fingerprint(office.database)
    assert page.partners_model.rowCount() == (1 if level == "county" else 2)
