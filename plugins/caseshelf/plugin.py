"""The MkDocs plugin: thin event glue. The work lives in modules that know nothing of MkDocs:
checker (validation), pages (what to generate), facets and related (indexes), lean (output)."""

from __future__ import annotations

import datetime as dt
import json
import os
from importlib import resources
from pathlib import Path

from jinja2 import pass_context
from jinja2.utils import htmlsafe_json_dumps
from markupsafe import Markup, escape
from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.utils import get_relative_url

from .cases import checker, reporter
from .editions import downloads
from .opendata import exports
from .search import offline as offline_index
from .search.pagefind import SiteIndexer, globs
from .site import citation, lean, pages
from .site.facets import SEARCHABLE, build_facets, names_of
from .site.sanitise import sanitise

log = get_plugin_logger(__name__)
PACKAGE = resources.files("caseshelf")
MAX_LISTED_ERRORS = 50


def compact_json(data) -> Markup:
    """JSON for a <script> block (JSON-LD, settings): escaped for HTML like Jinja's tojson,
    so no text in it can close the block (< > & ' become \\u escapes), without its spaces."""
    return htmlsafe_json_dumps(data, dumps=json.dumps, separators=(",", ":"), ensure_ascii=False)


class CaseshelfConfig(base.Config):
    cases_dir = c.Type(str, default="cases")
    page_size = c.Type(int, default=50)
    related_count = c.Type(int, default=5)
    licence = c.Type(str, default="CC-BY-4.0")
    search = c.Type(bool, default=True)
    # web: Pagefind search; offline: a plain-script index that works from file://;
    # zim: no search of the site's own (Kiwix searches). Set by `caseshelf offline|zim`.
    edition = c.Choice(("web", "offline", "zim"), default="web")


class CaseFile(File):
    """A generated case page that counts as changed only when its case file changes, so
    `mkdocs serve --dirty` rebuilds just the case that was edited."""

    case_path: str = ""

    def is_modified(self) -> bool:
        if os.path.isfile(self.abs_dest_path):
            return os.path.getmtime(self.abs_dest_path) < os.path.getmtime(self.case_path)
        return True


class KeptFile(File):
    """A generated data file that `serve --dirty` keeps from the last full build instead of
    rewriting: a quick preview of one edited case need not rewrite a file per case."""

    def is_modified(self) -> bool:
        return not os.path.isfile(self.abs_dest_path)


class CaseshelfPlugin(BasePlugin[CaseshelfConfig]):
    dirty = False
    indexer: SiteIndexer | None = None

    def on_startup(self, *, command, dirty) -> None:
        self.dirty = dirty

    def on_config(self, config):
        if self.config.page_size < 1 or self.config.related_count < 3:
            raise PluginError("caseshelf: page_size must be at least 1 and related_count at "
                              "least 3; change them under `plugins: - caseshelf:` in mkdocs.yml")
        # Before Material's own templates (our header partial adds the search box), after any
        # custom_dir, so a site can still override ours.
        position = 1 if config.theme.custom_dir else 0
        config.theme.dirs.insert(position, str(PACKAGE / "templates"))
        config.extra_css.append("assets/caseshelf.css")
        self.cases_dir = Path(config.config_file_path or ".").parent / self.config.cases_dir
        return config

    def on_files(self, files: Files, *, config) -> Files:
        """Validate every case with the same code as `caseshelf validate`, then add the
        pages, the assets of this edition, the open data and the download page."""
        cases = self._valid_cases()
        self._reproducible_dates(cases)
        facets = build_facets(cases)
        self._add_pages(files, config, cases, facets)
        urls = {f.src_uri: f.url for f in files}

        def url_of(case) -> str:
            return urls[f"cases/{case.slug}.md"]

        self._add_assets(files, config, cases, url_of)
        self._add_open_data(files, config, cases, facets, url_of)
        self._add_download_page(files, config)
        self.home = pages.home_context(cases, facets, self.config.licence)
        self.cases_left = len(cases)  # case pages still to write before indexing starts
        return files

    def _valid_cases(self) -> list:
        """The cases; a build with an invalid case fails with every path:line:col message."""
        shown = os.path.relpath(self.cases_dir)
        if not self.cases_dir.is_dir():
            raise PluginError(f"caseshelf: the cases folder '{shown}' does not exist; "
                              "set `cases_dir` under the caseshelf plugin in mkdocs.yml")
        report = checker.check_paths([shown])
        for problem in report.warnings:
            log.warning(reporter.as_text([problem]).rstrip())
        errors = report.errors
        if errors:
            listed = reporter.as_text(errors[:MAX_LISTED_ERRORS])
            more = len(errors) - MAX_LISTED_ERRORS
            tail = f"... and {more} more: run `caseshelf validate`" if more > 0 else ""
            raise PluginError(
                f"{len(errors)} error(s) in case files; nothing was built:\n{listed}{tail}")
        return report.cases

    def _add_pages(self, files: Files, config, cases, facets) -> None:
        self.specs = {}
        for spec in pages.plan_site(cases, facets, page_size=self.config.page_size,
                                    related_count=self.config.related_count,
                                    licence=self.config.licence):
            maker = CaseFile if spec.case else File
            file = maker.generated(config, spec.src_uri, content=spec.content,
                                   inclusion=InclusionLevel.NOT_IN_NAV)
            if spec.case:
                file.case_path = spec.case.path
            files.append(file)
            self.specs[spec.src_uri] = spec

    def _add_assets(self, files: Files, config, cases, url_of) -> None:
        """The stylesheet, the script that starts Material's on the first interaction, this
        edition's scripts; the offline edition's search index."""
        scripts = {"web": ("caseshelf-search.js", "caseshelf-explore.js"),
                   "offline": ("caseshelf-offline-search.js",), "zim": ()}[self.config.edition]
        for asset in ("caseshelf.css", "caseshelf-later.js", *scripts):
            text = (PACKAGE / "assets" / asset).read_text(encoding="utf-8")
            files.append(File.generated(config, f"assets/{asset}", content=text))
        if self.config.edition == "offline":
            index = offline_index.build_index(cases, url_of, names_of)
            files.append(File.generated(config, "assets/offline-index.js",
                                        content=offline_index.as_script(index)))

    def _add_download_page(self, files: Files, config) -> None:
        """/download/: the editions found in dist/ (published beside it) and the open data."""
        dist = Path(config.config_file_path or ".").parent / "dist"
        found = downloads.find_downloads(dist) if self.config.edition == "web" else []
        for download in found:
            if download.built:
                files.append(File.generated(config, f"downloads/{download.name}",
                                            abs_src_path=str(dist / download.name)))
        self.specs["download.md"] = pages.PageSpec(
            "download.md", "Download", "caseshelf/download.html",
            {"downloads": found, "open_data": self.open_data, "licence": self.config.licence})
        files.append(File.generated(config, "download.md", content=""))

    def _add_open_data(self, files: Files, config, cases, facets, url_of) -> None:
        """cases.json, cases.csv, datapackage.json, the schema, the Atom feed, a .bib file per
        case and a cases.csv per country: the collection as open data, on every build."""
        self.site_url = (config.site_url or "").rstrip("/") + "/" if config.site_url else ""
        site_name, licence = config.site_name, self.config.licence
        bodies = sorted({case.source.body for case in cases})
        schema = (PACKAGE / "schema" / "case.schema.json").read_text(encoding="utf-8")
        feed_id = self.site_url + "feed.xml" if self.site_url else f"urn:caseshelf:{site_name}"
        outputs = {
            "cases.json": exports.cases_json(cases, url_of, licence),
            "cases.csv": exports.cases_csv(cases, url_of),
            "datapackage.json": exports.datapackage(site_name, licence, bodies),
            "schema/case.schema.json": schema,
            "feed.xml": exports.atom_feed(cases, url_of, title=site_name, site_url=self.site_url,
                                          feed_id=feed_id.replace(" ", "-")),
        }
        for case in cases:
            outputs[f"cases/{case.slug}.bib"] = citation.bibtex(
                case, self.site_url + url_of(case), site_name)
        for value in facets["countries"].values:
            if value.cases:
                outputs[f"countries/{value.key}/cases.csv"] = exports.cases_csv(value.cases, url_of)
        maker = KeptFile if self.dirty else File
        for path, content in outputs.items():
            files.append(maker.generated(config, path, content=content))
        self.open_data = [downloads.published(path, outputs[path]) for path in
                          ("cases.json", "cases.csv", "datapackage.json", "feed.xml",
                           "schema/case.schema.json")]

    def _reproducible_dates(self, cases) -> None:
        """Builds of the same cases are byte-identical: MkDocs stamps pages and the sitemap
        with SOURCE_DATE_EPOCH when it is set, so for this build set it from the newest case
        instead of the clock (unless the caller set it)."""
        self.set_epoch = "SOURCE_DATE_EPOCH" not in os.environ and bool(cases)
        if self.set_epoch:
            newest = max(case.added for case in cases)
            moment = dt.datetime.combine(newest, dt.time(), tzinfo=dt.UTC)
            os.environ["SOURCE_DATE_EPOCH"] = str(int(moment.timestamp()))

    def _restore_dates(self) -> None:
        if getattr(self, "set_epoch", False):
            os.environ.pop("SOURCE_DATE_EPOCH", None)
            self.set_epoch = False

    def on_build_error(self, *, error) -> None:
        self._restore_dates()
        if self.indexer is not None:
            self.indexer.close(error)
            self.indexer = None

    def on_env(self, env, *, config, files):
        """Add the `to` filter: a link to a page by its source path, relative to this page, so
        links work with and without directory URLs and when read from disk."""

        urls = {file.src_uri: file.url for file in files}

        @pass_context
        def to(context, src_uri: str) -> str:
            url = urls.get(src_uri)
            if url is None:
                log.warning(f"a template links to '{src_uri}', which is not a page")
                return "#"
            if "cs_root" in context:  # a reusable fragment: link through the site root
                return f"{context['cs_root']}/{url}"
            if context.get("page") is None:  # the 404 page is served at any depth
                return f"{context['base_url'].rstrip('/')}/{url}"
            return get_relative_url(url, context["page"].url)

        env.filters["to"] = to
        env.filters["compact_json"] = compact_json
        env.globals["cs_edition"] = self.config.edition
        env.globals["cs_language"] = config.theme.get("language") or "en"  # the site's language
        item = env.get_template("caseshelf/item.html")
        rendered: dict[tuple[str, str], Markup] = {}

        @pass_context
        def listing_item(context, case) -> Markup:
            """A case in a listing, rendered once per page depth and reused: cases appear on
            many listing pages, and links through the site root ("../../countries/kz/") are
            the same on every page at one depth."""
            root = get_relative_url("", context["page"].url)
            key = (case.slug, root)
            if key not in rendered:
                rendered[key] = Markup(item.render(case=case, cs=pages.Lookup, cs_root=root,
                                                   page=context["page"]))
            return rendered[key]

        env.globals["listing_item"] = listing_item
        return env

    def on_page_markdown(self, markdown, *, page, config, files):
        # MkDocs renders templates without autoescaping, and Material prints the title and
        # description as they are (in <title>, the header, <meta name=description>): hand
        # them over escaped, as Markup, which `| e` in other templates leaves as it is.
        spec = self.specs.get(page.file.src_uri)
        if spec:
            page.meta["template"] = spec.template
            page.meta["title"] = escape(spec.title)
            if spec.case:
                page.meta["description"] = escape(spec.case.summary)
        elif page.is_homepage:
            page.meta["template"] = "caseshelf/home.html"
        return markdown

    @event_priority(-90)
    def on_page_content(self, html, *, page, config, files):
        """Sanitise a case's body (sanitise.py). Priority -90 (late): what other plugins add
        to a case's body is checked too."""
        spec = self.specs.get(page.file.src_uri)
        return sanitise(html) if spec and spec.case else html

    def on_post_page(self, output, *, page, config):
        """Once every case page is on disk, start indexing them on the other core while the
        browse pages render. (A page is written just after this event, so the count is
        checked on the page that follows the last case.)"""
        if self._indexing(config) and self.indexer is None and self.cases_left == 0:
            self._start_indexer(config)
        spec = self.specs.get(page.file.src_uri)
        if spec and spec.case:
            self.cases_left -= 1
        return output

    def _indexing(self, config) -> bool:
        return self.config.search and self.config.edition == "web" and not self.dirty

    def _start_indexer(self, config) -> None:
        self.indexer = SiteIndexer(config.site_dir, config.theme.get("language", "en"))
        self.indexer.add(globs(["cases"], config.use_directory_urls))

    def on_page_context(self, context, *, page, config, nav):
        spec = self.specs.get(page.file.src_uri)
        if spec:
            context.update(spec.context)
            page.edit_url = self._edit_url(config, spec.case) if spec.case else None
            if spec.case:
                context["cite"] = citation.case_metadata(
                    spec.case, self.site_url + page.url, config.site_name, self.config.licence)
        elif page.is_homepage:
            context.update(self.home)
        return context

    def _edit_url(self, config, case) -> str | None:
        if not config.repo_url:
            return None
        branch = "main"
        parts = (config.edit_uri or "").strip("/").split("/")
        if len(parts) >= 2 and parts[0] in ("edit", "blob"):
            branch = parts[1]
        relative = Path(os.path.relpath(case.path, Path(config.config_file_path).parent))
        return f"{config.repo_url.rstrip('/')}/edit/{branch}/{relative.as_posix()}"

    def on_serve(self, server, *, config, builder):
        server.watch(str(self.cases_dir))
        return server

    @event_priority(-100)
    def on_post_build(self, *, config) -> None:
        """Priority -100 (last): after every page and asset is written, drop the theme's source
        maps and write the search index. Under `serve --dirty` only edited pages are written,
        so the last index is kept rather than rebuilt."""
        if self._indexing(config):
            if self.indexer is None:
                self._start_indexer(config)
            self.indexer.add(globs(SEARCHABLE, config.use_directory_urls))
            pages_indexed, seconds, waited = self.indexer.finish()
            self.indexer = None
            log.info(f"indexed {pages_indexed} pages for search in {seconds:.1f} s "
                     f"({waited:.1f} s after the last page was written)")
        removed = lean.strip_source_maps(config.site_dir)
        log.debug("removed source maps from %d files", removed)
        self._restore_dates()
