"""Needs underneath positions: each person picks what matters to them and may say why; the
needs both picked are shown as common ground, because shared needs are where solutions start.
"""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QTabWidget, QVBoxLayout, QWidget

from ui import style
from ui.fields import TextField, WordPicker, WordScroll, bind_text
from ui.step import StepWidget
from ui.text import CardWords, isolate, literal

PARTIES = ("a", "b")


def shared(first: list[str], second: list[str]) -> list[str]:
    """The needs both picked, in the first person's order."""
    return [need for need in first if need in second]


class NeedsStep(StepWidget):
    def __init__(self, presenter, parent: QWidget | None = None):
        super().__init__(presenter, parent)
        layout = QVBoxLayout(self)
        self.tabs = QTabWidget(self)
        self.tabs.setAccessibleName("Needs, one tab per person")
        groups = [(g.title, g.words) for g in presenter.vocabulary("needs").groups]
        self.pickers: dict[str, WordPicker] = {}
        self.why: dict[str, TextField] = {}
        self.why_labels: dict[str, QLabel] = {}
        for party in PARTIES:
            page = QWidget(self.tabs)
            column = QVBoxLayout(page)
            picker = WordPicker(groups, "needs", page)
            picker.picked.connect(lambda words, p=party: self._on_picker_picked(p, words))
            # the long inventory scrolls; common ground stays in view
            column.addWidget(WordScroll(picker, page), 1)
            why = TextField("Say it aloud, or type it (optional)", "Why this matters", lines=2)
            why.setMaximumHeight(why.minimumHeight() * 3 // 2)
            caption = QLabel("&Why does this matter to you?", page)
            caption.setBuddy(why)
            column.addWidget(caption)
            column.addWidget(why)
            bind_text(why, f"needs.why.{party}", presenter,
                      lambda r, text, p=party: r.explain_needs(p, text))
            self.tabs.addTab(page, "")
            self.pickers[party], self.why[party], self.why_labels[party] = picker, why, caption
        layout.addWidget(self.tabs, 1)

        title = QLabel("Common ground", self)
        style.set_role(title, "group")
        layout.addWidget(title)
        self.common = CardWords(parent=self)
        self.common.setAccessibleName("Common ground: needs you both picked")
        layout.addWidget(self.common)

    def refresh(self) -> None:
        picked = {}
        for index, party in enumerate(PARTIES):
            content = self.record(party)
            name = self.name(party)
            picked[party] = content.get("needs", [])
            self.pickers[party].set_chosen(picked[party])
            self.pickers[party].search.setAccessibleName(f"Find needs for {name}")
            self.why[party].set_quietly(content.get("why", ""))
            self.why[party].setAccessibleName(f"Why this matters to {name}")
            count = len(picked[party])
            suffix = f" ({count})" if count else ""
            _tab(self.tabs, index, f"{isolate(literal(name))}{suffix}", f"{name}: {count} picked")
        common = shared(picked["a"], picked["b"])
        self.common.setText("  ·  ".join(common) if common else "None yet — keep looking")
        role = "preview" if common else "hint"
        if self.common.property("role") != role:
            style.set_role(self.common, role)

    def _on_picker_picked(self, party: str, words: list[str]) -> None:
        self.presenter.act(lambda r: r.pick_needs(party, words))


def _tab(tabs: QTabWidget, index: int, text: str, tip: str) -> None:
    """Change a tab's words only when they change: each change lays out the tab bar again."""
    if tabs.tabText(index) != text:
        tabs.setTabText(index, text)
    if tabs.tabToolTip(index) != tip:
        tabs.setTabToolTip(index, tip)
