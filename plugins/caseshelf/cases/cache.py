"""What checking each case file found, kept between runs (`.cache/caseshelf/checked.json`),
so a file that has not changed is not read and checked again.

An entry is found by a hash of everything its result depends on: the file's path and
bytes, for a translation the bytes of its original, and the fingerprint of the checker
itself (caseshelf's version, the bytes of its checking code, data and schema, and the
versions of the libraries it reads YAML, countries, languages and the schema with). An
entry from another fingerprint is never read: the whole file is left aside.

Only one rule reads the date (a date or year in the future), and a date that is not in
the future stays so, so an entry holds on any later day unless its file has a date in
the future; on an earlier day it is not used.

The file is JSON (values, never code), written whole to a temporary file that then
replaces the old one (`os.replace`, atomic): a run that is interrupted leaves the last
whole file or none, and a file that cannot be read as a whole is left aside. Nothing here
knows MkDocs.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
from importlib import metadata, resources
from pathlib import Path
from typing import Any

from .. import __version__
from .problems import Problem, Severity

CACHE = ".cache/caseshelf"  # the cache's folder, in the project's folder
FILE = "checked.json"
FORMAT = 1  # of the file; a change of it is a change of the fingerprint
FUTURE = "future-date"  # the one rule that reads the date
# the libraries whose data or behaviour a check's result depends on
LIBRARIES = ("PyYAML", "pycountry", "langcodes", "language-data", "jsonschema")


def fingerprint() -> str:
    """What every check's result depends on besides the file."""
    digest = hashlib.sha256(f"{FORMAT}\0{__version__}\0".encode())
    for name in LIBRARIES:
        try:
            digest.update(f"{name}={metadata.version(name)}\0".encode())
        except metadata.PackageNotFoundError:
            digest.update(f"{name}=none\0".encode())
    package = Path(str(resources.files("caseshelf")))
    for folder in ("cases", "data", "schema"):
        digest.update(folder.encode() + b"\0" + files_digest(package / folder))
    return digest.hexdigest()


def files_digest(folder: Path) -> bytes:
    """A hash of every file under `folder` (compiled Python left out): its path in the
    folder and its bytes. The caches' fingerprints are made of these."""
    digest = hashlib.blake2b(digest_size=20)
    for path in sorted(folder.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts:
            digest.update(path.relative_to(folder).as_posix().encode() + b"\0")
            digest.update(hashlib.blake2b(path.read_bytes(), digest_size=20).digest())
    return digest.digest()


def key(name: str, data: bytes, original: bytes | None) -> str:
    """An entry's key: the path as given, the bytes, the original's bytes (or none)."""
    digest = hashlib.sha256(name.encode("utf-8") + b"\0")
    digest.update(hashlib.sha256(data).digest())
    digest.update(b"\1" + hashlib.sha256(original).digest() if original is not None else b"\0")
    return digest.hexdigest()


def problem_row(problem: Problem) -> list:
    return [problem.path, problem.line, problem.col, problem.severity.value, problem.code,
            problem.message, problem.hint]


def problem_of(row: list) -> Problem:
    path, line, col, severity, code, message, hint = row
    return Problem(path, line, col, Severity(severity), code, message, hint)


def prune(folder: str | Path, used: set[str]) -> None:
    """Delete every file in `folder` but those named in `used` (the entries a build used):
    older entries, and temporary files an interrupted build left."""
    try:
        names = os.listdir(folder)
    except OSError:
        return
    for name in names:
        if name not in used:
            (Path(folder) / name).unlink(missing_ok=True)


class Store:
    """Entries kept between runs in one JSON file of the cache's folder, under a
    fingerprint: a file of another fingerprint, or one that is not whole, gives none. `get`
    and `put` mark the entries this run uses, and `save` writes only those (so the file
    never grows with entries no run asks for), whole or not at all."""

    def __init__(self, folder: str | Path, name: str, fingerprint: str) -> None:
        self.path = Path(folder) / name
        self.fingerprint = fingerprint
        self.entries = self._load()
        self.kept: dict[str, Any] = {}
        self.hits = 0
        self.changed = False  # an entry was put: the file is written again

    def _load(self) -> dict[str, Any]:
        try:
            stored = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):  # none yet, or not whole: nothing is trusted
            return {}
        if not isinstance(stored, dict) or stored.get("fingerprint") != self.fingerprint:
            return {}
        entries = stored.get("entries")
        return entries if isinstance(entries, dict) else {}

    def get(self, entry_key: str) -> Any:
        entry = self.entries.get(entry_key)
        if entry is not None:
            self.kept[entry_key] = entry
            self.hits += 1
        return entry

    def put(self, entry_key: str, entry: Any) -> None:
        self.kept[entry_key] = entry
        self.changed = True

    def save(self) -> bool:
        """Write this run's entries. A folder that cannot be written to keeps no cache: no
        result depends on it. Returns whether the file holds this run's entries."""
        if not self.changed and self.kept.keys() == self.entries.keys():
            return True  # the same entries as the file's
        temporary = self.path.with_name(f".{self.path.name}.{os.getpid()}.tmp")
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            with open(temporary, "w", encoding="utf-8") as out:  # dumps: json's C encoder
                out.write(json.dumps({"fingerprint": self.fingerprint, "entries": self.kept},
                                     ensure_ascii=False, separators=(",", ":")))
            os.replace(temporary, self.path)
            return True
        except OSError:
            return False
        finally:
            temporary.unlink(missing_ok=True)


class CheckCache:
    """What checking each file found: its problems, front-matter values and title's place."""

    def __init__(self, folder: str | Path) -> None:
        self.store = Store(folder, FILE, fingerprint())

    def get(self, entry_key: str, today: dt.date) -> dict | None:
        """The entry for a key, if it holds today."""
        entry = self.store.entries.get(entry_key)
        if not isinstance(entry, dict):
            return None
        checked = dt.date.fromisoformat(entry["checked"])
        future = any(row[4] == FUTURE for row in entry["problems"])
        if today < checked or (future and today != checked):
            return None
        return self.store.get(entry_key)

    def put(self, entry_key: str, today: dt.date, problems: list[Problem], data: Any,
            title_at: tuple[int, int]) -> None:
        self.store.put(entry_key, {"checked": today.isoformat(),
                                   "problems": [problem_row(p) for p in problems],
                                   "data": data, "title_at": list(title_at)})

    def save(self) -> bool:
        return self.store.save()
