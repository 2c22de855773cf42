"""Regional bodies (CARICOM, ASEAN, the African Union …) as a case names them in `groupings`:
which key a written name stands for, and which bodies a list of countries covers in full.

The bodies and their members are data (`data/groupings.yml`, read by vocabularies.py).
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from functools import cache

from . import document, front_matter
from .country_names import loose
from .text import country_of
from .vocabularies import Grouping, groupings


@cache
def _names() -> dict[str, str]:
    """{loose name: key} for every key and name of every body."""
    return {loose(name): item.key for item in groupings().values()
            for name in (item.key, item.name, *item.names)}


def key_for(text: str) -> str | None:
    """The key a body's key or name stands for, in any case: 'caricom', 'African Union'."""
    return _names().get(loose(text))


def guess(text: str) -> str | None:
    """The key of the body a misspelt key or name most likely means, for 'did you mean'."""
    certain = key_for(text)
    if certain:
        return certain
    match = difflib.get_close_matches(loose(text), _names(), n=1, cutoff=0.75)
    return _names()[match[0]] if match else None


def covered(codes: Iterable[str]) -> list[Grouping]:
    """The bodies all of whose members are among the codes, leaving out a body whose members
    are all members of another one covered too (OECS within CARICOM)."""
    present = {country_of(code) for code in codes}
    full = [g for g in groupings().values() if set(g.members) <= present]
    return [g for g in full
            if not any(set(g.members) < set(other.members) for other in full)]


def suggestions(data: dict) -> list[str]:
    """What `fix` suggests for front-matter whose countries list every member of a body."""
    codes = data.get("countries")
    if not isinstance(codes, list) or not all(isinstance(c, str) for c in codes):
        return []
    named = data.get("groupings") if isinstance(data.get("groupings"), list) else []
    return [f"'countries' lists every member of {g.key} ({g.name}); if the case is about the "
            f"body as a whole, write 'groupings: [{g.key}]' in place of those codes"
            for g in covered(codes) if g.key not in named]


def suggestions_in(text: str, path: str) -> list[str]:
    """suggestions() for a case file's text. Raises CaseFileError if it cannot be read."""
    doc = document.split(path, text)
    fm = front_matter.parse(doc.yaml_text, path=path, first_line=doc.yaml_line)
    return suggestions(fm.data) if isinstance(fm.data, dict) else []
