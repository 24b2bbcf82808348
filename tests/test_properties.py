"""Property tests: any guide or bundle gives a valid result or the documented clean error
(DataFileError, BundleError), never a traceback; a refused import writes nothing."""

from __future__ import annotations

import copy
import functools
import json
import math
import re
import tomllib
from pathlib import Path

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from facilitator.bundle import import_bundle, to_bundle
from facilitator.demo import add_demo
from facilitator.errors import BundleError, DataFileError
from facilitator.guide import GUIDE_KEYS, QUESTION_KEYS, STEP_KEYS, Guide, parse_guide
from facilitator.kinds import GUIDE_MODES, KINDS, MOMENTS
from facilitator.library import Library
from facilitator.store import Store

LABEL = "guides/x.toml"
GUIDE = tomllib.loads((Path(__file__).parents[1] / "guides" / "couples-self-guided.toml")
                      .read_text(encoding="utf-8"))
EXTRA_KEYS = sorted({key for spec in KINDS.values() for key in spec.extra_keys})
VOCABULARY = sorted({*GUIDE_KEYS, *STEP_KEYS, *QUESTION_KEYS, *EXTRA_KEYS})
FAST = settings(max_examples=500, deadline=None)
SLOW = settings(max_examples=200, deadline=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
FEW = settings(max_examples=20, deadline=None)


# -- a tiny TOML writer: one line per key, inline tables and arrays, strings escaped ---------

def toml_string(text: str) -> str:
    return '"' + "".join("\\" + c if c in '"\\' else f"\\u{ord(c):04x}"
                         if ord(c) < 0x20 or ord(c) == 0x7F else c for c in text) + '"'


def toml_key(key: str) -> str:
    return key if re.fullmatch(r"[A-Za-z0-9_-]+", key) else toml_string(key)


def toml_value(value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and not math.isfinite(value):
        return "nan" if math.isnan(value) else "inf" if value > 0 else "-inf"
    if isinstance(value, int | float):
        return repr(value)
    if isinstance(value, str):
        return toml_string(value)
    if isinstance(value, list):
        return "[" + ", ".join(toml_value(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{toml_key(k)} = {toml_value(v)}" for k, v in value.items()) + "}"
    return value.isoformat()  # date, time or datetime


def to_toml(document: dict) -> str:
    return "".join(f"{toml_key(k)} = {toml_value(v)}\n" for k, v in document.items())


# -- strategies and changes ------------------------------------------------------------------

WORDS = st.sampled_from([*KINDS, *GUIDE_MODES, *MOMENTS, "yes", "no", "talk", "en", "pt-BR",
                         "a-b", "", " ", "{speaker} and {listener}", "{name}", "x\n"])
KEYS = st.sampled_from(VOCABULARY) | st.text(max_size=8)
TOML_VALUES = st.recursive(
    st.one_of(WORDS, st.text(max_size=12), st.integers(-(2**63), 2**63 - 1),
              st.integers(-2, 200), st.floats(), st.booleans(), st.dates(), st.datetimes(),
              st.times()),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(KEYS, inner, max_size=4),
    max_leaves=12)


def some_of(keys, **special) -> st.SearchStrategy[dict]:
    """A table with some of `keys` (each a `special` or any value) and maybe other keys."""
    known = st.fixed_dictionaries({}, optional={k: special.get(k, TOML_VALUES) for k in keys})
    other = st.dictionaries(KEYS, TOML_VALUES, max_size=2)
    return st.tuples(other, known).map(lambda pair: {**pair[0], **pair[1]})


QUESTION = some_of(QUESTION_KEYS, concern=st.sampled_from(["yes", "no"]) | TOML_VALUES)
STEP = some_of((*STEP_KEYS, *EXTRA_KEYS), kind=st.sampled_from(sorted(KINDS)) | TOML_VALUES,
               questions=st.lists(QUESTION, max_size=3) | TOML_VALUES)
GUIDE_DOCS = some_of(GUIDE_KEYS, schema=st.integers(-1, 3) | TOML_VALUES,
                     steps=st.lists(STEP, max_size=4) | TOML_VALUES)
SURROGATES = st.lists(st.characters() | st.characters(min_codepoint=0xD800,
                                                     max_codepoint=0xDFFF), max_size=4)
JSON_TEXT = st.integers(0, 9).flatmap(  # one text in ten may hold lone surrogates
    lambda n: SURROGATES.map("".join) if n == 0 else st.text(max_size=12))
JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | JSON_TEXT,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(JSON_TEXT, inner, max_size=4),
    max_leaves=12)
SESSION_KEYS = ["title", "guide", "mode", "status", "created", "updated", "review_date",
                "parties", "meetings", "records", "checkins", "options", "actions", "parked",
                "notes"]
BUNDLE_LIKE = st.fixed_dictionaries(
    {"format": st.just("facilitator-session"), "version": st.just(1) | JSON_VALUES,
     "session": st.dictionaries(st.sampled_from(SESSION_KEYS), JSON_VALUES, max_size=8)})
UNKNOWN = st.text(max_size=8).filter(lambda k: k not in VOCABULARY)
CONTENT_KEYS = st.sampled_from(["answers", "marks", "attempts", "about", "needs", "feelings",
                                "agreed", "why", "appreciation", "mark", "note"]) | UNKNOWN


def paths(node, here=()) -> list[tuple]:
    """The key path of every value in a nested document, the root included."""
    items = node.items() if isinstance(node, dict) else enumerate(node) \
        if isinstance(node, list) else ()
    return [here, *(p for key, child in items for p in paths(child, (*here, key)))]


def kind_of(value) -> str:
    return "bool" if isinstance(value, bool) else "number" if isinstance(value, int | float) \
        else type(value).__name__


def mutate(document, edits) -> None:
    """Apply (path, op, value, key) edits: delete the value at path, replace it with `value`
    (made another type if it has the same one), or insert `key` into the table there."""
    for path, op, value, key in edits:
        parent, target = None, document
        try:
            for step in path:
                if not isinstance(target, dict | list):
                    raise TypeError
                parent, target = target, target[step]
        except (KeyError, IndexError, TypeError):
            continue  # an earlier edit removed it
        if op == "insert" and isinstance(target, dict):
            target[key] = value
        elif op == "delete" and parent is not None:
            del parent[path[-1]]
        elif op == "replace" and parent is not None:
            if kind_of(value) == kind_of(target):
                value = {key: value} if isinstance(target, list) else [value]
            parent[path[-1]] = value


def changes(places, ops, values, keys, most=3) -> st.SearchStrategy[list]:
    return st.lists(st.tuples(st.sampled_from(places), st.sampled_from(ops), values, keys),
                    min_size=1, max_size=most)


# -- guides ----------------------------------------------------------------------------------

def check_guide(raw: bytes) -> None:
    """A Guide with unique step ids, or a DataFileError whose every problem names the file."""
    try:
        guide = parse_guide(raw, LABEL)
    except DataFileError as error:
        assert error.problems
        for problem in error.problems:
            assert str(problem).startswith(f"{LABEL}: "), problem
        return
    assert isinstance(guide, Guide) and guide.steps
    assert len({s.id for s in guide.steps}) == len(guide.steps)


def test_the_toml_writer_keeps_a_shipped_guide_whole():
    assert tomllib.loads(to_toml(GUIDE)) == GUIDE
    assert parse_guide(to_toml(GUIDE).encode(), LABEL).steps


@FAST
@given(st.binary(max_size=300) | st.text(max_size=300).map(str.encode))
@example(b'id = "x"\ntitle = "X"\n[[steps]]\nid = "s"\nkind = "needs"\ntitle = "S"\n')
def test_any_bytes_or_text_as_a_guide(raw):
    check_guide(raw)


@FAST
@given(GUIDE_DOCS | st.dictionaries(KEYS, TOML_VALUES, max_size=6))
def test_any_toml_document_as_a_guide(document):
    text = to_toml(document)
    tomllib.loads(text)  # the writer makes valid TOML, so these reach the validator
    check_guide(text.encode())


@FAST
@given(changes(paths(GUIDE), ["delete", "replace", "insert"], TOML_VALUES, KEYS))
def test_a_changed_shipped_guide(edits):
    document = copy.deepcopy(GUIDE)
    mutate(document, edits)
    check_guide(to_toml(document).encode())


@example(depth=1000)
@FEW
@given(st.integers(1, 1500))
def test_deeply_nested_guide(depth):
    check_guide(b"id = " + b"[" * depth + b"]" * depth + b"\n")


@example(digits=4301)
@FEW
@given(st.integers(1, 6000))
def test_guide_with_a_long_number(digits):
    check_guide(b"schema = " + b"1" * digits + b"\n")


# -- bundles ---------------------------------------------------------------------------------

@functools.cache
def demo_bundle() -> dict:
    store = Store.memory()
    try:
        return to_bundle(store.load_session(add_demo(store, Library.load())))
    finally:
        store.close()


def demo_paths(content_only: bool = False) -> list[tuple]:
    return [p for p in paths(demo_bundle())
            if not content_only or (p[1:2] == ("records",) and p[3:4] == ("content",))]


def comparable(bundle: dict) -> dict:
    """The session without item ids; review marks keyed by their action's place."""
    s = copy.deepcopy(bundle["session"])
    place = {str(a["id"]): i for i, a in enumerate(s["actions"])}
    for content in (r["content"] for r in s["records"] if r["content"].get("marks")):
        content["marks"] = {place[k]: v for k, v in content["marks"].items()}
    for item in (i for name in ("options", "actions", "parked", "notes") for i in s[name]):
        item.pop("id")
    return s


def check_import(raw: bytes) -> None:
    """All or nothing: a session that exports and imports again, or BundleError and no write."""
    store = Store.memory()
    try:
        before = len(store.list_sessions())
        try:
            session = import_bundle(store, raw, "x.json")
        except BundleError as error:
            assert str(error).startswith("x.json: ")
            assert len(store.list_sessions()) == before
            return
        assert len(store.list_sessions()) == before + 1
        first = to_bundle(store.load_session(session.id))
        again = import_bundle(store, json.dumps(first).encode(), "again.json")
        assert len(store.list_sessions()) == before + 2
        assert comparable(to_bundle(store.load_session(again.id))) == comparable(first)
    finally:
        store.close()


def check_changed_demo(edits) -> None:
    bundle = copy.deepcopy(demo_bundle())
    mutate(bundle, edits)
    check_import(json.dumps(bundle).encode())


@SLOW
@given(st.binary(max_size=300) | (JSON_VALUES | BUNDLE_LIKE).map(lambda v: json.dumps(v).encode()))
def test_any_bytes_or_json_as_a_bundle(raw):
    check_import(raw)


@SLOW
@given(st.deferred(lambda: changes(demo_paths(), ["delete", "insert"], JSON_VALUES, UNKNOWN)))
@example([])  # the demo itself imports
def test_a_bundle_with_keys_taken_away_or_added(edits):
    check_changed_demo(edits)


@example([(("session", "records", 0, "content", "answers"), "replace", True, "")])
@SLOW
@given(st.deferred(lambda: changes(demo_paths(), ["replace"], JSON_VALUES, st.just("k"))))
def test_a_bundle_with_values_of_another_type(edits):
    check_changed_demo(edits)


@example([(("session", "records", 12, "content", "marks"), "replace", True, "")])
@SLOW
@given(st.deferred(lambda: changes(demo_paths(content_only=True), ["replace", "insert"],
                                   JSON_VALUES, CONTENT_KEYS, most=2)))
def test_record_content_with_other_types_or_keys(edits):
    check_changed_demo(edits)


@example(digits=4301)
@FEW
@given(st.integers(1, 6000))
def test_bundle_with_a_long_number(digits):
    check_import(b'{"format": "facilitator-session", "version": ' + b"1" * digits + b"}")
