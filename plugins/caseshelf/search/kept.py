"""The search index's batches kept between builds (`.cache/caseshelf/search/`). Each batch
of pages (pagefind.py) is kept as the files its Pagefind process wrote, in a zip named by a
hash of everything they depend on: the batch's site, number and settings, the address and
every byte of each page in the order given, and the fingerprint of the indexer (caseshelf's
version, this folder's code, the Pagefind program's bytes, cbor2's version). A batch whose
hash is kept is written from its zip, and its Pagefind process is ended without building
its index, the slow part of indexing. Pagefind's output is a function of what it is given,
sorted (order.py), so the bytes are those it would write.

A zip is written under a temporary name and then renamed: an interrupted build leaves only
whole zips. After a build, the zips it did not use are deleted. Nothing here knows MkDocs.

Which pages a batch had is noted too (`search-pages/`, a hash of each page, by the batch's
site, number and settings): while each page of a batch is the one the last build had at
its place, the page is held back from Pagefind (`Held`), as the batch will most likely
be written from its zip. The first page that differs sends those held, in order, and so
does a batch whose zip is missing after all: Pagefind is given the same pages either way.
The note is only a guess of what is coming; the zip is used for its hash alone.
"""

from __future__ import annotations

import hashlib
import json
import os
import zipfile
from collections.abc import Callable, Iterable
from importlib import metadata, resources
from pathlib import Path

from pagefind.service import get_executable

from .. import __version__
from ..cases.cache import files_digest, prune

FORMAT = 2  # 2: a batch's hash is made of its pages' hashes
META = "caseshelf-batch.json"  # in each zip: pages indexed, and each bundle's entry


def fingerprint() -> bytes:
    digest = hashlib.blake2b(f"{FORMAT}\0{__version__}\0".encode(), digest_size=20)
    for name in ("cbor2",):
        try:
            digest.update(f"{name}=={metadata.version(name)}\0".encode())
        except metadata.PackageNotFoundError:
            digest.update(f"{name}==none\0".encode())
    digest.update(files_digest(Path(str(resources.files("caseshelf"))) / "search"))
    program = get_executable()
    digest.update(Path(program).read_bytes() if program else b"")
    return digest.digest()


class Batches:
    """The kept batches of one build: `replay` a batch's zip, or `record` the files written;
    `pages` and `note` which pages a batch had."""

    def __init__(self, folder: str | Path) -> None:
        self.folder = Path(folder)
        self.notes = self.folder.with_name(self.folder.name + "-pages")
        self.fingerprint = fingerprint()
        self.used: set[str] = set()
        self.noted: set[str] = set()

    def pages(self, batch: str) -> list[str]:
        """The hashes of the pages the last build gave this batch (`batch`: its name, from
        its site, number and settings), or none."""
        try:
            return (self.notes / batch).read_text(encoding="ascii").split()
        except (OSError, ValueError):
            return []

    def note(self, batch: str, hashes: list[str]) -> None:
        """Note the pages this build gave the batch (written whole, then renamed)."""
        self.noted.add(batch)
        temporary = self.notes / f".{batch}.{os.getpid()}.tmp"
        try:
            self.notes.mkdir(parents=True, exist_ok=True)
            temporary.write_text("\n".join(hashes), encoding="ascii")
            os.replace(temporary, self.notes / batch)
        except OSError:
            temporary.unlink(missing_ok=True)

    def key(self, digest: hashlib.blake2b) -> str:
        copy = digest.copy()
        copy.update(self.fingerprint)
        return copy.hexdigest()[:48] + ".zip"

    def has(self, key: str) -> bool:
        """Whether a zip is kept under `key` (`replay` still checks it is whole)."""
        try:
            return (self.folder / key).is_file()
        except OSError:  # unreadable: the batch is indexed, and replay tries the zip first
            return False

    def replay(self, key: str, write: Callable[[str, str, bytes], None]) -> dict | None:
        """Write a kept batch's files (write(folder, path, content)) and return what the
        batch said of itself, or None when there is no whole zip under `key`."""
        try:
            with zipfile.ZipFile(self.folder / key) as kept:
                if kept.testzip() is not None:  # a file whose bytes are not those kept
                    return None
                meta = json.loads(kept.read(META))
                for name in kept.namelist():
                    if name != META:
                        folder, path = json.loads(kept.getinfo(name).comment)
                        write(folder, path, kept.read(name))
        except (OSError, KeyError, ValueError, zipfile.BadZipFile):
            return None
        self.used.add(key)
        return meta

    def record(self, key: str) -> Recording | None:
        """A new zip for a batch's files; None where the folder cannot be written to (the
        index is written all the same, and nothing is kept)."""
        try:
            return Recording(self, key)
        except OSError:
            return None

    def prune(self) -> None:
        prune(self.folder, self.used)
        prune(self.notes, self.noted)


class Recording:
    """The files one batch writes, kept as they are written; `keep` makes the zip whole."""

    def __init__(self, batches: Batches, key: str) -> None:
        self.batches, self.key = batches, key
        batches.folder.mkdir(parents=True, exist_ok=True)
        self.temporary = batches.folder / f".{key}.{os.getpid()}.tmp"
        self.zip: zipfile.ZipFile | None = zipfile.ZipFile(self.temporary, "w")
        self.count = 0

    def add(self, folder: str, path: str, content: bytes) -> None:
        if self.zip is None:
            return
        info = zipfile.ZipInfo(f"{self.count}", date_time=(1980, 1, 1, 0, 0, 0))
        info.comment = json.dumps([folder, path]).encode("utf-8")
        try:
            self.zip.writestr(info, content)
        except OSError:  # a full disk: nothing is kept of this batch
            self.drop()
        self.count += 1

    def keep(self, meta: dict) -> None:
        if self.zip is None:
            return
        try:
            self.zip.writestr(META, json.dumps(meta))
            self.zip.close()
            os.replace(self.temporary, self.batches.folder / self.key)
            self.batches.used.add(self.key)
        except OSError:
            self.drop()

    def drop(self) -> None:
        if self.zip is not None:
            try:
                self.zip.close()
            except OSError:
                pass
            self.zip = None
        self.temporary.unlink(missing_ok=True)


class Held:
    """A batch's pages held back from Pagefind while each is the page the last build gave
    the batch at its place (`Batches.pages`), and the batch's hash (`digest`), made of its
    pages' (each page is hashed once)."""

    def __init__(self, batches: Batches, parts: Iterable[str]) -> None:
        self.digest = pages_digest(parts)
        named = self.digest.copy()
        named.update(batches.fingerprint)
        self.name = named.hexdigest()[:40]
        self.expected: list[str] | None = batches.pages(self.name) or None
        self.hashes: list[str] = []  # of every page given, in order
        self.pages: list = []  # held back, in order

    def hold(self, url: str, html: str, page: object) -> bool:
        """Note the page; hold it back (True) while every page so far is the last build's;
        from the first that is not, hold none (the caller sends those held first)."""
        page_hash = hashlib.blake2b(f"{url}\0{html}".encode("utf-8", "surrogatepass"),
                                    digest_size=32).digest()
        self.digest.update(page_hash)
        self.hashes.append(page_hash[:12].hex())
        at = len(self.hashes) - 1
        if self.expected is None or at >= len(self.expected) or \
                self.expected[at] != self.hashes[at]:
            self.expected = None
            return False
        self.pages.append(page)
        return True

    def release(self) -> list:
        """The pages held back, to be sent now; none are held from here on."""
        pages, self.pages, self.expected = self.pages, [], None
        return pages


def pages_digest(parts: Iterable[str]) -> hashlib.blake2b:
    """A batch's digest, begun with what says which batch it is."""
    digest = hashlib.blake2b(digest_size=32)
    for part in parts:
        digest.update(part.encode("utf-8") + b"\0")
    return digest
