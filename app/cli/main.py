"""Running a subcommand: open the database, call the handler, map errors to exit codes."""

from __future__ import annotations

import argparse
import contextlib
import logging
import os
import signal
import sys
import traceback

from app.common.console import EXIT_FAILED, EXIT_INTERRUPTED, INTERRUPTED, complain
from app.common.errors import DatabaseDamaged, KnownError, as_known_error
from app.common.folder_lock import FolderLock, hold_folder
from app.common.logs import scrub_personal_numbers, setup_logging
from app.common.operator import os_operator, sign_in, sign_out
from app.common.paths import DataLocation, location_for
from app.common.storage import open_database
from app.data_safety.cli import way_out_of_damage

log = logging.getLogger(__name__)


def run_command(args: argparse.Namespace) -> int:
    _stop_on_terminate()
    location = location_for(args.data_dir)
    if (refused := _refused_before_opening(args)) is not None:
        complain(f"错误：{refused}")
        return EXIT_FAILED
    if not _makes_data_folder(args) and (missing := _no_data_folder(location)):
        complain(f"错误：{missing}")
        return EXIT_FAILED
    log_file = setup_logging(location.log_dir)
    log.info("command %s, data folder %s", args.command, location.data_dir)
    try:
        try:
            # What only reads also works on a database file that cannot be written.
            database = open_database(location, read_only_ok=getattr(args, "reads_only", False))
        except DatabaseDamaged as damaged:
            when_damaged = getattr(args, "when_damaged", None)  # `restore` repairs it
            if when_damaged is None:
                log.warning("command %s: %s", args.command, damaged.what)
                complain(f"错误：{damaged.message}")
                # The backup to restore, by name, and the command to type.
                for line in way_out_of_damage(location, args.data_dir):
                    complain(line)
                return EXIT_FAILED
            return int(when_damaged(args, location))
        # A window opened meanwhile is told this command uses the data; a second command
        # just goes ahead (SQLite makes it wait its turn; if too long, it says who is busy).
        for note in database.notes:  # what opening did to the files (a journal set aside)
            complain(f"注意：{note}")
        lock = hold_folder(location.data_dir, f"命令“cppcc-desk {args.command}”")
        # The command line acts as the operating-system user, and is audited as such.
        sign_in(database, os_operator())
        try:
            return int(args.handler(args, database))
        finally:
            sign_out()
            database.close()
            if isinstance(lock, FolderLock):
                lock.release()
    except KeyboardInterrupt:  # Ctrl+C, or SIGTERM (below): transactions and temp files undone
        log.warning("command %s interrupted", args.command)
        complain(INTERRUPTED)
        return EXIT_INTERRUPTED
    except BrokenPipeError:
        # The reader went away (`cppcc-desk info | head -3`): nothing to say, and nowhere to
        # say it. What is still buffered goes to nowhere instead of failing again at exit.
        _stdout_to_nowhere()
        return EXIT_FAILED
    except Exception as exc:
        if _interrupted(exc):  # Ctrl+C inside SQLAlchemy, which then failed to roll back
            log.warning("command %s interrupted", args.command, exc_info=exc)
            complain(INTERRUPTED)
            return EXIT_INTERRUPTED
        known = as_known_error(exc)  # an OSError or SQLite error met anywhere: in Chinese
        if known is not None:
            detail = None if known is exc else exc  # the OS's or SQLite's own words
            log.warning("command %s failed: %s", args.command, known.what, exc_info=detail)
            complain(f"错误：{known.message}")
            return EXIT_FAILED
        # A bug: its traceback, with personal numbers masked, for the technician.
        log.critical("command %s: unexpected error", args.command, exc_info=exc)
        complain(scrub_personal_numbers("".join(traceback.format_exception(exc))).rstrip())
        complain(
            f"错误：程序遇到意外错误，本次操作没有完成。\n请把日志文件发给技术人员：{log_file}"
        )
        return EXIT_FAILED


def _refused_before_opening(args: argparse.Namespace) -> str | None:
    """Why the command's own arguments are wrong, when it can tell before anything is
    opened or made (`init` would otherwise leave an empty database behind)."""
    check = getattr(args, "check_first", None)
    if check is None:
        return None
    try:
        check(args)
    except KnownError as refused:
        return refused.message
    return None


def _makes_data_folder(args: argparse.Namespace) -> bool:
    """Whether the command sets an office up, and so may make its data folder: `init`
    always, `demo --level` (a demo office) when given the level."""
    makes = getattr(args, "makes_data_folder", False)
    return bool(makes(args) if callable(makes) else makes)


def _no_data_folder(location: DataLocation) -> str:
    """Why a command other than `init` cannot use a data folder that is not there ("" when
    it is): a mistyped --data-dir must not become a new, empty office."""
    folder = location.data_dir
    if folder.exists():
        return ""
    in_the_way = next((p for p in folder.absolute().parents if p.exists()), None)
    if in_the_way is not None and not in_the_way.is_dir():
        return f"路径中的“{in_the_way}”是一个文件，不是文件夹。\n请核对 --data-dir。"
    return (
        f"数据文件夹“{folder}”不存在：本单位尚未设置，或 --data-dir 写错了。\n"
        "请核对 --data-dir；新单位请先运行 cppcc-desk init（或打开图形界面完成首次设置）。"
        "本次未建立任何文件。"
    )


def _stdout_to_nowhere() -> None:
    try:
        nowhere = os.open(os.devnull, os.O_WRONLY)
        os.dup2(nowhere, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):  # no real file behind stdout, or none
        pass


def _interrupted(exc: BaseException) -> bool:
    seen: BaseException | None = exc
    while seen is not None:
        if isinstance(seen, KeyboardInterrupt):
            return True
        seen = seen.__cause__ or seen.__context__
    return False


def _on_terminate(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


def _stop_on_terminate() -> None:
    """SIGTERM unwinds like Ctrl+C: without this it kills the process where it stands,
    and a file being written would stay as a temp beside its name."""
    with contextlib.suppress(ValueError):  # not the main thread (tests): leave it as it is
        signal.signal(signal.SIGTERM, _on_terminate)
