"""Finding sessions by their words (SQLite FTS5): what is shared is found, what is private
never is, edits are found at the next search, and a deleted session's words are gone."""

from __future__ import annotations

from pathlib import Path

from steps import walk_to

from facilitator.demo import PRIVATE_NOTE, add_demo
from facilitator.model import Record
from facilitator.runner import Runner
from facilitator.search import match
from facilitator.store import Store


def found(store: Store, text: str) -> list[int]:
    return [row["id"] for row in store.list_sessions(text)]


def test_a_query_asks_for_every_word_as_the_start_of_a_word():
    assert match("aver  WEEK") == '"aver"* "WEEK"*'
    assert match('he said "stop" (twice)') == '"he"* "said"* "stop"* "twice"*'
    assert match("ليلى") == '"ليلى"*'
    assert match("🌿 ...") is None and match("") is None


def test_sessions_are_found_by_their_shared_words(store, library, start):
    demo = add_demo(store, library)
    other = start("couples-self-guided", a="José", b="Ngozi")
    walk_to(other, "statement")
    other.edit_statement(observation="The bins went out late again", feelings=["tired"])
    assert found(store, "piano") == [demo]  # the topic
    assert found(store, "lindq") == [demo]  # a name, by its start
    assert found(store, "jose") == [other.session.id]  # without its accent
    assert found(store, "bins") == [other.session.id]  # said in a statement
    assert found(store, "tired") == [other.session.id]  # a feeling picked
    assert found(store, "earplugs") == [demo]  # an idea
    assert found(store, "vibration mat") == [demo]  # an action: both words
    assert found(store, "vibration bins") == []  # every word must be there
    assert found(store, "couples") == [other.session.id]  # the guide


def test_private_words_are_never_found(store, library):
    demo = add_demo(store, library)
    assert "landlord" in PRIVATE_NOTE
    assert found(store, "landlord") == []  # only in the mediator's private note
    # whatever a screening answer or a private record might hold is left out too
    store.save_record(demo, Record(1, "screening", "screening", "a",
                                   {"answers": {"afraid": "canaryanswer"}}, "shared"))
    store.save_record(demo, Record(1, "aside", "statement", "b",
                                   {"observation": "canaryaside"}, "private"))
    store.save_record(demo, Record(1, "aside", "statement", "a",
                                   {"observation": "canaryshared"}, "shared"))
    assert found(store, "canaryshared") == [demo]  # the same path, when shared
    assert found(store, "canaryanswer") == [] and found(store, "canaryaside") == []
    words = store.conn.execute("SELECT words FROM session_words").fetchone()[0]
    assert "landlord" not in words and "canaryaside" not in words


def test_an_edit_is_found_at_the_next_search(store, library, start):
    runner = start("couples-self-guided")
    walk_to(runner, "statement")
    assert found(store, "dishwasher") == []
    runner.edit_statement(observation="The dishwasher was full on Sunday")
    assert found(store, "dishwasher") == [runner.session.id]
    runner.edit_statement(observation="The sink was full on Sunday")
    assert found(store, "dishwasher") == [] and found(store, "sink") == [runner.session.id]
    runner.session.title = "Kitchen rota"
    store.save_session(runner.session)
    assert found(store, "rota") == [runner.session.id]


def test_a_deleted_session_leaves_no_words_behind(tmp_path: Path, library):
    path = tmp_path / "facilitator.db"
    store = Store.open(path)
    runner = Runner.start(store, library, guide_id="couples-self-guided", mode="self-guided",
                          a="Avery", b="Blake", title="Zanzibarcanary weekends")
    assert found(store, "zanzibarcanary") == [runner.session.id]
    store.delete_session(runner.session.id)
    assert found(store, "zanzibarcanary") == []
    store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    store.close()
    assert b"anzibarcanary" not in path.read_bytes()


def test_a_read_only_copy_searches_without_writing(tmp_path: Path, library):
    path = tmp_path / "facilitator.db"
    writer = Store.open(path)
    demo = add_demo(writer, library)
    assert found(writer, "piano") == [demo]  # indexed
    Runner.start(writer, library, guide_id="couples-self-guided", mode="self-guided",
                 a="Avery", b="Blake", title="Quince jam")  # not yet indexed
    reader = Store.open(path, read_only=True)
    try:
        assert found(reader, "piano") == [demo]
        assert found(reader, "quince") == []  # found once the writer searches
    finally:
        reader.close()
    assert found(writer, "quince") != []
    writer.close()


def test_only_symbols_search_the_topic_and_names_as_typed(store, library, start):
    leaf = start("couples-self-guided", a="Noa 🌿", b="Sam")
    add_demo(store, library)
    assert found(store, "🌿") == [leaf.session.id]
