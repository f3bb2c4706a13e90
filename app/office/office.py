"""This installation's office: first-run setup and what it shows about itself."""

from __future__ import annotations

import re
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.common.errors import KnownError
from app.common.storage import Database
from app.common.text import clean_line, clean_text, term_label
from app.office.dictionary_defaults import DEFAULT_ENTRIES, KNOWN_ALIASES
from app.office.dictionary_names import join_aliases
from app.office.identity import new_key_row
from db.base import Base, SyncedMixin, new_uuid
from db.models import DictionaryEntry, Office, OfficeLevel, Term

LEVEL_LABELS = {OfficeLevel.COUNTY: "县（市、区）政协", OfficeLevel.CITY: "市政协"}
MAX_TERM_YEARS = 6
_PLACE = {OfficeLevel.COUNTY: "县（市、区）", OfficeLevel.CITY: "市"}


@dataclass(frozen=True)
class OfficeSetup:
    level: OfficeLevel
    name: str
    division_code: str
    term_number: int
    term_first_year: int
    term_last_year: int


@dataclass(frozen=True)
class OfficeInfo:
    uuid: str
    name: str
    level: OfficeLevel
    division_code: str
    term_number: int | None
    term_first_year: int | None
    term_last_year: int | None

    @property
    def level_label(self) -> str:
        return LEVEL_LABELS[self.level]

    @property
    def term_text(self) -> str:
        if self.term_number is None:
            return "（未设届次）"
        return f"{term_label(self.term_number)}（{self.term_first_year}—{self.term_last_year}）"


def setup_problems(setup: OfficeSetup) -> list[str]:
    """Every reason the setup cannot be saved, in Chinese; empty when it is fine."""
    return office_problems(setup.level, setup.name, setup.division_code) + term_problems(
        setup.term_number, setup.term_first_year, setup.term_last_year
    )


def office_problems(level: OfficeLevel, name: str, division_code: str) -> list[str]:
    problems = []
    name = clean_line(name)
    if not name:
        problems.append("请填写单位名称，例如“××县政协”。")
    elif len(name) > 100:
        problems.append("单位名称过长（不超过100个字）。")
    code = clean_text(division_code)
    if not re.fullmatch(r"[0-9]{6}", code):  # \d would also take ١٥٠٥٢٣ and the like
        problems.append("行政区划代码应为6位数字，例如 150523。")
    elif not 11 <= int(code[:2]) <= 82:
        problems.append(f"行政区划代码“{code}”的前两位不是有效的省级代码。")
    elif code[2:] == "0000":
        example = "150500" if level is OfficeLevel.CITY else "150523"
        problems.append(
            f"“{code}”是省级行政区划代码，请填写本单位所在{_PLACE[level]}的代码，例如 {example}。"
        )
    elif level is OfficeLevel.CITY and code[4:] != "00":
        problems.append(f"市级行政区划代码应以“00”结尾，例如 150500；“{code}”不是。")
    elif level is OfficeLevel.COUNTY and code[4:] == "00":
        problems.append(f"县级行政区划代码不以“00”结尾，例如 150523；“{code}”是市级代码。")
    return problems


def term_problems(number: int, first_year: int, last_year: int) -> list[str]:
    problems = []
    if not 1 <= number <= 99:
        problems.append("届次应在第1届到第99届之间。")
    if not (1949 <= first_year <= 2100 and 1949 <= last_year <= 2100):
        problems.append("届次起止年份应在1949年到2100年之间。")
    elif not 0 < last_year - first_year <= MAX_TERM_YEARS:
        problems.append(
            f"届次起止年份不合理：{first_year}—{last_year}。一届通常为5年，例如 2021—2026。"
        )
    return problems


def issuer_name(office_name: str) -> str:
    """The office that signs a 通报: 示范县政协 → 示范县政协办公室."""
    return office_name if office_name.endswith("办公室") else f"{office_name}办公室"


def local_office(session: Session) -> Office | None:
    return session.scalars(
        select(Office).where(Office.is_local.is_(True), Office.deleted_at.is_(None))
    ).one_or_none()


def require_local_office(session: Session) -> Office:
    office = local_office(session)
    if office is None:
        raise KnownError(
            "本单位尚未设置。", "请先完成首次设置（图形界面的设置向导，或 init 命令）。"
        )
    return office


def office_by_code(session: Session, code: str) -> Office:
    """This office or a partner, by its 行政区划代码 (the city's `--office CODE`)."""
    office = session.scalars(
        select(Office).where(Office.division_code == clean_text(code), Office.deleted_at.is_(None))
    ).one_or_none()
    if office is None:
        raise KnownError(
            f"本机没有代码为 {code} 的单位。",
            "请核对代码；县（市、区）的数据要先通过交换文件导入本机。",
        )
    return office


def chosen_office(session: Session, code: str | None) -> Office:
    """The office a listing is about: the local one, or the one named by code."""
    return require_local_office(session) if not code else office_by_code(session, code)


def is_set_up(database: Database) -> bool:
    with database.read() as session:
        return local_office(session) is not None


def require_valid_setup(setup: OfficeSetup) -> None:
    problems = setup_problems(setup)
    if problems:
        raise KnownError("设置未保存：\n" + "\n".join(problems), "请修改后再试。")


def set_up_office(database: Database, setup: OfficeSetup) -> OfficeInfo:
    require_valid_setup(setup)
    with database.begin() as session:
        if local_office(session) is not None:
            raise KnownError("本单位已经设置过，不能重复设置。", "如需修改请在“系统设置”中进行。")
        uuid = new_uuid()
        code = clean_text(setup.division_code)
        if session.scalar(select(Office).where(Office.division_code == code)) is not None:
            raise KnownError(f"行政区划代码 {code} 已被另一个单位使用。", "请核对代码。")
        session.add(
            Office(
                uuid=uuid,
                owner_uuid=uuid,
                level=setup.level,
                name=clean_line(setup.name),
                division_code=code,
                is_local=True,
            )
        )
        session.flush()
        session.add(new_key_row(uuid))  # signing and encryption keys for the exchange
        session.add(
            Term(
                owner_uuid=uuid,
                number=setup.term_number,
                first_year=setup.term_first_year,
                last_year=setup.term_last_year,
            )
        )
        for kind, entries in DEFAULT_ENTRIES.items():
            for order, (name, description) in enumerate(entries):
                session.add(
                    DictionaryEntry(
                        owner_uuid=uuid,
                        kind=kind,
                        name=name,
                        description=description,
                        sort_order=order,
                        aliases=join_aliases(KNOWN_ALIASES.get(kind, {}).get(name, ())),
                    )
                )
    return office_info(database)


def current_term(session: Session, office: Office) -> Term | None:
    """The local office's newest term: derived, never stored separately."""
    return session.scalars(
        select(Term)
        .where(Term.owner_uuid == office.uuid, Term.deleted_at.is_(None))
        .order_by(Term.number.desc())
        .limit(1)
    ).first()


def office_info(database: Database) -> OfficeInfo:
    with database.read() as session:
        office = require_local_office(session)
        term = current_term(session, office)
        return OfficeInfo(
            uuid=office.uuid,
            name=office.name,
            level=office.level,
            division_code=office.division_code,
            term_number=term.number if term else None,
            term_first_year=term.first_year if term else None,
            term_last_year=term.last_year if term else None,
        )


def record_counts(database: Database) -> dict[str, int]:
    """Live (not tombstoned) records per table, for `info` and the overview."""
    counts: dict[str, int] = {}
    with database.read() as session:
        for mapper in Base.registry.mappers:
            cls = mapper.class_
            if not issubclass(cls, SyncedMixin):
                continue
            counts[mapper.local_table.name] = (
                session.scalar(
                    select(func.count()).select_from(cls).where(cls.deleted_at.is_(None))
                )
                or 0
            )
    return dict(sorted(counts.items()))
