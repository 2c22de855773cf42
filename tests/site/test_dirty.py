"""`mkdocs serve --dirty` after an edit: what it rebuilds, and that the pages it gives are
the pages a full build of the same files gives. An edit of case bodies alone keeps the
last build's plan (site/replan.py); any other edit plans everything again."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config

from support.sitebuild import ROOT, build_site, page

pytestmark = pytest.mark.build

LANGUAGES = ("en", "fr", "ar")
EDITED = "india-project-rangeet"  # translated into French and Arabic, among others
PLAIN = "kazakhstan-access-to-public-services"  # not translated
TRANSLATED = "fr"  # the translation edited
# the pages caseshelf plans: cases and browse pages, in every language (the prose pages
# from docs/ are MkDocs' own, rebuilt under --dirty by its rules)
PLANNED = {"cases", "countries", "regions", "themes", "sdgs", "tags", "years", "levels",
           "sources", "groupings", "explore", "map", "matchmaking", "download"}
DATA_PAGES = {"download/index.html", "fr/download/index.html", "ar/download/index.html"}


def generated(path: str) -> bool:
    parts = path.split("/")
    return (parts[1] if parts[0] in LANGUAGES[1:] else parts[0]) in PLANNED


def serve_dirty(folder: Path) -> None:
    """A rebuild as `mkdocs serve --dirty` makes it after a file is saved."""
    config = load_config(config_file=str(folder / "mkdocs.yml"))
    config.plugins.on_startup(command="serve", dirty=True)
    try:
        build(config, dirty=True)
    finally:
        config.plugins.on_shutdown()


def html(site: Path) -> dict[str, tuple[int, bytes]]:
    return {p.relative_to(site).as_posix(): (p.stat().st_mtime_ns, p.read_bytes())
            for p in site.rglob("*.html")}


def edit(folder: Path, name: str, old: str, new: str) -> None:
    path = folder / "cases" / name
    text = path.read_text(encoding="utf-8")
    assert old in text
    time.sleep(0.02)  # a later modification time than the pages written
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def same_as_a_full_build(tmp_path: Path, served: Path, caplog) -> None:
    """Every page of the served site is the page a full build of the same files makes,
    byte for byte, but the download pages: they give the open data's size, and the open
    data are kept from the last full build, as before."""
    after = html(served / "site")
    full = html(build_site(tmp_path / "full", served / "cases", languages=LANGUAGES))
    assert set(full) == set(after)
    assert {path for path in full if full[path][1] != after[path][1]} <= DATA_PAGES
    expect_dirty_warnings(caplog)


def expect_dirty_warnings(caplog) -> None:
    for record in caplog.records:  # MkDocs says a dirty build is for development only; the
        # edited original's translations are now older than it, which the validator says
        message = record.getMessage()
        record.expected = "'dirty' build" in message or "[stale-translation]" in message


def test_a_body_edit_rebuilds_only_its_pages_and_they_are_a_full_builds(tmp_path, caplog):
    served = tmp_path / "served"
    site = build_site(served, ROOT / "cases", languages=LANGUAGES)
    serve_dirty(served)  # the first rebuild, with nothing edited, rewrites no case or listing
    before = html(site)
    edit(served, f"{EDITED}.md", "\n## ", "\nA sentence added in review.\n\n## ")
    edit(served, f"{EDITED}.{TRANSLATED}.md", "\n## ", "\nUne phrase ajoutée.\n\n## ")
    serve_dirty(served)
    after = html(site)

    rewritten = {path for path in after if after[path][0] != before[path][0]}
    # the edited original shows on its page in the languages it has no translation into
    # (and in its own); the edited translation on its page in its language
    expected = {f"cases/{EDITED}/index.html"} | {
        f"{language}/cases/{EDITED}/index.html" for language in LANGUAGES[1:]
        if not (served / "cases" / f"{EDITED}.{language}.md").exists()}
    expected.add(f"{TRANSLATED}/cases/{EDITED}/index.html")
    assert {path for path in rewritten if generated(path)} == expected
    assert "A sentence added in review." in page(site, f"cases/{EDITED}")

    same_as_a_full_build(tmp_path, served, caplog)


def test_an_edit_a_listing_shows_plans_again(tmp_path, caplog):
    served = tmp_path / "served"
    site = build_site(served, ROOT / "cases", languages=LANGUAGES)
    title = page(site, f"cases/{PLAIN}").split("<h1", 1)[1].split(">", 1)[1].split("<", 1)[0]
    listing = page(site, "countries/kz")
    assert title in listing
    edit(served, f"{PLAIN}.md", f"title: {title}", "title: Public services within reach")
    serve_dirty(served)
    assert "Public services within reach" in page(site, "countries/kz")
    assert "Public services within reach" in page(site, "fr/countries/kz")

    same_as_a_full_build(tmp_path, served, caplog)


def test_a_case_added_under_serve_is_planned_and_listed(tmp_path, caplog):
    served = tmp_path / "served"
    site = build_site(served, ROOT / "cases", languages=LANGUAGES)
    text = (served / "cases" / f"{PLAIN}.md").read_text(encoding="utf-8")
    title = next(line for line in text.splitlines() if line.startswith("title: "))
    time.sleep(0.02)
    (served / "cases" / "kazakhstan-copy.md").write_text(
        text.replace(title, "title: Public services within reach, again"), encoding="utf-8")
    serve_dirty(served)
    assert "Public services within reach, again" in page(site, "cases/kazakhstan-copy")
    assert 'href="../../cases/kazakhstan-copy/"' in page(site, "countries/kz")

    same_as_a_full_build(tmp_path, served, caplog)
