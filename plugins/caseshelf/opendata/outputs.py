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


def open_data(cases: Sequence[Case], url_of: Callable[[Case], str], *, site_name: str,
              licence: str, site_url: str) -> dict[str, str]:
    """{path in the site: content}. `site_url` ends with '/' or is empty."""
    bodies = sorted({case.source.body for case in cases})
    schema = resources.files("caseshelf").joinpath("schema", "case.schema.json")
    feed_id = site_url + "feed.xml" if site_url else f"urn:caseshelf:{site_name}"
    outputs = {
        "cases.json": exports.cases_json(cases, url_of, licence),
        "cases.csv": exports.cases_csv(cases, url_of),
        "datapackage.json": exports.datapackage(site_name, licence, bodies),
        "schema/case.schema.json": schema.read_text(encoding="utf-8"),
        "feed.xml": exports.atom_feed(cases, url_of, title=site_name, site_url=site_url,
                                      feed_id=feed_id.replace(" ", "-")),
    }
    for case in cases:
        outputs[f"cases/{case.slug}.bib"] = citation.bibtex(case, site_url + url_of(case),
                                                            site_name)
    for code, members in by_country(cases).items():
        outputs[f"countries/{code.lower()}/cases.csv"] = exports.cases_csv(members, url_of)
    return outputs


def by_country(cases: Sequence[Case]) -> dict[str, list[Case]]:
    """Each country's cases (its subdivisions' too), each case once, in listing order."""
    grouped: dict[str, list[Case]] = {}
    for case in sorted(cases, key=title_order):
        for code in dict.fromkeys(country_of(c) for c in case.places):  # bodies: members
            grouped.setdefault(code, []).append(case)
    return grouped
