"""The one record every check produces: a problem at a place in a file."""

from __future__ import annotations

from dataclasses import dataclass

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
    severity: str
    code: str
    message: str
    hint: str | None = None

    @property
    def text(self) -> str:
        """The message with its hint, as a person reads it."""
        if self.hint:
            return f"{self.message}; did you mean {self.hint}?"
        return self.message
