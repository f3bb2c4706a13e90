"""The person at the keyboard (操作人), named in history entries.

Until accounts exist it is the name entered in settings; a later accounts
feature replaces current_operator, and every caller follows.
"""

from __future__ import annotations

import json

from app.common.storage import Database
from app.common.text import clean_text
from db.models import AppSetting

OPERATOR_KEY = "operator_name"
MAX_OPERATOR_LENGTH = 50


def current_operator(database: Database) -> str:
    """The name entered in settings (操作人), or "" when none was entered."""
    with database.begin() as session:
        row = session.get(AppSetting, OPERATOR_KEY)
        if row is None:
            return ""
        try:
            value = json.loads(row.value_json)
        except ValueError:
            return ""
    return value if isinstance(value, str) else ""


def set_operator(database: Database, name: str) -> str:
    name = clean_text(name)[:MAX_OPERATOR_LENGTH]
    with database.begin() as session:
        session.merge(AppSetting(key=OPERATOR_KEY, value_json=json.dumps(name, ensure_ascii=False)))
    return name
