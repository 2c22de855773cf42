"""The site's structure as MkDocs holds it: the files `serve --dirty` treats specially,
and the site's language versions, for one build makes every language.

The default language keeps its addresses at the root; each other language has the same
pages under /<lang>/. Material renders one interface language per build, read from
`config.theme.language`, so each page of another language is rendered with a view of the
configuration whose theme speaks that language, and with that language's navigation, a
mirror of the default one. Pages are planned in the site layer; this module only knows how
MkDocs holds them. See ARCHITECTURE.md, "Languages".
"""

from __future__ import annotations

import copy
import os
import posixpath
import re
from collections.abc import Callable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Link, Navigation, Section
from mkdocs.structure.pages import Page

from .cases import checker, citation, reporter
from .site import i18n, pages
from .site.languages import direction, is_language


class CaseFile(File):
    """A case page that `serve --dirty` rebuilds only when its case file changes, or when
    the case pages it reads change (`stale`)."""

    case_path: str = ""
    stale = False

    def is_modified(self) -> bool:
        """Asked twice a build for each page (when MkDocs reads it and when it writes it),
        answered once."""
        if "modified" not in self.__dict__:
            self.modified = self.stale or _older(self.abs_dest_path, self.case_path)
        return self.modified


def again(last: File, content: str) -> File:
    """A generated page's file of the last build, for this one (`serve --dirty`): a copy,
    with its addresses already worked out, this content, and none of the last build's
    answers (a CaseFile's `stale` and `modified`)."""
    file = copy.copy(last)
    for answer in ("stale", "modified"):
        file.__dict__.pop(answer, None)
    file._content, file.inclusion = content, InclusionLevel.NOT_IN_NAV
    return file


def _older(written: str, source: str) -> bool:
    """Whether `written` is missing, or older than `source`."""
    try:
        return os.stat(written).st_mtime < os.stat(source).st_mtime
    except FileNotFoundError:
        return True


class KeptFile(File):
    """A data file that `serve --dirty` keeps from the last full build: a quick preview."""

    def is_modified(self) -> bool:
        return not os.path.isfile(self.abs_dest_path)


def rewrite(files: Files, stale: set[str]) -> None:
    """Have `serve --dirty` write these pages (case pages and home pages, by path) although
    their own files did not change. A home page in docs/ is MkDocs' own File: it is told
    so on that one object."""
    for src_uri in stale:
        file = files.get_file_from_path(src_uri)
        if isinstance(file, CaseFile):
            file.stale = True
        elif file is not None:
            file.is_modified = lambda: True  # type: ignore[method-assign]


def valid_cases(folder: str, cache, memo, warn: Callable[[str], None]) -> list:
    """The cases in `folder`, checked as `caseshelf validate` checks them (`cache`, `memo`:
    check_paths's), each warning given to `warn`; a build with a case in error fails with
    every path:line:col message."""
    report = checker.check_paths([os.path.relpath(folder)], cache=cache, memo=memo)
    for problem in report.warnings:
        warn(reporter.as_text([problem]).rstrip())
    if report.errors:
        raise PluginError(reporter.as_build_failure(report.errors))
    return report.cases


def inputs(config, *options) -> tuple:
    """What a build's pages are made from besides the cases: the site's name and address,
    `options`, and when each file in docs/, the theme's templates and mkdocs.yml last
    changed. `serve --dirty` keeps the last build's pages only while these are as they were.
    Hidden folders are left out: Material's `.icons` alone holds 14,000 files."""
    found = []
    for folder in (config.docs_dir, *config.theme.dirs):
        for top, folders, names in os.walk(folder):
            folders[:] = [name for name in folders if not name.startswith(".")]
            found += [os.path.join(top, name) for name in names]
    if config.config_file_path:
        found.append(config.config_file_path)
    return (config.site_name, config.site_url, options,
            tuple((path, _changed(path)) for path in sorted(found)))


def case_urls(files: Files, languages: Sequence[str]) -> Callable[[Any, str], str]:
    """A function giving a case's page address in a site language ('' for the default)."""
    urls = {file.src_uri: file.url for file in files}

    def url_of(case, language: str = "") -> str:
        prefix = "" if language in ("", languages[0]) else f"{language}/"
        return urls[f"{prefix}cases/{case.slug}.md"]
    return url_of


def _changed(path: str) -> int | None:
    try:
        return os.stat(path).st_mtime_ns
    except OSError:  # gone since it was listed
        return None


class ThemeIn(Mapping):
    """The theme as Material reads it, in another language: `language` and `direction`
    are that language's; everything else is the theme's own."""

    def __init__(self, theme, language: str) -> None:
        self._theme = theme
        self._own = {"language": language, "direction": direction(language)}

    def __getitem__(self, key: str) -> Any:
        return self._own[key] if key in self._own else self._theme[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._theme)

    def __len__(self) -> int:
        return len(self._theme)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._theme, name)


class ConfigIn:
    """The configuration as the templates of another language's page read it."""

    def __init__(self, config, language: str) -> None:
        self._config = config
        self.theme = ThemeIn(config.theme, language)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._config, name)

    def __getitem__(self, key: str) -> Any:
        return self.theme if key == "theme" else self._config[key]

    def get(self, key: str, default: Any = None) -> Any:
        return self.theme if key == "theme" else self._config.get(key, default)

    def __contains__(self, key: str) -> bool:
        return key in self._config


def split_prose(files: Files, languages: Sequence[str]) -> dict[str, dict[str, File]]:
    """Take the translations of the prose pages (docs/about.fr.md: a page beside its
    original, named with a language) out of the site and return those into the site's
    other languages, {language: {original's path: file}}; the other languages' copies of
    each page are made from them, or from the original where there is none. A translation
    into a language the site does not list is left out of it."""
    found: dict[str, dict[str, File]] = {language: {} for language in languages[1:]}
    for file in list(files.documentation_pages()):
        stem, dot, tag = file.src_uri.removesuffix(".md").rpartition(".")
        original = f"{stem}.md"
        if dot and files.get_file_from_path(original) and is_language(tag):
            files.remove(file)
            if tag in found:
                found[tag][original] = file
    return found


def prose_copies(files: Files, config, languages: Sequence[str],
                 translated: Mapping[str, Mapping[str, File]],
                 generated: set[str]) -> dict[str, str]:
    """Add each prose page of the default language (about.md, not the pages the plugin
    makes) in every other language, under /<lang>/; return {path: language of its text}."""
    made: dict[str, str] = {}
    prose = [f for f in files.documentation_pages() if f.src_uri not in generated]
    for language in languages[1:]:
        for original in prose:
            if original.src_uri.split("/")[0] in languages:
                continue
            own = translated[language].get(original.src_uri)
            source = own or original
            path = f"{language}/{original.src_uri}"
            text = _links_to_root(source.content_string, original.src_uri, language, files)
            files.append(File.generated(config, path, content=text,
                                        inclusion=InclusionLevel.NOT_IN_NAV))
            made[path] = language if own else languages[0]
    return made


_LINK = re.compile(r"(\]\(|^\[[^\]]+\]:\s*)(?!\w+:|#|/)([^)\s#]+)", re.MULTILINE)


def _links_to_root(markdown: str, src_uri: str, language: str, files: Files) -> str:
    """A page's Markdown for its copy under /<language>/: a relative link to a file that
    has no copy there (cases.json, an image) goes up to the one at the root."""
    folder = posixpath.dirname(src_uri)

    def fix(match: re.Match) -> str:
        target = posixpath.normpath(posixpath.join(folder, match[2]))
        if files.get_file_from_path(f"{language}/{target}") or not files.get_file_from_path(target):
            return match[0]
        up = "../" * (src_uri.count("/") + 1)
        return match[1] + up + target

    return _LINK.sub(fix, markdown)


def mirror_nav(nav: Navigation, files: Files, config, language: str,
               gettext: Callable[[str], str]) -> Navigation:
    """The navigation of one language: the default one's items, each pointing to the
    language's own copy of its page and titled in the language."""
    pages: list[Page] = []

    def mirror(items) -> list:
        mirrored = []
        for item in items:
            if isinstance(item, Section):
                section = Section(gettext(item.title), mirror(item.children))
                for child in section.children:
                    child.parent = section
                mirrored.append(section)
            elif isinstance(item, Page):
                file = files.get_file_from_path(f"{language}/{item.file.src_uri}")
                if file is None:  # a page of the default language only: link to it
                    mirrored.append(Link(gettext(item.title or ""), "/" + item.file.url))
                    continue
                title = gettext(item.title) if item.title else None
                page = Page(title, file, config)  # in place of the one made for it
                pages.append(page)
                mirrored.append(page)
            elif isinstance(item, Link):
                mirrored.append(Link(gettext(item.title), item.url))
        return mirrored

    items = mirror(nav.items)
    for previous, page, following in zip([None, *pages[:-1]], pages, [*pages[1:], None],
                                         strict=True):
        page.previous_page, page.next_page = previous, following
    mirrored = Navigation(items, pages)
    home = files.get_file_from_path(f"{language}/index.md")
    mirrored.homepage = home.page if home else None
    return mirrored


class Sites:
    """Every language's version of the site in one build: which language a page is in,
    its versions in the others, and what its templates read in its language."""

    def __init__(self, config, languages: Sequence[str]) -> None:
        self.config = config
        self.languages = list(languages)
        self.default = config.theme["language"] = self.languages[0]
        self.views = {language: ConfigIn(config, language) for language in self.languages[1:]}
        self.navs: dict[str, Navigation] = {}
        self.text_language: dict[str, str] = {}  # a prose copy's path -> its text's language
        self.urls: dict[str, str] = {}
        self.in_nav: set[str] = set()  # the pages in some language's navigation

    def language_of(self, src_uri: str) -> str:
        first = src_uri.split("/", 1)[0]
        return first if first in self.views else self.default

    def base(self, src_uri: str) -> str:
        """The path of a page in the default language: 'fr/cases/x.md' -> 'cases/x.md'."""
        language = self.language_of(src_uri)
        return src_uri if language == self.default else src_uri[len(language) + 1:]

    def add_prose(self, files: Files, translated: Mapping[str, Mapping[str, File]],
                  generated: set[str]) -> None:
        self.text_language = prose_copies(files, self.config, self.languages, translated,
                                          generated)

    def mirror(self, nav: Navigation, files: Files, unread: Mapping[str, Any] | None = None
               ) -> Navigation:
        """Each other language's navigation, a mirror of `nav`, which is returned. `unread`
        (`serve --dirty`, which reads only the pages it rebuilds): the generated pages'
        specs by path, to title the pages of the navigations that were not read."""
        self.urls = {file.src_uri: file.url for file in files}
        self.navs = {language: mirror_nav(nav, files, self.config, language,
                                          i18n.translations(language).gettext)
                     for language in self.views}
        self.in_nav = {page.file.src_uri for each in (nav, *self.navs.values())
                       for page in each.pages}
        for page in (page for each in (nav, *self.navs.values()) for page in each.pages):
            if unread is not None and page.markdown is None:
                spec = unread.get(page.file.src_uri)
                if spec is None:
                    page.read_source(self.config)
                else:
                    page.title = spec.meta()["title"]
        return nav

    def versions(self, src_uri: str) -> list[tuple[str, str]]:
        """[(language, URL)] of a page's versions, the default language first; empty for a
        page with no other version."""
        base = self.base(src_uri)
        found = [(language, self.urls[uri]) for language in self.languages
                 if (uri := base if language == self.default else f"{language}/{base}")
                 in self.urls]
        return found if len(found) > 1 else []

    def context(self, src_uri: str, language: str, base_url: str) -> dict[str, Any]:
        """What a page's templates read besides MkDocs' context. `cs_frame`: the key of the
        parts of the frame that are the same on every page outside the navigation (of one
        language, as deep in the site; see templating.share_parts)."""
        context: dict[str, Any] = {"cs_language": language,
                                   "cs_text_language": self.text_language.get(src_uri),
                                   "cs_frame": None if src_uri in self.in_nav
                                   else (language, base_url)}
        if language != self.default:
            context["config"] = self.views[language]
            context["nav"] = self.navs[language]
        return context


def generated_context(spec, page, config, root: Path, site_url: str, licence: str) -> dict:
    """What a generated page's template reads besides MkDocs' context and the language's
    (`Sites.context`): its spec's context and, for a case, its citation; sets the page's
    edit address (a case's file)."""
    page.edit_url = spec.case and pages.edit_url(config.repo_url, config.edit_uri,
                                                 spec.case.path, root)
    if not spec.case:
        return spec.context
    return {**spec.context, "cite": citation.case_metadata(
        spec.case, site_url + page.url, config.site_name, licence)}


def add_outputs(files: Files, config, outputs: Mapping[str, str], made: dict[str, File],
                kept: bool, dirty: bool) -> None:
    """The open data's files added to the site; `serve --dirty` keeps the last build's
    (`made`, by path) when its plan is `kept`."""
    data_file = KeptFile if dirty else File
    for path, text in outputs.items():
        if not (kept and path in made):
            made[path] = data_file.generated(config, path, content=text)
        files.append(made[path])
