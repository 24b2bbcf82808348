"""The main window: Home, the session screen and the lock cover, one at a time, and the menu
of app actions."""

from __future__ import annotations

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QApplication, QMainWindow, QWidget

from ui.home import HomeView
from ui.lock import Cover, DamagedDialog, IdleWatch, MediatorViewDialog, UnlockDialog
from ui.new_session import NewSessionDialog
from ui.pages import Pages


class MainWindow(QMainWindow):
    def __init__(self, presenter, parent: QWidget | None = None):
        super().__init__(parent)
        self.presenter = presenter
        self.setWindowTitle("Facilitator")
        self.resize(1280, 800)
        self.pages = Pages(self)
        self.setCentralWidget(self.pages)
        self.home = HomeView(presenter, self.pages)
        self.pages.addWidget(self.home)
        self._session_view = None
        self._cover = None
        self._behind_cover = None
        self.idle = IdleWatch(presenter.lock_minutes, parent=self)
        self.idle.idle.connect(self.lock)
        for signal in (presenter.changed, presenter.stage_changed, presenter.refused,
                       presenter.session_opened, presenter.view_changed,
                       presenter.typed, QApplication.instance().focusChanged):
            signal.connect(self.idle.touch)
        self._menus()

        self.home.new_requested.connect(self._on_home_new_requested)
        self.home.open_requested.connect(self._on_home_open_requested)
        self.home.sample_requested.connect(self._on_home_sample_requested)
        presenter.sessions_changed.connect(self.home.refresh)
        presenter.session_opened.connect(self._on_presenter_session_opened)
        self.home.refresh()

    @property
    def cover(self) -> Cover:
        """What hides everything when the window locks, built the first time it does."""
        if self._cover is None:
            self._cover = Cover(self.pages)
            self._cover.unlocked.connect(self._on_cover_unlocked)
            self.pages.addWidget(self._cover)
        return self._cover

    @property
    def session_view(self):
        """The session screen, built when the first session opens (start-up stays quick)."""
        if self._session_view is None:
            from ui.session_view import SessionView

            self._session_view = SessionView(self.presenter, self.pages)
            self._session_view.home_requested.connect(self._on_session_view_home_requested)
            self._session_view.plan_requested.connect(self._on_plan_requested)
            self.pages.addWidget(self._session_view)
        return self._session_view

    def _menus(self) -> None:
        menu = self.menuBar().addMenu("&Session")
        self.new_action = QAction("&New session…", self)
        self.new_action.setShortcut(QKeySequence.StandardKey.New)
        self.new_action.triggered.connect(self._on_home_new_requested)
        menu.addAction(self.new_action)
        self.home_action = QAction("All &sessions", self)
        self.home_action.setShortcut(QKeySequence("Ctrl+Shift+H"))
        self.home_action.triggered.connect(self._on_session_view_home_requested)
        menu.addAction(self.home_action)
        menu.addSeparator()
        self.plan_action = QAction("The &plan: preview, export, print…", self)
        self.plan_action.setShortcuts([QKeySequence("Ctrl+E"), QKeySequence.StandardKey.Print])
        self.plan_action.triggered.connect(self._on_plan_requested)
        self.plan_action.setEnabled(False)
        menu.addAction(self.plan_action)
        menu.addSeparator()
        self.party_action = QAction("Party &view (hide private notes)", self)
        self.party_action.setCheckable(True)
        self.party_action.setShortcut(QKeySequence("Ctrl+Shift+V"))
        self.party_action.setEnabled(False)
        self.party_action.toggled.connect(self._on_party_action_toggled)
        menu.addAction(self.party_action)
        self.lock_action = QAction("&Hide everything (lock)", self)
        self.lock_action.setShortcut(QKeySequence("Ctrl+L"))
        self.lock_action.triggered.connect(self.lock)
        menu.addAction(self.lock_action)
        self.settings_action = QAction("Se&ttings…", self)
        self.settings_action.setShortcut(QKeySequence("Ctrl+,"))
        self.settings_action.triggered.connect(self._on_settings_action_triggered)
        menu.addAction(self.settings_action)
        menu.addSeparator()
        quit_action = QAction("&Quit", self)
        quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        quit_action.triggered.connect(self.close)
        menu.addAction(quit_action)

    def _on_home_new_requested(self) -> None:
        choice = NewSessionDialog.ask(self.presenter, self)
        if choice is not None:
            self.presenter.create_session(guide_id=choice.guide_id, mode=choice.mode,
                                          a=choice.a, b=choice.b, mediator=choice.mediator,
                                          title=choice.title)

    def _on_home_open_requested(self, session_id: int) -> None:
        self.presenter.open_session(session_id)

    def _on_home_sample_requested(self) -> None:
        from facilitator.demo import add_demo

        self.presenter.open_session(add_demo(self.presenter.store, self.presenter.library))

    def _on_plan_requested(self) -> None:
        from ui.plan_dialog import PlanDialog

        if self.presenter.runner is not None:
            PlanDialog.ask(self.presenter, self)

    def _on_settings_action_triggered(self) -> None:
        from ui.settings import SettingsDialog

        SettingsDialog.ask(self.presenter, self)
        self.idle.timer.setInterval(self.presenter.lock_minutes * 60_000)
        self.idle.timer.start()

    def check_store(self) -> bool:
        """After start: a damaged store offers the newest backup; False when it stays shut."""
        from facilitator.backup import backups

        problem = self.presenter.store_problem()
        if problem is None:
            return True
        found = backups(self.presenter.store.path.parent)
        newest = str(found[0]) if found else None
        if DamagedDialog.ask(problem, newest, self) and newest:
            return self.presenter.restore_backup(newest) is None
        self.close()
        return False

    def offer_protection(self) -> None:
        """The first run: offer a passphrase before anything is written."""
        from ui.settings import FirstRunDialog, PassphraseDialog

        if FirstRunDialog.ask(self):
            answer = PassphraseDialog.ask("protect", self)
            if answer is not None:
                self.presenter.change_protection(None, answer.new)

    def _on_party_action_toggled(self, on: bool) -> None:
        if on or self.presenter.runner is None:
            self.presenter.set_party_view(on)
            return
        check = self._passphrase_check()
        allowed = (UnlockDialog.ask(check, self) is not None if check
                   else MediatorViewDialog.ask(self))
        if allowed:
            self.presenter.set_party_view(False)
        else:
            self.party_action.blockSignals(True)
            self.party_action.setChecked(True)
            self.party_action.blockSignals(False)

    def _on_presenter_session_opened(self) -> None:
        self.plan_action.setEnabled(True)
        self.presenter.party_view = False
        self.party_action.blockSignals(True)
        self.party_action.setChecked(False)
        self.party_action.blockSignals(False)
        self.party_action.setEnabled(self.presenter.mediated)
        self.session_view.show_session()
        self.pages.setCurrentWidget(self.session_view)
        self.setWindowTitle(f"{self.presenter.session.title} — Facilitator")

    def _on_session_view_home_requested(self) -> None:
        self.plan_action.setEnabled(False)
        self.presenter.close_session()
        self.home.refresh()
        self.pages.setCurrentWidget(self.home)
        self.setWindowTitle("Facilitator")

    def lock(self) -> None:
        """Hide every word on screen at once; edits are saved first."""
        if self._cover is not None and self.pages.currentWidget() is self._cover:
            return
        self.presenter.flush()
        self._behind_cover = self.pages.currentWidget()
        for widget in QApplication.topLevelWidgets():  # dialogs over the window go too
            if widget is not self and widget.isVisible() and widget.isWindow():
                widget.hide()
        self.menuBar().setEnabled(False)
        self._enabled_before_lock = {a: a.isEnabled() for a in self._guarded_actions()}
        for action in self._enabled_before_lock:
            action.setEnabled(False)  # their shortcuts would work behind a disabled menu
        self.cover.prepare(self._passphrase_check())
        self.pages.setCurrentWidget(self.cover)
        self.setWindowTitle("Facilitator")

    def _passphrase_check(self):
        store = self.presenter.store
        if not store.encrypted:
            return None
        from facilitator.cipher import connect
        from facilitator.errors import PassphraseError

        def check(passphrase: str) -> str | None:
            try:
                connect(store.path, passphrase).close()
            except PassphraseError:
                return "That is not the passphrase."
            return None

        return check

    def _guarded_actions(self) -> list:
        return [self.new_action, self.home_action, self.plan_action, self.party_action,
                self.lock_action, self.settings_action]

    def _on_cover_unlocked(self) -> None:
        self.menuBar().setEnabled(True)
        for action, enabled in getattr(self, "_enabled_before_lock", {}).items():
            action.setEnabled(enabled)
        self.pages.setCurrentWidget(self._behind_cover or self.home)
        if self.presenter.runner is not None:
            self.setWindowTitle(f"{self.presenter.session.title} — Facilitator")
        self.idle.timer.start()

    def closeEvent(self, event) -> None:  # noqa: N802 (Qt API)
        self.presenter.flush()
        super().closeEvent(event)
