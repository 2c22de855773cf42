"""How a case is described to machines and cited by people: schema.org JSON-LD, a citation
line and a BibTeX entry, all from the case's metadata. Nothing here knows MkDocs."""

from __future__ import annotations

import re

from . import countries, vocabularies
from .model import Case

LICENCE_URLS = {
    "CC-BY-4.0": "https://creativecommons.org/licenses/by/4.0/",
    "CC-BY-SA-4.0": "https://creativecommons.org/licenses/by-sa/4.0/",
    "CC0-1.0": "https://creativecommons.org/publicdomain/zero/1.0/",
}
_BIBTEX_SPECIAL = re.compile(r"([&%$#_{}])")


def json_ld(case: Case, url: str, site_name: str, licence: str) -> dict:
    """A schema.org Article for the case page."""
    goals = vocabularies.goals()
    themes = vocabularies.themes()
    source = {"@type": "CreativeWork", "name": case.source.title,
              "publisher": {"@type": "Organization", "name": case.source.body}}
    if case.source.url:
        source["url"] = case.source.url
    data = {
        "@context": "https://schema.org",
        "@type": "Article",
        "headline": case.title,
        "description": case.summary,
        "url": url,
        "datePublished": case.added.isoformat(),
        "inLanguage": case.language,
        "spatialCoverage": [{"@type": "Place", "name": countries.name_of(code)}
                            for code in case.countries],
        "about": [{"@type": "Thing", "name": themes[slug].label} for slug in case.themes]
        + [{"@type": "Thing", "name": f"SDG {n}: {goals[n].name}"} for n in case.goals],
        "isBasedOn": source,
        "license": LICENCE_URLS.get(licence, licence),
        "publisher": {"@type": "Organization", "name": site_name},
    }
    if case.year:
        data["temporalCoverage"] = f"{case.year}/.."
    return data


def citation(case: Case, url: str, site_name: str) -> str:
    """A short citation a person can paste: who, what, where, when, and the address."""
    return (f"{case.source.body}. \u201c{case.title}\u201d. In: {site_name}, case study, "
            f"added {case.added.isoformat()}. {url}")


def _bib(text: str) -> str:
    text = text.replace("\\", r"\textbackslash{}")
    return _BIBTEX_SPECIAL.sub(r"\\\1", text).replace("~", r"\textasciitilde{}")


def bibtex(case: Case, url: str, site_name: str) -> str:
    """A BibTeX @misc entry; the publishing body is a corporate author, braced whole."""
    key = "caseshelf-" + case.slug
    fields = [
        ("title", _bib(case.title)),
        ("author", "{" + _bib(case.source.body) + "}"),
        ("howpublished", _bib(site_name)),
        ("year", str(case.added.year)),
        ("url", url),
        ("note", _bib(f"Case study based on: {case.source.title}")),
    ]
    body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields)
    return f"@misc{{{key},\n{body}\n}}\n"


def case_metadata(case: Case, url: str, site_name: str, licence: str) -> dict:
    """What a case page shows and embeds about itself, for the template."""
    return {"json_ld": json_ld(case, url, site_name, licence),
            "citation": citation(case, url, site_name),
            "bibtex": bibtex(case, url, site_name)}
