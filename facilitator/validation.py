"""Strict reading of untrusted nested data (TOML guides, JSON bundles) with problems that name
the place: `steps[3].kind: unknown kind "talk"`.

A `Reader` walks a document, collects every problem instead of stopping at the first, and
returns safe defaults so the walk can go on; the caller raises once at the end.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from .errors import DataFileError, Problem

SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")

_TYPE_NAMES = {
    str: "a string",
    int: "an integer",
    bool: "true or false",
    list: "an array",
    dict: "a table",
    float: "a number",
}


def type_name(value: Any) -> str:
    if isinstance(value, bool):
        return "a boolean"
    if value is None:
        return "null"
    return _TYPE_NAMES.get(type(value), type(value).__name__)


def join(where: str, key: str | int) -> str:
    if isinstance(key, int):
        return f"{where}[{key}]"
    return f"{where}.{key}" if where else key


class Reader:
    """Collects problems for one file while typed getters read its values."""

    def __init__(self, path: str):
        self.path = path
        self.problems: list[Problem] = []

    def problem(self, where: str, what: str) -> None:
        self.problems.append(Problem(self.path, where, what))

    def raise_if_any(self) -> None:
        if self.problems:
            raise DataFileError(self.problems)

    def known_keys(self, table: dict, allowed: Iterable[str], where: str) -> None:
        allowed = set(allowed)
        for key in table:
            if key not in allowed:
                self.problem(join(where, key), "unknown key")

    def get(
        self,
        table: dict,
        key: str,
        kind: type,
        where: str,
        *,
        required: bool = True,
        default: Any = None,
    ) -> Any:
        """The value of `key` if it has type `kind`; otherwise a problem and `default`."""
        here = join(where, key)
        if key not in table or (table[key] is None and not required):
            if required:
                self.problem(here, "missing")
            return default
        value = table[key]
        ok = isinstance(value, kind) and not (kind is int and isinstance(value, bool))
        if kind is float and isinstance(value, int) and not isinstance(value, bool):
            ok = True
        if not ok:
            self.problem(here, f"expected {_TYPE_NAMES[kind]}, got {type_name(value)}")
            return default
        return value

    def text(self, table: dict, key: str, where: str, *, required: bool = True,
             default: str | None = None, empty_ok: bool = False) -> str | None:
        value = self.get(table, key, str, where, required=required, default=default)
        if key in table and isinstance(table[key], str) and not empty_ok and not value.strip():
            self.problem(join(where, key), "must not be empty")
            return default
        return value

    def slug(self, table: dict, key: str, where: str) -> str:
        value = self.text(table, key, where, default="")
        if value and not SLUG.fullmatch(value):
            self.problem(
                join(where, key),
                f'"{value}" must be lowercase letters, digits and single dashes',
            )
        return value or ""

    def integer(self, table: dict, key: str, where: str, *, low: int, high: int,
                required: bool = True, default: int | None = None) -> int | None:
        value = self.get(table, key, int, where, required=required, default=default)
        if key in table and isinstance(value, int) and not low <= value <= high:
            self.problem(join(where, key), f"{value} is outside {low}–{high}")
            return default
        return value

    def choice(self, table: dict, key: str, choices: Iterable[str], where: str, *,
               required: bool = True, default: str | None = None) -> str | None:
        choices = tuple(choices)
        value = self.get(table, key, str, where, required=required, default=default)
        if key in table and isinstance(value, str) and value not in choices:
            options = ", ".join(f'"{c}"' for c in choices)
            self.problem(join(where, key), f'"{value}" is not one of {options}')
            return default
        return value

    def tables(self, table: dict, key: str, where: str, *, required: bool = True) -> list[dict]:
        """An array of tables; entries that are not tables are reported and skipped."""
        items = self.get(table, key, list, where, required=required, default=[])
        result = []
        for index, item in enumerate(items):
            if isinstance(item, dict):
                result.append(item)
            else:
                self.problem(join(join(where, key), index),
                             f"expected a table, got {type_name(item)}")
        return result

    def strings(self, table: dict, key: str, where: str, *, required: bool = True,
                non_empty: bool = True) -> list[str]:
        items = self.get(table, key, list, where, required=required, default=[])
        result = []
        for index, item in enumerate(items):
            if isinstance(item, str) and item.strip():
                result.append(item)
            else:
                got = "an empty string" if isinstance(item, str) else type_name(item)
                self.problem(join(join(where, key), index), f"expected a string, got {got}")
        if non_empty and required and key in table and not items:
            self.problem(join(where, key), "must not be empty")
        return result
