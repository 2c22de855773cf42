"""Put Pagefind's filter files in a fixed order, so the same site gives the same bytes.

Pagefind (1.5) keeps each filter's values in a hash map seeded at random in every run, so
the values inside `filter/*.pf_filter`, and the list of filters in the `.pf_meta` file,
come out in a different order each time; as files are named by a hash of their content,
their names change too. `sort_filters` sorts them, names the files the way Pagefind does
(a SHA-1 of the content) and updates `pagefind-entry.json`. The word index and the page
records are in a fixed order already once the pages are added in a fixed order (as
pagefind.py adds them). Each bundle (the site's, and one per language split into words) is
sorted by itself. Pagefind's files are gzip-compressed CBOR after a signature,
read and written with cbor2: what Pagefind writes (minicbor) is the shortest,
definite-length form cbor2 writes too, so reading a file and writing it back gives the
same bytes (a test checks this on a real index).
"""

from __future__ import annotations

import gzip
import hashlib
import io
import json
from typing import Any

import cbor2

SIGNATURE = b"pagefind_dcd"


def encode(value: Any) -> bytes:
    """CBOR for `value` in the shortest, definite-length form minicbor writes."""
    return cbor2.dumps(value)


def read(data: bytes) -> Any:
    """The value in one of Pagefind's `.pf_*` files (gzip, signature, CBOR)."""
    data = gzip.decompress(data)
    if not data.startswith(SIGNATURE):
        raise ValueError("not a Pagefind file: its signature is missing")
    stream = io.BytesIO(data[len(SIGNATURE):])
    value = cbor2.CBORDecoder(stream).decode()
    if stream.tell() != len(data) - len(SIGNATURE):
        raise ValueError("more follows the content of a Pagefind file")
    return value


def content_hash(body: bytes) -> str:
    """Pagefind's file hash: SHA-1, each byte in hex without a leading zero."""
    return "".join(f"{byte:x}" for byte in hashlib.sha1(body).digest())


def pack(value: Any) -> bytes:
    """A Pagefind `.pf_*` file holding `value`, with a fixed gzip header (no time)."""
    return gzip.compress(SIGNATURE + encode(value), compresslevel=9, mtime=0)


def name(language: str, value: Any, length: int, taken: set[str]) -> str:
    """`<language>_<hash>`, the hash cut to `length`, longer if it is taken (as Pagefind
    does on a collision)."""
    digest = content_hash(encode(value))
    while f"{language}_{digest[:length]}" in taken and length < len(digest):
        length += 1
    taken.add(f"{language}_{digest[:length]}")
    return f"{language}_{digest[:length]}"


def _filter_list(meta: list, files: dict[str, bytes]) -> list | None:
    """The part of the metadata that names each filter and its file, found by its shape."""
    for part in meta:
        if isinstance(part, list) and part and all(
                isinstance(item, list) and len(item) == 2 and isinstance(item[1], str)
                and f"filter/{item[1]}.pf_filter" in files for item in part):
            return part
    return None


def sort_filters(files: dict[str, bytes]) -> dict[str, bytes]:
    """Pagefind's files (path in its folder -> bytes) with each filter's values and the list
    of filters sorted, and the filter and metadata files named after their new content."""
    files = dict(files)
    entry = json.loads(files["pagefind-entry.json"])
    entry["languages"] = dict(sorted(entry["languages"].items()))
    for language, about in entry["languages"].items():
        meta = read(files.pop(f"pagefind.{about['hash']}.pf_meta"))
        listed = _filter_list(meta, files) or []
        taken: set[str] = set()
        renamed = []
        for filter_name, old in listed:
            value = read(files.pop(f"filter/{old}.pf_filter"))
            value[1] = sorted(([key, sorted(pages)] for key, pages in value[1]),
                              key=lambda pair: pair[0])
            new = name(language, value, 7, taken)
            files[f"filter/{new}.pf_filter"] = pack(value)
            renamed.append([filter_name, new])
        listed[:] = sorted(renamed)
        about["hash"] = name(language, meta, 10, set())
        files[f"pagefind.{about['hash']}.pf_meta"] = pack(meta)
    files["pagefind-entry.json"] = json.dumps(
        entry, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    return files
