"""Keep the built site lean: no source maps, which readers would never use but could download."""

from __future__ import annotations

import re
from pathlib import Path

_MAP_COMMENT = re.compile(rb"\n?(?://|/\*)# sourceMappingURL=[^\n]*?(?:\*/)?[ \t]*(?=\n|$)")


def strip_source_maps(site_dir: str | Path) -> int:
    """Delete every `.map` file and the comments that point to them. Returns files changed."""
    changed = 0
    for path in Path(site_dir).rglob("*"):
        if path.suffix == ".map" and path.is_file():
            path.unlink()
            changed += 1
        elif path.suffix in (".js", ".css") and path.is_file():
            data = path.read_bytes()
            lean = _MAP_COMMENT.sub(b"", data)
            if lean != data:
                path.write_bytes(lean)
                changed += 1
    return changed
