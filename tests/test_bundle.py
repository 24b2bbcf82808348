"""The session bundle (product.md §7): contents, round trips, privacy, all-or-nothing imports."""

from __future__ import annotations

import copy
import json

import pytest
from steps import screening_guide

from facilitator import demo
from facilitator.bundle import dumps, import_bundle, to_bundle
from facilitator.demo import add_demo
from facilitator.library import Library
from facilitator.runner import Runner
from facilitator.store import Store

VOLATILE = {"id", "created", "updated", "at", "started", "ended"}

CANARY_GUIDE = screening_guide("canary-check", "Canary check",
                               question_id="zq-canary-screening")


def normalise(bundle: dict) -> dict:
    """The bundle without ids and timestamps; review marks keyed by their action's index."""
    bundle = copy.deepcopy(bundle)
    index = {str(a["id"]): i for i, a in enumerate(bundle["session"]["actions"])}
    for record in bundle["session"]["records"]:
        if record["kind"] == "review":
            marks = record["content"]["marks"]
            record["content"]["marks"] = {f"action[{index[k]}]": v for k, v in marks.items()}

    def drop(value):
        if isinstance(value, dict):
            return {k: drop(v) for k, v in value.items() if k not in VOLATILE}
        if isinstance(value, list):
            return [drop(v) for v in value]
        return value

    return drop(bundle)


def export(cli, session_id: str, path, *flags: str) -> dict:
    result = cli("export", session_id, "--format", "json", "-o", str(path), *flags)
    assert result.code == 0, result
    return json.loads(path.read_text(encoding="utf-8"))


def import_(cli, path) -> str:
    result = cli("import", str(path))
    assert result.code == 0, result
    return result.out.strip()


def session_count(cli) -> int:
    return len(json.loads(cli("sessions", "--json").out))


@pytest.fixture
def demo_bundle(store, library) -> dict:
    return to_bundle(store.load_session(add_demo(store, library)))


# -- round trips ----------------------------------------------------------------------------

def test_export_import_export_gives_the_same_bundle(cli, tmp_path):
    first = export(cli, cli("demo").out.strip(), tmp_path / "first.json")
    second = export(cli, import_(cli, tmp_path / "first.json"), tmp_path / "second.json")
    assert any(r["kind"] == "review" and r["content"]["marks"] for r in first["session"]["records"])
    assert normalise(second) == normalise(first)


def test_review_marks_point_at_the_imported_actions(store, demo_bundle):
    session = import_bundle(store, dumps(demo_bundle).encode(), "demo.json")
    ids = {str(a.id) for a in session.actions}
    marks = [k for r in session.records if r.kind == "review" for k in r.content["marks"]]
    assert len(marks) == len(demo.REVIEW_MARKS) and set(marks) <= ids


def test_store_loads_what_was_imported(store, demo_bundle):
    session = import_bundle(store, dumps(demo_bundle).encode(), "demo.json")
    assert session.id is not None
    assert store.load_session(session.id) == session


# -- what the bundle holds ------------------------------------------------------------------

def test_bundle_holds_what_the_contract_says(demo_bundle):
    assert (demo_bundle["format"], demo_bundle["version"]) == ("facilitator-session", 1)
    s = demo_bundle["session"]
    assert (s["title"], s["guide"], s["mode"]) == (demo.TITLE, "mediated-two-party", "mediated")
    assert s["created"] and s["updated"]
    assert {(p["name"], p["role"]) for p in s["parties"]} == {
        (demo.A, "party"), (demo.B, "party"), (demo.MEDIATOR, "mediator")}
    assert all(r["step"] and r["kind"] for r in s["records"])
    assert {"agreement", "screening", "statement", "reflection", "needs", "closing",
            "review"} <= {r["kind"] for r in s["records"]}
    assert {n["visibility"] for n in s["notes"]} == {"shared", "private"}
    assert demo.PRIVATE_NOTE in [n["text"] for n in s["notes"] if n["visibility"] == "private"]
    assert s["actions"]
    for action in s["actions"]:
        assert {"what", "owner", "due", "measure", "consent", "status"} <= set(action)
    assert {a["status"] for a in s["actions"]} == {"agreed"}
    assert s["actions"][0]["consent"] == {"a": True, "b": True}
    assert [p["text"] for p in s["parked"]] == [demo.NOT_AGREED[0]]
    assert len(s["checkins"]) == 8 and all(1 <= c["calm"] <= 5 for c in s["checkins"])
    assert s["options"] and s["review_date"]


# -- private content -------------------------------------------------------------------------

def test_shared_only_bundle_leaves_out_private_content(store, tmp_path):
    (tmp_path / "guides").mkdir()
    (tmp_path / "guides" / "canary.toml").write_text(CANARY_GUIDE, encoding="utf-8")
    runner = Runner.start(store, Library.load(tmp_path / "guides"), guide_id="canary-check",
                          mode="self-guided", a="Avery", b="Blake")
    runner.answer_screening("a", "zq-canary-screening", "no")
    runner.add_note("zq-canary-note: Avery is worried", visibility="private")
    runner.add_note("Both want to keep talking", visibility="shared")
    session = store.load_session(runner.session.id)
    full = dumps(to_bundle(session))
    shared = dumps(to_bundle(session, shared_only=True))
    assert "zq-canary-screening" in full and "zq-canary-note" in full
    assert "zq-canary" not in shared
    assert "Both want to keep talking" in shared
    assert '"private"' not in shared


def test_export_shared_only_leaves_out_private_content(cli, tmp_path, library):
    session_id = cli("demo").out.strip()
    store = Store.open(cli.data / "facilitator.db")
    try:
        Runner.resume(store, library, int(session_id)).add_note("zq-canary-later",
                                                                visibility="private")
    finally:
        store.close()
    full = export(cli, session_id, tmp_path / "full.json")
    shared = export(cli, session_id, tmp_path / "shared.json", "--shared-only")
    full_text = json.dumps(full, ensure_ascii=False)
    shared_text = (tmp_path / "shared.json").read_text(encoding="utf-8")
    assert "zq-canary-later" in full_text and demo.PRIVATE_NOTE in full_text
    assert "zq-canary-later" not in shared_text and demo.PRIVATE_NOTE not in shared_text
    assert not [r for r in shared["session"]["records"] if r["visibility"] != "shared"]
    assert not [n for n in shared["session"]["notes"] if n["visibility"] != "shared"]
    assert demo.SHARED_NOTE in shared_text


# -- all-or-nothing imports ----------------------------------------------------------------

def _review(s):
    return next(r for r in s["records"] if r["kind"] == "review")


def _rename_first_mark(s, new_key):
    marks = _review(s)["content"]["marks"]
    marks[new_key] = marks.pop(next(iter(marks)))


BROKEN = {
    "format": (lambda b: b.update(format="something-else"), 'format: expected'),
    "version-2": (lambda b: b.update(version=2), "version: 2 is newer"),
    "owner": (lambda b: b["session"]["actions"][0].update(owner="carol"),
              "session.actions[0].owner"),
    "calm": (lambda b: b["session"]["checkins"][0].update(calm=9), "session.checkins[0].calm"),
    "kind": (lambda b: b["session"]["records"][0].update(kind="talk"),
             "session.records[0].kind"),
    "surrogate": (lambda b: b["session"]["notes"][0].update(text="Avery \ud800"),
                  "not valid Unicode"),
    "mark": (lambda b: _rename_first_mark(b["session"], "99"), "review mark '99'"),
    "duplicate-checkin": (lambda b: b["session"]["checkins"].append(
        dict(b["session"]["checkins"][0])), "session.checkins[8]"),
}


@pytest.fixture
def exported(cli, tmp_path):
    """The demo exported through the CLI, and the session count after it."""
    path = tmp_path / "demo.json"
    export(cli, cli("demo").out.strip(), path)
    return path.read_text(encoding="utf-8"), session_count(cli)


def refused(cli, tmp_path, text: str, before: int) -> str:
    path = tmp_path / "broken.json"
    path.write_text(text, encoding="utf-8")
    result = cli("import", str(path))
    assert result.code == 2, result
    assert result.out == "" and "Traceback" not in result.err
    assert all(line.startswith(f"facilitator: {path}: ") for line in result.err.splitlines())
    assert session_count(cli) == before
    return result.err


def test_the_unbroken_bundle_imports(cli, tmp_path, exported):
    """Proves the count check below would see a written session."""
    text, before = exported
    (tmp_path / "ok.json").write_text(text, encoding="utf-8")
    import_(cli, tmp_path / "ok.json")
    assert session_count(cli) == before + 1


@pytest.mark.parametrize("percent", [10, 50, 99])
def test_truncated_bundle_is_refused(cli, tmp_path, exported, percent):
    text, before = exported
    err = refused(cli, tmp_path, text[: len(text) * percent // 100], before)
    assert "is not valid JSON" in err and "line" in err


@pytest.mark.parametrize("case", list(BROKEN))
def test_broken_bundle_is_refused_and_nothing_written(cli, tmp_path, exported, case):
    text, before = exported
    bundle = json.loads(text)
    change, named = BROKEN[case]
    change(bundle)
    broken = json.dumps(bundle)
    assert case != "surrogate" or "\\ud800" in broken  # escaped, as a hostile file would be
    assert named in refused(cli, tmp_path, broken, before)


def test_lone_surrogate_message_names_the_place(cli, tmp_path, exported):
    text, before = exported
    bundle = json.loads(text)
    BROKEN["surrogate"][0](bundle)
    assert "session.notes[0].text" in refused(cli, tmp_path, json.dumps(bundle), before)


def test_review_mark_with_superscript_digit_is_refused(cli, tmp_path, exported):
    text, before = exported
    bundle = json.loads(text)
    _rename_first_mark(bundle["session"], "²")
    refused(cli, tmp_path, json.dumps(bundle), before)


def test_review_mark_with_leading_zero_is_not_an_unexpected_error(cli, tmp_path, exported):
    text, before = exported
    bundle = json.loads(text)
    marks = _review(bundle["session"])["content"]["marks"]
    _rename_first_mark(bundle["session"], "0" + next(iter(marks)))
    path = tmp_path / "zero.json"
    path.write_text(json.dumps(bundle), encoding="utf-8")
    result = cli("import", str(path))
    assert result.code in (0, 2) and "unexpected" not in result.err
    assert session_count(cli) == before + (result.code == 0)


# -- text is data ---------------------------------------------------------------------------

SAMPLES = {
    "html": "<b>x</b>&amp; <script>alert(1)</script>",
    "template": "{{ 7*7 }} {% for x in y %}{% endfor %} ${x}",
    "rtl": "مرحبا بكم — שלום לכולם",
    "emoji-zwj": "👩‍👩‍👧‍👦 🏳️‍🌈 👍🏽",
    "control": "a\x00b\x07c\x1bd[31m",
    "long": "abc😀\n" * 20_000,
}


@pytest.mark.parametrize("name", list(SAMPLES))
def test_text_survives_export_import_export_exactly(cli, tmp_path, library, name):
    text = SAMPLES[name]
    store = Store.open(cli.data / "facilitator.db")
    try:
        runner = Runner.start(store, library, guide_id="mediated-two-party", mode="mediated",
                              a=f"Avery «{text[:200]}»", b=f"Blake «{text[:200]}»",
                              mediator=f"Morgan «{text[:200]}»", title=f"Title «{text}»")
        runner.add_note(text, visibility="shared")
        runner.add_note(text, visibility="private")
        session_id = str(runner.session.id)
    finally:
        store.close()
    assert len(SAMPLES["long"]) == 100_000
    first = export(cli, session_id, tmp_path / "first.json")
    second = export(cli, import_(cli, tmp_path / "first.json"), tmp_path / "second.json")
    for bundle in (first, second):
        s = bundle["session"]
        assert s["title"] == f"Title «{text}»"
        assert [p["name"] for p in s["parties"]] == [f"{who} «{text[:200]}»"
                                                     for who in ("Avery", "Blake", "Morgan")]
        assert [n["text"] for n in s["notes"]] == [text, text]
    assert normalise(second) == normalise(first)
