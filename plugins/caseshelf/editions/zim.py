"""Write a built site (plain `.html` URLs) into a ZIM file for Kiwix, with libzim.

Case pages are the front articles: they alone are listed by title and held in the full-text
index, from which Kiwix answers searches, so the ZIM edition carries no search script of its
own. What of a page is indexed is what the templates mark for search (the element with
`data-pagefind-body`, without what is marked `data-pagefind-ignore`), the same text the web
edition's search holds. Titles are plain text. Each accented word is indexed as written and
without its accents, so a reader finds "numérique" typed either way.

A site in several languages gives one ZIM per language, each a site of that language alone:
the language's pages at the paths they have on the web (the first language's at the root,
another's under <lang>/, its main page <lang>/index.html), so every relative link and the
theme's base path stay as built, and the files its pages share (assets, data files). A
link to another language's version of a page (the language menu, `hreflang` links) is
taken out, since that page is in another ZIM.

The same site gives the same ZIM, byte for byte: libzim writes with one worker thread,
since with several the pages reach the Xapian indexes in a varying order, and zim_ids.py
replaces the random UUIDs libzim writes with ones made from the content.
"""

from __future__ import annotations

import datetime as dt
import mimetypes
import posixpath
import re
import struct
import unicodedata
import zlib
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import lxml.html
import pycountry
from libzim.writer import Creator, Hint, IndexData, Item, StringProvider

from ..progress import Count
from .downloads import N_
from .zim_ids import stable_ids

MAIN_PAGE = "index.html"
# set here rather than guessed, so that a machine's own MIME table cannot change the bytes
TYPES = {".html": "text/html", ".css": "text/css", ".js": "application/javascript",
         ".svg": "image/svg+xml", ".png": "image/png", ".json": "application/json",
         ".xml": "application/xml", ".ico": "image/x-icon", ".csv": "text/csv",
         ".bib": "text/x-bibtex"}
INDEXED = "//*[@data-pagefind-body]"
LEFT_OUT = ".//*[@data-pagefind-ignore] | .//script | .//style | .//template"
WORD = re.compile(r"\w+(?:['’]\w+)*")
UTF8 = lxml.html.HTMLParser(encoding="utf-8")
# the ZIM's Description, in each language's catalog (locales/, through site/i18n.py)
DESCRIPTION = N_("Public-sector innovation case studies")


@dataclass(frozen=True)
class Page:
    """What a reader of the ZIM sees of an HTML page: its title as plain text, the text that
    search holds, and the language of that text (a BCP 47 tag)."""

    title: str
    text: str
    language: str


def read_page(content: bytes, path: str) -> Page:
    document = lxml.html.document_fromstring(content, parser=UTF8)
    # "Case title - Site name" -> "Case title"; lxml has decoded the entities (&#39; is ')
    title = " ".join((document.findtext(".//title") or path).split()).rsplit(" - ", 1)[0]
    parts, language = [], document.get("lang", "")
    # the marked element; a page that has none (a template changed) still gives its article
    for body in document.xpath(INDEXED) or document.xpath("//article"):
        heading = body.find(".//h1")
        if heading is not None and not parts:  # the case's own language is on its title
            language = next(iter(heading.xpath("ancestor-or-self::*[@lang][1]/@lang")), language)
        for left_out in body.xpath(LEFT_OUT):
            left_out.drop_tree()  # keeps the text that follows the element
        parts.append(" ".join(body.itertext()))
    return Page(title, " ".join(" ".join(parts).split()), language)


def without_accents(text: str) -> str:
    """libzim's own rule (ICU "Lower; NFD; [:M:] remove; NFC"), which its default indexer
    applies to every text it indexes."""
    decomposed = unicodedata.normalize("NFD", text.lower())
    return unicodedata.normalize("NFC", "".join(
        c for c in decomposed if not unicodedata.category(c).startswith("M")))


def index_text(text: str) -> str:
    """The text with the unaccented form of each accented word after it. libzim's default
    indexer keeps only the unaccented form, which Debian's kiwix-serve (libzim 8) cannot
    find, since it looks a query up as typed; with both forms, "numérique" and "numerique"
    are found whether a reader unaccents the query or not."""
    plain = dict.fromkeys(p for w in WORD.findall(text) if (p := without_accents(w)) != w.lower())
    return " ".join((text, *plain)) if plain else text


def iso639_3(tag: str) -> str | None:
    """The ISO 639-3 code of a BCP 47 language tag ('pt-BR' -> 'por'), as ZIM metadata wants."""
    primary = tag.split("-")[0].lower()
    found = pycountry.languages.get(**{f"alpha_{len(primary)}": primary}) \
        if len(primary) in (2, 3) else None
    return found.alpha_3 if found else None


class CaseIndexData(IndexData):
    """What the full-text index holds of a case page: its title as written, its text."""

    def __init__(self, page: Page):
        super().__init__()
        self.page = page

    def has_indexdata(self) -> bool:
        return bool(self.page.text)

    def get_title(self) -> str:
        return self.page.title

    def get_content(self) -> str:
        return index_text(self.page.text)

    def get_keywords(self) -> str:
        return ""

    def get_wordcount(self) -> int:
        return len(self.page.text.split())


class SiteItem(Item):
    def __init__(self, path: str, content: bytes, page: Page | None, *, front: bool,
                 indexed: bool):
        super().__init__()
        self.path, self.content, self.page = path, content, page
        self.front, self.indexed = front, indexed
        self.mimetype = TYPES.get(Path(path).suffix) or mimetypes.guess_type(path)[0] or \
            "application/octet-stream"

    def get_path(self) -> str:
        return self.path

    def get_title(self) -> str:
        return self.page.title if self.page else ""

    def get_mimetype(self) -> str:
        return self.mimetype

    def get_contentprovider(self) -> StringProvider:
        return StringProvider(self.content)

    def get_hints(self) -> dict:
        return {Hint.FRONT_ARTICLE: self.front, Hint.COMPRESS: self.mimetype.startswith("text/")}

    def get_indexdata(self) -> IndexData | None:
        """Only case pages go into the full-text index: listing pages would repeat every
        case's title and summary, and data files (.bib, .csv, .json) are not for reading."""
        return CaseIndexData(self.page) if self.indexed and self.page else None


def illustration(size: int = 48) -> bytes:
    """A plain PNG square in the site's colour with a lighter band: the ZIM's icon."""
    rows = []
    for y in range(size):
        band = size // 3 <= y < 2 * size // 3
        pixel = b"\xff\xff\xff" if band else b"\x3f\x51\xb5"
        rows.append(b"\x00" + pixel * size)

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", size, size, 8, 2, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header)
            + chunk(b"IDAT", zlib.compress(b"".join(rows), 9)) + chunk(b"IEND", b""))


def html_language(path: Path) -> str:
    """The `<html lang>` of a built page."""
    return lxml.html.document_fromstring(path.read_bytes(), parser=UTF8).get("lang", "")


def site_languages(site: Path) -> list[str]:
    """The languages of a built site, the first (at the root) first: a folder whose
    index.html is in the language the folder is named after holds another language."""
    others = sorted(folder.name for folder in site.iterdir()
                    if (folder / MAIN_PAGE).is_file()
                    and html_language(folder / MAIN_PAGE) == folder.name)
    return [html_language(site / MAIN_PAGE) or "en", *others]


def site_files(site: Path, language: str | None = None,
               languages: Sequence[str] = ()) -> list[tuple[str, Path]]:
    """The files of one language's ZIM by path, sorted: its pages (under <language>/ for
    any but the first) and the files every language shares, without the other languages'
    folders; the 404 page (only a web server shows it) and the gzipped copies left out.
    Without a language, every file of the site."""
    others = {f"{other}/" for other in languages[1:] if other != language}
    own_pages = f"{language}/" if languages and language != languages[0] else ""
    found = []
    for path in sorted(p for p in site.rglob("*") if p.is_file()):
        relative = path.relative_to(site).as_posix()
        if relative.endswith(".gz") or relative == "404.html" or \
                any(relative.startswith(folder) for folder in others):
            continue
        if own_pages and relative.endswith(".html") and not relative.startswith(own_pages):
            continue  # the first language's pages, at the root
        found.append((relative, path))
    return found


def without_other_languages(content: bytes, path: str, paths: set[str]) -> bytes:
    """A page without its links to pages outside this ZIM (other languages' versions):
    `<link hreflang>` elements and the language menu's items go; the menu too when only
    this language is left. Pages with no such link are returned as they are."""
    document = lxml.html.document_fromstring(content, parser=UTF8)
    folder = posixpath.dirname(path)
    changed = False
    for element in document.xpath("//a[@href] | //link[@href]"):
        href = element.get("href")
        if re.match(r"^[a-z][a-z0-9+.-]*:|^#|^/", href, re.IGNORECASE):
            continue  # another site, this page, or no file of ours
        target = posixpath.normpath(posixpath.join(folder, href.split("#")[0]))
        if not target.endswith(".html") or target in paths:
            continue
        item = element.getparent() if element.getparent().tag == "li" else element
        item.drop_tree()
        changed = True
    for menu in document.xpath("//ul[contains(@class, 'md-select__list')]"):
        if len(menu) <= 1:
            option = menu.xpath("ancestor::div[contains(@class, 'md-header__option')][1]")
            (option[0] if option else menu).drop_tree()
    if not changed:
        return content
    return lxml.html.tostring(document, doctype="<!doctype html>", encoding="utf-8")


def write_zim(site: Path, target: Path, *, day: dt.date, language: str | None = None,
              title: str = "caseshelf",
              description: str = DESCRIPTION,
              creator: str = "caseshelf contributors", publisher: str = "caseshelf",
              name: str = "caseshelf_en_all", count: Count | None = None,
              added: Callable[[], None] | None = None) -> Path:
    """Write one language of the built site into `target` (by default the first, and the
    whole site when it has one language); that language's index.html is the main page.

    The full-text index is stemmed in the ZIM's language (libzim takes one language for
    the whole index); the Language metadata gives it first, then the other languages of
    the case pages' texts (untranslated cases), most used first. `count` (progress.py)
    counts the files as they go in; `added` is called once all are in, before libzim
    writes the file and its full-text index (and prints its own messages)."""
    if target.exists():
        target.unlink()
    languages = site_languages(site)
    language = language or languages[0]
    prefix = "" if language == languages[0] else f"{language}/"
    main_page = prefix + MAIN_PAGE
    zim_language = iso639_3(html_language(site / main_page)) or "eng"
    files = site_files(site, language, languages)
    paths = {relative for relative, _ in files}
    if count is not None:
        count.total = len(files)
    case_languages: Counter[str] = Counter()
    with Creator(str(target)).config_indexing(True, zim_language).config_nbworkers(1) as zim:
        zim.set_mainpath(main_page)
        for key, value in (("Name", name), ("Title", title), ("Description", description),
                           ("Creator", creator), ("Publisher", publisher),
                           ("Date", day.isoformat())):
            zim.add_metadata(key, value)
        zim.add_illustration(48, illustration(48))
        for relative, path in files:
            content = path.read_bytes()
            page = None
            if relative.endswith(".html"):
                if len(languages) > 1:
                    content = without_other_languages(content, relative, paths)
                page = read_page(content, relative)
            case_page = relative.startswith(prefix + "cases/") and page is not None
            if case_page:
                case_languages[iso639_3(page.language) or zim_language] += 1
            zim.add_item(SiteItem(relative, content, page, indexed=case_page,
                                  front=case_page or relative == main_page))
            if count is not None:
                count.add()
        case_languages.pop(zim_language, None)
        ranked = sorted(case_languages.items(), key=lambda item: (-item[1], item[0]))
        zim.add_metadata("Language", ",".join([zim_language, *(code for code, _ in ranked)]))
        if added is not None:
            added()
    stable_ids(target)
    return target
