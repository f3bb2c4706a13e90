"""Typed settings of this installation, stored as JSON values with defaults.

Unknown keys are ignored and a value of the wrong type falls back to its
default (logged), so an older or newer program never fails on settings.
"""

from __future__ import annotations

import dataclasses
import json
import logging
from dataclasses import dataclass, fields

from sqlalchemy import select

from app.common.storage import Database
from db.models import AppSetting

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Settings:
    # 提案办理期限（月），自交办之日起；可延期至 handling_deadline_max_months。
    handling_deadline_months: int = 3
    handling_deadline_max_months: int = 6
    # 自动备份保留份数
    backups_kept: int = 12
    # 闲置多少分钟后锁定窗口（0: 不锁定）; administrators set it (系统设置 → 账户).
    idle_lock_minutes: int = 15
    # 五个一 rules (DOMAIN.md: offices decide these differently).
    five_ones_cosigned_counts: bool = True  # 联名提案计入附议委员
    five_ones_unaccepted_counts: bool = True  # 不予立案的提案也计入
    five_ones_leave_counts: bool = False  # 请假视为出席
    # 通报 (the clerk sets these before it is made; "" means the default named in
    # app.five_ones.notice_options): 发文机关署名, 发文机关标志, 发文字号, 抄送 (one office a
    # line), 印发机关, a 成文日期 set ahead (ISO), and how the 考核表 goes with it.
    notice_issuer: str = ""
    notice_organ_mark: str = ""
    notice_number: str = ""
    notice_copy_to: str = ""
    notice_printer: str = ""
    notice_date: str = ""
    notice_attachment: str = "appended"  # appended, named or none
    # The order of members in every list, picker, export and printout (app.common.people.name_order
    # NameOrder: stroke 姓氏笔画, pinyin 拼音, roster 名单顺序); app.members.member_order reads it.
    name_order: str = "stroke"


def load_settings(database: Database) -> Settings:
    with database.read() as session:
        stored = {row.key: row.value_json for row in session.scalars(select(AppSetting))}
    values: dict[str, object] = {}
    for field in fields(Settings):
        if field.name not in stored:
            continue
        try:
            value = json.loads(stored[field.name])
        except ValueError:
            log.warning("setting %s holds invalid JSON; using the default", field.name)
            continue
        default = field.default
        if type(value) is not type(default):
            log.warning("setting %s has the wrong type; using the default", field.name)
            continue
        values[field.name] = value
    return Settings(**values)  # type: ignore[arg-type]


def save_settings(database: Database, settings: Settings) -> None:
    with database.begin() as session:
        for key, value in dataclasses.asdict(settings).items():
            session.merge(AppSetting(key=key, value_json=json.dumps(value, ensure_ascii=False)))
