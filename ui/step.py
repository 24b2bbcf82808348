"""The contract every step screen keeps, so the session view can host any kind the same way."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QWidget

from facilitator.flow import Stage
from facilitator.runner import Change
from ui.style import set_role


class StepWidget(QWidget):
    """One step kind's controls; the session view shows the title and the words above it.

    `show_stage` is called when the session arrives at a stage of this kind; `refresh` when a
    change touched one of `parts`. Both re-read the model through the presenter.
    """

    parts: frozenset[str] = frozenset({"records"})

    def __init__(self, presenter, parent: QWidget | None = None):
        super().__init__(parent)
        self.presenter = presenter
        self.stage: Stage | None = None

    def show_stage(self, stage: Stage) -> None:
        self.stage = stage
        self.refresh()

    def refresh(self) -> None:
        raise NotImplementedError

    def on_change(self, change: Change) -> None:
        if self.stage is not None and change.touches(*self.parts):
            self.refresh()

    # helpers for the screens

    def name(self, slot: str | None) -> str:
        return self.presenter.session.name(slot)

    def record(self, party: str | None) -> dict:
        session = self.presenter.session
        record = session.record(session.meeting.number, self.stage.step.id, party)
        return record.content if record else {}


def heading(text: str, parent: QWidget | None = None) -> QLabel:
    label = QLabel(text, parent)
    set_role(label, "heading")
    label.setWordWrap(True)
    return label
