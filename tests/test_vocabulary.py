"""Feelings and needs inventories: big enough, grouped, and validated like guides."""

from __future__ import annotations

import pytest

from facilitator.errors import DataFileError
from facilitator.vocabulary import parse_vocabulary


def test_the_feelings_inventory_is_grouped_for_needs_met_and_unmet(library):
    feelings = library.vocabulary("feelings", "en")
    assert len(feelings.words) >= 80 and len(set(feelings.words)) == len(feelings.words)
    assert {g.met for g in feelings.groups} == {True, False}
    assert feelings.group_of("exhausted").met is False
    for judgement in ("betrayed", "ignored", "manipulated", "abandoned"):
        assert judgement not in feelings.words, "pseudo-feelings blame the other person"


def test_the_needs_inventory(library):
    needs = library.vocabulary("needs", "en")
    assert len(needs.words) >= 50 and len(needs.groups) >= 5
    assert "rest" in needs.words


def test_an_unknown_language_falls_back_to_english(library):
    assert library.vocabulary("needs", "pt-BR") is library.vocabulary("needs", "en")


def test_a_broken_vocabulary_names_the_place():
    raw = b'schema = 1\nlanguage = "en"\nkind = "feelings"\n' \
          b'[[groups]]\nid = "a"\ntitle = "A"\nmet = "yes"\nwords = ["calm", "calm", 3]\n'
    with pytest.raises(DataFileError) as caught:
        parse_vocabulary(raw, "guides/feelings.xx.toml")
    assert [str(p) for p in caught.value.problems] == [
        "guides/feelings.xx.toml: groups[0].met: expected true or false, got a string",
        "guides/feelings.xx.toml: groups[0].words[2]: expected a string, got an integer",
        'guides/feelings.xx.toml: groups[0].words[1]: "calm" is already in group "a"',
    ]
