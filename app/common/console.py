"""Console output for the admin commands (the GUI never prints)."""

from __future__ import annotations

import sys


def say(text: str = "") -> None:
    sys.stdout.write(text + "\n")


def complain(text: str) -> None:
    sys.stderr.write(text + "\n")
