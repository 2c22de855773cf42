"""No broken links: every internal link, asset and #fragment of a built site resolves, over
HTTP from 127.0.0.1 (the offline edition, from file://, is crawled in test_editions.py)."""

from __future__ import annotations

import pytest

from support.browser import serve
from support.crawl import crawl, html_files

pytestmark = [pytest.mark.browser, pytest.mark.build]


def write(folder, files: dict[str, str]) -> None:
    for name, text in files.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(text, encoding="utf-8")


BROKEN_SITE = {
    "index.html": """<!doctype html><link rel="stylesheet" href="style.css">
<a href="a/">A</a> <a href="a/#here">here</a> <a href="a/#nowhere">nowhere</a>
<a href="missing/">missing</a> <img src="img/gone.png" alt="">
<img srcset="img/ok.png 1x, img/gone-2x.png 2x" src="img/ok.png" alt="">
<a href="https://example.org/away">away</a> <a href="mailto:someone@example.org">mail</a>
<form action="search/"></form>""",
    "a/index.html": """<h2 id="here">Here</h2>
<a href="../#top">top</a> <a href="../index.html?q=1">home</a>""",
    "style.css": "body { background: url('img/bg.png') } i { background: url(data:x) }",
    "img/ok.png": "png",
    "orphan.html": '<p>Nothing links here. <a href="nowhere.html">nowhere</a></p>',
}


def test_the_crawler_reports_broken_links_missing_assets_and_fragments(tmp_path):
    write(tmp_path, BROKEN_SITE)
    with serve(tmp_path) as base:
        report = crawl(base, base, html_files(tmp_path, base))
        reached = {url.removeprefix(base) for url in report.reached(base)}
    assert report.broken == [
        "/:2: a/#nowhere: no id 'nowhere' on that page",
        "/:3: img/gone.png: HTTP 404",
        "/:3: missing/: HTTP 404",
        "/:4: img/gone-2x.png: HTTP 404",
        "/:6: search/: HTTP 404",
        "a/:2: ../#top: no id 'top' on that page",
        "orphan.html:1: nowhere.html: HTTP 404",
        "style.css:1: img/bg.png: HTTP 404",
    ]
    assert len(report.pages) == 3 and report.fragments == 3
    assert "orphan.html" not in reached and {"", "a/", "img/ok.png"} <= reached


def test_the_crawler_refuses_folder_links_and_root_paths_from_disk(tmp_path):
    write(tmp_path, BROKEN_SITE | {"b.html": '<a href="a/index.html">a</a> <a href="/a/">a</a>'})
    root = tmp_path.as_uri() + "/"
    report = crawl(root, root + "index.html", html_files(tmp_path, root))
    assert "index.html:2: a/: a folder; opened from disk, a link must name the .html file" in (
        report.broken)
    assert "b.html:1: /a/: outside the site" in report.broken
    assert "index.html:3: missing/: not found" in report.broken
    assert not [line for line in report.broken if line.startswith("b.html:1: a/index.html")]


def test_no_broken_links_or_missing_assets_on_the_web_site(every_page_site):
    site = every_page_site
    with serve(site) as base:
        report = crawl(base, base, html_files(site, base))
        orphans = {url.removeprefix(base) for url in set(report.pages) - report.reached(base)}
    assert report.broken == []
    assert len(report.pages) == len(list(site.rglob("*.html")))
    assert report.fragments > 100  # tables of contents, skip links, the map's table
    assert {"assets/caseshelf.css", "cases.csv", "feed.xml"} <= {
        url.removeprefix(base) for url in report.files}
    assert orphans == {"404.html"}  # every page can be reached by following links from home
