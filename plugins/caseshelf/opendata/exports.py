"""The collection as open data: cases.json, cases.csv, a Frictionless data package, and the
Atom feed. Written by the plugin on every build. Nothing here knows MkDocs.

`cases.json` has a versioned shape (SCHEMA_VERSION): add fields in a minor version, and
bump the major version for anything that could break a reader.

`cases.csv` is made to be opened in a spreadsheet: it starts with a UTF-8 signature (so
Excel reads Arabic, Chinese or Cyrillic text as UTF-8, not in the computer's legacy code
page), and a cell that a spreadsheet would run as a formula is neutralised as OWASP advises
against CSV injection (CWE-1236). cases.json keeps every text exactly as written.
"""

from __future__ import annotations

import csv
import io
import json
import re
import xml.etree.ElementTree as ET
from collections.abc import Callable, Sequence

from ..cases import countries, vocabularies
from ..cases.citation import LICENCE_URLS
from ..cases.model import Case, Translation

SCHEMA_VERSION = "1.3"  # 1.1: groupings; 1.2: translations; 1.3: body, links column
LIST_SEPARATOR = ";"
FEED_SIZE = 50
# OWASP, "CSV Injection": a cell that starts with = + - @, a tab or a carriage return is read
# as a formula. Such a cell gets a ' in front; so does one that already starts with ' and one
# of those, so that removing one leading ' always gives the text back exactly.
FORMULA_START = re.compile(r"'*[=+\-@\t\r]")
CSV_SIGNATURE = "\ufeff"  # the UTF-8 byte order mark, which spreadsheets take as "UTF-8"
CSV_ENCODING = "utf-8-sig"  # how datapackage.json names UTF-8 with that signature
ATOM = "http://www.w3.org/2005/Atom"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"

# (CSV column, Frictionless type, description); lists are joined with ";"
COLUMNS = [
    ("slug", "string", "The case's identifier; its page is cases/<slug>/."),
    ("url", "string", "The case's page, from the site root."),
    ("title", "string", "The name of the practice."),
    ("summary", "string", "One plain-text paragraph."),
    ("countries", "string", "ISO 3166 codes, separated by ';'."),
    ("groupings", "string", "Keys of the regional bodies the case names (CARICOM), "
                            "separated by ';'."),
    ("regions", "string", "UN M49 regions, derived from the countries and groupings."),
    ("subregions", "string", "UN M49 sub-regions, derived from the countries and groupings."),
    ("themes", "string", "Theme slugs."),
    ("sdgs", "string", "SDG goals (16) and targets (16.6)."),
    ("source_body", "string", "The organisation that published the source."),
    ("source_title", "string", "The source's title."),
    ("source_url", "string", "The source's address."),
    ("source_date", "string", "When the source was published (YYYY, YYYY-MM or YYYY-MM-DD)."),
    ("source_licence", "string", "The source's licence."),
    ("added", "date", "When the case was added to the collection."),
    ("year", "integer", "The year the practice started."),
    ("level_of_government", "string", "national, subnational, local, multilevel or "
                                      "supranational."),
    ("status", "string", "idea, pilot, implemented, scaled or discontinued."),
    ("organisations", "string", "Organisations running the practice."),
    ("innovation_facets", "string", "OECD OPSI innovation facets."),
    ("interested_countries", "string", "Countries that asked to learn from or adapt it."),
    ("adapted_in", "string", "Countries where it has been replicated."),
    ("tags", "string", "Free keywords."),
    ("language", "string", "BCP 47 language tag of the text."),
    ("awards", "string", "Awards received."),
    ("translations", "string", "The languages the case is translated into (BCP 47 tags), "
                               "separated by ';'."),
    ("links", "string", "Further links, each as 'Title <address>', separated by ';'."),
]


def ordered(cases: Sequence[Case]) -> list[Case]:
    return sorted(cases, key=lambda c: c.slug)


def record(case: Case, url: str) -> dict:
    """Every front-matter field of a case, plus what is derived: its URL and regions."""
    return {
        "slug": case.slug, "url": url, "title": case.title, "summary": case.summary,
        "countries": list(case.countries), "groupings": list(case.groupings),
        "regions": list(case.regions),
        "subregions": list(case.subregions), "themes": list(case.themes),
        "sdgs": list(case.sdgs),
        "source": {k: v for k, v in vars(case.source).items() if v is not None},
        "added": case.added.isoformat(), "year": case.year,
        "level_of_government": case.level_of_government, "status": case.status,
        "organisations": list(case.organisations),
        "innovation_facets": list(case.innovation_facets),
        "interested_countries": list(case.interested_countries),
        "adapted_in": list(case.adapted_in), "tags": list(case.tags),
        "language": case.language, "awards": list(case.awards),
        "links": [{"title": link.title, "url": link.url} for link in case.links],
        "translations": {t.language: translation_record(t) for t in case.translations},
        "body": case.body, "fields": list(case.written),
    }


def translation_record(translation: Translation) -> dict:
    """A translation's texts, as cases.json gives them under the case's `translations`."""
    return {"title": translation.title, "summary": translation.summary,
            "body": translation.body, "organisations": list(translation.organisations),
            "source_title": translation.source_title, "translator": translation.translator,
            "reviewed": translation.reviewed, "translated_from": translation.translated_from,
            "fields": list(translation.written)}


def cases_json(cases: Sequence[Case], url_of: Callable[[Case], str], licence: str) -> str:
    data = {"schema_version": SCHEMA_VERSION, "licence": licence, "count": len(cases),
            "cases": [record(case, url_of(case)) for case in ordered(cases)]}
    return json.dumps(data, ensure_ascii=False, indent=1) + "\n"


def spreadsheet_cell(text: str) -> str:
    """The text as a spreadsheet cell that shows it and never runs it as a formula."""
    return "'" + text if FORMULA_START.match(text) else text


def cases_csv(cases: Sequence[Case], url_of: Callable[[Case], str]) -> str:
    """One row per case, after the UTF-8 signature; formula cells neutralised, and every
    cell quoted, as OWASP also advises."""
    out = io.StringIO()
    out.write(CSV_SIGNATURE)
    writer = csv.writer(out, lineterminator="\n", quoting=csv.QUOTE_ALL)
    writer.writerow([name for name, _, _ in COLUMNS])
    for case in ordered(cases):
        row = record(case, url_of(case))
        row["translations"] = list(row["translations"])  # the languages
        row["links"] = [f"{link['title']} <{link['url']}>" for link in row["links"]]
        source = row.pop("source")
        for key in ("body", "title", "url", "date", "licence"):
            row[f"source_{key}"] = source.get(key, "")
        cells = []
        for name, kind, _ in COLUMNS:
            value = row[name]
            value = LIST_SEPARATOR.join(value) if isinstance(value, list) else \
                "" if value is None else value
            cells.append(spreadsheet_cell(value) if kind == "string" else value)
        writer.writerow(cells)
    return out.getvalue()


def datapackage(title: str, licence: str, sources: Sequence[str]) -> str:
    """A Frictionless Data Package describing cases.csv."""
    fields = [{"name": name, "type": kind, "description": text} for name, kind, text in COLUMNS]
    package = {
        "name": "caseshelf-cases",
        "title": title,
        "description": "Public-sector innovation case studies, one row per case.",
        "licenses": [{"name": licence, **({"path": LICENCE_URLS[licence]}
                                          if licence in LICENCE_URLS else {})}],
        "sources": [{"title": body} for body in sources],
        "resources": [{
            "name": "cases", "path": "cases.csv", "format": "csv", "mediatype": "text/csv",
            "encoding": CSV_ENCODING,
            "schema": {"fields": fields, "primaryKey": ["slug"]},
        }],
    }
    return json.dumps(package, ensure_ascii=False, indent=1) + "\n"


def atom_feed(cases: Sequence[Case], url_of: Callable[[Case], str], *, title: str,
              site_url: str, feed_id: str, language: str = "en",
              path: str = "feed.xml") -> str:
    """The newest cases (by date added) as an Atom feed with stable ids, in `language`: each
    entry in its translation into that language when there is one, else as written, with
    `xml:lang` on an entry whose text is in another language than the feed's. `path` is the
    feed's own, from the site root."""
    ET.register_namespace("", ATOM)
    newest = sorted(cases, key=lambda c: (c.added, c.slug), reverse=True)[:FEED_SIZE]
    feed = ET.Element(f"{{{ATOM}}}feed", {XML_LANG: language})
    sub = ET.SubElement
    sub(feed, f"{{{ATOM}}}title").text = title
    sub(feed, f"{{{ATOM}}}id").text = feed_id
    updated = max((c.added for c in cases), default=None)
    sub(feed, f"{{{ATOM}}}updated").text = f"{updated.isoformat()}T00:00:00Z" if updated else \
        "1970-01-01T00:00:00Z"
    sub(feed, f"{{{ATOM}}}link", rel="self", href=f"{site_url}{path}")
    home = path.rpartition("/")[0] + "/" if "/" in path else ""
    sub(feed, f"{{{ATOM}}}link", rel="alternate", href=f"{site_url}{home}" or "./")
    themes = vocabularies.themes()
    for case in newest:
        translation = case.translation(language) if language != case.language else None
        text = translation or case
        text_language = translation.language if translation else case.language
        entry = sub(feed, f"{{{ATOM}}}entry")
        if text_language.casefold() != language.casefold():
            entry.set(XML_LANG, text_language)
        sub(entry, f"{{{ATOM}}}title").text = text.title
        sub(entry, f"{{{ATOM}}}id").text = f"{feed_id}:cases:{case.slug}"
        sub(entry, f"{{{ATOM}}}updated").text = f"{case.added.isoformat()}T00:00:00Z"
        sub(entry, f"{{{ATOM}}}link", rel="alternate", href=f"{site_url}{url_of(case)}")
        sub(entry, f"{{{ATOM}}}summary").text = text.summary
        author = sub(entry, f"{{{ATOM}}}author")
        sub(author, f"{{{ATOM}}}name").text = case.source.body
        for slug in case.themes:
            sub(entry, f"{{{ATOM}}}category", term=slug, label=themes[slug].label)
        for code in case.countries:
            sub(entry, f"{{{ATOM}}}category", term=code, label=countries.name_of(code),
                scheme="urn:iso:std:iso:3166")
    ET.indent(feed)
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(feed, encoding="unicode") \
        + "\n"
