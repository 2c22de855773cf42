"""Translations in the open data: cases.json carries them and reads back the same, cases.csv
names their languages (and the data package, which Frictionless validates, says so), and each
site language has its Atom feed with the translated titles and summaries."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import feedparser
import pytest

from caseshelf.cases import checker
from caseshelf.opendata import exports
from caseshelf.opendata.outputs import open_data
from support.samples import TODAY, VALID, case_text, translation_text

SITE_URL = "https://cases.example.org/shelf/"
LANGUAGES = ("en", "fr", "zh", "ar")
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


@pytest.fixture(scope="module")
def cases(tmp_path_factory):
    folder = tmp_path_factory.mktemp("translated")
    files = {
        "kiosks.md": VALID,
        "kiosks.fr.md": translation_text(
            "organisations: [Centre pour l'innovation]\nsource:\n  title: Rapport des prix\n"
            "translator: Équipe de traduction\nreviewed: true\n"),
        "kiosks.zh-Hans.md": translation_text(head=(
            "title: 社区意见反馈亭\nsummary: 市政办公室在服务中心设置了意见反馈亭，让居民为所接受的服务打分。"
            "这样，政府可以了解服务质量。\n")),
        "queues.md": case_text(replace=("Community feedback kiosks", "Shorter queues")),
        "budget.md": case_text("language: fr\n", replace=(
            "Community feedback kiosks", "Budget participatif des écoles")),
    }
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    report = checker.check_paths([folder], TODAY)
    assert report.errors == [] and len(report.cases) == 3
    return report.cases


def url_of(case, language):
    return ("" if language == LANGUAGES[0] else f"{language}/") + f"cases/{case.slug}/"


@pytest.fixture(scope="module")
def outputs(cases):
    return open_data(cases, url_of, site_name="Shelf", licence="CC-BY-4.0", site_url=SITE_URL,
                     languages=LANGUAGES, feed_title=lambda language: f"Shelf ({language})")


def test_cases_json_carries_each_translation_and_reads_back_the_same(cases, outputs):
    data = json.loads(outputs["cases.json"])
    assert data["schema_version"] == exports.SCHEMA_VERSION == "1.3"
    assert data["count"] == len(cases)  # translations are not cases
    records = {record["slug"]: record for record in data["cases"]}
    for case in cases:
        assert list(records[case.slug]["translations"]) == [t.language for t in case.translations]
        for t in case.translations:
            assert records[case.slug]["translations"][t.language] == {
                "title": t.title, "summary": t.summary, "body": t.body,
                "organisations": list(t.organisations), "source_title": t.source_title,
                "translator": t.translator, "reviewed": t.reviewed,
                "translated_from": t.translated_from, "fields": list(t.written)}
    assert set(records["kiosks"]["translations"]) == {"fr", "zh-Hans"}
    assert records["queues"]["translations"] == {}
    assert records["kiosks"]["url"] == "cases/kiosks/"  # the default language's page


def test_cases_csv_names_the_languages_of_the_translations(cases, outputs):
    rows = {row["slug"]: row for row in csv.DictReader(io.StringIO(
        outputs["cases.csv"].removeprefix(exports.CSV_SIGNATURE)))}
    for case in cases:
        assert rows[case.slug]["translations"] == ";".join(t.language for t in case.translations)
    fields = json.loads(outputs["datapackage.json"])["resources"][0]["schema"]["fields"]
    assert [f["name"] for f in fields] == list(rows["kiosks"])


def test_frictionless_validates_the_data_package_with_translations(outputs, tmp_path):
    for name in ("cases.csv", "datapackage.json"):
        (tmp_path / name).write_text(outputs[name], encoding="utf-8")
    frictionless = Path(sys.executable).parent / "frictionless"
    result = subprocess.run([str(frictionless), "validate", "datapackage.json"], cwd=tmp_path,
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "VALID" in result.stdout and "INVALID" not in result.stdout


@pytest.mark.parametrize("language", LANGUAGES)
def test_each_language_has_its_feed_in_its_translations(cases, outputs, language):
    path = "feed.xml" if language == LANGUAGES[0] else f"{language}/feed.xml"
    feed = feedparser.parse(outputs[path].encode("utf-8"))
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.feed.title == f"Shelf ({language})"
    assert feed.feed.language == language
    assert any(link.rel == "self" and link.href == SITE_URL + path for link in feed.feed.links)
    entries = {entry.link: entry for entry in feed.entries}
    assert len(entries) == len(cases)
    root = ET.fromstring(outputs[path])
    langs = {entry.find("{http://www.w3.org/2005/Atom}id").text.rsplit(":", 1)[1]:
             entry.get(XML_LANG) for entry in root.iter("{http://www.w3.org/2005/Atom}entry")}
    for case in cases:
        entry = entries[SITE_URL + url_of(case, language)]
        shown = case.translation(language) if language != case.language else None
        text = shown or case
        assert (entry.title, entry.summary) == (text.title, text.summary)
        written_in = shown.language if shown else case.language
        assert langs[case.slug] == (None if written_in == language else written_in)


def test_the_feeds_tell_one_translation_from_another(outputs):
    titles = {path: [e.title for e in feedparser.parse(outputs[path].encode()).entries]
              for path in ("feed.xml", "fr/feed.xml", "zh/feed.xml")}
    assert "Bornes de retour d'expérience" in titles["fr/feed.xml"]
    assert "社区意见反馈亭" in titles["zh/feed.xml"]
    assert "Community feedback kiosks" in titles["feed.xml"]
    ids = [e.id for path in titles for e in feedparser.parse(outputs[path].encode()).entries]
    assert len(set(ids)) == len(ids)  # an entry's id is its feed's and its case's


def test_one_language_writes_one_feed(cases):
    only = open_data(cases, url_of, site_name="Shelf", licence="CC-BY-4.0", site_url="")
    assert sorted(path for path in only if path.endswith("feed.xml")) == ["feed.xml"]
    assert "urn:caseshelf:Shelf" in only["feed.xml"]


@pytest.mark.build
def test_a_site_publishes_its_translations_and_fails_on_a_bad_one(tmp_path, caplog):
    from mkdocs.exceptions import Abort

    from support.sitebuild import build_site

    files = {"kiosks.md": VALID, "kiosks.fr.md": translation_text()}
    site = build_site(tmp_path / "good", files)
    data = json.loads((site / "cases.json").read_text(encoding="utf-8"))
    (record,) = data["cases"]
    assert list(record["translations"]) == ["fr"]
    assert not (site / "fr" / "feed.xml").exists()  # one site language, one feed
    bad = translation_text("countries: [FR]\n")
    with pytest.raises(Abort):
        build_site(tmp_path / "bad", {**files, "kiosks.de.md": bad})
    (error,) = [r.getMessage() for r in caplog.records if r.levelname == "ERROR"]
    line = bad.splitlines().index("countries: [FR]") + 1
    assert f"cases/kiosks.de.md:{line}:1: error: a translation does not set 'countries'" in error
    assert error.rstrip().endswith("[original-field]")
    assert not (tmp_path / "bad" / "site" / "cases").exists()
    for record in caplog.records:
        record.expected = True
