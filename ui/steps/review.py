"""Review: each commitment from earlier meetings, marked kept, partly kept or not kept, with a
note on what helped or what got in the way. The record of follow-through is the point.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QAbstractButton,
    QButtonGroup,
    QFrame,
    QHBoxLayout,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from facilitator.model import Action
from ui.fields import LineField
from ui.step import StepWidget
from ui.steps.closing import when
from ui.text import isolate, plain

MARKS = (("kept", "Kept"), ("partly", "Partly kept"), ("not-kept", "Not kept"))


class ActionRow(QFrame):
    """One commitment: what, who, by when and how you'd know; its mark and a note."""

    marked = Signal(int, str)  # action id, mark
    noted = Signal(int, str)  # action id, note

    def __init__(self, action: Action, who: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.action_id = action.id
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAccessibleName(f"Commitment: {action.what}")
        layout = QVBoxLayout(self)
        layout.addWidget(plain(action.what, "group", self))
        details = [who, f"by {when(action.due)}" if action.due else "no date"]
        layout.addWidget(plain(" · ".join(details), "hint", self))
        if action.measure.strip():
            layout.addWidget(plain(f"How you'd know: {action.measure}", "hint", self))
        buttons = QHBoxLayout()
        self.group = QButtonGroup(self)
        for value, label in MARKS:
            button = QRadioButton(label, self)
            button.setProperty("mark", value)
            button.setAccessibleName(f"{label}: {action.what}")
            self.group.addButton(button)
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        self.group.buttonClicked.connect(self._on_group_button_clicked)
        self.note = LineField("Note (optional): what helped, or what got in the way",
                              f"Note on: {action.what}", self)
        self.note.edited.connect(self._on_note_edited)
        layout.addWidget(self.note)

    def mark(self) -> str | None:
        button = self.group.checkedButton()
        return button.property("mark") if button else None

    def show_mark(self, entry: dict | None, arriving: bool) -> None:
        """Show the stored mark; a note typed before any mark stays in the field."""
        self.group.setExclusive(False)
        for button in self.group.buttons():
            button.setChecked(bool(entry) and button.property("mark") == entry.get("mark"))
        self.group.setExclusive(True)
        if entry is not None and (arriving or not self.note.hasFocus()):
            self.note.set_quietly(entry.get("note", ""))
        elif entry is None and arriving:
            self.note.set_quietly("")

    def _on_group_button_clicked(self, button: QAbstractButton) -> None:
        self.marked.emit(self.action_id, button.property("mark"))

    def _on_note_edited(self, text: str) -> None:
        self.noted.emit(self.action_id, text)


class ReviewStep(StepWidget):
    parts = frozenset({"records"})

    def __init__(self, presenter, parent: QWidget | None = None):
        super().__init__(presenter, parent)
        self.rows: dict[int, ActionRow] = {}
        layout = QVBoxLayout(self)
        self.count = plain(role="heading", parent=self)
        self.count.setAccessibleName("How many commitments are marked")
        layout.addWidget(self.count)
        self.rows_layout = QVBoxLayout()
        self.rows_layout.setSpacing(10)
        layout.addLayout(self.rows_layout)
        self.empty = plain("There are no agreed actions from earlier meetings to review.",
                           "hint", self)
        layout.addWidget(self.empty)
        layout.addStretch(1)

    def _plan(self) -> list[Action]:
        return self.presenter.session.agreed_actions(
            before_meeting=self.presenter.runner.meeting_number)

    def show_stage(self, stage) -> None:
        """Rebuild the rows: another session, or another meeting, has another plan."""
        self.stage = stage
        for row in self.rows.values():
            row.hide()
            row.deleteLater()
        self.rows = {}
        for action in self._plan():
            who = "Both" if action.owner == "both" else isolate(self.name(action.owner))
            row = ActionRow(action, who, self)
            row.marked.connect(self._on_row_marked)
            row.noted.connect(self._on_row_noted)
            self.rows[action.id] = row
            self.rows_layout.addWidget(row)
        self._fill(arriving=True)

    def refresh(self) -> None:
        self._fill(arriving=False)

    def _fill(self, arriving: bool) -> None:
        marks = self.record(None).get("marks", {})
        for action_id, row in self.rows.items():
            row.show_mark(marks.get(str(action_id)), arriving)
        done = sum(1 for action_id in self.rows if str(action_id) in marks)
        self.count.setText(f"{done} of {len(self.rows)} marked")
        self.count.setVisible(bool(self.rows))
        self.empty.setVisible(not self.rows)

    def _on_row_marked(self, action_id: int, mark: str) -> None:
        note = self.rows[action_id].note.text()
        self.presenter.act(lambda r: r.mark(action_id, mark, note))

    def _on_row_noted(self, action_id: int, text: str) -> None:
        """A note is saved with its mark; typed before one is chosen, it waits in the field."""
        mark = self.rows[action_id].mark()
        if mark is not None:
            self.presenter.act_later(f"review.{action_id}",
                                     lambda r: r.mark(action_id, mark, text))
