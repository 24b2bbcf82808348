"""The session bundle: a JSON archive of one whole session, the public interchange format.

`to_bundle` writes it; `read_bundle` validates every field before anything touches the store,
so an import is all-or-nothing. The format is documented in docs/session-bundle.md.
"""

from __future__ import annotations

import json
from datetime import date
from typing import Any

from . import kinds
from .errors import BundleError, DataFileError
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
)
from .validation import Reader, join

FORMAT = "facilitator-session"
VERSION = 1


def to_bundle(session: Session, *, shared_only: bool = False) -> dict[str, Any]:
    """The bundle as a dict; `shared_only` leaves out every private record and note."""
    def keep(item) -> bool:
        return not shared_only or item.visibility == "shared"

    body = {
        "title": session.title,
        "guide": session.guide_id,
        "mode": session.mode,
        "status": session.status,
        "created": session.created,
        "updated": session.updated,
        "review_date": session.review_date,
        "parties": [{"slot": p.slot, "name": p.name, "role": p.role} for p in session.parties],
        "meetings": [
            {"number": m.number, "guide": m.guide_id, "position": m.position,
             "status": m.status, "started": m.started, "ended": m.ended}
            for m in session.meetings
        ],
        "records": [
            {"meeting": r.meeting, "step": r.step_id, "kind": r.kind, "party": r.party,
             "visibility": r.visibility, "content": r.content, "created": r.created,
             "updated": r.updated}
            for r in session.records if keep(r)
        ],
        "checkins": [
            {"meeting": c.meeting, "step": c.step_id, "party": c.party, "moment": c.moment,
             "calm": c.calm, "hope": c.hope, "at": c.at}
            for c in session.checkins
        ],
        "options": [
            {"id": o.id, "meeting": o.meeting, "step": o.step_id, "text": o.text, "by": o.by,
             "marks": o.marks, "created": o.created}
            for o in session.options
        ],
        "actions": [
            {"id": a.id, "meeting": a.meeting, "step": a.step_id, "what": a.what,
             "owner": a.owner, "due": a.due, "measure": a.measure, "consent": a.consent,
             "status": a.status, "created": a.created, "updated": a.updated}
            for a in session.actions
        ],
        "parked": [
            {"id": p.id, "meeting": p.meeting, "step": p.step_id, "text": p.text,
             "created": p.created}
            for p in session.parked
        ],
        "notes": [
            {"id": n.id, "meeting": n.meeting, "step": n.step_id, "author": n.author,
             "visibility": n.visibility, "text": n.text, "created": n.created,
             "updated": n.updated}
            for n in session.notes if keep(n)
        ],
        "pauses": [
            {"meeting": p.meeting, "step": p.step_id, "started": p.started, "ended": p.ended}
            for p in session.pauses
        ],
    }
    return {"format": FORMAT, "version": VERSION, "session": body}


def dumps(bundle: dict[str, Any]) -> str:
    return json.dumps(bundle, ensure_ascii=False, indent=2) + "\n"


def read_bundle(raw: bytes, label: str) -> Session:
    """Parse and validate a bundle; raise BundleError naming every problem, write nothing."""
    try:
        data = json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError as error:
        raise BundleError(f"{label}: is not UTF-8 text (byte {error.start})") from None
    except (json.JSONDecodeError, RecursionError, ValueError) as error:
        # ValueError: a number of more than 4 300 digits, which Python refuses to convert
        raise BundleError(f"{label}: is not valid JSON ({error})") from None
    bad = _bad_text(data, "")
    if bad is not None:
        raise BundleError(f"{label}: {bad or 'the document'}: holds text that is not valid "
                          "Unicode") from None
    try:
        return _parse(data, label)
    except DataFileError as error:
        raise BundleError(str(error)) from None


def _bad_text(value: Any, where: str) -> str | None:
    """The key path of the first string (or key) that cannot be stored as UTF-8, if any."""
    texts: list[tuple[str, Any]] = []
    if isinstance(value, str):
        texts = [(where, value)]
    elif isinstance(value, dict):
        for key, item in value.items():
            here = join(where, str(key).encode("utf-8", "replace").decode())
            found = _bad_text(key, here) if isinstance(key, str) else None
            found = found if found is not None else _bad_text(item, here)
            if found is not None:
                return found
    elif isinstance(value, list):
        for index, item in enumerate(value):
            found = _bad_text(item, join(where, index))
            if found is not None:
                return found
    for here, text in texts:
        try:
            text.encode("utf-8")
        except UnicodeEncodeError:
            return here
    return None


def _parse(data: Any, label: str) -> Session:
    r = Reader(label)
    if not isinstance(data, dict):
        r.problem("", "is not a session bundle (expected a JSON object)")
        r.raise_if_any()
    if data.get("format") != FORMAT:
        r.problem("format", f'expected "{FORMAT}"')
        r.raise_if_any()
    version = r.get(data, "version", int, "", default=None)
    if isinstance(version, int) and version > VERSION:
        r.problem("version", f"{version} is newer than this app understands ({VERSION})")
    elif isinstance(version, int) and version < 1:
        r.problem("version", f"{version} does not exist")
    r.known_keys(data, ("format", "version", "session"), "")
    s = r.get(data, "session", dict, "", default={})
    r.raise_if_any()
    r.known_keys(s, ("title", "guide", "mode", "status", "created", "updated", "review_date",
                     "parties", "meetings", "records", "checkins", "options", "actions",
                     "parked", "notes", "pauses"), "session")
    w = "session"
    mode = r.choice(s, "mode", kinds.MODES, w, default="mediated")
    session = Session(
        title=r.text(s, "title", w, default="") or "",
        guide_id=r.slug(s, "guide", w),
        mode=mode or "mediated",
        parties=_parties(r, s, w, mode),
        status=r.choice(s, "status", ("open", "finished"), w, default="open") or "open",
        created=r.text(s, "created", w, default="") or "",
        updated=r.text(s, "updated", w, default="") or "",
        review_date=r.get(s, "review_date", str, w, required=False),
    )
    meetings = []
    for i, m in enumerate(r.tables(s, "meetings", w)):
        here = join(join(w, "meetings"), i)
        r.known_keys(m, ("number", "guide", "position", "status", "started", "ended"), here)
        meetings.append(Meeting(
            number=r.integer(m, "number", here, low=1, high=10_000, default=1) or 1,
            guide_id=r.slug(m, "guide", here),
            position=r.integer(m, "position", here, low=0, high=10_000, default=0) or 0,
            status=r.choice(m, "status", ("open", "finished"), here, default="open") or "open",
            started=r.text(m, "started", here, default="") or "",
            ended=r.get(m, "ended", str, here, required=False),
        ))
    if [m.number for m in meetings] != list(range(1, len(meetings) + 1)):
        r.problem(join(w, "meetings"), "must be numbered 1, 2, 3… in order, at least one")
    session.meetings = meetings
    numbers = {m.number for m in meetings}
    session.records = [_record(r, t, join(join(w, "records"), i), numbers)
                       for i, t in enumerate(r.tables(s, "records", w))]
    seen = set()
    for i, record in enumerate(session.records):
        key = (record.meeting, record.step_id, record.party)
        if key in seen:
            r.problem(join(join(w, "records"), i), "a second record for the same step and party")
        seen.add(key)
    session.checkins = [_checkin(r, t, join(join(w, "checkins"), i), numbers)
                        for i, t in enumerate(r.tables(s, "checkins", w))]
    session.options = [_option(r, t, join(join(w, "options"), i), numbers)
                       for i, t in enumerate(r.tables(s, "options", w))]
    session.actions = [_action(r, t, join(join(w, "actions"), i), numbers)
                       for i, t in enumerate(r.tables(s, "actions", w))]
    session.parked = [_parked(r, t, join(join(w, "parked"), i), numbers)
                      for i, t in enumerate(r.tables(s, "parked", w))]
    session.notes = [_note(r, t, join(join(w, "notes"), i), numbers, session.mode)
                     for i, t in enumerate(r.tables(s, "notes", w))]
    session.pauses = [_pause(r, t, join(join(w, "pauses"), i), numbers)
                      for i, t in enumerate(r.tables(s, "pauses", w, required=False))]
    _check_unique(r, session)
    _check_dates(r, session)
    _check_review_marks(r, session)
    r.raise_if_any()
    return session


def _parties(r: Reader, s: dict, w: str, mode: str | None) -> list[Party]:
    parties = []
    for i, t in enumerate(r.tables(s, "parties", w)):
        here = join(join(w, "parties"), i)
        r.known_keys(t, ("slot", "name", "role"), here)
        slot = r.choice(t, "slot", ("a", "b", "mediator"), here, default="") or ""
        role = r.choice(t, "role", ("party", "mediator"), here, default="party")
        if slot and role != ("mediator" if slot == "mediator" else "party"):
            r.problem(join(here, "role"), f'does not fit slot "{slot}"')
        parties.append(Party(slot, r.text(t, "name", here, default="") or ""))
    slots = sorted(p.slot for p in parties)
    wanted = ["a", "b", "mediator"] if mode == "mediated" else ["a", "b"]
    if slots != wanted:
        r.problem(join(w, "parties"), f"a {mode} session has exactly {', '.join(wanted)}")
    return sorted(parties, key=lambda p: p.slot)


def _common(r: Reader, t: dict, here: str, numbers: set[int], keys: tuple[str, ...]) -> tuple:
    r.known_keys(t, keys, here)
    meeting = r.integer(t, "meeting", here, low=1, high=10_000, default=1)
    if meeting not in numbers:
        r.problem(join(here, "meeting"), f"there is no meeting {meeting}")
    return meeting, r.slug(t, "step", here)


def _record(r: Reader, t: dict, here: str, numbers: set[int]) -> Record:
    meeting, step = _common(r, t, here, numbers, ("meeting", "step", "kind", "party",
                                                  "visibility", "content", "created",
                                                  "updated"))
    kind = r.choice(t, "kind", tuple(kinds.KINDS), here, default="") or ""
    party = r.get(t, "party", str, here, required=False)
    if party not in (None, *kinds.PARTIES):
        r.problem(join(here, "party"), f'"{party}" is not "a", "b" or null')
    content = r.get(t, "content", dict, here, default={})
    _check_content(r, kind, content, join(here, "content"))
    return Record(meeting, step, kind, party, content,
                  visibility=r.choice(t, "visibility", kinds.VISIBILITIES, here,
                                      default="private") or "private",
                  created=r.text(t, "created", here, default="") or "",
                  updated=r.text(t, "updated", here, default="") or "")


# What each kind may record, with the type of each value.
_CONTENT: dict[str, dict[str, type]] = {
    kinds.AGREEMENT: {"agreed": bool},
    kinds.SCREENING: {"answers": dict},
    kinds.STATEMENT: {"observation": str, "request": str, "feelings": list, "needs": list,
                      "talk_seconds": int},
    kinds.REFLECTION: {"about": str, "attempts": list, "validation": str, "moved_on": bool,
                       "talk_seconds": int},
    kinds.NEEDS: {"needs": list, "why": str},
    kinds.CLOSING: {"appreciation": str},
    kinds.REVIEW: {"marks": dict},
}


def _check_content(r: Reader, kind: str, content: dict, here: str) -> None:
    allowed = _CONTENT.get(kind, {})
    r.known_keys(content, allowed, here)
    for key, kind_type in allowed.items():
        value = r.get(content, key, kind_type, here, required=False)
        if kind_type is list and value is not None and key != "attempts":
            r.strings(content, key, here, non_empty=False)
    answers = content.get("answers")
    for qid, answer in (answers.items() if isinstance(answers, dict) else ()):
        if answer not in ("yes", "no"):
            r.problem(join(join(here, "answers"), qid), "must be yes or no")
    if kind == kinds.REFLECTION:
        if content.get("about") not in (None, *kinds.PARTIES):
            r.problem(join(here, "about"), 'must be "a" or "b"')
        for i, attempt in enumerate(r.tables(content, "attempts", here, required=False)):
            where = join(join(here, "attempts"), i)
            r.known_keys(attempt, ("paraphrase", "answer", "more", "at"), where)
            r.get(attempt, "paraphrase", str, where)
            r.get(attempt, "more", str, where)
            r.get(attempt, "at", str, where)
            if attempt.get("answer") not in (None, *kinds.ANSWERS):
                r.problem(join(where, "answer"), "must be yes, partly, no or null")
    marks = content.get("marks")
    for key, mark in (marks.items() if isinstance(marks, dict) else ()):
        where = join(join(here, "marks"), key)
        if not isinstance(mark, dict):
            r.problem(where, "expected a table")
            continue
        r.known_keys(mark, ("mark", "note"), where)
        r.choice(mark, "mark", kinds.REVIEW_MARKS, where)
        r.get(mark, "note", str, where)


def _checkin(r: Reader, t: dict, here: str, numbers: set[int]) -> Checkin:
    meeting, step = _common(r, t, here, numbers, ("meeting", "step", "party", "moment", "calm",
                                                  "hope", "at"))
    return Checkin(meeting, step, r.choice(t, "party", kinds.PARTIES, here, default="a") or "a",
                   r.choice(t, "moment", kinds.MOMENTS, here, default="start") or "start",
                   r.integer(t, "calm", here, low=1, high=5, required=False),
                   r.integer(t, "hope", here, low=1, high=5, required=False),
                   r.text(t, "at", here, default="") or "")


def _flags(r: Reader, t: dict, key: str, here: str) -> dict[str, bool]:
    flags = r.get(t, key, dict, here, default={})
    for party, value in flags.items():
        if party not in kinds.PARTIES or not isinstance(value, bool):
            r.problem(join(join(here, key), party), 'expected "a" or "b" with true or false')
    return {p: v for p, v in flags.items() if p in kinds.PARTIES and isinstance(v, bool)}


def _option(r: Reader, t: dict, here: str, numbers: set[int]) -> Option:
    meeting, step = _common(r, t, here, numbers, ("id", "meeting", "step", "text", "by", "marks",
                                                  "created"))
    by = r.get(t, "by", str, here, required=False)
    if by not in (None, *kinds.PARTIES):
        r.problem(join(here, "by"), 'must be "a", "b" or null')
    return Option(meeting, step, r.text(t, "text", here, default="") or "", by,
                  _flags(r, t, "marks", here), id=_bundle_id(r, t, here),
                  created=r.text(t, "created", here, default="") or "")


def _action(r: Reader, t: dict, here: str, numbers: set[int]) -> Action:
    meeting, step = _common(r, t, here, numbers, ("id", "meeting", "step", "what", "owner", "due",
                                                  "measure", "consent", "status", "created",
                                                  "updated"))
    action = Action(meeting, step, r.text(t, "what", here, default="") or "",
                    owner=r.choice(t, "owner", kinds.OWNERS, here, default="both") or "both",
                    due=r.get(t, "due", str, here, default="") or "",
                    measure=r.get(t, "measure", str, here, default="") or "",
                    consent=_flags(r, t, "consent", here), id=_bundle_id(r, t, here),
                    created=r.text(t, "created", here, default="") or "",
                    updated=r.text(t, "updated", here, default="") or "")
    status = r.choice(t, "status", ("proposed", "agreed"), here, required=False)
    if status and status != action.status:
        r.problem(join(here, "status"), f'"{status}" does not match the consent given')
    return action


def _parked(r: Reader, t: dict, here: str, numbers: set[int]) -> Parked:
    meeting, step = _common(r, t, here, numbers, ("id", "meeting", "step", "text", "created"))
    return Parked(meeting, step, r.text(t, "text", here, default="") or "",
                  id=_bundle_id(r, t, here), created=r.text(t, "created", here, default="") or "")


def _note(r: Reader, t: dict, here: str, numbers: set[int], mode: str) -> Note:
    r.known_keys(t, ("id", "meeting", "step", "author", "visibility", "text", "created",
                     "updated"), here)
    meeting = r.integer(t, "meeting", here, low=1, high=10_000, default=1)
    if meeting not in numbers:
        r.problem(join(here, "meeting"), f"there is no meeting {meeting}")
    step = r.get(t, "step", str, here, required=False)
    return Note(meeting, r.get(t, "text", str, here, default="") or "",
                r.choice(t, "visibility", kinds.VISIBILITIES, here, default="private")
                or "private",
                r.choice(t, "author", kinds.AUTHORS, here, default="mediator")
                or "mediator",
                step, id=_bundle_id(r, t, here),
                created=r.text(t, "created", here, default="") or "",
                updated=r.text(t, "updated", here, default="") or "")


def _pause(r: Reader, t: dict, here: str, numbers: set[int]) -> Pause:
    meeting, step = _common(r, t, here, numbers, ("meeting", "step", "started", "ended"))
    return Pause(meeting, step, r.text(t, "started", here, default="") or "",
                 r.get(t, "ended", str, here, required=False))


def _bundle_id(r: Reader, t: dict, here: str) -> int | None:
    return r.integer(t, "id", here, low=0, high=2**62, required=False)


def _check_unique(r: Reader, session: Session) -> None:
    keys = [(c.meeting, c.step_id, c.party) for c in session.checkins]
    for i, key in enumerate(keys):
        if key in keys[:i]:
            r.problem(f"session.checkins[{i}]", "a second check-in for the same step and party")
    for attribute in ("options", "actions", "parked", "notes"):
        ids = [item.id for item in getattr(session, attribute) if item.id is not None]
        if len(ids) != len(set(ids)):
            r.problem(f"session.{attribute}", "two items share an id")


def _check_dates(r: Reader, session: Session) -> None:
    dated = [("session.review_date", session.review_date)]
    dated += [(f"session.actions[{i}].due", a.due) for i, a in enumerate(session.actions)]
    for where, value in dated:
        if value:
            try:
                date.fromisoformat(value)
            except ValueError:
                r.problem(where, f'"{value}" is not a date like 2026-12-31')


def _check_review_marks(r: Reader, session: Session) -> None:
    ids = {str(a.id) for a in session.actions if a.id is not None}
    for record in session.records:
        marks = record.content.get("marks")
        for key in (marks if isinstance(marks, dict) else ()):
            if key not in ids:
                r.problem(f"session.records: review mark {key!r}", "names no action in the bundle")


def remap_marks(session: Session, old_ids: list[int | None]) -> None:
    """After import, point review marks at the actions' new ids."""
    mapping = {str(old): str(a.id) for old, a in zip(old_ids, session.actions, strict=True)
               if old is not None}
    for record in session.records:
        marks = record.content.get("marks")
        if marks:
            record.content["marks"] = {mapping[k]: v for k, v in marks.items()}


def import_bundle(store, raw: bytes, label: str) -> Session:
    """Validate, then write the whole session in one transaction; returns it with new ids."""
    session = read_bundle(raw, label)
    old_ids = [a.id for a in session.actions]
    with store.db.atomic():
        store.create_session(session)
        remap_marks(session, old_ids)
        for record in session.records:
            if record.content.get("marks"):
                store.save_record(session.id, record)
    return session
