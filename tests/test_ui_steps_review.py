"""The screening, check-in, closing and review screens, driven through their own widgets, with
what they save checked in the store itself."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QLabel, QRadioButton
from steps import finish, walk_to

from facilitator.library import Library
from facilitator.store import Store
from ui import steps
from ui.presenter import Presenter


@pytest.fixture
def presenter(tmp_path, qtbot):
    store = Store.open(tmp_path / "facilitator.db")
    presenter = Presenter(store, Library.load())
    yield presenter
    presenter.close_session()
    store.close()


def start(presenter, guide_id="mediated-two-party", a="Avery", b="Blake"):
    mediated = guide_id == "mediated-two-party"
    return presenter.create_session(guide_id=guide_id, mode="mediated" if mediated
                                    else "self-guided", a=a, b=b,
                                    mediator="Morgan" if mediated else None, title="")


def screen_for(presenter, qtbot, kind):
    assert presenter.stage.kind == kind
    screen = steps.make(kind, presenter)
    qtbot.addWidget(screen)
    presenter.changed.connect(screen.on_change)  # as the session view forwards changes
    screen.show_stage(presenter.stage)
    return screen


def stored(presenter, session_id):
    return presenter.store.load_session(session_id)


def visible_radios(screen):
    return [b for b in screen.findChildren(QRadioButton) if b.isVisibleTo(screen)]


def bare(text):
    """Text as read, without the bidi isolates the screens put around names."""
    return text.replace("\u2068", "").replace("\u2069", "").replace("\u200e", "")


def visible_text(screen):
    return bare(" ".join(label.text() for label in screen.findChildren(QLabel)
                         if label.isVisibleTo(screen)))


def answer_all(question_list, pick):
    """Click an answer for every question; `pick(question_id)` says which."""
    for question_id, group in question_list.groups.items():
        wanted = pick(question_id)
        next(b for b in group.buttons() if b.property("answer") == wanted).click()


# -- screening --------------------------------------------------------------------------


def test_self_guided_screening_hands_over_and_never_shows_answers_again(presenter, qtbot):
    session_id = start(presenter, "couples-self-guided", a="Sam", b="Alex")
    screen = screen_for(presenter, qtbot, "screening")
    questions = presenter.stage.step.questions
    safe = {q.id: "no" if q.concern == "yes" else "yes" for q in questions}

    assert screen.handoff_page.isVisibleTo(screen)
    assert "Pass the computer to Sam" in bare(screen.handoff_text.text())
    assert visible_radios(screen) == []

    screen.continue_button.click()
    assert len(visible_radios(screen)) == 2 * len(questions)
    assert not any(b.isChecked() for b in visible_radios(screen))
    assert "Alex" not in " ".join(b.accessibleName() for b in visible_radios(screen))
    assert not screen.done_button.isEnabled()
    answer_all(screen._private, safe.get)
    assert screen.done_button.isEnabled()
    screen.done_button.click()

    record = stored(presenter, session_id).record(1, "private-check", "a")
    assert record.content["answers"] == safe
    assert record.visibility == "private"
    assert "Pass the computer to Alex" in bare(screen.handoff_text.text())
    assert visible_radios(screen) == []

    screen.continue_button.click()
    radios = visible_radios(screen)
    assert len(radios) == 2 * len(questions)
    assert not any(b.isChecked() for b in radios), "Sam's answers must not show to Alex"
    answer_all(screen._private, safe.get)
    screen.done_button.click()

    assert stored(presenter, session_id).record(1, "private-check", "b").content["answers"] \
        == safe
    assert screen.done_page.isVisibleTo(screen)
    assert "Both of you have answered" in visible_text(screen)
    assert visible_radios(screen) == []
    screen.show_stage(presenter.stage)  # coming back to the step shows no answers either
    assert screen.done_page.isVisibleTo(screen)
    assert visible_radios(screen) == []
    assert presenter.advance()


def test_self_guided_concern_stops_without_saying_whose(presenter, qtbot):
    start(presenter, "couples-self-guided", a="Sam", b="Alex")
    screen = screen_for(presenter, qtbot, "screening")
    questions = presenter.stage.step.questions
    safe = {q.id: "no" if q.concern == "yes" else "yes" for q in questions}
    for answers in ({**safe, "afraid": "yes"}, safe):
        screen.continue_button.click()
        answer_all(screen._private, answers.get)
        screen.done_button.click()

    assert presenter.runner.safety_stop
    shown = visible_text(screen)
    assert "Both of you have answered" in shown
    assert "Sam" not in shown and "Alex" not in shown
    assert visible_radios(screen) == []


def test_a_half_answered_screening_starts_with_that_person_and_empty(presenter, qtbot):
    start(presenter, "couples-self-guided", a="Sam", b="Alex")
    presenter.runner.answer_screening("b", "afraid", "no")
    presenter.runner.answer_screening("a", "afraid", "no")
    for q in presenter.stage.step.questions:
        presenter.runner.answer_screening("a", q.id, "no" if q.concern == "yes" else "yes")
    screen = screen_for(presenter, qtbot, "screening")
    assert "Pass the computer to Alex" in bare(screen.handoff_text.text())
    screen.continue_button.click()
    assert not any(b.isChecked() for b in visible_radios(screen))


def test_mediated_screening_saves_answers_for_both_parties(presenter, qtbot):
    session_id = start(presenter, a="Avery", b="<b>Blake</b>")
    screen = screen_for(presenter, qtbot, "screening")
    both = screen._both
    assert "About Avery" in visible_text(screen)
    assert "About <b>Blake</b>" in visible_text(screen)
    questions = presenter.stage.step.questions
    safe = {q.id: "no" if q.concern == "yes" else "yes" for q in questions}
    answer_all(both.lists["a"], safe.get)
    answer_all(both.lists["b"], {**safe, "fear": "yes"}.get)

    session = stored(presenter, session_id)
    assert session.record(1, "private-screening", "a").content["answers"] == safe
    assert session.record(1, "private-screening", "b").content["answers"]["fear"] == "yes"
    assert both.counts["a"].text() == f"{len(questions)} of {len(questions)} answered"
    assert not both.concerns["a"].isVisibleTo(screen)
    assert both.concerns["b"].isVisibleTo(screen)
    assert both.help.isVisibleTo(screen)

    again = screen_for(presenter, qtbot, "screening")  # a fresh screen reads the store
    checked = again._both.lists["b"].groups["fear"].checkedButton()
    assert checked.property("answer") == "yes"


# -- check-in ---------------------------------------------------------------------------


def test_checkin_saves_calm_and_hope_for_each_party(presenter, qtbot):
    session_id = start(presenter)
    walk_to(presenter.runner, "checkin")
    screen = screen_for(presenter, qtbot, "checkin")
    screen.ratings["a"].scales["calm"].buttons[1].click()
    screen.ratings["a"].scales["hope"].buttons[2].click()
    screen.ratings["b"].scales["calm"].buttons[4].click()

    checkin = stored(presenter, session_id).checkin(1, "check-in-start", "a")
    assert (checkin.calm, checkin.hope, checkin.moment) == (2, 3, "start")
    other = stored(presenter, session_id).checkin(1, "check-in-start", "b")
    assert (other.calm, other.hope) == (5, None)
    again = screen_for(presenter, qtbot, "checkin")
    assert again.ratings["a"].scales["hope"].value() == 3
    assert again.ratings["b"].scales["hope"].value() is None


# -- closing ----------------------------------------------------------------------------


def to_closing(presenter):
    runner = presenter.runner
    walk_to(runner, "checkin")
    runner.rate("a", calm=2, hope=3)
    runner.rate("b", calm=3, hope=3)
    runner.advance()
    walk_to(runner, "closing")


def test_closing_saves_appreciation_and_shows_the_change(presenter, qtbot):
    session_id = start(presenter)
    to_closing(presenter)
    screen = screen_for(presenter, qtbot, "closing")
    field = screen.parties["a"].appreciation
    qtbot.keyClicks(field, "Thank you for listening")
    qtbot.waitUntil(lambda: (r := stored(presenter, session_id).record(1, "closing", "a"))
                    is not None and r.content.get("appreciation") == "Thank you for listening")

    assert "At the start: calm 2, hope 3" in screen.parties["a"].change.text()
    assert "Avery" in bare(screen.parties["a"].who.text())
    screen.parties["a"].ratings.scales["calm"].buttons[3].click()
    assert "Calm 2 → 4" in screen.parties["a"].change.text()
    end = stored(presenter, session_id).checkin(1, "closing", "a")
    assert (end.calm, end.moment) == (4, "end")
    assert field.toPlainText() == "Thank you for listening"


def test_closing_summary_lists_the_agreed_plan_and_parked_count(presenter, qtbot):
    start(presenter, a="Avery", b="Blake")
    to_closing(presenter)
    presenter.runner.park("Who pays for the fence")
    screen = screen_for(presenter, qtbot, "closing")
    summary = bare(screen.summary.text())
    assert "Call each Sunday" in summary and "Both, by 5 January 2030" in summary
    assert "1 parked item" in summary


def test_closing_typing_in_both_fields_keeps_each_text_and_the_cursor(presenter, qtbot):
    """Both edits are committed in one flush; the field being typed in is not rewritten."""
    session_id = start(presenter)
    to_closing(presenter)
    screen = screen_for(presenter, qtbot, "closing")
    screen.show()
    qtbot.waitExposed(screen)
    first, second = screen.parties["a"].appreciation, screen.parties["b"].appreciation
    first.setFocus()
    qtbot.keyClicks(first, "Thanks")
    second.setFocus()
    qtbot.waitUntil(second.hasFocus)
    qtbot.keyClicks(second, "Merci")
    qtbot.waitUntil(lambda: not presenter.has_pending)
    session = stored(presenter, session_id)
    assert session.record(1, "closing", "a").content["appreciation"] == "Thanks"
    assert session.record(1, "closing", "b").content["appreciation"] == "Merci"
    qtbot.keyClicks(second, " beaucoup")
    assert (first.toPlainText(), second.toPlainText()) == ("Thanks", "Merci beaucoup")


# -- review -----------------------------------------------------------------------------


def to_review(presenter):
    runner = presenter.runner
    walk_to(runner, "actions")
    for what in ("Text before visiting", "Share the calendar", "Quiet after ten"):
        runner.add_action(what, "a", "2030-02-01", "Both say it happened")
        runner.consent(runner.session.actions[-1].id, "a")
        runner.consent(runner.session.actions[-1].id, "b")
    finish(runner)
    presenter.start_review()
    walk_to(runner, "review")


def test_review_marks_and_notes_reach_the_store_and_the_count_follows(presenter, qtbot):
    session_id = start(presenter)
    to_review(presenter)
    screen = screen_for(presenter, qtbot, "review")
    ids = list(screen.rows)
    assert len(ids) == 4
    assert screen.count.text() == "0 of 4 marked"

    first = screen.rows[ids[0]]
    next(b for b in first.group.buttons() if b.property("mark") == "kept").click()
    assert screen.count.text() == "1 of 4 marked"
    qtbot.keyClicks(first.note, "Every Sunday")
    qtbot.waitUntil(lambda: stored(presenter, session_id).record(2, "review-plan", None)
                    .content["marks"][str(ids[0])] == {"mark": "kept", "note": "Every Sunday"})

    second = screen.rows[ids[1]]
    qtbot.keyClicks(second.note, "Forgot twice")
    assert not presenter.has_pending  # no mark yet: the note waits in the field
    assert second.note.text() == "Forgot twice"
    next(b for b in second.group.buttons() if b.property("mark") == "partly").click()
    marks = stored(presenter, session_id).record(2, "review-plan", None).content["marks"]
    assert marks[str(ids[1])] == {"mark": "partly", "note": "Forgot twice"}
    assert screen.count.text() == "2 of 4 marked"

    again = screen_for(presenter, qtbot, "review")
    assert again.rows[ids[1]].mark() == "partly"
    assert again.rows[ids[1]].note.text() == "Forgot twice"
    assert again.rows[ids[2]].mark() is None
    assert again.count.text() == "2 of 4 marked"


def test_review_rows_show_who_and_by_when(presenter, qtbot):
    start(presenter, a="ليلى", b="Blake")
    to_review(presenter)
    screen = screen_for(presenter, qtbot, "review")
    shown = visible_text(screen)
    assert "Both · by 5 January 2030" in shown
    assert "ليلى · by 1 February 2030" in shown
