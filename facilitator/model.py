"""The session model: plain dataclasses the runner changes and the store persists.

A session is one conversation between two parties about one topic. It has one or more
meetings: the first runs the main guide; each later one runs a review guide on the same plan.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any


def now() -> str:
    """UTC time as ISO 8601 with microseconds, the one format timestamps are stored in."""
    return datetime.now(UTC).isoformat(timespec="microseconds").replace("+00:00", "Z")


@dataclass
class Party:
    slot: str  # "a", "b" or "mediator"
    name: str

    @property
    def role(self) -> str:
        return "mediator" if self.slot == "mediator" else "party"


@dataclass
class Meeting:
    number: int  # 1 for the first meeting, 2… for reviews
    guide_id: str
    position: int = 0  # index into the meeting's stages
    status: str = "open"  # "open" or "finished"
    started: str = field(default_factory=now)
    ended: str | None = None


@dataclass
class Record:
    """What one step recorded for one party (or for the group when party is None)."""

    meeting: int
    step_id: str
    kind: str
    party: str | None
    content: dict[str, Any]
    visibility: str = "shared"
    created: str = field(default_factory=now)
    updated: str = field(default_factory=now)


@dataclass
class Checkin:
    meeting: int
    step_id: str
    party: str
    moment: str  # "start" or "end"
    calm: int | None = None
    hope: int | None = None
    at: str = field(default_factory=now)

    @property
    def complete(self) -> bool:
        return self.calm is not None and self.hope is not None


@dataclass
class Option:
    meeting: int
    step_id: str
    text: str
    by: str | None = None  # who suggested it, if anyone says
    marks: dict[str, bool] = field(default_factory=dict)  # party -> could live with it
    id: int | None = None
    created: str = field(default_factory=now)


@dataclass
class Action:
    meeting: int
    step_id: str
    what: str
    owner: str = "both"  # "a", "b" or "both"
    due: str = ""  # ISO date
    measure: str = ""  # how we will know
    consent: dict[str, bool] = field(default_factory=dict)  # party -> consents
    id: int | None = None
    created: str = field(default_factory=now)
    updated: str = field(default_factory=now)

    @property
    def status(self) -> str:
        agreed = all(self.consent.get(p) is True for p in ("a", "b"))
        return "agreed" if agreed else "proposed"

    def unfinished(self) -> list[str]:
        """What the item still lacks before anyone can consent to it."""
        lacking = []
        if not self.what.strip():
            lacking.append("what")
        if not self.due:
            lacking.append("by when")
        if not self.measure.strip():
            lacking.append("how you'll know")
        return lacking


@dataclass
class Parked:
    meeting: int
    step_id: str
    text: str
    id: int | None = None
    created: str = field(default_factory=now)


@dataclass
class Note:
    meeting: int
    text: str
    visibility: str = "shared"  # "shared" or "private"
    author: str = "mediator"  # "a", "b", "both" (written together) or "mediator"
    step_id: str | None = None
    id: int | None = None
    created: str = field(default_factory=now)
    updated: str = field(default_factory=now)


@dataclass
class Pause:
    """A cool-down anyone may call without explaining; who called it is not recorded."""

    meeting: int
    step_id: str
    started: str = field(default_factory=now)
    ended: str | None = None
    id: int | None = None


@dataclass
class Session:
    title: str
    guide_id: str
    mode: str  # "mediated" or "self-guided"
    parties: list[Party]
    meetings: list[Meeting] = field(default_factory=list)
    records: list[Record] = field(default_factory=list)
    checkins: list[Checkin] = field(default_factory=list)
    options: list[Option] = field(default_factory=list)
    actions: list[Action] = field(default_factory=list)
    parked: list[Parked] = field(default_factory=list)
    notes: list[Note] = field(default_factory=list)
    pauses: list[Pause] = field(default_factory=list)
    review_date: str | None = None
    status: str = "open"  # "open" or "finished"
    id: int | None = None
    created: str = field(default_factory=now)
    updated: str = field(default_factory=now)

    def clone(self) -> Session:
        return copy.deepcopy(self)

    @property
    def meeting(self) -> Meeting:
        return self.meetings[-1]

    def party(self, slot: str) -> Party | None:
        return next((p for p in self.parties if p.slot == slot), None)

    def name(self, slot: str | None) -> str:
        if slot == "both":
            return f"{self.name('a')} and {self.name('b')}"
        party = self.party(slot) if slot else None
        return party.name if party else ""

    @property
    def mediator(self) -> Party | None:
        return self.party("mediator")

    def record(self, meeting: int, step_id: str, party: str | None) -> Record | None:
        for record in self.records:
            if (record.meeting, record.step_id, record.party) == (meeting, step_id, party):
                return record
        return None

    def checkin(self, meeting: int, step_id: str, party: str) -> Checkin | None:
        for checkin in self.checkins:
            if (checkin.meeting, checkin.step_id, checkin.party) == (meeting, step_id, party):
                return checkin
        return None

    def agreed_actions(self, before_meeting: int | None = None) -> list[Action]:
        return [a for a in self.actions if a.status == "agreed"
                and (before_meeting is None or a.meeting < before_meeting)]

    def find(self, items: list, item_id: int):
        for item in items:
            if item.id == item_id:
                return item
        raise KeyError(item_id)
