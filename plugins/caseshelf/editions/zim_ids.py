"""Give a ZIM file identifiers made from its content, so the same site gives the same bytes.

libzim stamps a random UUID into the ZIM header, and Xapian one into each of the two search
databases libzim embeds (title and full text); python-libzim (< 3.4) has no way to set
them. `stable_ids` finds the three in the written file (the header, then the two
databases through the ZIM's directory entries, as the openZIM file format lays them
out), replaces them with digests of everything else in the file, and writes the file's
MD5 checksum again. The UUID stays unique to the content, as Kiwix expects of it.
"""

from __future__ import annotations

import hashlib
import struct
from pathlib import Path

# magic, major, minor, uuid, entries, clusters, path pointers, title pointers,
# cluster pointers, MIME list, main page, layout page, checksum position
HEADER = struct.Struct("<IHH16sIIQQQQIIQ")
ZIM_MAGIC = 72173914
UUID_AT = 8
DATABASES = (b"fulltext/xapian", b"title/xapian")  # in namespace X
GLASS = b"\x0f\rXapian Glass"  # a Xapian glass database starts so; 2 bytes of version follow
GLASS_UUID_AT = len(GLASS) + 2
REDIRECT_OR_LINK = 0xFFFD  # MIME numbers from here up are not content entries


def _uint64(data: bytes | bytearray, at: int) -> int:
    return struct.unpack_from("<Q", data, at)[0]


def _blob_at(data: bytearray, cluster_at: int, blob: int) -> int:
    """Where a blob of an uncompressed cluster starts in the file."""
    info = data[cluster_at]
    if info & 0x0F > 1:
        raise ValueError("a Xapian database is in a compressed cluster")
    width = 8 if info & 0x10 else 4  # extended clusters have 8-byte offsets
    offsets = cluster_at + 1
    offset = int.from_bytes(data[offsets + blob * width:offsets + (blob + 1) * width], "little")
    return offsets + offset


def database_uuids(data: bytearray) -> list[int]:
    """The positions of the UUIDs of the ZIM's Xapian databases."""
    header = HEADER.unpack_from(data)
    entries, path_pointers, cluster_pointers = header[4], header[6], header[8]
    places = []
    for number in range(entries):
        at = _uint64(data, path_pointers + 8 * number)
        mimetype, _, namespace = struct.unpack_from("<HBc", data, at)
        if namespace != b"X" or mimetype >= REDIRECT_OR_LINK:
            continue
        cluster, blob = struct.unpack_from("<II", data, at + 8)
        path = bytes(data[at + 16:data.index(b"\0", at + 16)])
        if path in DATABASES:
            start = _blob_at(data, _uint64(data, cluster_pointers + 8 * cluster), blob)
            if data[start:start + len(GLASS)] != GLASS:
                raise ValueError(f"X/{path.decode()} is not a Xapian glass database")
            places.append(start + GLASS_UUID_AT)
    return places


def stable_ids(path: Path) -> None:
    """Replace the random UUIDs in a ZIM file with ones made from its content."""
    data = bytearray(path.read_bytes())
    header = HEADER.unpack_from(data)
    if header[0] != ZIM_MAGIC:
        raise ValueError(f"{path} is not a ZIM file")
    checksum_at = header[-1]
    places = [UUID_AT, *database_uuids(data)]
    for place in places:
        data[place:place + 16] = bytes(16)
    seed = hashlib.sha256(data[:checksum_at]).digest()
    for number, place in enumerate(places):
        data[place:place + 16] = hashlib.sha256(seed + bytes([number])).digest()[:16]
    checksum = hashlib.md5(data[:checksum_at], usedforsecurity=False).digest()
    data[checksum_at:checksum_at + 16] = checksum
    path.write_bytes(data)
