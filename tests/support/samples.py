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


TRANSLATION_HEAD = """\
title: Bornes de retour d'expérience
summary: Les services municipaux ont installé des bornes pour que les habitants notent les services reçus.
"""

TRANSLATION_BODY = """\
La municipalité a demandé aux habitants ce qu'ils pensaient de ses centres de services.

## Défi

Les habitants n'avaient aucun moyen simple de dire comment s'était passée une visite.

## Innovation

Des bornes à la sortie posent une question et enregistrent la réponse.

## Résultats

La source indique que les bornes sont utilisées.

## Enseignements tirés

Poser une question à la fois.
"""


def translation_text(extra: str = "", *, head: str = TRANSLATION_HEAD,
                     body: str = TRANSLATION_BODY) -> str:
    """A valid French translation of the valid case, with lines added at the end of its
    front-matter."""
    return f"---\n{head}{extra}---\n{body}"


def brief(problems: list[Problem]) -> list[tuple[int, int, str, str]]:
    """(line, col, code, text) of each problem, for exact assertions."""
    return [(p.line, p.col, p.code, p.text) for p in problems]
