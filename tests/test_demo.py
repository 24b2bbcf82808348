"""The sample session shows everything: every step kind, private notes, a parked item, reviews."""

from __future__ import annotations

from datetime import date

from facilitator.demo import add_demo
from facilitator.kinds import KINDS
from facilitator.runner import Runner


def test_the_demo_is_a_finished_mediated_session_that_uses_every_step_kind(store, library):
    session = store.load_session(add_demo(store, library, today=date(2026, 11, 27)))
    assert session.mode == "mediated" and session.status == "finished"
    assert [p.role for p in session.parties] == ["party", "party", "mediator"]
    used = set()
    for meeting in session.meetings:
        used |= {step.kind for step in library.guide(meeting.guide_id).steps}
        assert meeting.status == "finished"
    assert used == set(KINDS)
    recorded = {r.kind for r in session.records} | {"checkin", "options", "actions"}
    assert recorded == set(KINDS)


def test_the_demo_holds_what_the_issue_lists(store, library):
    session = store.load_session(add_demo(store, library, today=date(2026, 11, 27)))
    first = [a for a in session.actions if a.meeting == 1]
    assert 3 <= len([a for a in first if a.status == "agreed"]) <= 5
    assert all(a.consent == {"a": True, "b": True} for a in session.actions)
    assert len(session.parked) == 1
    assert any(n.visibility == "private" and n.author == "mediator" for n in session.notes)
    moments = {(c.meeting, c.moment) for c in session.checkins}
    assert {(1, "start"), (1, "end")} <= moments
    assert session.review_date == "2027-01-08"
    assert len(session.pauses) == 1 and session.pauses[0].ended
    from facilitator.fairness import shares

    assert shares(session)["a"].seconds == 372 + 372 // 2  # her statement, and reflecting his
    loops = [len(r.content["attempts"]) for r in session.records if r.kind == "reflection"]
    assert loops == [3, 1]
    marks = next(r for r in session.records if r.kind == "review").content["marks"]
    assert sorted(m["mark"] for m in marks.values()) == ["kept", "kept", "not-kept", "partly"]


def test_the_demo_session_can_be_reopened(store, library):
    session_id = add_demo(store, library)
    runner = Runner.resume(store, library, session_id)
    assert runner.at_end and runner.missing() == []
