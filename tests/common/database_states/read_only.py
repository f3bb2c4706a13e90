"""A database file the program may not write, for real — also when the tests run as root.

`chmod 444` alone does not stop root: its CAP_DAC_OVERRIDE capability writes any file.
Linux keeps capabilities per thread, so the thread that runs the test gives up that
capability for a while (and CAP_FOWNER, which would let it change the file's mode back);
threads it starts meanwhile (the GUI's database opener) inherit the same.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import os
import stat
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

_VERSION_3 = 0x20080522
_CAP_DAC_OVERRIDE = 1
_CAP_FOWNER = 3


class _Header(ctypes.Structure):
    _fields_ = [("version", ctypes.c_uint32), ("pid", ctypes.c_int)]


class _Data(ctypes.Structure):
    _fields_ = [
        ("effective", ctypes.c_uint32),
        ("permitted", ctypes.c_uint32),
        ("inheritable", ctypes.c_uint32),
    ]


def _libc() -> ctypes.CDLL:
    return ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)


def _capabilities() -> tuple[_Header, ctypes.Array[_Data]]:
    header, data = _Header(_VERSION_3, 0), (_Data * 2)()
    if _libc().capget(ctypes.byref(header), data) != 0:
        raise OSError(ctypes.get_errno(), "capget")
    return header, data


def _set(header: _Header, data: ctypes.Array[_Data]) -> None:
    if _libc().capset(ctypes.byref(header), data) != 0:
        raise OSError(ctypes.get_errno(), "capset")


@contextmanager
def root_obeys_permissions() -> Iterator[None]:
    """This thread, if root, can no longer write files whose mode says read-only."""
    if os.name != "posix" or os.geteuid() != 0:
        yield
        return
    try:
        header, before = _capabilities()
    except (OSError, AttributeError) as exc:
        pytest.skip(f"running as root, and capabilities cannot be read here ({exc})")
    header, without = _capabilities()
    without[0].effective &= ~((1 << _CAP_DAC_OVERRIDE) | (1 << _CAP_FOWNER))
    try:
        _set(header, without)
    except OSError as exc:
        pytest.skip(f"running as root, and CAP_DAC_OVERRIDE cannot be given up here ({exc})")
    try:
        yield
    finally:
        _set(header, before)


@contextmanager
def read_only_file(path: Path) -> Iterator[None]:
    """`path` read-only (r--r--r--, as a file copied from a CD) for the block, truly."""
    with _mode(path, 0o444), root_obeys_permissions():
        try:
            with path.open("r+b"):
                pass
        except PermissionError:
            yield
        else:
            pytest.skip("a read-only file can still be written here")


@contextmanager
def read_only_folder(folder: Path) -> Iterator[None]:
    """No new file can be made in `folder` for the block (r-xr-xr-x), truly."""
    with _mode(folder, 0o555), root_obeys_permissions():
        try:
            (folder / ".write-probe").touch()
        except PermissionError:
            yield
        else:
            (folder / ".write-probe").unlink()
            pytest.skip("a read-only folder can still be written here")


@contextmanager
def _mode(path: Path, mode: int) -> Iterator[None]:
    before = stat.S_IMODE(path.stat().st_mode)
    path.chmod(mode)
    try:
        yield
    finally:
        path.chmod(before)
