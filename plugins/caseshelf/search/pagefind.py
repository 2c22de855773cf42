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
(`pagefind-2/`, `fr/pagefind-2/`), which the scripts merge (batch.py: a batch, its
bundles and its pages). A batch of the very pages an earlier build indexed is written from
what it wrote (kept.py), without waiting behind a batch Pagefind is building the index of:
those are written on threads of their own, one at a time while the build writes pages, two
at once after. Nothing here knows MkDocs.
"""

from __future__ import annotations

import base64
import json
import queue
import re
import threading
import time
from collections.abc import Sequence
from pathlib import Path

from . import kept as kept_batches
from .batch import OUTPUT, Batch
from .order import sort_filters
from .service import PagefindError, result

MERGE = "caseshelf-merge.json"  # in OUTPUT: the other bundles, which the scripts merge
# The most pages one Pagefind process indexes: about 1.1 GB of memory (Pagefind 1.5). A
# language with more is split into the fewest batches of this size or less, all of one size.
PAGES_PER_INDEX = 6000


def batches(paths: Sequence[str], most: int) -> list[Sequence[str]]:
    """`paths` in order, in the fewest batches of at most `most`, all of one size (the last
    may be smaller)."""
    count = max(1, -(-len(paths) // most))
    size = max(1, -(-len(paths) // count))
    return [paths[start:start + size] for start in range(0, len(paths), size)] or [paths]


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
        self.live: list[Batch] = []  # Pagefind processes not yet ended
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
        # the batches Pagefind indexes are written on threads of their own, each once
        # Pagefind has built its index, so a kept batch does not wait behind them: one at a
        # time while the pages are written (a build peaks near 1 GB for 5,000 pages), two
        # once every page is (`finish`), when the build's other processes have ended
        self.to_build: queue.Queue = queue.Queue()
        self.building = threading.Semaphore(1)
        self.builders = [threading.Thread(target=self._build_batches, daemon=True,
                                          name=f"pagefind-build-{n}") for n in (1, 2)]
        self.accounting = threading.Lock()  # the threads add to the index's totals
        for builder in self.builders:
            builder.start()
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
                    language = Batch(site, self.language, self.forced, batch, self.kept,
                                     self._whole)
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
        Pagefind process: a batch kept by an earlier build here, from its zip; the others
        on the building threads, one at a time while the build writes pages, two after
        (each holds a whole index in memory while Pagefind builds it and it is written)."""
        try:
            while (language := self.done.get()) is not None:
                key = self.kept.key(language.held.digest) if language.held else None
                if key and self.kept.has(key):
                    self._write_batch(language, key)
                else:
                    self.to_build.put((language, key))
        finally:
            for _ in self.builders:
                self.to_build.put(None)
            for builder in self.builders:
                builder.join()

    def _build_batches(self) -> None:
        while (batch := self.to_build.get()) is not None:
            with self.building:
                self._write_batch(*batch)

    def _write_batch(self, language: Batch, key: str | None) -> None:
        try:
            if self.error is None and not self.stopping.is_set():
                self._write_language(language, key)
        except BaseException as error:  # reported by finish()
            self.error = self.error or error
        finally:  # a kept batch's process is not asked for its index: it is ended
            (language.service.end if language.kept else language.service.close)()
            self.live.remove(language)
            self.slots.release()

    def _write_language(self, language: Batch, key: str | None) -> None:
        """`key`: the batch's under kept.Batches, None when no batch is kept."""
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
        with self.accounting:
            self._account(language, meta)

    def _account(self, language: Batch, meta: dict) -> None:
        """Add a written batch to the index's totals, entry and merged bundles (sorted when
        written, so the order batches are written in does not show)."""
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
        self.building.release()  # every page is written: two batches are built at once
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
