"""The fixed vocabulary of step kinds: which guide keys each kind takes and who acts in it.

A step kind owns its mechanics; a guide only chooses, orders and words steps. Keeping the
per-kind facts in one table lets the loader, the flow and the docs agree.
"""

from __future__ import annotations

from dataclasses import dataclass

AGREEMENT = "agreement"
SCREENING = "screening"
CHECKIN = "checkin"
STATEMENT = "statement"
REFLECTION = "reflection"
NEEDS = "needs"
OPTIONS = "options"
ACTIONS = "actions"
CLOSING = "closing"
REVIEW = "review"


@dataclass(frozen=True)
class KindSpec:
    name: str
    # extra guide keys this kind takes, with whether each is required
    extra_keys: dict[str, bool]
    # turn steps run once per party; the others are group steps
    turns: bool = False


KINDS: dict[str, KindSpec] = {
    spec.name: spec
    for spec in (
        KindSpec(AGREEMENT, {"rules": True}),
        KindSpec(SCREENING, {"questions": True, "help": True}),
        KindSpec(CHECKIN, {"moment": True}),
        KindSpec(STATEMENT, {"speaker": False, "listener": False}, turns=True),
        KindSpec(REFLECTION, {"speaker": False, "listener": False}, turns=True),
        KindSpec(NEEDS, {}),
        KindSpec(OPTIONS, {}),
        KindSpec(ACTIONS, {}),
        KindSpec(CLOSING, {}),
        KindSpec(REVIEW, {}),
    )
}

MODES = ("mediated", "self-guided")
GUIDE_MODES = (*MODES, "either")
MOMENTS = ("start", "end")
PARTIES = ("a", "b")
ANSWERS = ("yes", "partly", "no")
REVIEW_MARKS = ("kept", "partly", "not-kept")
VISIBILITIES = ("shared", "private")
OWNERS = ("a", "b", "both")
AUTHORS = ("a", "b", "both", "mediator")  # "both": written together, in a self-guided session
