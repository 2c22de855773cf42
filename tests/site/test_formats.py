"""Numbers and dates in each language's own way of writing them (CLDR, through Babel)."""

from __future__ import annotations

import datetime

import pytest

from caseshelf.site import formats

NNBSP, NBSP = "\u202f", "\u00a0"
DAY = datetime.date(2026, 11, 23)


@pytest.mark.parametrize(("language", "written"), [
    ("en", "1,234,567"),
    ("fr", f"1{NNBSP}234{NNBSP}567"),  # French groups with a narrow no-break space
    ("ru", f"1{NBSP}234{NBSP}567"),
    ("es", "1.234.567"),
    ("ar", "1,234,567"),  # Latin digits, as the UN's Arabic pages write them
    ("zh", "1,234,567"),
    ("zh-Hans", "1,234,567"),
    ("xx", "1,234,567"),  # a language Babel does not know: English
])
def test_a_number_in_each_language(language, written):
    assert formats.number(1234567, language) == written


def test_decimals_use_the_language_s_decimal_sign():
    assert formats.number(1234.5, "fr") == f"1{NNBSP}234,5"
    assert formats.number(1234.5, "en") == "1,234.5"
    assert formats.number(0.25, "ru") == "0,25"


@pytest.mark.parametrize(("language", "written"), [
    ("en", "November 23, 2026"),
    ("fr", "23 novembre 2026"),
    ("ru", f"23 ноября 2026{NNBSP}г."),  # the genitive of the month, and г. (год)
    ("ar", "23 نوفمبر 2026"),
    ("zh", "2026年11月23日"),
    ("es", "23 de noviembre de 2026"),
])
def test_a_long_date_in_each_language(language, written):
    assert formats.date(DAY, language) == written


def test_a_regional_or_unknown_tag_falls_back():
    assert formats.date(DAY, "fr-XX") == "23 novembre 2026"  # its base language
    assert formats.date(DAY, "zh-Hans") == "2026年11月23日"
    assert formats.date(DAY, "fr-CA") == "23 novembre 2026"  # Babel knows fr-CA itself
    assert formats.date(DAY, "qq") == "November 23, 2026"  # English
    assert formats.date(DAY, "") == "November 23, 2026"


def test_a_date_may_be_given_in_iso_form():
    assert formats.date("2026-11-23", "fr") == "23 novembre 2026"
    assert formats.date(datetime.datetime(2026, 11, 23, 8, 30), "zh") == "2026年11月23日"
