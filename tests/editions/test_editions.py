"""The offline zip (opened from file:// in Chromium), the ZIM (zimcheck, kiwix-serve) and the
download page that lists them."""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import socket
import subprocess
import time
import urllib.request
import zipfile

import pytest
from playwright.sync_api import sync_playwright

from caseshelf.editions import build as editions
from support.browser import ARGS, CHROMIUM, Watched
from support.browser import axe_violations as violations
from support.sitebuild import ROOT, build_site, copy_project, page

pytestmark = [pytest.mark.browser, pytest.mark.build]

DAY = dt.date(2026, 1, 15)


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    return copy_project(tmp_path_factory.mktemp("project"))


@pytest.fixture(scope="module")
def offline(project):
    return editions.offline_zip(project / "mkdocs.yml", project / "dist", DAY)


@pytest.fixture(scope="module")
def zim(project):
    return editions.zim_file(project / "mkdocs.yml", project / "dist", DAY)


def test_offline_zip_name_and_entries(offline):
    """(Two builds give the same zip: test_reproducible.py.)"""
    assert offline.name == "caseshelf-offline-2026-01-15.zip"
    names = zipfile.ZipFile(offline).namelist()
    assert "caseshelf-offline-2026-01-15/index.html" in names
    assert "caseshelf-offline-2026-01-15/assets/offline-index.js" in names
    assert not [n for n in names if "/pagefind/" in n]  # Pagefind cannot run from file://


def test_offline_edition_works_from_file_urls(offline, tmp_path):
    zipfile.ZipFile(offline).extractall(tmp_path)
    home = (tmp_path / offline.stem / "index.html").as_uri()
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        watched = Watched(browser.new_page())
        view = watched.page
        view.goto(home)
        view.click("a[href='countries/index.html']")
        view.click("a[href='in.html']")
        assert view.url.endswith("/countries/in.html")
        view.click("text=Project Rangeet")
        assert view.url.endswith("/cases/india-project-rangeet.html")
        assert view.locator("h1").inner_text() == "Project Rangeet"
        view.goto(home.replace("index.html", "map.html"))
        assert view.locator("svg.cs-map-svg a").count() > 10
        view.goto(home.replace("index.html", "matchmaking.html"))
        assert view.locator("table.cs-match tbody tr").count() == 10
        view.goto(home)
        view.fill("#cs-q", "Rangeet")
        first = view.locator(".cs-search__list li a").first
        first.wait_for(timeout=10000)
        assert first.inner_text() == "Project Rangeet"
        first.click()
        assert view.url.endswith("/cases/india-project-rangeet.html")
        browser.close()
    assert watched.errors == []
    assert [u for u in watched.requests if not u.startswith("file://")] == []


def test_offline_edition_has_no_wcag_violations(offline, tmp_path):
    """axe-core, as for the web site (test_accessibility.py), on the pages whose markup
    differs offline: the home page with the offline search's results open, and Explore."""
    zipfile.ZipFile(offline).extractall(tmp_path)
    home = (tmp_path / offline.stem / "index.html").as_uri()
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        view = browser.new_page()
        view.goto(home)
        view.fill("#cs-q", "Rangeet")
        view.locator(".cs-search__list li").first.wait_for(timeout=10000)
        found = violations(view)
        view.goto(home.replace("index.html", "explore.html"))
        found += violations(view)
        browser.close()
    assert not found, "\n".join(found)


def test_offline_edition_is_valid_html(offline, tmp_path):
    """The Nu HTML Checker, as for the web site (test_html_valid.py), on every page of the
    offline edition, whose links and search markup differ."""
    from test_html_valid import allowed, reported, vnu, where

    zipfile.ZipFile(offline).extractall(tmp_path)
    site = tmp_path / offline.stem
    messages, files = vnu(site)
    assert files == {p.resolve() for p in site.rglob("*.html")}
    problems = [where(site, m) for m in reported(messages) if not allowed(m)]
    assert not problems, "\n".join(problems)


def test_zimcheck_passes(zim):
    assert zim.name == "caseshelf-2026-01-15.zim"
    result = subprocess.run(["zimcheck", "-A", str(zim)], capture_output=True, text=True,
                            timeout=300)
    assert "Overall Test Status: Pass" in result.stdout + result.stderr, result.stdout


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fetch(url: str) -> str:
    with urllib.request.urlopen(url, timeout=10) as response:
        return response.read().decode("utf-8")


def test_kiwix_serve_serves_pages_and_finds_a_case(zim):
    port = free_port()
    server = subprocess.Popen(["kiwix-serve", "--address=127.0.0.1", f"--port={port}", str(zim)],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(50):
            try:
                fetch(base + "/")
                break
            except OSError:
                time.sleep(0.2)
        book = zim.stem
        assert "Sustainable Development Goals" in fetch(f"{base}/{book}/index.html")
        case = fetch(f"{base}/{book}/cases/india-project-rangeet.html")
        assert "<h1>Project Rangeet</h1>" in case
        assert 'id="cs-q"' not in case and "pagefind/" not in case  # Kiwix does the search
        results = fetch(f"{base}/search?content={book}&pattern=Rangeet")
        links = re.findall(rf'href="/{book}/(cases/[^"]+)"', results)
        assert links and links[0] == "cases/india-project-rangeet.html"
    finally:
        server.terminate()
        server.wait(timeout=10)


def test_download_page_lists_editions_with_size_and_checksum(offline, zim, project):
    site = build_site(project, project / "cases")
    html = page(site, "download")
    for built in (offline, zim):
        assert built.name in html
        assert f"{built.stat().st_size:,} bytes" in html
        assert hashlib.sha256(built.read_bytes()).hexdigest() in html
        assert (site / "downloads" / built.name).read_bytes() == built.read_bytes()


def test_download_page_says_when_an_edition_is_not_built(tmp_path):
    site = build_site(tmp_path, ROOT / "cases")
    html = page(site, "download")
    assert html.count("This edition has not been built for this copy of the site.") == 2


def test_every_link_in_the_offline_zip_resolves(offline, tmp_path):
    """Crawled from file://: every link, asset and #fragment; a link to a folder fails, as
    a browser opening files from disk shows the folder, not its index.html."""
    from support.crawl import crawl, html_files

    zipfile.ZipFile(offline).extractall(tmp_path)
    folder = tmp_path / offline.stem
    root = folder.as_uri() + "/"
    report = crawl(root, root + "index.html", html_files(folder, root))
    assert report.broken == []
    assert len(report.pages) == len(list(folder.rglob("*.html"))) > 100
    assert report.fragments > 100
    assert set(report.pages) <= report.reached(root + "index.html")  # no page is an orphan
    assert not (folder / "404.html").exists()  # only a web server shows it
