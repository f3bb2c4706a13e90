"""A file or a receipt taken in a second time: one receipt, and the clerk is told when."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest
from sqlalchemy import update

from app.exchange.export import work_dir
from app.exchange.receiving.receipts import SUFFIX
from db.exchange_models import ExchangeLog
from tests.exchange.conftest import Offices, add_members
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
