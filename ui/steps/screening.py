"""Screening: private yes/no questions about each party before the conversation starts.

Mediated, the mediator marks both parties' answers, having asked each person alone. Self-guided,
each person answers alone behind a hand-off screen; once someone is done their answers are never
shown again, to anyone, so neither can read what the other said.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractButton,
    QButtonGroup,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from facilitator.kinds import PARTIES
from facilitator.requirements import safety_concerns
from ui.step import StepWidget
from ui.style import primary
from ui.text import isolate, plain

ANSWERS = (("yes", "Yes"), ("no", "No"))


class QuestionList(QWidget):
    """The questions about one person, each with Yes / No; shows answers only when told to."""

    answered = Signal(str, str)  # question id, "yes" or "no"

    def __init__(self, questions, who: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setAccessibleName(f"Questions about {who}")
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(16)
        grid.setVerticalSpacing(8)
        grid.setColumnStretch(0, 1)
        self.groups: dict[str, QButtonGroup] = {}
        for row, question in enumerate(questions):
            grid.addWidget(plain(f"{row + 1}.  {question.text}", parent=self), row, 0)
            group = QButtonGroup(self)
            for column, (value, label) in enumerate(ANSWERS, 1):
                button = QRadioButton(label, self)
                button.setProperty("answer", value)
                button.setAccessibleName(f"{label}, about {who}")
                button.setAccessibleDescription(question.text)
                group.addButton(button)
                grid.addWidget(button, row, column, Qt.AlignmentFlag.AlignTop)
            group.buttonClicked.connect(
                lambda button, qid=question.id: self._on_group_button_clicked(qid, button))
            self.groups[question.id] = group

    def show_answers(self, answers: dict[str, str]) -> None:
        for question_id, group in self.groups.items():
            group.setExclusive(False)
            for button in group.buttons():
                button.setChecked(button.property("answer") == answers.get(question_id))
            group.setExclusive(True)

    def answered_count(self) -> int:
        return sum(1 for group in self.groups.values() if group.checkedButton() is not None)

    def first_button(self) -> QAbstractButton | None:
        groups = list(self.groups.values())
        return groups[0].buttons()[0] if groups else None

    def _on_group_button_clicked(self, question_id: str, button: QAbstractButton) -> None:
        self.answered.emit(question_id, button.property("answer"))


class BothParties(QWidget):
    """The mediator's view: the questions about each party, with the answers marked so far."""

    answered = Signal(str, str, str)  # party, question id, answer

    def __init__(self, questions, names: dict[str, str], help_text: str,
                 parent: QWidget | None = None):
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.total = len(questions)
        self.lists: dict[str, QuestionList] = {}
        self.counts: dict[str, QLabel] = {}
        self.concerns: dict[str, QLabel] = {}
        for slot in PARTIES:
            who = names[slot]
            header = QHBoxLayout()
            header.addWidget(plain(f"About {isolate(who)}", "heading", self), 1)
            self.counts[slot] = plain(role="hint", parent=self)
            header.addWidget(self.counts[slot], 0, Qt.AlignmentFlag.AlignBottom)
            layout.addLayout(header)
            self.concerns[slot] = plain(f"An answer about {isolate(who)} raises a concern.",
                                        "missing", self)
            layout.addWidget(self.concerns[slot])
            self.lists[slot] = QuestionList(questions, who, self)
            self.lists[slot].answered.connect(
                lambda qid, value, s=slot: self.answered.emit(s, qid, value))
            layout.addWidget(self.lists[slot])
            layout.addSpacing(12)
        self.help = plain(f"If an answer raises a concern: {help_text}", parent=self)
        layout.addWidget(self.help)

    def show_answers(self, answers: dict[str, dict], concerned: list[str]) -> None:
        for slot, questions in self.lists.items():
            questions.show_answers(answers[slot])
            self.counts[slot].setText(f"{questions.answered_count()} of {self.total} answered")
            self.concerns[slot].setVisible(slot in concerned)
        self.help.setVisible(bool(concerned))


class ScreeningStep(StepWidget):
    parts = frozenset({"records"})

    def __init__(self, presenter, parent: QWidget | None = None):
        super().__init__(presenter, parent)
        self._both: BothParties | None = None  # mediated
        self._both_for: tuple | None = None  # the questions and names it was built for
        self._private: QuestionList | None = None  # self-guided: the list being answered
        self._turn: str | None = None  # self-guided: whose private turn it is
        layout = QVBoxLayout(self)
        self.mediated_page = QWidget(self)
        self.mediated_layout = QVBoxLayout(self.mediated_page)
        self.mediated_layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.mediated_page)

        self.handoff_page = QWidget(self)
        handoff = QVBoxLayout(self.handoff_page)
        handoff.setContentsMargins(0, 0, 0, 0)
        self.handoff_text = plain(role="heading", parent=self.handoff_page)
        self.handoff_text.setAccessibleName("Whose turn it is to answer")
        handoff.addWidget(self.handoff_text)
        self.handoff_words = plain(parent=self.handoff_page)
        handoff.addWidget(self.handoff_words)
        self.continue_button = _primary("&Continue", self.handoff_page)
        self.continue_button.clicked.connect(self._on_continue_button_clicked)
        handoff.addLayout(_right(self.continue_button))
        layout.addWidget(self.handoff_page)

        self.answer_page = QWidget(self)
        answer = QVBoxLayout(self.answer_page)
        answer.setContentsMargins(0, 0, 0, 0)
        self.answer_heading = plain(role="heading", parent=self.answer_page)
        answer.addWidget(self.answer_heading)
        self.private_layout = QVBoxLayout()
        answer.addLayout(self.private_layout)
        self.answer_hint = plain(role="hint", parent=self.answer_page)
        answer.addWidget(self.answer_hint)
        self.done_button = _primary("&Done — hide my answers", self.answer_page)
        self.done_button.clicked.connect(self._on_done_button_clicked)
        answer.addLayout(_right(self.done_button))
        layout.addWidget(self.answer_page)

        self.done_page = plain("Both of you have answered. Your answers stay private.",
                               role="heading", parent=self)
        self.done_page.setAccessibleName("Screening finished")
        layout.addWidget(self.done_page)
        layout.addStretch(1)

    def show_stage(self, stage) -> None:
        """Start over for this stage: the questions are built for its guide and mode, and a
        self-guided person's list is always a fresh, empty one."""
        self.stage = stage
        if self._private is not None:
            self._private.hide()
            self._private.deleteLater()
        self._private, self._turn = None, None
        if self.presenter.mediated and not self.presenter.mediator_view:
            self._drop_both()
            self.done_page.setText("The mediator's private check. Its answers are not shown "
                                   "in the party view.")
            self._show(self.done_page)
            return
        self.done_page.setText("Both of you have answered. Your answers stay private.")
        if self.presenter.mediated:
            names = {slot: self.name(slot) for slot in PARTIES}
            built_for = (tuple((q.id, q.text) for q in stage.step.questions),
                         tuple(names.items()), stage.step.help)
            if self._both is None or self._both_for != built_for:  # else the same questions
                self._drop_both()
                self._both = BothParties(stage.step.questions, names, stage.step.help,
                                         self.mediated_page)
                self._both.answered.connect(self._on_both_answered)
                self._both_for = built_for
                self.mediated_layout.addWidget(self._both)
            self._show(self.mediated_page)
        else:
            self._drop_both()
            self._hand_over(after=None)
        self.refresh()

    def _drop_both(self) -> None:
        if self._both is not None:
            self._both.hide()
            self._both.deleteLater()
        self._both, self._both_for = None, None

    def _show(self, page: QWidget) -> None:
        for each in (self.mediated_page, self.handoff_page, self.answer_page, self.done_page):
            each.setVisible(each is page)

    def refresh(self) -> None:
        if self._both is not None:
            session = self.presenter.session
            answers = {slot: self.record(slot).get("answers", {}) for slot in PARTIES}
            self._both.show_answers(answers, safety_concerns(session, session.meeting.number,
                                                             self.stage))
        elif self._turn is not None:
            who = self.name(self._turn)
            self.handoff_text.setText(f"Pass the computer to {isolate(who)}.")
            self.handoff_words.setText(f"{isolate(who)}, press Continue when only you can see "
                                       "the screen.")
            self.continue_button.setAccessibleName(f"Continue as {who}")
            self.answer_heading.setText(f"{isolate(who)}, these questions are just for you.")

    def _complete(self, slot: str) -> bool:
        answers = self.record(slot).get("answers", {})
        return all(q.id in answers for q in self.stage.step.questions)

    # -- self-guided turns ----------------------------------------------------------------

    def _hand_over(self, after: str | None) -> None:
        """Show the hand-off screen for whoever still has to answer, or the neutral end."""
        waiting = [slot for slot in PARTIES if slot != after and not self._complete(slot)]
        self._turn = waiting[0] if waiting else None
        self._show(self.handoff_page if waiting else self.done_page)
        if waiting:
            self.refresh()
            self.continue_button.setFocus()

    def _on_continue_button_clicked(self) -> None:
        """Fresh, empty questions: nothing anyone answered before is shown again."""
        self._private = QuestionList(self.stage.step.questions, self.name(self._turn),
                                     self.answer_page)
        self._private.answered.connect(self._on_private_answered)
        self.private_layout.addWidget(self._private)
        self._update_done()
        self._show(self.answer_page)
        first = self._private.first_button()
        if first is not None:
            first.setFocus()

    def _on_private_answered(self, question_id: str, value: str) -> None:
        slot = self._turn
        self.presenter.act(lambda r: r.answer_screening(slot, question_id, value))
        self._update_done()

    def _update_done(self) -> None:
        left = len(self.stage.step.questions) - self._private.answered_count()
        self.done_button.setEnabled(left == 0)
        self.answer_hint.setText("Done? Press the button: your answers are hidden before "
                                 "the computer goes back." if left == 0 else
                                 f"Answer every question ({left} left), then press Done.")

    def _on_done_button_clicked(self) -> None:
        self._private.hide()
        self._private.deleteLater()
        self._private = None
        self._hand_over(after=self._turn)

    def _on_both_answered(self, slot: str, question_id: str, value: str) -> None:
        self.presenter.act(lambda r: r.answer_screening(slot, question_id, value))


def _primary(text: str, parent: QWidget) -> QPushButton:
    button = QPushButton(text, parent)
    primary(button)
    return button


def _right(widget: QWidget) -> QHBoxLayout:
    row = QHBoxLayout()
    row.addStretch(1)
    row.addWidget(widget)
    return row
