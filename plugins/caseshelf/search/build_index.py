"""Which pages of a build are indexed, and when: the build's side of the search index
(pagefind.py does the indexing). Nothing here knows MkDocs."""

from __future__ import annotations

import fnmatch
from collections.abc import Iterable, Sequence
from pathlib import Path

from ..progress import Line
from . import kept as kept_batches
from .pagefind import SiteIndexer

INDEXING = "caseshelf: writing the search index"  # the build's progress line, meanwhile


def globs(folders: Iterable[str], use_directory_urls: bool = True) -> tuple[str, ...]:
    """The pages directly in some folders (cases/x/, and the first pages of listings:
    themes/health/, not themes/health/page/2/); nothing else is even read. The caller
    says which folders: the case pages, and the facets whose pages are searchable."""
    page = "*/index.html" if use_directory_urls else "*.html"
    return tuple(f"{folder}/{page}" for folder in folders)


def _matches(path: str, pattern: str) -> bool:
    """Whether a path in the site matches a glob pattern of globs(), part for part ('*'
    stays within one part, as in Path.glob)."""
    parts, wanted = path.split("/"), pattern.split("/")
    return len(parts) == len(wanted) and all(map(fnmatch.fnmatchcase, parts, wanted))


class BuildIndex:
    """Pagefind alongside a site build: each page to index goes to Pagefind as soon as it
    is written, in the order the build renders them, a language at a time."""

    def __init__(self, site_dir: str, languages: Sequence[str], *,
                 folders: Sequence[str], use_directory_urls: bool = True,
                 pages_per_index: int | None = None, cache: Path | None = None) -> None:
        """`languages`: the site's, the default first; `folders`: the facets whose listings'
        first pages are indexed (in every language); `pages_per_index`: the most pages in
        one Pagefind process; `cache`: the folder to keep batches in (kept.py)."""
        self.site_dir, self.languages, self.cache = site_dir, languages, cache
        self.pages_per_index = pages_per_index
        self.folders = tuple(folders)
        self.use_directory_urls = use_directory_urls
        self.indexer: SiteIndexer | None = None

    @classmethod
    def of_build(cls, config, options, languages: Sequence[str], folders: Sequence[str],
                 cache: Path | None, dirty: bool) -> BuildIndex | None:
        """The index of a build with the engine's `config` (site_dir, use_directory_urls)
        and the plugin's `options` (search, edition, search_batch): None when the build
        makes none (search off, an offline or ZIM edition, `--dirty`: the last is kept)."""
        if not options.search or options.edition != "web" or dirty:
            return None
        return cls(config.site_dir, languages, folders=folders, cache=cache or None,
                   use_directory_urls=config.use_directory_urls,
                   pages_per_index=options.search_batch)

    def start(self, pages: Sequence[tuple[str, bool]]) -> None:
        """Index the pages the build writes: `pages` lists every generated page (its path
        in the site, and whether it is a case page) in the order the build renders them,
        each language's together. A language's case pages are indexed in that order, then
        the first pages of its searchable listings sorted by path, each as soon as it is
        written whole, whichever process writes it."""
        self._start()
        others = set(self.languages[1:])
        patterns = globs(self.folders, self.use_directory_urls)
        by_site: dict[str, tuple[list[str], list[str]]] = {  # every language has an index
            language: ([], []) for language in self.languages}
        for path, is_case in pages:
            first = path.split("/", 1)[0]
            site = first if first in others else self.languages[0]
            cases, listings = by_site[site]
            local = path.removeprefix(f"{site}/") if site != self.languages[0] else path
            if is_case:
                cases.append(path)
            elif any(_matches(local, pattern) for pattern in patterns):
                listings.append(path)
        for site, (cases, listings) in by_site.items():
            self.indexer.add_when_written(site, cases + sorted(listings))

    def _start(self) -> None:
        languages = self.languages if len(self.languages) > 1 else ()
        kept = kept_batches.Batches(self.cache / "search") if self.cache else None
        self.indexer = SiteIndexer(self.site_dir, self.languages[0], languages,
                                   self.pages_per_index, kept)

    def finish(self, line: Line | None = None) -> tuple[int, float, float]:
        """(pages indexed, seconds, seconds after the last page was written). Call once
        every page is written; `line`, the build's progress, says so meanwhile."""
        if line is not None:
            line.phase(INDEXING)
        if self.indexer is None:
            self.start(())
        self.indexer.written.set()
        try:
            return self.indexer.finish()
        finally:
            self.indexer = None

    def close(self, error: BaseException | None = None) -> None:
        if self.indexer is not None:
            self.indexer.close(error)
            self.indexer = None
