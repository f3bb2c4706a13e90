"""One rotating log file per installation; every module logs through it.

Nothing in it may show a full ID or phone number (PIPL): whatever a message or a
traceback quotes is masked on the way out (scrub_personal_numbers).
"""

from __future__ import annotations

import faulthandler
import logging
import logging.handlers
import re
import sys
from pathlib import Path

from app.common.people.idcard import mask_id_number
from db.file_safety.files import OWNER_ONLY_FOLDER, make_private

LOG_FILE = "cppcc-desk.log"
_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"

# Shaped like an ID number (15 to 18 characters, the last may be X) or a mobile number
# (optionally after 86), and not part of a longer run of digits or letters.
_ID_SHAPED = re.compile(r"(?<![0-9A-Za-z])\d{14,17}[\dXx](?![0-9A-Za-z])")
_MOBILE_SHAPED = re.compile(r"(?<!\d)(86)?(1[3-9]\d)(\d{4})(\d{4})(?!\d)")


def scrub_personal_numbers(text: str) -> str:
    """150523197503120011 → 150523********0011, 13800000001 → 138****0001."""
    text = _ID_SHAPED.sub(lambda m: mask_id_number(m.group()), text)
    return _MOBILE_SHAPED.sub(lambda m: f"{m[1] or ''}{m[2]}****{m[4]}", text)


class ScrubbingFormatter(logging.Formatter):
    """The message, the traceback and the stack, each with personal numbers masked."""

    def format(self, record: logging.LogRecord) -> str:
        return scrub_personal_numbers(super().format(record))


class _PrivateLogFile(logging.handlers.RotatingFileHandler):
    """The log and each file it rotates into: readable by the owner only.

    It also receives faulthandler's report of a native crash (a segfault in Qt
    leaves no Python traceback): every thread's Python stack, for the technician.
    """

    _traces_crashes = False
    _stderr_traced_before = False

    def _open(self):  # type: ignore[no-untyped-def]
        stream = super()._open()
        make_private(Path(self.baseFilename))
        return stream

    def trace_native_crashes(self) -> None:
        self._stderr_traced_before = faulthandler.is_enabled()
        faulthandler.enable(file=self.stream, all_threads=True)
        self._traces_crashes = True

    def doRollover(self) -> None:
        super().doRollover()
        if self._traces_crashes:  # follow the log into its new file
            faulthandler.enable(file=self.stream, all_threads=True)

    def close(self) -> None:
        if self._traces_crashes:  # never leave faulthandler writing to a closed file
            self._traces_crashes = False
            faulthandler.disable()
            if self._stderr_traced_before and sys.__stderr__ is not None:
                faulthandler.enable(file=sys.__stderr__, all_threads=True)
        super().close()


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
        if not log_dir.exists():
            log_dir.mkdir(parents=True, exist_ok=True)
            make_private(log_dir, OWNER_ONLY_FOLDER)
        handler: logging.Handler = _PrivateLogFile(
            path, maxBytes=2_000_000, backupCount=5, encoding="utf-8"
        )
        handler.trace_native_crashes()
    except OSError:
        handler = logging.StreamHandler()
        # Only errors on the console: the user is already shown every KnownError
        # once, and routine lines would bury that message.
        handler.setLevel(logging.ERROR)
    handler.setFormatter(ScrubbingFormatter(_FORMAT))
    handler._cppcc_desk = True  # type: ignore[attr-defined]
    root.addHandler(handler)
    return path
