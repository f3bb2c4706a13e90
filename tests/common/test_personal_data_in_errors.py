"""Finding 7: full ID and phone numbers never reach an error text, stderr or the log."""

from __future__ import annotations

import logging
import traceback
from pathlib import Path

import pytest
from sqlalchemy import select
from sqlalchemy.exc import DBAPIError

import app.records.cli
from app.common.logs import scrub_personal_numbers, setup_logging
from app.common.paths import DataLocation
from app.common.storage import Database
from app.members.member_files import MemberForm, add_member
from db.member_models import Member
from tests.xlsx_files import id_number
from ui.entry import main

pytestmark = pytest.mark.usefixtures("clean_logging")

ID = id_number(seq="001")  # 18 digits, valid check digit
PHONE = "13800000001"


def failed_write(office_db: Database) -> DBAPIError:
    """A write SQLite refuses, with an ID and a phone among its parameters."""
    add_member(office_db, MemberForm(name="张建国", id_number=ID, phone=PHONE))
    with pytest.raises(DBAPIError) as caught, office_db.begin() as session:
        member = session.scalars(select(Member)).one()
        session.add(Member(uuid=member.uuid, owner_uuid=member.owner_uuid, name="张建国",
                           id_number=ID, phone=PHONE))  # fmt: skip
        session.flush()  # the same UUID twice: UNIQUE constraint failed
    return caught.value


def test_a_failed_write_does_not_carry_its_parameters(office_db: Database) -> None:
    error = failed_write(office_db)
    text = "".join(traceback.format_exception(error))
    assert "UNIQUE constraint failed" in text
    assert ID not in text
    assert PHONE not in text


def test_the_log_never_holds_full_numbers(tmp_path: Path) -> None:
    path = setup_logging(tmp_path / "logs")
    log = logging.getLogger("app.test")
    log.warning("row with %s and %s", ID, PHONE)
    try:
        raise ValueError(f"bad member {ID.lower()} / {PHONE}")
    except ValueError:
        log.exception("import failed")
    written = path.read_text(encoding="utf-8")
    assert "import failed" in written and "ValueError" in written
    assert ID not in written and ID.lower() not in written
    assert PHONE not in written
    assert ID[:6] in written  # masked, not dropped: 150523********001X
    assert "138****0001" in written


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (f"id={ID}", f"id={ID[:6]}{'*' * 8}{ID[-4:]}"),
        ("15052319750312001", "150523*******2001"),  # 17 digits: still looks like one
        ("150523750312001", "150523*****2001"),  # 15-digit ID of the old kind
        (f"tel:{PHONE},", "tel:138****0001,"),
        ("+8613800000001", "+86138****0001"),
        ("order 12345, 2024-05-01 10:11:12, row 13", "order 12345, 2024-05-01 10:11:12, row 13"),
        ("uuid 2a0c5e58-1380000000142", "uuid 2a0c5e58-1380000000142"),  # inside longer digits
    ],
)
def test_scrubbing(text: str, expected: str) -> None:
    assert scrub_personal_numbers(text) == expected


def test_an_unexpected_error_in_a_command_is_scrubbed_on_stderr_and_in_the_log(
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    location: DataLocation,
    office_file: Path,
) -> None:
    def broken_import(*args: object, **kwargs: object) -> None:
        raise RuntimeError(f"cannot match {ID} ({PHONE})")  # a bug quoting a row

    monkeypatch.setattr(app.records.cli, "import_records", broken_import)
    code = main(["--data-dir", str(location.data_dir), "records", "import", "x.xlsx"])
    out, err = capsys.readouterr()
    assert code == 1
    assert "意外错误" in err and "cppcc-desk.log" in err
    log = (location.data_dir / "logs" / "cppcc-desk.log").read_text(encoding="utf-8")
    assert "RuntimeError" in log
    for text in (out, err, log):
        assert ID not in text and PHONE not in text
