"""Turn order: statement and reflection steps alternate the parties as the brief says."""

from __future__ import annotations

from facilitator.flow import stages
from facilitator.guide import parse_guide

HEAD = """\
schema = 1
id = "t"
title = "T"
language = "en"
mode = "either"
description = "d"
"""


def guide(*kinds: str):
    steps = "".join(f'[[steps]]\nid = "s{i}"\nkind = "{k}"\ntitle = "x"\n'
                    for i, k in enumerate(kinds))
    return parse_guide((HEAD + steps).encode(), "t.toml")


def test_statement_and_reflection_interleave():
    flow = stages(guide("options", "statement", "reflection", "needs"))
    assert [(s.kind, s.speaker, s.listener) for s in flow] == [
        ("options", None, None),
        ("statement", "a", "b"),
        ("reflection", "a", "b"),
        ("statement", "b", "a"),
        ("reflection", "b", "a"),
        ("needs", None, None),
    ]
    assert [s.index for s in flow] == list(range(6))


def test_a_lone_statement_runs_once_per_party():
    flow = stages(guide("statement", "options"))
    assert [(s.kind, s.speaker) for s in flow] == [
        ("statement", "a"), ("statement", "b"), ("options", None)]


def test_group_steps_are_one_stage_each(library):
    flow = stages(library.guide("follow-up-review"))
    assert [s.kind for s in flow] == ["checkin", "review", "actions", "closing"]


def test_stage_words_name_the_people(library):
    flow = stages(library.guide("couples-self-guided"))
    mirror = next(s for s in flow if s.kind == "reflection" and s.speaker == "b")
    names = {"a": "Avery", "b": "Blake"}
    words = " ".join(mirror.words(role, names) for role in ("speaker", "listener", "both"))
    assert "{" not in words
    assert "Avery" in words or "Blake" in words
