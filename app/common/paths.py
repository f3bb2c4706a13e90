"""Where the office's data and logs live."""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

import platformdirs

from app import APP_NAME
from app.common.errors import DatabaseReadOnly, KnownError, NoPermission, translate_os_error
from db.file_safety.files import OWNER_ONLY_FOLDER, make_private

DATABASE_FILE = "cppcc-desk.sqlite3"


@dataclass(frozen=True)
class DataLocation:
    data_dir: Path
    log_dir: Path

    @property
    def database(self) -> Path:
        return self.data_dir / DATABASE_FILE

    @property
    def backup_dir(self) -> Path:
        return self.data_dir / "backups"

    @property
    def damage_note(self) -> Path:
        """Written when a check finds the database damaged; the next start offers a backup."""
        return self.data_dir / "cppcc-desk.damage.txt"

    @property
    def ui_settings_file(self) -> Path:
        return self.data_dir / "window.ini"


def default_location() -> DataLocation:
    return DataLocation(
        data_dir=platformdirs.user_data_path(APP_NAME, appauthor=False),
        log_dir=platformdirs.user_log_path(APP_NAME, appauthor=False),
    )


def location_for(data_dir: str | os.PathLike[str] | None) -> DataLocation:
    """The default user folders, or everything under a folder the user chose."""
    if data_dir is None:
        return default_location()
    root = Path(data_dir).expanduser().absolute()
    return DataLocation(data_dir=root, log_dir=root / "logs")


def prepare_data_dir(location: DataLocation) -> None:
    """Create the data folder if needed and prove it can be written to."""
    root = location.data_dir
    if root.exists() and not root.is_dir():
        raise KnownError(
            f"数据文件夹“{root}”不是一个文件夹，而是一个文件。",
            "请用 --data-dir 指定一个文件夹。",
        )
    existed = root.exists()
    try:
        if not existed:
            root.mkdir(parents=True, exist_ok=True)
            make_private(root, OWNER_ONLY_FOLDER)  # it will hold personal data
        with tempfile.NamedTemporaryFile(dir=root, prefix=".write-test-"):
            pass
    except OSError as exc:
        problem = translate_os_error(exc, root)
        if existed and isinstance(problem, NoPermission):  # a CD, a folder set 只读
            raise DatabaseReadOnly(root, folder=True) from exc
        raise problem from exc
