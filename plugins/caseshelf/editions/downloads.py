"""What the download page lists: the offline editions found in dist/ and the open-data files
of the site, each with its size and checksum.

The site build records them when they exist (`caseshelf offline` and `caseshelf zim` write
them; the deploy workflow builds them before the site) and says plainly when one is not.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path


def N_(message: str) -> str:
    """Marks a reader-facing string for the catalogs (site/i18n.py has the same marker; this
    layer may not import the site's); download.html translates it where it is shown."""
    return message


@dataclass(frozen=True)
class Edition:
    key: str
    label: str
    pattern: str
    how: str
    by_language: bool = False  # one file per site language, named <...>_<language>_<date>


@dataclass(frozen=True)
class Built:
    """One file of an edition in dist/."""

    name: str
    size: int
    sha256: str
    language: str = ""  # the site language of a file made per language


@dataclass(frozen=True)
class Download:
    edition: Edition
    files: tuple[Built, ...] = ()

    @property
    def built(self) -> bool:
        return bool(self.files)


EDITIONS = (
    Edition("offline", N_("Offline website (zip)"), "caseshelf-offline-*.zip",
            N_("Unzip it anywhere, then open index.html in a web browser. Everything works "
               "without a network, search included.")),
    Edition("zim", N_("ZIM file for Kiwix"), "caseshelf_*_*.zim",
            N_("Open it in a Kiwix app (Android, Windows, macOS and Linux) or serve it with "
               "kiwix-serve. Kiwix has its own full-text search."), by_language=True),
)


@dataclass(frozen=True)
class Published:
    """An open-data file the site itself serves."""

    path: str
    size: int
    sha256: str


def published(path: str, content: str) -> Published:
    data = content.encode("utf-8")
    return Published(path, len(data), hashlib.sha256(data).hexdigest())


def sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        for block in iter(lambda: stream.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def built(path: Path, language: str = "") -> Built:
    return Built(path.name, path.stat().st_size, sha256(path), language)


def find_downloads(dist: Path) -> list[Download]:
    """The newest file of each edition in `dist` (of a ZIM, the newest in each language,
    by language code), or an entry saying it is not built."""
    found = []
    for edition in EDITIONS:
        # names end in the date, so the last is the newest
        files = sorted(dist.glob(edition.pattern)) if dist.is_dir() else []
        if not edition.by_language:
            found.append(Download(edition, (built(files[-1]),) if files else ()))
            continue
        newest = {path.name.split("_")[1]: path for path in files}
        found.append(Download(edition, tuple(built(newest[language], language)
                                             for language in sorted(newest))))
    return found
