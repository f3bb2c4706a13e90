"""At start, a damaged database: offer the newest good backup instead of giving up."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox

from app.common.errors import DatabaseDamaged, DatabaseMissing, KnownError
from app.common.paths import DataLocation
from app.data_safety.restore import newest_good_backup, restore_damaged_at_start
from ui.common.errors import show_known_error


def offer_restore(location: DataLocation, error: DatabaseDamaged) -> bool:
    """Ask to restore the newest good backup; True when it was restored."""
    backup = newest_good_backup(location)
    if backup is None:
        return False
    title = "找不到数据库" if isinstance(error, DatabaseMissing) else "数据库已损坏"
    box = QMessageBox(
        QMessageBox.Icon.Warning, title, error.what, QMessageBox.StandardButton.NoButton
    )
    box.setObjectName("restoreOffer")
    box.setInformativeText(
        f"找到一份完好的备份：{backup.name}（{backup.made_at:%Y-%m-%d %H:%M}）。\n"
        "恢复后，该备份之后录入的内容需要重新录入。损坏的文件会移到备份文件夹中保留，不会删除。\n"
        "是否用这份备份恢复？"
    )
    restore = box.addButton("用备份恢复", QMessageBox.ButtonRole.AcceptRole)
    box.addButton("暂不恢复", QMessageBox.ButtonRole.RejectRole)
    box.exec()
    if box.clickedButton() is not restore:
        return False
    try:
        restore_damaged_at_start(location, backup.path)
    except KnownError as exc:
        show_known_error(None, exc, "恢复未完成")
        return False
    return True
