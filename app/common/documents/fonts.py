"""Fallback fonts for the official faces, declared in a document's font table.

The GB/T 9704 faces (方正小标宋简体, 仿宋_GB2312, 楷体_GB2312) are often missing
on an office PC: Windows ships 宋体, 仿宋, 楷体 and 黑体 instead. Word and WPS
look for a missing font's w:altName names before substituting by metrics
(ECMA-376 §17.8.3.1), so naming the Windows faces there makes a file print
in the nearest face instead of whatever the word processor picks. The
panose/charset data (GB2312 = 86) steer the metric substitution too.
"""

from __future__ import annotations

from docx.document import Document as DocxDocument
from docx.opc.constants import RELATIONSHIP_TYPE
from lxml import etree

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"

# name → (alternative names, Windows-first; family; panose-1 of the first alternative)
FALLBACKS: dict[str, tuple[str, str, str]] = {
    "方正小标宋简体": ("华文中宋,宋体,SimSun", "roman", "02010600030101010101"),
    "仿宋_GB2312": ("仿宋,FangSong", "modern", "02010609060101010101"),
    "楷体_GB2312": ("楷体,KaiTi", "modern", "02010609060101010101"),
    "黑体": ("SimHei", "modern", "02010609060101010101"),
    "宋体": ("SimSun", "roman", "02010600030101010101"),
    "仿宋": ("FangSong,仿宋_GB2312", "modern", "02010609060101010101"),
    "楷体": ("KaiTi,楷体_GB2312", "modern", "02010609060101010101"),
}


_PARSER = etree.XMLParser(resolve_entities=False, no_network=True)


def declare_fallbacks(document: DocxDocument) -> None:
    """Add (or complete) the font-table entries of the Chinese faces, with their fallbacks."""
    part = next(
        rel.target_part
        for rel in document.part.rels.values()
        if rel.reltype == RELATIONSHIP_TYPE.FONT_TABLE
    )
    root = etree.fromstring(part.blob, _PARSER)
    for name, (alternatives, family, panose) in FALLBACKS.items():
        font = root.find(f"{{{W}}}font[@{{{W}}}name='{name}']")
        if font is None:
            font = etree.SubElement(root, f"{{{W}}}font", {f"{{{W}}}name": name})
        for child in list(font):
            font.remove(child)
        # Schema order: altName, panose1, charset, family, pitch.
        for tag, value in (
            ("altName", alternatives),
            ("panose1", panose),
            ("charset", "86"),
            ("family", family),
            ("pitch", "variable"),
        ):
            etree.SubElement(font, f"{{{W}}}{tag}", {f"{{{W}}}val": value})
    part._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def fallback_names(font_table: bytes) -> dict[str, str]:
    """name → altName of a saved font table (for tests and checks)."""
    root = etree.fromstring(font_table, _PARSER)
    found = {}
    for font in root.findall(f"{{{W}}}font"):
        alt = font.find(f"{{{W}}}altName")
        if alt is not None:
            found[font.get(f"{{{W}}}name")] = alt.get(f"{{{W}}}val")
    return found
