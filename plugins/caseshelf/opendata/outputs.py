"""Every open-data file a build publishes, by its path in the site: cases.json, cases.csv,
the data package, the schema, the Atom feed, a BibTeX entry per case and a cases.csv per
country. The plugin registers them; nothing here knows MkDocs."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from importlib import resources

from ..cases import citation
from ..cases.model import Case
from ..cases.text import country_of, title_order
from . import exports

# The files the download page lists, with their size and checksum.
PUBLISHED = ("cases.json", "cases.csv", "datapackage.json", "feed.xml",
             "schema/case.schema.json")


def open_data(cases: Sequence[Case], url_of: Callable[[Case, str], str], *, site_name: str,
              licence: str, site_url: str, languages: Sequence[str] = ("en",),
              feed_title: Callable[[str], str] | None = None) -> dict[str, str]:
    """{path in the site: content}. `site_url` ends with '/' or is empty. `url_of(case,
    language)` is a case's page in one of the site's `languages`, the first of which is the
    default (its pages are at the root): the data files link to the default language's
    pages, and each language has its Atom feed, `feed.xml` for the default and
    `<language>/feed.xml` for the others, titled `feed_title(language)` (the site's name
    unless given)."""
    default = languages[0]

    def url(case: Case) -> str:
        return url_of(case, default)

    bodies = sorted({case.source.body for case in cases})
    schema = resources.files("caseshelf").joinpath("schema", "case.schema.json")
    outputs = {
        "cases.json": exports.cases_json(cases, url, licence),
        "cases.csv": exports.cases_csv(cases, url),
        "datapackage.json": exports.datapackage(site_name, licence, bodies),
        "schema/case.schema.json": schema.read_text(encoding="utf-8"),
    }
    for language in dict.fromkeys(languages):
        path = feed_path(language, default)
        feed_id = site_url + path if site_url else \
            f"urn:caseshelf:{site_name}" + ("" if language == default else f":{language}")
        outputs[path] = exports.atom_feed(
            cases, lambda case, language=language: url_of(case, language),
            title=feed_title(language) if feed_title else site_name, site_url=site_url,
            feed_id=feed_id.replace(" ", "-"), language=language, path=path)
    for case in cases:
        outputs[f"cases/{case.slug}.bib"] = citation.bibtex(case, site_url + url(case),
                                                            site_name)
    for code, members in by_country(cases).items():
        outputs[f"countries/{code.lower()}/cases.csv"] = exports.cases_csv(members, url)
    return outputs


def feed_path(language: str, default: str) -> str:
    """Where the Atom feed of a site language is: feed.xml for the default language,
    <language>/feed.xml for the others."""
    return "feed.xml" if language == default else f"{language}/feed.xml"


def by_country(cases: Sequence[Case]) -> dict[str, list[Case]]:
    """Each country's cases (its subdivisions' too), each case once, in listing order."""
    grouped: dict[str, list[Case]] = {}
    for case in sorted(cases, key=title_order):
        for code in dict.fromkeys(country_of(c) for c in case.places):  # bodies: members
            grouped.setdefault(code, []).append(case)
    return grouped
