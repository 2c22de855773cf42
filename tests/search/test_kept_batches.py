"""What makes the search index cheaper to build, for the same bytes: the batches kept
between builds (search/kept.py: a batch of the very pages an earlier build indexed is
written from what that build wrote, without asking Pagefind for it; a batch kept by another
version of the indexer, or a zip that is not whole, is never used), and pages sent without
the frame Pagefind does not index."""

from __future__ import annotations

import shutil
import threading
import time
import zipfile
from pathlib import Path

import pytest

from caseshelf.search import batch, kept, service
from caseshelf.search.pagefind import SiteIndexer


def page(language: str, word: str) -> str:
    return (f'<html lang="{language}"><head><title>{word}</title></head><body>'
            f'<main data-pagefind-body><h1>{word}</h1><p>{word} text</p></main></body></html>')


def write_site(site: Path, edited: str = "") -> dict[str, list[str]]:
    """Seven pages in English and seven in French; `edited`: that English word changed."""
    pages: dict[str, list[str]] = {"en": [], "fr": []}
    for language, prefix in (("en", ""), ("fr", "fr/")):
        for n in range(7):
            path = f"{prefix}cases/c{n}/index.html"
            word = f"w{language}{n}"
            (site / path).parent.mkdir(parents=True, exist_ok=True)
            (site / path).write_text(page(language, word + ("x" if word == edited else "")),
                                     encoding="utf-8")
            pages[language].append(path)
    return pages


def index(site: Path, cache: Path | None, edited: str = "") -> dict[str, bytes]:
    """The index of the fourteen pages, in batches of three, and its files by path."""
    shutil.rmtree(site, ignore_errors=True)
    pages = write_site(site, edited)
    indexer = SiteIndexer(site, "en", ["en", "fr"], pages_per_index=3,
                          kept=cache and kept.Batches(cache))
    for language, paths in pages.items():
        indexer.add_when_written(language, paths)
    indexer.written.set()
    assert indexer.finish()[0] == 14
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*"))
            if p.is_file() and "/cases/" not in f"/{p.relative_to(site).as_posix()}"}


def differing(first: dict[str, bytes], second: dict[str, bytes]) -> list[str]:
    return sorted(name for name in first.keys() | second.keys()
                  if first.get(name) != second.get(name))


def zips(cache: Path) -> dict[str, int]:
    return {p.name: p.stat().st_mtime_ns for p in cache.iterdir()}


def test_a_batch_of_the_same_pages_is_written_from_the_last_build(tmp_path):
    cache = tmp_path / "cache"
    plain = index(tmp_path / "plain", None)
    assert differing(plain, index(tmp_path / "cold", cache)) == []
    first = zips(cache)
    assert len(first) == 6  # three batches in each language
    assert differing(plain, index(tmp_path / "warm", cache)) == []
    assert zips(cache) == first  # every batch from its zip: none written again
    edited_plain = index(tmp_path / "edited-plain", None, edited="wen4")
    edited = index(tmp_path / "edited", cache, edited="wen4")
    assert differing(edited_plain, edited) == []
    assert differing(plain, edited)  # the edit is in the index
    now = zips(cache)
    assert len(now) == 6 and len(set(now) - set(first)) == 1  # only the edited page's batch
    assert all(now[name] == first[name] for name in set(now) & set(first))


def test_pages_of_a_batch_the_last_build_had_are_not_sent_unless_needed(tmp_path,
                                                                        monkeypatch):
    """While a batch's pages are those the last build gave it, they are held back from
    Pagefind; the batch's first page that differs sends them all, in order, and so does a
    batch whose zip has gone: the index is the same as when every page is sent."""
    sent: list[str] = []
    send = service.PagefindService.send

    def counting(service, payload):
        if payload["type"] == "AddFile":
            sent.append(payload["url"])
        return send(service, payload)

    monkeypatch.setattr(service.PagefindService, "send", counting)
    cache = tmp_path / "cache"
    plain = index(tmp_path / "plain", None)
    assert len(sent) == 14
    sent.clear()
    assert differing(plain, index(tmp_path / "cold", cache)) == []
    assert len(sent) == 14 and len(list((tmp_path / "cache-pages").iterdir())) == 6
    sent.clear()
    assert differing(plain, index(tmp_path / "warm", cache)) == []
    assert sent == []  # every batch from its zip, and no page given to Pagefind
    edited = index(tmp_path / "edited", cache, edited="wen4")
    assert sent == ["/cases/c3/", "/cases/c4/", "/cases/c5/"]  # the edited page's batch
    sent.clear()
    assert differing(index(tmp_path / "edited-plain", None, edited="wen4"), edited) == []
    sent.clear()
    for name in zips(cache):
        (cache / name).unlink()
    assert differing(edited, index(tmp_path / "lost", cache, edited="wen4")) == []
    assert len(sent) == 14  # the batches' pages were held back, then all sent


def test_a_kept_batch_is_written_while_pagefind_builds_a_changed_one(tmp_path, monkeypatch):
    """Pagefind builds a batch's index when asked for its files, the slow part of indexing:
    a batch written from its zip meanwhile does not wait behind it. The index is the same."""
    cache = tmp_path / "cache"
    index(tmp_path / "cold", cache)
    expected = index(tmp_path / "edited-plain", None, edited="wen0")
    building = threading.Event()
    ask = service.PagefindService.ask

    def slow(pagefind_process, payload):
        if payload["type"] == "GetFiles":  # the changed batch, the first of the English ones
            building.set()
            time.sleep(3)
        return ask(pagefind_process, payload)

    monkeypatch.setattr(service.PagefindService, "ask", slow)
    site = tmp_path / "edited"
    pages = write_site(site, edited="wen0")
    indexer = SiteIndexer(site, "en", ["en", "fr"], pages_per_index=3,
                          kept=kept.Batches(cache))
    for language, paths in pages.items():
        indexer.add_when_written(language, paths)
    indexer.written.set()
    assert building.wait(30)
    waited = time.monotonic()
    while not (site / "pagefind-2").is_dir() and time.monotonic() - waited < 2.5:
        time.sleep(0.02)
    assert (site / "pagefind-2").is_dir()  # the second batch, kept, written meanwhile
    assert indexer.finish()[0] == 14
    edited = {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*"))
              if p.is_file() and "/cases/" not in f"/{p.relative_to(site).as_posix()}"}
    assert differing(expected, edited) == []


def test_two_batches_are_built_at_once_only_when_every_page_is_written(tmp_path, monkeypatch):
    """While pages are written, Pagefind builds one batch's index at a time (a build holds
    about 1 GB for 5,000 pages); once every page is written, two at once, on both cores.
    The index is the same."""
    expected = index(tmp_path / "plain", None)
    lock, building, most = threading.Lock(), [0], [0]
    ask = service.PagefindService.ask

    def slow(pagefind_process, payload):
        if payload["type"] != "GetFiles":
            return ask(pagefind_process, payload)
        with lock:
            building[0] += 1
            most[0] = max(most[0], building[0])
        time.sleep(1.5)
        try:
            return ask(pagefind_process, payload)
        finally:
            with lock:
                building[0] -= 1

    monkeypatch.setattr(service.PagefindService, "ask", slow)
    site = tmp_path / "built"
    pages = write_site(site)
    indexer = SiteIndexer(site, "en", ["en", "fr"], pages_per_index=3)
    for language, paths in pages.items():
        indexer.add_when_written(language, paths)
    waited = time.monotonic()
    while most[0] == 0 and time.monotonic() - waited < 30:
        time.sleep(0.02)
    time.sleep(2)  # the next batch's pages are all sent by now
    assert most == [1]
    indexer.written.set()
    assert indexer.finish()[0] == 14
    assert most == [2]
    built = {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*"))
             if p.is_file() and "/cases/" not in f"/{p.relative_to(site).as_posix()}"}
    assert differing(expected, built) == []


def test_a_batch_kept_by_another_indexer_or_not_whole_is_never_used(tmp_path, monkeypatch):
    cache = tmp_path / "cache"
    plain = index(tmp_path / "plain", cache)
    for name in zips(cache):  # every kept file's bytes replaced, the zips whole
        with zipfile.ZipFile(cache / name) as whole:
            items = [(info, whole.read(info)) for info in whole.infolist()]
        with zipfile.ZipFile(cache / name, "w") as poisoned:
            for info, content in items:
                poisoned.writestr(info, content if info.filename == kept.META else b"poison")
    assert any(content == b"poison" for content in index(tmp_path / "used", cache).values())
    with monkeypatch.context() as patch:
        patch.setattr(kept, "__version__", "0.0.0-another")
        assert differing(plain, index(tmp_path / "other", cache)) == []
    for name in zips(cache):  # cut in half, as a copy that stopped would leave it
        data = (cache / name).read_bytes()
        (cache / name).write_bytes(data[: len(data) // 2])
    assert differing(plain, index(tmp_path / "halves", cache)) == []
    assert (tmp_path / "cache").is_dir() and len(zips(cache)) == 6


def test_pages_go_to_pagefind_without_their_frame_and_the_index_is_the_same(
        every_page_site, tmp_path, monkeypatch):
    """Pagefind reads only the page's head and the element it indexes: the frame before that
    element (Material's header and navigation) is not sent, and the index is the one the
    whole pages give, byte for byte."""
    site = every_page_site
    paths = [p.relative_to(site).as_posix() for p in sorted(site.glob("cases/*/index.html"))]
    paths += [p.relative_to(site).as_posix() for p in sorted(site.glob("themes/*/index.html"))]
    html = (site / paths[0]).read_text(encoding="utf-8")
    sent = batch.for_pagefind(html)
    assert 'class="md-header' in html and 'class="md-header' not in sent
    assert sent.startswith(html[:html.index("<body")]) and len(sent) < 0.8 * len(html)
    assert sent.endswith(html[html.index(" data-pagefind-body") - 20:])
    frameless = '<html lang="en"><body><main><p>no index</p></main></body></html>'
    assert batch.for_pagefind(frameless) == frameless

    def indexed(folder: Path) -> dict[str, bytes]:
        for path in paths:
            (folder / path).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy(site / path, folder / path)
        indexer = SiteIndexer(folder, "en")
        indexer.add_when_written("en", paths)
        indexer.written.set()
        assert indexer.finish()[0] == len(paths)
        return {p.relative_to(folder).as_posix(): p.read_bytes()
                for p in sorted((folder / "pagefind").rglob("*")) if p.is_file()}

    trimmed = indexed(tmp_path / "trimmed")
    with monkeypatch.context() as patch:
        patch.setattr(batch, "for_pagefind", lambda page: page)
        whole = indexed(tmp_path / "whole")
    assert len(trimmed) > 20 and differing(whole, trimmed) == []


@pytest.mark.parametrize("body", [
    '<header class="md-header"></header><div class="cs-case" data-pagefind-body><p>x</p></div>',
    '<p>the attribute data-pagefind-body is ours</p><div data-pagefind-body>x</div>',
    '<p title="a > b"> data-pagefind-body </p><main id="m" data-pagefind-body="">x</main>',
    '<p>no element, only the words data-pagefind-body in a sentence</p>',
    '<a <b data-pagefind-body>x</b>',
])
def test_the_indexed_element_is_found_as_a_search_of_the_whole_page_finds_it(body):
    """The element is looked for from near the attribute's first mention, not from the top
    of the page: the page Pagefind gets is the one a search of every tag gives."""
    html = f'<html lang="en"><head><title>t</title></head><body class="x">{body}</body></html>'
    found = batch.PAGEFIND_BODY.search(html)
    start = html.index("<body")
    expected = html if found is None else html[:start] + "<body>" + html[found.start():]
    assert batch.for_pagefind(html) == expected


def test_a_cache_folder_that_cannot_be_written_to_keeps_nothing_and_fails_nothing(tmp_path):
    blocked = tmp_path / "blocked"
    blocked.write_text("a file where the cache's folder would be", encoding="utf-8")
    plain = index(tmp_path / "plain", None)
    assert differing(plain, index(tmp_path / "blocked-site", blocked)) == []
    assert blocked.read_text(encoding="utf-8").startswith("a file")
