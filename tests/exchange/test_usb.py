"""TRUST.md check 15: sticks are written safely and read only through a local copy."""

from __future__ import annotations

import contextlib
import os
import threading
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from app.common.errors import KnownError
from app.common.unfinished_files import STALE_PARTIAL_S
from app.exchange import cards, usb
from app.exchange.file_format.verify import verify_file
from app.exchange.receiving.importing import import_file
from tests.exchange.conftest import Offices, add_members


def test_removable_drives_are_the_mounts_under_media(tmp_path: Path) -> None:
    mounts = tmp_path / "mounts"
    mounts.write_text(
        "/dev/sda1 / ext4 rw 0 0\n"
        "/dev/sdb1 /media/clerk/KINGSTON vfat rw 0 0\n"
        "/dev/sdc1 /run/media/clerk/U\\040盘 vfat rw 0 0\n"
        "tmpfs /run/user/1000 tmpfs rw 0 0\n",
        encoding="utf-8",
    )
    drives = usb.linux_drives(mounts)
    assert [(str(d.path), d.label) for d in drives] == [
        ("/media/clerk/KINGSTON", "KINGSTON"),
        ("/run/media/clerk/U 盘", "U 盘"),
    ]
    assert usb.linux_drives(tmp_path / "missing") == []


def test_a_file_is_placed_under_a_temporary_name_then_renamed_and_read_back(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    source = tmp_path / "a.cppccx"
    source.write_bytes(b"x" * 100_000)
    stick = tmp_path / "stick"
    steps: list[str] = []
    real_replace, real_fsync = os.replace, os.fsync

    def replace(src: str, dst: str) -> None:
        steps.append(f"rename {Path(src).name} -> {Path(dst).name}")
        real_replace(src, dst)

    def fsync(fd: int) -> None:
        steps.append("fsync")
        real_fsync(fd)

    monkeypatch.setattr(usb.os, "replace", replace)
    monkeypatch.setattr(usb.os, "fsync", fsync)
    digest = usb.place_file(source, stick / "a.cppccx")
    assert digest == usb.sha256_of(source)
    assert steps[0] == "fsync" and steps[1].startswith("rename .a.cppccx.")
    assert steps[1].endswith(".partial -> a.cppccx") and steps[2] == "fsync"  # the folder too
    assert [p.name for p in stick.iterdir()] == ["a.cppccx"]
    with pytest.raises(KnownError, match="已存在"):
        usb.place_file(source, stick / "a.cppccx")


def test_what_a_killed_copy_left_on_the_stick_goes_with_the_next_one(tmp_path: Path) -> None:
    """A kill -9 or a pulled stick mid-copy left `.名.xxxxxxxx.partial` (seen on Windows,
    where a dot hides nothing). The next copy to that folder removes it: only our names,
    only after an hour (another window may be copying right now)."""
    source = tmp_path / "a.cppccx"
    source.write_bytes(b"x" * 1000)
    stick = tmp_path / "stick"
    stick.mkdir()
    killed = stick / ".150523-0003-20261201.cppccx.0a1b2c3d.partial"
    running = stick / ".150523-0004-20261203.cppccx.4e5f6a7b.partial"
    clerks = [stick / ".会议记录.partial", stick / "草稿.0a1b2c3d.partial"]
    for path in (killed, running, *clerks):
        path.write_bytes(b"y")
    hours_ago = time.time() - 2 * STALE_PARTIAL_S
    for path in (killed, *clerks):
        os.utime(path, (hours_ago, hours_ago))
    usb.place_file(source, stick / "a.cppccx")
    assert not killed.exists()
    assert running.exists() and all(path.exists() for path in clerks)
    assert (stick / "a.cppccx").read_bytes() == b"x" * 1000


def test_a_stick_that_returns_other_bytes_is_caught(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    source = tmp_path / "a.cppccx"
    source.write_bytes(b"good bytes")
    real = usb.sha256_of
    calls = []

    def lying(path: Path) -> str:
        calls.append(path)
        return real(path) if len(calls) == 1 else "0" * 64

    monkeypatch.setattr(usb, "sha256_of", lying)
    with pytest.raises(KnownError, match="读回校验不一致"):
        usb.place_file(source, tmp_path / "stick" / "a.cppccx")
    assert not (tmp_path / "stick" / "a.cppccx").exists()


def test_an_import_reads_a_local_copy_never_the_stick(
    offices: Offices, monkeypatch: pytest.MonkeyPatch
) -> None:
    add_members(offices.county, "张建国")
    on_stick = offices.county.export_to(offices.city, offices.stick).path
    opened: list[Path] = []
    from app.exchange.file_format import container

    real = container.open_file

    def watch(path: Path) -> container.Opened:
        opened.append(path)
        return real(path)

    monkeypatch.setattr(container, "open_file", watch)
    offices.city.import_(on_stick)
    [read] = opened
    assert offices.city.location.data_dir in read.parents and offices.stick not in read.parents
    assert not list((offices.city.location.data_dir / "exchange").glob("in-*"))  # cleaned up


def test_exchange_files_are_found_on_a_stick(tmp_path: Path) -> None:
    (tmp_path / "政协交换文件" / "150500").mkdir(parents=True)
    for name in (
        "150523-0001-20260101.cppccx",
        "政协交换文件/150500/x.cppccr",
        "a.txt",
        ".x.cppccx",
    ):
        (tmp_path / name).write_bytes(b"")
    found = [p.relative_to(tmp_path).as_posix() for p in usb.exchange_files_on(tmp_path)]
    assert found == ["150523-0001-20260101.cppccx", "政协交换文件/150500/x.cppccr"]


def _finishes(action: Callable[[], object], seconds: float = 10) -> object:
    """What `action` returned or raised, or a failure if it hangs (a pipe blocks open())."""
    outcome: list[object] = []

    def run() -> None:
        try:
            outcome.append(action())
        except Exception as exc:
            outcome.append(exc)

    worker = threading.Thread(target=run, daemon=True)
    worker.start()
    worker.join(seconds)
    assert outcome, f"still reading after {seconds} s"
    return outcome[0]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="pipes are POSIX")
def test_a_pipe_or_a_device_picked_as_an_exchange_file_or_card_is_refused(
    offices: Offices, tmp_path: Path
) -> None:
    """A pipe blocked the import, verify and `office trust` forever; /dev/zero behind a
    link read until the disk or memory ran out."""
    pipe = tmp_path / "150523-0001-20260101.cppccx"
    os.mkfifo(pipe)
    endless = tmp_path / "endless.cppccx"
    endless.symlink_to("/dev/zero")
    card_pipe = tmp_path / "对方.cppcccard"
    os.mkfifo(card_pipe)
    city = offices.city.database
    try:
        for path in (pipe, endless):
            refused = _finishes(lambda p=path: import_file(city, p))
            assert (
                isinstance(refused, KnownError) and "不是保存在磁盘上的普通文件" in refused.message
            )
            assert isinstance(_finishes(lambda p=path: verify_file(city, p)), KnownError)
        refused = _finishes(lambda: cards.trust_card(city, card_pipe))
        assert isinstance(refused, KnownError) and "普通文件" in refused.message
    finally:
        for fifo in (pipe, card_pipe):  # let a reader still blocked on it go
            with contextlib.suppress(OSError):
                os.close(os.open(fifo, os.O_WRONLY | os.O_NONBLOCK))
