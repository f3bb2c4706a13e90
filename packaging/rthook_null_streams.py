"""PyInstaller runtime hook (Windows): null output streams for the GUI .exe.

A Windows GUI-subsystem program (cppcc-desk.exe, started from a shortcut) has no
console, so Python sets sys.stdout and sys.stderr to None; the first write (the
self-test's result line, a usage message, an error) would then crash the program.
Send them to the null device instead. The console cppcc-desk-cli.exe is unaffected.
"""

import os
import sys

if sys.stdout is None:
    sys.stdout = open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115 - lives as long as the program
if sys.stderr is None:
    sys.stderr = open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115
