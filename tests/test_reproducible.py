"""Reproducible builds: the same sources give the same bytes, whatever the folder, the time
and the files' dates.

The project (cases/, docs/, mkdocs.yml) is copied into two folders, a and b. In each, the
offline zip and the ZIM are made into dist/, then the web site is built with the real
mkdocs.yml (so its download page lists both editions with their checksums). The sources
in b carry modification times more than a year later than a's, and b is built at least
two seconds after a (zip entries have two-second times). Every file of the two sites, the
two zips and the two ZIMs must be byte-identical: nothing is left out of the comparison.

What had differed before this test, and why it no longer does:
- Pagefind's filter files and `.pf_meta` (and hence `pagefind-entry.json`): Pagefind
  keeps filter values in a randomly seeded hash map. search/order.py sorts them.
- Pagefind's page numbering, which followed the order the file system lists the pages
  (the same on one machine, not between machines). search/pagefind.py adds pages sorted.
- The ZIM: libzim's random UUID in the header, a random UUID in each of its two Xapian
  databases, the checksum over them, and, with several worker threads, the Xapian
  indexes themselves. zim.py writes with one worker and replaces the UUIDs with ones
  made from the content (python-libzim < 3.4 cannot set them).
"""

from __future__ import annotations

import datetime as dt
import gzip
import os
import shutil
import time
from pathlib import Path

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config

from caseshelf.cases import checker
from caseshelf.editions import build as editions
from caseshelf.search import order as search_order
from caseshelf.search.build_index import globs
from caseshelf.search.pagefind import OUTPUT
from caseshelf.site.facets import SEARCHABLE
from caseshelf.site.pages import plan_languages
from support.sitebuild import copy_project

pytestmark = pytest.mark.build

DAY = dt.date(2026, 1, 15)
LATER = 400 * 24 * 3600  # b's sources are dated 400 days after a's


def build_all(project: Path) -> dict[str, Path]:
    """The offline zip, the ZIM, then the web site with the project's own mkdocs.yml."""
    made = {"offline": editions.offline_zip(project / "mkdocs.yml", project / "dist", DAY),
            "zims": editions.zim_files(project / "mkdocs.yml", project / "dist", DAY)}
    made["zim"] = made["zims"][0]  # the first language's
    config = load_config(config_file=str(project / "mkdocs.yml"))
    config.plugins.on_startup(command="build", dirty=False)
    try:
        build(config)
    finally:
        config.plugins.on_shutdown()
    made["site"] = Path(config.site_dir)
    return made


def files(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes()
            for p in sorted(site.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def twins(tmp_path_factory):
    root = tmp_path_factory.mktemp("twins")
    with pytest.MonkeyPatch.context() as patch:
        patch.delenv("SOURCE_DATE_EPOCH", raising=False)  # the build must not need it
        started = time.monotonic()
        a = build_all(copy_project(root / "a"))
        b_project = copy_project(root / "b")
        later = time.time() + LATER
        for path in b_project.rglob("*"):
            os.utime(path, (later, later))
        time.sleep(max(0.0, 2.5 - (time.monotonic() - started)))
        b = build_all(b_project)
    return a, b


def test_the_web_site_is_byte_identical(twins):
    a, b = twins
    first, second = files(a["site"]), files(b["site"])
    assert sorted(first) == sorted(second)
    differing = [name for name in first if first[name] != second[name]]
    assert differing == []
    assert "cases.json" in first and "sitemap.xml" in first
    assert any(name.startswith("pagefind/filter/") for name in first)
    assert any(name.startswith("pagefind/index/") for name in first)
    assert "downloads/caseshelf_en_2026-01-15.zim" in first  # the editions are on the site too


def test_the_offline_zip_is_byte_identical(twins):
    a, b = twins
    assert a["offline"].name == b["offline"].name == "caseshelf-offline-2026-01-15.zip"
    assert a["offline"].read_bytes() == b["offline"].read_bytes()


def test_the_zim_is_byte_identical(twins):
    import libzim.reader

    a, b = twins
    assert [z.name for z in a["zims"]] == [z.name for z in b["zims"]]
    for first, second in zip(a["zims"], b["zims"], strict=True):  # one per language
        assert first.read_bytes() == second.read_bytes(), first.name
    archive = libzim.reader.Archive(a["zim"])
    assert archive.check()  # the checksum written after the UUIDs were set
    assert archive.has_fulltext_index and archive.has_title_index


def test_the_zim_id_changes_with_the_content(twins, tmp_path):
    """The UUID is made from the content: another site must get another one."""
    import libzim.reader

    from caseshelf.editions.zim import write_zim

    a, _ = twins
    site = tmp_path / "site"
    shutil.copytree(a["site"], site)
    (site / "about" / "index.html").write_text("<html><body>Changed.</body></html>")
    other = write_zim(site, tmp_path / "other.zim", day=DAY)
    first = libzim.reader.Archive(a["zim"])
    second = libzim.reader.Archive(other)
    assert first.uuid != second.uuid and second.check()


def test_pagefind_numbers_pages_in_the_order_of_the_plan(twins):
    """Pagefind numbers pages in the order it is given them; given in the order a file
    system lists them, or as the build's processes happen to finish them, the index would
    differ between machines and builds. The pages in the index metadata must be the case
    pages in the order the build plans them (and renders them, whichever process writes
    each), then the browse pages sorted by path."""
    import json

    a, _ = twins
    site = a["site"]
    others = sorted(p.parent.name for p in site.glob("*/cases"))  # the other languages
    languages = ["en", "fr", "es", "ar", "ru", "zh"]  # as the project's mkdocs.yml has them
    assert others == sorted(languages[1:])
    specs, _ = plan_languages(checker.check_paths([site.parent / "cases"]).cases, languages,
                              page_size=50, related_count=5, licence="CC-BY-4.0")
    planned = ["/" + spec.src_uri.removesuffix(".md") + "/" for spec in specs if spec.case]
    assert planned != sorted(planned)  # so the order tested is the plan's, not the paths'
    browse = sorted(p.relative_to(site).as_posix() for pattern in
                    globs([*SEARCHABLE, *(f"{lang}/{folder}" for lang in others
                                          for folder in SEARCHABLE)])
                    for p in site.glob(pattern))
    expected = planned + ["/" + path.removesuffix("index.html") for path in browse]
    output = files(site / OUTPUT)
    url = {name.removeprefix("fragment/").removesuffix(".pf_fragment"):
           json.loads(gzip.decompress(data)[len(search_order.SIGNATURE):])["url"]
           for name, data in output.items() if name.startswith("fragment/")}
    meta = search_order.read(next(data for name, data in output.items()
                                  if name.endswith(".pf_meta")))
    pages = next(part for part in meta if isinstance(part, list) and part
                 and all(isinstance(item, list) and item[0] in url for item in part))
    numbered = [url[page_hash] for page_hash, _ in pages]
    assert len(numbered) > 50
    assert numbered == [page for page in expected if page in set(numbered)]


def test_pagefind_files_are_read_and_written_back_byte_for_byte(twins):
    """search/order.py rewrites Pagefind's CBOR; its reader and writer must lose nothing."""
    a, _ = twins
    checked = 0
    for path in sorted((a["site"] / OUTPUT).rglob("*.pf_*")):
        if path.suffix == ".pf_fragment":  # JSON, not CBOR
            continue
        raw = gzip.decompress(path.read_bytes())
        value = search_order.read(path.read_bytes())
        assert search_order.SIGNATURE + search_order.encode(value) == raw, path
        checked += 1
    assert checked > 10


def test_an_index_process_per_language_writes_what_one_for_all_would(twins):
    """Each site language is indexed by a Pagefind process of its own, which ends once its
    language is written (memory holds one language's index at a time). The site's bundle
    must be the bytes one Pagefind process makes of every language's pages, given in the
    same order: each language's case pages as planned, then its listings' first pages."""
    import base64

    from caseshelf.search.batch import PAGE_LANGUAGE, SEGMENTED
    from caseshelf.search.order import sort_filters
    from caseshelf.search.service import PagefindService

    a, _ = twins
    site = a["site"]
    languages = ["en", "fr", "es", "ar", "ru", "zh"]  # as the project's mkdocs.yml has them
    specs, _ = plan_languages(checker.check_paths([site.parent / "cases"]).cases, languages,
                              page_size=50, related_count=5, licence="CC-BY-4.0")
    service = PagefindService()
    try:
        index = service.ask({"type": "NewIndex", "config": {}})["index_id"]
        added = 0
        for n, language in enumerate(languages):
            prefix = f"{language}/" if n else ""
            cases = [spec.src_uri.removesuffix(".md") + "/index.html" for spec in specs
                     if spec.case and spec.src_uri.startswith(prefix)
                     and (n or spec.src_uri.split("/", 1)[0] not in languages)]
            listings = sorted(p.relative_to(site).as_posix() for pattern in
                              globs([prefix + folder for folder in SEARCHABLE])
                              for p in site.glob(pattern))
            for path in cases + listings:
                html = (site / path).read_text(encoding="utf-8")
                found = PAGE_LANGUAGE.search(html)
                if found and found[1].lower() in SEGMENTED and language not in SEGMENTED:
                    continue  # in a bundle of its own, as pagefind.py sends it
                service.ask({"type": "AddFile", "index_id": index, "file_path": None,
                             "url": "/" + path.removesuffix("index.html"),
                             "file_contents": html})
                added += 1
        reply = service.ask({"type": "GetFiles", "index_id": index})
    finally:
        service.close()
    assert added > 100
    one = sort_filters({item["path"]: base64.b64decode(item["content"])
                        for item in reply["files"]})
    written = {p.relative_to(site / OUTPUT).as_posix(): p.read_bytes()
               for p in (site / OUTPUT).rglob("*") if p.is_file()}
    written.pop("caseshelf-merge.json")
    assert sorted(written) == sorted(one)
    assert [name for name in one if one[name] != written[name]] == []
