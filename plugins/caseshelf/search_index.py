"""Build the Pagefind search index of the site, through Pagefind's Python API.

Pagefind (the `pagefind[bin]` package) runs as a separate process with a multi-threaded
indexer that reads pages from disk. The case pages are handed over as soon as they are all
written, so they are indexed on the second core while MkDocs renders the browse pages;
the first page of the browse pages that help a search follows at the end of the build.
Handing pages over one at a time was tried first: the Python wrapper (1.5.2) reads one
reply every 0.1 s, which is over 16 minutes for 10,000 pages. Nothing here knows MkDocs.
"""

from __future__ import annotations

import asyncio
import threading
import time
from concurrent.futures import Future
from pathlib import Path

from pagefind.index import IndexConfig, PagefindIndex

OUTPUT = "pagefind"  # the folder in the site that holds the index and Pagefind's scripts
BROWSE = ("countries", "regions", "themes", "sdgs")  # browse pages worth finding


def globs(use_directory_urls: bool = True) -> tuple[str, str]:
    """(case pages, first pages of the helpful browse pages); nothing else is even read."""
    page = "*/index.html" if use_directory_urls else "*.html"
    return f"cases/{page}", "{" + ",".join(BROWSE) + "}/" + page


class SiteIndexer:
    """`add` folders of written pages as they are ready, then `finish` to write the index."""

    def __init__(self, site_dir: str | Path, language: str = "en"):
        self.started = time.perf_counter()
        self.site = Path(site_dir).resolve()
        self.loop = asyncio.new_event_loop()
        self.thread = threading.Thread(target=self.loop.run_forever, name="pagefind",
                                       daemon=True)
        self.thread.start()
        config = IndexConfig(force_language=language, output_path=str(self.site / OUTPUT))
        self.index = self._run(PagefindIndex(config=config).__aenter__()).result()
        self.pending: list[Future] = []

    def _run(self, coroutine) -> Future:
        return asyncio.run_coroutine_threadsafe(coroutine, self.loop)

    def add(self, glob: str) -> None:
        """Index the written pages that match `glob`, in the background."""
        self.pending.append(self._run(self.index.add_directory(str(self.site), glob=glob)))

    def finish(self) -> tuple[int, float, float]:
        """Wait for the pages, write the index, stop Pagefind.

        Returns pages indexed, seconds since indexing started, and seconds spent waiting
        here (what indexing adds to the build beyond the work it overlapped)."""
        waiting = time.perf_counter()
        try:
            pages = sum(future.result()["page_count"] for future in self.pending)
        except BaseException as error:
            self.close(error)
            raise
        self._run(self.index.__aexit__(None, None, None)).result()  # writes the files
        self._stop()
        now = time.perf_counter()
        return pages, now - self.started, now - waiting

    def close(self, error: BaseException | None = None) -> None:
        """Stop Pagefind without writing an index (the build failed)."""
        if self.thread.is_alive():
            self._run(self.index.__aexit__(type(error or Exception), error, None)).result()
            self._stop()

    def _stop(self) -> None:
        self.loop.call_soon_threadsafe(self.loop.stop)
        self.thread.join()
        self.loop.close()

