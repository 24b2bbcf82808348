"""Two whole sessions, from New session to Finish, driven through the app's own widgets only
(typing, clicks, Enter, ticks in the tables, the Next button), then checked in the database
after it is closed and opened again."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDateTimeEdit, QDialog, QDialogButtonBox, QRadioButton

from facilitator import paths
from facilitator.store import Store
from ui.app import build
from ui.new_session import NewSessionDialog

CHECK = Qt.ItemDataRole.CheckStateRole
CHECKED = Qt.CheckState.Checked
ISO = Qt.DateFormat.ISODate

# the pickers' search boxes pop up a completer list; offscreen it cannot be raised or grab keys
pytestmark = pytest.mark.qt_log_ignore(
    r"This plugin does not support (raise\(\)|grabbing the keyboard)")


@pytest.fixture
def app(qtbot, tmp_path):
    presenter, window = build(tmp_path)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    yield presenter, window
    presenter.close_session()  # both do nothing when the test has already closed them
    presenter.store.close()


def bare(text: str) -> str:
    """Text as read, without the bidi isolates the screens put around names."""
    return text.replace("\u2068", "").replace("\u2069", "").replace("\u200e", "")


def settle(qtbot, presenter) -> None:
    """Wait until debounced typing has been committed."""
    qtbot.waitUntil(lambda: not presenter.has_pending, timeout=1000)


def next_to(view, kind: str) -> None:
    """Press Next and land on a stage of `kind`, with nothing said to be missing."""
    view.next.click()
    assert view.missing.text() == ""
    assert view.presenter.stage.kind == kind


def reopened(folder, presenter):
    """Close the app's store, open the database file afresh and load the session from it."""
    session_id = presenter.session.id
    presenter.close_session()
    presenter.store.close()
    store = Store.open(paths.database(folder))
    try:
        return store.load_session(session_id)
    finally:
        store.close()


# -- one helper per screen --------------------------------------------------------------


def start_session(qtbot, monkeypatch, window, *, guide, a, b, topic, mediator=None):
    """New session through the real dialog, filled in by typing, as a person would."""

    def ask(cls, presenter, parent=None):
        dialog = cls(presenter, parent)
        dialog.show()
        (dialog.mediated if mediator else dialog.self_guided).click()
        dialog.guide.setCurrentIndex(dialog.guide.findData(guide))
        for field, text in ((dialog.a, a), (dialog.b, b), (dialog.mediator, mediator),
                            (dialog.topic, topic)):
            if text:
                qtbot.keyClicks(field, text)
        assert dialog.mediator.isVisible() == bool(mediator)
        dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
        assert dialog.problems.text() == ""
        assert dialog.result() == QDialog.DialogCode.Accepted
        dialog.deleteLater()
        return dialog.result_value()

    monkeypatch.setattr(NewSessionDialog, "ask", classmethod(ask))
    window.new_action.trigger()
    assert window.pages.currentWidget() is window.session_view
    return window.session_view


def safe_answers(presenter) -> dict[str, str]:
    """For every screening question, the answer that raises no concern."""
    return {q.id: "no" if q.concern == "yes" else "yes" for q in presenter.stage.step.questions}


def answer_all(question_list, answers: dict[str, str]) -> None:
    for question_id, group in question_list.groups.items():
        next(b for b in group.buttons() if b.property("answer") == answers[question_id]).click()


def do_mediated_screening(view) -> None:
    screen = view.screen("screening")
    answers = safe_answers(view.presenter)
    for slot in "ab":
        answer_all(screen._both.lists[slot], answers)
        assert screen._both.counts[slot].text() == f"{len(answers)} of {len(answers)} answered"
    assert not screen._both.help.isVisibleTo(screen)  # no concern was raised


def visible_radios(screen) -> list[QRadioButton]:
    return [b for b in screen.findChildren(QRadioButton) if b.isVisibleTo(screen)]


def do_private_screening(view, who: str) -> None:
    """One partner's turn behind the hand-off page: continue, answer alone, hide the answers."""
    screen = view.screen("screening")
    assert f"Pass the computer to {who}" in bare(screen.handoff_text.text())
    assert visible_radios(screen) == []
    screen.continue_button.click()
    radios = visible_radios(screen)
    assert radios and not any(b.isChecked() for b in radios)  # nobody's answers show
    assert bare(screen.answer_heading.text()).startswith(f"{who}, ")
    answer_all(screen._private, safe_answers(view.presenter))
    screen.done_button.click()
    assert visible_radios(screen) == []


def do_agreement(view) -> None:
    screen = view.screen("agreement")
    for slot in "ab":
        screen.ticks[slot].click()
        assert screen.ticks[slot].isChecked()


def do_ratings(ratings_by_party: dict, ratings: dict[str, tuple[int, int]]) -> None:
    """Click calm and hope (1–5) for each party on their rating scales."""
    for slot, (calm, hope) in ratings.items():
        scales = ratings_by_party[slot].scales
        scales["calm"].buttons[calm - 1].click()
        scales["hope"].buttons[hope - 1].click()
        assert (scales["calm"].value(), scales["hope"].value()) == (calm, hope)


def pick(qtbot, picker, word: str) -> None:
    """Type a word in a picker's search box and press Enter, as the keyboard way in."""
    search = picker.search
    qtbot.keyClicks(search, word)
    popup = search.completer().popup()  # the list of matches, if it opened, takes the keys
    qtbot.keyClick(popup if popup.isVisible() else search, Qt.Key.Key_Return)
    assert search.text() == "" and not popup.isVisible()
    assert word in picker.chosen()


def do_statement(view, qtbot, observation: str, feelings: list[str], request: str) -> None:
    screen = view.screen("statement")
    assert screen.observation.toPlainText() == "" and screen.feelings.chosen() == []
    qtbot.keyClicks(screen.observation, observation)
    screen.tabs.setCurrentWidget(screen.feelings)
    for word in feelings:
        pick(qtbot, screen.feelings, word)
    qtbot.keyClicks(screen.request, request)
    settle(qtbot, view.presenter)
    sentence = screen.preview.text()  # "When …, I felt … and …. Would you be willing to …?"
    assert sentence.startswith("When ") and observation[1:] in sentence
    assert f"I felt {' and '.join(feelings)}. Would you be willing to {request}?" in sentence


def do_reflection(view, qtbot, tries: list[tuple[str, str, str]], validation: str) -> None:
    """The listener says it back, try after try, until the speaker answers yes."""
    screen = view.screen("reflection")
    for number, (paraphrase, answer, more) in enumerate(tries, 1):
        assert screen.counter.text() == f"Try {number}"
        qtbot.keyClicks(screen.paraphrase, paraphrase)
        qtbot.keyClicks(screen.more, more)
        screen.answers[answer].click()
        assert screen.more.text() == ""
    answered = [f"Try {n} — {a}" + (f": {m}" if m else "") for n, (_, a, m) in
                enumerate(tries, 1)]
    assert bare(screen.history.text()).splitlines() == answered
    assert "feels heard" in screen.understood.text()
    qtbot.keyClicks(screen.validation, validation)


def do_needs(view, qtbot, needs: dict[str, list[str]], why: dict[str, str]) -> None:
    screen = view.screen("needs")
    for index, slot in enumerate("ab"):
        screen.tabs.setCurrentIndex(index)
        for word in needs[slot]:
            pick(qtbot, screen.pickers[slot], word)
        qtbot.keyClicks(screen.why[slot], why[slot])
    settle(qtbot, view.presenter)
    shared = [word for word in needs["a"] if word in needs["b"]]
    assert screen.common.text() == "  ·  ".join(shared)


def do_options(view, qtbot, ideas: list[str], marks: dict[int, str]) -> None:
    """Brainstorm by typing each idea and Enter; then tick who could live with which."""
    screen = view.screen("options")
    for idea in ideas:
        qtbot.keyClicks(screen.idea, idea)
        qtbot.keyClick(screen.idea, Qt.Key.Key_Return)
    model = screen.model
    assert [model.index(row, 0).data() for row in range(model.rowCount())] == ideas
    for row, parties in marks.items():
        for slot in parties:
            assert model.setData(model.index(row, 1 + "ab".index(slot)), CHECKED, CHECK)
    both = sum(1 for parties in marks.values() if set(parties) == {"a", "b"})
    assert screen.count.text() == f"{len(ideas)} ideas · {both} you could both live with"


def type_date(qtbot, edit, iso: str) -> None:
    """Type a date into its sections, day first, so every date on the way exists."""
    year, month, day = iso.split("-")
    for section, digits in ((QDateTimeEdit.Section.DaySection, day),
                            (QDateTimeEdit.Section.MonthSection, month),
                            (QDateTimeEdit.Section.YearSection, year)):
        edit.setSelectedSection(section)  # as Tab or a click into that part does
        qtbot.keyClicks(edit, digits)
    assert edit.date().toString(ISO) == iso


def propose(view, qtbot, what: str, who: str, due: str, measure: str) -> None:
    """One action typed into the plan's form; Enter in "How we'll know" adds it."""
    screen = view.screen("actions")
    qtbot.keyClicks(screen.what, what)
    screen.who.setCurrentIndex(screen.who.findData(who))
    type_date(qtbot, screen.due, due)
    qtbot.keyClicks(screen.measure, measure)
    qtbot.keyClick(screen.measure, Qt.Key.Key_Return)
    assert screen.what.text() == "" and screen.measure.text() == ""


def agree_to(view, row: int) -> None:
    model = view.screen("actions").model
    for column in (4, 5):
        assert model.setData(model.index(row, column), CHECKED, CHECK)
    assert model.index(row, 6).data() == "Agreed"


def park_row(view, row: int) -> None:
    screen = view.screen("actions")
    screen.view.selectRow(row)
    assert screen.park.isEnabled()
    screen.park.click()


def set_review_date(view, qtbot, day: str) -> None:
    screen = view.screen("actions")
    screen.review_check.click()
    assert screen.review_date.isEnabled()
    type_date(qtbot, screen.review_date, day)
    qtbot.waitUntil(lambda: view.presenter.session.review_date == day, timeout=1000)


def add_note(view, qtbot, text: str, visibility: str) -> None:
    notes = view.notes
    qtbot.keyClicks(notes.text, text)
    notes.visibility.setCurrentIndex(notes.visibility.findData(visibility))
    assert notes.visibility.currentData() == visibility
    notes.add.click()
    assert notes.text.toPlainText() == ""
    shown = [notes.model.index(row).data() for row in range(notes.model.rowCount())]
    assert shown[-1] == ("Private · " if visibility == "private" else "") + text


def do_closing(view, qtbot, thanks: dict[str, str], ratings: dict[str, tuple[int, int]],
               start: dict[str, tuple[int, int]]) -> None:
    """Appreciations typed, calm and hope rated again; the change since the start is shown."""
    screen = view.screen("closing")
    for slot, text in thanks.items():
        qtbot.keyClicks(screen.parties[slot].appreciation, text)
    do_ratings({slot: party.ratings for slot, party in screen.parties.items()}, ratings)
    for slot, (calm, hope) in ratings.items():
        before = start[slot]
        assert screen.parties[slot].change.text() == (
            f"Since the start: Calm {before[0]} → {calm} · Hope {before[1]} → {hope}")


# -- what the reopened store holds --------------------------------------------------------


def attempts(session, step_id: str, listener: str) -> list[tuple[str, str, str]]:
    content = session.record(1, step_id, listener).content
    return [(t["paraphrase"], t["answer"], t["more"]) for t in content["attempts"]]


def checkins(session) -> dict[tuple[str, str], tuple[int, int]]:
    return {(c.party, c.moment): (c.calm, c.hope) for c in session.checkins}


def plan(session) -> list[tuple]:
    return [(a.what, a.owner, a.due, a.measure, a.consent, a.status) for a in session.actions]


# -- the mediated session -----------------------------------------------------------------


def test_a_full_mediated_session_from_new_session_to_the_end(app, qtbot, monkeypatch, tmp_path):
    presenter, window = app
    view = start_session(qtbot, monkeypatch, window, guide="mediated-two-party", a="Rowan",
                         b="Tamsin", mediator="Imogen", topic="The shared driveway")
    assert bare(view.title.full_text()) == "The shared driveway"
    assert bare(view.mode.text()).startswith("Mediated by Imogen")
    assert presenter.stage.kind == "screening"
    do_mediated_screening(view)

    next_to(view, "agreement")
    do_agreement(view)
    next_to(view, "checkin")
    start = {"a": (2, 3), "b": (3, 2)}
    do_ratings(view.screen("checkin").ratings, start)

    next_to(view, "statement")
    assert bare(view.banner.text()) == "Rowan speaks · Tamsin listens"
    do_statement(view, qtbot, "The van was parked across the driveway three mornings running",
                 ["frustrated", "worried"], "text me the night before you block it")
    next_to(view, "reflection")
    assert bare(view.banner.text()) == "Tamsin says back what they heard · Rowan listens"
    first_loop = [
        ("You think I park there to annoy you.", "no", "It's about getting to work on time"),
        ("You were late for work because of the van.", "partly", "And I worry it will go on"),
        ("You were late three times and worry it keeps happening.", "yes", ""),
    ]
    do_reflection(view, qtbot, first_loop, "Being blocked in before a shift is stressful.")
    settle(qtbot, presenter)

    next_to(view, "statement")
    assert bare(view.banner.text()) == "Tamsin speaks · Rowan listens"
    do_statement(view, qtbot, "My deliveries come at seven and there is nowhere else to stop",
                 ["anxious"], "help me find another spot for the van")
    next_to(view, "reflection")
    do_reflection(view, qtbot, [("You have nowhere else to park at seven.", "yes", "")],
                  "It makes sense you feel stuck.")  # not settled: Next commits it

    next_to(view, "needs")
    do_needs(view, qtbot, {"a": ["reliability", "respect"], "b": ["respect", "help"]},
             {"a": "I need to leave on time.", "b": "I need my business to work."})
    assert view.notes.visibility.currentData() == "private"  # the mediator's notes start private
    add_note(view, qtbot, "Tamsin seemed tense when talking about money.", "private")

    next_to(view, "options")
    ideas = ["Deliveries use the lay-by", "Text the night before", "Share a parking rota"]
    do_options(view, qtbot, ideas, {0: "ab", 1: "ab", 2: "b"})

    next_to(view, "actions")
    propose(view, qtbot, "Ask the supplier to use the lay-by", "b", "2030-03-01",
            "No van in the driveway before eight")
    propose(view, qtbot, "Send a text the night before a delivery", "both", "2030-02-15",
            "Rowan gets a text for every delivery")
    propose(view, qtbot, "Split the cost of a new gate", "a", "2030-04-01", "A gate is fitted")
    view.next.click()  # too early: nothing agreed yet
    assert presenter.stage.kind == "actions"
    missing = bare(view.missing.text())
    assert missing.startswith("Still needed: no action agreed by both yet")
    assert '"Split the cost of a new gate" still needs consent from Rowan and Tamsin' in missing
    agree_to(view, 0)
    agree_to(view, 1)
    park_row(view, 2)
    assert view.screen("actions").parked.item(0).text() == "Split the cost of a new gate"
    set_review_date(view, qtbot, "2030-05-10")
    add_note(view, qtbot, "Both agreed to revisit the gate in May.", "shared")

    next_to(view, "closing")
    summary = bare(view.screen("closing").summary.text())
    assert "1 parked item to come back to." in summary and "Review on 10 May 2030." in summary
    thanks = {"a": "Thank you for hearing me out.", "b": "Thanks for your patience."}
    do_closing(view, qtbot, thanks, {"a": (4, 4), "b": (4, 5)}, start)
    assert view.next.text() == "&Finish ✓"
    view.next.click()
    assert view.missing.text() == "This meeting is finished."
    assert not view.next.isEnabled()

    session = reopened(tmp_path, presenter)
    assert session.status == "finished" and session.meeting.status == "finished"
    assert (session.title, session.mode) == ("The shared driveway", "mediated")
    assert {p.slot: p.name for p in session.parties} == {"a": "Rowan", "b": "Tamsin",
                                                         "mediator": "Imogen"}
    for slot in "ab":
        screening = session.record(1, "private-screening", slot)
        assert screening.visibility == "private" and len(screening.content["answers"]) == 6
        assert session.record(1, "ground-rules", slot).content == {"agreed": True}
    assert session.record(1, "your-side", "a").content == {
        "observation": "The van was parked across the driveway three mornings running",
        "feelings": ["frustrated", "worried"], "request": "text me the night before you block it"}
    assert session.record(1, "your-side", "b").content == {
        "observation": "My deliveries come at seven and there is nowhere else to stop",
        "feelings": ["anxious"], "request": "help me find another spot for the van"}
    assert attempts(session, "reflect-back", "b") == first_loop
    assert session.record(1, "reflect-back", "b").content["about"] == "a"
    assert session.record(1, "reflect-back", "b").content["validation"] == \
        "Being blocked in before a shift is stressful."
    assert attempts(session, "reflect-back", "a") == [
        ("You have nowhere else to park at seven.", "yes", "")]
    assert session.record(1, "reflect-back", "a").content["validation"] == \
        "It makes sense you feel stuck."
    assert session.record(1, "needs", "a").content == {"needs": ["reliability", "respect"],
                                                       "why": "I need to leave on time."}
    assert session.record(1, "needs", "b").content == {"needs": ["respect", "help"],
                                                       "why": "I need my business to work."}
    assert [(o.text, o.marks) for o in session.options] == [
        (ideas[0], {"a": True, "b": True}), (ideas[1], {"a": True, "b": True}),
        (ideas[2], {"b": True})]
    both = {"a": True, "b": True}
    assert plan(session) == [
        ("Ask the supplier to use the lay-by", "b", "2030-03-01",
         "No van in the driveway before eight", both, "agreed"),
        ("Send a text the night before a delivery", "both", "2030-02-15",
         "Rowan gets a text for every delivery", both, "agreed")]
    assert [p.text for p in session.parked] == ["Split the cost of a new gate"]
    assert session.review_date == "2030-05-10"
    assert [(n.text, n.visibility, n.author, n.step_id) for n in session.notes] == [
        ("Tamsin seemed tense when talking about money.", "private", "mediator", "needs"),
        ("Both agreed to revisit the gate in May.", "shared", "mediator", "actions")]
    assert checkins(session) == {("a", "start"): (2, 3), ("b", "start"): (3, 2),
                                 ("a", "end"): (4, 4), ("b", "end"): (4, 5)}
    assert session.record(1, "closing", "a").content == {
        "appreciation": "Thank you for hearing me out."}
    assert session.record(1, "closing", "b").content == {
        "appreciation": "Thanks for your patience."}


# -- the self-guided couple ---------------------------------------------------------------


def test_a_full_self_guided_couples_session(app, qtbot, monkeypatch, tmp_path):
    presenter, window = app
    view = start_session(qtbot, monkeypatch, window, guide="couples-self-guided", a="Priya",
                         b="Jonas", topic="Whose turn to cook")
    assert bare(view.mode.text()).startswith("Self-guided")
    assert presenter.stage.kind == "screening"
    do_private_screening(view, "Priya")
    view.next.click()  # too early: Jonas has not answered yet
    assert "6 screening questions for Jonas not answered yet" in bare(view.missing.text())
    do_private_screening(view, "Jonas")  # his page starts empty: none of Priya's answers
    assert "Both of you have answered" in view.screen("screening").done_page.text()

    next_to(view, "agreement")
    assert not view.banner.isVisible()
    do_agreement(view)
    next_to(view, "checkin")
    start = {"a": (2, 2), "b": (3, 4)}
    do_ratings(view.screen("checkin").ratings, start)

    next_to(view, "statement")
    assert view.banner.isVisible() and view.banner.property("large") is True
    assert bare(view.banner.text()) == "Priya speaks · Jonas listens"
    view.next.click()  # too early: no feeling picked
    assert bare(view.missing.text()) == "Still needed: Priya has not picked a feeling yet."
    do_statement(view, qtbot, "I cooked every night this week after work",
                 ["exhausted", "hurt"], "take Tuesdays and Thursdays")
    next_to(view, "reflection")
    assert bare(view.banner.text()) == "Jonas says back what they heard · Priya listens"
    assert view.screen("reflection").move_on.isHidden()  # no mediator to end the loop
    first_loop = [
        ("You think I'm lazy.", "no", "I'm tired, not angry"),
        ("You're tired from cooking.", "partly", "And I feel it goes unnoticed"),
        ("You're worn out and it hurts that nobody noticed.", "yes", ""),
    ]
    do_reflection(view, qtbot, first_loop, "Of course you're tired; it was every night.")
    settle(qtbot, presenter)

    next_to(view, "statement")
    assert bare(view.banner.text()) == "Jonas speaks · Priya listens"
    do_statement(view, qtbot, "I got home after eight on three nights",
                 ["guilty"], "plan the week with me on Sunday")
    next_to(view, "reflection")
    assert bare(view.banner.text()) == "Priya says back what they heard · Jonas listens"
    second_loop = [("Your late shifts make cooking hard.", "yes", "And thanks for asking")]
    do_reflection(view, qtbot, second_loop, "That sounds stressful.")

    next_to(view, "needs")
    assert not view.banner.isVisible()
    do_needs(view, qtbot, {"a": ["rest", "appreciation", "fairness"], "b": ["fairness"]},
             {"a": "I want evenings to rest too.", "b": "I want it to feel even."})
    assert [view.notes.visibility.itemData(i) for i in range(view.notes.visibility.count())] \
        == ["shared"]
    add_note(view, qtbot, "We both want it to feel fair.", "shared")

    next_to(view, "options")
    ideas = ["Cook in turns", "Batch cook on Sundays"]
    do_options(view, qtbot, ideas, {0: "ab", 1: "a"})

    next_to(view, "actions")
    propose(view, qtbot, "Jonas cooks on Tuesdays and Thursdays", "b", "2030-01-26",
            "Four dinners by Jonas this month")
    propose(view, qtbot, "Plan the week's meals on Sunday", "both", "2030-01-12",
            "A list on the fridge")
    propose(view, qtbot, "Hire a cleaner", "a", "2030-02-01", "A cleaner comes weekly")
    agree_to(view, 0)
    agree_to(view, 1)
    park_row(view, 2)
    set_review_date(view, qtbot, "2030-02-20")

    next_to(view, "closing")
    do_closing(view, qtbot, {"a": "Thank you for listening.", "b": "Thanks for telling me."},
               {"a": (4, 4), "b": (4, 5)}, start)
    view.next.click()
    assert view.missing.text() == "This meeting is finished."

    session = reopened(tmp_path, presenter)
    assert session.status == "finished" and session.mode == "self-guided"
    assert session.mediator is None
    assert [p.slot for p in session.parties] == ["a", "b"]
    for slot in "ab":
        screening = session.record(1, "private-check", slot)
        assert screening.visibility == "private" and len(screening.content["answers"]) == 6
        assert session.record(1, "ground-rules", slot).content == {"agreed": True}
    assert session.record(1, "speak-gently", "a").content == {
        "observation": "I cooked every night this week after work",
        "feelings": ["exhausted", "hurt"], "request": "take Tuesdays and Thursdays"}
    assert session.record(1, "speak-gently", "b").content == {
        "observation": "I got home after eight on three nights",
        "feelings": ["guilty"], "request": "plan the week with me on Sunday"}
    assert attempts(session, "mirror", "b") == first_loop
    assert session.record(1, "mirror", "b").content["validation"] == \
        "Of course you're tired; it was every night."
    assert attempts(session, "mirror", "a") == second_loop
    assert session.record(1, "mirror", "a").content["validation"] == "That sounds stressful."
    assert session.record(1, "needs", "a").content == {
        "needs": ["rest", "appreciation", "fairness"], "why": "I want evenings to rest too."}
    assert session.record(1, "needs", "b").content == {"needs": ["fairness"],
                                                       "why": "I want it to feel even."}
    assert [(o.text, o.marks) for o in session.options] == [
        ("Cook in turns", {"a": True, "b": True}), ("Batch cook on Sundays", {"a": True})]
    both = {"a": True, "b": True}
    assert plan(session) == [
        ("Jonas cooks on Tuesdays and Thursdays", "b", "2030-01-26",
         "Four dinners by Jonas this month", both, "agreed"),
        ("Plan the week's meals on Sunday", "both", "2030-01-12", "A list on the fridge",
         both, "agreed")]
    assert [p.text for p in session.parked] == ["Hire a cleaner"]
    assert session.review_date == "2030-02-20"
    assert [(n.text, n.visibility, n.step_id) for n in session.notes] == [
        ("We both want it to feel fair.", "shared", "needs")]
    assert checkins(session) == {("a", "start"): (2, 2), ("b", "start"): (3, 4),
                                 ("a", "end"): (4, 4), ("b", "end"): (4, 5)}
    assert [session.record(1, "repair-and-thanks", slot).content["appreciation"]
            for slot in "ab"] == ["Thank you for listening.", "Thanks for telling me."]
