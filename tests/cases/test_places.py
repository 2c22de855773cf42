"""Places as the world writes them: names in the UN languages and Portuguese, UN and World Bank
forms, names with commas, country before subdivision, the names readers know, Kosovo, and
regional bodies."""

from __future__ import annotations

import pycountry
import pytest

from caseshelf.cases import countries, country_names, groupings, vocabularies
from caseshelf.cases.model import Case
from support.samples import brief, case_text

# the names quoted in the issue, each with the code it stands for
QUOTED = {
    "Bolivia (Plurinational State of)": "BO",
    "Netherlands (Kingdom of the)": "NL",
    "Iran (Islamic Republic of)": "IR",
    "Korea, Rep.": "KR",
    "Lao PDR": "LA",
    "Hong Kong SAR, China": "HK",
    "UAE": "AE",
    "DRC": "CD",
    "U.S.": "US",
    "Республика Казахстан": "KZ",
    "الأردن": "JO",
    "中国": "CN",
    "España": "ES",
    "Sénégal": "SN",
    "Federación de Rusia": "RU",
}


@pytest.mark.parametrize(("name", "code"), QUOTED.items())
def test_names_the_world_writes_have_one_code(name, code):
    assert countries.code_for(name) == code


@pytest.mark.parametrize(("name", "code"), [
    ("الاردن", "JO"),  # without the hamza
    ("Cote d'Ivoire", "CI"), ("Côte d’Ivoire", "CI"),  # either apostrophe, with or without accents
    ("Соединенные Штаты Америки", "US"),  # е for ё
    ("中國", "CN"), ("美國", "US"),  # traditional characters
    ("Estados Unidos", "US"), ("Brasil", "BR"), ("Federação Russa", "RU"),  # Portuguese
    ("St Lucia", "LC"), ("Turkiye", "TR"), ("Hong Kong, China", "HK"),
    ("Democratic Republic of Congo", "CD"), ("Republic of Congo", "CG"),
])
def test_names_are_matched_as_people_type_them(name, code):
    assert countries.code_for(name) == code


def test_a_name_that_stands_for_two_countries_stands_for_neither():
    # pycountry's Portuguese catalog gives Afghanistan's long form as Pakistan's
    assert countries.code_for("República Islâmica do Paquistão") is None
    assert countries.code_for("Congo") == "CG" and countries.code_for("Korea") is None


def test_every_un_and_world_bank_name_resolves_to_its_own_code():
    uncertain = set()
    for code, names in vocabularies.m49_names().items():
        for language, name in names.items():
            if countries.code_for(name) != code:
                uncertain.add((code, language, name))
    # names that are also a subdivision's elsewhere are left for a person, with a hint
    assert uncertain == {("EC", "fr", "Équateur"), ("GD", "es", "Granada"),
                         ("GF", "fr", "Guyane française"), ("SH", "es", "Santa Elena")}
    assert all(countries.guess(name) == code for code, _, name in uncertain)
    for name, code in vocabularies.world_bank_names().items():
        assert countries.code_for(name) == code, name


def test_m49_names_cover_every_m49_country_in_six_languages():
    names = vocabularies.m49_names()
    assert set(names) == set(vocabularies.regions()) - {"TW", "XK"}  # M49 lists neither
    assert all(list(n) == ["en", "fr", "es", "ru", "zh", "ar"] and all(n.values())
               for n in names.values())
    assert names["NL"]["en"] == "Netherlands (Kingdom of the)"
    assert names["RU"]["es"] == "Federación de Rusia"


def test_a_country_name_never_resolves_to_a_subdivision():
    assert countries.code_for("México") == countries.guess("México") == "MX"  # not MX-MEX
    for sub in pycountry.subdivisions:  # Panamá, Djibouti, Luxembourg, Georgia, Kuwait, …
        if country_names.is_country_name(sub.name):
            assert "-" not in (countries.guess(sub.name) or ""), sub.code


def test_a_translated_name_that_is_a_subdivision_elsewhere_is_only_a_hint():
    # Granada is Grenada in Spanish, and a province of Spain (and of Nicaragua)
    assert countries.code_for("Granada") is None and countries.guess("Granada") == "GD"
    assert countries.code_for("Grenada") == "GD"


def test_subdivision_names_are_hints_only():
    assert countries.code_for("Seoul") is None
    assert [countries.guess(n) for n in ("Seoul", "Zhejiang", "Bangkok", "Mahārāshtra")] == [
        "KR-11", "CN-ZJ", "TH-10", "IN-MH"]
    assert countries.guess("Punjab") is None  # a state of India and a province of Pakistan


def test_misspelt_names_get_a_hint_and_regions_do_not():
    assert [countries.guess(n) for n in ("Kazakstan", "Thailnd", "Phillipines")] == [
        "KZ", "TH", "PH"]
    assert countries.guess("Africa") is None  # not 'Sudáfrica'
    assert countries.guess("South-eastern Asia") is None


def test_a_known_name_with_a_comma_is_read_as_one_name():
    values = ["Hong Kong", "China", "Korea", "Rep.", "Congo", "Dem. Rep.", "KZ"]
    assert countries.join_split_names(values, [4] * 7) == [
        (0, "Hong Kong, China"), (2, "Korea, Rep."), (4, "Congo, Dem. Rep."), (6, "KZ")]
    # items on lines of their own are a block list: two places, never joined
    assert countries.join_split_names(["Hong Kong", "China"], [4, 5]) == [
        (0, "Hong Kong"), (1, "China")]
    # valid codes and names that are not one known name stay apart
    assert countries.join_split_names(["KZ", "TH"], [4, 4]) == [(0, "KZ"), (1, "TH")]
    assert countries.join_split_names(["Guinea", "Bissau"], [4, 4]) == [
        (0, "Guinea"), (1, "Bissau")]


def test_comma_separated_text_keeps_a_known_name_whole():
    # one text per line of a form or per --country option: never joined across them
    assert countries.codes_in(["Hong Kong, China, Kazakhstan", "Korea, Rep."]) == [
        "HK", "KZ", "KR"]
    assert countries.codes_in(["Hong Kong", "China"]) == ["HK", "CN"]
    assert countries.codes_in(["Kazakstan, TH"]) == ["Kazakstan", "TH"]


@pytest.mark.parametrize(("code", "name"), [
    ("KR-11", "Seoul (South Korea)"),
    ("CN-ZJ", "Zhejiang (China)"),
    ("ES-B", "Barcelona (Spain)"),
    ("PS", "State of Palestine"),
    ("MX-MEX", "State of Mexico (Mexico)"),
    ("UA-21", "Zakarpattia Oblast (Ukraine)"),
    ("CD", "Democratic Republic of the Congo"),
    ("GB-AGY", "Isle of Anglesey (United Kingdom)"),
    ("XK", "Kosovo"),
])
def test_places_show_by_the_name_a_reader_knows(code, name):
    assert countries.name_of(code) == name


def test_no_name_shown_is_inverted_or_bilingual():
    for country in pycountry.countries:
        name = countries.name_of(country.alpha_2)
        assert not name.endswith((" of", " of the", ", The", " State of")), name
        assert ", " not in name or country.alpha_2 in {"BQ", "SH"}, name
    for sub in pycountry.subdivisions:
        name = countries.name_of(sub.code)
        assert "[" not in name and "Sheng" not in name and "-teukbyeol" not in name, name
        assert not name.startswith(tuple(f"{w}, " for w in ("Respublika", "Région"))), name


def test_every_display_name_is_for_a_valid_code():
    assert all(countries.is_valid(code) for code in vocabularies.place_names())


def test_kosovo_is_xk_with_a_region():
    assert countries.is_valid("XK") and not countries.is_valid("XX")
    assert [countries.code_for(n) for n in ("Kosovo", "Kosovo*", "Косово", "xk")] == ["XK"] * 4
    region = vocabularies.region_of("XK")
    assert (region.region, region.subregion) == ("Europe", "Southern Europe")


def test_a_western_balkans_case_names_kosovo(check):
    text = case_text(replace=("countries: [ZA]", "countries: [AL, BA, ME, MK, RS, XK]"))
    assert check(text) == []


@pytest.mark.parametrize(("replace", "expected"), [
    (("countries: [ZA]", "countries: [México]"),
     [(4, 13, "country", "'México' is a name, not an ISO 3166 country code; "
                         "did you mean 'MX' (Mexico)?")]),
    (("countries: [ZA]", "countries: [中国]"),
     [(4, 13, "country", "'中国' is a name, not an ISO 3166 country code; "
                         "did you mean 'CN' (China)?")]),
    (("countries: [ZA]", "countries: [ZA, Hong Kong, China]"),
     [(4, 17, "country", "'Hong Kong, China' is one name, not an ISO 3166 country code (its "
                         "comma splits it in two in a [...] list); did you mean 'HK' "
                         "(Hong Kong)?")]),
    (("countries: [ZA]", "countries: [Korea, Rep., KZ]"),
     [(4, 13, "country", "'Korea, Rep.' is one name, not an ISO 3166 country code (its comma "
                         "splits it in two in a [...] list); did you mean 'KR' (South Korea)?")]),
    (("countries: [ZA]", "countries:\n  - Hong Kong\n  - China"),
     [(5, 5, "country", "'Hong Kong' is a name, not an ISO 3166 country code; "
                        "did you mean 'HK' (Hong Kong)?"),
      (6, 5, "country", "'China' is a name, not an ISO 3166 country code; "
                        "did you mean 'CN' (China)?")]),
    (("countries: [ZA]", "countries: [Seoul]"),
     [(4, 13, "country", "'Seoul' is a name, not an ISO 3166 country code; "
                         "did you mean 'KR-11' (Seoul (South Korea))?")]),
])
def test_country_hints(check, replace, expected):
    assert brief(check(case_text(replace=replace))) == expected


def test_a_case_may_name_a_regional_body_instead_of_its_members(check):
    text = case_text(replace=("countries: [ZA]", "groupings: [CARICOM]"))
    assert check(text) == []


@pytest.mark.parametrize(("groupings_line", "expected"), [
    ("groupings: [CARICCOM]",
     [(4, 13, "grouping", "'CARICCOM' is not in the list of regional bodies; "
                          "did you mean 'CARICOM' (Caribbean Community)?")]),
    ("groupings: [CARICOM, African Union]",
     [(4, 22, "grouping", "'African Union' is a name; write the key of the regional body; "
                          "did you mean 'AU' (African Union)?")]),
    ("groupings: [Hanseatic League]",
     [(4, 13, "grouping", "'Hanseatic League' is not in the list of regional bodies")]),
])
def test_grouping_rule(check, groupings_line, expected):
    assert brief(check(case_text(replace=("countries: [ZA]", groupings_line)))) == expected


def test_a_case_needs_countries_or_a_regional_body(check):
    text = case_text(replace=("countries: [ZA]\n", ""))
    assert brief(check(text)) == [(2, 1, "required", "the required field 'countries' is missing")]


def test_the_regional_bodies_vocabulary():
    bodies = vocabularies.groupings()
    assert {"ASEAN", "AU", "CARICOM", "CIS", "EU", "PIF", "SICA"} <= set(bodies)
    caricom = bodies["CARICOM"]
    assert (caricom.slug, caricom.name, len(caricom.members)) == (
        "caricom", "Caribbean Community", 15)
    assert vocabularies.members_of("CARICOM") == caricom.members
    assert (len(bodies["AU"].members), len(bodies["EU"].members)) == (55, 27)
    slugs = [b.slug for b in bodies.values()]
    assert len(set(slugs)) == len(slugs)
    for body in bodies.values():
        assert all(countries.is_valid(c) and "-" not in c for c in body.members), body.key
        assert list(body.members) == sorted(set(body.members)), body.key
        assert body.key == body.key.upper() and body.source.startswith("http"), body.key
    names = [groupings.key_for(n) for b in bodies.values() for n in (b.key, b.name, *b.names)]
    assert None not in names  # and no name is shared by two bodies:
    assert names == [b.key for b in bodies.values() for _ in range(2 + len(b.names))]


def test_a_case_covers_its_bodies_members_in_its_regions():
    case = Case.from_data("labs", "labs.md", {
        "title": "Labs", "summary": "x" * 20, "groupings": ["PIF"], "themes": ["health"],
        "sdgs": [16], "source": {"body": "UN", "title": "Report"}, "added": "2024-05-01"}, "")
    assert case.countries == () and case.groupings == ("PIF",)
    assert case.places == vocabularies.members_of("PIF")
    assert case.regions == ("Oceania",)
    assert case.subregions == ("Australia and New Zealand", "Melanesia", "Micronesia",
                               "Polynesia")


def test_bodies_covered_by_a_list_of_countries():
    caricom = list(vocabularies.members_of("CARICOM"))
    assert [g.key for g in groupings.covered(caricom)] == ["CARICOM"]  # not OECS within it
    assert [g.key for g in groupings.covered(vocabularies.members_of("OECS"))] == ["OECS"]
    without_jamaica = [c for c in caricom if c != "JM"]
    assert [g.key for g in groupings.covered(without_jamaica)] == ["OECS"]
    assert groupings.covered(["KZ", "UA-21"]) == []
