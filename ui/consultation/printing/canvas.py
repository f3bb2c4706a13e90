"""Drawing printed pages in millimetres with QPainter, on any paint device: a QPrinter
(the printer, the print preview, a PDF file) or a QPicture.

The printouts place everything themselves (full-page mode, no printer margins), so
a page looks the same on every printer, with or without Word or WPS. The canvas
also keeps the text it drew, page by page: what the tests read back.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPen

# Each list: the office fonts first (Windows names), then what Linux desktops and the
# tests have; QFont takes the first one installed.
HEI = ("黑体", "SimHei", "Microsoft YaHei", "Noto Sans CJK SC", "WenQuanYi Zen Hei")
SONG = ("宋体", "SimSun", "Noto Serif CJK SC", "Noto Sans CJK SC", "WenQuanYi Zen Hei")
FANG = ("仿宋_GB2312", "仿宋", "FangSong", "Noto Serif CJK SC", "Noto Sans CJK SC")
MM_PER_INCH = 25.4
CENTRE = Qt.AlignmentFlag.AlignCenter
LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
WRAP = Qt.TextFlag.TextWordWrap


def font(families: tuple[str, ...], points: float, bold: bool = False) -> QFont:
    chosen = QFont()
    chosen.setFamilies(list(families))
    chosen.setPointSizeF(points)
    chosen.setBold(bold)
    return chosen


@dataclass(frozen=True)
class DrawnText:
    """A text as drawn: where (millimetres), how large, and whether turned 180°."""

    text: str
    x: float
    y: float  # the top of its box, or its baseline for a line drawn on one
    width: float
    height: float
    points: float
    turned: bool = False


@dataclass(frozen=True)
class PageSize:
    width: float  # millimetres
    height: float


A4_PORTRAIT = PageSize(210.0, 297.0)
A4_LANDSCAPE = PageSize(297.0, 210.0)


class Canvas:
    """A painter that speaks millimetres from the paper's top left corner."""

    def __init__(self, painter: QPainter, new_page: Callable[[], object]) -> None:
        self.painter = painter
        self._new_page = new_page
        device = painter.device()
        self.dots_per_mm = device.logicalDpiX() / MM_PER_INCH
        self.drawn: list[list[DrawnText]] = [[]]  # what was drawn on each page
        self._turned = False

    @property
    def pages(self) -> list[list[str]]:
        """The text drawn on each page, in drawing order."""
        return [[item.text for item in page] for page in self.drawn]

    def next_page(self) -> None:
        self._new_page()
        self.drawn.append([])

    def _keep(self, text: str, box: tuple[float, float, float, float], chosen: QFont) -> None:
        self.drawn[-1].append(DrawnText(text, *box, chosen.pointSizeF(), self._turned))

    def px(self, mm: float) -> float:
        return mm * self.dots_per_mm

    def rect(self, x: float, y: float, width: float, height: float) -> QRectF:
        return QRectF(self.px(x), self.px(y), self.px(width), self.px(height))

    # --- measuring -------------------------------------------------------------

    def metrics(self, chosen: QFont) -> QFontMetricsF:
        return QFontMetricsF(chosen, self.painter.device())

    def text_width(self, text: str, chosen: QFont) -> float:
        """Millimetres the text takes on one line."""
        return self.metrics(chosen).horizontalAdvance(text) / self.dots_per_mm

    def text_height(self, text: str, chosen: QFont, width: float) -> float:
        """Millimetres the text takes, wrapped to `width` millimetres."""
        bounds = self.metrics(chosen).boundingRect(
            QRectF(0, 0, self.px(width), 1e6), int(WRAP | Qt.AlignmentFlag.AlignLeft), text
        )
        return bounds.height() / self.dots_per_mm

    def fitting(self, text: str, chosen: QFont, width: float, smallest: float = 7.0) -> QFont:
        """The font made smaller (not below `smallest` pt) until the text fits on one line."""
        fitted = QFont(chosen)
        while self.text_width(text, fitted) > width and fitted.pointSizeF() > smallest:
            fitted.setPointSizeF(max(smallest, fitted.pointSizeF() - 0.5))
        return fitted

    # --- drawing ---------------------------------------------------------------

    def text(
        self,
        box: tuple[float, float, float, float],
        text: str,
        chosen: QFont,
        flags: Qt.AlignmentFlag | int = CENTRE,
        colour: str = "#000000",
    ) -> None:
        if not text:
            return
        self.painter.setFont(chosen)
        self.painter.setPen(QColor(colour))
        self.painter.drawText(self.rect(*box), int(flags), text)
        self._keep(text, box, chosen)

    def line(
        self,
        start: tuple[float, float],
        end: tuple[float, float],
        width: float = 0.3,
        colour: str = "#000000",
        dashed: bool = False,
    ) -> None:
        pen = QPen(QColor(colour))
        pen.setWidthF(self.px(width))
        if dashed:
            pen.setStyle(Qt.PenStyle.DashLine)
        self.painter.setPen(pen)
        self.painter.drawLine(
            QPointF(self.px(start[0]), self.px(start[1])), QPointF(self.px(end[0]), self.px(end[1]))
        )

    def glyph_height(self, text: str, chosen: QFont) -> tuple[float, float]:
        """(above, below) the baseline the glyphs reach, in millimetres."""
        bounds = self.metrics(chosen).tightBoundingRect(text)
        return -bounds.top() / self.dots_per_mm, bounds.bottom() / self.dots_per_mm

    def text_on_baseline(self, x: float, baseline: float, text: str, chosen: QFont) -> None:
        """One line of text starting at `x` on the given baseline (the 座签' big names)."""
        self.painter.setFont(chosen)
        self.painter.setPen(QColor("#000000"))
        self.painter.drawText(QPointF(self.px(x), self.px(baseline)), text)
        self._keep(text, (x, baseline, self.text_width(text, chosen), 0.0), chosen)

    def fill(self, box: tuple[float, float, float, float], colour: str) -> None:
        self.painter.fillRect(self.rect(*box), QColor(colour))

    @contextmanager
    def turned(self, page: PageSize) -> Iterator[None]:
        """Draw turned 180° about the page's centre (the far face of a folded card)."""
        self.painter.save()
        self.painter.translate(self.px(page.width / 2), self.px(page.height / 2))
        self.painter.rotate(180)
        self.painter.translate(-self.px(page.width / 2), -self.px(page.height / 2))
        self._turned = True
        try:
            yield
        finally:
            self._turned = False
            self.painter.restore()
