"""Fair turns: how long each party had the floor and how many words each wrote, so the
mediator can see an imbalance (power imbalance shows up as airtime) and even it out."""

from __future__ import annotations

from dataclasses import dataclass

from . import kinds
from .model import Session


@dataclass(frozen=True)
class Share:
    seconds: int
    words: int
    loops: int  # tries it took this person to say back what the other said


def _words(text: str) -> int:
    return len(text.split())


def shares(session: Session) -> dict[str, Share]:
    """Per party ("a", "b"): seconds with the floor and words written, over every meeting."""
    seconds = dict.fromkeys(kinds.PARTIES, 0)
    words = dict.fromkeys(kinds.PARTIES, 0)
    loops = dict.fromkeys(kinds.PARTIES, 0)
    for record in session.records:
        if record.party not in seconds:
            continue
        content = record.content
        if record.kind in (kinds.STATEMENT, kinds.REFLECTION):
            seconds[record.party] += int(content.get("talk_seconds", 0))
        if record.kind == kinds.STATEMENT:
            words[record.party] += _words(content.get("observation", ""))
            words[record.party] += _words(content.get("request", ""))
        elif record.kind == kinds.REFLECTION:
            loops[record.party] += len(content.get("attempts", []))
            words[record.party] += sum(_words(a.get("paraphrase", ""))
                                       for a in content.get("attempts", []))
            words[record.party] += _words(content.get("validation", ""))
        elif record.kind == kinds.NEEDS:
            words[record.party] += _words(content.get("why", ""))
        elif record.kind == kinds.CLOSING:
            words[record.party] += _words(content.get("appreciation", ""))
    return {p: Share(seconds[p], words[p], loops[p]) for p in kinds.PARTIES}


def clock(seconds: int) -> str:
    return f"{seconds // 60}:{seconds % 60:02d}"
