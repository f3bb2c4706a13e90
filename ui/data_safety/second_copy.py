"""At start: another window (or a command) already uses this data folder."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox

from app.common.folder_lock import Holder


def open_anyway(holder: Holder) -> bool:
    """Say who else uses the data; True if the clerk opens this window all the same."""
    box = QMessageBox(
        QMessageBox.Icon.Warning,
        "数据正在使用中",
        f"{holder.text}。",
        QMessageBox.StandardButton.NoButton,
    )
    box.setObjectName("secondCopyWarning")
    box.setInformativeText(
        "通常只需打开一个窗口。两个窗口同时修改时，一个窗口保存要等另一个完成，"
        "另一个窗口也看不到这里刚录入的内容，需要刷新。\n是否仍要再打开一个窗口？"
    )
    go_on = box.addButton("仍然打开", QMessageBox.ButtonRole.AcceptRole)
    box.addButton("不打开", QMessageBox.ButtonRole.RejectRole)
    box.exec()
    return box.clickedButton() is go_on
