"""Sorting names (countries, regions, themes) as a reader of each language expects them.

The order is the Unicode Collation Algorithm's default (pyuca's table of the DUCET): accents
and case weigh less than letters, so 'Égypte' sorts among the E's, not after 'Z', and
Cyrillic and Arabic letters sort in their alphabets' order. Two readers need more:

- Chinese readers expect pinyin order, as in dictionaries and CLDR's default Chinese
  collation: each Han character is keyed by its pinyin (anyascii), syllable by syllable.
  anyascii gives one reading per character, without tones; names that read the same are
  ordered by their characters.
- Arabic readers expect the article ال set aside and the forms of alif (ا أ إ آ) read as
  one letter, as in the UN's Arabic lists of Member States: الأردن (Jordan) sorts beside
  أرمينيا (Armenia), and إثيوبيا before أذربيجان. The DUCET gives each form of alif a
  letter of its own.
- Spanish readers expect ñ as a letter of its own, after n (as the Real Academia's
  alphabet and CLDR's Spanish order have it): Nicaragua before Ñeembucú. The DUCET reads
  ñ as an n with a mark.
"""

from __future__ import annotations

import re
import struct
import unicodedata
from collections.abc import Callable
from functools import cache, lru_cache
from typing import Any

from anyascii import anyascii
from pyuca import Collator

from ..cases.vocabularies import base_language

# the CJK unified ideographs, their extensions A to H, and the compatibility ideographs
_HAN = re.compile("[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003ffff]")
# the definite article at the start of a word, when two letters or more follow it
_ARTICLE = re.compile(r"(?<!\w)ال(?=\w\w)")
_ALIF = str.maketrans(dict.fromkeys("أإآٱ", "ا"))
# ñ read as n and then a code point no letter outranks (its implicit weight is the highest),
# so that it sorts after every n and before o
_ENYE = str.maketrans({"ñ": "n\U0010fffd", "Ñ": "N\U0010fffd"})


@cache
def _collator() -> Collator:
    """The collator reads its table (some 20,000 lines) once, on first use."""
    return Collator()


def _pinyin(text: str) -> str:
    """Han characters as their pinyin syllables, each a word: '中国' -> 'zhong guo'."""
    spelled = _HAN.sub(lambda match: f" {anyascii(match.group()).lower()} ", text)
    return " ".join(spelled.split())


def _arabic(text: str) -> str:
    """A name without its articles, each alif plain: 'الأردن' -> 'اردن'."""
    return _ARTICLE.sub("", text).translate(_ALIF)


def _spanish(text: str) -> str:
    return unicodedata.normalize("NFC", text).translate(_ENYE)


@lru_cache(maxsize=1 << 15)
def _weights(name: str) -> bytes:
    """pyuca's key for a name, as bytes that sort as its tuple of weights does (each weight
    four bytes, big-endian), kept: the same names and titles are sorted for every language
    of a site, and a title in each listing of its case. Bytes hold a key in a quarter of the
    memory of a tuple of ints (873 against 3,652 bytes for a title of 69 characters)."""
    weights = _collator().sort_key(name)
    return struct.pack(f">{len(weights)}I", *weights)


def forget() -> None:
    """Let the kept keys go: once the pages are planned, the build sorts few names (a
    page's countries), and a site in one language keeps nothing it would use again."""
    _weights.cache_clear()


_READINGS: dict[str, Callable[[str], str]] = {"zh": _pinyin, "ar": _arabic, "es": _spanish}


@cache
def sort_key(language: str) -> Callable[[str], Any]:
    """A key for sorted(): names in the order a reader of the language expects.
    sorted(names, key=sort_key('fr')); 'fr-CA' sorts as 'fr', 'zh-Hans' as 'zh'."""
    reading = _READINGS.get(base_language(language))
    if reading is None:
        return _weights

    def key(name: str) -> tuple[bytes, bytes]:
        # the name as written breaks ties: names that read alike keep a fixed order
        return _weights(reading(name)), _weights(name)

    return key
