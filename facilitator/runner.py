"""The runner: moves a session through its guide and records what people say and pick.

Every operation changes the session model, commits it through the store at once (one logical
change per transaction) and returns a `Change` that says which parts changed, so a screen can
refresh only what the change touched. The runner holds the rules; the UI adds none of its own.
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass
from datetime import date

from . import kinds
from .errors import FlowError, NotReady, UsageError
from .flow import Stage, stages
from .guide import Guide
from .library import Library
from .model import (
    Action,
    Checkin,
    Meeting,
    Note,
    Option,
    Parked,
    Party,
    Pause,
    Record,
    Session,
    now,
)
from .requirements import missing, safety_stop
from .store import Store

PARTIES = kinds.PARTIES


@dataclass(frozen=True)
class Change:
    """What an operation changed: parts of the session, and the stage it happened at."""

    session_id: int
    parts: frozenset[str]
    stage: int

    def touches(self, *parts: str) -> bool:
        return not self.parts.isdisjoint(parts)


def check_names(mode: str, a: str, b: str, mediator: str | None) -> list[str]:
    """Problems with the people's names, in words a form can show next to its fields."""
    problems = []
    names = {"a": a.strip(), "b": b.strip()}
    for slot, label in (("a", "first person"), ("b", "second person")):
        if not names[slot]:
            problems.append(f"the {label} needs a name")
    if names["a"] and names["a"].casefold() == names["b"].casefold():
        problems.append("the two people need different names (add an initial)")
    if mode == "mediated":
        if not (mediator or "").strip():
            problems.append("a mediated session needs the mediator's name")
        elif (mediator or "").strip().casefold() in {n.casefold() for n in names.values()}:
            problems.append("the mediator needs a name different from both parties")
    return problems


class Runner:
    def __init__(self, store: Store, library: Library, session: Session):
        self.store = store
        self.library = library
        self.session = session
        self.guide: Guide = library.guide(session.meeting.guide_id)
        self.stages: list[Stage] = stages(self.guide)

    # -- starting and resuming ------------------------------------------------------------

    @classmethod
    def start(cls, store: Store, library: Library, *, guide_id: str, mode: str, a: str,
              b: str, mediator: str | None = None, title: str = "") -> Runner:
        if mode not in kinds.MODES:
            raise UsageError(f'mode must be "mediated" or "self-guided", not "{mode}"')
        guide = library.guide(guide_id)
        if not guide.suits(mode):
            raise UsageError(f'guide "{guide_id}" is written for {guide.mode} sessions')
        problems = check_names(mode, a, b, mediator)
        if problems:
            raise UsageError("; ".join(problems))
        parties = [Party("a", a.strip()), Party("b", b.strip())]
        if mode == "mediated":
            parties.append(Party("mediator", (mediator or "").strip()))
        session = Session(title=title.strip() or f"{a.strip()} and {b.strip()}",
                          guide_id=guide_id, mode=mode, parties=parties,
                          meetings=[Meeting(1, guide_id)])
        store.create_session(session)
        return cls(store, library, session)

    @classmethod
    def resume(cls, store: Store, library: Library, session_id: int) -> Runner:
        return cls(store, library, store.load_session(session_id))

    def start_review(self, guide_id: str) -> Change:
        """Open a follow-up meeting on the same plan, run by a review guide."""
        if self.session.status != "finished":
            raise UsageError("a review starts once the session is finished")
        guide = self.library.guide(guide_id)
        meeting = Meeting(self.session.meeting.number + 1, guide.id)
        with self.store.db.atomic():
            self.session.meetings.append(meeting)
            self.session.status = "open"
            self.store.save_meeting(self.session.id, meeting)
            self.store.save_session(self.session)
        self.guide = guide
        self.stages = stages(guide)
        return self._change("meetings", "position", "session")

    # -- moving through the flow ----------------------------------------------------------

    @property
    def position(self) -> int:
        return self.session.meeting.position

    @property
    def stage(self) -> Stage:
        return self.stages[self.position]

    @property
    def at_end(self) -> bool:
        return self.position == len(self.stages) - 1

    def missing(self) -> list[str]:
        return missing(self.session, self.stage)

    @property
    def safety_stop(self) -> bool:
        """A self-guided conversation must not go on (see requirements.safety_stop)."""
        return safety_stop(self.session, self.meeting_number, self.stage)

    @property
    def meeting_number(self) -> int:
        return self.session.meeting.number

    def advance(self) -> Change:
        """Move to the next stage, or finish the meeting at the last one."""
        needed = self.missing()
        if needed:
            raise NotReady(needed)
        meeting = self.session.meeting
        # moving on is where the session stands; finishing is content, and waits for the disk
        with (self.store.relaxed() if not self.at_end else contextlib.nullcontext()), \
                self.store.db.atomic():
            if self.at_end:
                meeting.status, meeting.ended = "finished", now()
                self.session.status = "finished"
                self.store.save_session(self.session)
            else:
                meeting.position += 1
                self.store.touch(self.session)
            self.store.save_meeting(self.session.id, meeting)
        return self._change("position", "meetings", "session")

    def back(self) -> Change:
        return self.go_to(max(self.position - 1, 0))

    @property
    def reachable(self) -> int:
        """The furthest stage one may jump to: every stage before it has what it needs."""
        for stage in self.stages:
            if missing(self.session, stage):
                return stage.index
        return len(self.stages) - 1

    def go_to(self, index: int) -> Change:
        """Jump to a stage: back to any, forward only past stages that have what they need."""
        if not 0 <= index <= max(self.position, self.reachable):
            raise FlowError(f"cannot jump ahead to stage {index}")
        with self.store.relaxed(), self.store.db.atomic():
            self.session.meeting.position = index
            self.store.save_meeting(self.session.id, self.session.meeting)
            self.store.touch(self.session)
        return self._change("position")

    # -- recording, shared by the step operations -----------------------------------------

    def _change(self, *parts: str) -> Change:
        return Change(self.session.id, frozenset(parts), self.position)

    def _expect(self, *wanted: str) -> Stage:
        stage = self.stage
        if stage.kind not in wanted:
            raise FlowError(f"this is a {stage.kind} step, not {' or '.join(wanted)}")
        return stage

    def _record(self, party: str | None, visibility: str = "shared") -> Record:
        stage = self.stage
        record = self.session.record(self.meeting_number, stage.step.id, party)
        if record is None:
            record = Record(self.meeting_number, stage.step.id, stage.kind, party, {},
                            visibility=visibility)
            self.session.records.append(record)
        return record

    def _save_record(self, record: Record) -> Change:
        with self.store.db.atomic():
            record.updated = now()
            self.store.save_record(self.session.id, record)
            self.store.touch(self.session)
        return self._change("records")

    def _save_item(self, attribute: str, item) -> Change:
        with self.store.db.atomic():
            if hasattr(item, "updated"):
                item.updated = now()
            self.store.save_item(self.session.id, attribute, item)
            self.store.touch(self.session)
        return self._change(attribute)

    def _delete_item(self, attribute: str, item_id: int) -> Change:
        items = getattr(self.session, attribute)
        item = self.session.find(items, item_id)
        with self.store.db.atomic():
            self.store.delete_item(self.session.id, attribute, item_id)
            self.store.touch(self.session)
        items.remove(item)
        return self._change(attribute)

    # -- the step kinds -------------------------------------------------------------------

    def agree(self, party: str, agreed: bool = True) -> Change:
        self._expect(kinds.AGREEMENT)
        record = self._record(_party(party))
        record.content["agreed"] = bool(agreed)
        return self._save_record(record)

    def answer_screening(self, party: str, question_id: str, answer: str) -> Change:
        """A private answer about `party`; never exported, hidden in the party view."""
        stage = self._expect(kinds.SCREENING)
        if question_id not in {q.id for q in stage.step.questions}:
            raise FlowError(f"no screening question {question_id!r}")
        if answer not in ("yes", "no"):
            raise FlowError(f"a screening answer is yes or no, not {answer!r}")
        record = self._record(_party(party), visibility="private")
        record.content.setdefault("answers", {})[question_id] = answer
        return self._save_record(record)

    def rate(self, party: str, *, calm: int | None = None, hope: int | None = None) -> Change:
        """Calm and hope, 1–5: at a check-in step, and as the final check-in when closing."""
        stage = self._expect(kinds.CHECKIN, kinds.CLOSING)
        party = _party(party)
        checkin = self.session.checkin(self.meeting_number, stage.step.id, party)
        if checkin is None:
            moment = stage.step.moment if stage.kind == kinds.CHECKIN else "end"
            checkin = Checkin(self.meeting_number, stage.step.id, party, moment)
            self.session.checkins.append(checkin)
        for name, value in (("calm", calm), ("hope", hope)):
            if value is not None:
                if not (isinstance(value, int) and 1 <= value <= 5):
                    raise UsageError(f"{name} is rated from 1 to 5, not {value!r}")
                setattr(checkin, name, value)
        checkin.at = now()
        with self.store.db.atomic():
            self.store.save_checkin(self.session.id, checkin)
            self.store.touch(self.session)
        return self._change("checkins")

    def edit_statement(self, **fields) -> Change:
        """The speaker's observation, request (text) and feelings, needs (picked words)."""
        stage = self._expect(kinds.STATEMENT)
        record = self._record(stage.speaker)
        for name, value in fields.items():
            if name in ("observation", "request"):
                record.content[name] = str(value)
            elif name in ("feelings", "needs"):
                record.content[name] = _words(value)
            else:
                raise FlowError(f"a statement has no field {name!r}")
        return self._save_record(record)

    def reflect(self, paraphrase: str) -> Change:
        """The listener's paraphrase: edits the open attempt, or opens a new one."""
        stage = self._expect(kinds.REFLECTION)
        record = self._reflection(stage)
        attempts = record.content["attempts"]
        if not attempts or attempts[-1]["answer"] is not None:
            attempts.append(_attempt())
        attempts[-1]["paraphrase"] = str(paraphrase)
        return self._save_record(record)

    def confirm(self, answer: str, more: str = "") -> Change:
        """The speaker's "Did I get it?" (yes / partly / no) and "Is there more?"."""
        stage = self._expect(kinds.REFLECTION)
        if answer not in kinds.ANSWERS:
            raise FlowError(f"the answer is yes, partly or no, not {answer!r}")
        record = self._reflection(stage)
        attempts = record.content["attempts"]
        if not attempts or attempts[-1]["answer"] is not None:
            attempts.append(_attempt())  # the paraphrase was spoken, not typed
        attempts[-1].update(answer=answer, more=str(more), at=now())
        return self._save_record(record)

    def validate(self, text: str) -> Change:
        """What the listener said to validate the speaker's feelings after being understood."""
        record = self._reflection(self._expect(kinds.REFLECTION))
        record.content["validation"] = str(text)
        return self._save_record(record)

    def move_on(self) -> Change:
        """The mediator ends the loop before a "yes"; recorded as such."""
        stage = self._expect(kinds.REFLECTION)
        if self.session.mode != "mediated":
            raise FlowError("only a mediator can end the loop before a yes")
        record = self._reflection(stage)
        record.content["moved_on"] = True
        return self._save_record(record)

    def add_talk_time(self, seconds: int) -> Change:
        """Time the person with the floor spoke at this turn (statement: the speaker;
        reflection: the listener saying it back), for the mediator's balance view."""
        stage = self._expect(kinds.STATEMENT, kinds.REFLECTION)
        record = (self._reflection(stage) if stage.kind == kinds.REFLECTION
                  else self._record(stage.speaker))
        record.content["talk_seconds"] = record.content.get("talk_seconds", 0) + max(
            0, int(seconds))
        return self._save_record(record)

    def _reflection(self, stage: Stage) -> Record:
        record = self._record(stage.listener)
        record.content.setdefault("about", stage.speaker)
        record.content.setdefault("attempts", [])
        return record

    def pick_needs(self, party: str, needs: list[str]) -> Change:
        self._expect(kinds.NEEDS)
        record = self._record(_party(party))
        record.content["needs"] = _words(needs)
        return self._save_record(record)

    def explain_needs(self, party: str, text: str) -> Change:
        self._expect(kinds.NEEDS)
        record = self._record(_party(party))
        record.content["why"] = str(text)
        return self._save_record(record)

    def appreciate(self, party: str, text: str) -> Change:
        self._expect(kinds.CLOSING)
        record = self._record(_party(party))
        record.content["appreciation"] = str(text)
        return self._save_record(record)

    def mark(self, action_id: int, mark: str, note: str = "") -> Change:
        """In a review: was this commitment kept, partly kept or not kept?"""
        self._expect(kinds.REVIEW)
        if mark not in kinds.REVIEW_MARKS:
            raise FlowError(f"a commitment is kept, partly or not-kept, not {mark!r}")
        reviewed = {a.id for a in self.session.agreed_actions(before_meeting=self.meeting_number)}
        if action_id not in reviewed:
            raise FlowError(f"action {action_id} is not part of the plan under review")
        record = self._record(None)
        record.content.setdefault("marks", {})[str(action_id)] = {"mark": mark,
                                                                  "note": str(note)}
        return self._save_record(record)

    # -- options, actions, parked items, review date --------------------------------------

    def add_option(self, text: str, by: str | None = None) -> Change:
        stage = self._expect(kinds.OPTIONS)
        option = Option(self.meeting_number, stage.step.id, _required(text, "an option"),
                        by=_party(by) if by else None)
        self.session.options.append(option)
        return self._save_item("options", option)

    def edit_option(self, option_id: int, text: str) -> Change:
        option = self.session.find(self.session.options, option_id)
        option.text = _required(text, "an option")
        return self._save_item("options", option)

    def remove_option(self, option_id: int) -> Change:
        return self._delete_item("options", option_id)

    def mark_option(self, option_id: int, party: str, acceptable: bool) -> Change:
        """Whether `party` could live with the option; judging starts after brainstorming."""
        option = self.session.find(self.session.options, option_id)
        option.marks[_party(party)] = bool(acceptable)
        return self._save_item("options", option)

    def add_action(self, what: str, owner: str = "both", due: str = "",
                   measure: str = "") -> Change:
        stage = self._expect(kinds.ACTIONS)
        action = Action(self.meeting_number, stage.step.id, _required(what, "an action"),
                        owner=_owner(owner), due=_date(due), measure=str(measure))
        self.session.actions.append(action)
        return self._save_item("actions", action)

    def edit_action(self, action_id: int, **fields) -> Change:
        """Change an action; consent given to the old wording no longer counts."""
        action = self.session.find(self.session.actions, action_id)
        cleaners = {"what": lambda v: _required(v, "an action"), "owner": _owner,
                    "due": _date, "measure": str}
        changed = False
        for name, value in fields.items():
            if name not in cleaners:
                raise FlowError(f"an action has no field {name!r}")
            value = cleaners[name](value)
            changed |= getattr(action, name) != value
            setattr(action, name, value)
        if changed:
            action.consent = {}
        return self._save_item("actions", action)

    def consent(self, action_id: int, party: str, yes: bool = True) -> Change:
        """One party's explicit consent to one action; only a complete action can be agreed."""
        action = self.session.find(self.session.actions, action_id)
        if yes and action.unfinished():
            raise NotReady([f"the action needs {', '.join(action.unfinished())} first"])
        action.consent[_party(party)] = bool(yes)
        return self._save_item("actions", action)

    def remove_action(self, action_id: int) -> Change:
        return self._delete_item("actions", action_id)

    def park(self, text: str) -> Change:
        stage = self.stage
        item = Parked(self.meeting_number, stage.step.id, _required(text, "a parked item"))
        self.session.parked.append(item)
        return self._save_item("parked", item)

    def park_action(self, action_id: int) -> Change:
        """Move an action nobody could agree on to the parked list, in one transaction."""
        action = self.session.find(self.session.actions, action_id)
        item = Parked(self.meeting_number, action.step_id, action.what)
        with self.store.db.atomic():
            self._delete_item("actions", action_id)
            self.session.parked.append(item)
            self._save_item("parked", item)
        return self._change("actions", "parked")

    def unpark(self, parked_id: int) -> Change:
        return self._delete_item("parked", parked_id)

    def set_review_date(self, when: str | None) -> Change:
        self.session.review_date = _date(when) or None
        self.store.save_session(self.session)
        return self._change("session")

    def set_title(self, title: str) -> Change:
        self.session.title = _required(title, "the title")
        self.store.save_session(self.session)
        return self._change("session")

    # -- pauses ---------------------------------------------------------------------------

    @property
    def paused(self) -> bool:
        return bool(self.session.pauses) and self.session.pauses[-1].ended is None

    def pause(self) -> Change:
        """A cool-down: anyone may call it, without explaining; the stage stays as it is."""
        if self.paused:
            return self._change("pauses")
        pause = Pause(self.meeting_number, self.stage.step.id)
        self.session.pauses.append(pause)
        return self._save_item("pauses", pause)

    def end_pause(self) -> Change:
        if not self.paused:
            return self._change("pauses")
        pause = self.session.pauses[-1]
        pause.ended = now()
        return self._save_item("pauses", pause)

    # -- notes ----------------------------------------------------------------------------

    def add_note(self, text: str, visibility: str = "shared", author: str = "mediator") -> Change:
        if visibility not in kinds.VISIBILITIES:
            raise FlowError(f"visibility is shared or private, not {visibility!r}")
        if author not in kinds.AUTHORS:
            raise FlowError(f"unknown author {author!r}")
        note = Note(self.meeting_number, str(text), visibility, author, self.stage.step.id)
        self.session.notes.append(note)
        return self._save_item("notes", note)

    def edit_note(self, note_id: int, text: str | None = None,
                  visibility: str | None = None) -> Change:
        note = self.session.find(self.session.notes, note_id)
        if text is not None:
            note.text = str(text)
        if visibility is not None:
            if visibility not in kinds.VISIBILITIES:
                raise FlowError(f"visibility is shared or private, not {visibility!r}")
            note.visibility = visibility
        return self._save_item("notes", note)

    def delete_note(self, note_id: int) -> Change:
        return self._delete_item("notes", note_id)


def _party(slot: str | None) -> str:
    if slot not in PARTIES:
        raise FlowError(f"party is 'a' or 'b', not {slot!r}")
    return slot


def _owner(owner: str) -> str:
    if owner not in kinds.OWNERS:
        raise UsageError(f"who is 'a', 'b' or 'both', not {owner!r}")
    return owner


def _date(value: str | None) -> str:
    """An ISO date (YYYY-MM-DD) or ''; anything else is refused with a plain message."""
    if not value:
        return ""
    try:
        return date.fromisoformat(str(value)).isoformat()
    except ValueError:
        raise UsageError(f'"{value}" is not a date like 2026-12-31') from None


def _required(text: str, what: str) -> str:
    if not str(text).strip():
        raise UsageError(f"{what} cannot be empty")
    return str(text)


def _words(values) -> list[str]:
    seen = []
    for value in values:
        value = str(value).strip()
        if value and value not in seen:
            seen.append(value)
    return seen


def _attempt() -> dict:
    return {"paraphrase": "", "answer": None, "more": "", "at": now()}
