"""The generated pages as earlier builds wrote them, kept for the next build in
`.cache/caseshelf/pages-<edition>/`, one file a page, named by a hash of everything its
HTML depends on: a rebuild copies an unchanged page instead of rendering it again.

A page's key is made of
- the build's fingerprint: this format, the versions of caseshelf and of every installed
  distribution (MkDocs, Material, Jinja, Markdown, Babel…), the bytes of caseshelf's own
  files (code, templates, catalogs, data) and of the theme folders outside installed
  packages (a site's `custom_dir`), the whole configuration, every language's navigation,
  the address of every file of the site, and SOURCE_DATE_EPOCH;
- the page: its paths, address, title, meta, HTML and table of contents, and the context
  caseshelf hands its template (pages.PageSpec.context), walked value by value: a case by
  every field it has, a listing by the cases it lists.
A value whose digest cannot be made (an object this module does not know) makes its page
one that is always rendered. So an entry is used only for the very inputs that made it,
and a change to any template, library or setting makes every key new.

An entry is written whole to a temporary file that then replaces its name (`os.replace`):
an interrupted build leaves whole entries only, each true to its key. A page whose
rendering logged a warning is not kept, so a rebuild still says it. After a build, the
entries it did not use are deleted. Nothing is kept under `serve`.
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

FORMAT = 1  # of the entries and their keys


class Unkeyable(Exception):
    """A value of a page's inputs that has no digest here."""


def _h(data: bytes) -> bytes:
    return hashlib.blake2b(data, digest_size=20).digest()


def _named(value: Any) -> bytes:
    module = getattr(value, "__module__", None) or type(value).__module__
    return f"{module}.{getattr(value, '__qualname__', type(value).__qualname__)}".encode()


SHARED_FROM = 16  # items: a list or mapping this long is worth remembering (value.cases)


class Digest:
    """Digests of the values a template reads. A value many pages share (an object, a long
    list) has its digest worked out once per build: it is held here, so its id cannot be
    taken by another value meanwhile; a short list or mapping is walked each time, and not
    held. `loose` (for the configuration): a value of an unknown kind by its `repr`, when
    that shows no address in memory."""

    def __init__(self, loose: bool = False) -> None:
        self.loose = loose
        self.memo: dict[int, tuple[Any, bytes]] = {}
        self.open: set[int] = set()

    def of(self, value: Any) -> bytes:
        if isinstance(value, str):  # str and Markup
            return _h(b"s" + type(value).__name__.encode() + b"\0"
                      + value.encode("utf-8", "surrogatepass"))
        if value is None or isinstance(value, (bool, int, float, dt.date, enum.Enum)):
            return _h(b"a" + _named(type(value)) + b"\0" + repr(value).encode())
        if isinstance(value, (types.FunctionType, types.BuiltinFunctionType, type)):
            return _h(b"f" + _named(value))  # code: in the fingerprint
        if isinstance(value, types.ModuleType):  # a hook: its code
            path = getattr(value, "__file__", None)
            return _h(b"m" + value.__name__.encode() + (Path(path).read_bytes() if path else b""))
        key = id(value)
        if key in self.memo:
            return self.memo[key][1]
        if key in self.open:
            raise Unkeyable(f"{type(value).__qualname__} holds itself")
        self.open.add(key)
        try:
            digest = _h(self._parts(value))
        finally:
            self.open.discard(key)
        if not isinstance(value, (list, tuple, dict)) or len(value) >= SHARED_FROM:
            self.memo[key] = (value, digest)
        return digest

    def _parts(self, value: Any) -> bytes:
        of = self.of
        if isinstance(value, types.MethodType):
            return b"b" + _named(value.__func__) + of(value.__self__)
        if hasattr(value, "__digest__"):  # what an object says its behaviour depends on
            return b"o" + _named(type(value)) + of(value.__digest__())
        if dataclasses.is_dataclass(value) and not isinstance(value, type):
            return b"D" + _named(type(value)) + b"".join(
                field.name.encode() + of(getattr(value, field.name))
                for field in dataclasses.fields(value))
        if isinstance(value, Mapping):
            return b"d" + _named(type(value)) + b"".join(of(k) + of(v) for k, v in value.items())
        if isinstance(value, (list, tuple)):
            return b"l" + _named(type(value)) + b"".join(of(item) for item in value)
        if isinstance(value, (set, frozenset)):
            return b"e" + b"".join(sorted(of(item) for item in value))
        if self.loose:
            text = repr(value)
            if " at 0x" not in text:
                return b"r" + _named(type(value)) + text.encode("utf-8", "surrogatepass")
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
    """One build's kept pages: `restore` copies a page from its entry or notes its key;
    `keep` writes the entry of a page rendered; `prune` leaves the entries this build used."""

    def __init__(self, folder: str | Path, fingerprint: bytes,
                 context_of: Callable[[str], Mapping[str, Any] | None],
                 warn: Callable[[str], None]) -> None:
        self.folder = Path(folder)
        self.fingerprint = fingerprint
        self.context_of = context_of  # a generated page's context, by its source path
        self.digest = Digest()
        self.pending: dict[str, tuple[str, int]] = {}  # rendered here: key, warnings before
        self.used: set[str] = set()
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
        """Write the page from its entry, if there is one; else note its key for `keep`."""
        key = self.key(page)
        if key is None:
            return False
        target = page.file.abs_dest_path
        try:
            os.makedirs(os.path.dirname(target), exist_ok=True)
            shutil.copyfile(self.folder / key, target)
        except OSError:  # none kept (or none readable): the page is rendered, and kept
            self.pending[page.file.src_uri] = (key, self.warnings)
            return False
        self.used.add(key)
        return True

    def keep(self, page, output: str) -> str:
        """Keep a page as it is written (MkDocs' bytes), unless rendering it warned."""
        key, warnings = self.pending.pop(page.file.src_uri, (None, 0))
        if key is None or warnings != self.warnings or not output.strip():
            return output
        temporary = self.folder / f".{key}.{os.getpid()}.tmp"
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            temporary.write_bytes(output.encode("utf-8", errors="xmlcharrefreplace"))
            os.replace(temporary, self.folder / key)
            self.used.add(key)
        except OSError:  # a folder that cannot be written to keeps nothing
            temporary.unlink(missing_ok=True)
        return output

    def prune(self) -> None:
        prune(self.folder, self.used)


def for_build(cache: Path, edition: str, config, files, nav, sites,
              specs: Mapping[str, Any], warn: Callable[[str], None]) -> KeptPages | None:
    """The kept pages of this build of an edition (each has its own folder: the entries one
    build does not use are deleted), or None when the configuration has no digest. `sites`
    (structure.Sites): the other languages' navigations, and the prose pages' languages."""
    found = fingerprint(config, [nav, *sites.navs.values()], files, sites.text_language)
    if found is None:
        return None
    kept = KeptPages(cache / f"pages-{edition}", found,
                     lambda uri: specs[uri].context if uri in specs else None, warn)
    for spec in specs.values():  # each case's digest, before the workers fork: a worker
        if spec.case:  # reads it, and so does not touch (and copy) every case's texts
            try:
                kept.digest.of(spec.case)
            except Unkeyable:
                pass
    return kept
