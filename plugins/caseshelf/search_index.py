"""Build the Pagefind search index of a written site, through Pagefind's Python API.

Pagefind (the `pagefind[bin]` package) runs as a separate process. The site is handed to
it as one directory, which its multi-threaded indexer reads from disk. Handing pages over
one by one as they are written was tried first: the Python wrapper (1.5.2) reads one reply
every 0.1 s, so 10,000 pages would take over 16 minutes. Only pages marked
`data-pagefind-body` are indexed. Nothing here knows MkDocs.
"""

from __future__ import annotations

import asyncio
import time
from pathlib import Path

from pagefind.index import IndexConfig, PagefindIndex

OUTPUT = "pagefind"  # the folder in the site that holds the index and Pagefind's scripts


SECTIONS = ("cases", "countries", "regions", "themes", "sdgs")  # the pages worth finding


def pages_glob(use_directory_urls: bool = True) -> str:
    """Case pages and the first page of the browse pages that help a search; paginated
    listings, the map and the other pages are not even read."""
    page = "*/index.html" if use_directory_urls else "*.html"
    return "{" + ",".join(SECTIONS) + "}/" + page


def index_site(site_dir: str | Path, language: str = "en",
               glob: str | None = None) -> tuple[int, float]:
    """Index the built site in `site_dir` and write the index into it.

    Returns the number of pages indexed and the seconds it took."""
    start = time.perf_counter()
    site = Path(site_dir).resolve()
    config = IndexConfig(force_language=language, output_path=str(site / OUTPUT))

    async def run() -> int:
        async with PagefindIndex(config=config) as index:
            indexed = await index.add_directory(str(site), glob=glob or pages_glob())
            return indexed["page_count"]

    pages = asyncio.run(run())
    return pages, time.perf_counter() - start
