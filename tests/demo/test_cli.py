"""`cppcc-desk demo [--level county|city]` from the command line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.command_line import run

pytestmark = pytest.mark.usefixtures("clean_logging")


def test_demo_with_a_level_sets_up_a_new_scratch_folder(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """README: `cppcc-desk --data-dir /tmp/demo demo --level county` in a scratch folder.
    It sets an office up, as init does, so the folder need not be there yet."""
    data_dir = tmp_path / "试用 数据" / "县"
    code, out, err = run(capsys, data_dir, "demo", "--level", "county")
    assert (code, err) == (0, "")
    assert out.startswith("已加入演示数据：")
    code, out, _ = run(capsys, data_dir, "info", "--json")
    info = json.loads(out)
    assert info["office"]["level"] == "county" and info["counts"]["member"] > 0


def test_demo_without_a_level_still_needs_an_office(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """Plain `demo` sets nothing up: a mistyped --data-dir is not made into a new folder."""
    data_dir = tmp_path / "数据"
    code, out, err = run(capsys, data_dir, "demo")
    assert (code, out) == (1, "")
    assert "尚未设置" in err and "--data-dir 写错了" in err
    assert not data_dir.exists()
