"""HTML to PDF with Qt's own text engine: QTextDocument lays the plan out, QPdfWriter writes
it, page by page, with a header (the title) and a footer (page N of M). No browser engine.

The only module of the core that uses Qt (QtGui, never QtWidgets). It needs a
QGuiApplication; from the command line one is made on the offscreen platform.
"""

from __future__ import annotations

import os

from PySide6.QtCore import QLocale, QMarginsF, QRectF, QSizeF, Qt
from PySide6.QtGui import (
    QFont,
    QGuiApplication,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
    QTextDocument,
)

PAGE_SIZES = {"a4": QPageSize.PageSizeId.A4, "letter": QPageSize.PageSizeId.Letter}
RESOLUTION = 300  # dots per inch for layout; text stays vector and selectable
MARGINS_MM = QMarginsF(18, 20, 18, 18)
HEADER_MM = 8  # room above the text for the running title
FOOTER_MM = 8  # room below it for the page numbers


def ensure_gui() -> QGuiApplication:
    """A QGuiApplication for fonts and painting; offscreen when there is none yet."""
    app = QGuiApplication.instance()
    if app is None:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        app = QGuiApplication(["facilitator"])
    return app


def default_page_size() -> QPageSize.PageSizeId:
    """Letter where the locale measures in inches (US), A4 everywhere else."""
    imperial = QLocale.system().measurementSystem() == QLocale.MeasurementSystem.ImperialUSSystem
    return QPageSize.PageSizeId.Letter if imperial else QPageSize.PageSizeId.A4


def write_pdf(html: str, path: str, title: str,
              page_size: QPageSize.PageSizeId | None = None) -> int:
    """Write `html` as a PDF at `path`; returns the number of pages."""
    from .render import visible_controls

    ensure_gui()
    title = visible_controls(title)
    writer = QPdfWriter(path)
    writer.setTitle(title)
    writer.setCreator("Facilitator")
    writer.setResolution(RESOLUTION)
    layout = QPageLayout(QPageSize(page_size or default_page_size()),
                         QPageLayout.Orientation.Portrait, MARGINS_MM,
                         QPageLayout.Unit.Millimeter)
    writer.setPageLayout(layout)
    return paint(writer, html, title)


def paint(device, html: str, title: str) -> int:
    """Lay `html` out on the pages of `device` (a QPdfWriter or a QPrinter)."""
    from .render import visible_controls

    title = visible_controls(title)
    dots = device.resolution() / 25.4  # device pixels per millimetre
    page = device.pageLayout().paintRectPixels(device.resolution())
    header, footer = HEADER_MM * dots, FOOTER_MM * dots
    body = QRectF(0, 0, page.width(), page.height() - header - footer)
    document = QTextDocument()
    document.documentLayout().setPaintDevice(device)
    base = QFont("DejaVu Sans")
    base.setStyleHint(QFont.StyleHint.SansSerif)
    base.setPointSizeF(10.5)
    document.setDefaultFont(base)
    document.setHtml(html)
    document.setPageSize(QSizeF(body.width(), body.height()))
    pages = document.pageCount()
    small = QFont(base)
    small.setPointSizeF(8.5)
    painter = QPainter(device)
    try:
        for number in range(pages):
            if number:
                device.newPage()
            painter.save()
            painter.setFont(small)
            painter.setPen(Qt.GlobalColor.darkGray)
            painter.drawText(QRectF(0, 0, body.width(), header * 0.8),
                             Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop, title)
            painter.drawText(QRectF(0, page.height() - footer * 0.8, body.width(), footer * 0.8),
                             Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignBottom,
                             f"Page {number + 1} of {pages}")
            painter.translate(0, header - number * body.height())
            document.drawContents(painter, QRectF(0, number * body.height(), body.width(),
                                                  body.height()))
            painter.restore()
    finally:
        painter.end()
    return pages
