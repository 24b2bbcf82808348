"""The errors the core raises on purpose; each one carries a message meant for a person."""

from __future__ import annotations


class FacilitatorError(Exception):
    """Base for errors that are reported to the user as one line, never a traceback."""

    exit_code = 1


class UsageError(FacilitatorError):
    """Bad input: a missing file, an unknown id, a malformed argument (exit 2)."""

    exit_code = 2


class PassphraseError(FacilitatorError):
    """A wrong or missing passphrase (exit 3)."""

    exit_code = 3


class Problem:
    """One thing wrong in a data file: where (file and key path) and what."""

    __slots__ = ("path", "where", "what")

    def __init__(self, path: str, where: str, what: str):
        self.path = path
        self.where = where
        self.what = what

    def __str__(self) -> str:
        if self.where:
            return f"{self.path}: {self.where}: {self.what}"
        return f"{self.path}: {self.what}"

    def __repr__(self) -> str:
        return f"Problem({str(self)!r})"


class DataFileError(UsageError):
    """A guide or vocabulary file that cannot be used; holds every problem found in it."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


class BundleError(UsageError):
    """A session bundle that cannot be imported; nothing was written."""


class FlowError(FacilitatorError):
    """An operation that does not fit the step the session is on (a programming error)."""


class NotReady(FacilitatorError):
    """The session cannot move on yet; `missing` says what is still needed, in plain words."""

    def __init__(self, missing: list[str]):
        self.missing = missing
        super().__init__("Still needed: " + "; ".join(missing))
