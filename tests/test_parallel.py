"""Pages rendered on every core (parallel.py), Markdown converted with one converter and
each case text once (conversion.py), the frame's shared parts rendered once per kind of
page (templating.share_parts) and a listing's items once for every depth (templating.ROOT):
the site is the same, byte for byte, as when MkDocs renders every page itself, one after the
other.

The workers are real forked processes. In the unit tests MkDocs' page renderer is replaced
(before the fork, so the workers inherit it) by one that writes which process rendered
which page, fails or logs where a test asks."""

from __future__ import annotations

import logging
import os
import time
from pathlib import Path
from types import SimpleNamespace

import pytest
from mkdocs.config import load_config
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page

from caseshelf import conversion, parallel
from caseshelf.cases import checker
from caseshelf.site import templating
from support.sitebuild import _build, copy_project


class FakePage:
    def __init__(self, name: str) -> None:
        self.name = name
        self.anchors_checked = 0

    def validate_anchor_links(self, *, files, log_level) -> None:
        self.anchors_checked += 1


class FakeFile:
    def __init__(self, name: str) -> None:
        self.src_uri = name
        self.dest_uri = f"{name}/index.html"
        self.inclusion = InclusionLevel.NOT_IN_NAV
        self.page = FakePage(name)


class FakeFiles(list):
    def documentation_pages(self):
        return list(self)


CONFIG = SimpleNamespace(validation=SimpleNamespace(links=SimpleNamespace(anchors=logging.INFO)))


def start(tmp_path: Path, monkeypatch, *, cases: int = 4, browse: int = 6, count: int = 2,
          fail: str = "", warn: str = "", slow: str = ""):
    """Workers over `cases` case pages then `browse` others; the fake renderer writes
    tmp_path/<page> holding the pid that rendered it."""
    def render(page, config, doc_files, nav, env) -> None:
        if page.name == fail:
            raise ValueError(f"{page.name} cannot be rendered")
        if page.name == warn:
            logging.getLogger("mkdocs.plugins.caseshelf").warning(f"{page.name}: a warning")
        if page.name == slow:
            time.sleep(60)
        with open(tmp_path / page.name, "a", encoding="utf-8") as out:
            out.write(f"{os.getpid()}\n")

    monkeypatch.setattr(parallel, "_build_page", render)
    files = FakeFiles([FakeFile("index.md")]
                      + [FakeFile(f"case-{n}") for n in range(cases)]
                      + [FakeFile(f"browse-{n}") for n in range(browse)])
    generated = {f.src_uri: f.src_uri.startswith("case-") for f in files[1:]}
    workers = parallel.Workers()
    env = SimpleNamespace(globals={})
    mine = workers.start(count, generated, CONFIG, None, env, files)
    return workers, files, mine, env


def test_each_page_is_rendered_once_by_one_process(tmp_path, monkeypatch):
    workers, files, mine, env = start(tmp_path, monkeypatch)
    assert env.globals["cs_pages"] == list(files)  # the sitemap still lists every page
    theirs = [f for f in files[1:] if f.inclusion == InclusionLevel.EXCLUDED]
    assert [f.src_uri for f in theirs] == ["case-1", "case-3", "browse-1", "browse-3",
                                           "browse-5"]  # every other page, cases first
    # every page, in the order they are rendered: 0 and 2 here, 1 and 3 by the worker
    assert mine == [(f"case-{n}/index.html", True) for n in range(4)] + [
        (f"browse-{n}/index.html", False) for n in range(6)]
    workers.join(CONFIG)
    for file in theirs:
        assert file.inclusion == InclusionLevel.NOT_IN_NAV  # MkDocs sees them again
        assert file.page.anchors_checked == 1  # their links are checked here
        pids = (tmp_path / file.src_uri).read_text().split()
        assert len(pids) == 1 and int(pids[0]) != os.getpid()
    assert not (tmp_path / "case-0").exists()  # this process's own are left to MkDocs


def test_one_process_forks_nothing(tmp_path, monkeypatch):
    workers, files, mine, _ = start(tmp_path, monkeypatch, count=1)
    assert len(mine) == 10 and workers.children == []
    assert {f.inclusion for f in files} == {InclusionLevel.NOT_IN_NAV}
    workers.join(CONFIG)
    assert list(tmp_path.iterdir()) == []


def test_a_page_that_fails_in_a_worker_fails_the_build(tmp_path, monkeypatch):
    workers, *_ = start(tmp_path, monkeypatch, fail="browse-3")
    with pytest.raises(PluginError) as failure:
        workers.join(CONFIG)
    assert "browse-3 cannot be rendered" in str(failure.value)
    assert "ValueError" in str(failure.value)


def test_a_worker_that_fails_on_its_first_page(tmp_path, monkeypatch):
    workers, *_ = start(tmp_path, monkeypatch, fail="case-1")
    with pytest.raises(PluginError, match="case-1 cannot be rendered"):
        workers.join(CONFIG)


def test_what_a_worker_logs_is_logged_by_the_build(tmp_path, monkeypatch, caplog):
    """Once, by the build's own logger, so `mkdocs build --strict` counts it."""
    workers, *_ = start(tmp_path, monkeypatch, warn="browse-5")
    with caplog.at_level(logging.INFO):
        workers.join(CONFIG)
    warnings = [r for r in caplog.records if r.levelno == logging.WARNING]
    assert [(r.name, r.getMessage()) for r in warnings] == [
        ("mkdocs.plugins.caseshelf", "browse-5: a warning")]
    warnings[0].expected = True


def test_a_failed_build_ends_its_workers(tmp_path, monkeypatch):
    workers, *_ = start(tmp_path, monkeypatch, slow="case-1")
    pid = workers.children[0][0]
    started = time.monotonic()
    workers.stop()
    assert time.monotonic() - started < 10
    with pytest.raises(ChildProcessError):
        os.waitpid(pid, os.WNOHANG)  # ended and reaped


def test_work_spread_over_processes_comes_back_whole():
    def square(share: list) -> list:
        return [(n, n * n, os.getpid()) for n in share]

    results = parallel.spread(square, list(range(10)), 2)
    assert sorted((n, sq) for n, sq, _ in results) == [(n, n * n) for n in range(10)]
    pids = {n % 2: pid for n, _, pid in results}
    assert pids[0] == os.getpid() != pids[1]  # every other item done by a worker
    assert parallel.spread(square, [1, 2], 1) == [(1, 1, os.getpid()), (2, 4, os.getpid())]


def test_work_that_fails_in_a_worker_fails_the_build():
    def fail_in_worker(share: list) -> list:
        if 1 in share:
            raise ValueError("item 1 cannot be done")
        return share

    with pytest.raises(PluginError, match="item 1 cannot be done"):
        parallel.spread(fail_in_worker, [0, 1, 2, 3], 2)


def test_how_many_processes():
    assert parallel.processes(3, 10) == 3  # as configured, however few the pages
    assert parallel.processes(None, parallel.MINIMUM_PAGES - 1) == 1
    assert parallel.processes(None, parallel.MINIMUM_PAGES) == len(os.sched_getaffinity(0))


@pytest.mark.parametrize(("html", "placed"), [
    ('<a href="#challenge">', False),
    ('<a class="headerlink" href="#x" title="Permanent link">', False),
    ('<a href="https://example.org/x">', False),
    ("<a href='mailto:someone@example.org'>", False),
    ('<a href="../about/">', True),
    ('<img src="images/map.png">', True),
    ('<img alt="" src=../map.png>', True),
    ('<a href = "other/">', True),
])
def test_which_html_depends_on_the_page_it_is_on(html, placed):
    assert bool(conversion._PLACED.search(html)) is placed


def test_conversions_are_mkdocs_own_and_shared_only_where_the_place_does_not_matter(tmp_path):
    """Four generated pages, two texts, each shown in two languages: the text whose HTML
    holds only anchors and other sites' addresses is converted once; the one with a link
    to another page of the site, once for each page. Every page reads as MkDocs' own
    Page.render makes it, though one converter served them all."""
    (tmp_path / "docs").mkdir()
    (tmp_path / "mkdocs.yml").write_text("site_name: t\nmarkdown_extensions: [toc, footnotes]\n",
                                         encoding="utf-8")
    config = load_config(config_file=str(tmp_path / "mkdocs.yml"))
    config.plugins._current_plugin = "caseshelf"  # as while its on_files runs
    free = "## Part\n\nSee [the web](https://example.org/) and [below](#part).[^1]\n\n[^1]: A note.\n"
    placed = "## Other\n\nSee [about](../about.md).\n"
    conversions = conversion.Conversions()
    files = Files([File.generated(config, uri, content="# About\n")
                   for uri in ("about.md", "fr/about.md")])
    pages = []
    for uri, text in [("cases/a.md", free), ("fr/cases/a.md", free),
                      ("cases/b.md", placed), ("fr/cases/b.md", placed)]:
        file = conversion.generated_page(config, uri, text, None, conversions)
        files.append(file)
        pages.append(file.page)
    for page in pages:
        page.read_source(config)
        page.render(config, files)
    assert list(conversions.kept) == [free]
    assert pages[0].content is pages[1].content  # converted once
    assert pages[2].content == pages[3].content and pages[2].content is not pages[3].content
    assert pages[1].links_to_anchors == {files.get_file_from_path("fr/cases/a.md"):
                                         {"part": "#part", "fn:1": "#fn:1",
                                          "fnref:1": "#fnref:1"}}  # its own anchors
    for page in pages:
        plain = Page(None, File.generated(config, page.file.src_uri, content=page.markdown),
                     config)
        plain.read_source(config)
        plain.render(config, files)
        assert (page.content, str(page.toc), page.present_anchor_ids) == (
            plain.content, str(plain.toc), plain.present_anchor_ids)


def _with(folder: Path, option: str) -> Path:
    config = folder / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    assert "      licence: CC-BY-4.0\n" in text
    config.write_text(text.replace("      licence: CC-BY-4.0\n",
                                   f"      licence: CC-BY-4.0\n      {option}\n"),
                      encoding="utf-8")
    return config


def _files(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes()
            for p in sorted(site.rglob("*")) if p.is_file()}


@pytest.mark.build
def test_the_fast_build_is_the_plain_one_byte_for_byte(tmp_path, monkeypatch):
    """The project in all its languages: once as MkDocs alone would render it (one process,
    every page's Markdown converted, every part of the frame and every listing item rendered,
    no cache), once with two processes, conversions shared, the frame's shared parts and the
    items rendered once (a cold build, which fills the cache), and once more so (a warm
    build, from the cache)."""
    plain_folder = copy_project(tmp_path / "plain")
    with monkeypatch.context() as patch:
        patch.setattr(templating, "share_parts", lambda env: None)
        patch.setattr(templating, "ROOT", None)
        patch.setattr(conversion.GeneratedPage, "render", Page.render)
        plain = _build(load_config(config_file=str(_with(plain_folder,
                                                         "workers: 1\n      cache: false"))))
    assert not (plain_folder / ".cache").exists()
    fast_config = str(_with(copy_project(tmp_path / "fast"), "workers: 2"))
    cold = _files(_build(load_config(config_file=fast_config)))
    checked: list[str] = []
    with monkeypatch.context() as patch:
        check_text = checker.check_text
        patch.setattr(checker, "check_text",
                      lambda name, *args, **options: checked.append(name)
                      or check_text(name, *args, **options))
        warm_config = load_config(config_file=fast_config)
        warm = _files(_build(warm_config))
    store = warm_config.plugins["caseshelf"].conversions.store
    assert checked == []  # every case file's check came from the cache
    assert store.hits == len(store.entries) > 30  # and every text converted ahead
    first = _files(plain)
    for second in (cold, warm):
        assert sorted(first) == sorted(second)
        assert [name for name in first if first[name] != second[name]] == []
    # what the comparison covers: case and browse pages of every language, in the
    # navigation or not, and the search index
    assert {"cases/india-project-rangeet/index.html", "fr/explore/index.html",
            "ar/countries/bd/index.html", "sitemap.xml"} <= set(first)
    assert any(name.startswith("pagefind/index/") for name in first)


def test_a_conversion_kept_by_another_version_is_never_used(tmp_path):
    """The conversions kept between builds are found by their text under a fingerprint of
    everything else they depend on; another fingerprint's file gives none."""
    config = {"markdown_extensions": ["toc", "tables"], "mdx_configs": {"toc": {"permalink": True}}}
    kept = conversion.Conversions()
    kept.keep_in(tmp_path, config)
    kept.store.put(conversion.text_key("# Title"), ["<h1>poisoned</h1>", [], None, [], {}])
    assert kept.store.save()
    again = conversion.Conversions()
    again.keep_in(tmp_path, config)
    assert again.store.get(conversion.text_key("# Title"))[0] == "<h1>poisoned</h1>"
    other = dict(config, mdx_configs={"toc": {"permalink": False}})
    for changed in (other, dict(config, markdown_extensions=["toc"])):
        elsewhere = conversion.Conversions()
        elsewhere.keep_in(tmp_path, changed)
        assert elsewhere.store.entries == {}
    assert conversion.fingerprint(config) == conversion.fingerprint(dict(config))
