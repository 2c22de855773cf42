"""What every rule is: a code, a severity, a line saying what the problem means and one saying
what to do, and a check. The helpers here make the problems, stamping the rule's code and
severity on each, so no rule writes either by hand."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING, Any, ClassVar

from .. import languages
from ..front_matter import FrontMatter
from ..problems import Code, Problem, Severity
from ..text import line_col

if TYPE_CHECKING:
    from ..checker import FileResult


@dataclass
class CaseContext:
    """What a rule sees of one case file."""

    path: str
    slug: str
    fm: FrontMatter
    body: str
    body_line: int
    today: dt.date

    @property
    def data(self) -> dict:
        return self.fm.data

    @property
    def text_language(self) -> str:
        """The language tag of the text, or the tag it was meant to be ('Français' -> fr)."""
        value = self.data.get("language", "en")
        if not isinstance(value, str):
            return "en"
        problem = languages.check_tag(value)
        return value if problem is None else problem.tag or "en"

    def items(self, field: str, kind: type = str) -> Iterator[tuple[tuple, Any]]:
        """(place, value) for each value of the right type in a list field."""
        values = self.data.get(field)
        if isinstance(values, list):
            for index, value in enumerate(values):
                if isinstance(value, kind) and not isinstance(value, bool):
                    yield (field, index), value

    def strings(self) -> Iterator[tuple[tuple, str]]:
        """Every text value in the front-matter, with its place."""
        return iter(self._strings)

    @cached_property
    def _strings(self) -> list[tuple[tuple, str]]:  # four rules read them: walked once
        found = []
        stack: list[tuple[tuple, Any]] = [((), self.data)]
        while stack:
            where, value = stack.pop()
            if isinstance(value, str):
                found.append((where, value))
            elif isinstance(value, dict):
                stack.extend((where + (k,), v) for k, v in value.items())
            elif isinstance(value, list):
                stack.extend((where + (i,), v) for i, v in enumerate(value))
        return found


class Rule:
    """A rule declares, as class attributes:

    - `ID`: the code shown as `[code]` (one code per rule);
    - `SEVERITY`: a `Severity`;
    - `DESCRIPTION`: what the problem means, one line for contributors (the docstring says
      what the rule checks, for programmers);
    - `ADVICE`: what to do about it, one line;

    and a `check()`. docs/contribute.md lists these, made from the registry.
    """

    ID: ClassVar[str]
    SEVERITY: ClassVar[Severity] = Severity.ERROR
    DESCRIPTION: ClassVar[str]
    ADVICE: ClassVar[str]

    @cached_property
    def code(self) -> Code:
        """The rule's entry in the registry."""
        return Code(self.ID, self.SEVERITY, self.DESCRIPTION, self.ADVICE)

    def at(self, path: str, line: int, col: int, message: str,
           hint: str | None = None) -> Problem:
        """A problem of this rule at a line and column of a file."""
        return self.code.at(path, line, col, message, hint)


class CaseRule(Rule):
    """A rule that checks one case file (after the schema check, so it looks only at values
    of the right type: a wrong type is reported once, by the schema)."""

    def check(self, case: CaseContext) -> Iterable[Problem]:
        raise NotImplementedError

    def problem(self, case: CaseContext, where: tuple, message: str,
                hint: str | None = None) -> Problem:
        """A problem at a place in the front-matter: ("source", "url"), ("countries", 2)."""
        return self.at(case.path, *case.fm.where(where), message, hint)

    def in_body(self, case: CaseContext, offset: int, message: str) -> Problem:
        """A problem at an offset in the body."""
        return self.at(case.path, *line_col(case.body, offset, case.body_line), message)


class FilesRule(Rule):
    """A rule that looks at every checked file together (a problem between files)."""

    def check(self, files: Sequence[FileResult]) -> Iterable[Problem]:
        raise NotImplementedError
