"""Check-ins over time: calm and hope at the start and end of every meeting the same two
people have had, oldest first, so a chart can show whether things are getting easier."""

from __future__ import annotations

from dataclasses import dataclass

from .model import Session


@dataclass(frozen=True)
class Point:
    label: str  # "1 start", "1 end", "2 start" … (meeting numbers across sessions)
    party: str  # "a" or "b" of the session being looked at
    calm: int | None
    hope: int | None


def checkin_series(store, session: Session) -> list[Point]:
    """Every check-in of `session` and of other sessions between the same two people."""
    names = {p.slot: p.name.casefold() for p in session.parties if p.slot in ("a", "b")}
    sessions = [session]
    for other_id in store.sessions_between(names["a"], names["b"]):
        if other_id != session.id:
            sessions.append(store.load_session(other_id))
    sessions.sort(key=lambda s: s.created)
    points = []
    count = 0
    for each in sessions:
        # the other session may list the two people the other way round
        slot_of = {p.slot: next(s for s, n in names.items() if n == p.name.casefold())
                   for p in each.parties if p.slot in ("a", "b")}
        for meeting in each.meetings:
            count += 1
            for moment in ("start", "end"):
                for checkin in each.checkins:
                    if (checkin.meeting, checkin.moment) == (meeting.number, moment):
                        points.append(Point(f"{count} {moment}", slot_of[checkin.party],
                                            checkin.calm, checkin.hope))
    return points
