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


def index_site(site_dir: str | Path, language: str = "en") -> tuple[int, float]:
    """Index the built site in `site_dir` and write the index into it.

    Returns the number of pages indexed and the seconds it took."""
    start = time.perf_counter()
    site = Path(site_dir).resolve()
    config = IndexConfig(force_language=language, output_path=str(site / OUTPUT))

    async def run() -> int:
        async with PagefindIndex(config=config) as index:
            indexed = await index.add_directory(str(site))
            return indexed["page_count"]

    pages = asyncio.run(run())
    return pages, time.perf_counter() - start
