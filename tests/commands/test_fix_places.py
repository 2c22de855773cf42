"""`caseshelf fix` on places: names as the world writes them become codes, a known name with a
comma stays one name, names of regional bodies become keys, and a case that lists every
member of a body gets a suggestion, never a change."""

from __future__ import annotations

import pytest

from caseshelf.cases import checker, vocabularies
from caseshelf.cli import main
from caseshelf.commands import fixer, issue_form
from support.samples import TODAY, case_text

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


def test_fix_turns_names_of_regional_bodies_into_keys(tmp_path):
    text = case_text(replace=("countries: [ZA]", "groupings: [caricom, African Union]"))
    fixed, changes = fixer.fix_text(text)
    assert "\ngroupings: [AU, CARICOM]\n" in fixed
    assert changes == ["groupings: 'caricom' -> 'CARICOM'",
                       "groupings: 'African Union' -> 'AU'", "sorted 'groupings'"]
    path = tmp_path / "kiosks.md"
    path.write_text(fixed, encoding="utf-8")
    assert checker.check_file(path, TODAY).problems == []
    assert fixer.fix_text(fixed) == (fixed, [])


def test_fix_suggests_the_body_when_a_case_lists_all_its_members(tmp_path, capsys):
    members = ", ".join(vocabularies.members_of("CARICOM"))
    text, _ = fixer.fix_text(case_text(replace=("countries: [ZA]", f"countries: [{members}]")))
    path = tmp_path / "labs.md"
    path.write_text(text, encoding="utf-8")
    assert main(["fix", str(path)]) == 0
    assert capsys.readouterr().out == (
        f"{path}: suggestion: 'countries' lists every member of CARICOM (Caribbean Community); "
        "if the case is about the body as a whole, write 'groupings: [CARICOM]' in place of "
        "those codes\n")
    assert path.read_text(encoding="utf-8") == text  # said, not done
    assert main(["fix", "--check", str(path)]) == 0  # a suggestion is not a change


def test_no_suggestion_once_the_body_is_named(tmp_path, capsys):
    members = ", ".join(vocabularies.members_of("CARICOM"))
    text = case_text("groupings: [CARICOM]\n",
                     replace=("countries: [ZA]", f"countries: [{members}]"))
    path = tmp_path / "labs.md"
    path.write_text(fixer.fix_text(text)[0], encoding="utf-8")
    assert main(["fix", str(path)]) == 0
    assert capsys.readouterr().out == ""


def test_an_issue_form_keeps_a_name_with_a_comma_and_names_a_body():
    answers = ("### Title\n\nLabs\n\n### Countries\n\nHong Kong, China, Kazakhstan\n\n"
               "### Regional bodies\n\nCARICOM: Caribbean Community\n\n"
               "### Countries interested in adapting it\n\nKorea, Rep.\n")
    _, text = issue_form.case_from_issue(answers)
    assert "\ncountries: [HK, KZ]\ngroupings: [CARICOM]\n" in text
    assert "\ninterested_countries: [KR]\n" in text
    _, text = issue_form.case_from_issue(answers.replace("Hong Kong, China, Kazakhstan", ""))
    assert "countries" not in text.split("groupings")[0]


def test_new_keeps_a_name_with_a_comma_whole(tmp_path):
    assert main(["new", "--dir", str(tmp_path), "--title", "Open budget portal",
                 "--country", "Hong Kong, China", "--country", "Lao PDR"]) == 0
    text = (tmp_path / "open-budget-portal.md").read_text(encoding="utf-8")
    assert "\ncountries: [HK, LA]\n" in text
    assert "\n# groupings: [CARICOM]\n" in text  # the optional field, explained
