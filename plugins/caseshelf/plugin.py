"""The MkDocs plugin: event glue only. The work lives in subpackages that know nothing of
MkDocs: cases, site, search, opendata and editions."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files
from mkdocs.utils import get_relative_url

from . import clearing, conversion, parallel, progress, rendered, serving, structure
from .cases import checker
from .cases.cache import CACHE, CheckCache
from .config import MARKDOWN_EXTENSIONS, CaseshelfConfig
from .editions import downloads
from .opendata.outputs import PUBLISHED, open_data
from .parallel import CHECKING, READING
from .search import offline
from .search.build_index import BuildIndex
from .site import languages, lean, pages, replan, templating
from .site.assets import edition_assets
from .site.facets import SEARCHABLE, names_in
from .site.sanitise import sanitiser
from .site.source_date import SourceDate

log = get_plugin_logger(__name__)


class CaseshelfPlugin(BasePlugin[CaseshelfConfig]):
    def __init__(self) -> None:
        self.dirty = self.serving = False  # `serve [--dirty]`: keep data files, last index
        self.workers, self.nav, self.processes = parallel.Workers(), None, 1  # rendering pages
        self.specs: dict[str, pages.PageSpec] = {}  # generated pages by source path
        self.conversions, self.sanitised = conversion.Conversions(), sanitiser()  # this build's
        self.homes: dict[str, dict] = {}  # each home page's context, by its source path
        self.languages: list[str] = ["en"]  # the site's, the default first
        self.sites: structure.Sites | None = None  # the languages' navigation and addresses
        self.interface: templating.Interface | None = None  # the language of each page
        self.site_url, self.root = "", Path(".")  # config.site_url ending in '/'; mkdocs.yml's
        self.search, self.dates = None, SourceDate()  # search: a BuildIndex, None for none
        self.last, self.memo = None, checker.Memo()  # `serve`: the last plan, each file's check
        self.pauses, self.old_site = serving.Pauses(), clearing.OldSite()  # `serve`'s GCs; below

    def on_startup(self, *, command, dirty) -> None:
        self.dirty, self.serving = dirty, command == "serve"
        self.pauses = serving.Pauses(self.serving)

    def on_pre_build(self, *, config) -> None:  # the last build's files, deleted on a core
        self.old_site.set_aside(Path(config.site_dir), not self.dirty and self.cache)
        self.workers.line = progress.build_line(CHECKING, self.dirty, self.workers.line)

    def on_config(self, config):
        # Before Material's templates (our header has the search box), after any custom_dir.
        position = 1 if config.theme.custom_dir else 0
        config.theme.dirs.insert(position, str(resources.files("caseshelf") / "templates"))
        config.extra_css.append("assets/caseshelf.css")
        for extension in MARKDOWN_EXTENSIONS:  # what case texts may use, whatever mkdocs.yml says
            if extension not in config.markdown_extensions:
                config.markdown_extensions.append(extension)
        self.site_url = config.site_url.rstrip("/") + "/" if config.site_url else ""
        self.root = Path(config.config_file_path or ".").parent  # the folder of mkdocs.yml
        self.cache = self.config.cache and self.root / CACHE  # False: nothing kept
        self.languages = self.config.languages or [config.theme.get("language") or "en"]
        self.sites = structure.Sites(config, self.languages)  # the theme speaks the first
        return config

    def on_files(self, files: Files, *, config) -> Files:
        """Validate as `caseshelf validate` does; add pages, assets, open data, downloads."""
        cases = structure.valid_cases(  # as `caseshelf validate`; a case in error fails the build
            self.config.cases_dir, CheckCache(self.cache) if self.cache else None,
            self.memo if self.serving else None, log.warning)
        self.dates.set(cases)
        translated = structure.split_prose(files, self.languages)
        self.copied = [f.dest_uri for f in files.static_pages()]  # what may hold source maps
        dist = self.root / "dist"  # the editions, made before the site, are published beside it
        found = downloads.find_downloads(dist) if self.config.edition == "web" else []
        self.last, kept, stale = replan.plan(  # `serve --dirty`: the last plan if only bodies
            self.last, cases, self.dirty and structure.inputs(config, dict(self.config), found),
            dirty=self.dirty, languages=self.languages, page_size=self.config.page_size,
            downloads=found, licence=self.config.licence, related_count=self.config.related_count)
        self.homes, self.specs, self.sanitised = self.last.homes, {}, sanitiser()  # bodies
        self.conversions = conversion.Conversions(self.cache, config)
        for spec in self.last.specs:
            self._add_page(files, config, spec, kept)
        structure.rewrite(files, stale)  # under `--dirty`, pages that read a changed case
        url_of = structure.case_urls(files, self.languages)
        assets = edition_assets(self.config.edition)
        if self.config.edition == "offline":  # an index per language, by path
            assets |= offline.scripts(cases, self.languages, languages.localised, url_of, names_in)
        for path, text in assets.items():
            files.append(File.generated(config, path, content=text))
        outputs = self.last.outputs = self.last.outputs if kept else open_data(
            cases, url_of, site_name=config.site_name, site_url=self.site_url,
            licence=self.config.licence, languages=self.languages)
        structure.add_outputs(files, config, outputs, self.last.files, kept, self.dirty)
        for name in (file.name for download in found for file in download.files):
            files.append(File.generated(config, f"downloads/{name}", abs_src_path=str(dist / name)))
        published = [downloads.published(path, outputs[path]) for path in PUBLISHED]
        for spec in pages.download_pages(found, published, self.config.licence, self.languages):
            self._add_page(files, config, spec, kept)
        self.sites.add_prose(files, translated, set(self.specs))
        self.search = BuildIndex.of_build(config, self.config, self.languages, SEARCHABLE,
                                          self.cache, self.dirty)
        return files

    def _add_page(self, files: Files, config, spec: pages.PageSpec, kept: bool) -> None:
        made = self.last.files  # if `kept` (`serve --dirty`), the last build's, to copy
        made[spec.src_uri] = conversion.generated_page(
            config, spec.src_uri, spec.content, spec.case and spec.case.path, self.conversions,
            kept, made.get(spec.src_uri) if kept else None)
        files.append(made[spec.src_uri])
        self.specs[spec.src_uri] = spec

    def on_build_error(self, *, error) -> None:
        self.dates.restore()
        self.pauses.built()
        self.workers.stop()  # and the progress line cleared
        if self.search is not None:
            self.search.close(error)
            self.search = None

    def on_nav(self, nav, *, config, files):
        self.nav = self.sites.mirror(nav, files, self.specs if self.dirty else None)
        self.processes = 1 if self.serving or self.dirty else parallel.processes(
            self.config.workers, len(self.specs))  # `serve`, `--dirty`: one process
        self.workers.line.phase(READING)
        self.conversions.ahead(files, config, () if self.dirty else self.specs, self.processes)
        return nav

    @event_priority(-100)  # last: the workers for the other cores fork with every plugin's env
    def on_env(self, env, *, config, files):
        kept = self.workers.kept = None if self.serving or self.dirty or not self.config.cache \
            else rendered.for_build(self.root / CACHE, self.config.edition, config, files,
                                    self.nav, self.sites, self.specs, log.warning)  # last kept
        self.interface = templating.install(
            env, urls=self.sites.urls, edition=self.config.edition,  # on_nav's, of these files
            languages=self.languages, relative_url=get_relative_url,
            warn=kept.warn if kept else log.warning)  # a page that warns is not kept
        env.globals["cs_versions"] = self.sites.versions
        templating.share_parts(env)
        generated = {uri: bool(spec.case) for uri, spec in self.specs.items()}
        written = self.workers.start(self.processes, generated, config, self.nav, env, files)
        if self.search is not None:  # the pages in the order they are rendered
            self.search.start(written)
        return env

    def on_page_markdown(self, markdown, *, page, config, files):
        if spec := self.specs.get(page.file.src_uri):
            page.meta.update(spec.meta())
        elif page.file.src_uri in self.homes:
            page.meta["template"] = "caseshelf/home.html"
        return markdown

    @event_priority(-90)  # late: what other plugins add to a case's body is sanitised too
    def on_page_content(self, html, *, page, config, files):
        spec = self.specs.get(page.file.src_uri)
        return self.sanitised(html) if spec and spec.case else html

    def _post_page(self, output, *, page, config):
        return languages.with_direction(output)  # without indentation: lean.LeanLoader

    @event_priority(-100)
    def _keep_page(self, output, *, page, config):  # last: the page as it is written
        self.workers.rendered()
        return rendered.keep(self.workers.kept, page, output)

    on_post_page = CombinedEvent(_post_page, _keep_page)

    def on_page_context(self, context, *, page, config, nav):
        self.interface.use(language := self.sites.language_of(page.file.src_uri))
        context.update(self.sites.context(page.file.src_uri, language, context["base_url"]))
        if spec := self.specs.get(page.file.src_uri):
            context.update(structure.generated_context(spec, page, config, self.root,
                                                       self.site_url, self.config.licence))
        elif page.file.src_uri in self.homes:
            context.update(self.homes[page.file.src_uri])
        return context

    def on_shutdown(self) -> None:
        self.pauses.stop()

    def on_serve(self, server, *, config, builder):
        server.watch(self.config.cases_dir)
        return server

    @event_priority(-100)  # last: once every page is written, the search index; no source maps
    def on_post_build(self, *, config) -> None:
        self.workers.join(config)  # and the kept pages this build did not use deleted
        if self.search is not None:
            log.info("indexed %d pages for search in %.1f s (%.1f s after the last page was "
                     "written)", *self.search.finish(self.workers.line))
            self.search = None
        lean.strip_source_maps(config.site_dir, self.copied if self.dirty else None,
                               lean.own_folders(self.workers.written, self.copied))
        self.old_site.finish()
        self.workers.line.close()
        self.dates.restore()
        self.pauses.built()
