"""A bare PySide6 main window: the baseline for packaging/measure_startup.sh.

Frozen with PyInstaller (onedir) like the real program, it shows one QMainWindow
with a label and runs until it is closed; the script times launch -> window visible.
"""

import sys

from PySide6.QtWidgets import QApplication, QLabel, QMainWindow


def main() -> int:
    app = QApplication(sys.argv)
    window = QMainWindow()
    window.setWindowTitle("bare PySide6 window")
    window.setCentralWidget(QLabel("bare PySide6 window"))
    window.resize(1024, 700)
    window.show()
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
