"""A member's ID-card and phone numbers: masked in the member file, shown in full only
when a role that may asks for it (显示完整号码), each time in the audit trail."""

from __future__ import annotations

from dataclasses import dataclass, replace

from sqlalchemy import select

from app.common.access import require
from app.common.audit import Action, add_entry
from app.common.errors import KnownError
from app.common.operator import Permission
from app.common.people.idcard import mask_id_number, mask_phone
from app.common.storage import Database
from app.members.member_form import (
    FieldProblem,
    FormChoices,
    MemberForm,
    form_problems,
    phone_problems,
)
from db.member_models import Member


@dataclass(frozen=True)
class FullNumbers:
    id_number: str
    phone: str


def masked_numbers(form: MemberForm) -> MemberForm:
    """The member file as every screen gets it (the birth date is shown beside the ID)."""
    return replace(
        form,
        id_number=mask_id_number(form.id_number, birth_shown=True),
        phone=mask_phone(form.phone),
    )


def with_stored_numbers(form: MemberForm, member: Member) -> MemberForm:
    """A saved form whose numbers are still the masks it was shown keeps the stored ones."""
    stored_id, stored_phone = member.id_number or "", member.phone or ""
    id_number = (
        stored_id if stored_id and form.id_number == mask_id_number(stored_id, True) else None
    )
    phone = stored_phone if stored_phone and form.phone == mask_phone(stored_phone) else None
    return replace(
        form,
        id_number=form.id_number if id_number is None else id_number,
        phone=form.phone if phone is None else phone,
    )


def reveal_numbers(database: Database, uuid: str) -> FullNumbers:
    """The full numbers, for a role allowed to see them; the display is audited."""
    with database.begin() as session:
        name = session.scalar(select(Member.name).where(Member.uuid == uuid))
    if name is None:
        raise KnownError("该委员档案已不存在（可能已被删除）。", "请刷新列表后再试。")
    operator = require(database, Permission.SHOW_FULL_NUMBERS, f"委员 {name}")
    with database.begin() as session:
        member = session.scalars(select(Member).where(Member.uuid == uuid)).one()
        shown = [
            label
            for label, value in (("身份证号码", member.id_number), ("联系电话", member.phone))
            if value
        ]
        add_entry(
            session,
            operator.label,
            Action.SHOW_FULL_NUMBER,
            f"委员 {member.name}",
            detail="显示完整" + ("、".join(shown) if shown else "号码（均未填写）"),
        )
        return FullNumbers(member.id_number or "", member.phone or "")


def problems_with_stored_numbers(
    database: Database, uuid: str, form: MemberForm, choices: FormChoices | None = None
) -> list[FieldProblem]:
    """form_problems of a masked form as it will be saved: its birth date and sex are
    checked against the stored ID number, which never leaves the service."""
    stored_phone = None
    with database.read() as session:
        member = session.scalars(select(Member).where(Member.uuid == uuid)).one_or_none()
        if member is not None:
            form = with_stored_numbers(form, member)
            stored_phone = member.phone
    return form_problems(form, choices) + phone_problems(form, stored_phone)
