"""Ground rules: the rules listed, and an "I agree" tick for each party."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCheckBox, QLabel, QVBoxLayout, QWidget

from ui.step import StepWidget
from ui.style import set_role


class AgreementStep(StepWidget):
    def __init__(self, presenter, parent: QWidget | None = None):
        super().__init__(presenter, parent)
        layout = QVBoxLayout(self)
        self.rules = QLabel(self)
        self.rules.setWordWrap(True)
        self.rules.setTextFormat(Qt.TextFormat.PlainText)
        set_role(self.rules, "rules")
        layout.addWidget(self.rules)
        self.ticks: dict[str, QCheckBox] = {}
        for slot in ("a", "b"):
            box = QCheckBox(self)
            box.toggled.connect(lambda on, s=slot: self._on_tick_toggled(s, on))
            self.ticks[slot] = box
            layout.addWidget(box)
        layout.addStretch(1)

    def refresh(self) -> None:
        rules = self.stage.step.rules
        self.rules.setText("\n\n".join(f"{i}.  {rule}" for i, rule in enumerate(rules, 1)))
        for slot, box in self.ticks.items():
            box.setText(f"{self.name(slot)}: I agree".replace("&", "&&"))
            box.setAccessibleName(f"{self.name(slot)} agrees to the ground rules")
            box.blockSignals(True)
            box.setChecked(bool(self.record(slot).get("agreed")))
            box.blockSignals(False)

    def _on_tick_toggled(self, slot: str, on: bool) -> None:
        self.presenter.act(lambda r: r.agree(slot, on))
