"""The plan, previewed before it is written: export it as PDF, HTML, Markdown, a calendar or a
session bundle, or print it. The file and print dialogs sit behind `ask()` methods that tests
replace.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QStandardPaths, QUrl
from PySide6.QtGui import QDesktopServices, QPageSize
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from ui.text import plain

CHOICES = (
    ("pdf", "PDF document (to print or sign)", False),
    ("html", "Web page (HTML)", False),
    ("md", "Plain text (Markdown)", False),
    ("ics", "Calendar dates (iCalendar)", False),
    ("json", "Session archive, shared content only (JSON)", True),
    ("json", "Full session archive with private notes (JSON)", False),
)
FILTERS = {"pdf": "PDF (*.pdf)", "html": "Web page (*.html)", "md": "Markdown (*.md)",
           "ics": "Calendar (*.ics)", "json": "Session bundle (*.json)"}


class SaveDialog:
    @classmethod
    def ask(cls, parent: QWidget, suggested: str, fmt: str) -> str | None:
        """Where to write; None when cancelled. Tests replace this."""
        path, _ = QFileDialog.getSaveFileName(parent, "Export the plan", suggested, FILTERS[fmt])
        return path or None


class PrintDialog:
    @classmethod
    def ask(cls, printer, parent: QWidget) -> bool:
        """Qt's print dialog for `printer`; True when the person chose to print."""
        from PySide6.QtPrintSupport import QPrintDialog

        return QPrintDialog(printer, parent).exec() == QDialog.DialogCode.Accepted


class PlanDialog(QDialog):
    def __init__(self, presenter, parent: QWidget | None = None):
        super().__init__(parent)
        self.presenter = presenter
        self.setWindowTitle("The plan — Facilitator")
        self.resize(820, 760)
        layout = QVBoxLayout(self)
        intro = QLabel("This is the plan as it will be written. Private notes and screening "
                       "answers are never part of it.", self)
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.preview = QTextBrowser(self)
        self.preview.setAccessibleName("Preview of the plan")
        self.preview.setOpenLinks(False)
        layout.addWidget(self.preview, 1)
        row = QHBoxLayout()
        label = QLabel("&Format", self)
        self.format = QComboBox(self)
        self.format.setAccessibleName("Export format")
        for fmt, text, shared_only in CHOICES:
            self.format.addItem(text, (fmt, shared_only))
        label.setBuddy(self.format)
        row.addWidget(label)
        row.addWidget(self.format, 1)
        self.page_size = QComboBox(self)
        self.page_size.setAccessibleName("Paper size")
        self.page_size.addItem("A4", "a4")
        self.page_size.addItem("Letter", "letter")
        from facilitator.pdf import default_page_size

        letter = default_page_size() == QPageSize.PageSizeId.Letter
        self.page_size.setCurrentIndex(1 if letter else 0)  # from the locale, changeable
        row.addWidget(self.page_size)
        self.open_after = QCheckBox("&Open it afterwards", self)
        self.open_after.setChecked(True)
        row.addWidget(self.open_after)
        layout.addLayout(row)
        self.message = plain(role="hint", parent=self)
        layout.addWidget(self.message)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        self.print_button = QPushButton("&Print…", self)
        self.print_button.clicked.connect(self._on_print_button_clicked)
        buttons.addWidget(self.print_button)
        self.export_button = QPushButton("&Export…", self)
        self.export_button.setDefault(True)
        self.export_button.clicked.connect(self._on_export_button_clicked)
        buttons.addWidget(self.export_button)
        close = QPushButton("&Close", self)
        close.clicked.connect(self.accept)
        buttons.addWidget(close)
        layout.addLayout(buttons)
        self.preview.setHtml(presenter.plan_html())
        self.written: list[str] = []

    @classmethod
    def ask(cls, presenter, parent: QWidget | None = None) -> None:
        cls(presenter, parent).exec()

    def choice(self) -> tuple[str, bool]:
        return self.format.currentData()

    def suggested_path(self, fmt: str) -> str:
        folder = QStandardPaths.writableLocation(
            QStandardPaths.StandardLocation.DocumentsLocation) or str(Path.home())
        title = "".join(c if c.isalnum() or c in " -_" else " " for c in
                        self.presenter.session.title).strip()[:60] or "plan"
        return str(Path(folder) / f"{title} - plan.{fmt}")

    def export_to(self, path: str) -> bool:
        fmt, shared_only = self.choice()
        problem = self.presenter.export(fmt, path, shared_only=shared_only,
                                        page_size=self.page_size.currentData())
        if problem:
            self.message.setText(problem)
            return False
        self.written.append(path)
        self.message.setText(f"Written: {path}")
        if self.open_after.isChecked() and fmt in ("pdf", "html", "md"):
            self.open_file(path)
        return True

    def open_file(self, path: str) -> None:
        """Show the file in the system's viewer (a local file; nothing leaves the machine)."""
        QDesktopServices.openUrl(QUrl.fromLocalFile(path))

    def _on_export_button_clicked(self) -> None:
        fmt, _ = self.choice()
        path = SaveDialog.ask(self, self.suggested_path(fmt), fmt)
        if path:
            self.export_to(path)

    def _on_print_button_clicked(self) -> None:
        from PySide6.QtPrintSupport import QPrinter

        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setDocName(self.presenter.session.title)
        if PrintDialog.ask(printer, self):
            self.presenter.print_plan(printer)
            self.message.setText("Sent to the printer.")
