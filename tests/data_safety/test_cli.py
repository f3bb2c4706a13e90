"""`cppcc-desk check` as a script sees it: exit 0 only when every check passes; exit 1
explained on stderr, with the checks' table on stdout."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path

import pytest

from tests.command_line import INIT, run

pytestmark = pytest.mark.usefixtures("clean_logging")


def test_a_failed_check_says_why_on_stderr(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    data_dir = tmp_path / "政协 数据"
    assert run(capsys, data_dir, *INIT)[0] == 0
    code, out, err = run(capsys, data_dir, "check")
    assert (code, err) == (0, "")
    with closing(sqlite3.connect(data_dir / "cppcc-desk.sqlite3")) as conn, conn:
        conn.execute("PRAGMA foreign_keys=OFF")
        conn.execute(
            "INSERT INTO plenary_session (uuid, owner_uuid, term_id, number,"
            " created_at, updated_at, revision)"
            " SELECT 'p-1', owner_uuid, 999, 1, created_at, updated_at, 1 FROM term"
        )
    code, out, err = run(capsys, data_dir, "check")
    assert code == 1
    assert "[失败] 记录之间的关联" in out and "检查未通过" in out
    assert err == "错误：数据库检查未通过：记录之间的关联。详见上面的检查结果。\n"
