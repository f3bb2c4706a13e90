"""One rotating log file per installation; every module logs through it."""

from __future__ import annotations

import logging
import logging.handlers
from pathlib import Path

LOG_FILE = "cppcc-desk.log"
_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"


def setup_logging(log_dir: Path, level: int = logging.INFO) -> Path:
    """Attach the rotating file handler to the root logger; returns the file path.

    If the log folder cannot be written, errors go to stderr only: a missing
    log must never stop the office from working.
    """
    path = log_dir / LOG_FILE
    root = logging.getLogger()
    root.setLevel(level)
    for handler in list(root.handlers):
        if getattr(handler, "_cppcc_desk", False):
            root.removeHandler(handler)
            handler.close()
    try:
        log_dir.mkdir(parents=True, exist_ok=True)
        handler: logging.Handler = logging.handlers.RotatingFileHandler(
            path, maxBytes=2_000_000, backupCount=5, encoding="utf-8"
        )
    except OSError:
        handler = logging.StreamHandler()
        # Only errors on the console: the user is already shown every KnownError
        # once, and routine lines would bury that message.
        handler.setLevel(logging.ERROR)
    handler.setFormatter(logging.Formatter(_FORMAT))
    handler._cppcc_desk = True  # type: ignore[attr-defined]
    root.addHandler(handler)
    return path
