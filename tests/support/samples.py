"""A valid case to start from, and the small helpers that tests share."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from caseshelf.cases.problems import Problem

ROOT = Path(__file__).resolve().parent.parent.parent
FIXTURES = ROOT / "tests" / "fixtures"
TODAY = dt.date(2026, 1, 15)

HEAD = """\
title: Community feedback kiosks
summary: Municipal offices placed feedback kiosks in service centres so that residents can rate the services they receive.
countries: [ZA]
themes: [service-delivery]
sdgs: [16, "16.6"]
source:
  body: Centre for Public Service Innovation
  title: Innovation awards report
added: 2024-05-01
"""

BODY = """\
The municipality asked residents what they thought of its service centres.

## Challenge

Residents had no simple way to say how a visit went.

## Innovation

Kiosks at the exit ask one question and record the answer.

## Results

The source reports that the kiosks are in use.

## Lessons learned

Ask one question at a time.
"""

VALID = f"---\n{HEAD}---\n{BODY}"


def case_text(extra: str = "", *, replace: tuple[str, str] | None = None, body: str = BODY) -> str:
    """The valid case, with a front-matter line replaced and/or lines added at its end."""
    head = HEAD
    if replace:
        assert replace[0] in head, replace[0]
        head = head.replace(*replace)
    return f"---\n{head}{extra}---\n{body}"



def brief(problems: list[Problem]) -> list[tuple[int, int, str, str]]:
    """(line, col, code, text) of each problem, for exact assertions."""
    return [(p.line, p.col, p.code, p.text) for p in problems]
