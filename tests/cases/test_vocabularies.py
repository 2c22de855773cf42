"""The data files: complete, consistent with ISO and the schema, and loaded as documented."""

from __future__ import annotations

import pycountry
from jsonschema import Draft7Validator

from caseshelf.cases import countries, rules, vocabularies
from caseshelf.cases.model import Case


def test_every_iso_country_has_an_m49_placement():
    regions = vocabularies.regions()
    assert set(regions) == {c.alpha_2 for c in pycountry.countries} | {"XK"}
    placed = {code for code, r in regions.items() if r.region}
    assert set(regions) - placed == {"AQ"}  # M49 gives Antarctica no region
    assert {r.region for r in regions.values()} == {"", "Africa", "Americas", "Asia", "Europe",
                                                     "Oceania"}
    assert regions["VN"].subregion == "South-eastern Asia"
    assert regions["FJ"].subregion == "Melanesia"
    assert vocabularies.region_of("UA-21").subregion == "Eastern Europe"


def test_sdg_goals_and_the_169_targets():
    goals = vocabularies.goals()
    assert sorted(goals) == list(range(1, 18))
    assert all(g.colour.startswith("#") and len(g.colour) == 7 for g in goals.values())
    assert len(vocabularies.targets()) == 169
    assert goals[17].targets[-1] == "17.19" and "16.10" in goals[16].targets


def test_theme_slugs_are_slugs():
    assert all(rules.SLUG.match(slug) for slug in vocabularies.themes())


def test_schema_is_valid_and_every_field_is_documented():
    schema = vocabularies.schema()
    Draft7Validator.check_schema(schema)
    assert schema["additionalProperties"] is False
    for name, field in schema["properties"].items():
        assert field.get("description") or name == "url", name


def test_every_alias_resolves_to_a_valid_code():
    for name, code in vocabularies.country_aliases().items():
        assert countries.is_valid(code), name
        assert countries.code_for(name) == code


def test_matchmaking_table_of_seed_004():
    """The sample cases carry the SSN4PSI table: who shares what, and who asked to adapt it."""
    from caseshelf.cases import checker
    from support.samples import ROOT

    cases = {c.slug: c for c in checker.check_paths([ROOT / "cases"]).cases}
    assert len(cases) >= 15
    expected = {
        "kazakhstan-access-to-public-services": ("KZ", {"KZ", "PH", "TH"}),
        "bangladesh-rapid-digitization": ("BD", {"PH", "TH", "KZ", "RU", "UA-21"}),
        "georgia-e-governance-service-delivery": ("GE", {"FR", "KZ", "NP", "TH", "PH"}),
        "bosnia-herzegovina-common-assessment-framework": ("BA", {"FR", "BA", "KZ", "UA-21"}),
        "lagos-state-employment-trust-fund": ("NG-LA", {"KZ", "RU"}),
        "bangladesh-nationwide-telehealth": ("BD", {"KZ", "UA-21"}),
        "india-project-rangeet": ("IN", {"KZ", "TH", "RU", "BA"}),
        "bangladesh-blended-training": ("BD", {"UA-21", "IN", "KZ", "NP", "TH"}),
        "nepal-glocal-teen-hero": ("NP", {"KZ", "IN", "TH", "PH"}),
        "fiji-pidf-productivity": ("FJ", {"KZ", "RU", "UA-21", "TH", "PH"}),
    }
    for slug, (country, interested) in expected.items():
        case: Case = cases[slug]
        assert case.countries == (country,), slug
        assert set(case.interested_countries) == interested, slug
    assert cases["lagos-state-employment-trust-fund"].regions == ("Africa",)
