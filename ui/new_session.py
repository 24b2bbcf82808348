"""New session: mediated or self-guided, a guide (with its description), the people, a topic.

Mistakes in names are shown next to the form as they are typed, in plain words.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from ui.style import set_role


@dataclass
class NewSession:
    mode: str
    guide_id: str
    a: str
    b: str
    mediator: str | None
    title: str


class NewSessionDialog(QDialog):
    def __init__(self, presenter, parent: QWidget | None = None):
        super().__init__(parent)
        self.presenter = presenter
        self.setWindowTitle("New session — Facilitator")
        self.setMinimumWidth(520)
        layout = QVBoxLayout(self)
        intro = QLabel("Who is talking, and how? Everything stays on this computer.", self)
        intro.setWordWrap(True)
        layout.addWidget(intro)

        modes = QHBoxLayout()
        self.mediated = QRadioButton("&With a mediator", self)
        self.self_guided = QRadioButton("Just the two of &us", self)
        self.modes = QButtonGroup(self)
        for button in (self.mediated, self.self_guided):
            self.modes.addButton(button)
            modes.addWidget(button)
        self.self_guided.setChecked(True)
        layout.addLayout(modes)

        form = QFormLayout()
        self.guide = QComboBox(self)
        self.guide.setAccessibleName("Guide")
        form.addRow("&Guide", self.guide)
        self.description = QLabel(self)
        self.description.setWordWrap(True)
        set_role(self.description, "hint")
        form.addRow("", self.description)
        self.a = QLineEdit(self)
        self.a.setAccessibleName("First person's name")
        form.addRow("&First person", self.a)
        self.b = QLineEdit(self)
        self.b.setAccessibleName("Second person's name")
        form.addRow("Se&cond person", self.b)
        self.mediator_label = QLabel("&Mediator", self)
        self.mediator = QLineEdit(self)
        self.mediator.setAccessibleName("Mediator's name")
        self.mediator_label.setBuddy(self.mediator)
        form.addRow(self.mediator_label, self.mediator)
        self.topic = QLineEdit(self)
        self.topic.setAccessibleName("Topic")
        self.topic.setPlaceholderText("What you want to talk about (optional)")
        form.addRow("&Topic", self.topic)
        layout.addLayout(form)

        self.problems = QLabel(self)
        self.problems.setWordWrap(True)
        self.problems.setTextFormat(Qt.TextFormat.PlainText)
        set_role(self.problems, "missing")
        self.problems.setAccessibleName("Problems with the form")
        layout.addWidget(self.problems)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText("&Start")
        self.buttons.accepted.connect(self._on_buttons_accepted)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)

        self.modes.buttonToggled.connect(self._on_modes_toggled)
        self.guide.currentIndexChanged.connect(self._on_guide_changed)
        for field in (self.a, self.b, self.mediator):
            field.textEdited.connect(self._on_name_edited)
        self._typed = False
        self._submitted = False
        self._on_modes_toggled()
        self.a.setFocus()

    @classmethod
    def ask(cls, presenter, parent: QWidget | None = None) -> NewSession | None:
        """Show the dialog; the choices, or None when cancelled. Tests replace this."""
        dialog = cls(presenter, parent)
        return dialog.result_value() if dialog.exec() == QDialog.DialogCode.Accepted else None

    @property
    def mode(self) -> str:
        return "mediated" if self.mediated.isChecked() else "self-guided"

    def result_value(self) -> NewSession:
        return NewSession(self.mode, self.guide.currentData(), self.a.text().strip(),
                          self.b.text().strip(),
                          self.mediator.text().strip() if self.mode == "mediated" else None,
                          self.topic.text().strip())

    def current_problems(self) -> list[str]:
        problems = self.presenter.check_names(self.mode, self.a.text(), self.b.text(),
                                              self.mediator.text())
        if self.guide.currentData() is None:
            problems.append("there is no guide for this kind of session")
        return problems

    def _on_modes_toggled(self, *_) -> None:
        mediated = self.mode == "mediated"
        self.mediator.setVisible(mediated)
        self.mediator_label.setVisible(mediated)
        self.guide.clear()
        for guide in self.presenter.guides(self.mode):
            self.guide.addItem(guide.title, guide.id)
        self._on_guide_changed()
        self._show_problems()

    def _on_guide_changed(self, *_) -> None:
        guide_id = self.guide.currentData()
        guide = self.presenter.library.guides.get(guide_id)
        self.description.setText(guide.description if guide else "")

    def _on_name_edited(self, *_) -> None:
        self._typed = True
        self._show_problems()

    def _show_problems(self) -> None:
        problems = self.current_problems() if self._typed else []
        if not self._submitted:  # an empty field is not a mistake until Start is pressed
            problems = [p for p in problems if "needs a name" not in p
                        and "mediator's name" not in p]
        self.problems.setText("\n".join(p[0].upper() + p[1:] + "." for p in problems))

    def _on_buttons_accepted(self) -> None:
        self._typed = self._submitted = True
        self._show_problems()
        if not self.current_problems():
            self.accept()
