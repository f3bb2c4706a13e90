"""Launcher that PyInstaller freezes into the `cppcc-desk` executable.

It does what the `cppcc-desk` console script does (`ui.entry:main`); the real
work stays in ui/entry.py so the frozen and the installed program behave alike.
"""

from __future__ import annotations

import os
import sys

# Alembic loads the migration scripts from .py files shipped beside db/migrate.py;
# never write __pycache__ into the install folder (often read-only, and an
# uninstaller would leave those files behind).
sys.dont_write_bytecode = True


def run() -> int:
    if os.environ.get("CPPCC_DESK_FROZEN_PROBE") == "1":  # build check, see frozen_probe.py
        import frozen_probe

        return frozen_probe.run()
    from ui.entry import main

    return main()


if __name__ == "__main__":
    sys.exit(run())
