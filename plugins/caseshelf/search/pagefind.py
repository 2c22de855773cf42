"""Build the Pagefind search index of the site, the same bytes on every build.

Pagefind (the `pagefind[extended]` package) runs as a separate process, `pagefind --service`,
which reads requests on stdin and answers on stdout (base64 JSON, each followed by a
comma). Each case page is handed over as soon as it is written whole, whichever of the
build's processes writes it, so the index grows while the pages render; the first pages
of the browse pages that help a search follow at the end of the build.

Pagefind numbers pages in the order they are added. Its `add_directory` adds them in the
order the file system lists them, which differs between machines, so each page is sent
by itself: the case pages in the order the build renders them, the others sorted; the
service answers requests one after another, in the order sent. Pagefind's Python wrapper
reads one reply every 0.1 s (over 16 minutes for 10,000 pages), so this module speaks the
protocol itself and reads replies as they come. The
index comes back in a reply (`GetFiles`) and is written here, after order.py has sorted
the filter files, which Pagefind makes in a random order. (Pagefind's own `WriteFiles`
answers before its last writes reach the disk, and the service exits as soon as its
input ends, which can leave a file empty.)

Chinese and Japanese have no spaces between words: the extended build splits their text
into words, but only in an index of that language, and the browser reads one language of
a bundle. So the pages whose text is in one of those languages (a case's `language`, which
the page gives in its search data) go to a bundle per language, `pagefind-zh/` and
`pagefind-ja/`, which the search scripts merge into the site's (`pagefind/`);
`pagefind/caseshelf-merge.json` lists them. Nothing here knows MkDocs.
"""

from __future__ import annotations

import base64
import json
import queue
import re
import subprocess
import threading
import time
from collections.abc import Iterable, Sequence
from concurrent.futures import Future
from pathlib import Path

from pagefind.service import get_executable

from .order import sort_filters

OUTPUT = "pagefind"  # the folder in the site that holds the index and Pagefind's scripts
MERGE = "caseshelf-merge.json"  # in OUTPUT: the other bundles, which the scripts merge
# The languages the extended build splits into words (Pagefind 1.5: charabia, for these only)
SEGMENTED = frozenset({"zh", "ja"})
# A page's language as partials/search-data.html gives it: its `language` search filter
PAGE_LANGUAGE = re.compile(r'data-pagefind-filter="language:([A-Za-z]+)[^"]*"')


def globs(folders: Iterable[str], use_directory_urls: bool = True) -> tuple[str, ...]:
    """The pages directly in some folders (cases/x/, and the first pages of listings:
    themes/health/, not themes/health/page/2/); nothing else is even read. The caller
    says which folders: the case pages, and the facets whose pages are searchable."""
    page = "*/index.html" if use_directory_urls else "*.html"
    return tuple(f"{folder}/{page}" for folder in folders)


class PagefindError(RuntimeError):
    """Pagefind refused a request or stopped."""


class PagefindService:
    """One `pagefind --service` process: `send` a request, get a Future of its reply."""

    def __init__(self) -> None:
        executable = get_executable()  # Pagefind's own lookup: PAGEFIND_BINARY_PATH, then
        # the extended build (pagefind_bin_extended), then pagefind_bin
        if executable is None:
            raise PagefindError("the Pagefind binary was not found; install `pagefind[extended]`")
        self.process = subprocess.Popen([str(executable), "--service"], stdin=subprocess.PIPE,
                                        stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
        self.replies: dict[int, Future] = {}
        self.sent = 0
        self.ended: PagefindError | None = None  # set when no more replies can come
        self.lock = threading.Lock()
        self.reader = threading.Thread(target=self._read, name="pagefind-replies", daemon=True)
        self.reader.start()

    def send(self, payload: dict) -> Future:
        reply: Future = Future()
        with self.lock:
            if self.ended:
                reply.set_exception(self.ended)
                return reply
            self.sent += 1
            self.replies[self.sent] = reply
            request = {"message_id": self.sent, "payload": payload}
        try:
            self.process.stdin.write(base64.b64encode(json.dumps(request).encode("utf-8")) + b",")
        except (BrokenPipeError, ValueError):  # ValueError: stdin already closed
            self._end(PagefindError("Pagefind stopped before a request was sent"))
        return reply

    def flush(self) -> None:
        """Hand what was sent over to Pagefind."""
        try:
            self.process.stdin.flush()
        except (BrokenPipeError, ValueError):
            self._end(PagefindError("Pagefind stopped before a request was sent"))

    def ask(self, payload: dict) -> dict:
        """Send a request and wait for its answer."""
        reply = self.send(payload)
        self.flush()
        return result(reply)

    def _read(self) -> None:
        try:
            self._read_replies()
            self._end(PagefindError("Pagefind stopped before it answered"))
        except Exception as error:  # Pagefind wrote something that is not a reply
            self._end(PagefindError(f"Pagefind's reply could not be read ({error})"))

    def _end(self, failure: PagefindError) -> None:
        """No more replies will come: fail every request still waiting for one."""
        with self.lock:
            self.ended = self.ended or failure
            waiting, self.replies = list(self.replies.values()), {}
        for reply in waiting:
            if not reply.done():
                reply.set_exception(failure)

    def _read_replies(self) -> None:
        """Decode replies as they arrive; a long reply (the index) is never held twice
        over in base64."""
        message, carry = bytearray(), b""
        while chunk := self.process.stdout.read1(1 << 16):
            start = 0
            while True:
                comma = chunk.find(b",", start)
                text = carry + chunk[start:None if comma == -1 else comma]
                whole = len(text) if comma != -1 else len(text) - len(text) % 4
                message += base64.b64decode(text[:whole])
                carry = text[whole:]
                if comma == -1:
                    break
                answer = json.loads(message)
                message, carry, start = bytearray(), b"", comma + 1
                self._answer(answer)

    def _answer(self, answer: dict) -> None:
        with self.lock:
            reply = self.replies.pop(answer.get("message_id"), None)
        payload = answer["payload"]
        if reply is None:  # a request Pagefind could not even read
            self._end(PagefindError(f"Pagefind: {payload.get('message')}"))
        elif payload.get("type") == "Error":
            reply.set_exception(PagefindError(f"Pagefind: {payload.get('message')}"))
        else:
            reply.set_result(payload)

    def close(self) -> None:
        """End the process: Pagefind exits when its input ends."""
        try:
            self.process.stdin.close()
        except BrokenPipeError:
            pass
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self.reader.join()


def result(reply: Future) -> dict:
    return reply.result(timeout=600)


def base_language(tag: str) -> str:
    """The language of a BCP 47 tag without its script or region: zh-Hant-TW -> zh."""
    return tag.split("-")[0].lower()


class SiteIndexer:
    """`add` groups of written pages as they are ready, then `finish` to write the index."""

    def __init__(self, site_dir: str | Path, language: str = "en",
                 languages: Sequence[str] = ()):
        """`languages`: a site in several languages, the default (`language`) first, each
        other's pages under /<lang>/. Each language's pages are indexed in that language
        (Pagefind reads it from <html lang>) in the one bundle, and the browser reads the
        index of its page's language."""
        self.started = time.perf_counter()
        self.site = Path(site_dir).resolve()
        self.service = PagefindService()
        self.language = language
        self.others = frozenset(languages[1:])  # the languages under /<lang>/
        self.bundles: dict[str, tuple[int, str]] = {}  # folder -> (Pagefind's index, language)
        self.sites: dict[str, str] = {}  # a merged bundle's folder -> its site language
        self._new_bundle(OUTPUT, None if self.others else language)
        self.added: list[Future] = []
        self.groups: queue.Queue = queue.Queue()
        self.error: BaseException | None = None
        self.stopping = threading.Event()  # the build failed: send no more pages
        self.written = threading.Event()  # the build has written every page
        self.folders: set[Path] = set()  # folders of the index made so far
        self.sender = threading.Thread(target=self._send_pages, name="pagefind-pages",
                                       daemon=True)
        self.sender.start()

    def _new_bundle(self, folder: str, language: str | None) -> None:
        """An index of its own, every page in it indexed as `language` (None: as its
        <html lang> says)."""
        config = {"force_language": language} if language else {}
        index = self.service.ask({"type": "NewIndex", "config": config})["index_id"]
        self.bundles[folder] = (index, language or "")

    def _index_of(self, html: str, path: str) -> int:
        """The index for a page: the site's, or, for text in a language split into words
        on a site in another language, that language's bundle of the page's site (a site
        in Chinese or Japanese splits every page of its own)."""
        first = path.split("/", 1)[0]
        site = first if first in self.others else self.language
        found = PAGE_LANGUAGE.search(html)
        language = found[1].lower() if found else ""
        if language not in SEGMENTED or base_language(site) in SEGMENTED:
            return self.bundles[OUTPUT][0]
        folder = f"{OUTPUT}-{language}" if site == self.language else f"{site}/{OUTPUT}-{language}"
        if folder not in self.bundles:
            self._new_bundle(folder, language)
            self.sites[folder] = site
        return self.bundles[folder][0]

    def add(self, patterns: Sequence[str]) -> None:
        """Index the written pages that match the glob patterns, in the background, in
        sorted order after the pages added before."""
        self.groups.put(tuple(patterns))

    def add_when_written(self, paths: Sequence[str]) -> None:
        """Index these pages (paths in the site), in this order after the pages added
        before, each once it is written whole: other processes are writing them."""
        self.groups.put(list(paths))

    def _send_pages(self) -> None:
        while (group := self.groups.get()) is not None:
            try:
                paths = group if isinstance(group, list) else sorted(
                    {p.relative_to(self.site).as_posix()
                     for pattern in group for p in self.site.glob(pattern)})
                for path in paths:
                    if self.stopping.is_set():
                        break
                    html = self._whole(path)
                    url = "/" + path.removesuffix("index.html")  # as Pagefind makes page URLs
                    self.added.append(self.service.send({
                        "type": "AddFile", "index_id": self._index_of(html, path),
                        "file_path": None, "url": url, "file_contents": html}))
                self.service.flush()
            except BaseException as error:  # reported by finish()
                self.error = self.error or error

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
        """Wait for the pages, write each bundle and the list of those to merge, stop
        Pagefind.

        Returns pages indexed, seconds since indexing started, and seconds spent waiting
        here (what indexing adds to the build beyond the work it overlapped)."""
        waiting = time.perf_counter()
        try:
            self._stop_sending()
            if self.error:
                raise self.error
            pages = sum(1 for added in self.added if result(added))
            for folder, (index, _) in sorted(self.bundles.items()):
                reply = self.service.ask({"type": "GetFiles", "index_id": index})
                self._write(folder, reply.pop("files"))
        finally:
            self.service.close()
        merged = [{"path": f"{folder}/", "language": language,
                   **({"site": self.sites[folder]} if self.others else {})}
                  for folder, (_, language) in sorted(self.bundles.items()) if folder != OUTPUT]
        self._write_file(OUTPUT, MERGE, json.dumps(merged, separators=(",", ":")).encode())
        now = time.perf_counter()
        return pages, now - self.started, now - waiting

    def _write(self, folder: str, files: list[dict]) -> None:
        """Write the files of a bundle, the filter files sorted; the rest (nearly all the
        bytes) are written as they are decoded, so they are not all held at once. A merged
        bundle leaves out Pagefind's scripts and WASM, which come from the site's."""
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
                self._write_file(folder, path, content)
        for path, content in sort_filters(to_sort).items():
            self._write_file(folder, path, content)

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
        self._stop_sending()
        self.service.close()

    def _stop_sending(self) -> None:
        if self.sender.is_alive():
            self.groups.put(None)
            self.sender.join()


class BuildIndex:
    """Pagefind alongside a site build: the case pages are indexed on another core while
    the build writes them, in the order it renders them (`start`), the first pages of the
    searchable facets at the end."""

    def __init__(self, site_dir: str, languages: Sequence[str], *,
                 folders: Sequence[str], use_directory_urls: bool = True) -> None:
        """`languages`: the site's, the default first; `folders`: the facets whose listings'
        first pages are indexed (in every language)."""
        self.site_dir, self.languages = site_dir, languages
        self.use_directory_urls = use_directory_urls
        self.folders = [f"{language}/{folder}" if n else folder
                        for n, language in enumerate(languages) for folder in folders]
        self.indexer: SiteIndexer | None = None

    def start(self, case_pages: Sequence[str]) -> None:
        """Index the case pages (their paths in the site, in the order the build renders
        them), each as soon as it is written whole, whichever process writes it."""
        self._start()
        self.indexer.add_when_written(case_pages)

    def _start(self) -> None:
        languages = self.languages if len(self.languages) > 1 else ()
        self.indexer = SiteIndexer(self.site_dir, self.languages[0], languages)

    def finish(self) -> tuple[int, float, float]:
        """(pages indexed, seconds, seconds after the last page was written). Call once
        every page is written."""
        if self.indexer is None:
            self._start()
        self.indexer.written.set()
        self.indexer.add(globs(self.folders, self.use_directory_urls))
        try:
            return self.indexer.finish()
        finally:
            self.indexer = None

    def close(self, error: BaseException | None = None) -> None:
        if self.indexer is not None:
            self.indexer.close(error)
            self.indexer = None
