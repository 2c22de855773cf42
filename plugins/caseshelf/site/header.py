"""The header of a page outside the navigation, rendered once per kind of page and filled in
for each page. Jinja spent about a tenth of the six-language build's CPU on the header
(5 s of 51 s for 1,000 cases), though on such pages only two things in it change from
page to page (templating.share_parts says which pages these are, by their `cs_frame`):

- the page's title;
- the addresses of the page's versions in the site's other languages, in the language
  menu (partials/alternate.html).

The header is rendered once for each `cs_frame` and set of languages, with a stand-in for
the page whose title is a mark and whose versions' addresses are marks too: an address
with a scheme (`cs-hole:2`), which the engine's `url` filter leaves as it is. Each page then
gets that text with its own title and its versions' addresses, each through the
environment's own `url` filter with the page's own context, as the template writes them.
The stand-in has the address of the first page of its frame: what the header links through
it (the home page, the Explore page, the site's root) is the same on every page of one
frame, as in the parts share_parts renders once. tests/test_parallel.py builds a site with
and without this and compares every byte. Nothing here imports MkDocs."""

from __future__ import annotations

from typing import Any

from jinja2 import Environment

HEADER = "partials/header.html"
TITLE = "\x00cs-title"  # a NUL is never in a page: a case file cannot hold one
ADDRESS = "cs-hole:"  # a version's address, by its place in the list


class _StandIn:
    """What the header reads of a page: its address and file, and a mark for its title."""

    def __init__(self, page: Any) -> None:
        self.url, self.file = page.url, page.file
        self.title, self.meta = TITLE, {}


def title_of(page: Any) -> str | None:
    """The title the header shows (the template's `page.meta.title` or `page.title`), or
    None where it is not text, and the header is rendered as it is."""
    meta = getattr(page, "meta", None)
    title = meta.get("title") if isinstance(meta, dict) and meta.get("title") else \
        getattr(page, "title", None)
    return title if isinstance(title, str) and TITLE not in title else None


def share_header(env: Environment) -> None:
    """Render the header of a page with a `cs_frame` once per frame and set of languages."""
    template = env.get_template(HEADER)
    render = template.root_render_func
    kept: dict[tuple, str] = {}

    def header(context):
        key, page = context.get("cs_frame"), context.get("page")
        title = title_of(page) if key is not None and page is not None else None
        versions_of = context.get("cs_versions")
        if title is None or versions_of is None:
            yield from render(context)
            return
        versions = versions_of(page.file.src_uri)
        languages = tuple(language for language, _ in versions)
        if (key, languages) not in kept:
            marks = [(language, f"{ADDRESS}{n}") for n, language in enumerate(languages)]
            kept[(key, languages)] = "".join(render(context.derived({
                "page": _StandIn(page), "cs_versions": lambda src_uri: marks})))
        text = kept[(key, languages)]
        address = env.filters["url"]
        for n, (_, url) in enumerate(versions):
            text = text.replace(f'="{ADDRESS}{n}"', f'="{address(context, url)}"')
        yield text.replace(TITLE, title)

    header.__name__ = render.__name__
    template.root_render_func = header
