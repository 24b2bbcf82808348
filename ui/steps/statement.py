"""A statement: what happened, the feelings and needs picked, a request, and a live preview of
the whole sentence in the observation–feeling–need–request form. Only a feeling is required.
"""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import (
    QFormLayout,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ui.fields import LineField, TextField, WordPicker, WordScroll, bind_text
from ui.step import StepWidget
from ui.text import plain


def preview(content: dict) -> str:
    """'When …, I felt …, because I need …. Would you be willing to …?' from what is there."""
    observation = content.get("observation", "").strip().rstrip(".")
    feelings = _listed(content.get("feelings", []))
    needs = _listed(content.get("needs", []))
    request = content.get("request", "").strip().rstrip("?.")
    parts = []
    if observation:
        parts.append(f"When {_sentence_start(observation)}, ")
    if feelings:
        parts.append(f"I felt {feelings}" if parts else f"I felt {feelings}")
    if needs:
        parts.append(f", because I need {needs}." if feelings else f"I need {needs}.")
    elif parts:
        parts[-1] = parts[-1].rstrip(", ") + "."
    if request:
        parts.append(f" Would you be willing to {request}?")
    return "".join(parts).strip()


# Words that begin a sentence and read right in lower case after "When"; anything else (I,
# names, places) keeps its capital.
_LOWER = frozenset((
    "the", "a", "an", "on", "in", "at", "my", "your", "our", "we", "you", "he", "she", "they",
    "it", "this", "that", "last", "yesterday", "today", "tonight", "every", "when", "after",
    "before", "since", "most", "some", "there", "his", "her", "their",
))


def _sentence_start(text: str) -> str:
    first = text.split(maxsplit=1)[0]
    return text[0].lower() + text[1:] if first.lower() in _LOWER else text


def _listed(words: list[str]) -> str:
    if len(words) <= 1:
        return "".join(words)
    return ", ".join(words[:-1]) + " and " + words[-1]


class StatementStep(StepWidget):
    def __init__(self, presenter, parent: QWidget | None = None):
        super().__init__(presenter, parent)
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.observation = TextField("What happened, as a camera would have seen it "
                                     "(typing is optional)", "What happened")
        self.request = LineField("e.g. talk to me before making plans for the weekend",
                                 "Request")
        self.observation.setMaximumHeight(self.observation.fontMetrics().lineSpacing() * 5 + 16)
        form.addRow("What &happened", self.observation)
        layout.addLayout(form)
        self.coach = plain(role="cue", parent=self)  # under what is being written
        self.coach.setAccessibleName("Tone coach")
        self.coach.hide()
        layout.addWidget(self.coach)
        self._coach_timer = QTimer(self)
        self._coach_timer.setSingleShot(True)
        self._coach_timer.setInterval(250)
        self._coach_timer.timeout.connect(self._update_coach)
        self._coached: dict[tuple, list[str]] = {}  # (rules, words) -> the coach's lines
        self.tabs = QTabWidget(self)
        self.feelings = WordPicker(self._groups("feelings"), "feelings", self)
        self.needs = WordPicker(self._groups("needs"), "needs", self)
        for picker, title in ((self.feelings, "&Feelings"), (self.needs, "N&eeds")):
            self.tabs.addTab(WordScroll(picker, self.tabs), title)
        # the chips scroll inside their tab, so the request and the preview stay in view
        self.tabs.setMinimumHeight(self.fontMetrics().lineSpacing() * 14)
        self.tabs.setMaximumHeight(self.fontMetrics().lineSpacing() * 18)
        layout.addWidget(self.tabs, 1)
        request_form = QFormLayout()
        request_form.addRow("Would you be willing to… (&request)", self.request)
        layout.addLayout(request_form)
        self.preview = plain(role="preview", parent=self)
        self.preview.setAccessibleName("Preview of the whole sentence")
        layout.addWidget(self.preview)
        bind_text(self.observation, "statement.observation", presenter,
                  lambda r, text: r.edit_statement(observation=text))
        bind_text(self.request, "statement.request", presenter,
                  lambda r, text: r.edit_statement(request=text))
        self.observation.edited.connect(self._update_preview)
        self.request.edited.connect(self._update_preview)
        self.feelings.picked.connect(
            lambda words: self.presenter.act(lambda r: r.edit_statement(feelings=words)))
        self.needs.picked.connect(
            lambda words: self.presenter.act(lambda r: r.edit_statement(needs=words)))

    def _groups(self, kind: str):
        vocabulary = self.presenter.vocabulary(kind)
        return [(g.title, g.words) for g in vocabulary.groups]

    def refresh(self) -> None:
        content = self.record(self.stage.speaker)
        self.observation.set_quietly(content.get("observation", ""))
        self.request.set_quietly(content.get("request", ""))
        self.feelings.set_chosen(content.get("feelings", []))
        self.needs.set_chosen(content.get("needs", []))
        self._update_preview()
        self._coach_timer.stop()
        self._update_coach()  # at once: never another turn's or session's words for a moment

    def _update_preview(self, *_) -> None:
        content = {"observation": self.observation.toPlainText(),
                   "request": self.request.text(),
                   "feelings": self.feelings.chosen(), "needs": self.needs.chosen()}
        sentence = preview(content)
        self.preview.setText(sentence or "Your sentence will appear here as you pick and type.")
        self._coach_timer.start()  # after a short pause in typing, not on every key

    def _update_coach(self) -> None:
        """Notice blame, absolutes and the like, and offer a gentler wording; never blocks."""
        if self.presenter.runner is None:  # the session closed while the timer ran
            return
        rules = self.presenter.tone_rules()
        texts = (self.observation.toPlainText(), self.request.text())
        key = (id(rules), *texts)
        if key not in self._coached:  # moving between turns shows the same words again
            if len(self._coached) > 64:
                self._coached.clear()
            self._coached[key] = self._coaching(rules, *texts)
        lines = self._coached[key]
        self.coach.setText("\n".join(lines))
        self.coach.setVisible(bool(lines))

    @staticmethod
    def _coaching(rules, observation: str, request: str) -> list[str]:
        from facilitator.tone import coach, rewrite

        for text in (observation, request):  # one thing at a time: the first that needs it
            hints = coach(text, rules) if text.strip() else []
            if hints:
                first = hints[0]
                return [f"Coach: {first.message} {first.suggestion}".strip(),
                        f"Perhaps: {rewrite(text, hints, rules)}"]
        return []
