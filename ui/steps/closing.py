"""Closing: an appreciation from each party, the final check-in beside the first one, and the
plan in a few plain lines, so the meeting ends on what went well and what happens next.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from facilitator.kinds import PARTIES
from facilitator.model import Checkin, Session
from ui.chart import CheckinChart
from ui.fields import TextField, bind_text
from ui.step import StepWidget, heading
from ui.steps.checkin import Ratings
from ui.text import isolate, plain


def when(iso: str) -> str:
    """'3 June 2026' from an ISO date; the stored text itself if it is not one."""
    try:
        day = date.fromisoformat(iso)
    except ValueError:
        return iso
    return f"{day.day} {day:%B %Y}"


def change(start: Checkin | None, end: Checkin | None) -> str:
    """'Since the start: Calm 2 → 4 · Hope 3 → 4', or the start alone until the end is rated."""
    pairs = [(what, getattr(start, what) if start else None, getattr(end, what) if end else None)
             for what in ("calm", "hope")]
    if all(before is None for _, before, _ in pairs):
        return ""
    if all(after is None for _, _, after in pairs):
        return "At the start: " + ", ".join(f"{what} {before}" for what, before, _ in pairs
                                            if before is not None)
    shown = [f"{what.title()} {before} → {after if after is not None else 'not rated yet'}"
             for what, before, after in pairs if before is not None]
    return "Since the start: " + " · ".join(shown)


def plan_summary(session: Session) -> str:
    """The agreed actions (what, who, by when) and how many items wait in the parked list."""
    lines = []
    for action in (a for a in session.actions if a.status == "agreed"):
        who = "Both" if action.owner == "both" else isolate(session.name(action.owner))
        due = f"by {when(action.due)}" if action.due else "no date yet"
        lines.append(f"•  {action.what}\n    {who}, {due}")
    if not lines:
        lines.append("No actions agreed yet.")
    parked = len(session.parked)
    lines.append("")
    lines.append("Nothing parked." if not parked else
                 f"{parked} parked item{'s' if parked != 1 else ''} to come back to.")
    if session.review_date:
        lines.append(f"Review on {when(session.review_date)}.")
    return "\n".join(lines)


class PartyClosing(QWidget):
    """One person's appreciation, final calm and hope, and the change since the start."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.who = plain(role="group", parent=self)
        layout.addWidget(self.who)
        caption = QLabel("A&ppreciation (optional)", self)
        self.appreciation = TextField(lines=2, parent=self)
        # a sentence or two, not an essay: room for four lines, then it scrolls
        self.appreciation.setMaximumHeight(self.fontMetrics().lineSpacing() * 4 + 16)
        caption.setBuddy(self.appreciation)
        layout.addWidget(caption)
        layout.addWidget(self.appreciation)
        self.ratings = Ratings(self)
        layout.addWidget(self.ratings)
        self.change = plain(parent=self)
        self.change.setAccessibleName("Change since the start")
        layout.addWidget(self.change)

    def set_people(self, who: str, other: str) -> None:
        self.who.setText(isolate(who))
        self.appreciation.setPlaceholderText(f"Something {isolate(who)} appreciated about "
                                             f"{isolate(other)} today, even something small")
        self.appreciation.setAccessibleName(f"{who}'s appreciation")
        self.ratings.set_person(who)


class ClosingStep(StepWidget):
    parts = frozenset({"records", "checkins", "actions", "parked"})

    def __init__(self, presenter, parent: QWidget | None = None):
        super().__init__(presenter, parent)
        layout = QVBoxLayout(self)
        self.parties: dict[str, PartyClosing] = {}
        for slot in PARTIES:
            party = PartyClosing(self)
            bind_text(party.appreciation, f"closing.{slot}", presenter,
                      lambda r, text, s=slot: r.appreciate(s, text))
            party.ratings.rated.connect(
                lambda what, value, s=slot: self._on_ratings_rated(s, what, value))
            self.parties[slot] = party
            layout.addWidget(party)
            layout.addSpacing(8)
        layout.addWidget(heading("The plan", self))
        self.summary = plain(parent=self)
        self.summary.setAccessibleName("Summary of the plan")
        layout.addWidget(self.summary)
        layout.addWidget(plain("Over time", "heading", self))
        self.chart = CheckinChart(self)
        layout.addWidget(self.chart)
        layout.addStretch(1)

    def show_stage(self, stage) -> None:
        self.stage = stage
        self._fill(arriving=True)

    def refresh(self) -> None:
        self._fill(arriving=False)

    def _fill(self, arriving: bool) -> None:
        session = self.presenter.session
        meeting = session.meeting.number
        for slot, party in self.parties.items():
            other = PARTIES[1 - PARTIES.index(slot)]
            party.set_people(self.name(slot), self.name(other))
            # a field someone is typing in keeps its text: it is what will be saved
            if arriving or not party.appreciation.hasFocus():
                party.appreciation.set_quietly(self.record(slot).get("appreciation", ""))
            end = session.checkin(meeting, self.stage.step.id, slot)
            party.ratings.show_checkin(end)
            start = next((c for c in session.checkins if (c.meeting, c.party, c.moment)
                          == (meeting, slot, "start")), None)
            shown = change(start, end)
            party.change.setText(shown)
            party.change.setVisible(bool(shown))
        self.summary.setText(plan_summary(session))
        self.chart.set_points(self.presenter.checkin_series(),
                              {slot: self.name(slot) for slot in PARTIES})

    def _on_ratings_rated(self, slot: str, what: str, value: int) -> None:
        self.presenter.act(lambda r: r.rate(slot, **{what: value}))
