"""`caseshelf fix` on places: names as the world writes them become codes, and a known name
with a comma stays one name."""

from __future__ import annotations

import pytest

from caseshelf.commands import fixer, issue_form
from support.samples import case_text

QUOTED = [
    ("Bolivia (Plurinational State of)", "BO"),
    ("Netherlands (Kingdom of the)", "NL"),
    ("Iran (Islamic Republic of)", "IR"),
    ("Korea, Rep.", "KR"),
    ("Lao PDR", "LA"),
    ("Hong Kong SAR, China", "HK"),
    ("UAE", "AE"),
    ("DRC", "CD"),
    ("U.S.", "US"),
    ("Республика Казахстан", "KZ"),
    ("الأردن", "JO"),
    ("中国", "CN"),
    ("España", "ES"),
    ("Sénégal", "SN"),
    ("Federación de Rusia", "RU"),
    ("México", "MX"),
    ("Kosovo", "XK"),
]


@pytest.mark.parametrize(("name", "code"), QUOTED)
def test_fix_turns_the_name_into_its_code(name, code):
    """Each name as written in a [...] list, commas and all."""
    fixed, changes = fixer.fix_text(case_text(replace=("countries: [ZA]", f"countries: [{name}]")))
    assert f"\ncountries: [{code}]\n" in fixed
    assert changes == [f"countries: {name!r} -> {code!r}"]


def test_hong_kong_china_stays_one_name():
    text = case_text(replace=("countries: [ZA]", "countries: [KZ, Hong Kong, China, TH]"))
    fixed, changes = fixer.fix_text(text)
    assert "\ncountries: [HK, KZ, TH]\n" in fixed
    assert changes == ["countries: 'Hong Kong, China' -> 'HK'", "sorted 'countries'"]


def test_a_block_list_names_each_place_on_its_own_line():
    text = case_text(replace=("countries: [ZA]", "countries:\n  - Hong Kong\n  - China"))
    fixed, _ = fixer.fix_text(text)
    assert "\ncountries: [CN, HK]\n" in fixed


def test_an_issue_form_keeps_a_name_with_a_comma():
    answers = ("### Title\n\nLabs\n\n### Countries\n\nHong Kong, China, Kazakhstan\n\n"
               "### Countries interested in adapting it\n\nKorea, Rep.\n")
    _, text = issue_form.case_from_issue(answers)
    assert "\ncountries: [HK, KZ]\n" in text
    assert "\ninterested_countries: [KR]\n" in text
