"""Build the Pagefind search index of the site, the same bytes on every build.

Pagefind (the `pagefind[extended]` package) runs as a separate process, `pagefind --service`,
which reads requests on stdin and answers on stdout (base64 JSON, each followed by a
comma). Each page to index is handed over as soon as it is written whole, whichever of
the build's processes writes it, so the index grows while the pages render. The build
renders a language at a time, each language's case pages then its browse pages; each
language has a Pagefind process of its own, which writes that language's part of the
index, and ends, while the next language renders.

Pagefind numbers pages in the order they are added. Its `add_directory` adds them in the
order the file system lists them, which differs between machines, so each page is sent
by itself: a language's case pages in the order the build renders them, then the first
pages of its searchable listings sorted; the service answers requests one after another,
in the order sent. Pagefind's Python wrapper reads one reply every 0.1 s (over 16 minutes
for 10,000 pages), so this module speaks the protocol itself and reads replies as they
come. The index comes back in a reply (`GetFiles`) and is written here, after order.py has sorted
the filter files, which Pagefind makes in a random order. (Pagefind's own `WriteFiles`
answers before its last writes reach the disk, and the service exits as soon as its
input ends, which can leave a file empty.)

Chinese and Japanese have no spaces between words: the extended build splits their text
into words, but only in an index of that language, and the browser reads one language of
a bundle. So the pages whose text is in one of those languages (a case's `language`, which
the page gives in its search data) go to a bundle per language, `pagefind-zh/` and
`pagefind-ja/`, which the search scripts merge into the site's (`pagefind/`);
`pagefind/caseshelf-merge.json` lists them.

Pagefind holds a whole index in memory until it writes it, about 180 KB a page, so a
language's pages go in batches of at most PAGES_PER_INDEX to Pagefind processes of their
own. The first batch goes to the site's bundle; each later one to a bundle of its own
(`pagefind-2/`, `fr/pagefind-2/`), which the scripts merge. A batch of the very pages an
earlier build indexed is written from what it wrote (kept.py). Nothing here knows MkDocs.
"""

from __future__ import annotations

import base64
import json
import queue
import re
import threading
import time
from collections.abc import Callable, Sequence
from concurrent.futures import Future
from pathlib import Path

from . import kept as kept_batches
from .order import sort_filters
from .service import PagefindError, PagefindService, result

OUTPUT = "pagefind"  # the folder in the site that holds the index and Pagefind's scripts
MERGE = "caseshelf-merge.json"  # in OUTPUT: the other bundles, which the scripts merge
# The languages the extended build splits into words (Pagefind 1.5: charabia, for these only)
SEGMENTED = frozenset({"zh", "ja"})
# A page's language as partials/search-data.html gives it: its `language` search filter
PAGE_LANGUAGE = re.compile(r'data-pagefind-filter="language:([A-Za-z]+)[^"]*"')
# The most pages one Pagefind process indexes: about 1.1 GB of memory (Pagefind 1.5). A
# language with more is split into the fewest batches of this size or less, all of one size.
PAGES_PER_INDEX = 6000
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


def batches(paths: Sequence[str], most: int) -> list[Sequence[str]]:
    """`paths` in order, in the fewest batches of at most `most`, all of one size (the last
    may be smaller)."""
    count = max(1, -(-len(paths) // most))
    size = max(1, -(-len(paths) // count))
    return [paths[start:start + size] for start in range(0, len(paths), size)] or [paths]


class _Language:
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


class SiteIndexer:
    """`add_when_written` each site language's pages as they are being written, then
    `finish` to write the index.

    Each site language is indexed by a Pagefind process of its own, which writes its part
    of the index and ends as soon as that language's pages are in, while the next
    language's pages are still being written: Pagefind keeps a whole index in memory until
    it writes it, so memory holds one language's index at a time, not every language's,
    and only the last language's index is written after the build. The bytes are the same
    as one process indexing every language: Pagefind indexes each language by itself, and
    the bundle's `pagefind-entry.json`, which lists them, is put together here."""

    def __init__(self, site_dir: str | Path, language: str = "en",
                 languages: Sequence[str] = (), pages_per_index: int | None = None,
                 kept: kept_batches.Batches | None = None):
        """`languages`: a site in several languages, the default (`language`) first, each
        other's pages under /<lang>/. Each language's pages are indexed in that language
        (Pagefind reads it from <html lang>) in the one bundle, and the browser reads the
        index of its page's language. `pages_per_index`: the most pages in one Pagefind
        process (PAGES_PER_INDEX). `kept`: the batches earlier builds indexed."""
        self.started, self.kept = time.perf_counter(), kept
        self.pages_per_index = pages_per_index or PAGES_PER_INDEX
        self.site = Path(site_dir).resolve()
        self.language = language
        self.forced = None if languages[1:] else language
        self.seen: set[str] = set()  # the site languages given so far
        self.live: list[_Language] = []  # Pagefind processes not yet ended
        # at most two: one being written while the next fills, so memory holds at most
        # two batches' indexes however slowly the index is written
        self.slots = threading.Semaphore(2)
        self.entry: dict | None = None  # the site bundle's pagefind-entry.json, merged
        self.merged: list[dict] = []  # the bundles that the search scripts merge
        self.several = bool(languages[1:])
        self.pages = 0
        self.groups: queue.Queue = queue.Queue()
        self.done: queue.Queue = queue.Queue()  # languages whose pages are all sent
        self.error: BaseException | None = None
        self.stopping = threading.Event()  # the build failed: send no more pages
        self.written = threading.Event()  # the build has written every page
        self.folders: set[Path] = set()  # folders of the index made so far
        self.sender = threading.Thread(target=self._send_pages, name="pagefind-pages",
                                       daemon=True)
        self.writer = threading.Thread(target=self._write_languages, name="pagefind-files",
                                       daemon=True)
        self.sender.start()
        self.writer.start()

    def add_when_written(self, site: str, paths: Sequence[str]) -> None:
        """Index these pages of one site language (paths in the site), in this order, each
        once it is written whole: other processes are writing them. Give each language once,
        with all its pages."""
        self.groups.put((site, list(paths)))

    def _send_pages(self) -> None:
        try:
            while (group := self.groups.get()) is not None:
                site, paths = group
                if site in self.seen:
                    raise PagefindError(f"the pages in {site!r} were given twice")
                self.seen.add(site)
                for batch, part in enumerate(batches(paths, self.pages_per_index), 1):
                    self.slots.acquire()  # given back once the batch two before is written
                    if self.stopping.is_set():
                        self.slots.release()
                        break
                    language = _Language(site, self.language, self.forced, batch,
                                         self.kept, self._whole)
                    self.live.append(language)
                    for path in part:
                        if self.stopping.is_set():
                            break
                        language.add(self._whole(path), "/" + path.removesuffix("index.html"),
                                     path)
                    language.service.flush()
                    self.done.put(language)
        except BaseException as error:  # reported by finish()
            self.error = self.error or error
        finally:
            self.done.put(None)

    def _write_languages(self) -> None:
        """Write each batch's part of the index once its pages are all sent, and end its
        Pagefind process."""
        while (language := self.done.get()) is not None:
            try:
                if self.error is None and not self.stopping.is_set():
                    self._write_language(language)
            except BaseException as error:  # reported by finish()
                self.error = self.error or error
            finally:  # a kept batch's process is not asked for its index: it is ended
                (language.service.end if language.kept else language.service.close)()
                self.live.remove(language)
                self.slots.release()

    def _write_language(self, language: _Language) -> None:
        key = self.kept.key(language.held.digest) if language.held else None
        meta = key and self.kept.replay(key, self._write_file)
        language.kept = bool(meta)
        if language.held is not None:  # which pages the batch had, for the next build
            self.kept.note(language.held.name, language.held.hashes)
        if not meta:
            language.release()  # the pages held back, if the batch was not kept after all
            meta = {"pages": sum(1 for added in language.added if result(added)), "bundles": []}
            replies = [(folder, bundle_language, language.service.ask(
                {"type": "GetFiles", "index_id": index})["files"])
                for folder, (index, bundle_language) in sorted(language.bundles.items())
                if folder == OUTPUT or language.pages[folder]]  # a later batch: if it has pages
            language.service.close()  # its memory (about 1 GB a batch) goes before the writing
            recording = self.kept.record(key) if key else None
            for folder, bundle_language, files in replies:
                entry = self._write(folder, files, keep_entry=folder == OUTPUT,
                                    recording=recording)
                meta["bundles"].append([folder, bundle_language, entry])
            if recording is not None:
                recording.keep(meta)
        self.pages += meta["pages"]
        for folder, bundle_language, entry in meta["bundles"]:
            if folder == OUTPUT:
                if self.entry is None:
                    self.entry = entry
                else:
                    self.entry["languages"].update(entry["languages"])
            else:  # the one language Pagefind indexed the bundle in
                indexed = bundle_language or next(iter(entry["languages"]))
                self.merged.append({"path": f"{folder}/", "language": indexed,
                                    **({"site": language.site} if self.several else {})})

    def _whole(self, path: str) -> str:
        """A page once it is written whole. A page ends with </html> (a text in it cannot:
        its '<' is escaped) and is written in one go, so a page read before it ends is still
        being written; once the build says every page is written (`written`), one that
        does not end so is an error."""
        while True:
            try:
                data = (self.site / path).read_bytes()
            except FileNotFoundError:
                data = b""
            if data.rstrip().endswith(b"</html>"):
                return data.decode("utf-8")
            if self.written.is_set() or self.stopping.is_set():
                raise PagefindError(f"{path} was not written whole")
            time.sleep(0.02)

    def finish(self) -> tuple[int, float, float]:
        """Wait for the pages, write the last language's part of the index, the bundle's
        entry and the list of bundles to merge.

        Returns pages indexed, seconds since indexing started, and seconds spent waiting
        here (what indexing adds to the build beyond the work it overlapped)."""
        waiting = time.perf_counter()
        try:
            self._stop()
            if self.error:
                raise self.error
        finally:
            self._end_processes()
        if self.entry is not None:
            self.entry["languages"] = dict(sorted(self.entry["languages"].items()))
            self._write_file(OUTPUT, "pagefind-entry.json", json.dumps(
                self.entry, ensure_ascii=False, separators=(",", ":")).encode("utf-8"))
        merged = sorted(self.merged, key=lambda bundle: [  # pagefind-2/ before pagefind-10/
            int(part) if part.isdigit() else part for part in re.split(r"(\d+)", bundle["path"])])
        self._write_file(OUTPUT, MERGE, json.dumps(merged, separators=(",", ":")).encode())
        if self.kept is not None:  # the batches this build did not use go
            self.kept.prune()
        now = time.perf_counter()
        return self.pages, now - self.started, now - waiting

    def _write(self, folder: str, files: list[dict], *, keep_entry: bool,
               recording: kept_batches.Recording | None = None) -> dict:
        """Write the files of a bundle, the filter files sorted; the rest (nearly all the
        bytes) are written as they are decoded, so they are not all held at once. A merged
        bundle leaves out Pagefind's scripts and WASM, which come from the site's. Returns
        the bundle's entry, written unless `keep_entry` (the caller puts the site bundle's
        together from every language's); `recording`: each file written is kept too."""
        def write(path: str, content: bytes) -> None:
            self._write_file(folder, path, content)
            if recording is not None:
                recording.add(folder, path, content)

        to_sort = {}
        while files:
            item = files.pop()
            path = item["path"]
            if folder != OUTPUT and not path.startswith(("index/", "fragment/", "filter/")) \
                    and not path.endswith((".pf_meta", "-entry.json")):
                continue  # Pagefind's scripts, styles and WASM
            content = base64.b64decode(item["content"])
            if path.startswith("filter/") or path.endswith((".pf_meta", "-entry.json")):
                to_sort[path] = content
            else:
                write(path, content)
        entry = {}
        for path, content in sort_filters(to_sort).items():
            if path == "pagefind-entry.json":
                entry = json.loads(content)
                if keep_entry:
                    continue
            write(path, content)
        return entry

    def _write_file(self, folder: str, path: str, content: bytes) -> None:
        if Path(path).is_absolute() or ".." in Path(path).parts:
            raise PagefindError(f"Pagefind returned a file outside its folder: {path}")
        target = self.site / folder / path
        if target.parent not in self.folders:
            target.parent.mkdir(parents=True, exist_ok=True)
            self.folders.add(target.parent)
        target.write_bytes(content)

    def close(self, error: BaseException | None = None) -> None:
        """Stop Pagefind without writing an index (the build failed)."""
        self.stopping.set()
        self._stop()
        self._end_processes()

    def _stop(self) -> None:
        if self.sender.is_alive():
            self.groups.put(None)
            self.sender.join()
        self.writer.join()

    def _end_processes(self) -> None:
        for language in list(self.live):
            language.service.close()
            self.live.remove(language)
