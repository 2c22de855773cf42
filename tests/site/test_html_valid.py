"""Valid HTML: the Nu HTML Checker (vnu, run once over every page of a built site) finds no
error and no warning, except those in vnu_allowed.yml, which are mkdocs-material's."""

from __future__ import annotations

import pytest

from support.vnu import ALLOWED, allowed, reported, vnu, where

pytestmark = pytest.mark.build


@pytest.fixture(scope="module")
def checked(every_page_site):
    """vnu's messages about every page of the site, and the files it says it checked."""
    return every_page_site, *vnu(every_page_site)


def test_vnu_checked_every_page(checked):
    site, _, files = checked
    pages = {p.resolve() for p in site.rglob("*.html")}
    assert len(pages) > 140 and files == pages


def test_every_page_is_valid_html(checked):
    site, messages, _ = checked
    problems = [where(site, m) for m in reported(messages) if not allowed(m)]
    assert not problems, "\n".join(problems)


def test_every_allowed_message_still_occurs(checked):
    """An entry that matches nothing is out of date: remove it."""
    _, messages, _ = checked
    used = {id(allowed(m)) for m in reported(messages)}
    stale = [entry["message"] for entry in ALLOWED if id(entry) not in used]
    assert not stale, stale
    for entry in ALLOWED:
        assert entry["reason"] and entry["template"].startswith("material/templates/"), entry
