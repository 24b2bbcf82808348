"""The order of turns: a guide's steps expanded into the stages a session moves through.

Group steps are one stage each. A statement step runs once per party; when a reflection step
follows it, the two interleave (A speaks, B reflects; then B speaks, A reflects), as looping
for understanding asks.
"""

from __future__ import annotations

from dataclasses import dataclass

from . import kinds
from .guide import Guide, Step

FIRST, SECOND = "a", "b"


def other(slot: str) -> str:
    return SECOND if slot == FIRST else FIRST


@dataclass(frozen=True)
class Stage:
    index: int
    step: Step
    speaker: str | None = None  # who has the floor in a turn step
    listener: str | None = None  # who listens (and, in a reflection, reflects back)

    @property
    def kind(self) -> str:
        return self.step.kind

    @property
    def key(self) -> tuple[str, str | None]:
        return (self.step.id, self.speaker)

    def words(self, role: str, names: dict[str, str]) -> str:
        return self.step.say(
            role,
            speaker=names.get(self.speaker or "", ""),
            listener=names.get(self.listener or "", ""),
        )


def stages(guide: Guide) -> list[Stage]:
    """Every stage of a meeting that runs `guide`, in order."""
    result: list[Stage] = []
    steps = list(guide.steps)
    i = 0
    while i < len(steps):
        step = steps[i]
        following = steps[i + 1] if i + 1 < len(steps) else None
        if step.kind == kinds.STATEMENT and following and following.kind == kinds.REFLECTION:
            for speaker in (FIRST, SECOND):
                result.append(Stage(len(result), step, speaker, other(speaker)))
                result.append(Stage(len(result), following, speaker, other(speaker)))
            i += 2
        elif step.kind == kinds.STATEMENT:
            for speaker in (FIRST, SECOND):
                result.append(Stage(len(result), step, speaker, other(speaker)))
            i += 1
        else:
            result.append(Stage(len(result), step))
            i += 1
    return result
