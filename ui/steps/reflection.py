"""Looping for understanding: the listener says back what the speaker said, the speaker answers
"Did I get it?", and they go round again until the answer is yes. Every try is kept, so the
counter and the history show that understanding took work, without turning it into a score.
"""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from facilitator.flow import Stage
from ui.fields import LineField, TextField, bind_text
from ui.step import StepWidget
from ui.steps.statement import preview
from ui.style import primary
from ui.text import isolate, literal, plain

ANSWERS = (("yes", "&Yes"), ("partly", "&Partly"), ("no", "N&o"))


class ReflectionStep(StepWidget):
    def __init__(self, presenter, parent: QWidget | None = None):
        super().__init__(presenter, parent)
        layout = QVBoxLayout(self)
        self.reminder = plain(parent=self, role="preview")
        self.reminder.setAccessibleName("What the speaker said")
        layout.addWidget(self.reminder)

        self.history = plain(parent=self, role="hint")
        self.history.setAccessibleName("Earlier tries")
        layout.addWidget(self.history)
        self.counter = plain(parent=self, role="group")
        self.counter.setAccessibleName("Which try this is")
        layout.addWidget(self.counter)

        self.paraphrase_label = plain(parent=self)
        self.paraphrase = TextField("Say it aloud, or type it (optional)", "What was heard")
        self.paraphrase.setMaximumHeight(self.paraphrase.minimumHeight() * 2)
        self.paraphrase_label.setBuddy(self.paraphrase)
        layout.addWidget(self.paraphrase_label)
        layout.addWidget(self.paraphrase)
        bind_text(self.paraphrase, "reflection.paraphrase", presenter,
                  lambda r, text: r.reflect(text))

        self.question = plain(parent=self, role="heading")
        layout.addWidget(self.question)
        more_row = QHBoxLayout()
        self.more_label = QLabel("&Is there more?", self)
        self.more = LineField("Optional: what was missed or not quite right", "Is there more?")
        self.more_label.setBuddy(self.more)
        more_row.addWidget(self.more_label)
        more_row.addWidget(self.more, 1)
        layout.addLayout(more_row)
        answer_row = QHBoxLayout()
        self.answers: dict[str, QPushButton] = {}
        for answer, text in ANSWERS:
            button = QPushButton(text, self)
            primary(button, answer == "yes")
            button.clicked.connect(lambda _=False, a=answer: self._on_answer_clicked(a))
            answer_row.addWidget(button)
            self.answers[answer] = button
        answer_row.addStretch(1)
        self.move_on = QPushButton("&Move on without a yes", self)
        self.move_on.setToolTip("Ends the loop here; it is recorded that there was no yes.")
        self.move_on.clicked.connect(self._on_move_on_clicked)
        answer_row.addWidget(self.move_on)
        layout.addLayout(answer_row)
        self.moved_on = plain(parent=self, role="hint")
        layout.addWidget(self.moved_on)

        self.understood = plain(parent=self, role="heading")
        self.understood.setAccessibleName("Understood")
        layout.addWidget(self.understood)
        self.validation_label = plain(parent=self)
        self.validation = TextField("Say it aloud, or type it (optional)", "Validation", lines=2)
        self.validation.setMaximumHeight(self.validation.minimumHeight() * 2)
        self.validation_label.setBuddy(self.validation)
        layout.addWidget(self.validation_label)
        layout.addWidget(self.validation)
        bind_text(self.validation, "reflection.validation", presenter,
                  lambda r, text: r.validate(text))
        layout.addStretch(1)

    def show_stage(self, stage: Stage) -> None:
        self.more.clear()  # "more" belongs to the next answer, never to another turn
        super().show_stage(stage)

    def refresh(self) -> None:
        speaker, listener = self.name(self.stage.speaker), self.name(self.stage.listener)
        said, heard = isolate(speaker), isolate(listener)
        content = self.record(self.stage.listener)
        attempts = content.get("attempts", [])
        answered = [a for a in attempts if a.get("answer")]
        understood = bool(attempts) and attempts[-1].get("answer") == "yes"
        moved_on = bool(content.get("moved_on")) and not understood
        open_attempt = attempts[-1] if attempts and attempts[-1].get("answer") is None else None

        self.reminder.setText(self._reminder(said))
        self.counter.setText(f"Try {len(answered) + 1}")
        self.history.setText("\n".join(_history_line(i, a) for i, a in enumerate(answered, 1)))
        self.history.setToolTip("\n".join(f"Try {i}: {a.get('paraphrase') or '(said aloud)'}"
                                          for i, a in enumerate(answered, 1)))
        self.history.setVisible(bool(answered))
        self.paraphrase_label.setText(f"&What {literal(heard)} heard, in their own words")
        self.paraphrase.setAccessibleName(f"What {listener} heard")
        self.paraphrase.set_quietly(open_attempt["paraphrase"] if open_attempt else "")
        self.question.setText(f"{said}, did {heard} get it?")
        for answer, button in self.answers.items():
            button.setAccessibleName(f"{speaker} answers: {answer}")
        looping = not understood
        for widget in (self.counter, self.paraphrase_label, self.paraphrase, self.question,
                       self.more_label, self.more, *self.answers.values()):
            widget.setVisible(looping)
        self.move_on.setVisible(self.presenter.mediated and looping and not moved_on)
        self.moved_on.setText("The mediator moved on without a yes; that is recorded."
                              if moved_on else "")
        self.moved_on.setVisible(moved_on)

        self.understood.setText(f"Understood. {said} feels heard." if understood else "")
        self.validation_label.setText(f"What ma&kes sense to you about how {literal(said)} "
                                      "feels?")
        self.validation.setAccessibleName(f"What makes sense about how {speaker} feels")
        self.validation.set_quietly(content.get("validation", ""))
        for widget in (self.understood, self.validation_label, self.validation):
            widget.setVisible(understood)

    def _reminder(self, speaker: str) -> str:
        """The speaker's own sentence from the statement just before, as a memory aid."""
        steps = self.presenter.runner.guide.steps
        index = next((i for i, s in enumerate(steps) if s.id == self.stage.step.id), 0)
        said = ""
        if index > 0 and steps[index - 1].kind == "statement":
            session = self.presenter.session
            record = session.record(session.meeting.number, steps[index - 1].id,
                                    self.stage.speaker)
            content = record.content if record else {}
            said = preview({k: v for k, v in content.items() if k != "observation"})
        if not said:
            return f"{speaker} said it aloud; nothing was typed to remind you."
        return f"{speaker} said: {said}"

    def _on_answer_clicked(self, answer: str) -> None:
        more = self.more.text().strip()
        if self.presenter.act(lambda r: r.confirm(answer, more)) is not None:
            self.more.clear()
            if answer != "yes":
                self.paraphrase.setFocus()

    def _on_move_on_clicked(self) -> None:
        self.presenter.act(lambda r: r.move_on())


def _history_line(number: int, attempt: dict) -> str:
    more = " ".join(attempt.get("more", "").split())
    return f"Try {number} — {attempt['answer']}" + (f": {isolate(more)}" if more else "")
