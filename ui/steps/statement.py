"""A statement: what happened, the feelings and needs picked, a request, and a live preview of
the whole sentence in the observation–feeling–need–request form. Only a feeling is required.
"""

from __future__ import annotations

from PySide6.QtWidgets import QFormLayout, QLabel, QTabWidget, QVBoxLayout, QWidget

from ui.fields import LineField, TextField, WordPicker, bind_text
from ui.step import StepWidget


def preview(content: dict) -> str:
    """'When …, I felt …, because I need …. Would you be willing to …?' from what is there."""
    observation = content.get("observation", "").strip().rstrip(".")
    feelings = _listed(content.get("feelings", []))
    needs = _listed(content.get("needs", []))
    request = content.get("request", "").strip().rstrip("?.")
    parts = []
    if observation:
        parts.append(f"When {observation[0].lower()}{observation[1:]}, ")
    if feelings:
        parts.append(f"I felt {feelings}" if parts else f"I felt {feelings}")
    if needs:
        parts.append(f", because I need {needs}." if feelings else f"I need {needs}.")
    elif parts:
        parts[-1] = parts[-1].rstrip(", ") + "."
    if request:
        parts.append(f" Would you be willing to {request}?")
    return "".join(parts).strip()


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
        form.addRow("What &happened", self.observation)
        layout.addLayout(form)
        self.tabs = QTabWidget(self)
        self.feelings = WordPicker(self._groups("feelings"), "feelings", self)
        self.needs = WordPicker(self._groups("needs"), "needs", self)
        self.tabs.addTab(self.feelings, "&Feelings")
        self.tabs.addTab(self.needs, "N&eeds")
        layout.addWidget(self.tabs, 1)
        request_form = QFormLayout()
        request_form.addRow("Would you be willing to… (&request)", self.request)
        layout.addLayout(request_form)
        self.preview = QLabel(self)
        self.preview.setWordWrap(True)
        self.preview.setProperty("role", "preview")
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

    def _update_preview(self, *_) -> None:
        content = {"observation": self.observation.toPlainText(),
                   "request": self.request.text(),
                   "feelings": self.feelings.chosen(), "needs": self.needs.chosen()}
        sentence = preview(content)
        self.preview.setText(sentence or "Your sentence will appear here as you pick and type.")
