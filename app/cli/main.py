"""Running a subcommand: open the database, call the handler, map errors to exit codes."""

from __future__ import annotations

import argparse
import logging

from app.cli.parser import EXIT_FAILED
from app.common.console import complain
from app.common.errors import KnownError
from app.common.logs import setup_logging
from app.common.operator import os_operator, sign_in, sign_out
from app.common.paths import location_for
from app.common.storage import open_database

log = logging.getLogger(__name__)


def run_command(args: argparse.Namespace) -> int:
    location = location_for(args.data_dir)
    setup_logging(location.log_dir)
    log.info("command %s, data folder %s", args.command, location.data_dir)
    try:
        database = open_database(location)
        # The command line acts as the operating-system user, and is audited as such.
        sign_in(database, os_operator())
        try:
            return int(args.handler(args, database))
        finally:
            sign_out()
            database.close()
    except KnownError as exc:
        log.warning("command %s failed: %s", args.command, exc.what)
        complain(f"错误：{exc.message}")
        return EXIT_FAILED
