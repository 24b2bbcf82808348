"""The cool-down: a calm screen anyone can call without explaining, with a breathing prompt
and the time left (the guide's pause length, 20 minutes by default). The conversation waits
exactly where it was."""

from __future__ import annotations

from datetime import UTC, datetime

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from ui.text import plain

BREATHING = ("Breathe in slowly while you count to four.\nHold it gently for a moment.\n"
             "Breathe out while you count to six.")


def remaining(started: str, minutes: int, now: datetime | None = None) -> int:
    """Seconds left of a pause that began at `started` (an ISO timestamp); never below 0."""
    begun = datetime.fromisoformat(started.replace("Z", "+00:00"))
    elapsed = ((now or datetime.now(UTC)) - begun).total_seconds()
    return max(0, int(minutes * 60 - elapsed))


class PauseScreen(QWidget):
    resumed = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setAccessibleName("Break")
        self._started = ""
        self._minutes = 20
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        for widget in (
            plain("Let's take a break", "title", self),
            plain("Nobody needs to explain. The conversation waits right where you left it.",
                  "hint", self),
        ):
            widget.setAlignment(Qt.AlignmentFlag.AlignCenter)
            layout.addWidget(widget)
        layout.addSpacing(24)
        self.breathing = plain(BREATHING, "words", self)
        self.breathing.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(self.breathing)
        layout.addSpacing(24)
        self.clock = plain(role="banner", parent=self)
        self.clock.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.clock.setAccessibleName("Time left in the break")
        layout.addWidget(self.clock)
        row = QHBoxLayout()
        row.addStretch(1)
        self.ready = QPushButton("We're &ready to carry on", self)
        self.ready.clicked.connect(self.resumed)
        row.addWidget(self.ready)
        row.addStretch(1)
        layout.addLayout(row)
        layout.addStretch(2)
        self.timer = QTimer(self)
        self.timer.setInterval(1000)
        self.timer.timeout.connect(self._show_time)

    def start(self, started: str, minutes: int) -> None:
        self._started, self._minutes = started, minutes
        self._show_time()
        self.timer.start()
        self.ready.setFocus()

    def stop(self) -> None:
        self.timer.stop()

    def _show_time(self) -> None:
        left = remaining(self._started, self._minutes)
        if left:
            self.clock.setText(f"{left // 60}:{left % 60:02d} left")
        else:
            self.clock.setText("Take your time. Carry on when you are both ready.")
