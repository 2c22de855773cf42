"""The stylesheet and scripts each edition ships, read from the package."""

from __future__ import annotations

from importlib import resources

# web: Pagefind's search box and Explore; offline: the plain-script search; zim: none.
SCRIPTS = {"web": ("caseshelf-search.js", "caseshelf-explore.js"),
           "offline": ("caseshelf-offline-search.js",), "zim": ()}


def edition_assets(edition: str) -> dict[str, str]:
    """{path in the site: text} for the stylesheet, the script that starts Material's on the
    first interaction, and this edition's scripts."""
    folder = resources.files("caseshelf").joinpath("assets")
    return {f"assets/{name}": folder.joinpath(name).read_text(encoding="utf-8")
            for name in ("caseshelf.css", "caseshelf-later.js", *SCRIPTS[edition])}
