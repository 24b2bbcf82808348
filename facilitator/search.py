"""Finding sessions by their words: an SQLite FTS5 index of what each session shares.

One row per session holds its topic, the names, the guide, and the shared words said and
written in it: statements, reflections, needs, ideas, actions, parked items, appreciation and
shared notes. Private notes, private records and the screening answers are never indexed, so a
search can never reveal that one session holds a word written privately.

Triggers on the session's tables list each changed session in `search_stale`; the index is
brought up to date, in one statement, just before a search. Typing therefore costs one small
insert per save, and a search after a long meeting indexes only that meeting's session.
"""

from __future__ import annotations

import re

# Tables whose rows belong to a session and hold words: a change to any marks it stale.
_SOURCES = ("parties", "records", "options", "actions", "parked", "notes")

def _stale(row: str) -> str:
    """Mark `row`'s session stale. Not INSERT OR IGNORE: an outer statement's own conflict
    policy (INSERT OR REPLACE, say) would override the trigger's."""
    return (f"INSERT INTO search_stale SELECT {row} WHERE NOT EXISTS"
            f" (SELECT 1 FROM search_stale WHERE session_id = {row});")


SCHEMA = """
CREATE VIRTUAL TABLE session_words USING fts5(
    words, tokenize = 'unicode61 remove_diacritics 2'
);
CREATE TABLE search_stale (session_id INTEGER PRIMARY KEY);
CREATE TRIGGER sessions_stale_insert AFTER INSERT ON sessions BEGIN
    """ + _stale("new.id") + """
END;
CREATE TRIGGER sessions_stale_update AFTER UPDATE OF title, guide_id ON sessions BEGIN
    """ + _stale("new.id") + """
END;
CREATE TRIGGER sessions_stale_delete AFTER DELETE ON sessions BEGIN
    """ + _stale("old.id") + """
END;
""" + "".join(f"""
CREATE TRIGGER {table}_stale_insert AFTER INSERT ON {table} BEGIN
    {_stale("new.session_id")}
END;
CREATE TRIGGER {table}_stale_update AFTER UPDATE ON {table} BEGIN
    {_stale("new.session_id")}
END;
CREATE TRIGGER {table}_stale_delete AFTER DELETE ON {table} BEGIN
    {_stale("old.session_id")}
END;
""" for table in _SOURCES) + """
INSERT INTO search_stale SELECT id FROM sessions;
"""

# The shared words of one session `s`: text values only (json_tree leaves out the JSON keys).
_WORDS = """
    s.title || ' ' || replace(s.guide_id, '-', ' ')
    || ' ' || coalesce((SELECT group_concat(name, ' ') FROM parties
                        WHERE session_id = s.id), '')
    || ' ' || coalesce((SELECT group_concat(j.value, ' ')
                        FROM records r, json_tree(r.content) j
                        WHERE r.session_id = s.id AND r.visibility = 'shared'
                        AND r.kind != 'screening' AND j.type = 'text'), '')
    || ' ' || coalesce((SELECT group_concat(text, ' ') FROM options
                        WHERE session_id = s.id), '')
    || ' ' || coalesce((SELECT group_concat(what || ' ' || measure, ' ') FROM actions
                        WHERE session_id = s.id), '')
    || ' ' || coalesce((SELECT group_concat(text, ' ') FROM parked
                        WHERE session_id = s.id), '')
    || ' ' || coalesce((SELECT group_concat(text, ' ') FROM notes
                        WHERE session_id = s.id AND visibility = 'shared'), '')
"""

REFRESH = (
    "DELETE FROM session_words WHERE rowid IN (SELECT session_id FROM search_stale)",
    f"INSERT INTO session_words (rowid, words) SELECT s.id, {_WORDS} FROM sessions s"
    " WHERE s.id IN (SELECT session_id FROM search_stale)",
    "DELETE FROM search_stale",
)

# After a deletion: merge the index, so no trace of a deleted session's words stays in it.
FORGET = "INSERT INTO session_words (session_words) VALUES ('optimize')"


def match(text: str) -> str | None:
    """An FTS5 query for what someone typed: every word, as the start of a word in the
    session, in any order ('aver wee' finds "Avery" and "weekends"). None when `text` has no
    letters or digits to look for (only emoji, say)."""
    words = re.findall(r"\w+", text)
    return " ".join(f'"{word}"*' for word in words) or None
