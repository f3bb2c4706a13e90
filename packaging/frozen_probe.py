"""Checks that the frozen tree holds what the spec trims around (build checks only).

Run by the frozen executable instead of the program when CPPCC_DESK_FROZEN_PROBE=1
(see entry_frozen.py); packaging/build_linux.sh does so after each build. It exercises
libraries that no smoke-tested screen may use yet (python-docx, openpyxl with lxml and
defusedxml), the resources folder, and the Qt plugins and translations left in.
"""

from __future__ import annotations

import io
import os
import sys
from importlib import resources


class ProbeFailed(Exception):
    pass


def require(condition: object, what: str) -> None:
    if not condition:
        raise ProbeFailed(what)


def check_documents() -> list[str]:
    import defusedxml.ElementTree
    import docx
    import lxml.etree
    import openpyxl
    import openpyxl.xml

    document = docx.Document()
    document.add_paragraph("政协委员提案")
    buffer = io.BytesIO()
    document.save(buffer)
    buffer.seek(0)
    require(docx.Document(buffer).paragraphs[0].text == "政协委员提案", "docx round trip")

    workbook = openpyxl.Workbook()
    workbook.active["A1"] = "承办单位"
    buffer = io.BytesIO()
    workbook.save(buffer)
    buffer.seek(0)
    require(openpyxl.load_workbook(buffer).active["A1"].value == "承办单位", "xlsx round trip")
    # openpyxl silently falls back to unsafe parsing if defusedxml cannot be imported
    require(openpyxl.xml.DEFUSEDXML, "openpyxl does not see defusedxml")
    require(openpyxl.xml.LXML, "openpyxl does not see lxml")
    require(defusedxml.ElementTree.fromstring("<a>1</a>").text == "1", "defusedxml parse")
    import python_calamine  # a compiled extension: the spreadsheet reader

    require(python_calamine.SheetVisibleEnum.Hidden is not None, "python-calamine")
    import orjson  # a compiled extension: reads exchange files' record lines

    require(orjson.loads(b'{"\\u59d4":1}') == {"委": 1}, "orjson")
    return [
        f"python-docx {docx.__version__}",
        f"openpyxl {openpyxl.__version__}",
        "python-calamine",
        "orjson",
        f"lxml {lxml.etree.__version__}",
        "defusedxml",
    ]


def check_resources() -> list[str]:
    root = resources.files("resources")
    names = sorted(
        f"{folder.name}/{item.name}"
        for folder in root.iterdir()
        if folder.is_dir() and folder.name != "__pycache__"
        for item in folder.iterdir()
    )
    require(names, "resources/ is empty")
    return [f"{len(names)} resource files"]


def check_qt() -> list[str]:
    from PySide6.QtCore import QLibraryInfo, QTranslator
    from PySide6.QtGui import QGuiApplication, QIcon, QImageReader

    app = QGuiApplication([sys.argv[0], "-platform", "offscreen"])
    formats = {bytes(f.data()).decode() for f in QImageReader.supportedImageFormats()}
    missing = {"png", "ico", "jpg"} - formats
    require(not missing, f"image formats missing: {missing}")
    found = [f"image formats {sorted(formats)}"]
    svg_icons = [
        i for i in (resources.files("resources") / "icons").iterdir() if i.name.endswith(".svg")
    ]
    if svg_icons:
        require("svg" in formats, "resources hold .svg but the svg image plugin is missing")
        with resources.as_file(svg_icons[0]) as path:
            require(not QIcon(str(path)).pixmap(32, 32).isNull(), f"cannot draw {path}")
        found.append("svg icon drawn")
    translator = QTranslator()
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    require(translator.load("qtbase_zh_CN", folder), f"no qtbase_zh_CN.qm in {folder}")
    found.append("qtbase_zh_CN")
    app.quit()
    return found


def run() -> int:
    found: list[str] = []
    for check in (check_documents, check_resources, check_qt):
        found += check()
    sys.stdout.write(f"frozen probe ok ({os.path.basename(sys.executable)}): {'; '.join(found)}\n")
    return 0
