"""paths and logs: where data and logs live, and what happens when they cannot."""

from __future__ import annotations

import logging
import subprocess
import sys
from pathlib import Path

import pytest

from app.common.errors import KnownError
from app.common.logs import LOG_FILE, setup_logging
from app.common.paths import DataLocation, default_location, location_for, prepare_data_dir

pytestmark = pytest.mark.usefixtures("clean_logging")


def cppcc_handlers() -> list[logging.Handler]:
    return [h for h in logging.getLogger().handlers if getattr(h, "_cppcc_desk", False)]


def test_location_layout(tmp_path: Path) -> None:
    location = location_for(tmp_path / "政协数据")
    assert location.data_dir == tmp_path / "政协数据"
    assert location.log_dir == tmp_path / "政协数据" / "logs"
    assert location.database == tmp_path / "政协数据" / "cppcc-desk.sqlite3"
    assert location.backup_dir == tmp_path / "政协数据" / "backups"
    assert location.ui_settings_file.parent == location.data_dir


def test_relative_and_home_folders_become_absolute(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert location_for("data").data_dir == tmp_path / "data"
    assert location_for("~/data").data_dir == tmp_path / "home" / "data"


def test_default_location_is_per_user() -> None:
    location = location_for(None)
    assert location == default_location()
    assert location.data_dir.is_absolute()
    assert "cppcc-desk" in str(location.data_dir)


def test_prepare_creates_nested_folders(tmp_path: Path) -> None:
    location = DataLocation(tmp_path / "a" / "b", tmp_path / "logs")
    prepare_data_dir(location)
    assert location.data_dir.is_dir()
    assert list(location.data_dir.iterdir()) == []  # the write test cleans up


def test_prepare_refuses_a_file(tmp_path: Path) -> None:
    a_file = tmp_path / "data"
    a_file.write_text("x")
    with pytest.raises(KnownError, match="不是一个文件夹"):
        prepare_data_dir(DataLocation(a_file, tmp_path / "logs"))
    assert a_file.read_text() == "x"


def test_log_file_is_written_in_utf8(tmp_path: Path) -> None:
    path = setup_logging(tmp_path / "logs")
    assert path == tmp_path / "logs" / LOG_FILE
    logging.getLogger("app.test").info("打开数据库 %s", "示范县")
    for handler in cppcc_handlers():
        handler.flush()
    assert "INFO app.test: 打开数据库 示范县" in path.read_text(encoding="utf-8")


def test_setting_up_twice_keeps_one_handler(tmp_path: Path) -> None:
    setup_logging(tmp_path / "one")
    setup_logging(tmp_path / "two")
    (handler,) = cppcc_handlers()
    assert Path(handler.baseFilename).parent == tmp_path / "two"  # type: ignore[attr-defined]


def test_unwritable_log_folder_falls_back_quietly(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    a_file = tmp_path / "logs"
    a_file.write_text("x")
    setup_logging(a_file / "sub")  # cannot be created: beneath a file
    (handler,) = cppcc_handlers()
    assert isinstance(handler, logging.StreamHandler)
    log = logging.getLogger("app.test")
    log.info("routine")
    log.warning("expected trouble the user is told about anyway")
    log.error("a bug")
    err = capsys.readouterr().err
    # Only what nobody would otherwise see reaches the console.
    assert "routine" not in err
    assert "expected trouble" not in err
    assert "a bug" in err


def test_a_native_crash_leaves_its_trace_in_the_log(tmp_path: Path) -> None:
    """Finding 17: a segfault (in Qt, say) kills Python at once; faulthandler writes the
    stacks of every thread into the log file first."""
    script = (
        "import faulthandler, logging, sys\n"
        "from pathlib import Path\n"
        "from app.common.logs import setup_logging\n"
        "setup_logging(Path(sys.argv[1]))\n"
        "logging.getLogger('ui.test').info('saving the blank template')\n"
        "def save_template():\n"
        "    faulthandler._sigsegv()\n"
        "save_template()\n"
    )
    repo = Path(__file__).resolve().parents[2]
    done = subprocess.run(
        [sys.executable, "-c", script, str(tmp_path / "logs")], cwd=repo, capture_output=True
    )
    assert done.returncode != 0
    log = (tmp_path / "logs" / LOG_FILE).read_text(encoding="utf-8", errors="replace")
    assert "saving the blank template" in log
    assert "Fatal Python error: Segmentation fault" in log
    assert "in save_template" in log


def test_closing_the_log_stops_tracing_into_it(tmp_path: Path) -> None:
    import faulthandler

    was = faulthandler.is_enabled()
    setup_logging(tmp_path / "logs")
    assert faulthandler.is_enabled()
    for handler in cppcc_handlers():
        logging.getLogger().removeHandler(handler)
        handler.close()
    assert faulthandler.is_enabled() == was  # as before: pytest's own, on stderr
