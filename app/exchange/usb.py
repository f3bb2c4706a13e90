"""USB sticks: finding them, writing to them safely, reading from them via the local disk.

USB sticks lie about having written (sqlite.org/howtocorrupt), so a file goes to
a temporary name, is flushed and fsynced, renamed, then read back and compared
by hash before the clerk is told the stick may be removed. A file on a stick is
first copied to the local disk and only the copy is read (TRUST.md check 15).
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
import shutil
import stat
import sys
import uuid as uuid_module
from dataclasses import dataclass
from pathlib import Path

from app.common.errors import KnownError, translate_os_error
from app.common.unfinished_files import clear_stale_partials
from app.exchange.errors import FileRefused
from db.file_safety.files import sync_folder

EXCHANGE_FOLDER = "政协交换文件"  # made on the stick; files are also found at its top level
SUFFIXES = (".cppccx", ".cppccr", ".cppcccard")
_MAX_DEPTH = 2
_STAGED = re.compile(r"\..+\.[0-9a-f]{8}\.partial")  # stage_file's temporary names


@dataclass(frozen=True)
class Drive:
    path: Path
    label: str  # what the clerk sees: "E:\\" or the mount folder's name


def removable_drives() -> list[Drive]:
    if sys.platform == "win32":  # pragma: no cover - exercised on Windows only
        return _windows_drives()
    return linux_drives(Path("/proc/mounts"))


def _windows_drives() -> list[Drive]:  # pragma: no cover - Windows only
    import ctypes

    kernel32 = ctypes.windll.kernel32  # type: ignore[attr-defined]
    drive_removable = 2
    mask = kernel32.GetLogicalDrives()
    found = []
    for index in range(26):
        if mask & (1 << index):
            root = f"{chr(ord('A') + index)}:\\"
            if kernel32.GetDriveTypeW(ctypes.c_wchar_p(root)) == drive_removable:
                found.append(Drive(Path(root), root))
    return found


def linux_drives(mounts: Path) -> list[Drive]:
    """Mount points under /media and /run/media (where desktops mount sticks)."""
    try:
        text = mounts.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return []
    found = []
    for line in text.splitlines():
        parts = line.split()
        if len(parts) < 2:
            continue
        # /proc/mounts escapes spaces and the like as octal: \040
        point = parts[1].encode().decode("unicode_escape").encode("latin-1").decode("utf-8")
        if point.startswith(("/media/", "/run/media/")):
            found.append(Drive(Path(point), Path(point).name))
    return found


def exchange_files_on(folder: Path) -> list[Path]:
    """Exchange files, receipts and cards at the top of a folder and a little below."""
    found: list[Path] = []

    def walk(path: Path, depth: int) -> None:
        try:
            entries = sorted(path.iterdir())
        except OSError:
            return
        for entry in entries:
            if entry.name.startswith("."):
                continue
            if entry.is_file() and entry.suffix.lower() in SUFFIXES:
                found.append(entry)
            elif entry.is_dir() and depth < _MAX_DEPTH:
                walk(entry, depth + 1)

    walk(Path(folder), 0)
    return found


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as f:
        while block := f.read(1 << 20):
            digest.update(block)
    return digest.hexdigest()


def place_file(source: Path, target: Path) -> str:
    """Copy `source` to `target` (often on a stick) safely; the verified SHA-256.

    An existing file of that name is never replaced.
    """
    temp, digest = stage_file(source, target)
    finish_file(temp, target)
    return digest


def stage_file(source: Path, target: Path) -> tuple[Path, str]:
    """Copy `source` beside `target` under a hidden `.partial` name, flushed and read back;
    (that temp file, the verified SHA-256). finish_file() gives it its name: until then a
    clerk never takes it for a finished file. An existing `target` is never replaced."""
    if target.exists():
        raise KnownError(f"“{target}”已存在，未覆盖。", "请换一个文件夹，或先移走该文件。")
    expected = sha256_of(source)
    clear_stale_partials(target.parent, _STAGED)
    temp = target.with_name(f".{target.name}.{uuid_module.uuid4().hex[:8]}.partial")
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        with source.open("rb") as src, temp.open("xb") as out:
            shutil.copyfileobj(src, out, 1 << 20)
            out.flush()
            os.fsync(out.fileno())
        if sha256_of(temp) != expected:
            raise KnownError(
                f"写入“{target}”后读回校验不一致，U盘可能有问题。",
                "请换一个U盘，或把文件写到本机后再拷贝。",
            )
    except BaseException as exc:
        with contextlib.suppress(OSError):
            temp.unlink()
        if isinstance(exc, OSError):
            raise translate_os_error(exc, target) from exc
        raise
    return temp, expected


def finish_file(temp: Path, target: Path) -> None:
    """Give a staged file its final name (never over an existing file)."""
    try:
        if target.exists():
            raise KnownError(f"“{target}”已存在，未覆盖。", "请换一个文件夹，或先移走该文件。")
        os.replace(temp, target)
        sync_folder(target.parent)
    except OSError as exc:
        raise translate_os_error(exc, target) from exc
    finally:
        with contextlib.suppress(OSError):
            temp.unlink()


def require_plain_file(path: Path) -> None:
    """A file picked must be a file on a disk: a pipe blocks its reader forever, a device
    (/dev/zero behind a link) reads without end. A missing one raises FileNotFoundError."""
    if not stat.S_ISREG(path.stat().st_mode):
        raise FileRefused(
            "unreadable",
            f"“{path.name}”不是保存在磁盘上的普通文件（可能是文件夹、设备或管道），无法读取。",
            "请选择对方发来的文件（在U盘的“政协交换文件”文件夹中）。本次未作任何改动。",
        )


def copy_to_local(source: Path, work_dir: Path) -> Path:
    """A local copy of a file from a stick; reading happens only on the copy."""
    work_dir.mkdir(parents=True, exist_ok=True)
    target = work_dir / f"{uuid_module.uuid4().hex}{source.suffix.lower()}"
    try:
        require_plain_file(source)
        shutil.copyfile(source, target)
    except FileNotFoundError as exc:
        # A refusal like any other (reason "unreadable"): `import --json` still answers.
        raise FileRefused(
            "unreadable", f"找不到文件“{source}”。", "U盘是否已拔出？请插好后再试。"
        ) from exc
    except OSError as exc:
        target.unlink(missing_ok=True)
        raise translate_os_error(exc, source) from exc
    return target
