"""The action plan as the exports see it: built from shared content only.

Private notes and screening answers never enter this model, so no template, format or
printout can show them. Every export (PDF, HTML, Markdown, iCalendar) starts here.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from . import kinds
from .library import Library
from .model import Session

NON_BINDING = ("This plan records what was agreed in good faith. It is not legally binding "
               "unless the parties decide to make it so.")
CONFIDENTIALITY = ("What was said in these conversations is confidential. This plan may be "
                   "shared only with the agreement of everyone named in it.")


@dataclass
class Statement:
    name: str
    observation: str
    feelings: list[str]
    needs: list[str]
    request: str


@dataclass
class PlanAction:
    what: str
    who: str
    due: str  # ISO date or ""
    measure: str
    consent: list[tuple[str, bool]]  # (name, agreed) per party
    marks: list[tuple[str, str, str]] = field(default_factory=list)  # (reviewed on, mark, note)
    key: str = ""  # stable for the same action across exports


@dataclass
class Review:
    on: str  # ISO date of the review meeting
    kept: int
    partly: int
    not_kept: int


@dataclass
class Plan:
    title: str
    guide: str
    mode: str
    parties: list[str]
    mediator: str | None
    first_met: str
    last_met: str
    meetings: int
    statements: list[Statement]
    common_ground: list[str]
    actions: list[PlanAction]
    parked: list[str]
    review_date: str
    ground_rules: list[str]
    notes: list[str]
    reviews: list[Review]
    non_binding: str = NON_BINDING
    confidentiality: str = CONFIDENTIALITY

    @property
    def kept_summary(self) -> str:
        """'7 of 9 commitments kept', over every review so far; '' before any review."""
        marked = sum(r.kept + r.partly + r.not_kept for r in self.reviews)
        if not marked:
            return ""
        kept = sum(r.kept for r in self.reviews)
        return f"{kept} of {marked} commitments kept"


def _day(stamp: str | None) -> str:
    if not stamp:
        return ""
    try:
        return datetime.fromisoformat(stamp.replace("Z", "+00:00")).date().isoformat()
    except ValueError:
        return stamp[:10]


def build_plan(session: Session, library: Library) -> Plan:
    """The plan of `session`, from shared content only."""
    names = {p.slot: p.name for p in session.parties}
    shared = [r for r in session.records if r.visibility == "shared"]

    def who(owner: str) -> str:
        return "Both" if owner == "both" else names.get(owner, owner)

    statements = [
        Statement(names[r.party], r.content.get("observation", "").strip(),
                  list(r.content.get("feelings", [])), list(r.content.get("needs", [])),
                  r.content.get("request", "").strip())
        for r in shared if r.kind == kinds.STATEMENT and r.party in names
    ]
    picked = {slot: set() for slot in kinds.PARTIES}
    for record in shared:
        if record.kind == kinds.NEEDS and record.party in picked:
            picked[record.party] |= set(record.content.get("needs", []))
    first_picks = next((r.content.get("needs", []) for r in shared
                        if r.kind == kinds.NEEDS and r.party == "a"), [])
    common = [n for n in first_picks if n in picked["a"] and n in picked["b"]]
    common += sorted((picked["a"] & picked["b"]) - set(common))

    meeting_days = {m.number: _day(m.ended or m.started) for m in session.meetings}
    marks: dict[str, list[tuple[str, str, str]]] = {}
    reviews = []
    for record in shared:
        if record.kind == kinds.REVIEW:
            on = meeting_days.get(record.meeting, "")
            entries = record.content.get("marks", {})
            for action_id, entry in entries.items():
                marks.setdefault(action_id, []).append((on, entry["mark"], entry.get("note", "")))
            counts = [entry["mark"] for entry in entries.values()]
            reviews.append(Review(on, counts.count("kept"), counts.count("partly"),
                                  counts.count("not-kept")))
    actions = [
        PlanAction(a.what, who(a.owner), a.due, a.measure,
                   [(names[p], a.consent.get(p) is True) for p in kinds.PARTIES],
                   marks.get(str(a.id), []), key=f"{a.id}-{a.created}")
        for a in session.actions if a.status == "agreed"
    ]
    parked = [p.text for p in session.parked]
    parked += [a.what for a in session.actions if a.status != "agreed"]
    rules = []
    for meeting in session.meetings:
        guide = library.guides.get(meeting.guide_id)
        for step in guide.steps if guide else ():
            agreed = all(
                (r := session.record(meeting.number, step.id, slot)) and r.content.get("agreed")
                for slot in kinds.PARTIES)
            if step.kind == kinds.AGREEMENT and agreed:
                rules += [rule for rule in step.rules if rule not in rules]
    guide = library.guides.get(session.guide_id)
    return Plan(
        title=session.title,
        guide=guide.title if guide else session.guide_id,
        mode=session.mode,
        parties=[names["a"], names["b"]],
        mediator=names.get("mediator"),
        first_met=meeting_days.get(1, _day(session.created)),
        last_met=max(meeting_days.values(), default=_day(session.updated)),
        meetings=len(session.meetings),
        statements=statements,
        common_ground=common,
        actions=actions,
        parked=parked,
        review_date=session.review_date or "",
        ground_rules=rules,
        notes=[n.text for n in session.notes if n.visibility == "shared" and n.text.strip()],
        reviews=reviews,
    )


def long_date(iso: str) -> str:
    """'2026-12-04' as '4 December 2026'; anything else unchanged."""
    try:
        day = date.fromisoformat(iso)
    except (TypeError, ValueError):
        return iso or ""
    return f"{day.day} {day:%B %Y}"
