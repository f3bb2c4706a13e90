"""The three printouts drawn by the program itself (签到表, 座签, 参会人员名单): to
a printer through the print preview, or to a PDF file. Neither needs Word or WPS.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QMarginsF
from PySide6.QtGui import QPageLayout, QPageSize, QPainter
from PySide6.QtPrintSupport import QPrinter, QPrintPreviewDialog
from PySide6.QtWidgets import QWidget

from app.common.documents import write_atomically
from app.common.errors import KnownError
from app.consultation.printouts.materials import MeetingMaterials
from ui.common.screen_fit import resize_to_fit
from ui.consultation.printing.attendee_list import draw_attendee_list
from ui.consultation.printing.canvas import Canvas
from ui.consultation.printing.sign_in_sheet import draw_sign_in_sheet
from ui.consultation.printing.table_cards import draw_table_cards


@dataclass(frozen=True)
class Printout:
    key: str
    label: str  # what the clerk reads: 签到表
    landscape: bool
    draw: Callable[[Canvas, MeetingMaterials], int]


SIGN_IN = Printout("sign_in", "签到表", False, lambda c, m: draw_sign_in_sheet(c, m.sign_in))
CARDS = Printout("cards", "座签", True, lambda c, m: draw_table_cards(c, m.cards, m.cards_note))
ATTENDEES = Printout(
    "attendees", "参会人员名单", False, lambda c, m: draw_attendee_list(c, m.attendee_list)
)
PRINTOUTS = (SIGN_IN, CARDS, ATTENDEES)


def set_up_printer(printer: QPrinter, printout: Printout, title: str) -> None:
    """A4 in the printout's orientation; the drawing places everything from the paper's edge."""
    orientation = (
        QPageLayout.Orientation.Landscape
        if printout.landscape
        else QPageLayout.Orientation.Portrait
    )
    printer.setPageLayout(
        QPageLayout(
            QPageSize(QPageSize.PageSizeId.A4),
            orientation,
            QMarginsF(0, 0, 0, 0),
            QPageLayout.Unit.Millimeter,
        )
    )
    printer.setFullPage(True)
    printer.setDocName(f"{title}{printout.label}")


def render(printer: QPrinter, printout: Printout, materials: MeetingMaterials) -> Canvas:
    """Draw the printout on the printer (or preview, or PDF); returns the canvas drawn on."""
    painter = QPainter()
    if not painter.begin(printer):
        raise KnownError(
            f"无法开始打印{printout.label}。",
            "请检查打印机是否已连接并设为默认打印机，或改用“保存为PDF”。",
        )
    try:
        canvas = Canvas(painter, printer.newPage)
        printout.draw(canvas, materials)
    finally:
        painter.end()
    return canvas


def write_pdf(path: Path, printout: Printout, materials: MeetingMaterials) -> Path:
    """The printout as a PDF file, written whole or not at all."""

    def write(temp: Path) -> None:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(temp))
        set_up_printer(printer, printout, materials.title)
        render(printer, printout, materials)

    return write_atomically(Path(path), write)


def preview_dialog(
    parent: QWidget, printout: Printout, materials: MeetingMaterials
) -> QPrintPreviewDialog:
    """Qt's print preview of the printout (its 打印 button prints on the chosen printer)."""
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    set_up_printer(printer, printout, materials.title)
    dialog = QPrintPreviewDialog(printer, parent)
    dialog.setObjectName("printPreview")
    dialog.setWindowTitle(f"打印预览 — {materials.title}{printout.label}")
    dialog.paintRequested.connect(lambda device: render(device, printout, materials))
    dialog.printer = printer  # type: ignore[attr-defined]  # lives as long as the dialog
    resize_to_fit(dialog, 1000, 640)
    return dialog
