"""The whole pipeline, property-based: any set of valid cases, however awkward their text,
builds into a real site, and each case is listed on every facet page it belongs to, shown
under its own title, and published in cases.json as written.

Each example is one real MkDocs build of one to five cases drawn by `valid_case_files`
(test_properties.py), so the examples are few; the expected pages are worked out from the
drawn front-matter and the vocabularies, not from the site's own facet code.
"""

from __future__ import annotations

import json
import re
import tempfile
import unicodedata
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, Phase, given, settings
from markupsafe import escape

from caseshelf.cases import vocabularies
from caseshelf.cases.text import slugify, unique_slugs
from support.sitebuild import build_site, page
from support.strategies import assert_valid, valid_case_files

pytestmark = pytest.mark.build
RIGHT_TO_LEFT = {"ar", "he", "fa", "ur"}  # of the languages the strategies draw


def source_name(data: dict) -> str:
    """A source's name as its page's key is made from it: without case or extra spaces."""
    return " ".join(unicodedata.normalize("NFKC", data["source"]["body"]).casefold().split())


def facet_pages(data: dict, source_keys: dict[str, str]) -> set[str]:
    """The browse pages (by directory URL) that must list a case with this front-matter;
    `source_keys` is unique_slugs() of the build's source names."""
    bodies = [vocabularies.groupings()[key] for key in data.get("groupings", [])]
    countries = {code.split("-")[0] for code in data.get("countries", [])}
    countries |= {code for body in bodies for code in body.members}
    wanted = {f"countries/{code.lower()}" for code in countries}
    wanted |= {f"groupings/{body.slug}" for body in bodies}
    for code in countries:
        region = vocabularies.region_of(code)
        wanted |= {f"regions/{slugify(name)}" for name in (region.region, region.subregion)
                   if region and name}
    wanted |= {f"themes/{theme}" for theme in data["themes"]}
    wanted |= {f"sdgs/{str(sdg).split('.')[0]}" for sdg in data["sdgs"]}
    if "year" in data:
        wanted.add(f"years/{data['year']}")
    if "level_of_government" in data:
        wanted.add(f"levels/{data['level_of_government']}")
    # a source's page: the slug of its name, two names that share a slug in one build told
    # apart (drawn names such as 'é' and 'e ^' do)
    wanted.add(f"sources/{source_keys[source_name(data)]}")
    return wanted


def links_to(html: str, slug: str) -> bool:
    return re.search(rf'href="(\.\./)*cases/{re.escape(slug)}/"', html) is not None


# Every example is a real build, so a failing one is reported as drawn, not shrunk
# (shrinking would rebuild hundreds of sites).
@settings(max_examples=10, deadline=None, phases=[Phase.explicit, Phase.reuse, Phase.generate],
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(valid_case_files(max_cases=5))
def test_valid_cases_build_and_appear_on_each_of_their_pages(files):
    with tempfile.TemporaryDirectory() as folder:
        folder = Path(folder)
        (folder / "checked").mkdir()
        for name, text in files.items():
            assert_valid(folder / "checked", name, text)
        site = build_site(folder / "build", files)
        published = json.loads((site / "cases.json").read_text(encoding="utf-8"))
        records = {record["slug"]: record for record in published["cases"]}
        source_keys = unique_slugs({source_name(yaml.safe_load(text.split("---\n")[1]))
                                    for text in files.values()})
        assert sorted(records) == sorted(name.removesuffix(".md") for name in files)
        for name, text in files.items():
            slug = name.removesuffix(".md")
            data = yaml.safe_load(text.split("---\n")[1])
            for uri in sorted(facet_pages(data, source_keys)):
                assert links_to(page(site, uri), slug), (uri, slug)
            for code in data.get("interested_countries", []):  # "wants to adapt" on theirs
                assert links_to(page(site, f"countries/{code.split('-')[0].lower()}"), slug)
            heading = re.search(r"<h1( lang=\"([^\"]+)\")?( dir=\"([a-z]+)\")?>(.*?)</h1>",
                                page(site, f"cases/{slug}"))
            assert heading and heading[5] == escape(data["title"]), slug
            language = data.get("language", "en")
            assert heading[2] == (language if language.lower() != "en" else None), slug
            # WCAG 3.1.2: text in another language; laid out right to left when it is written so
            assert heading[4] == ("rtl" if language.split("-")[0] in RIGHT_TO_LEFT else None), slug
            record = records[slug]
            assert record["title"] == data["title"]
            # runs of spaces and line breaks are one space; a no-break space is the writer's
            assert record["summary"] == re.sub(r"[ \t\r\n]+", " ", data["summary"]).strip(" ")
            assert record["countries"] == data["countries"]
            assert record["themes"] == data["themes"]
            assert record["sdgs"] == [str(sdg) for sdg in data["sdgs"]]
            assert record["source"]["body"] == data["source"]["body"]
            assert record["organisations"] == data.get("organisations", [])
