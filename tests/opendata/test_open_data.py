"""The collection as open data, checked with real parsers: frictionless, feedparser,
json, csv and bibtexparser."""

from __future__ import annotations

import csv
import io
import json
import re
import subprocess
import sys
from pathlib import Path

import bibtexparser
import feedparser
import pytest

from caseshelf.cases import checker, countries, translations
from caseshelf.opendata import exports
from support.sitebuild import ROOT, build_site, page

pytestmark = pytest.mark.build

CORPUS = ROOT / "cases"


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    return build_site(tmp_path_factory.mktemp("data"), CORPUS,
                      extra="site_url: https://cases.example.org/shelf/\n")


@pytest.fixture(scope="module")
def cases():
    return checker.check_paths([CORPUS]).cases


def test_counts_match_everywhere(site, cases):
    files = [path for path in CORPUS.glob("*.md") if not translations.is_translation(path)]
    data = json.loads((site / "cases.json").read_text(encoding="utf-8"))
    rows = list(csv.DictReader(io.StringIO((site / "cases.csv").read_text(encoding="utf-8-sig"))))
    pages = list((site / "cases").glob("*/index.html"))
    assert len(files) == len(cases) == len(pages) == data["count"] == len(data["cases"]) \
        == len(rows) == len(list((site / "cases").glob("*.bib")))
    assert data["schema_version"] == exports.SCHEMA_VERSION


def test_json_has_every_field_and_the_derived_ones(site, cases):
    data = json.loads((site / "cases.json").read_text(encoding="utf-8"))
    lagos = next(r for r in data["cases"] if r["slug"] == "lagos-state-employment-trust-fund")
    assert lagos["countries"] == ["NG-LA"] and lagos["regions"] == ["Africa"]
    assert lagos["url"] == "cases/lagos-state-employment-trust-fund/"
    assert set(lagos["interested_countries"]) == {"KZ", "RU"}
    assert lagos["source"]["body"].startswith("South-South Network")
    fields = set(json.loads((site / "schema" / "case.schema.json").read_text())["properties"])
    assert fields <= set(lagos) | {"source"}


def test_csv_round_trips_to_the_json(site):
    data = {r["slug"]: r for r in json.loads((site / "cases.json").read_text())["cases"]}
    for row in csv.DictReader(io.StringIO((site / "cases.csv").read_text(encoding="utf-8-sig"))):
        record = data[row["slug"]]
        assert row["title"] == record["title"] and row["summary"] == record["summary"]
        assert row["countries"].split(";") == record["countries"]
        assert row["sdgs"].split(";") == record["sdgs"]
        assert row["added"] == record["added"]
        assert row["source_body"] == record["source"]["body"]


def test_frictionless_validates_the_data_package(site):
    frictionless = Path(sys.executable).parent / "frictionless"
    result = subprocess.run([str(frictionless), "validate", "datapackage.json"], cwd=site,
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "VALID" in result.stdout and "INVALID" not in result.stdout


def test_the_schema_is_published_unchanged(site):
    published = site / "schema" / "case.schema.json"
    assert published.read_bytes() == (ROOT / "plugins" / "caseshelf" / "schema" /
                                      "case.schema.json").read_bytes()


def test_atom_feed(site, cases):
    feed = feedparser.parse((site / "feed.xml").read_bytes())
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.version == "atom10"
    assert len(feed.entries) == min(len(cases), exports.FEED_SIZE)
    ids = [entry.id for entry in feed.entries]
    assert len(set(ids)) == len(ids)
    first = feed.entries[0]
    assert first.link.startswith("https://cases.example.org/shelf/cases/")
    assert first.summary and {t.term for t in first.tags}
    assert [e.updated for e in feed.entries] == sorted((e.updated for e in feed.entries),
                                                      reverse=True)


def test_every_page_links_the_feed(site):
    for html in list(site.rglob("index.html"))[:50]:
        text = html.read_text(encoding="utf-8")
        assert re.search(r'<link rel="alternate feed" type="application/atom\+xml"[^>]*'
                         r'feed\.xml', text), html


def test_case_pages_carry_json_ld_and_open_graph(site, cases):
    for case in cases:
        html = page(site, f"cases/{case.slug}")
        blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
        assert len(blocks) == 1
        data = json.loads(blocks[0])
        assert data["@type"] == "Article" and data["headline"] == case.title
        assert data["datePublished"] == case.added.isoformat()
        assert [p["name"] for p in data["spatialCoverage"]] == [
            countries.name_of(code) for code in case.countries]
        assert data["isBasedOn"]["publisher"]["name"] == case.source.body
        assert data["license"] == "https://creativecommons.org/licenses/by/4.0/"
        assert any(a["name"].startswith("SDG ") for a in data["about"])
        assert data["url"] == f"https://cases.example.org/shelf/cases/{case.slug}/"
        assert '<meta property="og:type" content="article">' in html
        assert f'<meta name="description" content="{case.summary[:40]}' in html.replace(
            "&#39;", "'").replace("&quot;", '"')


def test_bibtex_entries_parse(site, cases):
    for case in cases:
        text = (site / "cases" / f"{case.slug}.bib").read_text(encoding="utf-8")
        library = bibtexparser.parse_string(text)
        assert not library.failed_blocks
        (entry,) = library.entries
        assert entry.entry_type == "misc" and entry.key == f"caseshelf-{case.slug}"
        assert entry["title"] == case.title.replace("&", r"\&")
        assert entry["url"] == f"https://cases.example.org/shelf/cases/{case.slug}/"
        assert page(site, f"cases/{case.slug}").count("@misc{caseshelf-") == 1


def test_bibtex_escapes_special_characters(tmp_path):
    from caseshelf.cases import citation

    case = next(c for c in checker.check_paths([CORPUS]).cases)
    odd = type(case)(**{**vars(case), "title": "R&D {labs} at 100% for #1 $"})
    library = bibtexparser.parse_string(citation.bibtex(odd, "https://x.org/", "Shelf"))
    assert not library.failed_blocks
    assert library.entries[0]["title"] == r"R\&D \{labs\} at 100\% for \#1 \$"


def test_country_pages_link_their_cases_as_csv(site, cases):
    html = page(site, "countries/bd")
    assert 'href="cases.csv"' in html
    rows = list(csv.DictReader(io.StringIO(
        (site / "countries" / "bd" / "cases.csv").read_text(encoding="utf-8-sig"))))
    assert sorted(r["slug"] for r in rows) == sorted(c.slug for c in cases if "BD" in c.countries)


def test_download_page_lists_the_open_data_with_checksums(site):
    import hashlib

    html = page(site, "download")
    for name in ("cases.json", "cases.csv", "datapackage.json", "feed.xml"):
        data = (site / name).read_bytes()
        assert f'<a href="../{name}">{name}</a>' in html
        assert f"{len(data):,} bytes" in html and hashlib.sha256(data).hexdigest() in html


def test_the_data_docs_describe_every_column_and_field():
    text = (ROOT / "docs" / "data.md").read_text(encoding="utf-8")
    for name, kind, _ in exports.COLUMNS:
        assert f"| `{name}` | {kind} |" in text, name
    record = exports.record(checker.check_paths([CORPUS]).cases[0], "cases/x/")
    for key in record:
        assert f'"{key}"' in text, key
    assert f'"schema_version": "{exports.SCHEMA_VERSION}"' in text
