"""What each step kind needs before the session may move on, said in plain words.

The runner refuses to advance while `missing()` returns anything, and the app shows the list
instead of silently refusing. Typing is never required except for what goes into the plan.
"""

from __future__ import annotations

from collections.abc import Callable

from . import kinds
from .flow import Stage
from .model import Session

PARTIES = kinds.PARTIES


def missing(session: Session, stage: Stage) -> list[str]:
    """Everything still needed at `stage` of the session's current meeting; [] when ready."""
    check = _CHECKS.get(stage.kind)
    return check(session, session.meeting.number, stage) if check else []


def safety_concerns(session: Session, meeting: int, stage: Stage) -> list[str]:
    """Party slots whose screening answers raise a concern at this screening stage."""
    concerned = []
    for slot in PARTIES:
        record = session.record(meeting, stage.step.id, slot)
        answers = record.content.get("answers", {}) if record else {}
        if any(answers.get(q.id) == q.concern for q in stage.step.questions):
            concerned.append(slot)
    return concerned


def _unanswered(session: Session, meeting: int, stage: Stage, slot: str) -> int:
    answers = _content(session, meeting, stage, slot).get("answers", {})
    return sum(1 for q in stage.step.questions if q.id not in answers)


def safety_stop(session: Session, meeting: int, stage: Stage) -> bool:
    """A self-guided conversation must not go on here: an answer raised a concern.

    True only once both have answered, so the other person cannot tell who raised it.
    """
    return (session.mode == "self-guided" and stage.kind == kinds.SCREENING
            and not any(_unanswered(session, meeting, stage, slot) for slot in PARTIES)
            and bool(safety_concerns(session, meeting, stage)))


def _content(session: Session, meeting: int, stage: Stage, slot: str | None) -> dict:
    record = session.record(meeting, stage.step.id, slot)
    return record.content if record else {}


def _agreement(session: Session, meeting: int, stage: Stage) -> list[str]:
    return [f'{session.name(slot)} has not ticked "I agree" yet' for slot in PARTIES
            if not _content(session, meeting, stage, slot).get("agreed")]


def _screening(session: Session, meeting: int, stage: Stage) -> list[str]:
    needed = []
    for slot in PARTIES:
        left = _unanswered(session, meeting, stage, slot)
        if left:
            plural = "question" if left == 1 else "questions"
            needed.append(f"{left} screening {plural} for {session.name(slot)} not answered yet")
    if safety_stop(session, meeting, stage):
        needed.append("the safety check says this conversation should not go on here for now")
    return needed


def _checkin(session: Session, meeting: int, stage: Stage) -> list[str]:
    needed = []
    for slot in PARTIES:
        checkin = session.checkin(meeting, stage.step.id, slot)
        if not (checkin and checkin.complete):
            needed.append(f"{session.name(slot)} has not rated calm and hope yet")
    return needed


def _statement(session: Session, meeting: int, stage: Stage) -> list[str]:
    if _content(session, meeting, stage, stage.speaker).get("feelings"):
        return []
    return [f"{session.name(stage.speaker)} has not picked a feeling yet"]


def _reflection(session: Session, meeting: int, stage: Stage) -> list[str]:
    content = _content(session, meeting, stage, stage.listener)
    attempts = content.get("attempts", [])
    if content.get("moved_on") or (attempts and attempts[-1].get("answer") == "yes"):
        return []
    speaker = session.name(stage.speaker)
    return [f'{speaker} has not said "yes, you got it" yet']


def _needs(session: Session, meeting: int, stage: Stage) -> list[str]:
    return [f"{session.name(slot)} has not picked a need yet" for slot in PARTIES
            if not _content(session, meeting, stage, slot).get("needs")]


def _options(session: Session, meeting: int, stage: Stage) -> list[str]:
    here = [o for o in session.options if (o.meeting, o.step_id) == (meeting, stage.step.id)]
    if not here:
        return ["no options written down yet"]
    return [f"{session.name(slot)} has not marked an option they could live with"
            for slot in PARTIES if not any(o.marks.get(slot) for o in here)]


def _actions(session: Session, meeting: int, stage: Stage) -> list[str]:
    here = [a for a in session.actions if (a.meeting, a.step_id) == (meeting, stage.step.id)]
    needed = []
    if not any(a.status == "agreed" for a in here):
        needed.append("no action agreed by both yet")
    for action in here:
        if action.status != "agreed":
            waiting = [session.name(p) for p in PARTIES if action.consent.get(p) is not True]
            needed.append(f'"{_short(action.what)}" still needs consent from '
                          f'{" and ".join(waiting)}, or park it')
    return needed


def _closing(session: Session, meeting: int, stage: Stage) -> list[str]:
    return [f"{session.name(slot)} has not rated calm and hope for the end yet" for slot in PARTIES
            if not ((c := session.checkin(meeting, stage.step.id, slot)) and c.complete)]


def _review(session: Session, meeting: int, stage: Stage) -> list[str]:
    marks = _content(session, meeting, stage, None).get("marks", {})
    left = [a for a in session.agreed_actions(before_meeting=meeting) if str(a.id) not in marks]
    if not left:
        return []
    plural = "commitment" if len(left) == 1 else "commitments"
    return [f"{len(left)} {plural} not marked kept, partly or not kept yet"]


def _short(text: str, limit: int = 40) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


_CHECKS: dict[str, Callable[[Session, int, Stage], list[str]]] = {
    kinds.AGREEMENT: _agreement,
    kinds.SCREENING: _screening,
    kinds.CHECKIN: _checkin,
    kinds.STATEMENT: _statement,
    kinds.REFLECTION: _reflection,
    kinds.NEEDS: _needs,
    kinds.OPTIONS: _options,
    kinds.ACTIONS: _actions,
    kinds.CLOSING: _closing,
    kinds.REVIEW: _review,
}
