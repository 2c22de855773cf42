"""The one record every check produces (a problem at a place in a file), the kinds of problem
the checks declare, and the one error that reading a case file raises."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Severity(StrEnum):
    """How bad a problem is. A str, so text and JSON output show 'error' and 'warning'."""

    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, order=True)
class Problem:
    """A problem found in a case file.

    `line` and `col` are 1-based and point into the `.md` file itself, so the
    front-matter's own offset is already counted. `hint` is a likely correction,
    shown as "did you mean …".
    """

    path: str
    line: int
    col: int
    severity: Severity
    code: str
    message: str
    hint: str | None = None

    @property
    def text(self) -> str:
        """The message with its hint, as a person reads it."""
        if self.hint:
            return f"{self.message}; did you mean {self.hint}?"
        return self.message


@dataclass(frozen=True)
class Code:
    """A kind of problem: the code shown as `[code]`, its severity, what it means and what to
    do about it (one line each, as docs/contribute.md lists them). Every check makes its
    problems with `at`, so a problem's code and severity are always the declared ones.
    `cases.rules.REGISTRY` lists every code the validator can report."""

    id: str
    severity: Severity
    description: str
    advice: str

    def at(self, path: str, line: int, col: int, message: str,
           hint: str | None = None) -> Problem:
        return Problem(path, line, col, self.severity, self.id, message, hint)


class CaseFileError(Exception):
    """A case file cannot be read, split or parsed into plain values; `problem` says where
    and why. document.py and front_matter.py raise it; the checker reports the problem."""

    def __init__(self, problem: Problem):
        super().__init__(problem.message)
        self.problem = problem
