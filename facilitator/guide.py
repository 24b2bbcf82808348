"""Guides as data: TOML files read with `tomllib`, validated strictly at load.

Every problem is reported as `FILE: key.path: what is wrong`, all of them at once, so a person
fixing a guide sees the whole list; nothing here ever lets a traceback through.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from . import kinds
from .errors import DataFileError, Problem
from .validation import Reader, join

SCHEMA = 1
WORD_KEYS = ("both", "mediator", "speaker", "listener")
STEP_KEYS = ("id", "kind", "title", "both", "mediator", "timebox_minutes")
GUIDE_KEYS = ("schema", "id", "title", "language", "mode", "description", "pause_minutes",
              "steps")
QUESTION_KEYS = ("id", "text", "concern")
PLACEHOLDERS = ("speaker", "listener")
_BRACES = re.compile(r"\{([^{}]*)\}")
_LANGUAGE = re.compile(r"^[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$")


@dataclass(frozen=True)
class Question:
    id: str
    text: str
    concern: str  # the answer ("yes" or "no") that raises a safety concern


@dataclass(frozen=True)
class Step:
    id: str
    kind: str
    title: str
    words: dict[str, str] = field(default_factory=dict)  # role -> words
    timebox_minutes: int | None = None
    rules: tuple[str, ...] = ()
    questions: tuple[Question, ...] = ()
    help: str = ""
    moment: str = ""

    def say(self, role: str, **names: str) -> str:
        """The words for `role` with {speaker}/{listener} filled in; '' when there are none."""
        text = self.words.get(role, "")
        return _BRACES.sub(lambda m: names.get(m.group(1), m.group(0)), text)


@dataclass(frozen=True)
class Guide:
    id: str
    title: str
    language: str
    mode: str
    description: str
    steps: tuple[Step, ...]
    pause_minutes: int = 20
    source: str = "shipped"  # "shipped" or "user"
    path: str = ""

    def step(self, step_id: str) -> Step:
        for step in self.steps:
            if step.id == step_id:
                return step
        raise KeyError(step_id)

    def suits(self, mode: str) -> bool:
        return self.mode in (mode, "either")


def load_guide(path: Path | str, *, source: str = "user", name: str | None = None) -> Guide:
    """Read and validate one guide file; raise DataFileError naming every problem."""
    path = Path(path)
    label = name or str(path)
    try:
        raw = path.read_bytes()
    except OSError as error:
        raise DataFileError([Problem(label, "", f"cannot be read ({error.strerror})")]) from None
    return parse_guide(raw, label, source=source, path=str(path))


def read_toml(raw: bytes, label: str) -> dict:
    """Decode TOML bytes, turning decoding errors into a Problem that names the file."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        raise DataFileError(
            [Problem(label, "", f"is not UTF-8 text (byte {error.start})")]
        ) from None
    try:
        return tomllib.loads(text)
    except (tomllib.TOMLDecodeError, RecursionError, ValueError) as error:
        # RecursionError: nesting too deep to read; ValueError: an integer of over 4 300 digits
        detail = "nested too deeply" if isinstance(error, RecursionError) else str(error)
        raise DataFileError([Problem(label, "", f"is not valid TOML: {detail}")]) from None


def parse_guide(raw: bytes, label: str, *, source: str = "user", path: str = "") -> Guide:
    data = read_toml(raw, label)
    r = Reader(label)
    schema = r.get(data, "schema", int, "", default=None)
    if isinstance(schema, int) and schema > SCHEMA:
        r.problem("schema", f"version {schema} is newer than this app understands ({SCHEMA})")
        r.raise_if_any()
    if isinstance(schema, int) and schema < 1:
        r.problem("schema", f"version {schema} does not exist")
    r.known_keys(data, GUIDE_KEYS, "")
    guide_id = r.slug(data, "id", "")
    title = r.text(data, "title", "", default="")
    language = r.text(data, "language", "", default="en")
    if language and not _LANGUAGE.fullmatch(language):
        r.problem("language", f'"{language}" is not a language tag such as "en" or "pt-BR"')
    mode = r.choice(data, "mode", kinds.GUIDE_MODES, "", default="either")
    description = r.text(data, "description", "", default="")
    pause = r.integer(data, "pause_minutes", "", low=1, high=120, required=False, default=20)
    tables = r.tables(data, "steps", "")
    if "steps" in data and isinstance(data["steps"], list) and not data["steps"]:
        r.problem("steps", "a guide needs at least one step")
    steps = [_parse_step(r, table, join("steps", i)) for i, table in enumerate(tables)]
    _check_steps(r, steps)
    r.raise_if_any()
    return Guide(guide_id, title, language, mode, description, tuple(steps),
                 pause_minutes=pause, source=source, path=path)


def _parse_step(r: Reader, table: dict, where: str) -> Step:
    kind = r.get(table, "kind", str, where, default="")
    spec = kinds.KINDS.get(kind)
    if kind and spec is None:
        r.problem(join(where, "kind"), f'unknown kind "{kind}"')
    extra = spec.extra_keys if spec else {}
    for key in table:
        if key in STEP_KEYS or key in extra:
            continue
        owner = next((k for k, s in kinds.KINDS.items() if key in s.extra_keys), None)
        if owner and spec:
            takers = sorted(k for k, s in kinds.KINDS.items() if key in s.extra_keys)
            r.problem(join(where, key), f"only {' and '.join(takers)} steps take {key}")
        else:
            r.problem(join(where, key), "unknown key")
    step_id = r.slug(table, "id", where)
    title = r.text(table, "title", where, default="")
    words = {}
    for role in WORD_KEYS:
        if role in table and (role in STEP_KEYS or role in extra):
            text = r.text(table, role, where, required=False)
            if text:
                _check_placeholders(r, text, join(where, role), spec.turns if spec else False)
                words[role] = text
    timebox = r.integer(table, "timebox_minutes", where, low=1, high=180, required=False)
    for key, required in extra.items():
        if required and key not in table:
            article = "an" if kind[0] in "aeiou" else "a"
            r.problem(join(where, key), f"missing ({article} {kind} step needs {key})")
    rules = tuple(r.strings(table, "rules", where)) if "rules" in table and "rules" in extra \
        else ()
    questions = _parse_questions(r, table, where) if "questions" in extra else ()
    help_text = (r.text(table, "help", where, required=False) or "") if "help" in extra else ""
    moment = ""
    if "moment" in extra:
        moment = r.choice(table, "moment", kinds.MOMENTS, where, required=False) or ""
    return Step(step_id, kind, title or "", words, timebox, rules, questions, help_text, moment)


def _parse_questions(r: Reader, table: dict, where: str) -> tuple[Question, ...]:
    if "questions" not in table:
        return ()
    found = []
    seen: dict[str, int] = {}
    entries = r.tables(table, "questions", where)
    if isinstance(table["questions"], list) and not table["questions"]:
        r.problem(join(where, "questions"), "a screening step needs at least one question")
    for index, entry in enumerate(entries):
        here = join(join(where, "questions"), index)
        r.known_keys(entry, QUESTION_KEYS, here)
        qid = r.slug(entry, "id", here)
        if qid in seen:
            r.problem(join(here, "id"), f'"{qid}" is used twice (also questions[{seen[qid]}])')
        seen.setdefault(qid, index)
        text = r.text(entry, "text", here, default="")
        concern = r.choice(entry, "concern", ("yes", "no"), here, default="yes")
        found.append(Question(qid, text or "", concern or "yes"))
    return tuple(found)


def _check_placeholders(r: Reader, text: str, where: str, turns: bool) -> None:
    for match in _BRACES.finditer(text):
        name = match.group(1)
        if name not in PLACEHOLDERS:
            r.problem(where, f'unknown placeholder "{{{name}}}" (use {{speaker}} or {{listener}})')
        elif not turns:
            r.problem(where, f'"{{{name}}}" only works in statement and reflection steps')


def _check_steps(r: Reader, steps: list[Step]) -> None:
    seen: dict[str, int] = {}
    for index, step in enumerate(steps):
        if step.id and step.id in seen:
            r.problem(f"steps[{index}].id",
                      f'"{step.id}" is used twice (also steps[{seen[step.id]}])')
        seen.setdefault(step.id, index)
        if step.kind == kinds.REFLECTION:
            before = steps[index - 1].kind if index else None
            if before != kinds.STATEMENT:
                r.problem(f"steps[{index}].kind",
                          "a reflection step must directly follow a statement step")
