"""The runner: each step kind's rules, turn order, moving back and forth, and what changed."""

from __future__ import annotations

import pytest
from steps import finish, satisfy, walk_to

from facilitator.errors import FlowError, NotReady, UsageError
from facilitator.runner import Runner, check_names


def reloaded(runner: Runner):
    return runner.store.load_session(runner.session.id)


def test_start_validates_names_and_guide(start, store, library):
    with pytest.raises(UsageError, match="different names"):
        start(a="Sam", b=" sam ")
    with pytest.raises(UsageError, match="mediator's name"):
        start(mediator="")
    with pytest.raises(UsageError, match="written for self-guided"):
        start("couples-self-guided", mode="mediated")
    with pytest.raises(UsageError, match='no guide with id "nope"'):
        start("nope", mode="mediated")
    assert store.list_sessions() == []
    assert check_names("self-guided", "", "Blake", None) == ["the first person needs a name"]


def test_a_new_session_starts_at_the_first_stage_and_is_stored(start):
    runner = start()
    assert runner.position == 0 and runner.stage.kind == "screening"
    assert runner.session.title == "Avery and Blake"
    assert reloaded(runner) == runner.session


def test_next_explains_what_is_missing_instead_of_refusing_silently(start):
    runner = start()
    walk_to(runner, "agreement")
    runner.agree("a")
    with pytest.raises(NotReady) as caught:
        runner.advance()
    assert caught.value.missing == ['Blake has not ticked "I agree" yet']
    runner.agree("b")
    change = runner.advance()
    assert change.touches("position") and runner.stage.kind == "checkin"


def test_screening_answers_are_private_and_a_concern_stops_self_guided_mode(start):
    runner = start("couples-self-guided")
    question = runner.stage.step.questions[0]
    satisfy(runner)
    runner.answer_screening("b", question.id, question.concern)
    assert runner.safety_stop
    with pytest.raises(NotReady, match="safety check"):
        runner.advance()
    record = runner.session.record(1, runner.stage.step.id, "b")
    assert record.visibility == "private"


def test_a_concern_shows_only_once_both_have_answered(start):
    """Otherwise the second person could tell that the first one raised it."""
    runner = start("couples-self-guided")
    question = runner.stage.step.questions[0]
    runner.answer_screening("a", question.id, question.concern)
    assert not runner.safety_stop
    assert not any("safety" in line for line in runner.missing())
    for q in runner.stage.step.questions:
        runner.answer_screening("b", q.id, "no" if q.concern == "yes" else "yes")
    for q in runner.stage.step.questions[1:]:
        runner.answer_screening("a", q.id, "no" if q.concern == "yes" else "yes")
    assert runner.safety_stop


def test_a_screening_concern_in_mediated_mode_is_the_mediators_call(start):
    runner = start()
    question = runner.stage.step.questions[0]
    satisfy(runner)
    runner.answer_screening("a", question.id, question.concern)
    assert not runner.safety_stop
    runner.advance()


def test_checkin_needs_both_ratings_in_range(start):
    runner = start()
    walk_to(runner, "checkin")
    runner.rate("a", calm=2)
    assert runner.missing() == ["Avery has not rated calm and hope yet",
                                "Blake has not rated calm and hope yet"]
    with pytest.raises(UsageError):
        runner.rate("a", hope=6)
    runner.rate("a", hope=4)
    runner.rate("b", calm=1, hope=5)
    assert runner.missing() == []
    assert [(c.party, c.calm, c.hope, c.moment) for c in reloaded(runner).checkins] == [
        ("a", 2, 4, "start"), ("b", 1, 5, "start")]


def test_statements_and_reflections_alternate_the_parties(start):
    runner = start()
    walk_to(runner, "statement")
    turns = []
    while runner.stage.kind in ("statement", "reflection"):
        turns.append((runner.stage.kind, runner.stage.speaker, runner.stage.listener))
        satisfy(runner)
        runner.advance()
    assert turns == [("statement", "a", "b"), ("reflection", "a", "b"),
                     ("statement", "b", "a"), ("reflection", "b", "a")]


def test_a_statement_needs_a_feeling_and_typing_is_optional(start):
    runner = start()
    walk_to(runner, "statement")
    assert runner.missing() == ["Avery has not picked a feeling yet"]
    runner.edit_statement(feelings=["hurt", "hurt", " tired "], request="")
    assert runner.missing() == []
    record = reloaded(runner).record(1, runner.stage.step.id, "a")
    assert record.content == {"feelings": ["hurt", "tired"], "request": ""}


def test_the_reflection_loop_ends_only_on_yes(start):
    runner = start()
    walk_to(runner, "reflection", nth=2)  # Blake spoke; Avery reflects back
    assert (runner.stage.speaker, runner.stage.listener) == ("b", "a")
    runner.reflect("You want more time.")
    runner.confirm("no", "It's about being asked first.")
    assert runner.missing() == ['Blake has not said "yes, you got it" yet']
    runner.reflect("You'd like to be asked before plans are made.")
    runner.confirm("partly", "And told early.")
    runner.confirm("yes")  # the third paraphrase was spoken, not typed
    runner.validate("That makes sense.")
    attempts = reloaded(runner).record(1, runner.stage.step.id, "a").content["attempts"]
    assert [(a["paraphrase"][:8], a["answer"], a["more"]) for a in attempts] == [
        ("You want", "no", "It's about being asked first."),
        ("You'd li", "partly", "And told early."),
        ("", "yes", ""),
    ]
    assert runner.missing() == []


def test_only_a_mediator_may_end_the_loop_without_a_yes(start):
    runner = start()
    walk_to(runner, "reflection")
    runner.confirm("no")
    runner.move_on()
    assert runner.missing() == []
    assert reloaded(runner).record(1, runner.stage.step.id, "b").content["moved_on"] is True
    couples = start("couples-self-guided")
    walk_to(couples, "reflection")
    with pytest.raises(FlowError):
        couples.move_on()


def test_needs_from_each_party(start):
    runner = start()
    walk_to(runner, "needs")
    runner.pick_needs("a", ["rest"])
    assert runner.missing() == ["Blake has not picked a need yet"]
    runner.pick_needs("b", ["rest", "respect"])
    runner.explain_needs("b", "Evenings are my only quiet time.")
    assert runner.missing() == []


def test_options_need_one_each_party_could_live_with(start):
    runner = start()
    walk_to(runner, "options")
    assert runner.missing() == ["no options written down yet"]
    runner.add_option("Take turns choosing", by="a")
    runner.add_option("Flip a coin")
    first, second = (o.id for o in runner.session.options)
    runner.mark_option(first, "a", True)
    runner.mark_option(second, "b", False)
    assert runner.missing() == ["Blake has not marked an option they could live with"]
    runner.mark_option(first, "b", True)
    runner.edit_option(second, "Flip a coin, best of three")
    runner.remove_option(second)
    assert runner.missing() == []
    assert [(o.text, o.marks) for o in reloaded(runner).options] == [
        ("Take turns choosing", {"a": True, "b": True})]


def test_actions_need_consent_from_both_and_the_rest_is_parked(start):
    runner = start()
    walk_to(runner, "actions")
    runner.add_action("Wash up after dinner", "b")
    action = runner.session.actions[-1]
    with pytest.raises(NotReady, match="by when, how you'll know"):
        runner.consent(action.id, "a")
    runner.edit_action(action.id, due="2030-02-01", measure="Kitchen clear by nine")
    runner.consent(action.id, "a")
    assert runner.missing() == ["no action agreed by both yet",
                                '"Wash up after dinner" still needs consent from Blake, '
                                "or park it"]
    runner.consent(action.id, "b")
    assert action.status == "agreed" and runner.missing() == []
    runner.add_action("Sell the car", "both", "2030-03-01", "Car sold")
    other = runner.session.actions[-1]
    runner.consent(other.id, "a")
    assert runner.missing() == ['"Sell the car" still needs consent from Blake, or park it']
    change = runner.park_action(other.id)
    assert change.touches("actions", "parked") and runner.missing() == []
    session = reloaded(runner)
    assert [a.what for a in session.actions] == ["Wash up after dinner"]
    assert [p.text for p in session.parked] == ["Sell the car"]


def test_changing_an_agreed_action_voids_its_consent(start):
    runner = start()
    walk_to(runner, "actions")
    satisfy(runner)
    action = runner.session.actions[-1]
    runner.edit_action(action.id, measure=action.measure)  # no real change keeps consent
    assert action.status == "agreed"
    runner.edit_action(action.id, due="2031-01-01")
    assert action.consent == {} and reloaded(runner).actions[0].status == "proposed"


def test_dates_are_checked(start):
    runner = start()
    walk_to(runner, "actions")
    with pytest.raises(UsageError, match="is not a date"):
        runner.add_action("Plan", "a", "next Tuesday")
    runner.set_review_date("2030-04-01")
    assert reloaded(runner).review_date == "2030-04-01"


def test_closing_needs_the_final_checkin_and_finishes_the_session(start):
    runner = start()
    walk_to(runner, "closing")
    runner.appreciate("a", "Thank you for staying.")
    assert len(runner.missing()) == 2
    satisfy(runner)
    assert runner.at_end
    change = runner.advance()
    assert change.touches("session") and runner.session.status == "finished"
    session = reloaded(runner)
    assert session.status == "finished" and session.meeting.ended
    ends = [c for c in session.checkins if c.moment == "end"]
    assert [c.party for c in ends] == ["a", "b"]


def test_moving_back_and_forth_keeps_what_was_said(start):
    runner = start()
    walk_to(runner, "needs")
    needs_at = runner.position
    runner.back()
    assert runner.stage.kind == "reflection"
    runner.go_to(0)
    assert runner.stage.kind == "screening"
    assert runner.reachable == needs_at  # everything already said still counts
    with pytest.raises(FlowError):
        runner.go_to(needs_at + 1)  # the needs step still needs something
    runner.go_to(needs_at)
    assert reloaded(runner).meeting.position == needs_at


def test_resume_returns_to_the_same_stage(start, store, library):
    runner = start("coworkers-self-guided")
    walk_to(runner, "statement")
    runner.edit_statement(observation="The report was late twice.", feelings=["worried"])
    again = Runner.resume(store, library, runner.session.id)
    assert again.position == runner.position and again.session == runner.session


def test_operations_must_fit_the_current_step(start):
    runner = start()
    with pytest.raises(FlowError):
        runner.agree("a")
    with pytest.raises(FlowError):
        runner.add_option("Something")
    walk_to(runner, "agreement")
    with pytest.raises(FlowError):
        runner.agree("c")


def test_notes_have_a_visibility(start):
    runner = start()
    change = runner.add_note("Seems tired today.", visibility="private")
    assert change.touches("notes")
    note = runner.session.notes[-1]
    runner.edit_note(note.id, visibility="shared")
    runner.edit_note(note.id, text="Arrived late; traffic.")
    assert [(n.text, n.visibility, n.step_id) for n in reloaded(runner).notes] == [
        ("Arrived late; traffic.", "shared", "private-screening")]
    runner.delete_note(note.id)
    assert reloaded(runner).notes == []
    with pytest.raises(FlowError):
        runner.add_note("x", visibility="secret")


def test_a_review_marks_every_agreed_action(start, library):
    runner = start()
    finish(runner)
    with pytest.raises(FlowError):
        runner.mark(1, "kept")
    runner.start_review("follow-up-review")
    assert runner.session.status == "open" and runner.meeting_number == 2
    walk_to(runner, "review")
    assert runner.missing() == ["1 commitment not marked kept, partly or not kept yet"]
    agreed = runner.session.agreed_actions()[0]
    with pytest.raises(FlowError):
        runner.mark(agreed.id, "maybe")
    runner.mark(agreed.id, "partly", "Twice out of four.")
    assert runner.missing() == []
    runner.advance()
    finish(runner)
    session = reloaded(runner)
    assert [m.status for m in session.meetings] == ["finished", "finished"]
    marks = session.record(2, "review-plan", None).content["marks"]
    assert marks == {str(agreed.id): {"mark": "partly", "note": "Twice out of four."}}


def test_a_review_needs_a_finished_session(start):
    runner = start()
    with pytest.raises(UsageError, match="once the session is finished"):
        runner.start_review("follow-up-review")


def test_every_operation_says_what_changed(start):
    runner = start()
    walk_to(runner, "options")
    assert runner.add_option("Go for a walk").parts == frozenset({"options"})
    assert runner.add_note("n").parts == frozenset({"notes"})
    assert runner.set_title("Weekend plans").parts == frozenset({"session"})
    walk_to(runner, "actions")
    assert runner.set_review_date("2030-01-01").stage == runner.position


def test_anyone_can_pause_and_the_session_resumes_where_it_was(start):
    runner = start("couples-self-guided")
    walk_to(runner, "statement")
    position = runner.position
    assert runner.pause().touches("pauses") and runner.paused
    runner.pause()  # a second press changes nothing
    session = reloaded(runner)
    assert len(session.pauses) == 1 and session.pauses[0].ended is None
    assert session.pauses[0].step_id == runner.stage.step.id
    runner.end_pause()
    assert not runner.paused and runner.position == position
    assert reloaded(runner).pauses[0].ended


def test_talk_time_and_words_are_counted_per_party(start):
    from facilitator.fairness import clock, shares

    runner = start()
    walk_to(runner, "statement")
    runner.edit_statement(observation="The bins were left out all week", feelings=["tired"])
    runner.add_talk_time(95)
    runner.add_talk_time(30)
    runner.advance()  # Blake reflects back what Avery said
    runner.reflect("You saw the bins out all week")
    runner.add_talk_time(40)
    result = shares(reloaded(runner))
    assert result["a"].seconds == 125 and result["a"].words == 7
    assert result["b"].seconds == 40 and result["b"].words == 7 and result["b"].loops == 1
    assert clock(125) == "2:05"
    with pytest.raises(FlowError):
        walk_to(runner, "needs")
        runner.add_talk_time(5)
