"""The session screen: progress, whose turn it is, the step's words and controls, Back / Next,
and the notes panel. It shows what the presenter says; it decides nothing itself.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLayout,
    QListView,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QSpacerItem,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from facilitator.fairness import clock, shares
from ui import steps, style
from ui.models import StagesModel
from ui.notes import NotesPanel
from ui.pause import PauseScreen
from ui.text import ElidedLabel, isolate, plain

TURN_WORDS = {
    "statement": "{speaker} speaks · {listener} listens",
    "reflection": "{listener} says back what they heard · {speaker} listens",
}


def _set(label, text: str) -> None:
    """Change a wrapped label only when its text changes: each change re-lays the column."""
    if label.text() != text:
        label.setText(text)


class SessionView(QWidget):
    home_requested = Signal()
    plan_requested = Signal()

    def __init__(self, presenter, parent: QWidget | None = None):
        super().__init__(parent)
        self.presenter = presenter
        self._screens: dict[str, steps.StepWidget] = {}
        outer = QVBoxLayout(self)
        header = QHBoxLayout()
        # no mnemonic: Alt+S opens the Session menu; Ctrl+Shift+H is the shortcut
        self.home = QPushButton("‹ All sessions", self)
        self.home.setAccessibleName("Back to all sessions")
        self.home.setToolTip("All sessions (Ctrl+Shift+H)")
        self.home.clicked.connect(self._on_home_clicked)
        header.addWidget(self.home)
        self.title = ElidedLabel(role="title", parent=self)
        header.addWidget(self.title, 1)
        self.mode = plain(role="hint", parent=self)
        header.addWidget(self.mode)
        self.pause = QPushButton("Take a break", self)
        self.pause.setToolTip("Anyone can call a break, without explaining (Ctrl+Shift+P)")
        self.pause.setAccessibleName("Take a break")
        self.pause.clicked.connect(self._on_pause_clicked)
        header.addWidget(self.pause)
        outer.addLayout(header)

        splitter = QSplitter(self)
        self.progress = QListView(splitter)
        self.progress.setAccessibleName("Steps")
        self.progress.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        self.progress.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        # every row is one elided line: the view need not measure each row on every move
        self.progress.setUniformItemSizes(True)
        self.stages = StagesModel(self)
        self.progress.setModel(self.stages)
        self.progress.clicked.connect(self._on_progress_clicked)
        self.progress.activated.connect(self._on_progress_clicked)

        centre = QWidget(splitter)
        column = QVBoxLayout(centre)
        self.column = column
        self.banner = plain(role="banner", parent=centre)
        self.banner.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.banner.setAccessibleName("Whose turn it is")
        column.addWidget(self.banner)
        # the step's words and its screen scroll together, below whose turn it is; a change
        # of words re-lays the scrolled part only, never the whole window
        self.holder = QWidget(centre)
        self.holder_layout = QVBoxLayout(self.holder)
        self.holder_layout.setContentsMargins(0, 0, 0, 0)
        # never squeeze a screen below what it needs: the scroll area scrolls instead
        self.holder_layout.setSizeConstraint(QLayout.SizeConstraint.SetMinimumSize)
        self.step_title = plain(role="heading", parent=self.holder)
        self.words = plain(role="words", parent=self.holder)
        self.turn_words = plain(role="words", parent=self.holder)
        self.cue = plain(role="cue", parent=self.holder)
        self.cue.setAccessibleName("Cue for the mediator")
        self.safety = QWidget(self.holder)  # the kind stop of a self-guided safety check
        self.safety.setAccessibleName("Stop here for now")
        stop_layout = QVBoxLayout(self.safety)
        stop_layout.addWidget(plain("Let's stop here for now", "heading", self.safety))
        self.safety_help = plain(role="safety", parent=self.safety)
        stop_layout.addWidget(self.safety_help)
        stop_layout.addWidget(plain(
            "This does not mean anything is wrong with either of you. Some conversations "
            "are safer with a trained mediator or counsellor in the room, who can make sure "
            "both of you are heard. Your answers stay private; nothing here says whose "
            "answer it was.", parent=self.safety))
        self.safety_home = QPushButton("Close this conversation for now", self.safety)
        self.safety_home.clicked.connect(self._on_home_clicked)
        stop_layout.addWidget(self.safety_home, 0, Qt.AlignmentFlag.AlignLeft)
        self.safety.hide()
        for widget in (self.step_title, self.words, self.turn_words, self.cue, self.safety):
            self.holder_layout.addWidget(widget)
        # below the screen, which takes the room it wants; with no screen (the safety stop),
        # what is left stays at the top instead of being spread out
        self.holder_layout.addItem(QSpacerItem(0, 0, QSizePolicy.Policy.Minimum,
                                               QSizePolicy.Policy.Expanding))
        # one screen in the layout at a time, after the words: a stack would size every
        # hidden screen too
        self.current_screen = None
        scroll = QScrollArea(centre)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        # the bar's room is kept even when there is nothing to scroll (it is then not drawn):
        # a step that grows taller does not shift everything sideways, nor lay it all out twice
        scroll.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)
        scroll.setWidget(self.holder)
        column.addWidget(scroll, 1)
        self.scroll = scroll
        self.missing = plain(role="missing", parent=centre)
        self.missing.setAccessibleName("What is still needed")
        column.addWidget(self.missing)
        buttons = QHBoxLayout()
        timing = QVBoxLayout()
        self.timebox = plain(role="hint", parent=centre)
        self.timebox.setAccessibleName("Time at this step")
        timing.addWidget(self.timebox)
        self.balance = plain(role="hint", parent=centre)
        self.balance.setAccessibleName("Talk time and words, per person")
        timing.addWidget(self.balance)
        column.addLayout(timing)  # its own row: names and times need the width
        buttons.addStretch(1)
        self._elapsed = 0  # seconds at this stage
        self._unsaved_talk = 0  # seconds with the floor not yet recorded
        self.clock = QTimer(self)
        self.clock.setInterval(1000)
        self.clock.timeout.connect(self._on_clock_timeout)
        self.plan = QPushButton("The p&lan…", centre)
        self.plan.setToolTip("Preview, export or print the plan (Ctrl+E)")
        self.plan.clicked.connect(self.plan_requested)
        buttons.addWidget(self.plan)
        self.review = QPushButton("Start a follow-up re&view", centre)
        self.review.setToolTip("Meet again to see how the plan went")
        self.review.clicked.connect(self._on_review_clicked)
        buttons.addWidget(self.review)
        self.back = QPushButton("◂ &Back", centre)
        self.back.clicked.connect(self.presenter.back)
        buttons.addWidget(self.back)
        self.next = QPushButton("&Next ▸", centre)
        self.next.setDefault(True)
        self.next.setToolTip("Next (Ctrl+Enter)")
        self.next.clicked.connect(self._on_next_clicked)
        buttons.addWidget(self.next)
        column.addLayout(buttons)

        self.notes = NotesPanel(presenter, splitter)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 4)
        splitter.setStretchFactor(2, 1)
        splitter.setSizes([250, 740, 290])
        outer.addWidget(splitter, 1)
        self.splitter = splitter
        self.break_screen = PauseScreen(self)
        self.break_screen.resumed.connect(self._on_break_screen_resumed)
        self.break_screen.hide()
        outer.addWidget(self.break_screen, 1)
        QShortcut(QKeySequence("Ctrl+Shift+P"), self, self._on_pause_clicked)
        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            QShortcut(QKeySequence(keys), self, self._on_next_clicked)

        presenter.stage_changed.connect(self._on_presenter_stage_changed)
        presenter.changed.connect(self._on_presenter_changed)
        presenter.refused.connect(self._on_presenter_refused)
        presenter.view_changed.connect(self._on_presenter_view_changed)
        presenter.leaving.connect(self._on_presenter_leaving)

    # -- what is shown --------------------------------------------------------------------

    def show_session(self) -> None:
        session = self.presenter.session
        self.title.set_full_text(isolate(session.title))
        names = self.presenter.names()
        mode = (f"Mediated by {isolate(names['mediator'])}" if self.presenter.mediated
                else "Self-guided")
        kept = self.presenter.follow_through()
        self.mode.setText(" · ".join(filter(None, [mode, self.presenter.runner.guide.title,
                                                   kept])))
        self.notes.refresh()
        self._show_stage()
        self._show_break()  # a session closed during a break opens in the break

    def screen(self, kind: str):
        """The step screen for `kind`, built the first time it is needed."""
        if kind not in self._screens:
            widget = steps.make(kind, self.presenter, self.holder)
            widget.hide()
            if widget.layout() is not None:  # flush with the step's words above it
                margins = widget.layout().contentsMargins()
                widget.layout().setContentsMargins(0, margins.top(), 0, margins.bottom())
            self._screens[kind] = widget
        return self._screens[kind]

    def _show_stage(self) -> None:
        runner = self.presenter.runner
        stage = runner.stage
        names = {slot: isolate(name) for slot, name in self.presenter.names().items()}
        self._update_progress()
        self.progress.setCurrentIndex(self.stages.index(runner.position))
        turn = TURN_WORDS.get(stage.kind, "")
        self.banner.setText(turn.format(speaker=names.get(stage.speaker, ""),
                                        listener=names.get(stage.listener, "")))
        self.banner.setVisible(bool(turn))
        large = not self.presenter.mediated
        if self.banner.property("large") != large:
            self.banner.setProperty("large", large)
            style.set_role(self.banner, "banner large" if large else "banner")
        _set(self.step_title, stage.step.title)
        _set(self.words, stage.words("both", names))
        self.words.setVisible(bool(self.words.text()))
        turn_lines = []
        if stage.speaker:
            for role, person in (("speaker", stage.speaker), ("listener", stage.listener)):
                text = stage.words(role, names)
                if text:
                    turn_lines.append(f"{names[person]}: {text}")
        _set(self.turn_words, "\n\n".join(turn_lines))
        self.turn_words.setVisible(bool(turn_lines))
        cue = stage.words("mediator", names) if self.presenter.mediator_view else ""
        _set(self.cue, f"For the mediator: {cue}" if cue else "")
        self.cue.setVisible(bool(cue))
        self._elapsed = 0
        self._show_time()
        self._show_balance()
        self.clock.start()
        self.scroll.verticalScrollBar().setValue(0)  # a new step starts at its top
        widget = self.screen(stage.kind)
        widget.show_stage(stage)  # before it is shown: laid out once, with its new words
        if widget is not self.current_screen:
            self._swap(widget)
        self.missing.clear()
        self._update_buttons()

    def _swap(self, widget) -> None:
        """Put `widget` in the place of the screen shown. Laid out once, at its final size:
        the column settles first, and the holder takes the size the scroll area will give
        it, so the screen is not laid out at the old screen's size on its way."""
        if self.current_screen is not None:
            self.holder_layout.removeWidget(self.current_screen)
            self.current_screen.hide()
        self.column.activate()  # whose turn it is, above: the room left for the rest
        room = self.scroll.viewport().size()
        words = self.holder_layout.minimumHeightForWidth(room.width())  # the step's words
        need = words + self.holder_layout.spacing() + widget.minimumSizeHint().height()
        self.holder.resize(room.width(), max(room.height(), need))
        self.holder_layout.insertWidget(self.holder_layout.count() - 1, widget, 1)
        widget.show()
        self.current_screen = widget

    def _update_progress(self) -> None:
        runner = self.presenter.runner
        names = {slot: isolate(name) for slot, name in self.presenter.names().items()}
        labels = [f"{each.step.title} — {names[each.speaker]}" if each.speaker
                  else each.step.title for each in runner.stages]
        finished = self.presenter.session.status == "finished"
        self.stages.set_stages(labels, runner.position, finished, runner.reachable)

    def _update_buttons(self) -> None:
        runner = self.presenter.runner
        finished = self.presenter.session.status == "finished"
        self.back.setEnabled(runner.position > 0)
        self.next.setText("&Finish ✓" if runner.at_end else "&Next ▸")
        self.next.setEnabled(not finished)
        self.review.setVisible(finished)
        self.plan.setVisible(finished or runner.stage.kind == "closing")
        stop = runner.safety_stop
        self.safety_help.setText(runner.stage.step.help if stop else "")
        self.safety.setVisible(stop)
        if self.current_screen is not None:
            self.current_screen.setVisible(not stop)
        if stop:
            self.next.setEnabled(False)
        if finished:
            self.missing.setText("This meeting is finished.")

    # -- handlers -------------------------------------------------------------------------

    def _on_next_clicked(self) -> None:
        if self.next.isEnabled():
            self.presenter.advance()

    # -- time and fair turns ----------------------------------------------------------------

    def _on_clock_timeout(self) -> None:
        runner = self.presenter.runner
        if runner is None or runner.paused or not self.isVisible():
            return
        self._elapsed += 1
        if runner.stage.speaker:
            self._unsaved_talk += 1
            if self._unsaved_talk >= 15:
                self._record_talk()
        self._show_time()

    def _record_talk(self) -> None:
        seconds, self._unsaved_talk = self._unsaved_talk, 0
        runner = self.presenter.runner
        if self.presenter.store.read_only:
            return
        if seconds and runner is not None and runner.stage.speaker:
            self.presenter.act(lambda r: r.add_talk_time(seconds))
            self._show_balance()

    def _on_presenter_leaving(self) -> None:
        self._record_talk()

    def _show_time(self) -> None:
        """Whose floor it is, for how long, and the guide's suggestion: a gentle reminder,
        never a hard stop."""
        stage = self.presenter.stage
        minutes = stage.step.timebox_minutes
        spent = clock(self._elapsed)
        who = (f"{isolate(self.presenter.names()[self._floor(stage)])} has the floor · "
               if stage.speaker else "")
        if minutes and self._elapsed > minutes * 60:
            text = f"{who}{spent} — past the {minutes} minutes suggested; no rush"
        elif minutes:
            text = f"{who}{spent} of about {minutes} minutes"
        else:
            text = f"{who}{spent}"
        self.timebox.setText(text)

    @staticmethod
    def _floor(stage) -> str:
        return stage.listener if stage.kind == "reflection" else stage.speaker

    def _show_balance(self) -> None:
        """Airtime and words per person, in the mediator's view only."""
        if not self.presenter.mediator_view:
            self.balance.setVisible(False)
            return
        names = self.presenter.names()
        share = shares(self.presenter.session)
        total = sum(s.seconds for s in share.values()) or 1
        parts = [f"{isolate(names[p])} {clock(share[p].seconds)} "
                 f"({round(100 * share[p].seconds / total)}%), {share[p].words} words, "
                 f"{share[p].loops} {'try' if share[p].loops == 1 else 'tries'} to reflect"
                 for p in ("a", "b")]
        self.balance.setText("Talk time: " + " · ".join(parts))
        self.balance.setVisible(True)

    def _on_pause_clicked(self) -> None:
        if self.presenter.runner is not None and not self.presenter.runner.paused:
            self.presenter.act(lambda r: r.pause())
            self._show_break()

    def _on_break_screen_resumed(self) -> None:
        self.presenter.act(lambda r: r.end_pause())
        self._show_break()

    def _show_break(self) -> None:
        runner = self.presenter.runner
        paused = runner is not None and runner.paused
        self.splitter.setVisible(not paused)
        self.pause.setEnabled(not paused)
        self.break_screen.setVisible(paused)
        if paused:
            self.break_screen.start(runner.session.pauses[-1].started,
                                    runner.guide.pause_minutes)
        else:
            self.break_screen.stop()

    def _on_review_clicked(self) -> None:
        self.presenter.start_review()

    def _on_home_clicked(self) -> None:
        self.home_requested.emit()

    def _on_progress_clicked(self, index) -> None:
        runner = self.presenter.runner
        if index.isValid() and index.row() <= max(runner.position, runner.reachable):
            self.presenter.go_to(index.row())

    def _on_presenter_stage_changed(self) -> None:
        if self.presenter.runner is not None:
            self._show_stage()

    def _on_presenter_changed(self, change) -> None:
        widget = self._screens.get(self.presenter.stage.kind)
        if widget is not None:
            widget.on_change(change)
        self.notes.on_change(change)
        self._update_progress()
        if change.touches("session"):
            self.title.set_full_text(isolate(self.presenter.session.title))
        self.missing.clear()
        self._update_buttons()

    def _on_presenter_view_changed(self) -> None:
        if self.presenter.runner is not None:
            self.notes.refresh()
            self._show_stage()
            if self.current_screen is not None and self.current_screen.stage is not None:
                self.current_screen.show_stage(self.current_screen.stage)
            view = "Party view" if self.presenter.party_view else ""
            names = self.presenter.names()
            mode = (f"Mediated by {isolate(names['mediator'])}" if self.presenter.mediated
                    else "Self-guided")
            self.mode.setText(" · ".join(filter(None, [view, mode,
                                                      self.presenter.runner.guide.title])))

    def _on_presenter_refused(self, missing: list[str]) -> None:
        self.missing.setText("Still needed: " + "; ".join(missing) + ".")
