"""Write a built site (plain `.html` URLs) into a ZIM file for Kiwix, with libzim.

Case pages are front articles; Kiwix indexes the full text and provides the search, so
the ZIM edition of the site carries no search script of its own.

The same site gives the same ZIM, byte for byte: libzim writes with one worker thread,
since with several the pages reach the Xapian indexes in a varying order, and zim_ids.py
replaces the random UUIDs libzim writes with ones made from the content.
"""

from __future__ import annotations

import datetime as dt
import mimetypes
import re
import struct
import zlib
from pathlib import Path

from libzim.writer import Creator, Hint, Item, StringProvider

from .zim_ids import stable_ids

TITLE = re.compile(rb"<title>(.*?)</title>", re.S)
TYPES = {".html": "text/html", ".css": "text/css", ".js": "application/javascript",
         ".svg": "image/svg+xml", ".png": "image/png", ".json": "application/json",
         ".xml": "application/xml", ".ico": "image/x-icon"}


class SiteItem(Item):
    def __init__(self, path: str, content: bytes, front: bool):
        super().__init__()
        self.path, self.content, self.front = path, content, front
        suffix = Path(path).suffix
        self.mimetype = TYPES.get(suffix) or mimetypes.guess_type(path)[0] or \
            "application/octet-stream"

    def get_path(self) -> str:
        return self.path

    def get_title(self) -> str:
        if self.mimetype != "text/html":
            return ""
        found = TITLE.search(self.content)
        title = found.group(1).decode("utf-8", "replace").strip() if found else self.path
        return title.rsplit(" - ", 1)[0]  # "Case title - caseshelf" -> "Case title"

    def get_mimetype(self) -> str:
        return self.mimetype

    def get_contentprovider(self) -> StringProvider:
        return StringProvider(self.content)

    def get_hints(self) -> dict:
        return {Hint.FRONT_ARTICLE: self.front, Hint.COMPRESS: self.mimetype.startswith("text/")}


def illustration(size: int = 48) -> bytes:
    """A plain PNG square in the site's colour with a lighter band: the ZIM's icon."""
    rows = []
    for y in range(size):
        band = size // 3 <= y < 2 * size // 3
        pixel = b"\xff\xff\xff" if band else b"\x3f\x51\xb5"
        rows.append(b"\x00" + pixel * size)

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", size, size, 8, 2, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header)
            + chunk(b"IDAT", zlib.compress(b"".join(rows), 9)) + chunk(b"IEND", b""))


def write_zim(site: Path, target: Path, *, day: dt.date, title: str = "caseshelf",
              description: str = "Public-sector innovation case studies",
              creator: str = "caseshelf contributors", publisher: str = "caseshelf",
              name: str = "caseshelf_en_all") -> Path:
    """Write every file of the built site into `target`; index.html is the main page."""
    if target.exists():
        target.unlink()
    with Creator(str(target)).config_indexing(True, "eng").config_nbworkers(1) as zim:
        zim.set_mainpath("index.html")
        for key, value in (("Name", name), ("Title", title), ("Description", description),
                           ("Language", "eng"), ("Creator", creator),
                           ("Publisher", publisher), ("Date", day.isoformat())):
            zim.add_metadata(key, value)
        zim.add_illustration(48, illustration(48))
        for path in sorted(p for p in site.rglob("*") if p.is_file()):
            relative = path.relative_to(site).as_posix()
            if relative.endswith(".gz") or relative == "404.html":
                continue
            front = relative.startswith("cases/") and relative.endswith(".html")
            zim.add_item(SiteItem(relative, path.read_bytes(), front or relative == "index.html"))
    stable_ids(target)
    return target
