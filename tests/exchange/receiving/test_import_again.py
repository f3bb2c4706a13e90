"""A file or a receipt taken in a second time: one receipt, and the clerk is told when."""

from __future__ import annotations

import json
import shutil
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import update

from app.exchange import cards
from app.exchange.errors import FileRefused
from app.exchange.export import work_dir
from app.exchange.receiving.receipts import SUFFIX
from app.exchange.receiving.result import ImportResult
from app.office.identity import new_key_row
from db.exchange_models import ExchangeLog
from tests.conftest import COUNTY_SETUP
from tests.exchange.conftest import Offices, add_members, database_digest, open_office
from tests.exchange.test_cli import run

pytestmark = pytest.mark.usefixtures("clean_logging")

WHEN = datetime(2026, 12, 1, 6, 5, tzinfo=UTC)


def _local_text(moment: datetime) -> str:
    local = moment.astimezone()
    return f"{local.year}年{local.month}月{local.day}日 {local:%H:%M}"


def _receipts(offices: Offices) -> list[str]:
    return sorted(p.name for p in offices.stick.glob(f"*{SUFFIX}"))


def _kept(offices: Offices) -> list[str]:
    folder = work_dir(offices.city.database) / "receipts" / offices.county.code
    return sorted(p.name for p in folder.glob(f"*{SUFFIX}"))


def _pretend_imported_at(offices: Offices, moment: datetime) -> None:
    with offices.city.database.begin() as session:
        session.execute(update(ExchangeLog).values(recorded_at=moment))


def test_importing_a_file_again_leaves_one_receipt(offices: Offices) -> None:
    """Each import wrote another …-ack0001-… file; the stick filled with them."""
    add_members(offices.county, "张建国")
    path = offices.county.export_to(offices.city, offices.stick).path
    first = offices.city.import_(path)
    again = offices.city.import_(path)
    third = offices.city.import_(path)
    assert first.receipt_path is not None
    assert again.receipt_path == third.receipt_path == first.receipt_path
    assert _receipts(offices) == [first.receipt_path.name]
    assert len(_kept(offices)) == 1
    read = offices.county.import_(first.receipt_path)
    assert (read.result, read.acknowledged) == ("applied", 1)


def test_a_damaged_receipt_on_the_stick_is_replaced_by_a_good_one(offices: Offices) -> None:
    add_members(offices.county, "张建国")
    path = offices.county.export_to(offices.city, offices.stick).path
    first = offices.city.import_(path)
    assert first.receipt_path is not None
    first.receipt_path.write_bytes(first.receipt_path.read_bytes()[:40])  # pulled too early
    again = offices.city.import_(path)
    assert again.receipt_path is not None and again.receipt_path.exists()
    assert _receipts(offices) == [again.receipt_path.name]
    assert offices.county.import_(again.receipt_path).acknowledged == 1


def test_a_newer_acknowledgement_is_a_new_receipt(offices: Offices) -> None:
    add_members(offices.county, "张建国")
    one = offices.county.export_to(offices.city, offices.stick).path
    offices.city.import_(one)
    add_members(offices.county, "李秀英")
    two = offices.county.export_to(offices.city, offices.stick).path
    second = offices.city.import_(two)
    assert [n.split("-")[2] for n in _receipts(offices)] == ["ack0001", "ack0002"]
    assert offices.city.import_(one).receipt_path == second.receipt_path  # still acks 2
    assert len(_receipts(offices)) == 2


def test_a_file_imported_before_says_when(offices: Offices) -> None:
    """It said only "可能已经导入过"."""
    add_members(offices.county, "张建国")
    path = offices.county.export_to(offices.city, offices.stick).path
    fresh = offices.city.import_(path, dry_run=True)
    assert fresh.note == "" and fresh.to_json()["imported_before"] is None
    offices.city.import_(path)
    _pretend_imported_at(offices, WHEN)
    looked = offices.city.import_(path, dry_run=True)
    assert looked.note.startswith(f"此文件已于 {_local_text(WHEN)} 导入。")
    assert "取消" in looked.note
    summary = looked.to_json()
    assert summary["imported_before"] == WHEN.astimezone().isoformat(timespec="seconds")
    assert summary["note"] == looked.note


def test_a_receipt_read_again_says_when(offices: Offices) -> None:
    add_members(offices.county, "张建国")
    path = offices.county.export_to(offices.city, offices.stick).path
    receipt = offices.city.import_(path).receipt_path
    assert receipt is not None
    assert offices.county.import_(receipt).note == ""
    again = offices.county.import_(receipt)
    assert again.note.startswith("此回执已于 ") and "读取" in again.note


def test_the_command_line_says_when_and_json_gains_keys(
    offices: Offices, capsys: pytest.CaptureFixture[str]
) -> None:
    add_members(offices.county, "张建国")
    path = offices.county.export_to(offices.city, offices.stick).path
    offices.city.import_(path)
    _pretend_imported_at(offices, WHEN)
    code, out, _ = run(capsys, offices.city, "exchange", "import", str(path), "--dry-run")
    assert code == 0 and f"此文件已于 {_local_text(WHEN)} 导入" in out
    code, out, _ = run(capsys, offices.city, "exchange", "import", str(path), "--json")
    summary = json.loads(out)
    assert code == 0 and summary["result"] == "applied"
    assert summary["imported_before"].startswith(f"{WHEN.astimezone():%Y-%m-%dT%H:%M}")
    assert "此文件已于" in summary["note"]
    assert len(_receipts(offices)) == 1


def test_an_older_receipt_says_it_changes_nothing(offices: Offices) -> None:
    """It said "对方已导入到第 1 号文件。下次只发送此后的变化" though 2 was acknowledged."""
    county, city = offices.county, offices.city
    add_members(county, "张建国")
    one = city.import_(county.export_to(city, offices.stick).path).receipt_path
    add_members(county, "李秀英")
    offices.send(county, city)  # file 2 and its receipt
    assert one is not None
    older = county.import_(one)
    assert older.receipt_effect == "older" and "不会改变任何内容" in older.receipt_text
    assert "下次只发送此后的变化" not in older.receipt_text


def test_a_receipt_for_a_file_never_sent_here_says_so(offices: Offices, tmp_path: Path) -> None:
    """A county restored from an old backup reads the city's receipt for file 1."""
    county, city = offices.county, offices.city
    before = tmp_path / "county-before"
    shutil.copytree(county.location.data_dir, before)
    add_members(county, "张建国")
    receipt = city.import_(county.export_to(city, offices.stick).path).receipt_path
    assert receipt is not None
    county.database.close()
    shutil.rmtree(county.location.data_dir)
    shutil.copytree(before, county.location.data_dir)
    offices.county = restored = open_office(county.location.data_dir.parent, COUNTY_SETUP)
    read = restored.import_(receipt)
    assert read.receipt_effect == "never_sent"
    assert "本机还没有给该单位发过文件" in read.receipt_text
    assert "下一份文件从第 2 号起编号" in read.receipt_text
    assert read.to_json()["receipt_effect"] == "never_sent"
    assert restored.export_to(city, offices.stick).sequence == 2  # as it says


def test_a_refused_file_that_was_imported_before_says_when_first(
    offices: Offices, tmp_path: Path
) -> None:
    """The county changed its keys since: its old file no longer verifies here."""
    county, city = offices.county, offices.city
    add_members(county, "张建国")
    path = county.export_to(city, offices.stick).path
    city.import_(path)
    _pretend_imported_at(offices, WHEN)
    with county.database.begin() as session:
        session.add(new_key_row(county.uuid))
    card = cards.write_card(county.database, tmp_path / "new.cppcccard")
    cards.trust_card(city.database, tmp_path / "new.cppcccard", confirm=card.fingerprint)
    before = database_digest(city.database)
    with pytest.raises(FileRefused) as caught:
        city.import_(path)
    assert caught.value.reason == "signature"
    assert caught.value.what.startswith(f"此文件已于 {_local_text(WHEN)} 导入。")
    assert database_digest(city.database) == before
    summary = ImportResult.refused_early(path.name, caught.value).to_json()  # as the CLI
    assert summary["imported_before"] == WHEN.astimezone().isoformat(timespec="seconds")
    assert summary["note"] == f"此文件已于 {_local_text(WHEN)} 导入。"
