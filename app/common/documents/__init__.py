"""Files the program writes: Word documents in official layout (GB/T 9704, `official`),
Excel workbooks (`workbooks`), and the rules every output follows (saved in one go,
never replacing a file unless asked).
"""

from __future__ import annotations

import argparse
import contextlib
import errno
import glob
import os
import time
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

from app.common.audit import file_written
from app.common.errors import KnownError, translate_os_error
from app.common.unfinished_files import clear_leftovers, listed_while_written


def write_atomically(path: Path, write: Callable[[Path], None]) -> Path:
    """Write to a temporary file beside `path`, then rename it into place.

    A failure half-way leaves any earlier file of that name untouched. A file
    that is open in Word, WPS or Excel cannot be replaced on Windows: say so.
    Every file written is in the audit trail (app.common.audit.file_written).
    """
    path = Path(path)
    folder = path.parent
    clear_leftovers()
    _clear_stale_temps(path)
    # Not tempfile.mkstemp: its files are private (0600) and would stay so.
    temp = folder / f".~{path.stem}.{uuid.uuid4().hex[:8]}{path.suffix}"
    with listed_while_written(temp):  # a kill -9 half-way: the next start removes it
        try:
            temp.open("xb").close()
        except OSError as exc:
            raise translate_os_error(exc, folder) from exc
        try:
            write(temp)
            _flush_to_disk(temp)
            os.replace(temp, path)
        except PermissionError as exc:
            raise _maybe_open_elsewhere(exc, path) from exc
        except OSError as exc:
            raise translate_os_error(exc, path) from exc
        finally:
            with contextlib.suppress(OSError):
                temp.unlink()
    file_written(path)
    return path


STALE_TEMP_S = 3600  # no file takes an hour to write: an older temp is a crash's leftover


def _clear_stale_temps(path: Path) -> None:
    """Remove what a killed earlier write of this same file left (it may hold personal data,
    and on Windows a leading dot does not hide it). Those the register lists go sooner
    (app.common.unfinished_files); this finds the rest (written unlisted, by older versions)."""
    now = time.time()
    for temp in path.parent.glob(f".~{glob.escape(path.stem)}.*{glob.escape(path.suffix)}"):
        middle = temp.name[len(f".~{path.stem}.") : len(temp.name) - len(path.suffix)]
        if len(middle) != 8 or any(c not in "0123456789abcdef" for c in middle):
            continue  # not a temp of ours
        with contextlib.suppress(OSError):
            if now - temp.stat().st_mtime > STALE_TEMP_S:
                temp.unlink()


def _flush_to_disk(path: Path) -> None:
    """A USB stick pulled right after saving must not leave a half-written file."""
    with path.open("rb+") as f:
        os.fsync(f.fileno())


def output_path(path: Path, suffix: str, force: bool = False) -> Path:
    """The one rule for a file a command is asked to write, checked before any work.

    The name ends in `suffix`; its folder exists; an existing file is replaced only
    with --force (the GUI's save dialog asks instead).
    """
    path = Path(path)
    if path.suffix.lower() != suffix:
        raise KnownError(
            f"“{path.name}”不是 {suffix} 文件名：文件名应以 {suffix} 结尾。",
            f"请换一个以 {suffix} 结尾的文件名后再试。",
        )
    output_folder(path.absolute().parent)
    if path.is_dir():
        raise KnownError(f"“{path}”是一个文件夹。", "请换一个文件名。")
    if (path.exists() or path.is_symlink()) and not force:  # a dangling link is there too
        raise KnownError(f"“{path}”已存在，未覆盖。", "请换一个文件名，或加 --force 覆盖该文件。")
    return path


def output_folder(folder: Path, create: bool = False) -> Path:
    """The folder a command is asked to write into: there (or made, with `create`), and a
    folder, not a file or a device of that name."""
    folder = Path(folder)
    if folder.is_dir():
        return folder
    in_the_way = next((p for p in (folder, *folder.absolute().parents) if p.exists()), None)
    if in_the_way is not None and not in_the_way.is_dir():  # `afile/x.xlsx`, `--out /dev/full`
        raise KnownError(
            f"路径中的“{in_the_way}”是一个文件，不是文件夹，无法在其中保存。",
            "请换一个文件夹。",
        )
    if not create:
        raise KnownError(f"文件夹“{folder}”不存在。", "请先建立该文件夹，或换一个位置。")
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise translate_os_error(exc, folder) from exc
    return folder


# Where sticks are mounted: a folder missing below these is a stick not plugged in, and
# making it would put the files on the local disk as if on the stick.
STICK_ROOTS = ("/media", "/run/media", "/mnt", "/Volumes")


@contextlib.contextmanager
def made_folder(folder: Path) -> Iterator[None]:
    """`--out DIR` from a script: DIR is made when missing, and what was made of it is
    removed again when the command fails inside. Not below a stick's mount root: there
    the command finds the folder missing and says so."""
    folder = Path(folder)
    absolute = folder.absolute()
    if folder.is_dir() or any(absolute.is_relative_to(root) for root in STICK_ROOTS):
        yield
        return
    made = [p for p in (absolute, *absolute.parents) if not p.exists()]
    output_folder(folder, create=True)
    try:
        yield
    except BaseException:
        for path in made:  # deepest first; rmdir removes only empty folders
            with contextlib.suppress(OSError):
                path.rmdir()
        raise


def refuse_existing(paths: list[Path], force: bool) -> None:
    """Several files one command writes: all checked before any is written, and none
    replaced without --force."""
    there = [p for p in paths if p.exists() or p.is_symlink()]
    if there and not force:
        names = "、".join(f"“{p.name}”" for p in there)
        raise KnownError(f"{names}已存在，未覆盖。", "请换一个文件夹，或加 --force 覆盖这些文件。")


FORCE_HELP = "文件已存在时覆盖（不加此项时，已有的文件不会被覆盖）"


def add_output_file(parser: argparse.ArgumentParser, default_name: str) -> None:
    """FILE.xlsx that may be left out (`members template`, as the issues write it): the
    window's file name in the current folder; with --force."""
    parser.add_argument(
        "file",
        metavar="FILE.xlsx",
        nargs="?",
        default=default_name,
        help=f"要保存的文件（不写时存为当前文件夹中的“{default_name}”）",
    )
    add_force_option(parser)


def add_force_option(parser: argparse.ArgumentParser) -> None:
    """--force, worded the same for every command that writes a file."""
    parser.add_argument("--force", action="store_true", help=FORCE_HELP)


def _maybe_open_elsewhere(exc: PermissionError, path: Path) -> KnownError:
    if path.exists() and exc.errno in (errno.EACCES, errno.EPERM, None):
        return KnownError(
            f"无法保存“{path}”：该文件可能正在 Word、WPS 或 Excel 中打开。",
            "请先关闭该文件，或换一个文件名后再保存。",
        )
    return translate_os_error(exc, path)
