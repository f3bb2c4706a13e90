"""Running a subcommand: open the database, call the handler, map errors to exit codes."""

from __future__ import annotations

import argparse
import logging

from app.cli.parser import EXIT_FAILED
from app.common.console import complain
from app.common.errors import KnownError
from app.common.logs import setup_logging
from app.common.paths import location_for
from app.common.storage import open_database

log = logging.getLogger(__name__)


def run_command(args: argparse.Namespace) -> int:
    location = location_for(args.data_dir)
    setup_logging(location.log_dir)
    log.info("command %s, data folder %s", args.command, location.data_dir)
    try:
        database = open_database(location)
        try:
            return int(args.handler(args, database))
        finally:
            database.close()
    except KnownError as exc:
        log.warning("command %s failed: %s", args.command, exc.what)
        complain(f"错误：{exc.message}")
        return EXIT_FAILED
