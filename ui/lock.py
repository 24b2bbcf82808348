"""Locking: the unlock dialog at launch, the cover that hides every word on screen (Ctrl+L,
or after a quiet spell), and the idle watch that triggers it.

The cover asks for the passphrase again when the store is encrypted; otherwise it is a screen
to hide behind when someone walks in.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtGui import QCursor
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ui.text import plain

IDLE_MINUTES = 10
Check = Callable[[str], str | None]  # a passphrase -> a problem in words, or None when right


class UnlockDialog(QDialog):
    """Asks for the passphrase until `check` accepts it, or the person gives up."""

    def __init__(self, check: Check, parent: QWidget | None = None):
        super().__init__(parent)
        self.check = check
        self.passphrase: str | None = None
        self.setWindowTitle("Unlock — Facilitator")
        layout = QVBoxLayout(self)
        layout.addWidget(plain("Your conversations are protected with a passphrase.",
                               "heading", self))
        label = QLabel("&Passphrase", self)
        self.field = QLineEdit(self)
        self.field.setEchoMode(QLineEdit.EchoMode.Password)
        self.field.setAccessibleName("Passphrase")
        label.setBuddy(self.field)
        layout.addWidget(label)
        layout.addWidget(self.field)
        self.message = plain(role="missing", parent=self)
        layout.addWidget(self.message)
        buttons = QDialogButtonBox(self)
        self.unlock = buttons.addButton("&Unlock", QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton("&Quit", QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self._on_buttons_accepted)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.field.setFocus()

    @classmethod
    def ask(cls, check: Check, parent: QWidget | None = None) -> str | None:
        """The passphrase that opened the store, or None. Tests replace this."""
        dialog = cls(check, parent)
        return dialog.passphrase if dialog.exec() == QDialog.DialogCode.Accepted else None

    def _on_buttons_accepted(self) -> None:
        problem = self.check(self.field.text())
        if problem:
            self.message.setText(problem)
            self.field.selectAll()
            return
        self.passphrase = self.field.text()
        self.field.clear()
        self.accept()


class Cover(QWidget):
    """What the window shows while locked: no names, no words, nothing to read."""

    unlocked = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.check: Check | None = None
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        title = plain("Facilitator is locked", "title", self)
        title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(title)
        self.hint = plain(role="hint", parent=self)
        self.hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(self.hint)
        row = QHBoxLayout()
        row.addStretch(1)
        self.field = QLineEdit(self)
        self.field.setEchoMode(QLineEdit.EchoMode.Password)
        self.field.setAccessibleName("Passphrase")
        self.field.setPlaceholderText("Passphrase")
        self.field.returnPressed.connect(self._on_show_clicked)
        row.addWidget(self.field)
        self.show_button = QPushButton("&Show my conversation", self)
        self.show_button.clicked.connect(self._on_show_clicked)
        row.addWidget(self.show_button)
        row.addStretch(1)
        layout.addLayout(row)
        self.message = plain(role="missing", parent=self)
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(self.message)
        layout.addStretch(2)

    def prepare(self, check: Check | None) -> None:
        self.check = check
        self.field.setVisible(check is not None)
        self.field.clear()
        self.message.clear()
        self.hint.setText("Type the passphrase to carry on." if check else
                          "Everything is hidden. Carry on when you are ready.")
        (self.field if check else self.show_button).setFocus()

    def _on_show_clicked(self) -> None:
        problem = self.check(self.field.text()) if self.check else None
        self.field.clear()
        if problem:
            self.message.setText(problem)
            return
        self.unlocked.emit()


class IdleWatch(QObject):
    """Emits `idle` after `minutes` without activity: an edit, a move, a change of focus, or
    the mouse moving. (Not an application-wide event filter: that would run Python code for
    every event Qt delivers, and typing and moving between steps would pay for it.)"""

    idle = Signal()
    POLL_MS = 5_000

    def __init__(self, minutes: float = IDLE_MINUTES, parent: QObject | None = None):
        super().__init__(parent)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(int(minutes * 60_000))
        self.timer.timeout.connect(self.idle)
        self.timer.start()
        self._cursor = QCursor.pos()
        self._poll = QTimer(self)
        self._poll.setInterval(self.POLL_MS)
        self._poll.timeout.connect(self._on_poll_timeout)
        self._poll.start()

    def touch(self, *_) -> None:
        """Something happened: the quiet spell starts again."""
        self.timer.start()

    def _on_poll_timeout(self) -> None:
        position = QCursor.pos()
        if position != self._cursor:
            self._cursor = position
            self.touch()


class MediatorViewDialog:
    @classmethod
    def ask(cls, parent: QWidget | None = None) -> bool:
        """Confirm showing private notes and screening answers again. Tests replace this."""
        from PySide6.QtWidgets import QMessageBox

        answer = QMessageBox.question(
            parent, "Mediator's view — Facilitator",
            "Show the mediator's view? Private notes and screening answers will be on screen "
            "again. Make sure only the mediator can see it.")
        return answer == QMessageBox.StandardButton.Yes


class DamagedDialog:
    @classmethod
    def ask(cls, message: str, newest: str | None, parent: QWidget | None = None) -> bool:
        """Say the store is damaged; True to restore the newest backup. Tests replace this."""
        from PySide6.QtWidgets import QMessageBox

        box = QMessageBox(parent)
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle("Facilitator")
        box.setText("Your conversations could not be read safely. Nothing was written.")
        box.setInformativeText(message)
        restore = None
        if newest:
            restore = box.addButton("Restore the newest backup",
                                    QMessageBox.ButtonRole.AcceptRole)
        box.addButton("Quit", QMessageBox.ButtonRole.RejectRole)
        box.exec()
        return restore is not None and box.clickedButton() is restore
