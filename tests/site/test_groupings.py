"""A case can name a regional body instead of its members: the body has a page listing its
cases and its members, each member's country page lists the case, the map counts it once
for each member, and the matchmaking table names the body."""

from __future__ import annotations

import re

import pytest

from caseshelf.cases import vocabularies
from support.samples import case_text
from support.sitebuild import build_site, page

pytestmark = pytest.mark.build
MEMBERS = vocabularies.members_of("CARICOM")


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    body_only = case_text("groupings: [CARICOM]\ninterested_countries: [FJ]\n",
                          replace=("countries: [ZA]\n", "")).replace(
        "title: Community feedback kiosks", "title: Caribbean feedback kiosks")
    return build_site(tmp_path_factory.mktemp("bodies"), {
        "caribbean.md": body_only, "south-africa.md": case_text()})


def test_the_body_has_a_page_with_its_cases_and_members(site):
    body = vocabularies.groupings()["CARICOM"]
    listing = page(site, f"groupings/{body.slug}")
    assert f'<h1 dir="auto">{body.name}</h1>' in listing
    assert re.findall(r'class="cs-title" href="../../cases/([^/]+)/"', listing) == ["caribbean"]
    members = re.search(r"<p>Members \((\d+)\): (.*?)\.</p>", listing)
    assert int(members[1]) == len(MEMBERS)
    linked = re.findall(r'href="../../countries/([a-z]+)/"', members[2])
    assert linked == [code.lower() for code in MEMBERS]


def test_every_member_country_lists_the_case_and_the_map_counts_it(site):
    for code in MEMBERS:
        listing = page(site, f"countries/{code.lower()}")
        assert 'href="../../cases/caribbean/"' in listing, code
    table = dict(re.findall(r'<tr><td><a [^>]+>([^<]+)</a></td><td>(\d+)</td></tr>',
                            page(site, "map")))
    assert len(table) == len(MEMBERS) + 1  # and South Africa
    assert all(n == "1" for n in table.values())


def test_the_case_page_and_matchmaking_name_the_body(site):
    case = page(site, "cases/caribbean")
    assert re.search(r"<dt>Regional bodies</dt><dd><a href=\"../../groupings/caricom/\">"
                     r"[^<]+</a> <span class=\"cs-region\">\(15 members\)</span></dd>", case)
    assert "<dt>Countries</dt>" not in case
    row = re.search(r'<tr><td><a href="../cases/caribbean/">.*?</tr>', page(site, "matchmaking"))
    assert 'href="../groupings/caricom/"' in row[0] and 'href="../countries/fj/"' in row[0]
