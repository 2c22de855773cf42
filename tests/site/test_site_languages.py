"""The site in every language of `languages`, built once from the project itself (with a
site_url): every page has its versions in every language, linked both ways (hreflang, the
language menu, the sitemap); no English interface string is left on a page in another
language; every page is valid HTML (vnu) and every link resolves over HTTP; no case is
dropped from any language; and bad input fails the build, saying where."""

from __future__ import annotations

import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin

import material
import pytest
from babel.messages.pofile import read_po

from caseshelf.cases import checker
from support.browser import serve
from support.crawl import crawl, html_files
from support.sitebuild import ROOT, build_project, copy_project, page
from support.vnu import allowed, reported, vnu, where

pytestmark = pytest.mark.build

SITE_URL = "https://example.org/shelf/"
LANGUAGES = ["en", "fr", "es", "ar", "ru", "zh"]
OTHERS = LANGUAGES[1:]
LOCALES = ROOT / "plugins" / "caseshelf" / "locales"
TRANSLATED = "india-project-rangeet"  # translated into every language
UNTRANSLATED = "kazakhstan-access-to-public-services"


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    return build_project(tmp_path_factory.mktemp("languages"), site_url=SITE_URL)


def prefix(language: str) -> str:
    return "" if language == LANGUAGES[0] else f"{language}/"


def base_paths(site: Path) -> set[str]:
    """The path of every page of the default language ('cases/x/index.html'), 404 aside."""
    return {p.relative_to(site).as_posix() for p in site.rglob("*.html")
            if p.relative_to(site).parts[0] not in OTHERS and p.name != "404.html"}


def url_of(path: str) -> str:
    """The directory URL of an index.html path: 'cases/x/index.html' -> 'cases/x/'."""
    return path.removesuffix("index.html")


class Head(HTMLParser):
    """A page's <link rel="alternate" hreflang> links, its <html lang>, its language menu's
    links (hreflang, href) and its canonical URL."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.alternates: list[tuple[str, str]] = []
        self.menu: list[tuple[str, str]] = []
        self.lang = self.canonical = None
        self.in_menu = False

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "html":
            self.lang = a.get("lang")
        elif tag == "link" and a.get("rel") == "alternate" and "hreflang" in a:
            self.alternates.append((a["hreflang"], a["href"]))
        elif tag == "link" and a.get("rel") == "canonical":
            self.canonical = a["href"]
        elif tag == "ul" and a.get("class") == "md-select__list":
            self.in_menu = True
        elif tag == "a" and self.in_menu:
            self.menu.append((a["hreflang"], a["href"]))

    def handle_endtag(self, tag):
        if tag == "ul":
            self.in_menu = False


def head(site: Path, path: str) -> Head:
    parser = Head()
    parser.feed((site / path).read_text(encoding="utf-8"))
    return parser


# Every page in every language, linked both ways


def test_every_page_is_built_in_every_language(site):
    paths = base_paths(site)
    assert len(paths) > 150
    for language in OTHERS:
        there = {p.relative_to(site / language).as_posix()
                 for p in (site / language).rglob("*.html")}
        assert there == paths, language


def test_no_case_is_dropped_from_any_language(site):
    cases = checker.check_paths([ROOT / "cases"]).cases
    assert len(cases) >= 15
    for language in LANGUAGES:
        built = {p.parent.name for p in (site / prefix(language) / "cases").glob("*/index.html")}
        assert built == {case.slug for case in cases}, language


def test_hreflang_links_are_reciprocal_with_an_x_default(site):
    expected_languages = [LANGUAGES[0], "x-default", *OTHERS]
    for path in sorted(base_paths(site)):
        versions = {language: SITE_URL + prefix(language) + url_of(path)
                    for language in LANGUAGES}
        for language in LANGUAGES:
            found = head(site, prefix(language) + path)
            assert found.lang == language, path
            assert found.canonical == versions[language], (language, path)
            assert [h for h, _ in found.alternates] == expected_languages, (language, path)
            assert dict(found.alternates) == versions | {"x-default": versions["en"]}, (
                language, path)


def test_the_sitemap_lists_every_page_with_its_alternates(site):
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9",
          "x": "http://www.w3.org/1999/xhtml"}
    urls = ET.parse(site / "sitemap.xml").getroot().findall("s:url", ns)
    listed = {}
    for url in urls:
        loc = url.find("s:loc", ns).text
        listed[loc] = {link.get("hreflang"): link.get("href")
                       for link in url.findall("x:link", ns)}
    pages = {SITE_URL + prefix(language) + url_of(path)
             for path in base_paths(site) for language in LANGUAGES}
    assert set(listed) == pages
    for loc, alternates in listed.items():
        path = loc.removeprefix(SITE_URL)
        if path.split("/", 1)[0] in OTHERS:
            path = path.split("/", 1)[1]
        versions = {language: SITE_URL + prefix(language) + path for language in LANGUAGES}
        assert alternates == versions | {"x-default": versions["en"]}, loc


def test_the_language_menu_links_the_same_case_in_every_language(site):
    for slug in (TRANSLATED, UNTRANSLATED):
        for language in LANGUAGES:
            here = f"{SITE_URL}{prefix(language)}cases/{slug}/"
            found = head(site, f"{prefix(language)}cases/{slug}/index.html")
            assert [(other, urljoin(here, href)) for other, href in found.menu] == [
                (other, f"{SITE_URL}{prefix(other)}cases/{slug}/") for other in LANGUAGES], (
                language, slug)


# No English interface string on a page in another language


def material_strings(language: str) -> dict[str, str]:
    """Material's interface strings in a language, by key."""
    text = (Path(material.__file__).parent / "templates" / "partials" / "languages" /
            f"{language}.html").read_text(encoding="utf-8")
    return dict(re.findall(r'^\s*"([\w.]+)": "(.*)",?$', text, re.M))


def english_phrases(language: str) -> set[str]:
    """The English of every interface string (caseshelf's catalog and Material's) whose
    translation into `language` is not the same text, in pieces without placeholders."""
    with (LOCALES / language / "LC_MESSAGES" / "caseshelf.po").open("rb") as po:
        catalog = read_po(po)
    pairs = []
    for message in catalog:
        if not message.id:
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        pairs += [(english, " ".join(strings)) for english in ids]
    theirs = material_strings(language)
    pairs += [(english, theirs.get(key, english)) for key, english in
              material_strings("en").items() if key not in ("language", "direction")]
    phrases = set()
    for english, translated in pairs:
        for piece in re.split(r"%\(\w+\)[sd]|%[sd]|\{\w*\}|#", english):
            piece = piece.strip(" .,:;()")
            if len(piece) >= 4 and re.search(r"[A-Za-z]{3}", piece) and piece not in translated:
                phrases.add(piece)
    return phrases


class ReaderText(HTMLParser):
    """What a page says to a reader (text, and the alt, title, aria-label and placeholder
    attributes), leaving out what is inside an element marked lang="en" (case text shown in
    its own language), scripts and styles, and the source's own title and the citation."""

    SAID = ("alt", "title", "aria-label", "placeholder")
    # the case's data as its source wrote it: the source's title, the citation and BibTeX
    DATA = {"cs-source", "cs-cite"}
    VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta",
            "source", "track", "wbr"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack: list[bool] = []  # per open element: inside English or a script
        self.parts: list[str] = []

    @classmethod
    def lines(cls, html: str) -> list[str]:
        reader = cls()
        reader.feed(html)
        return reader.parts

    def hidden(self) -> bool:
        return bool(self.stack) and self.stack[-1]

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        english = self.hidden() or tag in ("script", "style", "pre") or (
            a.get("lang") == "en" and tag != "html") or bool(
            set((a.get("class") or "").split()) & self.DATA)
        if not english:
            self.parts += [a[name] for name in self.SAID if a.get(name)]
        if tag not in self.VOID:
            self.stack.append(english)

    def handle_endtag(self, tag):
        if tag not in self.VOID and self.stack:
            self.stack.pop()

    def handle_data(self, data):
        if not self.hidden() and data.strip():
            self.parts.append(" ".join(data.split()))


def english_left(html: str, phrases: set[str]) -> list[str]:
    text = "\n".join(ReaderText.lines(html))
    return sorted(p for p in phrases if re.search(rf"(?<![\w-]){re.escape(p)}(?![\w-])", text))


@pytest.mark.parametrize("language", ["fr", "ar", "zh"])
@pytest.mark.parametrize("slug", [TRANSLATED, UNTRANSLATED])
def test_no_english_interface_string_on_a_case_page(site, language, slug):
    phrases = english_phrases(language)
    assert len(phrases) > 100
    html = page(site, f"{language}/cases/{slug}")
    assert english_left(html, phrases) == [], [
        line for line in ReaderText.lines(html) if english_left(line, phrases)]


def test_the_english_check_finds_english_on_the_english_page(site):
    """It can fail: the same check on the English case page finds its interface."""
    found = english_left(page(site, f"cases/{UNTRANSLATED}"), english_phrases("fr"))
    assert {"Countries", "Themes", "Related cases",
            "Skip to content"} <= set(found)


# Valid HTML and no broken links, in every language


def test_every_page_of_every_language_is_valid_html(site):
    """vnu over the whole site at once (one JVM); Material's markup listed in
    vnu_allowed.yml aside."""
    messages, checked = vnu(site)
    assert checked == {p.resolve() for p in site.rglob("*.html")}
    problems = [where(site, m) for m in reported(messages) if not allowed(m)]
    assert not problems, "\n".join(problems)


@pytest.mark.browser
def test_no_broken_links_in_any_language(site):
    """Served at the site_url's path (/shelf/), which the 404 pages' links start with."""
    host = site.parent / "host"
    host.mkdir(exist_ok=True)
    (host / "shelf").symlink_to(site)
    with serve(host) as root:
        base = root + "shelf/"
        report = crawl(base, base, html_files(site, base))
        reached = {url.removeprefix(base) for url in report.reached(base)}
    assert report.broken == []
    assert len(report.pages) == len(list(site.rglob("*.html")))
    for language in OTHERS:  # each language's pages can be reached from the home page
        assert {f"{language}/", f"{language}/cases/{TRANSLATED}/", f"{language}/explore/",
                f"{language}/about/"} <= reached, language
    assert {url for url in set(report.pages) - report.reached(base)} == {base + "404.html"}


# Bad input fails the build, saying where


def failed_build(tmp_path: Path, config: str | None = None,
                 cases: dict[str, str] | None = None) -> str:
    """What a `mkdocs build` of the project, with its languages line replaced by `config`
    and `cases` added, says when it fails (it must)."""
    copy_project(tmp_path)
    if config:
        yml = tmp_path / "mkdocs.yml"
        text = yml.read_text(encoding="utf-8")
        line = re.search(r"^ +languages: .*$", text, re.M)[0]
        yml.write_text(text.replace(line, config), encoding="utf-8")
    for name, text in (cases or {}).items():
        (tmp_path / "cases" / name).write_text(text, encoding="utf-8")
    mkdocs = Path(sys.executable).parent / "mkdocs"
    result = subprocess.run([str(mkdocs), "build", "--site-dir", str(tmp_path / "site")],
                            cwd=tmp_path, capture_output=True, text=True, timeout=300)
    assert result.returncode != 0, result.stderr
    return result.stderr


def translation(title: str = "Projet", extra: str = "", slug: str = TRANSLATED) -> str:
    original = checker.check_paths([ROOT / "cases" / f"{TRANSLATED}.md"]).cases[0]
    return (f"---\ntitle: {title}\nsummary: Un résumé de ce projet, assez long pour passer la "
            f"règle du résumé.\n{extra}translated_from: \"{original.text_hash}\"\n---\n"
            "## Défi\n\nUn texte.\n")


@pytest.mark.parametrize(("languages", "said"), [
    ("[en, xx]", "'xx'"), ("[en, pt]", "'pt'")])
def test_a_language_the_site_cannot_show_fails_the_build(tmp_path, languages, said):
    stderr = failed_build(tmp_path, f"      languages: {languages}")
    assert "languages" in stderr and said in stderr, stderr


BAD_TRANSLATIONS = {
    "no original": ("no-such-case.fr.md", {}, 1, "translation-original"),
    "original's field": (f"{TRANSLATED}.fr.md", {"extra": "year: 2001\n"}, 4, "original-field"),
    "not YAML": (f"{TRANSLATED}.fr.md", {"title": "Projet: [oui"}, 2, None),
}


@pytest.mark.parametrize("name", BAD_TRANSLATIONS)
def test_a_bad_translation_fails_the_build_at_its_line(tmp_path, name):
    file, parts, line, code = BAD_TRANSLATIONS[name]
    stderr = failed_build(tmp_path, cases={file: translation(**parts)})
    found = re.search(rf"cases/{re.escape(file)}:(\d+):(\d+): error: (.*)", stderr)
    assert found, stderr
    assert int(found[1]) == line and int(found[2]) >= 1, found[0]
    if code:
        assert f"[{code}]" in found[0], found[0]
