"""A really full disk for a test: a small tmpfs in a private mount namespace (Linux).

`unshare --user --map-root-user --mount` lets an ordinary user mount a tmpfs that only the
child process sees; the code under test runs in that child and reports what it found as
JSON on its last line. Where user namespaces are not allowed the test is skipped.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

REPO = Path(__file__).resolve().parents[2]

# Inside the namespace: mount, copy the data folder in, fill the disk to leave `free`
# bytes, then run the code given (which ends by printing one JSON line).
_PRELUDE = """
import json, os, shutil, sys
from pathlib import Path
disk, data, free = Path(sys.argv[1]), Path(sys.argv[2]), int(sys.argv[3])
inside = disk / "data"
shutil.copytree(data, inside)
with open(disk / "filler", "wb") as f:
    while (left := shutil.disk_usage(disk).free) > free:
        f.write(b"\\0" * min(65536, left - free))
        f.flush()
"""


def can_mount_a_small_disk() -> bool:
    if not sys.platform.startswith("linux") or shutil.which("unshare") is None:
        return False
    done = subprocess.run(
        ["unshare", "--user", "--map-root-user", "--mount", "true"], capture_output=True
    )
    return done.returncode == 0


def run_on_a_full_disk(
    tmp_path: Path, data: Path, free: int, code: str, size_kb: int = 8192
) -> dict[str, Any]:
    """Run `code` (after _PRELUDE) with `data` copied onto a disk with `free` bytes left."""
    if not can_mount_a_small_disk():
        pytest.skip("no user namespace to mount a small disk in")
    disk = tmp_path / "small-disk"
    disk.mkdir()
    script = _PRELUDE + code
    mount = f'mount -t tmpfs -o size={size_kb}k tmpfs "$1" && shift && exec "$@"'
    namespace = ["unshare", "--user", "--map-root-user", "--mount", "sh", "-c", mount, "sh"]
    child = [sys.executable, "-c", script, str(disk), str(data), str(free)]
    done = subprocess.run(
        [*namespace, str(disk), *child],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.strip().splitlines()[-1])
