"""Names sort as a reader of each language expects: real UN names from m49_names.csv."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from caseshelf.cases.vocabularies import m49_names
from caseshelf.site.collation import sort_key

ROOT = Path(__file__).resolve().parents[2]


def names(language: str, codes: str) -> list[str]:
    return [m49_names()[code][language] for code in codes.split()]


def shuffled_then_sorted(expected: list[str], language: str) -> list[str]:
    mixed = expected[:]
    random.Random(7).shuffle(mixed)
    return sorted(mixed, key=sort_key(language))


# Each list is in the order of the UN's own list of Member States in that language (the
# E's of French, the B's and E's of Spanish, the alif of Arabic), or, for Chinese, in the
# pinyin order of Chinese dictionaries and of CLDR's default Chinese collation.
ORDERS = {
    # Égypte among the E's, by its letters: not after Zimbabwe as code points would have it
    "fr": "DK DJ DM EG SV AE EC ER ES EE US ET ZW",
    # accents weigh less than letters: Bélgica between Belarús and Belice
    "es": "BS BD BB BY BE BZ BJ EC EG SV AE ER ES EE ET",
    # the Russian alphabet: Е … З … Й … Э Ю Я
    "ru": "AU AT AZ AX AL EG ZM ZW YE EC ER EE ET ZA JM JP",
    # the article ال set aside and the forms of alif read as one letter:
    # الاتحاد الروسي، إثيوبيا، أذربيجان، الأرجنتين، الأردن، أرمينيا، إريتريا، إسبانيا، أستراليا …
    "ar": "RU ET AZ AR JO AM ER ES AU EE IL AF EC AL DE AE AG AD ID AO BH BR",
    # pinyin, syllable by syllable: a er ba … a er ji … a fu han … a gen ting … ai ji …
    "zh": "AL DZ AF AR AE EG EE AO AU AT BR CL CN",
}


@pytest.mark.parametrize("language", ORDERS)
def test_names_sort_as_readers_of_the_language_expect(language):
    expected = names(language, ORDERS[language])
    assert shuffled_then_sorted(expected, language) == expected


def test_accented_capitals_sort_with_their_letter_not_after_z():
    expected = ["Danemark", "Djibouti", "Égypte", "Équateur", "Zimbabwe"]
    assert sorted(expected) != expected  # what code points would do
    assert shuffled_then_sorted(expected, "fr") == expected


def test_a_regional_tag_sorts_as_its_language():
    expected = names("zh", ORDERS["zh"])
    assert shuffled_then_sorted(expected, "zh-Hans") == expected
    expected = names("ar", ORDERS["ar"])
    assert shuffled_then_sorted(expected, "ar-EG") == expected


def test_every_name_of_every_language_has_a_key_and_the_key_is_cached():
    for language in ("ar", "zh", "en", "fr", "ru", "es"):
        key = sort_key(language)
        assert key is sort_key(language)
        ordered = sorted((n[language] for n in m49_names().values()), key=key)
        assert len(ordered) == len(m49_names())


def test_names_that_read_alike_keep_a_fixed_order():
    key = sort_key("ar")
    # the same letters but for the article: the one as written breaks the tie
    assert key("الأردن") != key("أردن")
    assert sorted(["الأردن", "أردن"], key=key) == sorted(["أردن", "الأردن"], key=key)


def test_latin_names_in_a_chinese_list_sort_by_their_letters():
    assert sorted(["中国", "G20", "阿富汗"], key=sort_key("zh")) == ["阿富汗", "G20", "中国"]


def test_spanish_n_with_tilde_is_a_letter_after_n():
    """Ñeembucú, a department of Paraguay, after every N; the DUCET alone puts it first."""
    expected = ["Nicaragua", "Níger", "Nigeria", "Nueva Zelandia", "Ñeembucú", "Omán"]
    assert shuffled_then_sorted(expected, "es") == expected
    assert shuffled_then_sorted(expected, "fr")[0] == "Ñeembucú"


@pytest.mark.parametrize("language", ["en", "fr", "es", "ar", "ru", "zh"])
def test_kept_keys_sort_as_pyuca_weights(language):
    """The keys are kept as bytes: they give the order pyuca's tuples of weights give, for
    names where one is the start of another, that differ only in accents or case, and in
    every script of the site."""
    from pyuca import Collator

    from caseshelf.site import collation

    weights = Collator().sort_key
    reading = collation._READINGS.get(language)
    tuples = (lambda n: (weights(reading(n)), weights(n))) if reading else weights
    every = [name for row in m49_names().values() for name in row.values() if name]
    every += ["Niger", "Nigeria", "niger", "Níger", "N", "", "Nueva Zelandia", "Ñeembucú",
              "Côte d'Ivoire", "Cote d'Ivoire", "中国", "中国人", "الأردن", "اردن", "Я", "Яя"]
    random.Random(3).shuffle(every)
    assert sorted(every, key=sort_key(language)) == sorted(every, key=tuples)
    assert len(every) > 1500


def test_planning_lets_the_kept_keys_go(monkeypatch):
    """Every language's plan shares the keys of its names and titles; once the pages are
    planned they are let go, so the processes that render the pages do not carry them."""
    from caseshelf.cases import checker
    from caseshelf.site import collation
    from caseshelf.site.pages import plan_languages

    cases = checker.check_paths([ROOT / "cases"]).cases
    collation._weights.cache_clear()
    original = collation.forget
    seen = []

    def forget():  # what the planning kept, just before it is let go
        seen.append(collation._weights.cache_info())
        original()

    monkeypatch.setattr(collation, "forget", forget)
    plan_languages(cases, ["en", "fr", "zh"], page_size=20, related_count=3,
                   licence="CC-BY-4.0")
    (info,) = seen
    assert info.hits > info.misses > len(cases)  # titles and names sorted in every language
    assert collation._weights.cache_info().currsize == 0
