"""The tone coach: while someone writes a statement or a request, it underlines words that tend
to make the other person defend themselves (blame, absolutes, insults, demands, sarcasm,
judgements dressed as feelings) and offers a gentler wording. It coaches; it never blocks.

The rules are data (`guides/tone.<language>.toml`), validated like guides; this module only
matches them. Everything here is a pure function of the text and the rules, so the UI can call
`coach` on every keystroke.
"""

from __future__ import annotations

import dataclasses
import re
from bisect import bisect_left
from dataclasses import dataclass
from importlib import resources

from .errors import UsageError
from .guide import read_toml
from .validation import Reader, join, type_name

SCHEMA = 1
KINDS = ("blame", "absolute", "insult", "demand", "sarcasm", "pseudo-feeling")
FALLBACK_LANGUAGE = "en"
SLOTS = ("observation", "feeling", "need", "request")
RULE_KEYS = ("id", "kind", "patterns", "unless", "replace", "message", "suggestion")
MARK = "mark"  # a pattern's group with this name, when present, is the span to underline

_LANGUAGE = re.compile(r"^[A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8})*$")
_SENTENCE = re.compile(r"[^.!?…\n]+[.!?…]*")
_SLOT = re.compile(r"\{(observation|feeling|need|request)\}")
_EDGES = re.compile(r"^[\s,.;:!?…—–-]+|[\s,.;:!?…—–-]+$")
_CONNECTOR = re.compile(r"^(?:and|but|so|when|that|like|as if|as though|because|now)\b\s*",
                        re.IGNORECASE)
_LOWER_STARTERS = frozenset((
    "you", "your", "he", "she", "they", "we", "it", "the", "my", "our", "this", "that", "there",
    "his", "her", "their", "another", "a", "an", "everything", "everyone", "nothing", "nobody"))
_MAX_CHARS = 200  # of the person's words in the scaffold: it is a start, not a copy
_MIN_WORDS = 3    # fewer words than this left after rewording: ask instead of guessing


@dataclass(frozen=True)
class Frame:
    """The observation–feeling–need–request sentence and the prompts for its empty slots."""

    template: str
    observation: str
    feeling: str
    need: str
    request: str


ENGLISH = Frame(
    template="When {observation}, I felt {feeling}, because I need {need}. "
             "Would you be willing to {request}?",
    observation="[what happened, once, as a camera would have seen it]",
    feeling="[a feeling, e.g. hurt, worried, tired, lonely]",
    need="[what matters to you, e.g. rest, respect, help, closeness]",
    request="[one thing they could do, and by when]",
)


@dataclass(frozen=True)
class Rule:
    id: str
    kind: str
    patterns: tuple[re.Pattern[str], ...]
    unless: tuple[re.Pattern[str], ...]
    message: str
    suggestion: str
    replace: str | None = None  # None: the words stay as written in `rewrite`


@dataclass(frozen=True)
class ToneRules:
    language: str
    rules: tuple[Rule, ...]
    frame: Frame = ENGLISH


@dataclass(frozen=True)
class Hint:
    """One thing the coach noticed: `text[start:end]` is what the UI underlines."""

    kind: str
    rule_id: str
    start: int
    end: int
    message: str
    suggestion: str
    replace: str | None = None  # what the words become in `rewrite`; None keeps them


# ------------------------------------------------------------------------------ loading

def load_rules(raw: bytes, label: str) -> ToneRules:
    """Parse and validate a tone file; every problem is reported, each naming its place."""
    data = read_toml(raw, label)
    r = Reader(label)
    schema = r.get(data, "schema", int, "", default=None)
    if isinstance(schema, int) and schema != SCHEMA:
        r.problem("schema", f"version {schema} is not one this app understands ({SCHEMA})")
    r.known_keys(data, ("schema", "language", "rewrite", "rules"), "")
    language = r.text(data, "language", "", default=FALLBACK_LANGUAGE) or FALLBACK_LANGUAGE
    frame = _frame(r, data)
    rules: list[Rule] = []
    seen: dict[str, str] = {}
    for index, table in enumerate(r.get(data, "rules", list, "", default=[])):
        where = join("rules", index)
        if not isinstance(table, dict):
            r.problem(where, f"expected a table, got {type_name(table)}")
            continue
        r.known_keys(table, RULE_KEYS, where)
        rule_id = r.slug(table, "id", where)
        if rule_id in seen:
            r.problem(join(where, "id"), f'"{rule_id}" is already used by {seen[rule_id]}')
        seen.setdefault(rule_id, where)
        rules.append(Rule(
            id=rule_id,
            kind=r.choice(table, "kind", KINDS, where, default="") or "",
            patterns=_patterns(r, table, "patterns", where, required=True),
            unless=_patterns(r, table, "unless", where, required=False),
            message=r.text(table, "message", where, default="") or "",
            suggestion=r.text(table, "suggestion", where, default="") or "",
            replace=r.text(table, "replace", where, required=False, default=None,
                           empty_ok=True),
        ))
    if "rules" in data and isinstance(data["rules"], list) and not data["rules"]:
        r.problem("rules", "needs at least one rule")
    r.raise_if_any()
    return ToneRules(language, tuple(rules), frame)


def _frame(r: Reader, data: dict) -> Frame:
    table = r.get(data, "rewrite", dict, "", required=False, default=None)
    if table is None:
        return ENGLISH
    r.known_keys(table, ("frame", *SLOTS), "rewrite")
    template = r.text(table, "frame", "rewrite", default=ENGLISH.template) or ENGLISH.template
    for slot in SLOTS:
        if "{" + slot + "}" not in template:
            r.problem("rewrite.frame", "needs {" + slot + "}")
    prompts = {slot: r.text(table, slot, "rewrite", default="") or "" for slot in SLOTS}
    return Frame(template, **prompts)


def _patterns(r: Reader, table: dict, key: str, where: str, *,
              required: bool) -> tuple[re.Pattern[str], ...]:
    """Compile once, here, so a bad expression is a load error and coaching stays fast."""
    items = r.get(table, key, list, where, required=required, default=[])
    here = join(where, key)
    if required and key in table and items == []:
        r.problem(here, "must not be empty")
    compiled = []
    for index, item in enumerate(items):
        at = join(here, index)
        if not isinstance(item, str) or not item.strip():
            got = "an empty string" if isinstance(item, str) else type_name(item)
            r.problem(at, f"expected a string, got {got}")
            continue
        try:
            pattern = re.compile(item, re.IGNORECASE)
        except re.error as error:
            r.problem(at, f"does not compile: {error}")
            continue
        if pattern.search("") is not None:
            r.problem(at, "matches empty text, so it would underline nothing")
            continue
        compiled.append(pattern)
    return tuple(compiled)


def shipped(language: str = FALLBACK_LANGUAGE) -> ToneRules:
    """The shipped rules for `language`, else its base language, else English."""
    for lang in (language, language.split("-")[0], FALLBACK_LANGUAGE):
        if not _LANGUAGE.match(lang):
            continue
        entry = resources.files("guides") / f"tone.{lang}.toml"
        if entry.is_file():
            return load_rules(entry.read_bytes(), f"guides/{entry.name}")
    raise UsageError("no tone rules are installed")


# ------------------------------------------------------------------------------ coaching

def _plain(text: str) -> str:
    """Typographic apostrophes as ASCII, one character for one, so spans stay valid."""
    return text.replace("\u2019", "'").replace("\u2018", "'").replace("\u02bc", "'")


def _span(match: re.Match[str]) -> tuple[int, int]:
    if MARK in match.re.groupindex and match.start(MARK) >= 0:
        return match.span(MARK)
    return match.span()


def _cancelled(spans: list[tuple[int, int]], cancels: list[tuple[int, int]]) -> set[int]:
    """Indexes of `spans` overlapped by any of `cancels` (sorted sweep, not all pairs)."""
    cancels.sort()
    starts = [start for start, _ in cancels]
    reach, furthest = [], -1
    for _, end in cancels:
        furthest = max(furthest, end)
        reach.append(furthest)
    gone = set()
    for index, (start, end) in enumerate(spans):
        before = bisect_left(starts, end)
        if before and reach[before - 1] > start:
            gone.add(index)
    return gone


def _rule_spans(rule: Rule, plain: str) -> list[tuple[int, int]]:
    spans = sorted({_span(m) for p in rule.patterns for m in p.finditer(plain)})
    spans = [(start, end) for start, end in spans if end > start]
    if spans and rule.unless:
        cancels = [m.span() for p in rule.unless for m in p.finditer(plain)]
        gone = _cancelled(spans, cancels)
        spans = [span for index, span in enumerate(spans) if index not in gone]
    merged: list[tuple[int, int]] = []
    for start, end in spans:
        if merged and start < merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def coach(text: str, rules: ToneRules) -> list[Hint]:
    """Every hint for `text`, in reading order; one hint per kind for overlapping words."""
    if not text or not text.strip():
        return []
    plain = _plain(text)
    hints = [
        Hint(rule.kind, rule.id, start, end, rule.message, rule.suggestion, rule.replace)
        for rule in rules.rules
        for start, end in _rule_spans(rule, plain)
    ]
    hints.sort(key=lambda h: (h.start, -h.end, KINDS.index(h.kind)))
    last: dict[str, int] = {}  # kind -> index in `kept` of its latest hint
    kept: list[Hint] = []
    for hint in hints:
        index = last.get(hint.kind)
        # overlapping, or only spaces between ("selfish" + "jerk"): one underline, not two
        if index is not None and not plain[kept[index].end:hint.start].strip():
            if hint.end > kept[index].end:
                kept[index] = dataclasses.replace(kept[index], end=hint.end)
            continue
        last[hint.kind] = len(kept)
        kept.append(hint)
    kept.sort(key=lambda h: (h.start, h.end, KINDS.index(h.kind)))
    return kept


# ------------------------------------------------------------------------------ rewording

def rewrite(text: str, hints: list[Hint], rules: ToneRules | None = None) -> str:
    """A starting point in the OFNR form, built from the person's own words: the first
    flagged sentence becomes the observation (the request, if it was a demand) with the
    flagged words swapped for prompts; every slot it cannot fill honestly stays a prompt."""
    frame = rules.frame if rules is not None else ENGLISH
    plain = _plain(text)
    ordered = sorted(hints, key=lambda h: (h.start, -h.end))
    found: dict[str, str] = {}
    at = 0
    for sentence in _SENTENCE.finditer(plain):
        start, end = sentence.span()
        while at < len(ordered) and ordered[at].start < start:
            at += 1
        inside = []
        while at < len(ordered) and ordered[at].start < end:
            inside.append(ordered[at])
            at += 1
        if not inside:
            continue
        slot = "request" if any(h.kind == "demand" for h in inside) else "observation"
        if slot not in found:
            words = _reword(plain, start, end, inside, request=slot == "request")
            if words:
                found[slot] = words
        if len(found) == 2 or at >= len(ordered):
            break
    filled = {slot: found.get(slot) or getattr(frame, slot) for slot in SLOTS}
    return _SLOT.sub(lambda m: filled[m.group(1)], frame.template)


def _reword(plain: str, start: int, end: int, hints: list[Hint], *, request: bool) -> str:
    """The sentence with flagged words replaced; in a request, judgements are simply left out
    (a request asks for an action, so "stop being so lazy and …" keeps only the "…")."""
    pieces, pos = [], start
    for hint in hints:  # sorted by start, widest first: the widest overlapping hint wins
        if hint.start < pos:
            pos = max(pos, min(hint.end, end))
            continue
        words = plain[hint.start:hint.end] if hint.replace is None else hint.replace
        if request and hint.kind != "demand":
            words = ""
        pieces += [plain[pos:hint.start], f" {words} "]
        pos = min(hint.end, end)
    pieces.append(plain[pos:end])
    words = " ".join("".join(pieces).split())
    words = re.sub(r"\s+([,;:!?…])", r"\1", words)
    words = re.sub(r"(?:,\s*){2,}", ", ", words)
    for _ in range(3):
        words = _CONNECTOR.sub("", _EDGES.sub("", words))
    bare = re.sub(r"\[[^\]]*\]", "", words)
    if len(bare.split()) < _MIN_WORDS:
        return ""
    if len(words) > _MAX_CHARS:
        words = words[:_MAX_CHARS].rsplit(" ", 1)[0] + " …"
    first = words.split(" ", 1)[0]
    if first[:1].isupper() and not re.match(r"I\b", first) and (
            request or first.split("'")[0].lower() in _LOWER_STARTERS):
        words = words[0].lower() + words[1:]
    return words
