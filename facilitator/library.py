"""The guides and vocabularies available to this run: the shipped ones (package data, read with
importlib.resources) and a user's own from the `guides/` folder of the data directory.

A broken user guide is left out and its problems kept in `problems`, so the app still opens.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

from .errors import DataFileError, Problem, UsageError
from .guide import Guide, parse_guide
from .vocabulary import Vocabulary, parse_vocabulary

FALLBACK_LANGUAGE = "en"


def _is_vocabulary(name: str) -> bool:
    return name.startswith(("feelings.", "needs.", "tone."))


@dataclass
class Library:
    guides: dict[str, Guide] = field(default_factory=dict)
    vocabularies: dict[tuple[str, str], Vocabulary] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)

    @classmethod
    def load(cls, user_dir: Path | None = None) -> Library:
        """Shipped guides and vocabularies, then the user's guides from `user_dir`."""
        library = cls()
        shipped = resources.files("guides")
        for entry in sorted(shipped.iterdir(), key=lambda e: e.name):
            if not entry.name.endswith(".toml"):
                continue
            label = f"guides/{entry.name}"
            if _is_vocabulary(entry.name):
                continue  # read when first asked for: the home screen needs none
            library.add(parse_guide(entry.read_bytes(), label, source="shipped", path=label))
        if user_dir is not None and user_dir.is_dir():
            for path in sorted(user_dir.glob("*.toml")):
                library.add_user_file(path)
        return library

    def add_user_file(self, path: Path) -> Guide | None:
        try:
            guide = parse_guide(path.read_bytes(), str(path), source="user", path=str(path))
        except DataFileError as error:
            self.problems.extend(error.problems)
            return None
        except OSError as error:
            self.problems.append(Problem(str(path), "", f"cannot be read ({error.strerror})"))
            return None
        if guide.id in self.guides:
            other = self.guides[guide.id]
            self.problems.append(
                Problem(str(path), "id", f'"{guide.id}" is already used by {other.path}')
            )
            return None
        self.add(guide)
        return guide

    def add(self, guide: Guide) -> None:
        self.guides[guide.id] = guide

    def guide(self, guide_id: str) -> Guide:
        try:
            return self.guides[guide_id]
        except KeyError:
            raise UsageError(f'no guide with id "{guide_id}"') from None

    def vocabulary(self, kind: str, language: str) -> Vocabulary:
        """The vocabulary for `language`, falling back to the base language, then English."""
        for lang in (language, language.split("-")[0], FALLBACK_LANGUAGE):
            if (kind, lang) not in self.vocabularies:
                entry = resources.files("guides") / f"{kind}.{lang}.toml"
                if entry.is_file():
                    self.vocabularies[(kind, lang)] = parse_vocabulary(
                        entry.read_bytes(), f"guides/{entry.name}")
            if (kind, lang) in self.vocabularies:
                return self.vocabularies[(kind, lang)]
        raise UsageError(f"no {kind} vocabulary is installed")

    def sorted_guides(self) -> list[Guide]:
        return sorted(self.guides.values(), key=lambda g: (g.source != "shipped", g.title))
