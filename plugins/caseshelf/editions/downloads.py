"""What the download page lists: the offline editions and PDF compendiums found in dist/ and
the open-data files of the site, each with its size and checksum.

The site build records them when they exist (`caseshelf offline`, `caseshelf zim` and
`caseshelf pdf --all` write them; the deploy workflow builds them before the site) and says
plainly when one is not.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from ..cases import vocabularies
from ..cases.text import slugify


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
    parts: bool = False  # also one per UN region, named <pattern's start>-<region>_<...>


@dataclass(frozen=True)
class Built:
    """One file of an edition in dist/."""

    name: str
    size: int
    sha256: str
    language: str = ""  # the site language of a file made per language
    part: str = ""  # the slug of the UN region of a compendium of one region


@dataclass(frozen=True)
class Download:
    edition: Edition
    files: tuple[Built, ...] = ()

    @property
    def built(self) -> bool:
        return bool(self.files)


COMPENDIUM = "caseshelf-compendium"  # the start of a PDF compendium's name (`caseshelf pdf`)

EDITIONS = (
    Edition("offline", N_("Offline website (zip)"), "caseshelf-offline-*.zip",
            N_("Unzip it anywhere, then open index.html in a web browser. Everything works "
               "without a network, search included.")),
    Edition("zim", N_("ZIM file for Kiwix"), "caseshelf_*_*.zim",
            N_("Open it in a Kiwix app (Android, Windows, macOS and Linux) or serve it with "
               "kiwix-serve. Kiwix has its own full-text search."), by_language=True),
    Edition("pdf", N_("PDF compendium"), f"{COMPENDIUM}*_*_*.pdf",
            N_("Every case, by UN region and country, in one file to keep, print or attach "
               "to an e-mail: with a table of contents and an index of themes and SDGs. There "
               "is one of the whole collection and one for each UN region, in each language."),
            by_language=True, parts=True),
)


@cache
def region_slugs() -> frozenset[str]:
    """The file name part of each UN region's compendium: 'africa', 'asia', …"""
    return frozenset(slugify(r.region) for r in vocabularies.regions().values() if r.region)


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


def built(path: Path, language: str = "", part: str = "") -> Built:
    return Built(path.name, path.stat().st_size, sha256(path), language, part)


def _named(edition: Edition, path: Path) -> tuple[str, str] | None:
    """(part, language) of a file made per language: ('', 'en') for caseshelf_en_<date>.zim,
    ('asia', 'fr') for caseshelf-compendium-asia_fr_<date>.pdf; None for a file of a
    selection the download page does not list."""
    start, language, _ = path.stem.rsplit("_", 2)
    part = start.removeprefix(edition.pattern.split("*")[0].rstrip("_-")).removeprefix("-")
    if part and not (edition.parts and part in region_slugs()):
        return None
    return part, language


def find_downloads(dist: Path) -> list[Download]:
    """The newest file of each edition in `dist` (of a ZIM or a compendium, the newest in
    each language, and of each region, by language code and region), or an entry saying it
    is not built."""
    found = []
    for edition in EDITIONS:
        # names end in the date, so the last is the newest
        files = sorted(dist.glob(edition.pattern)) if dist.is_dir() else []
        if not edition.by_language:
            found.append(Download(edition, (built(files[-1]),) if files else ()))
            continue
        newest = {key: path for path in files if (key := _named(edition, path))}
        found.append(Download(edition, tuple(built(newest[key], key[1], key[0])
                                             for key in sorted(newest, key=lambda k: k[::-1]))))
    return found
