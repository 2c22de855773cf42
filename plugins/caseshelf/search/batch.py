"""A batch of one site language's pages in a Pagefind process of its own (pagefind.py
sends the pages and writes what the batch's process returns): the bundles the pages go to,
each page as Pagefind needs it, and the pages held back while the batch is the last
build's (kept.Held). Nothing here knows MkDocs."""

from __future__ import annotations

import re
from collections.abc import Callable
from concurrent.futures import Future

from . import kept as kept_batches
from .service import PagefindService

OUTPUT = "pagefind"  # the folder in the site that holds the index and Pagefind's scripts

# The languages the extended build splits into words (Pagefind 1.5: charabia, for these only)
SEGMENTED = frozenset({"zh", "ja"})
# A page's language as partials/search-data.html gives it: its `language` search filter
PAGE_LANGUAGE = re.compile(r'data-pagefind-filter="language:([A-Za-z]+)[^"]*"')
# The element whose text Pagefind indexes (the first with the attribute: the templates')
PAGEFIND_BODY = re.compile(r"<[a-z]+[^>]*\sdata-pagefind-body[\s>=]")


def for_pagefind(html: str) -> str:
    """A page as Pagefind needs it: without the frame between <body> and the element it
    indexes (Material's header and navigation), a third of a case page, which it would
    parse and ignore; the index is the same. The element is looked for from the last tag
    before the first `data-pagefind-body` (no match can start earlier: a tag holds no `>`),
    as the search from the start tried every tag of the frame (15 times as slow)."""
    body, marked = html.find("<body"), html.find("data-pagefind-body")
    found = PAGEFIND_BODY.search(html, html.rfind(">", 0, marked) + 1) if marked != -1 else None
    if body == -1 or found is None or found.start() < body:
        return html
    return html[:body] + "<body>" + html[found.start():]


def base_language(tag: str) -> str:
    """The language of a BCP 47 tag without its script or region: zh-Hant-TW -> zh."""
    return tag.split("-")[0].lower()


class Batch:
    """A batch of one site language's pages in a Pagefind process of their own: the site's
    bundle (OUTPUT, which holds every site language) for the first batch, a bundle of the
    batch's own for a later one, and bundles of text split into words."""

    def __init__(self, site: str, default: str, forced: str | None, batch: int = 1,
                 kept: kept_batches.Batches | None = None,
                 read: Callable[[str], str] | None = None) -> None:
        self.site, self.default, self.batch = site, default, batch
        self.service = PagefindService()
        parts = [site, str(batch), forced or "", default]
        self.held = kept_batches.Held(kept, parts) if kept else None  # its pages, hashed
        self.read = read  # a held page's HTML, by its path in the site
        self.kept = False  # written from an earlier build's
        self.bundles: dict[str, tuple[int, str]] = {}  # folder -> (Pagefind's index, language)
        self.pages: dict[str, int] = {}  # folder -> pages sent to its index
        self.added: list[Future] = []
        self.main = OUTPUT if batch == 1 else self._folder("")
        self._new_bundle(self.main, forced)

    def _folder(self, language: str) -> str:
        """The folder of a bundle of this batch: of the site's pages, or (`language`) of
        its pages in a language split into words."""
        name = OUTPUT + (f"-{language}" if language else "") + (
            f"-{self.batch}" if self.batch > 1 else "")
        return name if self.site == self.default else f"{self.site}/{name}"

    def _new_bundle(self, folder: str, language: str | None) -> None:
        """An index of its own, every page in it indexed as `language` (None: as its
        <html lang> says)."""
        config = {"force_language": language} if language else {}
        index = self.service.ask({"type": "NewIndex", "config": config})["index_id"]
        self.bundles[folder] = (index, language or "")
        self.pages[folder] = 0

    def bundle_of(self, html: str) -> str:
        """The bundle for a page: the batch's main one, or, for text in a language split
        into words on a site in another language, that language's bundle of the page's site
        (a site in Chinese or Japanese splits every page of its own)."""
        found = PAGE_LANGUAGE.search(html)
        language = found[1].lower() if found else ""
        if language not in SEGMENTED or base_language(self.site) in SEGMENTED:
            return self.main
        folder = self._folder(language)
        if folder not in self.bundles:
            self._new_bundle(folder, language)
        return folder

    def add(self, html: str, url: str, path: str) -> None:
        """Give Pagefind the page (`path`: in the site), or hold it back (kept.Held)."""
        html = for_pagefind(html)
        folder = self.bundle_of(html)
        self.pages[folder] += 1
        if self.held is not None:
            if self.held.hold(url, html, (folder, url, path)):
                return
            if self.held.pages:  # the first page that is not the last build's
                self.release()
        self._send(folder, url, html)

    def release(self) -> None:
        """Give Pagefind the pages held back, in order, read again from the site."""
        for folder, url, path in self.held.release() if self.held else ():
            self._send(folder, url, for_pagefind(self.read(path)))
        self.service.flush()

    def _send(self, folder: str, url: str, html: str) -> None:
        self.added.append(self.service.send({
            "type": "AddFile", "index_id": self.bundles[folder][0], "file_path": None,
            "url": url, "file_contents": html}))
