"""Put Pagefind's filter files in a fixed order, so the same site gives the same bytes.

Pagefind (1.5) keeps each filter's values in a hash map seeded at random in every run, so
the values inside `filter/*.pf_filter`, and the list of filters in the `.pf_meta` file,
come out in a different order each time; as files are named by a hash of their content,
their names change too. `sort_filters` sorts them, names the files the way Pagefind does
(a SHA-1 of the content) and updates `pagefind-entry.json`. The word index and the page
records are in a fixed order already once the pages are added in a fixed order (as
search_index.py adds them). Pagefind's files are gzip-compressed CBOR after a signature;
the small CBOR reader and writer below cover what Pagefind writes (minicbor's shortest,
definite-length form), so reading a file and writing it again gives the same CBOR.
"""

from __future__ import annotations

import gzip
import hashlib
import json
from typing import Any

SIGNATURE = b"pagefind_dcd"


def decode(data: bytes, start: int = 0) -> tuple[Any, int]:
    """One CBOR item from `data` at `start`: (value, offset after it)."""
    first = data[start]
    major, info = first >> 5, first & 31
    at = start + 1
    if info < 24:
        number = info
    elif info <= 27:
        size = 1 << (info - 24)
        number = int.from_bytes(data[at:at + size], "big")
        at += size
    else:
        raise ValueError(f"CBOR item {first:#04x} at byte {start} is not one Pagefind writes")
    if major == 0:
        return number, at
    if major == 1:
        return -1 - number, at
    if major == 2:
        return bytes(data[at:at + number]), at + number
    if major == 3:
        return data[at:at + number].decode("utf-8"), at + number
    if major == 4:
        items = []
        for _ in range(number):
            item, at = decode(data, at)
            items.append(item)
        return items, at
    if major == 5:
        mapping = {}
        for _ in range(number):
            key, at = decode(data, at)
            mapping[key], at = decode(data, at)
        return mapping, at
    if major == 7 and number in (20, 21, 22):
        return {20: False, 21: True, 22: None}[number], at
    raise ValueError(f"CBOR item {first:#04x} at byte {start} is not one Pagefind writes")


def _head(major: int, number: int) -> bytes:
    if number < 24:
        return bytes([major << 5 | number])
    for info, size in ((24, 1), (25, 2), (26, 4), (27, 8)):
        if number < 1 << (8 * size):
            return bytes([major << 5 | info]) + number.to_bytes(size, "big")
    raise ValueError(f"{number} is too large for CBOR")


def encode(value: Any) -> bytes:
    """CBOR for `value`, in the shortest form (as minicbor writes it)."""
    if value is False or value is True or value is None:
        return {False: b"\xf4", True: b"\xf5", None: b"\xf6"}[value]
    if isinstance(value, int):
        return _head(0, value) if value >= 0 else _head(1, -1 - value)
    if isinstance(value, bytes):
        return _head(2, len(value)) + value
    if isinstance(value, str):
        raw = value.encode("utf-8")
        return _head(3, len(raw)) + raw
    if isinstance(value, list):
        return _head(4, len(value)) + b"".join(encode(item) for item in value)
    if isinstance(value, dict):
        return _head(5, len(value)) + b"".join(encode(k) + encode(v) for k, v in value.items())
    raise TypeError(f"cannot write {type(value).__name__} as CBOR")


def read(data: bytes) -> Any:
    """The value in one of Pagefind's `.pf_*` files (gzip, signature, CBOR)."""
    data = gzip.decompress(data)
    if not data.startswith(SIGNATURE):
        raise ValueError("not a Pagefind file: its signature is missing")
    value, end = decode(data, len(SIGNATURE))
    if end != len(data):
        raise ValueError(f"{len(data) - end} bytes follow the content of a Pagefind file")
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
