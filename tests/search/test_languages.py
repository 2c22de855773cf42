"""Search in every language, in Chromium: Chinese and Japanese split into words, short
excerpts, right-to-left text marked as such, on the web (header box, Explore) and offline
(from file://).

The site holds the translated fixtures (tests/fixtures/languages, their headings replaced
with the English ones, so the test does not depend on the validator's native headings), a
second Chinese case and a Japanese one written here, and some English cases, among them
the originals of the Chinese and Arabic fixtures.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import zipfile

import pytest
import yaml

from caseshelf.editions import build as editions
from caseshelf.search.pagefind import MERGE, OUTPUT
from support.browser import Watched, serve
from support.samples import FIXTURES, HEAD, ROOT
from support.sitebuild import build_site, fragments

pytestmark = [pytest.mark.browser, pytest.mark.build]

HEADINGS = ("Challenge", "Innovation", "Results", "Lessons learned")
ENGLISH = ("india-project-rangeet", "southeast-asia-public-sector-innovation-strategies",
           "south-africa-cpsi-undp-partnership", "bangladesh-nationwide-telehealth")


def english_headings(text: str) -> str:
    """The fixture with its four section headings in English, in the same order."""
    names = iter(HEADINGS)
    return re.sub(r"^## .+$", lambda _: f"## {next(names)}", text, flags=re.MULTILINE)


def written_case(title: str, summary: str, language: str, sentences: list[str]) -> str:
    """A case in another language: the sample's fields, these texts, English headings."""
    head = re.sub(r"^title: .*$", f"title: {title}", HEAD, flags=re.MULTILINE)
    head = re.sub(r"^summary: .*$", f"summary: {summary}", head, flags=re.MULTILINE)
    body = sentences[0] + "".join(f"\n\n## {h}\n\n{s}" for h, s in zip(HEADINGS, sentences[1:],
                                                                         strict=True))
    return f"---\n{head}language: {language}\n---\n{body}\n"


WRITTEN = {  # 政府 inside a sentence in the Chinese one, not in the Japanese one
    "kiosks-zh.md": written_case(
        "社区反馈服务亭", "当地政府在服务中心设置反馈服务亭，让居民为所获得的服务评分。", "zh",
        ["当地政府询问居民对服务中心的看法。", "居民没有简便的方法说明办事体验如何。",
         "出口处的服务亭只问一个问题并记录答案。", "资料来源报告服务亭正在使用。",
         "一次只问一个问题。"]),
    "kiosks-ja.md": written_case(
        "住民の声を聞く意見端末",
        "市役所はサービスセンターに意見端末を設置し、住民が受けたサービスを評価できるようにした。",
        "ja",
        ["市は住民にサービスセンターについての意見を尋ねた。",
         "住民には、窓口での体験を伝える簡単な方法がなかった。",
         "出口の端末が一つの質問をし、回答を記録する。", "資料によると、端末は使われている。",
         "一度に一つの質問をする。"]),
}


def site_cases() -> dict[str, str]:
    cases = {f"{slug}.md": (ROOT / "cases" / f"{slug}.md").read_text(encoding="utf-8")
             for slug in ENGLISH}
    for path in sorted((FIXTURES / "languages").glob("*.md")):
        cases[path.name] = english_headings(path.read_text(encoding="utf-8"))
    return cases | WRITTEN


def front_matter(text: str) -> dict:
    return yaml.safe_load(text.split("---\n")[1])


CASES = {name.removesuffix(".md"): front_matter(text) for name, text in site_cases().items()}


def title(slug: str) -> str:
    return CASES[slug]["title"]


# (word, the cases that hold it): one word for each language the issue names
WORDS = [
    ("政府", ["southeast-asia-public-sector-innovation-strategies-zh", "kiosks-zh"]),
    ("意見", ["kiosks-ja"]),
    ("numérique", ["georgia-e-governance-service-delivery-fr"]),
    ("Казахстан", ["kazakhstan-access-to-public-services-ru"]),
    ("أفريقيا", ["south-africa-cpsi-undp-partnership-ar"]),
]
ARABIC = "south-africa-cpsi-undp-partnership-ar"


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    folder = tmp_path_factory.mktemp("languages")
    build_site(folder, site_cases())
    return folder


@pytest.fixture(scope="module")
def site(project):
    return project / "site"


@pytest.fixture
def visit(site, browser):
    with serve(site) as base:
        context = browser.new_context()
        watched = Watched(context.new_page())
        yield base, watched.page
        context.close()
        assert watched.errors == []
        assert [url for url in watched.requests if not url.startswith(base)] == []


def test_chinese_and_japanese_pages_have_bundles_of_their_own(site):
    """Pagefind splits text into words in an index of its language only, and the browser
    reads one language of a bundle: the Chinese and the Japanese case pages are indexed in a
    bundle each, which the site's bundle lists for merging, and in no other."""
    merged = json.loads((site / OUTPUT / MERGE).read_text(encoding="utf-8"))
    assert merged == [{"path": "pagefind-ja/", "language": "ja"},
                      {"path": "pagefind-zh/", "language": "zh"}]
    by_language = {language: {url.strip("/").removeprefix("cases/")
                              for url in fragments(site / f"pagefind-{language}")}
                   for language in ("ja", "zh")}
    assert by_language == {"ja": {"kiosks-ja"},
                           "zh": {"kiosks-zh",
                                  "southeast-asia-public-sector-innovation-strategies-zh"}}
    primary = fragments(site / OUTPUT)
    assert not [url for url in primary if url.endswith(("-zh/", "-ja/"))]
    assert "/cases/south-africa-cpsi-undp-partnership-ar/" in primary
    # a merged bundle holds the index only: Pagefind's scripts and WASM are the site's
    assert sorted(p.name for p in (site / "pagefind-zh").iterdir() if p.is_file())[0] == \
        "pagefind-entry.json"
    assert not list((site / "pagefind-zh").glob("*.js")) + list(
        (site / "pagefind-zh").glob("wasm.*"))
    # Chinese text is stored word by word (zero-width spaces between words), 政府 one of them
    record = fragments(site / "pagefind-zh")["/cases/kiosks-zh/"]
    assert "\u200b政府\u200b" in record["content"]


def test_the_bundles_are_the_same_bytes_on_every_build(site, tmp_path):
    other = build_site(tmp_path / "again", site_cases())
    bundles = ["pagefind", "pagefind-ja", "pagefind-zh"]
    first, second = ({p.relative_to(root).as_posix(): p.read_bytes()
                      for name in bundles for p in sorted((root / name).rglob("*"))
                      if p.is_file()} for root in (site, other))
    assert sorted(first) == sorted(second)
    assert [name for name in first if first[name] != second[name]] == []


def shown_results(page) -> list[dict]:
    return page.evaluate("""() => [...document.querySelectorAll('.cs-search__list li')].map(
        (li) => { const a = li.querySelector('a'), p = li.querySelector('.cs-search__excerpt');
          return {title: a.textContent, lang: a.lang, dir: getComputedStyle(a).direction,
                  excerpt: p.textContent, excerptLang: p.lang,
                  excerptDir: getComputedStyle(p).direction,
                  marked: [...p.querySelectorAll('mark')].map((m) => m.textContent)}; })""")


@pytest.mark.parametrize(("word", "holders"), WORDS, ids=[w for w, _ in WORDS])
def test_the_header_search_finds_a_word_of_any_language(visit, word, holders):
    """A reader of the English site finds the cases that hold the word, and only those,
    each with a short excerpt in which the word is marked."""
    base, page = visit
    page.goto(base + "cases/india-project-rangeet/")
    page.fill("#cs-q", word)
    page.locator(".cs-search__list li").first.wait_for(timeout=15000)
    page.wait_for_timeout(400)  # the debounced search has settled
    results = shown_results(page)
    assert sorted(r["title"] for r in results) == sorted(title(slug) for slug in holders)
    for result in results:
        slug = next(s for s in holders if title(s) == result["title"])
        assert len(result["excerpt"]) < 300, result["excerpt"]
        assert result["marked"] and all(word.casefold() in m.casefold()
                                        for m in result["marked"]), result["marked"]
        language = CASES[slug]["language"]
        expected = "rtl" if language == "ar" else "ltr"
        assert (result["lang"], result["excerptLang"]) == (language, language)
        assert (result["dir"], result["excerptDir"]) == (expected, expected)
    n = len(holders)
    assert page.inner_text(".cs-search__more") == ("1 result" if n == 1 else f"All {n} results")


def explore_results(page) -> list[dict]:
    return page.evaluate("""() => [...document.querySelectorAll('.cs-explore__results li')].map(
        (li) => { const a = li.querySelector('.cs-title'), p = a.nextElementSibling;
          return {title: a.textContent, lang: a.lang, dir: getComputedStyle(a).direction,
                  summary: p.textContent, summaryLang: p.lang,
                  summaryDir: getComputedStyle(p).direction}; })""")


def wait_for_cases(page, count: int) -> None:
    page.wait_for_function("n => document.querySelector('.cs-explore__status').textContent"
                           " == n + (n == 1 ? ' case' : ' cases')"
                           " && document.querySelectorAll('.cs-explore__results li').length == n",
                           arg=count, timeout=15000)


@pytest.mark.parametrize(("word", "holders"), WORDS, ids=[w for w, _ in WORDS])
def test_explore_finds_a_word_of_any_language(visit, word, holders):
    base, page = visit
    page.goto(base + "explore/?q=" + word)
    wait_for_cases(page, len(holders))
    results = explore_results(page)
    assert sorted(r["title"] for r in results) == sorted(title(slug) for slug in holders)
    for result in results:
        slug = next(s for s in holders if title(s) == result["title"])
        assert result["summary"] == CASES[slug]["summary"]
        language = CASES[slug]["language"]
        expected = "rtl" if language == "ar" else "ltr"
        assert (result["lang"], result["summaryLang"]) == (language, language)
        assert (result["dir"], result["summaryDir"]) == (expected, expected)


def test_an_arabic_result_reads_right_to_left(visit):
    """The title and text of an Arabic case are right to left among English results; the
    countries, in the site's language, are not."""
    base, page = visit
    page.goto(base + "explore/?q=" + "أفريقيا")
    wait_for_cases(page, 1)
    directions = page.evaluate("""() => [...document.querySelectorAll(
        '.cs-explore__results li > *')].map((e) => [e.lang, getComputedStyle(e).direction])""")
    assert directions == [["ar", "rtl"], ["ar", "rtl"], ["", "ltr"]]


def test_explore_counts_and_lists_the_merged_cases(visit):
    """With no query, and filtered by the country of the Chinese case, Explore lists the
    cases of every bundle and counts them in its filters."""
    base, page = visit
    page.goto(base + "explore/")
    wait_for_cases(page, len(CASES))
    assert sorted(r["title"] for r in explore_results(page)) == sorted(map(title, CASES))
    page.goto(base + "explore/?country=my")
    in_malaysia = [slug for slug, fields in CASES.items() if "MY" in fields["countries"]]
    assert len(in_malaysia) == 2  # the Chinese fixture and its English original
    wait_for_cases(page, len(in_malaysia))
    assert sorted(r["title"] for r in explore_results(page)) == sorted(map(title, in_malaysia))
    assert country_and_theme_counts(page) == expected_counts(in_malaysia)


def country_and_theme_counts(page) -> dict[tuple[str, str], int]:
    """The counts Explore shows beside each country and theme, those above 0."""
    return {(name, value): int(n) for name, value, n in page.evaluate(
        """() => [...document.querySelectorAll('.cs-explore__facet input')].map((i) => [
        i.name, i.value, i.parentElement.querySelector('.cs-count').textContent])""")
        if int(n) and name in ("country", "theme")}


def expected_counts(slugs: list[str]) -> dict[tuple[str, str], int]:
    """The same counts, from the case files of these cases."""
    expected: dict[tuple[str, str], int] = {}
    for slug in slugs:
        for name, field in (("country", "countries"), ("theme", "themes")):
            for value in CASES[slug][field]:
                expected[name, value.lower()] = expected.get((name, value.lower()), 0) + 1
    return expected


@pytest.fixture(scope="module")
def batched(tmp_path_factory):
    """The same cases with at most four pages in one Pagefind index (the plugin's
    `search_batch`): the English pages in batches, each later one a bundle the scripts
    merge."""
    return build_site(tmp_path_factory.mktemp("batched"), site_cases(), search_batch=4)


def test_search_and_explore_find_every_case_across_batches(batched, browser):
    """A site indexed in batches finds what a site indexed in one go finds: each word's
    cases in the header search, and every case, and a country's counts, in Explore."""
    merged = json.loads((batched / OUTPUT / MERGE).read_text(encoding="utf-8"))
    assert len([m for m in merged if m["language"] == "en"]) >= 5
    with serve(batched) as base:
        context = browser.new_context()
        watched = Watched(context.new_page())
        page = watched.page
        for word, holders in WORDS:
            page.goto(base + "cases/india-project-rangeet/")
            page.fill("#cs-q", word)
            page.locator(".cs-search__list li").first.wait_for(timeout=15000)
            page.wait_for_timeout(400)
            assert sorted(r["title"] for r in shown_results(page)) == sorted(
                title(slug) for slug in holders), word
        page.goto(base + "explore/")
        wait_for_cases(page, len(CASES))
        assert sorted(r["title"] for r in explore_results(page)) == sorted(map(title, CASES))
        page.goto(base + "explore/?country=my")
        in_malaysia = [slug for slug, fields in CASES.items() if "MY" in fields["countries"]]
        wait_for_cases(page, len(in_malaysia))
        assert country_and_theme_counts(page) == expected_counts(in_malaysia)
        context.close()
    assert watched.errors == []

@pytest.fixture(scope="module")
def offline_home(project, tmp_path_factory):
    """The home page of the offline edition of the same cases, unpacked, as a file:// URL."""
    config = (project / "mkdocs.yml").read_text(encoding="utf-8").replace(
        "      page_size:", "      edition: !ENV [CASESHELF_EDITION, web]\n      page_size:")
    (project / "offline.yml").write_text(config, encoding="utf-8")
    folder = tmp_path_factory.mktemp("offline")
    archive = editions.offline_zip(project / "offline.yml", folder / "dist",
                                   dt.date(2026, 1, 15))
    zipfile.ZipFile(archive).extractall(folder)
    return (folder / archive.stem / "index.html").as_uri()


def offline_search(browser, home: str, word: str) -> list[dict]:
    context = browser.new_context()
    watched = Watched(context.new_page())
    view = watched.page
    view.goto(home)
    view.fill("#cs-q", word)
    view.locator(".cs-search__more").wait_for(timeout=10000)
    shown = shown_results(view)
    context.close()
    assert watched.errors == []
    assert [url for url in watched.requests if not url.startswith("file://")] == []
    return shown


@pytest.mark.parametrize(("word", "holders"), WORDS, ids=[w for w, _ in WORDS])
def test_the_offline_search_finds_a_word_of_any_language(browser, offline_home, word, holders):
    """Offline, a run of Chinese or Japanese characters is held as its pairs of characters,
    and a query is split the same way."""
    shown = offline_search(browser, offline_home, word)
    assert sorted(r["title"] for r in shown) == sorted(title(slug) for slug in holders)


def test_the_offline_search_marks_an_arabic_result_right_to_left(browser, offline_home):
    shown = offline_search(browser, offline_home, "أفريقيا")
    assert [r["title"] for r in shown] == [title(ARABIC)]
    assert (shown[0]["lang"], shown[0]["dir"]) == ("ar", "rtl")
    assert (shown[0]["excerptLang"], shown[0]["excerptDir"]) == ("ar", "rtl")
