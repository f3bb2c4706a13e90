"""The forms the office hands out: 考核表 (xlsx), 通报 and 履职档案 (docx).

Each writer takes plain results from a service and a path, writes the whole
file beside the target and renames it into place (app.documents.write_atomically).
"""

from __future__ import annotations


def issuer_name(office_name: str) -> str:
    """The office that signs a 通报: 示范县政协 → 示范县政协办公室."""
    return office_name if office_name.endswith("办公室") else f"{office_name}办公室"


def percent(part: int, whole: int) -> str:
    """86.7%, 100%, 0%; a share of nobody is shown as —."""
    if whole == 0:
        return "—"
    share = part * 100 / whole
    return f"{share:.0f}%" if share == round(share) else f"{share:.1f}%"
