"""The desktop app, offscreen: home, new session, the session screen, autosave."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from steps import satisfy, walk_to

from facilitator import paths
from facilitator.demo import add_demo
from facilitator.runner import Runner
from ui.app import build
from ui.models import ID_ROLE
from ui.new_session import NewSession, NewSessionDialog


def open_at(presenter, kind: str) -> Runner:
    """A couple's self-guided session, walked to the first step of `kind` and opened."""
    runner = Runner.start(presenter.store, presenter.library, guide_id="couples-self-guided",
                          mode="self-guided", a="Avery", b="Blake")
    walk_to(runner, kind)
    presenter.open_session(runner.session.id)
    return runner


def shown(label) -> str:
    """A label's (whole) text without the bidi isolates that keep names whole."""
    text = label.full_text() if hasattr(label, "full_text") else label.text()
    return text.replace("\u2068", "").replace("\u2069", "").replace("\u200e", "")


def stored_text(folder: Path, needle: str) -> bool:
    """Whether `needle` is in the database, read through a separate connection."""
    conn = sqlite3.connect(paths.database(folder))
    try:
        rows = conn.execute("SELECT content FROM records").fetchall()
    finally:
        conn.close()
    return any(needle in row[0] for row in rows)


def test_the_window_title_and_the_welcoming_empty_state(app_window):
    presenter, window = app_window
    assert "Facilitator" in window.windowTitle()
    assert window.home.pages.currentIndex() == 1  # the welcome page
    window.home.sample.click()
    assert window.pages.currentWidget() is window.session_view
    assert presenter.session.title in window.windowTitle()
    assert "Facilitator" in window.windowTitle()


def test_home_lists_sessions_and_filters_them(app_window, qtbot):
    presenter, window = app_window
    for a, b, title in (("Avery", "Blake", "Chores"), ("Casey", "Devon", "Deadlines")):
        Runner.start(presenter.store, presenter.library, guide_id="couples-self-guided",
                     mode="self-guided", a=a, b=b, title=title)
    window.home.refresh()
    model = window.home.model
    assert window.home.pages.currentIndex() == 0
    assert [model.index(r, 0).data() for r in range(model.rowCount())] == [
        "Deadlines", "Chores"]
    qtbot.keyClicks(window.home.filter, "aver")
    assert [model.index(r, 1).data() for r in range(model.rowCount())] == ["Avery and Blake"]
    window.home.resume.click()
    assert presenter.session.title == "Chores"


def test_home_finds_a_session_by_words_said_in_it(app_window, qtbot):
    presenter, window = app_window
    demo = add_demo(presenter.store, presenter.library, review=False)
    Runner.start(presenter.store, presenter.library, guide_id="couples-self-guided",
                 mode="self-guided", a="Avery", b="Blake", title="Chores")
    window.home.refresh()
    model = window.home.model
    assert model.rowCount() == 2
    qtbot.keyClicks(window.home.filter, "earplug")  # an idea in the sample session
    assert [model.index(r, 0).data(ID_ROLE) for r in range(model.rowCount())] == [demo]
    window.home.filter.clear()
    qtbot.keyClicks(window.home.filter, "landlord")  # only in a private note
    assert model.rowCount() == 0


def test_sessions_that_change_out_of_sight_are_listed_when_home_shows_again(app_window):
    presenter, window = app_window
    window.lock()  # home is behind the cover, out of sight
    Runner.start(presenter.store, presenter.library, guide_id="couples-self-guided",
                 mode="self-guided", a="Avery", b="Blake", title="Chores")
    presenter.sessions_changed.emit()
    window.cover.show_button.click()
    model = window.home.model
    assert window.pages.currentWidget() is window.home
    assert [model.index(r, 0).data() for r in range(model.rowCount())] == ["Chores"]
    assert window.home.pages.currentIndex() == 0  # the list, not the welcome page


def test_the_common_ground_is_in_view_beside_the_long_needs_list(app_window, qtbot):
    presenter, window = app_window
    window.resize(1280, 800)
    presenter.open_session(add_demo(presenter.store, presenter.library, review=False))
    view = window.session_view
    presenter.go_to(next(s.index for s in presenter.runner.stages if s.kind == "needs"))
    screen = view.screen("needs")
    qtbot.waitUntil(lambda: not screen.common.visibleRegion().isEmpty())
    # the inventory scrolls inside its tab; the step itself needs no second scroll bar
    assert screen.common.visibleRegion().boundingRect().height() == screen.common.height()
    assert view.holder.height() <= view.holder.parentWidget().height()


def test_the_step_s_words_scroll_with_it_and_a_new_step_starts_at_its_top(app_window, qtbot):
    presenter, window = app_window
    window.resize(1280, 800)
    presenter.open_session(add_demo(presenter.store, presenter.library, review=False))
    view = window.session_view
    first, second = [s.index for s in presenter.runner.stages if s.kind == "statement"]
    presenter.go_to(first)
    bar = view.scroll.verticalScrollBar()
    qtbot.waitUntil(lambda: bar.maximum() > 0)  # the mediator's statement step is tall
    bar.setValue(bar.maximum())
    qtbot.waitUntil(lambda: view.step_title.visibleRegion().isEmpty())  # scrolled away
    assert not view.banner.visibleRegion().isEmpty()  # whose turn it is stays in view
    presenter.go_to(second)  # as tall: without a new start it would stay scrolled down
    assert bar.value() == 0
    qtbot.waitUntil(lambda: not view.step_title.visibleRegion().isEmpty())


def test_table_rows_fit_their_words_when_a_step_is_first_shown_on_the_way_back(app_window,
                                                                             qtbot):
    presenter, window = app_window
    window.resize(1280, 800)
    presenter.open_session(add_demo(presenter.store, presenter.library, review=False))
    options = next(s.index for s in presenter.runner.stages if s.kind == "options")
    presenter.go_to(options + 1)  # the plan step first, then back: the ideas built out of sight
    for _ in range(3):  # the plan step laid out and painted
        QApplication.processEvents()
    presenter.go_to(options)
    table = window.session_view.screen("options").view
    qtbot.waitUntil(lambda: table.viewport().width() > 500)
    for _ in range(3):
        QApplication.processEvents()
    one_line = table.fontMetrics().lineSpacing() * 2  # short ideas: one line each, with room
    assert all(table.rowHeight(row) < one_line for row in range(table.model().rowCount()))


def _clashes(window) -> dict[str, set[str]]:
    """Alt+letter keys of what can be seen (menu titles, buttons, fields' labels) that two
    different texts share. The same field for each person ("How &calm" twice) may share one:
    Qt moves between them at each press, as people expect."""
    import re

    from PySide6.QtWidgets import QAbstractButton, QLabel

    menus = window.menuBar().actions() if hasattr(window, "menuBar") else []
    texts = [action.text() for action in menus]
    texts += [w.text() for w in window.findChildren(QAbstractButton) if w.isVisible()]
    texts += [w.text() for w in window.findChildren(QLabel) if w.isVisible() and w.buddy()]
    owners: dict[str, set[str]] = {}
    for text in texts:
        for key in re.findall(r"(?<!&)&([^&\s])", text):
            owners.setdefault(key.lower(), set()).add(text)
    return {key: found for key, found in owners.items() if len(found) > 1}


def test_no_two_visible_actions_share_an_alt_letter(app_window):
    presenter, window = app_window
    for page in (0, 1):  # the welcome and the list
        window.home.pages.setCurrentIndex(page)
        assert _clashes(window) == {}
    presenter.open_session(add_demo(presenter.store, presenter.library, review=False))
    for stage in presenter.runner.stages:
        presenter.go_to(stage.index)
        assert _clashes(window) == {}, stage.kind
    couple = Runner.start(presenter.store, presenter.library, guide_id="couples-self-guided",
                          mode="self-guided", a="Sam", b="Alex", title="Weekends")
    presenter.open_session(couple.session.id)
    while True:
        assert _clashes(window) == {}, presenter.runner.stage.kind
        if presenter.runner.at_end:
            break
        satisfy(presenter.runner)
        presenter.advance()


def test_no_two_keys_in_a_dialog_share_an_alt_letter(app_window, qtbot):
    from ui.plan_dialog import PlanDialog
    from ui.settings import SettingsDialog

    presenter, window = app_window
    dialog = NewSessionDialog(presenter, window)
    qtbot.addWidget(dialog)
    dialog.show()
    for mode in (dialog.mediated, dialog.self_guided):
        mode.click()
        assert _clashes(dialog) == {}
    presenter.open_session(add_demo(presenter.store, presenter.library, review=False))
    for kind in (PlanDialog, SettingsDialog):
        other = kind(presenter, window)
        qtbot.addWidget(other)
        other.show()
        assert _clashes(other) == {}, kind.__name__


def test_new_session_shows_mistakes_inline_and_refuses_to_start(qtbot, app_window):
    presenter, _ = app_window
    dialog = NewSessionDialog(presenter)
    qtbot.addWidget(dialog)
    dialog.mediated.setChecked(True)
    assert {dialog.guide.itemData(i) for i in range(dialog.guide.count())} == {
        "mediated-two-party"}
    qtbot.keyClicks(dialog.a, "Sam")
    assert dialog.problems.text() == ""  # an empty field is not a mistake yet
    qtbot.keyClicks(dialog.b, "sam")
    assert "different names" in dialog.problems.text()
    dialog.buttons.accepted.emit()
    assert dialog.result() != dialog.DialogCode.Accepted
    assert "mediator's name" in dialog.problems.text()
    dialog.b.clear()
    qtbot.keyClicks(dialog.b, "Alex")
    qtbot.keyClicks(dialog.mediator, "Morgan")
    assert dialog.problems.text() == ""
    dialog.self_guided.setChecked(True)
    assert not dialog.mediator.isVisible()
    assert dialog.guide.currentData() in ("couples-self-guided", "coworkers-self-guided")
    assert dialog.description.text()


def test_new_session_opens_the_first_step(app_window, monkeypatch):
    presenter, window = app_window
    choice = NewSession("self-guided", "couples-self-guided", "Avery", "Blake", None, "Money")
    monkeypatch.setattr(NewSessionDialog, "ask", classmethod(lambda cls, p, parent: choice))
    window.new_action.trigger()
    view = window.session_view
    assert window.pages.currentWidget() is view
    assert shown(view.title) == "Money"
    assert view.stages.rowCount() == len(presenter.runner.stages)
    assert view.step_title.text() == presenter.stage.step.title
    assert "Money" in window.windowTitle()


def test_next_says_what_is_still_needed(app_window, qtbot):
    presenter, window = app_window
    open_at(presenter, "agreement")
    view = window.session_view
    qtbot.keyClick(view, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert 'Avery has not ticked "I agree" yet' in view.missing.text()
    screen = view.screen("agreement")
    screen.ticks["a"].click()
    screen.ticks["b"].click()
    view.next.click()
    assert presenter.stage.kind == "checkin"
    assert view.progress.currentIndex().row() == presenter.runner.position


def test_the_turn_banner_names_who_speaks_and_who_listens(app_window):
    presenter, window = app_window
    open_at(presenter, "reflection")
    view = window.session_view
    assert view.banner.isVisible()
    assert shown(view.banner) == "Blake says back what they heard · Avery listens"
    presenter.back()
    assert shown(view.banner) == "Avery speaks · Blake listens"


def test_typing_reaches_the_store_within_a_second(app_window, qtbot, tmp_path):
    presenter, window = app_window
    open_at(presenter, "statement")
    field = window.session_view.screen("statement").observation
    qtbot.keyClicks(field, "You left the car on empty")
    qtbot.waitUntil(lambda: stored_text(tmp_path, "You left the car on empty"), timeout=1000)


def test_closing_in_the_middle_of_typing_keeps_the_text(qtbot, tmp_path):
    presenter, window = build(tmp_path)
    qtbot.addWidget(window)
    window.show()
    runner = Runner.start(presenter.store, presenter.library, guide_id="coworkers-self-guided",
                          mode="self-guided", a="Casey", b="Devon")
    walk_to(runner, "statement")
    session_id = runner.session.id
    presenter.open_session(session_id)
    field = window.session_view.screen("statement").observation
    qtbot.keyClicks(field, "The report went out without my part")
    assert presenter.has_pending  # not yet written: the debounce has not fired
    window.close()
    presenter.store.close()
    again, window2 = build(tmp_path)
    qtbot.addWidget(window2)
    window2.show()
    again.open_session(session_id)
    screen = window2.session_view.screen("statement")
    assert again.stage.kind == "statement"
    assert screen.observation.toPlainText() == "The report went out without my part"
    again.close_session()
    again.store.close()


def test_people_s_words_are_shown_as_text_not_html(app_window):
    presenter, window = app_window
    runner = Runner.start(presenter.store, presenter.library, guide_id="couples-self-guided",
                          mode="self-guided", a="<b>Avery</b>", b="Blake",
                          title="<i>not italic</i>")
    walk_to(runner, "statement")
    presenter.open_session(runner.session.id)
    view = window.session_view
    assert view.title.textFormat() == Qt.TextFormat.PlainText
    assert shown(view.title) == "<i>not italic</i>"
    assert view.banner.textFormat() == Qt.TextFormat.PlainText
    assert "<b>Avery</b> speaks" in shown(view.banner)


def test_a_finished_session_offers_a_follow_up_review(app_window):
    presenter, window = app_window
    window.home.sample.click()
    view = window.session_view
    assert presenter.session.status == "finished"
    assert not view.next.isEnabled() and view.review.isVisible()
    view.review.click()
    assert presenter.runner.meeting_number == 3
    assert presenter.runner.guide.id == "follow-up-review"
    assert view.next.isEnabled() and not view.review.isVisible()
    assert presenter.stage.kind == "checkin"


def test_the_keyboard_opens_a_session_from_home(app_window, qtbot):
    presenter, window = app_window
    Runner.start(presenter.store, presenter.library, guide_id="couples-self-guided",
                 mode="self-guided", a="Avery", b="Blake", title="Chores")
    window.home.refresh()
    qtbot.keyClicks(window.home.filter, "chor")
    qtbot.keyClick(window.home.filter, Qt.Key.Key_Return)
    assert presenter.session.title == "Chores"


def pdf_text(path) -> str:
    """A PDF's text with its words joined by single spaces, bidi isolates removed."""
    from pypdf import PdfReader

    text = " ".join(page.extract_text() for page in PdfReader(path).pages)
    for mark in ("\u2068", "\u2069", "\u200e"):
        text = text.replace(mark, "")
    return " ".join(text.split())


def test_the_plan_is_previewed_then_exported_and_printed(app_window, monkeypatch, tmp_path):
    from PySide6.QtPrintSupport import QPrinter

    from ui.plan_dialog import PlanDialog, PrintDialog, SaveDialog

    presenter, window = app_window
    window.home.sample.click()
    view = window.session_view
    assert view.plan.isVisible() and window.plan_action.isEnabled()
    shown = []
    monkeypatch.setattr(PlanDialog, "ask", classmethod(lambda cls, p, parent: shown.append(
        cls(p, parent))))
    view.plan.click()
    dialog = shown[0]
    preview = dialog.preview.toPlainText()
    assert "Dana Whitfield" in preview and "Saturday lessons only after 10 am" in preview
    assert "landlord" not in preview  # the mediator's private note
    opened = []
    monkeypatch.setattr(dialog, "open_file", opened.append)
    target = tmp_path / "out" / "plan.pdf"
    target.parent.mkdir()
    monkeypatch.setattr(SaveDialog, "ask", classmethod(lambda cls, parent, s, f: str(target)))
    dialog.export_button.click()
    assert opened == [str(target)]
    text = pdf_text(target)
    assert "Marco Lindqvist" in text and "landlord" not in text
    dialog.format.setCurrentIndex(2)  # Markdown
    markdown = tmp_path / "out" / "plan.md"
    monkeypatch.setattr(SaveDialog, "ask", classmethod(lambda cls, parent, s, f: str(markdown)))
    dialog.export_button.click()
    assert markdown.read_text(encoding="utf-8").startswith("# Piano hours")
    printed = tmp_path / "printed.pdf"

    def print_to_file(cls, printer, parent):
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(printed))
        return True

    monkeypatch.setattr(PrintDialog, "ask", classmethod(print_to_file))
    dialog.print_button.click()
    assert "Ruth Adeyemi" in pdf_text(printed)
    dialog.close()


def test_the_paper_size_can_be_changed(app_window, monkeypatch, tmp_path):
    from pypdf import PdfReader

    from ui.plan_dialog import PlanDialog, SaveDialog

    presenter, window = app_window
    window.home.sample.click()
    dialog = PlanDialog(presenter, window)
    monkeypatch.setattr(dialog, "open_file", lambda path: None)
    sizes = {}
    for size in ("a4", "letter"):
        dialog.page_size.setCurrentIndex(dialog.page_size.findData(size))
        target = tmp_path / f"{size}.pdf"
        monkeypatch.setattr(SaveDialog, "ask", classmethod(lambda c, p, s, f, t=target: str(t)))
        dialog.export_button.click()
        box = PdfReader(target).pages[0].mediabox
        sizes[size] = (round(float(box.width)), round(float(box.height)))
    assert sizes == {"a4": (595, 842), "letter": (612, 792)}
    dialog.close()


def test_typing_the_disk_refuses_is_kept_and_saved_when_it_can(app_window, qtbot, tmp_path):
    """A read-only or full disk: a clear message, the text kept in memory and retried."""
    presenter, window = app_window
    open_at(presenter, "statement")
    view = window.session_view
    presenter.store.conn.execute("PRAGMA query_only = ON")  # every write now fails
    qtbot.keyClicks(view.screen("statement").observation, "Nobody told me about Friday")
    presenter.flush()
    assert "not saved yet" in view.missing.text() and presenter.has_pending
    assert not stored_text(tmp_path, "Nobody told me about Friday")
    presenter.store.conn.execute("PRAGMA query_only = OFF")  # the disk has room again
    qtbot.waitUntil(lambda: stored_text(tmp_path, "Nobody told me about Friday"), timeout=5000)
    assert not presenter.has_pending


def test_the_tone_coach_suggests_a_gentler_wording_and_never_blocks(app_window, qtbot):
    presenter, window = app_window
    open_at(presenter, "statement")
    screen = window.session_view.screen("statement")
    qtbot.keyClicks(screen.observation, "I came home late")
    qtbot.waitUntil(lambda: not screen._coach_timer.isActive())
    assert not screen.coach.isVisible()
    qtbot.keyClicks(screen.observation, " and you always ignore me")
    qtbot.waitUntil(lambda: screen.coach.isVisible())
    assert screen.coach.text().startswith("Coach: ")
    assert "Perhaps: When" in screen.coach.text()
    screen.feelings.toggle("hurt")
    window.session_view.next.click()  # coaching, not blocking
    assert presenter.stage.kind == "reflection"


def test_a_break_covers_the_session_and_resumes_exactly_where_it_was(app_window, qtbot):
    from datetime import UTC, datetime, timedelta

    from ui.pause import remaining

    presenter, window = app_window
    runner = open_at(presenter, "statement")
    view = window.session_view
    position = presenter.runner.position
    view.pause.click()
    assert view.break_screen.isVisible() and not view.splitter.isVisible()
    assert view.break_screen.clock.text() in ("20:00 left", "19:59 left")
    assert presenter.store.load_session(runner.session.id).pauses[0].ended is None
    presenter.close_session()  # the app closes during the break …
    presenter.open_session(runner.session.id)  # … and opens in it again
    assert view.break_screen.isVisible()
    view.break_screen.ready.click()
    assert view.splitter.isVisible() and not view.break_screen.isVisible()
    assert presenter.runner.position == position
    assert presenter.store.load_session(runner.session.id).pauses[0].ended
    start = datetime(2026, 11, 27, 10, 0, tzinfo=UTC)
    assert remaining("2026-11-27T10:00:00Z", 20, start + timedelta(minutes=5)) == 900
    assert remaining("2026-11-27T10:00:00Z", 20, start + timedelta(hours=1)) == 0


def test_the_follow_through_record_shows_on_the_session(app_window):
    presenter, window = app_window
    window.home.sample.click()  # the sample has one review: 2 of 4 kept
    assert "2 of 4 commitments kept" in window.session_view.mode.text()


def test_the_floor_timer_reminds_gently_and_talk_time_is_kept(app_window):
    from facilitator.fairness import shares

    presenter, window = app_window
    open_at(presenter, "statement")
    view = window.session_view
    assert shown(view.timebox) == "Avery has the floor · 0:00 of about 5 minutes"
    for _ in range(20):
        view._on_clock_timeout()  # one second each, as the clock's timer would
    assert shown(view.timebox) == "Avery has the floor · 0:20 of about 5 minutes"
    assert shares(presenter.store.load_session(presenter.session.id))["a"].seconds == 15
    view._elapsed = 300
    view._on_clock_timeout()
    assert "past the 5 minutes suggested; no rush" in shown(view.timebox)
    assert view.next.isEnabled()  # a reminder, never a hard stop
    presenter.back()  # leaving the turn records the rest
    assert shares(presenter.store.load_session(presenter.session.id))["a"].seconds == 21
    assert not view.balance.isVisible()  # self-guided: no mediator's balance view


def test_the_mediator_sees_the_balance_of_talk_time(app_window):
    from facilitator.demo import add_demo

    presenter, window = app_window
    session_id = add_demo(presenter.store, presenter.library, review=False)
    presenter.open_session(session_id)
    from facilitator.fairness import clock, shares

    presenter.go_to(3)  # Dana's statement
    view = window.session_view
    before = shares(presenter.session)
    for _ in range(16):
        view._on_clock_timeout()
    after = shares(presenter.store.load_session(session_id))
    assert after["a"].seconds == before["a"].seconds + 15
    assert view.balance.isVisible()
    text = shown(view.balance)
    share = round(100 * after["a"].seconds / (after["a"].seconds + after["b"].seconds))
    assert text.startswith(f"Talk time: Dana Whitfield {clock(after['a'].seconds)} ({share}%)")
    assert f"Marco Lindqvist {clock(after['b'].seconds)}" in text and "words" in text
    assert "3 tries to reflect" in text and "1 try to reflect" in text  # Marco, then Dana
    window.party_action.trigger()
    assert not view.balance.isVisible()


def test_a_safety_concern_stops_a_self_guided_session_kindly(app_window, qtbot):
    presenter, window = app_window
    presenter.create_session(guide_id="couples-self-guided", mode="self-guided", a="Avery",
                             b="Blake", mediator=None, title="")
    view = window.session_view
    questions = presenter.stage.step.questions
    for party in "ab":
        for q in questions:
            worry = party == "b" and q is questions[0]
            answer = q.concern if worry else ("no" if q.concern == "yes" else "yes")
            presenter.act(lambda r, p=party, q=q, a=answer: r.answer_screening(p, q.id, a))
    assert view.safety.isVisible() and not view.next.isEnabled()
    assert not view.current_screen.isVisible()  # nothing of the answers is on screen
    from PySide6.QtWidgets import QLabel

    words = " ".join(label.text() for label in view.safety.findChildren(QLabel))
    assert presenter.stage.step.help in words and "mediator" in words
    assert "Blake" not in words and "Avery" not in words
    window.resize(1280, 800)
    qtbot.waitUntil(lambda: view.holder.height() > 500)
    # the step's words and the stop at the top, the room left below them (not spread out)
    assert view.step_title.y() < 20
    assert view.safety.geometry().bottom() < view.holder.height() // 2
    view.safety_home.click()
    assert window.pages.currentWidget() is window.home


def test_checkins_across_sessions_of_the_same_people_are_charted(app_window):
    from facilitator.demo import add_demo
    from facilitator.trends import checkin_series

    presenter, window = app_window
    first = add_demo(presenter.store, presenter.library)  # two meetings
    second = add_demo(presenter.store, presenter.library, review=False)  # one more
    Runner.start(presenter.store, presenter.library, guide_id="couples-self-guided",
                 mode="self-guided", a="Avery", b="Blake")  # other people: not charted
    points = checkin_series(presenter.store, presenter.store.load_session(second))
    assert [p.label for p in points if p.party == "a"] == [
        "1 start", "1 end", "2 start", "2 end", "3 start", "3 end"]
    assert [(p.calm, p.hope) for p in points if p.party == "a"][:2] == [(2, 2), (4, 4)]
    presenter.open_session(first)
    presenter.go_to(presenter.runner.position)  # the review's closing
    chart = window.session_view.screen("closing").chart
    assert len(chart.points) == 12 and "calm 2, hope 2" in chart.accessibleDescription()
    image = chart.grab().toImage()
    assert image.width() > 100  # it paints without error


def test_clicks_the_disk_refuses_are_kept_and_made_when_it_can(app_window, qtbot):
    presenter, window = app_window
    open_at(presenter, "agreement")
    screen = window.session_view.screen("agreement")
    presenter.store.conn.execute("PRAGMA query_only = ON")
    screen.ticks["a"].click()
    presenter.act(lambda r: r.add_note("Agreed to talk on Sundays"))
    assert "not saved yet" in window.session_view.missing.text()
    assert presenter.session.notes == []  # the model is what is stored, nothing invented
    presenter.store.conn.execute("PRAGMA query_only = OFF")
    session_id = presenter.session.id
    qtbot.waitUntil(lambda: not presenter.has_pending, timeout=5000)
    stored = presenter.store.load_session(session_id)
    assert [n.text for n in stored.notes] == ["Agreed to talk on Sundays"]  # once, not twice
    assert stored.record(1, presenter.stage.step.id, "a").content == {"agreed": True}


def test_the_coach_never_shows_another_sessions_words(app_window, qtbot):
    presenter, window = app_window
    open_at(presenter, "statement")
    screen = window.session_view.screen("statement")
    qtbot.keyClicks(screen.request, "you must stop calling my sister")
    qtbot.waitUntil(lambda: screen.coach.isVisible())
    open_at(presenter, "statement")  # another session, same screen
    assert screen.request.text() == "" and not screen.coach.isVisible()
