"""The proposal office's settings: numbering, deadlines, the working-day calendar.

Stored beside the program's settings (app_setting) under "proposals.<name>";
an unknown key is ignored and a value of the wrong type falls back to its
default, as app.common.settings does. The deadline months (3, at most 6) are
the program-wide settings handling_deadline_months / handling_deadline_max_months.
"""

from __future__ import annotations

import dataclasses
import json
import logging
from dataclasses import dataclass, fields
from datetime import date

from sqlalchemy import select

from app.common.errors import KnownError
from app.common.settings import load_settings, save_settings
from app.common.storage import Database
from db.models import AppSetting

log = logging.getLogger(__name__)
PREFIX = "proposals."
PLACEHOLDERS = ("{届}", "{次}", "{年}", "{号}")
MAX_HAND_BACK_DAYS = 60


@dataclass(frozen=True)
class ProposalSettings:
    # 编号格式: {届} 十, {次} 三, {年} 2025, {号} the serial with number_digits digits.
    number_pattern: str = "{届}届{次}次会议第{号}号"
    number_digits: int = 4
    # 办理期限: months from the assignment date (calendar), or working days.
    deadline_months: int = 3
    deadline_max_months: int = 6
    count_working_days: bool = False
    deadline_working_days: int = 60
    deadline_max_working_days: int = 120
    due_soon_days: int = 15  # 即将到期: this many days before the deadline
    # 退回调整: a unit may hand a proposal back within this many working days of the
    # assignment (DOMAIN: "within a few working days"); 0: no limit.
    hand_back_working_days: int = 5
    # Beyond the years chinese-calendar knows: holidays and make-up working days (调休)
    # the office entered, as ISO dates (2027-10-01).
    extra_holidays: tuple[str, ...] = ()
    extra_workdays: tuple[str, ...] = ()

    @property
    def holidays(self) -> frozenset[date]:
        return frozenset(date.fromisoformat(d) for d in self.extra_holidays)

    @property
    def workdays(self) -> frozenset[date]:
        return frozenset(date.fromisoformat(d) for d in self.extra_workdays)


def settings_problems(settings: ProposalSettings) -> list[str]:
    problems = []
    if "{号}" not in settings.number_pattern:
        problems.append("编号格式中必须有“{号}”（流水号），例如“{届}届{次}次会议第{号}号”。")
    if not 1 <= settings.number_digits <= 6:
        problems.append("流水号位数应为1到6位。")
    if not 1 <= settings.deadline_months <= settings.deadline_max_months <= 24:
        problems.append("办理期限应为1到24个月，且最长期限不短于一般期限。")
    if not 1 <= settings.deadline_working_days <= settings.deadline_max_working_days <= 500:
        problems.append("按工作日计算的办理期限应为1到500个工作日，且最长期限不短于一般期限。")
    if not 0 <= settings.due_soon_days <= 90:
        problems.append("“即将到期”提前天数应为0到90天。")
    if not 0 <= settings.hand_back_working_days <= MAX_HAND_BACK_DAYS:
        problems.append(f"退回调整期限应为0到{MAX_HAND_BACK_DAYS}个工作日（0表示不限）。")
    for text in (*settings.extra_holidays, *settings.extra_workdays):
        try:
            date.fromisoformat(text)
        except ValueError:
            problems.append(f"“{text}”不是日期（应写成 2027-10-01）。")
    overlap = set(settings.extra_holidays) & set(settings.extra_workdays)
    if overlap:
        problems.append(f"{'、'.join(sorted(overlap))} 不能既是假日又是调休上班日。")
    return problems


def load_proposal_settings(database: Database) -> ProposalSettings:
    with database.read() as session:
        stored = {
            row.key[len(PREFIX) :]: row.value_json
            for row in session.scalars(select(AppSetting).where(AppSetting.key.like(PREFIX + "%")))
        }
    common = load_settings(database)
    values: dict[str, object] = {
        "deadline_months": common.handling_deadline_months,
        "deadline_max_months": common.handling_deadline_max_months,
    }
    for field in fields(ProposalSettings):
        if field.name not in stored:
            continue
        value = _typed(field.name, stored[field.name], field.default)
        if value is not None:
            values[field.name] = value
    return ProposalSettings(**values)  # type: ignore[arg-type]


def _typed(name: str, text: str, default: object) -> object | None:
    try:
        value = json.loads(text)
    except ValueError:
        log.warning("setting %s%s holds invalid JSON; using the default", PREFIX, name)
        return None
    if isinstance(default, tuple) and isinstance(value, list):
        if all(isinstance(v, str) for v in value):
            return tuple(value)
    elif type(value) is type(default):
        return value
    log.warning("setting %s%s has the wrong type; using the default", PREFIX, name)
    return None


def save_proposal_settings(database: Database, settings: ProposalSettings) -> None:
    problems = settings_problems(settings)
    if problems:
        raise KnownError("设置未保存：\n" + "\n".join(problems), "请修改后再试。")
    common = load_settings(database)
    save_settings(
        database,
        dataclasses.replace(
            common,
            handling_deadline_months=settings.deadline_months,
            handling_deadline_max_months=settings.deadline_max_months,
        ),
    )
    with database.begin() as session:
        for key, value in dataclasses.asdict(settings).items():
            if key in ("deadline_months", "deadline_max_months"):
                continue
            if isinstance(value, tuple):
                value = list(value)
            session.merge(
                AppSetting(key=PREFIX + key, value_json=json.dumps(value, ensure_ascii=False))
            )
