"""The generated pages as earlier builds wrote them, kept for the next build in
`.cache/caseshelf/pages-<edition>/`, one file a page, named by a hash of everything its
HTML depends on: a rebuild puts an unchanged page in the site instead of rendering it.

A page's key is made of
- the build's fingerprint: this format, the versions of caseshelf and of every installed
  distribution (MkDocs, Material, Jinja, Markdown, Babel…), the bytes of caseshelf's own
  files (code, templates, catalogs, data) and of the theme folders outside installed
  packages (a site's `custom_dir`), the whole configuration, every language's navigation,
  the address of every file of the site, and SOURCE_DATE_EPOCH;
- the page: its paths, address, title, meta, HTML and table of contents, and the context
  caseshelf hands its template (pages.PageSpec.context), walked value by value: a case by
  every field it has but its text (replan.listed: only the case's own page shows the text,
  and there it is the page's HTML), a listing by the cases it lists. So an edit to a case's
  text renders again only the pages that show that text (and /download/, which gives the
  open data's sizes), not the case's listings.
A value whose digest cannot be made (an object this module does not know) makes its page
one that is always rendered. So an entry is used only for the very inputs that made it,
and a change to any template, library or setting makes every key new.

An entry is a second name (a hard link) of the page's file in the site, made once MkDocs
has written the file whole, at the end of the process's share of the pages; a rebuild links
the entry into the new site the same way. Nothing is written twice, and nothing is stored
twice while the site is there. Where the site is on another disk, the entry is a copy,
written under a temporary name and then renamed. An entry's name holds its key and its
size: one cut short is not used. An interrupted build makes no entry for the pages of a
process that did not finish. Nothing writes into a page's file once it is written: MkDocs
cleans the site before a build; no page is kept under `serve` or `build --dirty`, and a
dirty build unlinks a page's file that has another name before MkDocs writes over it. A
page whose rendering logged a warning is not kept, so a rebuild still says it. After a
build, the entries it did not use are deleted.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import enum
import hashlib
import os
import shutil
import sys
import types
from collections.abc import Callable, Iterable, Mapping
from importlib import metadata, resources
from pathlib import Path
from typing import Any

from . import __version__
from .cases.cache import files_digest, prune
from .cases.model import Case
from .site.replan import listed

FORMAT = 4  # of the entries and their keys


class Unkeyable(Exception):
    """A value of a page's inputs that has no digest here."""


def _h(data: bytes) -> bytes:
    return hashlib.blake2b(data, digest_size=20).digest()


def _named(value: Any) -> bytes:
    module = getattr(value, "__module__", None) or type(value).__module__
    return f"{module}.{getattr(value, '__qualname__', type(value).__qualname__)}".encode()


SHARED_FROM = 16  # items: a list or mapping this long is worth remembering (value.cases)
SHORT = 64  # bytes: a text or number this short is its own digest


class Digest:
    """Digests of the values a template reads. A value many pages share (an object, a long
    list) has its digest worked out once per build: it is held here, so its id cannot be
    taken by another value meanwhile; a short list or mapping is walked each time, and not
    held. `loose` (for the configuration): a value of an unknown kind by its `repr`, when
    that shows no address in memory. `views`: for a kind of value, the part of it that
    pages show, digested instead of the whole (a case without its text, which only its own
    page shows, and there as the page's HTML, a part of its key)."""

    def __init__(self, loose: bool = False,
                 views: Mapping[type, Callable[[Any], Any]] | None = None) -> None:
        self.loose = loose
        self.views = dict(views or {})
        self.memo: dict[int, tuple[Any, bytes]] = {}
        self.open: set[int] = set()

    def of(self, value: Any) -> bytes:
        """The value's digest: a short text or a number as itself (no hash is worked out
        for each of the many small values pages hold), anything else as a hash. Each form
        says where it ends, so a run of them reads one way only."""
        if isinstance(value, str):  # str and Markup
            data = value.encode("utf-8", "surrogatepass")
            text = type(value).__name__.encode() + b"\0" + len(data).to_bytes(4, "big") + data
            return b"s" + text if len(data) <= SHORT else b"S" + _h(text)
        if value is None or isinstance(value, (bool, int, float, dt.date, enum.Enum)):
            data = repr(value).encode()
            if len(data) <= SHORT:
                return b"a" + _named(type(value)) + b"\0" + len(data).to_bytes(4, "big") + data
            return b"A" + _h(_named(type(value)) + b"\0" + data)
        if isinstance(value, (types.FunctionType, types.BuiltinFunctionType, type)):
            return b"f" + _h(_named(value))  # code: in the fingerprint
        if isinstance(value, types.ModuleType):  # a hook: its code
            path = getattr(value, "__file__", None)
            return b"m" + _h(value.__name__.encode() + b"\0"
                             + (Path(path).read_bytes() if path else b""))
        key = id(value)
        if key in self.memo:
            return self.memo[key][1]
        if key in self.open:
            raise Unkeyable(f"{type(value).__qualname__} holds itself")
        self.open.add(key)
        try:
            digest = b"h" + _h(self._parts(value))
        finally:
            self.open.discard(key)
        if not isinstance(value, (list, tuple, dict)) or len(value) >= SHARED_FROM:
            self.memo[key] = (value, digest)
        return digest

    def _parts(self, value: Any, seen: bool = False) -> bytes:
        """The value's parts; its view's (`seen`: once) if its kind has one."""
        of = self.of
        view = None if seen else self.views.get(type(value))
        if view is not None:
            return b"v" + self._parts(view(value), seen=True)
        if isinstance(value, types.MethodType):
            return b"b" + _named(value.__func__) + b"\0" + of(value.__self__)
        if hasattr(value, "__digest__"):  # what an object says its behaviour depends on
            return b"o" + _named(type(value)) + b"\0" + of(value.__digest__())
        if dataclasses.is_dataclass(value) and not isinstance(value, type):
            return b"D" + _named(type(value)) + b"\0" + b"".join(
                field.name.encode() + b"\0" + of(getattr(value, field.name))
                for field in dataclasses.fields(value))
        if isinstance(value, Mapping):
            return b"d" + _named(type(value)) + b"\0" + b"".join(
                of(k) + of(v) for k, v in value.items())
        if isinstance(value, (list, tuple)):
            return b"l" + _named(type(value)) + b"\0" + b"".join(of(item) for item in value)
        if isinstance(value, (set, frozenset)):
            return b"e" + b"".join(sorted(of(item) for item in value))
        if self.loose:
            text = repr(value)
            if " at 0x" not in text:
                return b"r" + _named(type(value)) + b"\0" + text.encode("utf-8", "surrogatepass")
        raise Unkeyable(f"no digest for a {type(value).__qualname__}")


def _installed() -> bytes:
    found = sorted(f"{d.metadata['Name']}=={d.version}" for d in metadata.distributions())
    return "\0".join(found).encode()


def _outside_packages(folder: str) -> bool:
    where = Path(folder).resolve()
    return not any(where.is_relative_to(Path(p).resolve()) for p in sys.path
                   if p and p.endswith("-packages"))


def _plain_config(config) -> dict:
    """The configuration as values: each plugin by its options, the theme by its settings
    and folders; MkDocs' own state (`_…`) and where the site is written left out."""
    plain = {}
    for name in config:
        if name.startswith("_") or name == "site_dir":
            continue
        value = config[name]
        if name == "plugins":
            value = {key: dict(plugin.config) for key, plugin in value.items()}
        elif name == "theme":
            value = {"name": value.name, "dirs": list(value.dirs),
                     "static_templates": sorted(value.static_templates), **dict(value.items())}
        plain[name] = value
    return plain


def fingerprint(config, navs: Iterable, files: Iterable, extra: Any = None) -> bytes | None:
    """What every page depends on besides its own inputs (see the module's text); None when
    a setting has no digest (no page is kept then)."""
    digest = hashlib.blake2b(digest_size=20)
    digest.update(f"{FORMAT}\0{__version__}\0".encode() + _installed())
    digest.update(files_digest(Path(str(resources.files("caseshelf")))))  # templates too
    ours = Path(str(resources.files("caseshelf"))).resolve()
    for folder in config.theme.dirs:
        if _outside_packages(folder) and not Path(folder).resolve().is_relative_to(ours):
            digest.update(folder.encode() + files_digest(Path(folder)))
    digest.update(os.environ.get("SOURCE_DATE_EPOCH", "").encode() + b"\0")
    of = Digest(loose=True).of
    try:
        digest.update(of(_plain_config(config)))
        digest.update(of([_nav_items(nav.items) for nav in navs]))
        digest.update(of([(f.src_uri, f.dest_uri, f.url, f.inclusion.name) for f in files]))
        digest.update(of(extra))
    except Unkeyable:
        return None
    return digest.digest()


def _nav_items(items) -> list:
    """A navigation as values: what its templates read of each item."""
    return [(type(item).__name__, item.title, getattr(item, "url", None),
             getattr(item, "meta", None), _nav_items(getattr(item, "children", None) or []))
            for item in items]


def _toc(items) -> list:
    return [(item.title, item.id, item.level, _toc(item.children)) for item in items]


class KeptPages:
    """One build's kept pages: `restore` puts a page in the site from its entry or notes
    its key; `keep` notes a page rendered here to keep; `link` makes their entries once
    they are written; `prune` leaves the entries this build used."""

    def __init__(self, folder: str | Path, fingerprint: bytes,
                 context_of: Callable[[str], Mapping[str, Any] | None],
                 warn: Callable[[str], None],
                 views: Mapping[type, Callable[[Any], Any]] | None = None) -> None:
        self.folder = Path(folder)
        self.fingerprint = fingerprint
        self.context_of = context_of  # a generated page's context, by its source path
        self.digest = Digest(views=views)
        self.pending: dict[str, tuple[str, int]] = {}  # rendered here: key, warnings before
        self.written: list[tuple[str, str]] = []  # to keep once written: key, page's path
        self.used: set[str] = set()  # the names of the entries this build holds to
        self.present = _entries(self.folder)  # a page without one is not looked for
        self.warnings = 0
        self.unkeyable = 0  # pages whose inputs have no digest
        self._warn = warn

    def warn(self, message: str) -> None:
        """What the templates warn of, counted: a page that warned is not kept."""
        self.warnings += 1
        self._warn(message)

    def key(self, page) -> str | None:
        context = self.context_of(page.file.src_uri)
        if context is None:
            return None
        of = self.digest.of
        try:
            parts = [of(page.file.src_uri), of(page.file.dest_uri), of(page.url),
                     of(page.title), of(page.content or ""), of(page.meta),
                     of(_toc(page.toc)), of(context)]
        except Unkeyable:
            self.unkeyable += 1
            return None
        return hashlib.blake2b(self.fingerprint + b"".join(parts), digest_size=24).hexdigest()

    def restore(self, page) -> bool:
        """Put the page in the site from its entry, if there is one (a link to the same
        file, else a copy); else note its key for `keep`."""
        key = self.key(page)
        if key is None:
            return False
        name = self.present.get(key)
        if name is None:  # none kept: the page is rendered, and kept
            self.pending[page.file.src_uri] = (key, self.warnings)
            return False
        target = page.file.abs_dest_path
        try:
            os.makedirs(os.path.dirname(target), exist_ok=True)
            _link_or_copy(self.folder / name, Path(target))
        except OSError:  # none readable: the page is rendered, and kept
            self.pending[page.file.src_uri] = (key, self.warnings)
            return False
        self.used.add(name)
        return True

    def keep(self, page, output: str) -> str:
        """Keep a page as it is written (MkDocs' bytes), unless rendering it warned: its
        entry is made by `link`, once MkDocs has written it."""
        key, warnings = self.pending.pop(page.file.src_uri, (None, 0))
        if key is not None and warnings == self.warnings and output.strip():
            self.written.append((key, page.file.abs_dest_path))
        return output

    def link(self) -> None:
        """The entries of the pages this process rendered and wrote whole: each a second
        name of the page's file (a link; a copy where the site is on another disk), named by
        its key and its size."""
        if not self.written:
            return
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
        except OSError:  # a folder that cannot be written to keeps nothing
            return
        for key, path in self.written:
            try:
                name = f"{key}-{os.stat(path).st_size}"
                try:
                    _link_or_copy(Path(path), self.folder / name)
                except FileExistsError:  # a file the build found no entry in (cut short)
                    temporary = self.folder / f".{name}.{os.getpid()}.tmp"
                    temporary.unlink(missing_ok=True)
                    _link_or_copy(Path(path), temporary)
                    os.replace(temporary, self.folder / name)
            except OSError:
                continue
            self.used.add(name)
        self.written = []

    def prune(self) -> None:
        prune(self.folder, self.used)


def keep(kept: KeptPages | None, page, output: str) -> str:
    """A page about to be written: kept by this build's `kept`; else, if its file is
    there and has another name (`build --dirty` after a build that kept it), that file is
    unlinked first, so that MkDocs, which writes into a file, leaves the entry's bytes be."""
    if kept is not None:
        return kept.keep(page, output)
    try:
        if os.stat(page.file.abs_dest_path).st_nlink > 1:
            os.unlink(page.file.abs_dest_path)
    except OSError:  # none there: a site MkDocs cleaned
        pass
    return output


def _entries(folder: Path) -> dict[str, str]:
    """The entries in the folder by key, each whose size is that of its name (a file cut
    short is no entry)."""
    found = {}
    try:
        with os.scandir(folder) as entries:
            for entry in entries:
                key, _, size = entry.name.partition("-")
                if size.isdigit() and entry.stat().st_size == int(size):
                    found[key] = entry.name
    except OSError:
        pass
    return found


def _link_or_copy(source: Path, target: Path) -> None:
    """`target` as a second name of `source`'s file, else a copy of it made under another
    name and then renamed (so it is never seen half written). Raises FileExistsError if
    `target` exists."""
    try:
        os.link(source, target)
        return
    except FileExistsError:
        raise
    except OSError:  # another disk, or a file system without links
        pass
    if target.exists():
        raise FileExistsError(target)
    temporary = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    try:
        shutil.copyfile(source, temporary)
        os.replace(temporary, target)
    finally:
        temporary.unlink(missing_ok=True)


def for_build(cache: Path, edition: str, config, files, nav, sites,
              specs: Mapping[str, Any], warn: Callable[[str], None]) -> KeptPages | None:
    """The kept pages of this build of an edition (each has its own folder: the entries one
    build does not use are deleted), or None when the configuration has no digest. `sites`
    (structure.Sites): the other languages' navigations, and the prose pages' languages."""
    found = fingerprint(config, [nav, *sites.navs.values()], files, sites.text_language)
    if found is None:
        return None
    kept = KeptPages(cache / f"pages-{edition}", found,
                     lambda uri: specs[uri].context if uri in specs else None, warn,
                     views={Case: listed})  # a case's text: on its own page, as its HTML
    for spec in specs.values():  # each case's digest, before the workers fork: a worker
        if spec.case:  # reads it, and so does not touch (and copy) every case's texts
            try:
                kept.digest.of(spec.case)
            except Unkeyable:
                pass
    return kept
