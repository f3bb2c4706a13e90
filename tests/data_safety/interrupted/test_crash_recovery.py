"""After a crash in the middle of a save, every command opens the data as it was before."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from app.common.paths import DataLocation
from tests.command_line import run
from tests.data_safety.crashes import crash_while_writing, journal_of, table_rows

pytestmark = pytest.mark.usefixtures("clean_logging")


def test_commands_after_a_crash_see_the_data_as_before(
    capsys: pytest.CaptureFixture[str], location: DataLocation, office_file: Path
) -> None:
    before = table_rows(office_file)
    crash_while_writing(office_file)
    code, out, err = run(capsys, location.data_dir, "check")
    assert (code, err) == (0, ""), err
    assert "检查通过" in out
    assert not journal_of(office_file).exists()
    code, out, err = run(capsys, location.data_dir, "info", "--json")
    assert (code, err) == (0, "")
    assert json.loads(out)["office"]["name"] == "示范县政协"
    assert table_rows(office_file) == before
