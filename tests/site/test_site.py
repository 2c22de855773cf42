"""Real sites built in tmp_path: every case on every facet page, pagination, related cases,
matchmaking, no off-site requests and failing on invalid cases. Reproducible output is
tested in test_reproducible.py."""

from __future__ import annotations

import re
import sys

import pytest
from mkdocs.exceptions import Abort

from caseshelf.cases import checker
from caseshelf.site import pages
from caseshelf.site.facets import build_facets
from support.sitebuild import ROOT, build_site, page

sys.path.insert(0, str(ROOT / "scripts"))
import make_cases  # noqa: E402

pytestmark = pytest.mark.build

CORPUS = ROOT / "cases"


@pytest.fixture(scope="module")
def corpus_site(tmp_path_factory):
    return build_site(tmp_path_factory.mktemp("corpus"), CORPUS)


@pytest.fixture(scope="module")
def corpus_cases():
    return checker.check_paths([CORPUS]).cases


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory):
    """130 generated cases, built with 10 cases a page so listings paginate."""
    folder = tmp_path_factory.mktemp("synthetic")
    make_cases.write_cases(130, folder / "cases", seed=5)
    site = build_site(folder, folder / "cases", page_size=10)
    return site, checker.check_paths([folder / "cases"]).cases


def links(html: str) -> set[str]:
    return set(re.findall(r'href="([^"]+)"', html))


def test_every_case_has_its_page(corpus_site, corpus_cases):
    for case in corpus_cases:
        html = page(corpus_site, f"cases/{case.slug}")
        assert f"<h1>{case.title}</h1>".replace("'", "&#39;") in html or case.title in html
        for section in ("Challenge", "Innovation", "Results", "Lessons learned"):
            assert f">{section}<" in html


def test_every_case_is_listed_on_every_facet_page_it_belongs_to(synthetic):
    site, cases = synthetic
    facets = build_facets(cases)
    for facet in (f for f in facets.values() if f.spec.pages):
        for value in facet.values:
            uris = pages.listing_uris(facet.name, value.key, -(-len(value.cases) // 10) or 1)
            listed = set()
            for uri in uris:
                html = page(site, uri.removesuffix(".md"))
                listed |= {href.split("/cases/")[-1].strip("/") for href in links(html)
                           if "cases/" in href and "cs-title" in html}
            wanted = {case.slug for case in value.cases}
            assert wanted <= listed, (facet.name, value.key)
    # and the other way round: a case's own facets all list it
    one = cases[0]
    for code in one.countries:
        assert f"cases/{one.slug}/" in "".join(
            page(site, uri.removesuffix(".md"))
            for uri in pages.listing_uris("countries", code.split("-")[0].lower(), 20)
            if (site / uri.removesuffix(".md") / "index.html").exists())


def test_page_counts(synthetic):
    site, cases = synthetic
    facets = [f for f in build_facets(cases).values() if f.spec.pages]
    listing_pages = sum(-(-len(v.cases) // 10) or 1 for f in facets for v in f.values)
    # case, listing and index pages; explore, map, matchmaking, download; and the docs pages
    # (home, contribute, import, about, data)
    expected = len(cases) + listing_pages + len(facets) + 4 + 5
    built = [p for p in site.rglob("index.html")]
    assert len(built) == expected
    assert len(list((site / "cases").glob("*/index.html"))) == len(cases)


def test_pagination(synthetic):
    site, cases = synthetic
    facets = build_facets(cases)
    big = max(facets["themes"].values, key=lambda v: len(v.cases))
    count = -(-len(big.cases) // 10)
    assert count >= 2
    first = page(site, f"themes/{big.key}")
    assert f"page 1 of {count}" in first and 'rel="next" href="page/2/"' in first
    second = page(site, f"themes/{big.key}/page/2")
    assert 'rel="prev" href="../../"' in second
    last = page(site, f"themes/{big.key}/page/{count}")
    assert 'rel="next"' not in last
    assert not (site / f"themes/{big.key}/page/{count + 1}").exists()
    titles = [re.findall(r'class="cs-title"[^>]*>([^<]+)<', page(site, uri.removesuffix(".md")))
              for uri in pages.listing_uris("themes", big.key, count)]
    flat = [t for chunk in titles for t in chunk]
    assert len(flat) == len(big.cases) and all(len(chunk) <= 10 for chunk in titles)
    assert flat == [c.title for c in big.cases]  # sorted by title across pages


def test_related_cases_share_something(synthetic):
    site, cases = synthetic
    by_slug = {c.slug: c for c in cases}
    for case in cases[:40]:
        html = page(site, f"cases/{case.slug}")
        section = html.split('id="related"')[1]
        slugs = re.findall(r'href="\.\./([^/"]+)/"', section)
        assert len(slugs) >= 3
        for slug in slugs[:3]:
            other = by_slug[slug]
            assert (set(other.themes) & set(case.themes) or set(other.goals) & set(case.goals)
                    or set(other.subregions) & set(case.subregions)), (case.slug, slug)


def test_matchmaking_page_matches_seed_004(corpus_site):
    html = page(corpus_site, "matchmaking")
    rows = {re.sub(r"<[^>]+>", "", m[0]): m[1] for m in
            re.findall(r"<tr><td>(.*?)</td>(.*?)</tr>", html, re.S)}
    assert len(rows) == 10
    assert "Rapid Digitization" in rows
    row = rows["Rapid Digitization"]
    for name in ("Bangladesh", "Kazakhstan", "Philippines", "Thailand", "Russian Federation",
                 "Zakarpattia Oblast (Ukraine)"):
        assert name in row
    kz = page(corpus_site, "countries/kz")
    assert "Practices this country shares" in kz and "Practices this country wants to adapt" in kz
    wants = kz.split('id="wants"')[1]
    assert wants.count("<li>") == 10  # Kazakhstan asked for every practice in the table
    ru = page(corpus_site, "countries/ru")  # a country that only asked to adapt has a page
    assert "Lagos State Employment Trust Fund" in ru


def test_nothing_is_requested_from_another_site(corpus_site):
    for html_file in corpus_site.rglob("*.html"):
        html = html_file.read_text(encoding="utf-8")
        for tag, attr in (("script", "src"), ("link", "href"), ("img", "src")):
            for url in re.findall(rf"<{tag}\b[^>]*\b{attr}=\"([^\"]+)\"", html):
                assert not re.match(r"(https?:)?//", url), (html_file, url)
    assert not list(corpus_site.rglob("*.map"))


def test_case_pages_stay_small(corpus_site):
    import gzip

    sizes = {p.parent.name: len(gzip.compress(p.read_bytes(), 9))
             for p in (corpus_site / "cases").glob("*/index.html")}
    assert max(sizes.values()) <= 6 * 1024, sizes


def test_home_page(corpus_site, corpus_cases):
    html = page(corpus_site, "")
    assert f"<strong>{len(corpus_cases)}</strong> cases" in html
    with_cases = {code.split("-")[0] for case in corpus_cases for code in case.countries}
    assert f"<strong>{len(with_cases)}</strong> countries" in html
    assert html.count('class="cs-tiles"') == 1 and html.count("#E5243B") >= 1
    assert '<svg class="cs-bars"' in html and "Africa" in html


def assert_links_resolve(html_files):
    for html_file in html_files:
        for href in links(html_file.read_text(encoding="utf-8")):
            if re.match(r"(https?:|mailto:|#)", href):
                continue
            target = (html_file.parent / href.split("#")[0]).resolve()
            if target.is_dir():
                target = target / "index.html"
            assert target.exists(), (html_file, href)


@pytest.mark.parametrize("use_directory_urls", [True, False])
def test_links_resolve_with_and_without_directory_urls(tmp_path, use_directory_urls):
    site = build_site(tmp_path, CORPUS, use_directory_urls=use_directory_urls)
    assert_links_resolve(p for p in site.rglob("*.html") if p.name != "404.html")


def test_links_resolve_on_paginated_listings(synthetic):
    site, _ = synthetic
    assert_links_resolve(site.glob("*/*/page/*/index.html"))
    assert_links_resolve(site.glob("countries/*/index.html"))


def test_an_invalid_case_fails_the_build_naming_file_and_line(tmp_path, caplog):
    bad = (CORPUS / "india-project-rangeet.md").read_text(encoding="utf-8").replace(
        "countries: [IN]", "countries: [India Republic]")
    with pytest.raises(Abort):
        build_site(tmp_path, {"india-project-rangeet.md": bad})
    errors = [r.getMessage() for r in caplog.records if r.levelname == "ERROR"]
    assert len(errors) == 1
    assert "1 error(s) in case files; nothing was built:" in errors[0]
    assert ("cases/india-project-rangeet.md:6:13: error: 'India Republic' is a name, not an "
            "ISO 3166 country code; did you mean 'IN' (India)? [country]") in errors[0]
    assert not (tmp_path / "site" / "cases").exists()
    for record in caplog.records:
        record.expected = True


def test_warnings_fail_a_strict_build(tmp_path, caplog):
    text = (CORPUS / "india-project-rangeet.md").read_text(encoding="utf-8").replace(
        "## Results", "## Outcomes")
    with pytest.raises(Abort):
        build_site(tmp_path, {"india-project-rangeet.md": text}, strict=True)
    messages = [r for r in caplog.records if "missing-section" in r.getMessage()]
    assert messages
    for record in caplog.records:
        record.expected = True


def test_edit_link_and_licence(tmp_path):
    site = build_site(tmp_path, CORPUS, extra="repo_url: https://example.org/shelf\n"
                                             "edit_uri: edit/trunk/docs/\n")
    html = page(site, "cases/india-project-rangeet")
    assert ('<a class="cs-edit" href="https://example.org/shelf/edit/trunk/cases/'
            'india-project-rangeet.md">Edit this case</a>') in html
    assert "may be reused under CC-BY-4.0" in html
    assert "cs-edit" not in page(build_site(tmp_path / "plain", CORPUS),
                                 "cases/india-project-rangeet")


def test_map_page_is_lean_and_links_countries(corpus_site):
    import gzip

    html = page(corpus_site, "map")
    assert len(gzip.compress(html.encode("utf-8"), 9)) <= 80 * 1024
    assert 'href="../countries/kz/"' in html and "<script" not in html.split("<svg")[1]


def test_dirty_rebuild_touches_only_the_edited_case(tmp_path, caplog):
    import os
    import time

    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    site = build_site(tmp_path, CORPUS)
    edited = tmp_path / "cases" / "india-project-rangeet.md"
    other = site / "cases" / "nepal-glocal-teen-hero" / "index.html"
    before = other.stat().st_mtime_ns
    time.sleep(0.05)
    edited.write_text(edited.read_text(encoding="utf-8") + "\nA sentence added in review.\n",
                      encoding="utf-8")
    os.utime(edited)
    config = load_config(config_file=str(tmp_path / "mkdocs.yml"))
    config.plugins.on_startup(command="serve", dirty=True)
    build(config, dirty=True)
    config.plugins.on_shutdown()
    assert "A sentence added in review." in page(site, "cases/india-project-rangeet")
    assert other.stat().st_mtime_ns == before
    for record in caplog.records:  # MkDocs warns that a dirty build is for development only;
        # the case's translations are now older than it, which the validator says
        message = record.getMessage()
        record.expected = "'dirty' build" in message or "[stale-translation]" in message
