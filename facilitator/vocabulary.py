"""Feelings and needs inventories: grouped word lists beside the guides, one file per language."""

from __future__ import annotations

from dataclasses import dataclass

from .guide import read_toml
from .validation import Reader, join

SCHEMA = 1
VOCABULARY_KINDS = ("feelings", "needs")


@dataclass(frozen=True)
class Group:
    id: str
    title: str
    words: tuple[str, ...]
    met: bool | None = None  # feelings only: felt when needs are met (True) or not (False)


@dataclass(frozen=True)
class Vocabulary:
    kind: str
    language: str
    groups: tuple[Group, ...]

    @property
    def words(self) -> tuple[str, ...]:
        return tuple(word for group in self.groups for word in group.words)

    def group_of(self, word: str) -> Group | None:
        for group in self.groups:
            if word in group.words:
                return group
        return None


def parse_vocabulary(raw: bytes, label: str) -> Vocabulary:
    data = read_toml(raw, label)
    r = Reader(label)
    schema = r.get(data, "schema", int, "", default=None)
    if isinstance(schema, int) and schema != SCHEMA:
        r.problem("schema", f"version {schema} is not one this app understands ({SCHEMA})")
    r.known_keys(data, ("schema", "language", "kind", "groups"), "")
    language = r.text(data, "language", "", default="en") or "en"
    kind = r.choice(data, "kind", VOCABULARY_KINDS, "", default="feelings") or "feelings"
    groups = []
    seen: dict[str, str] = {}
    for index, table in enumerate(r.tables(data, "groups", "")):
        where = join("groups", index)
        allowed = ("id", "title", "met", "words") if kind == "feelings" else ("id", "title",
                                                                              "words")
        r.known_keys(table, allowed, where)
        group_id = r.slug(table, "id", where)
        title = r.text(table, "title", where, default="") or ""
        met = r.get(table, "met", bool, where, default=None) if kind == "feelings" else None
        words = r.strings(table, "words", where)
        for w_index, word in enumerate(words):
            if word in seen:
                r.problem(join(join(where, "words"), w_index),
                          f'"{word}" is already in group "{seen[word]}"')
            seen.setdefault(word, group_id)
        groups.append(Group(group_id, title, tuple(words), met))
    if not groups and "groups" in data:
        r.problem("groups", "needs at least one group")
    r.raise_if_any()
    return Vocabulary(kind, language, tuple(groups))
