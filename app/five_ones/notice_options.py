"""What the clerk sets before a 通报 is made: who issues it, its 发文字号, the date,
抄送 and 印发机关, and whether the 考核表 goes with it as 附件. Remembered in the
settings; the command line takes the same as options.
"""

from __future__ import annotations

import enum
import re
from dataclasses import dataclass, replace
from datetime import date

from app.common.errors import KnownError
from app.common.settings import load_settings, save_settings
from app.common.storage import Database
from app.common.text import clean_line, length_problem
from app.office.office import issuer_name


class Attachment(enum.StrEnum):
    APPENDED = "appended"  # 附件：考核表, and the table itself after the signature
    NAMED = "named"  # 附件：考核表 only (the workbook is printed separately)
    NONE = "none"


ATTACHMENT_LABELS = {
    Attachment.APPENDED: "附上考核表（排在通报正文之后）",
    Attachment.NAMED: "只列出附件名称（考核表另行印发）",
    Attachment.NONE: "不列附件",
}
LIMITS = {"issuer": 50, "organ_mark": 40, "number": 40, "printer": 50}
COPY_TO_LIMIT = 300
_COPY_SEPARATORS = re.compile(r"[\n、，,；;]+")
# 〔2025〕 is the only bracket GB/T 9704 allows around the year of a 发文字号.
_YEAR_BRACKETS = re.compile(r"[\[【（(［〔{｛]\s*(\d{4})\s*[\]】）)］〕}｝]")


@dataclass(frozen=True)
class NoticeOptions:
    """Empty texts mean the default: the office's 办公室 issues and prints it, and
    its 发文机关标志 is the issuer followed by 文件."""

    issuer: str = ""  # 发文机关署名
    organ_mark: str = ""  # 发文机关标志 (版头)
    number: str = ""  # 发文字号, e.g. 示政协办发〔2025〕3号
    issued_on: date | None = None  # 成文日期 and 印发日期; None: the day it is made
    copy_to: tuple[str, ...] = ()  # 抄送机关
    printer: str = ""  # 印发机关
    attachment: Attachment = Attachment.APPENDED

    def resolved(self, office_name: str, today: date) -> NoticeOptions:
        """Every default filled in."""
        issuer = self.issuer or issuer_name(office_name)
        return replace(
            self,
            issuer=issuer,
            organ_mark=self.organ_mark or f"{issuer}文件",
            issued_on=self.issued_on or today,
            printer=self.printer or issuer,
        )


def split_copy_to(text: str) -> tuple[str, ...]:
    """Offices as typed: one a line, or separated by 、，；."""
    names = (clean_line(n).strip("。. ") for n in _COPY_SEPARATORS.split(text))
    return tuple(dict.fromkeys(n for n in names if n))


def clean_options(options: NoticeOptions) -> NoticeOptions:
    """Control characters out and trimmed; the year of the 发文字号 in 〔〕; too long
    a text is a KnownError naming the field."""
    cleaned = replace(
        options,
        issuer=clean_line(options.issuer),
        organ_mark=clean_line(options.organ_mark),
        number=_YEAR_BRACKETS.sub(r"〔\1〕", clean_line(options.number)),
        copy_to=split_copy_to("\n".join(options.copy_to)),
        printer=clean_line(options.printer),
    )
    labels = {"issuer": "发文机关", "organ_mark": "发文机关标志", "number": "发文字号"}
    labels["printer"] = "印发机关"
    problems = [
        length_problem(getattr(cleaned, field), limit, labels[field])
        for field, limit in LIMITS.items()
    ]
    problems.append(length_problem("，".join(cleaned.copy_to), COPY_TO_LIMIT, "抄送"))
    found = [p for p in problems if p]
    if found:
        raise KnownError("通报设置未保存：" + "；".join(found) + "。", "请缩短后再试。")
    return cleaned


def load_notice_options(database: Database, today: date | None = None) -> NoticeOptions:
    """What the clerk set last time. A date set ahead (印发 next Monday) is kept;
    one that has passed gives way to the day the notice is made."""
    settings = load_settings(database)
    today = today or date.today()
    try:
        issued_on: date | None = date.fromisoformat(settings.notice_date)
    except ValueError:
        issued_on = None
    try:
        attachment = Attachment(settings.notice_attachment)
    except ValueError:
        attachment = Attachment.APPENDED
    return NoticeOptions(
        issuer=settings.notice_issuer,
        organ_mark=settings.notice_organ_mark,
        number=settings.notice_number,
        issued_on=issued_on if issued_on is not None and issued_on >= today else None,
        copy_to=split_copy_to(settings.notice_copy_to),
        printer=settings.notice_printer,
        attachment=attachment,
    )


def save_notice_options(database: Database, options: NoticeOptions) -> NoticeOptions:
    """Remember the (cleaned) options for next time; returns them."""
    options = clean_options(options)
    settings = load_settings(database)
    save_settings(
        database,
        replace(
            settings,
            notice_issuer=options.issuer,
            notice_organ_mark=options.organ_mark,
            notice_number=options.number,
            notice_date=options.issued_on.isoformat() if options.issued_on else "",
            notice_copy_to="\n".join(options.copy_to),
            notice_printer=options.printer,
            notice_attachment=str(options.attachment),
        ),
    )
    return options
