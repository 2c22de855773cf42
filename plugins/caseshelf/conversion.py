"""The generated pages' Markdown, converted as MkDocs converts a page, with less repeated
work: a browse page has no Markdown, so nothing is converted; a case's text shown on several
pages (each language it is not translated into) is converted once; and one Markdown
converter serves the whole build, reset between pages, where MkDocs makes a new one for
every page (its extensions are set up again each time, about half the cost of a case page).
The texts are converted ahead of MkDocs' reading, a share on each core (`ahead`), and,
with a cache folder, kept there for the next build (`converted.json`, by a hash of the text,
under a fingerprint of everything else a conversion depends on: the Markdown extensions
and their settings, and the versions of caseshelf, this file, Markdown and MkDocs).

`Page.render` in MkDocs 1.6 (and ProperDocs) does what `Conversions.convert` does, with
the same four processors of its own; tests/test_parallel.py builds the project with
MkDocs' own `Page.render` and with this, and compares every byte."""

from __future__ import annotations

import hashlib
import json
import logging
import re
from collections.abc import Iterable
from importlib import metadata
from pathlib import Path
from types import SimpleNamespace

import markdown
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import (
    Page,
    _ExtractAnchorsTreeprocessor,
    _ExtractTitleTreeprocessor,
    _RawHTMLPreprocessor,
    _RelativePathTreeprocessor,
)
from mkdocs.structure.toc import get_toc

from . import __version__
from .cases.cache import Store
from .parallel import spread
from .structure import CaseFile, KeptFile, again

log = logging.getLogger("mkdocs.structure.pages")  # MkDocs' own, whose level it reads

# An address in HTML that depends on where the page is: neither an anchor in the page nor
# another site's address.
_PLACED = re.compile(
    r"""\s(?:href|src|srcset|action|poster|data)\s*=(?!\s*["']?(?:#|https?://|mailto:))""",
    re.IGNORECASE)


class Conversions:
    """One build's converter and the conversions it may reuse, by Markdown text."""

    def __init__(self, folder: str | Path | None = None, config=None) -> None:
        self.kept: dict[str, tuple] = {}
        self.converter: markdown.Markdown | None = None
        self.store: Store | None = None  # conversions kept between builds: see `keep_in`
        if folder:  # a folder, else None or False: none kept
            self.keep_in(folder, config)

    def keep_in(self, folder: str | Path, config) -> None:
        """Keep the conversions made ahead in `folder` for the next build, and use those the
        last build kept there."""
        self.store = Store(folder, "converted.json", fingerprint(config))

    def convert(self, page: Page, config, files: Files) -> None:
        """What MkDocs' Page.render does, with this build's converter."""
        if self.converter is None:
            self.converter = markdown.Markdown(extensions=config["markdown_extensions"],
                                               extension_configs=config["mdx_configs"] or {})
        md = self.converter
        md.reset()
        raw_html = _RawHTMLPreprocessor()
        raw_html._register(md)
        anchors = _ExtractAnchorsTreeprocessor(page.file, files, config)
        anchors._register(md)
        relative = _RelativePathTreeprocessor(page.file, files, config)
        relative._register(md)
        title = _ExtractTitleTreeprocessor()
        title._register(md)
        page.content = md.convert(page.markdown)
        page.toc_tokens = getattr(md, "toc_tokens", [])
        page.toc = get_toc(page.toc_tokens)
        page._title_from_render = title.title
        page.present_anchor_ids = anchors.present_anchor_ids | raw_html.present_anchor_ids
        if log.getEffectiveLevel() > logging.DEBUG:
            page.links_to_anchors = relative.links_to_anchors

    def ahead(self, files: Files, config, generated: Iterable[str], processes: int) -> None:
        """Convert the generated pages' texts before MkDocs reads the pages, each text once,
        shared among `processes` processes (parallel.spread). A conversion that may not
        serve another page (`reusable`) is left for MkDocs' reading of its page, which also
        says what is wrong with it: nothing is logged here."""
        first: dict[str, File] = {}
        for uri in generated:
            file = files.get_file_from_path(uri)
            if file is not None and file.content_string:
                first.setdefault(file.content_string, file)
        if self.store is not None:
            for text in list(first):
                try:
                    self.kept[text] = from_entry(self.store.get(text_key(text)))
                    del first[text]
                except (AttributeError, KeyError, TypeError, ValueError):  # none, or not fitting
                    pass

        def convert(share: list) -> list:
            converted = []
            for text, file in share:
                page = SimpleNamespace(file=file, markdown=text, links_to_anchors=None)
                self.convert(page, config, files)
                if reusable(page):
                    converted.append((text, as_kept(page), as_entry(page)))
            return converted

        log.disabled, was = True, log.disabled
        try:
            for text, kept, entry in spread(convert, list(first.items()), processes):
                self.kept[text] = kept
                if self.store is not None:
                    self.store.put(text_key(text), entry)
        finally:
            log.disabled = was
        if self.store is not None:
            self.store.save()  # every entry is whole: an interrupted build loses none


def reusable(page) -> bool:
    """Whether a conversion may serve another page showing the same text: its HTML holds
    no address that depends on the page's place, its links to anchors only its own."""
    return not set(page.links_to_anchors or ()) - {page.file} and not _PLACED.search(page.content)


def as_kept(page) -> tuple:
    """A conversion as it is kept, its links to anchors without the page they are in."""
    links = page.links_to_anchors
    return (page.content, page.toc, page._title_from_render, page.present_anchor_ids,
            links if links is None else links.get(page.file, {}))


def as_entry(page) -> list:
    """A kept conversion as the cache holds it: values only (the table of contents as
    Markdown's tokens)."""
    links = page.links_to_anchors
    return [page.content, page.toc_tokens, page._title_from_render,
            sorted(page.present_anchor_ids), links if links is None else links.get(page.file, {})]


def from_entry(entry: list) -> tuple:
    content, tokens, title, anchors, own = entry
    return content, get_toc(tokens), title, set(anchors), own


def text_key(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def fingerprint(config) -> str:
    """Everything a conversion depends on besides its text: the extensions and their
    settings (a setting that is code, such as a slug function, by its name), this file,
    and the versions of caseshelf, Markdown, MkDocs and its continuation."""
    def named(value) -> str:
        return f"{type(value).__module__}.{getattr(value, '__qualname__', type(value).__name__)}"

    settings = json.dumps([config["markdown_extensions"], config["mdx_configs"] or {}],
                          default=named, sort_keys=True)
    digest = hashlib.sha256(f"{__version__}\0{settings}\0".encode())
    for name in ("Markdown", "mkdocs", "properdocs", "pymdown-extensions"):
        try:
            digest.update(f"{name}={metadata.version(name)}\0".encode())
        except metadata.PackageNotFoundError:
            digest.update(f"{name}=none\0".encode())
    digest.update(Path(__file__).read_bytes())
    return digest.hexdigest()


class GeneratedPage(Page):
    """A page caseshelf generates, converted through the build's `Conversions`."""

    def __init__(self, file: File, config, conversions: Conversions) -> None:
        super().__init__(None, file, config)
        self.conversions = conversions

    def render(self, config, files: Files) -> None:
        if not self.markdown:  # as MkDocs would make it of empty Markdown, without Markdown
            self.content, self.toc, self._title_from_render = "", get_toc([]), None
            self.present_anchor_ids, self.links_to_anchors = set(), {}
            return
        kept = self.conversions.kept
        if self.markdown in kept:  # links to anchors: only to its own
            (self.content, self.toc, self._title_from_render, self.present_anchor_ids,
             own) = kept[self.markdown]
            self.links_to_anchors = own if own is None else {self.file: own} if own else {}
            return
        self.conversions.convert(self, config, files)
        if reusable(self):
            kept[self.markdown] = as_kept(self)


def generated_page(config, src_uri: str, content: str, case_path: str | None,
                   conversions: Conversions, kept: bool = False, last: File | None = None
                   ) -> File:
    """A page caseshelf generates, outside the navigation; with `case_path`, a case's.
    `kept`: a page `serve --dirty` knows to be unchanged since the last build. `last`: the
    same page's file in the last build of one `serve --dirty` whose plan it keeps, copied
    rather than made again (its addresses are worked out already), with this content."""
    kind = CaseFile if case_path else KeptFile if kept else File
    if type(last) is kind and last.src_uri == src_uri:
        file = again(last, content)
    else:
        file = kind.generated(config, src_uri, content=content,
                              inclusion=InclusionLevel.NOT_IN_NAV)
    if case_path:
        file.case_path = case_path
    GeneratedPage(file, config, conversions)
    return file
