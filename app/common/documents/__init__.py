"""Printed materials: Word documents in official layout (GB/T 9704) and how they are saved."""

from __future__ import annotations

import contextlib
import errno
import os
import uuid
from collections.abc import Callable
from pathlib import Path

from app.common.errors import KnownError, translate_os_error


def write_atomically(path: Path, write: Callable[[Path], None]) -> Path:
    """Write to a temporary file beside `path`, then rename it into place.

    A failure half-way leaves any earlier file of that name untouched. A file
    that is open in Word, WPS or Excel cannot be replaced on Windows: say so.
    """
    path = Path(path)
    folder = path.parent
    # Not tempfile.mkstemp: its files are private (0600) and would stay so.
    temp = folder / f".~{path.stem}.{uuid.uuid4().hex[:8]}{path.suffix}"
    try:
        temp.open("xb").close()
    except OSError as exc:
        raise translate_os_error(exc, folder) from exc
    try:
        write(temp)
        os.replace(temp, path)
    except PermissionError as exc:
        raise _maybe_open_elsewhere(exc, path) from exc
    except OSError as exc:
        raise translate_os_error(exc, path) from exc
    finally:
        with contextlib.suppress(OSError):
            temp.unlink()
    return path


def _maybe_open_elsewhere(exc: PermissionError, path: Path) -> KnownError:
    if path.exists() and exc.errno in (errno.EACCES, errno.EPERM, None):
        return KnownError(
            f"无法保存“{path}”：该文件可能正在 Word、WPS 或 Excel 中打开。",
            "请先关闭该文件，或换一个文件名后再保存。",
        )
    return translate_os_error(exc, path)
