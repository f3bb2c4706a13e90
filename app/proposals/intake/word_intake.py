"""Bulk intake from Word files: a folder of 提案表 (.docx) read into drafts.

At a plenary members hand in a hundred or more proposals as Word files. Each
file becomes a draft the clerk confirms one by one: fields are recognised from
the form's labels, in paragraphs (案由：关于……) or table cells (案由 | 关于……),
with full-width colons and spaces (案　　由：); the body (提案内容, or 情况分析 and
具体建议) is kept. A file that cannot be read is named with the reason, and
one bad file never stops the batch. 联系电话 and 通讯地址 are recognised but
not kept: personal data stays on the paper form.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from itertools import chain
from pathlib import Path

from docx import Document
from docx.opc.exceptions import PackageNotFoundError
from docx.oxml.ns import qn
from docx.table import Table
from docx.text.paragraph import Paragraph
from lxml.etree import XMLSyntaxError

from app.common.audit import Action as AuditAction
from app.common.audit import audited
from app.common.errors import KnownError
from app.common.jobs import Progress
from app.common.operator import current_operator
from app.common.sheets.guards import SheetFileProblem, TooBig, Unsafe
from app.common.sheets.reader import DateProblem, parse_date
from app.common.sheets.zip_parts import read_zip
from app.common.storage import Database
from app.common.text import clean_text
from app.proposals.attachments import add_attachment_row, store_file
from app.proposals.intake.intake import (
    IntakeChoices,
    ProposalForm,
    SignerInput,
    add_in_session,
    checked_for,
    intake_choices,
)
from app.proposals.intake.word_fields import (
    SECTIONS,
    checked_choice,
    line_fields,
    names,
    stated_year,
    table_fields,
)
from app.proposals.labels import AttachmentPurpose, SubmitterKind
from app.proposals.settings import load_proposal_settings

SECTION_HEADINGS = {"analysis": "情况分析", "suggestions": "具体建议"}
_OLE_MAGIC = b"\xd0\xcf\x11\xe0"
# A 提案表 is a few pages, with photos a few MB. Past these it is no form (or a zip
# bomb): python-docx would inflate every part into memory and parse all its XML.
MAX_WORD_BYTES = 50 * 1024 * 1024
MAX_WORD_XML_BYTES = 32 * 1024 * 1024  # the document's XML parts, inflated


@dataclass(frozen=True)
class ProposalDraft:
    """What one Word file says; the clerk checks it before it is registered."""

    path: Path
    title: str
    proposer: str
    co_signers: tuple[str, ...]
    category: str
    submitted_on: date | None
    body: str
    notes: tuple[str, ...] = ()  # what could not be recognised
    stated_year: int | None = None  # in its 年度/届次 field or its heading (2025年…会议提案)

    @property
    def file_name(self) -> str:
        return self.path.name


@dataclass(frozen=True)
class UnreadableFile:
    path: Path
    reason: str


@dataclass(frozen=True)
class WordBatch:
    drafts: tuple[ProposalDraft, ...]
    failed: tuple[UnreadableFile, ...] = field(default=())

    @property
    def summary(self) -> str:
        text = f"读取 Word 文件 {len(self.drafts)} 份"
        if self.failed:
            text += f"，{len(self.failed)} 份无法读取"
        return text


# --- reading ------------------------------------------------------------------------


def read_word_folder(folder: Path, progress: Progress | None = None) -> WordBatch:
    """Every .docx in the folder (not its subfolders), by file name."""
    folder = Path(folder)
    if folder.exists() and not folder.is_dir():  # one form picked instead of its folder
        raise KnownError(
            f"“{folder}”是一个文件，不是文件夹。",
            "请选择存放提案 Word 文件（.docx）的文件夹，不要选其中的某一个文件。",
        )
    if not folder.is_dir():
        raise KnownError(f"找不到文件夹“{folder}”。", "请重新选择存放提案 Word 文件的文件夹。")
    files = sorted(
        p
        for p in folder.iterdir()
        if p.is_file()
        and p.suffix.lower() in (".docx", ".doc", ".wps")
        and not p.name.startswith(("~$", "."))
    )
    drafts, failed = [], []
    for done, path in enumerate(files, start=1):
        if progress is not None:
            progress.report(done, len(files), f"正在读取 {path.name}…")
        try:
            drafts.append(read_word_file(path))
        except KnownError as exc:
            failed.append(UnreadableFile(path, exc.what))
    return WordBatch(tuple(drafts), tuple(failed))


def read_word_file(path: Path) -> ProposalDraft:
    """One 提案表; KnownError (what = the reason) when it cannot be read as one."""
    path = Path(path)
    document = _open(path)
    fields: dict[str, list[str]] = {}
    try:
        for label, value in _labelled(document):
            fields.setdefault(label, []).append(value)
    except (ValueError, IndexError, KeyError, AttributeError, TypeError) as exc:
        # A part python-docx opened but cannot walk: no body, a merge that starts
        # nowhere, a number that is none (gridSpan="abc"). One file, not the batch.
        raise KnownError(f"“{path.name}”已损坏或不是 Word 文件（.docx），无法读取") from exc
    if not any(fields.get(k) for k in ("title", "proposer", "content", "analysis")):
        raise KnownError(f"“{path.name}”中没有找到提案表的栏目（案由、提案人、提案内容等）")
    notes = []
    title = _first(fields, "title") or _title_line(document)
    if not title:
        notes.append("没有找到案由")
    signers = names(_first(fields, "proposer"))
    if not signers:
        notes.append("没有找到提案人")
    submitted_on = None
    if date_text := _first(fields, "date"):
        try:
            parsed = parse_date(date_text)
            submitted_on = parsed[0] if parsed else None
        except DateProblem as exc:
            notes.append(f"提交日期：{exc}")
    year_text = _first(fields, "year") or _heading(document)
    return ProposalDraft(
        stated_year=stated_year(year_text),
        path=path,
        title=title,
        proposer=signers[0] if signers else "",
        co_signers=signers[1:]
        + tuple(chain.from_iterable(map(names, fields.get("co_signers", [])))),
        category=checked_choice(_first(fields, "category")),
        submitted_on=submitted_on,
        body=_body(fields),
        notes=tuple(notes),
    )


def _open(path: Path):
    """The document, read through the zip checks the spreadsheets pass (bounded inflating,
    no entity declarations), then from that checked copy."""
    try:
        if path.stat().st_size > MAX_WORD_BYTES:
            raise _too_big(path)
        content = path.read_bytes()
    except OSError as exc:
        raise KnownError(f"无法打开“{path.name}”：{exc.strerror or exc}") from exc
    if not content.strip(b"\0"):  # nothing at all, or zeros: a copy that never finished
        raise KnownError(
            f"“{path.name}”是空文件，没有可读的内容（可能没有复制完整）。请从原处重新复制，"
            "或在 Word、WPS 中打开原件另存为 .docx 后再选择"
        )
    if content.startswith(_OLE_MAGIC):
        raise KnownError(
            f"“{path.name}”是旧版 Word（.doc/.wps）文件或已加密，请在 Word 或 WPS 中另存为 .docx"
        )
    try:
        parts = read_zip(content)
        with zipfile.ZipFile(io.BytesIO(parts.stored)) as archive:
            xml = sum(
                e.file_size for e in archive.infolist() if e.filename.endswith((".xml", ".rels"))
            )
        if xml > MAX_WORD_XML_BYTES:
            raise TooBig("xml")
        return Document(io.BytesIO(parts.stored))
    except TooBig as exc:
        raise _too_big(path) from exc
    except Unsafe as exc:
        raise KnownError(
            f"“{path.name}”中含有正常 Word 文件不会有的 XML 声明，为安全起见不予读取"
        ) from exc
    except (
        SheetFileProblem,
        PackageNotFoundError,
        zipfile.BadZipFile,
        KeyError,
        ValueError,
        XMLSyntaxError,
    ) as exc:
        raise KnownError(f"“{path.name}”已损坏或不是 Word 文件（.docx），无法读取") from exc


def _too_big(path: Path) -> KnownError:
    return KnownError(
        f"“{path.name}”过大（超过 {MAX_WORD_BYTES // 1024 // 1024} MB，或解压后内容异常地多），"
        "不像是一份提案表"
    )


def _blocks(document) -> Iterator[Paragraph | Table]:
    """Paragraphs and tables in document order."""
    body = document.element.body
    for child in body.iterchildren():
        if child.tag == qn("w:p"):
            yield Paragraph(child, document._body)
        elif child.tag == qn("w:tbl"):
            yield Table(child, document._body)


def _labelled(document) -> Iterator[tuple[str, str]]:
    """(field, text) pairs from label paragraphs and table cells, in order."""
    current: str | None = None  # a label whose value runs on in the paragraphs below
    for block in _blocks(document):
        if isinstance(block, Table):
            current = None
            yield from table_fields(block)
            continue
        text = block.text.strip()
        if not text:
            continue
        fields = line_fields(text)
        if fields[0][0] is None:
            if current is not None:
                yield current, text
            continue
        for name, value in fields:
            current = name if name in SECTIONS else None
            if value:
                yield name, value


def _first(fields: dict[str, list[str]], name: str) -> str:
    values = [clean_text(v) for v in fields.get(name, []) if clean_text(v)]
    return values[0] if values else ""


def _heading(document) -> str:
    """The lines above the form's first field (示范县政协2025年第五次会议提案表)."""
    lines = []
    for block in _blocks(document):
        if isinstance(block, Table):
            break
        text = clean_text(block.text)
        if line_fields(text)[0][0] is not None:
            break
        if len(text) <= 60:
            lines.append(text)
    return " ".join(lines)


def _title_line(document) -> str:
    for paragraph in document.paragraphs:
        text = clean_text(paragraph.text)
        if text.startswith("关于") and len(text) <= 80:
            return text
    return ""


def _body(fields: dict[str, list[str]]) -> str:
    parts = []
    if fields.get("content"):
        parts.append("\n".join(fields["content"]).strip())
    for name in ("analysis", "suggestions"):
        if fields.get(name):
            parts.append(SECTION_HEADINGS[name] + "：\n" + "\n".join(fields[name]).strip())
    return "\n\n".join(p for p in parts if p)


# --- from draft to proposal --------------------------------------------------------------


def draft_form(
    draft: ProposalDraft,
    choices: IntakeChoices,
    session_uuid: str | None = None,
    year: int | None = None,
) -> tuple[ProposalForm, tuple[str, ...]]:
    """The intake form a draft fills in, with notes for the clerk (names kept as text …).
    `year`: the year it goes in by when not in a session (default: the form's own)."""
    by_name: dict[str, list[str]] = {}
    for member in choices.members:
        by_name.setdefault(member.name, []).append(member.uuid)
    notes = list(draft.notes)
    signers = []
    for name in (draft.proposer, *draft.co_signers):
        if not name:
            continue
        found = by_name.get(name, [])
        if len(found) == 1:
            signers.append(SignerInput(name, found[0]))
        else:
            why = "不在本届委员名单中" if not found else f"有 {len(found)} 位同名委员"
            notes.append(f"“{name}”{why}，请核对（暂按文字保存）")
            signers.append(SignerInput(name))
    # 经济类 and 经济类提案 are how members write the category 经济
    category = next(
        (
            c
            for c in (draft.category, draft.category.removesuffix("提案").removesuffix("类"))
            if c in choices.categories
        ),
        "",
    )
    if draft.category and not category:
        notes.append(f"类别“{draft.category}”不在基础名录中，请重新选择")
    # Not in a plenary session (按年度编号): the year the form states, else its date's; the
    # year box would otherwise start at this year, and a 2024 form be numbered in 2026.
    if session_uuid is not None:
        year = None
    elif year is None:
        year = draft.stated_year or (draft.submitted_on.year if draft.submitted_on else None)
    notes.extend(_year_notes(draft, choices, session_uuid, year))
    kind = SubmitterKind.JOINT if len(signers) > 1 else SubmitterKind.INDIVIDUAL
    form = ProposalForm(
        title=draft.title,
        body=draft.body,
        submitter_kind=kind,
        signers=tuple(signers),
        session_uuid=session_uuid,
        year=year,
        category=category,
        submitted_on=draft.submitted_on,
    )
    return form, tuple(notes)


def _year_notes(
    draft: ProposalDraft, choices: IntakeChoices, session_uuid: str | None, year: int | None
) -> list[str]:
    """请注意 lines, not refusals: a date the form lacks, a year it is not going into
    (the session's, or `year` when it goes in by year)."""
    today = date.today()
    notes = []
    if draft.submitted_on is None:
        notes.append(
            f"请注意：提案表中没有可用的提交日期，登记表中已按今天（{today:%Y-%m-%d}）填写，"
            "请按原件核对。"
        )
    session = next((s for s in choices.sessions if s.uuid == session_uuid), None)
    by_year = year or today.year
    into = (session.label, session.year) if session else (f"{by_year}年度", by_year)
    said = []
    if draft.submitted_on is not None and draft.submitted_on.year != into[1]:
        said.append(f"提交日期为 {draft.submitted_on:%Y-%m-%d}")
    if draft.stated_year is not None and draft.stated_year != into[1]:
        said.append(f"写明 {draft.stated_year} 年")
    if said:
        notes.append(
            f"请注意：这份提案表{'，'.join(said)}，与登记到的{into[0]}不是同一年，"
            "请核对所属会议（年度）。"
        )
    return notes


def form_for_draft(
    database: Database, draft: ProposalDraft, session_uuid: str | None = None
) -> tuple[ProposalForm, tuple[str, ...]]:
    return draft_form(draft, intake_choices(database), session_uuid)


def notes_for_draft(
    database: Database, draft: ProposalDraft, session_uuid: str | None, year: int | None
) -> tuple[str, ...]:
    """The notes again, once the clerk has picked another session or year in the form:
    a year note about the session first offered would otherwise stay on screen."""
    return draft_form(draft, intake_choices(database), session_uuid, year)[1]


def confirm_draft(database: Database, draft: ProposalDraft, form: ProposalForm) -> str:
    """Register the confirmed form with the Word file attached as the original, in one go
    (in the audit trail as an import of that file)."""
    with audited(database, AuditAction.IMPORT, str(draft.path)) as note:
        form = checked_for(database, form)
        sha256, size = store_file(database, draft.path)
        settings = load_proposal_settings(database)
        operator = current_operator(database)
        with database.begin() as session:
            proposal = add_in_session(
                session, form, settings, operator, how=f"（从 Word 文件“{draft.file_name}”）"
            )
            add_attachment_row(
                session, proposal, AttachmentPurpose.ORIGINAL, sha256, draft.file_name, size
            )
            note.detail = f"提案表：登记为 {proposal.number}"
            uuid = proposal.uuid
    return uuid
