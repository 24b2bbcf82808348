"""The guide loader refuses every kind of mistake with `FILE: key.path: what`, never a traceback."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from facilitator.errors import DataFileError
from facilitator.guide import load_guide, parse_guide
from facilitator.kinds import KINDS
from facilitator.library import Library

HEAD = """\
schema = 1
id = "tiny"
title = "Tiny"
language = "en"
mode = "self-guided"
description = "A guide for tests."
"""
STEP = """
[[steps]]
id = "{id}"
kind = "{kind}"
title = "A step"
"""


def guide_text(*steps: str, head: str = HEAD) -> str:
    return head + "".join(textwrap.dedent(s) for s in steps)


def problems(text: str | bytes) -> list[str]:
    raw = text.encode() if isinstance(text, str) else text
    with pytest.raises(DataFileError) as caught:
        parse_guide(raw, "guides/x.toml")
    return [str(p) for p in caught.value.problems]


def good_step(kind: str = "needs", step_id: str = "s1") -> str:
    return STEP.format(id=step_id, kind=kind)


def test_a_minimal_guide_loads():
    guide = parse_guide(guide_text(good_step()).encode(), "guides/x.toml")
    assert guide.id == "tiny" and guide.mode == "self-guided"
    assert [s.kind for s in guide.steps] == ["needs"]
    assert guide.pause_minutes == 20


def test_every_shipped_guide_loads(library: Library):
    assert library.problems == []
    ids = set(library.guides)
    assert {"mediated-two-party", "couples-self-guided", "coworkers-self-guided",
            "follow-up-review"} <= ids
    for guide in library.guides.values():
        assert guide.source == "shipped" and guide.description and guide.steps


def test_shipped_guides_use_the_step_kinds_the_brief_asks_for(library: Library):
    mediated = {s.kind for s in library.guide("mediated-two-party").steps}
    assert mediated == set(KINDS) - {"review"}
    for guide_id in ("couples-self-guided", "coworkers-self-guided"):
        kinds = [s.kind for s in library.guide(guide_id).steps]
        assert kinds[0] == "screening", "self-guided guides start with a private safety check"
        assert "statement" in kinds and "reflection" in kinds and "closing" in kinds
    assert "review" in {s.kind for s in library.guide("follow-up-review").steps}


def test_unknown_kind_is_named_with_its_place():
    text = guide_text(good_step(), good_step("talk", "s2"))
    assert problems(text) == ['guides/x.toml: steps[1].kind: unknown kind "talk"']


def test_unknown_top_level_key():
    assert problems(guide_text(good_step(), head=HEAD + 'colour = "blue"\n')) == \
        ["guides/x.toml: colour: unknown key"]


def test_unknown_step_key():
    text = guide_text(good_step() + 'shout = "yes"\n')
    assert problems(text) == ["guides/x.toml: steps[0].shout: unknown key"]


def test_a_key_of_another_kind_says_which_kinds_take_it():
    text = guide_text(good_step() + 'rules = ["Be kind"]\n')
    assert problems(text) == ["guides/x.toml: steps[0].rules: only agreement steps take rules"]


def test_wrong_types_are_named():
    text = guide_text(good_step() + "timebox_minutes = \"five\"\n").replace(
        'title = "Tiny"', "title = 3")
    assert problems(text) == [
        "guides/x.toml: title: expected a string, got an integer",
        "guides/x.toml: steps[0].timebox_minutes: expected an integer, got a string",
    ]


def test_missing_required_keys():
    text = HEAD.replace('title = "Tiny"\n', "") + '\n[[steps]]\nkind = "needs"\n'
    assert problems(text) == [
        "guides/x.toml: title: missing",
        "guides/x.toml: steps[0].id: missing",
        "guides/x.toml: steps[0].title: missing",
    ]


def test_duplicate_step_ids():
    text = guide_text(good_step("needs", "same"), good_step("options", "same"))
    assert problems(text) == ['guides/x.toml: steps[1].id: "same" is used twice (also steps[0])']


def test_empty_step_list():
    assert problems(HEAD + "steps = []\n") == \
        ["guides/x.toml: steps: a guide needs at least one step"]


def test_missing_step_list():
    assert problems(HEAD) == ["guides/x.toml: steps: missing"]


def test_a_newer_schema_is_refused_before_anything_else():
    text = guide_text(good_step("talk")).replace("schema = 1", "schema = 2")
    assert problems(text) == [
        "guides/x.toml: schema: version 2 is newer than this app understands (1)"]


def test_undecodable_file():
    assert problems(b"schema = 1\nid = \"\xff\xfe\"\n") == \
        ["guides/x.toml: is not UTF-8 text (byte 17)"]


def test_invalid_toml():
    found = problems("schema = 1\nid = \n")
    assert len(found) == 1 and found[0].startswith("guides/x.toml: is not valid TOML: ")


def test_bad_values():
    text = guide_text(good_step()).replace('"self-guided"', '"solo"').replace(
        'id = "tiny"', 'id = "Tiny Guide"')
    assert problems(text) == [
        'guides/x.toml: id: "Tiny Guide" must be lowercase letters, digits and single dashes',
        'guides/x.toml: mode: "solo" is not one of "mediated", "self-guided", "either"',
    ]


def test_kind_specific_keys_are_required_and_checked():
    text = guide_text(
        good_step("agreement", "rules"),
        good_step("screening", "check") + textwrap.dedent("""\
            help = "Find help."
            [[steps.questions]]
            id = "fear"
            text = "Are you afraid?"
            concern = "maybe"
            """),
        good_step("checkin", "feel") + 'moment = "middle"\n',
    )
    assert problems(text) == [
        "guides/x.toml: steps[0].rules: missing (an agreement step needs rules)",
        'guides/x.toml: steps[1].questions[0].concern: "maybe" is not one of "yes", "no"',
        'guides/x.toml: steps[2].moment: "middle" is not one of "start", "end"',
    ]


def test_a_reflection_must_follow_a_statement():
    text = guide_text(good_step("needs"), good_step("reflection", "mirror"))
    assert problems(text) == [
        "guides/x.toml: steps[1].kind: a reflection step must directly follow a statement step"]


def test_placeholders_are_checked():
    text = guide_text(good_step("statement", "say") + 'speaker = "Hi {name}"\n',
                      good_step("needs", "n") + 'both = "Dear {speaker}"\n')
    assert problems(text) == [
        'guides/x.toml: steps[0].speaker: unknown placeholder "{name}" '
        "(use {speaker} or {listener})",
        'guides/x.toml: steps[1].both: "{speaker}" only works in statement and reflection steps',
    ]


def test_all_problems_are_reported_at_once():
    text = guide_text(good_step("talk", "a"), good_step("dance", "b"))
    assert len(problems(text)) == 2


def test_an_unreadable_file_is_a_problem_not_a_crash(tmp_path: Path):
    with pytest.raises(DataFileError) as caught:
        load_guide(tmp_path / "missing.toml")
    assert "missing.toml: cannot be read" in str(caught.value)


def test_user_guides_load_and_broken_ones_are_left_out(tmp_path: Path):
    (tmp_path / "mine.toml").write_text(guide_text(good_step()).replace('"tiny"', '"mine"'))
    (tmp_path / "broken.toml").write_text(guide_text(good_step("talk")))
    (tmp_path / "clash.toml").write_text(
        guide_text(good_step()).replace('"tiny"', '"couples-self-guided"'))
    library = Library.load(tmp_path)
    assert library.guide("mine").source == "user"
    assert "tiny" not in library.guides
    assert [str(p) for p in library.problems] == [
        f'{tmp_path / "broken.toml"}: steps[0].kind: unknown kind "talk"',
        f'{tmp_path / "clash.toml"}: id: "couples-self-guided" is already used by '
        "guides/couples-self-guided.toml",
    ]
    assert library.guide("couples-self-guided").source == "shipped"


def test_words_fill_in_the_names():
    text = guide_text(good_step("statement", "say") + 'listener = "Listen to {speaker}."\n')
    step = parse_guide(text.encode(), "x").steps[0]
    assert step.say("listener", speaker="Avery", listener="Blake") == "Listen to Avery."


def test_an_id_with_a_trailing_newline_is_refused():
    text = guide_text(good_step()).replace('id = "tiny"', 'id = "tiny\\n"')
    assert problems(text) == [
        'guides/x.toml: id: "tiny\n" must be lowercase letters, digits and single dashes']
