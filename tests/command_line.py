"""Running `cppcc-desk` in-process as a script would, for the command-line tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from ui.entry import main

# `init` of the county most command-line tests start from.
INIT = ["init", "--level", "county", "--name", "示范县政协", "--code", "150523"]
INIT += ["--term", "10", "--term-years", "2021-2026"]


def run(capsys: pytest.CaptureFixture[str], data_dir: Path, *args: str) -> tuple[int, str, str]:
    """Exit code, stdout and stderr of `cppcc-desk --data-dir DIR ARGS…`."""
    code = main(["--data-dir", str(data_dir), *args])
    out, err = capsys.readouterr()
    return code, out, err
