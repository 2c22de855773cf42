"""The last build's site, set aside and deleted on another core (clearing.py): a build over an
old site gives what a build into an empty folder gives, keeps the folder's hidden entries as
MkDocs does, and leaves nothing set aside behind it, an interrupted build's included."""

from __future__ import annotations

import errno
import os

import pytest

from caseshelf import clearing
from caseshelf.cases.cache import CACHE
from support.sitebuild import copy_project
from test_kept_pages import build, configure, differing

pytestmark = pytest.mark.build


def test_a_build_over_an_old_site_gives_a_fresh_site(tmp_path):
    folder = copy_project(tmp_path / "project")
    config = configure(folder, "search: false", languages="[en, fr]")
    first = build(config)
    site = folder / "site"
    (site / "cases" / "withdrawn-case").mkdir()
    (site / "cases" / "withdrawn-case" / "index.html").write_text("<p>withdrawn</p>")
    (site / ".git").mkdir()
    (site / ".git" / "HEAD").write_text("ref: refs/heads/pages\n")
    (site / ".nojekyll").write_text("")
    inode = site.stat().st_ino

    second = build(config)

    hidden = {".git/HEAD", ".nojekyll"}
    assert set(second) - set(first) == hidden  # the withdrawn page is gone, the hidden kept
    assert differing({k: v for k, v in second.items() if k not in hidden}, first) == []
    assert site.stat().st_ino == inode  # the folder itself stays
    assert not (folder / CACHE / clearing.FOLDER).exists()  # deleted before the build ended


def test_what_an_interrupted_build_set_aside_goes_with_the_next_build(tmp_path):
    folder = copy_project(tmp_path / "project")
    config = configure(folder, "search: false", languages="[en]")
    left = folder / CACHE / clearing.FOLDER / "interrupted" / "cases" / "a-case"
    left.mkdir(parents=True)
    (left / "index.html").write_text("<p>an old page</p>")

    build(config)

    assert not (folder / CACHE / clearing.FOLDER).exists()


def test_a_site_that_cannot_be_moved_is_left_for_mkdocs_to_empty(tmp_path, monkeypatch):
    site, cache = tmp_path / "site", tmp_path / "cache"
    (site / "cases").mkdir(parents=True)
    (site / "index.html").write_text("<p>home</p>")

    def across_devices(source, target):
        raise OSError(errno.EXDEV, os.strerror(errno.EXDEV), source)

    monkeypatch.setattr(clearing.os, "rename", across_devices)
    old = clearing.OldSite()
    old.set_aside(site, cache)
    old.finish()
    assert sorted(p.name for p in site.iterdir()) == ["cases", "index.html"]


def test_without_a_cache_nothing_is_set_aside(tmp_path):
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("<p>home</p>")
    old = clearing.OldSite()
    old.set_aside(site, None)
    old.finish()
    assert [p.name for p in site.iterdir()] == ["index.html"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]


def test_set_aside_returns_before_the_old_files_are_deleted(tmp_path):
    """The deleting is a child process's: the build goes on while it runs."""
    site, cache = tmp_path / "site", tmp_path / "cache"
    for n in range(300):
        (site / f"page-{n}").mkdir(parents=True)
        (site / f"page-{n}" / "index.html").write_text("<p>old</p>")
    old = clearing.OldSite()
    old.set_aside(site, cache)
    assert list(site.iterdir()) == []  # moved at once
    assert old.child is not None
    old.finish()
    assert old.child is None and not (cache / clearing.FOLDER).exists()

