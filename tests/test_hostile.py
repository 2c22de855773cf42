"""Hostile content never runs. Every vector of tests/fixtures/xss_vectors.txt goes into every
string field of a case and into its body. Each (vector, field) is either refused by the
validator, naming the file and line, or built into a real site whose pages, loaded in
Chromium, run none of it: the sentinel window.__xss stays unset, no dialog opens, nothing
is asked of another site, and the text shows as text."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
from pathlib import Path

import feedparser
import markdown
import pytest
import yaml

from caseshelf.cases import checker, citation, reporter
from caseshelf.cases.problems import Severity
from caseshelf.editions import build as editions
from caseshelf.site.facets import build_facets
from caseshelf.site.sanitise import sanitise
from caseshelf.site.templating import compact_json
from support.browser import serve
from support.hostile_cases import BODIES, case_file, load_vectors, string_fields
from support.sitebuild import ROOT, build_site

pytestmark = [pytest.mark.browser, pytest.mark.build]

TODAY = dt.date(2026, 1, 15)
VECTORS = load_vectors()
FIELDS = [*string_fields(), *BODIES]
SITE_NAME = "caseshelf test"


def project_markdown() -> list:
    """The project's markdown_extensions (mkdocs.yml), so hostile text is rendered as the real
    site renders it (attribute lists, permalinks, tables, admonitions)."""

    class Loader(yaml.SafeLoader):
        pass

    Loader.add_multi_constructor("!", lambda loader, suffix, node: None)  # !ENV
    return yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"),
                     Loader=Loader)["markdown_extensions"]


def render(text: str) -> str:
    """Markdown to HTML with the project's extensions and those MkDocs always adds."""
    names, configs = ["toc", "tables", "fenced_code"], {}
    for item in project_markdown():
        name, config = next(iter(item.items())) if isinstance(item, dict) else (item, {})
        names.append(name)
        configs[name] = config or {}
    return markdown.markdown(text, extensions=list(dict.fromkeys(names)),
                             extension_configs=configs)


# What a page looks like to the tests, read in the browser after it has loaded: the
# sentinel, event-handler attributes (other than the one our templates write), addresses
# that are not web or mail addresses (as the browser resolves them, so tabs and entities are
# already gone), script elements that mention the sentinel, and elements that embed or
# redirect.
INSPECT = """() => {
  const ours = new Set(["return false"]);
  const urlish = new Set(["href", "src", "action", "formaction", "xlink:href", "data",
    "background", "poster", "ping", "codebase", "cite", "to", "values", "from", "by"]);
  const safe = new Set(["http:", "https:", "mailto:", "file:"]);
  const found = {xss: typeof window.__xss, handlers: [], urls: [], scripts: [], embeds: []};
  for (const el of document.querySelectorAll("*")) {
    for (const a of el.attributes) {
      const name = a.name.toLowerCase();
      if (name.startsWith("on") && !ours.has(a.value)) found.handlers.push(el.tagName + " " + name);
      if (name === "srcdoc") found.urls.push(el.tagName + " srcdoc");
      if (urlish.has(name) || name.endsWith(":href")) {
        let scheme = "unparsable:";
        try { scheme = new URL(a.value, document.baseURI).protocol; } catch (e) {}
        if (!safe.has(scheme) && /^(href|src|action|formaction|data|xlink:href)$/.test(name))
          found.urls.push(el.tagName + " " + name + " " + scheme);
        // as a browser reads an address: tabs and line breaks dropped, leading controls too
        const plain = a.value.replace(/[\\t\\n\\r]/g, "").replace(/^[\\u0000-\\u0020]+/, "");
        if (/^(java|vb)script:/i.test(plain))
          found.urls.push(el.tagName + " " + name + " " + a.value.slice(0, 40));
      }
    }
  }
  for (const s of document.querySelectorAll("script"))
    if (!/json/.test(s.type) && /_xss/.test(s.text + s.src)) found.scripts.push(s.outerHTML.slice(0, 60));
  for (const el of document.querySelectorAll(
      "iframe, frame, object, embed, applet, base, meta[http-equiv], portal, form:not(.cs-search):not(.cs-explore__form)"))
    found.embeds.push(el.outerHTML.slice(0, 60));
  return found;
}"""
INERT = {"xss": "undefined", "handlers": [], "urls": [], "scripts": [], "embeds": []}


@pytest.fixture(scope="module")
def verdicts(tmp_path_factory) -> dict[tuple[int, object], tuple[Path, tuple, list]]:
    """(vector number, field) -> (file, lines of the vector, errors there) for every pair.
    A vector goes into every field of one case at once: the rules report each value at its
    own line, and every error must be at one of the vector's places (so no error about the
    whole file passes for a refusal); what is left is checked again, alone, by `hostile`."""
    folder = tmp_path_factory.mktemp("verdicts")
    found = {}
    for n, vector in enumerate(VECTORS):
        text, where = case_file(n, {field: vector for field in FIELDS})
        path = folder / f"hostile-{n:03d}.md"
        path.write_text(text, encoding="utf-8")
        problems = checker.check_file(path, TODAY).problems
        assert [p for p in problems if p.severity != Severity.ERROR] == [], vector
        lines = {line for first, last in where.values() for line in range(first, last + 1)}
        assert {p.line for p in problems} <= lines, (vector, reporter.as_text(problems))
        for field in FIELDS:
            first, last = where[field]
            found[n, field] = (path, (first, last),
                               [p for p in problems if first <= p.line <= last])
    return found


@pytest.fixture(scope="module")
def accepted(verdicts) -> dict[int, list]:
    """Vector number -> the fields the validator let it into."""
    fields: dict[int, list] = {}
    for (n, field), (_, _, errors) in verdicts.items():
        if not errors:
            fields.setdefault(n, []).append(field)
    return fields


def test_the_corpus_covers_every_string_field():
    assert len(VECTORS) >= 150 and len(set(VECTORS)) == len(VECTORS)
    names = {field[0] for field in FIELDS if field not in BODIES}
    assert {"title", "summary", "countries", "source", "organisations", "tags", "awards",
            "links", "language", "level_of_government"} <= names
    assert ("source", "url") in FIELDS and ("links", 0, "url") in FIELDS


def test_refused_cases_are_refused_at_their_file_and_line(verdicts):
    for (n, field), (path, (first, last), errors) in verdicts.items():
        if not errors:
            continue
        first_error = errors[0]
        assert first_error.path == str(path) and first <= first_error.line <= last, (n, field)
        assert reporter.as_text([first_error]).startswith(
            f"{path}:{first_error.line}:{first_error.col}: error: ")
        assert len(first_error.message) > 20, first_error.message


@pytest.fixture(scope="module")
def hostile(tmp_path_factory, accepted):
    """One case per accepted vector, holding it in every field that accepted it; the site
    built from them; and the cases as the checker reads them."""
    folder = tmp_path_factory.mktemp("hostile")
    (folder / "cases").mkdir()
    for n, fields in accepted.items():
        text, _ = case_file(n, {field: VECTORS[n] for field in fields})
        (folder / "cases" / f"hostile-{n:03d}.md").write_text(text, encoding="utf-8")
    report = checker.check_paths([folder / "cases"], TODAY)
    assert report.problems == [], reporter.as_text(report.problems)
    site = build_site(folder, folder / "cases", page_size=1000,
                      extra=yaml.safe_dump({"markdown_extensions": project_markdown()}))
    return folder, site, sorted(report.cases, key=lambda c: c.slug)


class Visitor:
    """One browser tab that records dialogs and requests, and checks each page it opens."""

    def __init__(self, browser, base: str):
        self.context = browser.new_context()
        self.page = self.context.new_page()
        self.base = base
        self.dialogs: list[str] = []
        self.requests: list[str] = []
        self.page.on("dialog", lambda d: (self.dialogs.append(d.message), d.dismiss()))
        self.page.on("request", lambda r: self.requests.append(r.url))

    def open(self, path: str) -> None:
        self.page.goto(self.base + path, wait_until="load")
        self.check(path)

    def check(self, where: str) -> None:
        self.page.evaluate("() => new Promise(r => requestAnimationFrame(() => setTimeout(r, 20)))")
        assert self.page.evaluate(INSPECT) == INERT, where
        assert self.dialogs == [], where
        unexpected = [u for u in self.requests if not u.startswith(self.base)]
        assert unexpected == [], where

    def text(self, selector: str) -> str:
        return self.page.locator(selector).first.text_content()

    def close(self) -> None:
        self.context.close()


def as_title(text: str) -> str:
    """document.title as browsers give it: ASCII white space collapsed and trimmed."""
    return re.sub(r"[ \t\n\f\r]+", " ", text).strip(" ")


def check_case_page(visit: Visitor, case, url: str) -> None:
    """The case's own text is shown intact, as text, in the page and in its metadata."""
    page = visit.page
    assert visit.text("article h1") == case.title
    assert visit.text(".cs-summary") == case.summary
    assert page.title() == as_title(f"{case.title} - {SITE_NAME}")
    assert visit.text("[data-md-component=header-topic] .md-ellipsis").strip() == case.title.strip()
    meta = page.evaluate("""() => Object.fromEntries([...document.querySelectorAll(
        'meta[name=description], meta[property^="og:"]')].map(m =>
        [m.getAttribute('name') || m.getAttribute('property'), m.getAttribute('content')]))""")
    assert meta == {"description": case.summary, "og:type": "article", "og:title": case.title,
                    "og:description": case.summary}
    ld = page.evaluate("""() => JSON.parse(document.querySelector(
        'script[type="application/ld+json"]').textContent)""")
    assert ld["headline"] == case.title and ld["description"] == case.summary
    assert ld == citation.json_ld(case, url, SITE_NAME, "CC-BY-4.0")
    source = visit.text(".cs-source")
    assert case.source.title in source and case.source.body in source
    assert f"({case.source.licence})" in source
    panel = page.evaluate("""() => Object.fromEntries([...document.querySelectorAll(
        '.cs-panel dt')].map((dt) => [dt.textContent, dt.nextElementSibling.textContent]))""")
    assert all(o in panel["Organisations"] for o in case.organisations)
    assert all(a in panel["Awards"] for a in case.awards)
    assert all(t in panel["Tags"] for t in case.tags)
    assert [link.title for link in case.links] == page.locator(
        ".cs-source + ul li a").all_text_contents()
    assert page.locator("h2#cite").count() == 1  # nothing in the body swallowed the rest


def test_hostile_case_pages_run_no_script(hostile, browser):
    folder, site, cases = hostile
    urls = [f"cases/{case.slug}/" for case in cases]
    with serve(site) as base:
        visit = Visitor(browser, base)
        for case, url in zip(cases, urls, strict=True):
            visit.open(url)
            check_case_page(visit, case, url)
        visit.close()


def test_listings_show_hostile_text_as_text(hostile, browser):
    folder, site, cases = hostile
    titles = sorted(case.title for case in cases)
    sources = build_facets(cases)["sources"].values
    shown = {  # page -> (what lists the cases there, what it should list)
        "countries/za/": (".cs-list .cs-title", titles),
        "matchmaking/": (".cs-match td:first-child a", titles),
        "sources/": (".cs-values a", sorted(case.source.body for case in cases)),
        "": (".cs-list .cs-title", None), "countries/ke/": ("h1", None), "map/": ("h1", None),
        "explore/": ("h1", None),
    }
    with serve(site) as base:
        visit = Visitor(browser, base)
        for url, (selector, expected) in shown.items():
            visit.open(url)
            listed = visit.page.locator(selector).all_text_contents()
            assert listed and (expected is None or sorted(listed) == expected), url
        for value in sources:  # a source's page is titled with its name
            visit.open(f"sources/{value.key}/")
            assert visit.text("article h1") == value.label
            assert visit.page.title() == as_title(f"{value.label} - {SITE_NAME}")
            assert visit.text("[data-md-component=header-topic] .md-ellipsis").strip() == \
                value.label.strip()
        visit.close()


def test_search_results_show_hostile_text_as_text(hostile, browser):
    folder, site, cases = hostile
    by_title = {case.title: case for case in cases}
    with serve(site) as base:
        visit = Visitor(browser, base)
        page = visit.page
        # Explore: every hostile case, its title and summary written by the script
        page.goto(base + "explore/?q=kiosks")
        page.wait_for_function(
            f"document.querySelector('.cs-explore__status').textContent == '{len(cases)} cases'")
        while page.is_visible(".cs-explore__more"):  # hidden once every result is shown
            page.click(".cs-explore__more")
            page.wait_for_timeout(100)
        page.wait_for_function(f"document.querySelectorAll('.cs-explore__results li').length "
                               f"== {len(cases)}")
        items = page.locator(".cs-explore__results li")
        shown = {items.nth(i).locator("a").text_content(): items.nth(i).locator("p").first
                 .text_content() for i in range(items.count())}
        squeeze = " ".join  # Pagefind collapses white space in what it stores
        assert {squeeze(t.split()): squeeze(s.split()) for t, s in shown.items()} == {
            squeeze(t.split()): squeeze(c.summary.split()) for t, c in by_title.items()}
        visit.check("explore")
        # the header box: excerpts come from the bodies, where the vectors are
        for word in ("says", "end", "zq"):
            page.fill("#cs-q", "")
            page.fill("#cs-q", word)
            page.locator(".cs-search__list li").first.wait_for(timeout=15000)
            page.wait_for_timeout(300)  # the debounced search has settled
            titles = {" ".join(title.split()) for title in by_title}
            for title in page.locator(".cs-search__title").all_text_contents():
                assert " ".join(title.split()) in titles
            visit.check(f"search {word}")
            assert page.locator(".cs-search__excerpt mark").count() > 0
        # every excerpt Pagefind hands to the script holds no markup but <mark>
        excerpts = page.evaluate("""async () => {
            const pf = await import('/pagefind/pagefind.js');
            const search = await pf.search('says');
            return Promise.all(search.results.map(async r => (await r.data()).excerpt));
        }""")
        assert len(excerpts) == len(cases)
        for excerpt in excerpts:
            assert "<" not in excerpt.replace("<mark>", "").replace("</mark>", ""), excerpt
        visit.close()


def test_open_data_holds_the_hostile_text_as_data(hostile):
    folder, site, cases = hostile
    titles = {case.title for case in cases}
    feed = feedparser.parse((site / "feed.xml").read_bytes())
    assert not feed.bozo, feed.get("bozo_exception")
    assert {entry.title for entry in feed.entries} <= titles and feed.entries
    for entry in feed.entries:
        case = next(c for c in cases if c.title == entry.title)
        assert entry.summary == case.summary and entry.author == case.source.body
    data = json.loads((site / "cases.json").read_text(encoding="utf-8"))
    assert {record["title"] for record in data["cases"]} == titles
    rows = list(csv.DictReader(io.StringIO((site / "cases.csv").read_text(encoding="utf-8"))))
    assert {row["title"] for row in rows} == titles


def test_the_offline_edition_runs_no_hostile_script(hostile, browser, tmp_path):
    folder, _, cases = hostile
    site = tmp_path / "offline"
    config = (folder / "mkdocs.yml").read_text(encoding="utf-8")
    assert "      page_size:" in config  # the edition goes beside it, under the plugin
    (folder / "offline.yml").write_text(config.replace(
        "      page_size:", "      edition: !ENV [CASESHELF_EDITION, web]\n      page_size:"))
    editions.build_site("offline", folder / "offline.yml", site)
    home = site.as_uri() + "/"
    visit = Visitor(browser, home)
    for case in cases:
        url = f"cases/{case.slug}.html"
        visit.open(url)
        check_case_page(visit, case, url)
    visit.open("index.html")
    page = visit.page
    for case in cases:  # the offline search box finds each case by its own word (in its body)
        word = "zq" + case.slug.split("-")[1]
        page.fill("#cs-q", word)
        first = page.locator(".cs-search__list li").first
        first.wait_for(timeout=10000)
        assert first.locator("a").text_content() == case.title
        assert first.locator(".cs-search__excerpt").text_content() == case.summary
        visit.check(f"offline search {word}")
    visit.close()


def test_json_ld_blocks_keep_any_title_inside(browser):
    """compact_json, which writes the JSON-LD, with titles the validator would refuse too."""
    titles = [*VECTORS, "</script><script>window.__xss=1</script>", "<!--<script>",
              "\u2028\u2029</script >", "</SCRIPT/x>", "<!--", "]]>-->"]
    blocks = "".join(f'<script type="application/ld+json">{compact_json({"headline": t})}'
                     "</script>" for t in titles)
    page = browser.new_page()
    page.set_content(f"<!doctype html><title>t</title>{blocks}<p id=end>end</p>")
    parsed = page.evaluate("""() => [...document.querySelectorAll(
        'script[type="application/ld+json"]')].map(s => JSON.parse(s.textContent).headline)""")
    assert parsed == titles
    assert page.evaluate(INSPECT) == INERT and page.text_content("#end") == "end"
    page.close()


def test_the_sanitiser_alone_leaves_nothing_that_runs(browser, tmp_path):
    """Every vector, as raw HTML and rendered from Markdown, straight to the sanitiser (no
    validator): in the browser, nothing runs, nothing is asked of another site."""
    fragments = [sanitise(html) for vector in VECTORS
                 for html in (vector, render(f"Text {vector} (end)\n\n{vector}\n"))]
    body = "".join(f"<section>{fragment}</section>" for fragment in fragments)
    (tmp_path / "index.html").write_text(f"<!doctype html><title>t</title>{body}<p id=end>end</p>",
                                         encoding="utf-8")
    with serve(tmp_path) as base:
        visit = Visitor(browser, base)
        visit.open("")
        assert visit.text("#end") == "end"
        assert visit.page.locator("section").count() == len(fragments)  # none swallowed the rest
        visit.close()


def shape(html_text: str) -> list:
    """Tags with their attributes, and text, of some HTML: what a reader gets from it."""
    from html.parser import HTMLParser

    class Shape(HTMLParser):
        def __init__(self):
            super().__init__(convert_charrefs=True)
            self.parts = []

        def handle_starttag(self, tag, attrs):
            self.parts.append((tag, sorted(attrs)))

        def handle_endtag(self, tag):
            self.parts.append("/" + tag)

        def handle_data(self, data):
            if data.strip():
                self.parts.append(data.strip())

    parser = Shape()
    parser.feed(html_text)
    return parser.parts


def test_the_sanitiser_keeps_what_markdown_writes():
    """The real cases and the contributor guide, rendered as on the site, come through the
    sanitiser with every tag, attribute and word they had."""
    sources = [*sorted((ROOT / "cases").glob("*.md")), ROOT / "docs" / "contribute.md"]
    sample = ("| a | b |\n|:--|--:|\n| `x` | [y](https://example.org/ \"t\") |\n\n"
              "!!! note \"A note\"\n    Text with **bold**, *em* and ![a map](map.png).\n\n"
              "## Heading {: #own-id .wide }\n\n1. one\n2. two\n\n> quote\n\n---\n\n"
              "<abbr title=\"United Nations\">UN</abbr> and <kbd>Ctrl</kbd><br>\n")
    for text in [path.read_text(encoding="utf-8").split("---", 2)[-1] for path in sources] + [
            sample]:
        html_text = render(text)
        assert shape(sanitise(html_text)) == shape(html_text.replace(" />", ">"))


@pytest.fixture(scope="module")
def translated(tmp_path_factory, accepted):
    """The hostile cases again, each with a French translation that holds the vector in its
    title, summary, organisations and body wherever the case took it; the site built in
    English and French; and the cases as the checker reads them."""
    folder = tmp_path_factory.mktemp("hostile-translated")
    (folder / "cases").mkdir()
    for n, fields in accepted.items():
        text, _ = case_file(n, {field: VECTORS[n] for field in fields})
        (folder / "cases" / f"hostile-{n:03d}.md").write_text(text, encoding="utf-8")
        _, head, body = text.split("---\n", 2)
        data = yaml.safe_load(head)
        translation = {"title": data["title"], "summary": data["summary"],
                       **({"organisations": data["organisations"]}
                          if data.get("organisations") else {})}
        (folder / "cases" / f"hostile-{n:03d}.fr.md").write_text(
            "---\n" + yaml.safe_dump(translation, allow_unicode=True) + "---\n" + body,
            encoding="utf-8")
    report = checker.check_paths([folder / "cases"], TODAY)
    assert report.errors == [], reporter.as_text(report.errors)
    site = build_site(folder, folder / "cases", page_size=1000, languages=("en", "fr"),
                      extra=yaml.safe_dump({"markdown_extensions": project_markdown()}))
    return site, sorted(report.cases, key=lambda c: c.slug)


def test_hostile_translations_show_as_text_and_run_no_script(translated, browser):
    site, cases = translated
    assert all(case.translation("fr") for case in cases)
    with serve(site) as base:
        visit = Visitor(browser, base)
        for case in cases:
            french = case.translation("fr")
            visit.open(f"fr/cases/{case.slug}/")
            # as text, whole (white space as HTML shows it: a title may hold a line break)
            assert visit.text("article h1").split() == french.title.split()
            assert visit.text(".cs-summary").split() == french.summary.split()
            assert visit.page.locator("h2#cite").count() == 1
        visit.open("fr/themes/")
        visit.close()
