"""Other words people write for a field name, a theme, a level of government or an SDG, in
several languages, read from data/synonyms.yml: the validator's hints and `caseshelf fix`
understand them."""

from __future__ import annotations

import re
import unicodedata
from functools import cache, lru_cache
from importlib import resources

import yaml

from . import vocabularies


@lru_cache(maxsize=4096)  # field names and the usual words come back in every file
def word_key(word: str) -> str:
    """A word as it is compared: 'E-Government', 'e government' and 'egovernment' are one;
    accents do not count ('données' is 'donnees'), letters of any script do."""
    decomposed = unicodedata.normalize("NFKD", word.casefold())
    return re.sub(r"[\W_]+", "", "".join(c for c in decomposed if not unicodedata.combining(c)))


@cache
def _data() -> dict:
    text = resources.files("caseshelf").joinpath("data", "synonyms.yml")
    return yaml.safe_load(text.read_text(encoding="utf-8"))


@cache
def _table(section: str) -> dict[str, str]:
    """{word key: what it means} for one section of the data file; each name also means
    itself, so 'Digital government' and 'digital government' find their slug."""
    table: dict[str, str] = {}
    for meaning, words in _data()[section].items():
        for word in (meaning, *words):
            if table.setdefault(word_key(word), meaning) != meaning:
                raise ValueError(f"synonyms.yml: '{word}' means both {table[word_key(word)]} "
                                 f"and {meaning} in {section}")
    return table


def field_named(word: str) -> str | None:
    """The field a misspelled or translated field name stands for: 'country' -> 'countries'."""
    return _table("fields").get(word_key(word))


def theme_named(word: str) -> str | None:
    """The theme slug a word stands for: 'e-government' -> 'digital-government'."""
    found = _table("themes").get(word_key(word))
    if found:
        return found
    labels = {word_key(theme.label): slug for slug, theme in vocabularies.themes().items()}
    return labels.get(word_key(word)) or (word if word in vocabularies.themes() else None)


def level_named(word: str) -> str | None:
    """The level of government a word stands for: 'international' -> 'supranational'."""
    return _table("levels").get(word_key(word))


@cache
def _sdg_pattern() -> re.Pattern[str]:
    words = sorted((re.escape(w) for w in _data()["sdg_words"]), key=len, reverse=True)
    return re.compile(rf"^(?:{'|'.join(words)})\s*(?:no\.?|n[°º]|№)?\s*[-#:.]?\s*"
                      r"(\d{1,2}(?:\.(?:\d{1,2}|[a-z]))?)\.?$", re.IGNORECASE)


def sdg_named(text: str) -> int | str | None:
    """The goal (16) or target ("16.6") that 'SDG 16', 'Goal 16.6', 'ODS 16' or 'ЦУР 16'
    names, if it is a real one."""
    match = _sdg_pattern().match(" ".join(text.split()))
    if not match:
        return None
    number = match[1].lower()
    if number.isdigit():
        return int(number) if 1 <= int(number) <= 17 else None
    return number if number in vocabularies.targets() else None
