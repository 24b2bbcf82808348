"""Check-in: each party rates how calm and how hopeful they feel, 1 to 5.

A low calm score tells everyone to slow down; the closing step asks again and shows the change.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFormLayout, QLabel, QVBoxLayout, QWidget

from facilitator.kinds import PARTIES
from facilitator.model import Checkin
from ui.fields import RatingScale
from ui.step import StepWidget
from ui.text import isolate, plain

# what is rated, its label (with a mnemonic), and the words at the low and high ends
SCALES = (("calm", "How &calm", "tense", "calm"), ("hope", "How &hopeful", "stuck", "hopeful"))


class Ratings(QWidget):
    """One person's calm and hope scales; reports each pick as (what, value)."""

    rated = Signal(str, int)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        form = QFormLayout(self)
        form.setContentsMargins(0, 0, 0, 0)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.scales: dict[str, RatingScale] = {}
        for what, label, low, high in SCALES:
            scale = RatingScale(what.title(), low, high, self)
            scale.setFocusProxy(scale.buttons[0])  # so the label's mnemonic lands on it
            scale.rated.connect(lambda value, w=what: self._on_scale_rated(w, value))
            caption = QLabel(label, self)
            caption.setBuddy(scale)
            form.addRow(caption, scale)
            self.scales[what] = scale
        # the low-end words differ in width; line the 1–5 buttons up under each other
        lows = [scale.layout().itemAt(0).widget() for scale in self.scales.values()]
        width = max(low.sizeHint().width() for low in lows)
        for low in lows:
            low.setMinimumWidth(width)
            low.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)

    def set_person(self, who: str) -> None:
        """Name the person in every button, so a screen reader says whose rating it is."""
        for what, scale in self.scales.items():
            scale.setAccessibleName(f"{what.title()}, {who}")
            for value, button in enumerate(scale.buttons, 1):
                button.setAccessibleName(f"{who}: {what} {value} of 5")

    def show_checkin(self, checkin: Checkin | None) -> None:
        for what, scale in self.scales.items():
            value = getattr(checkin, what) if checkin else None
            if scale.value() != value:
                scale.set_value(value)

    def _on_scale_rated(self, what: str, value: int) -> None:
        self.rated.emit(what, value)


class CheckinStep(StepWidget):
    parts = frozenset({"checkins"})

    def __init__(self, presenter, parent: QWidget | None = None):
        super().__init__(presenter, parent)
        layout = QVBoxLayout(self)
        self.names: dict[str, QLabel] = {}
        self.ratings: dict[str, Ratings] = {}
        for slot in PARTIES:
            self.names[slot] = plain(role="group", parent=self)
            layout.addWidget(self.names[slot])
            ratings = Ratings(self)
            ratings.rated.connect(lambda what, value, s=slot: self._on_ratings_rated(s, what,
                                                                                     value))
            self.ratings[slot] = ratings
            layout.addWidget(ratings)
            layout.addSpacing(8)
        self.hint = plain("1 is the lowest, 5 the highest. There are no right answers.",
                          "hint", self)
        layout.addWidget(self.hint)
        layout.addStretch(1)

    def refresh(self) -> None:
        session = self.presenter.session
        for slot in PARTIES:
            who = self.name(slot)
            self.names[slot].setText(isolate(who))
            self.ratings[slot].set_person(who)
            self.ratings[slot].show_checkin(
                session.checkin(session.meeting.number, self.stage.step.id, slot))

    def _on_ratings_rated(self, slot: str, what: str, value: int) -> None:
        self.presenter.act(lambda r: r.rate(slot, **{what: value}))
