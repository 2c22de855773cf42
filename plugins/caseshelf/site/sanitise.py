"""Sanitise a case's rendered body with nh3 (Ammonia), keeping only what Markdown writes.

The validator refuses unsafe HTML in case files; this is the second line, in case a way
past it is ever found: whatever the Markdown renderer produced, only the tags and
attributes below reach the page, links keep only web, mail and relative addresses, images
only addresses on this site, and scripts, styles and comments are dropped. Nothing here
knows MkDocs.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache

import nh3

# What Python-Markdown and the site's extensions write (paragraphs, headings with their
# ids and permalinks, lists, tables, code, quotes, admonitions, images), plus the few
# inline tags a contributor may write by hand.
TAGS = {
    "p", "br", "hr", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "dl", "dt", "dd",
    "blockquote", "pre", "code", "kbd", "samp", "em", "strong", "b", "i", "u", "s", "del",
    "ins", "mark", "small", "sub", "sup", "abbr", "cite", "q", "a", "img", "div", "span",
    "table", "caption", "thead", "tbody", "tfoot", "tr", "th", "td", "details", "summary",
    "figure", "figcaption",
}
ATTRIBUTES = {
    "*": {"id", "class", "title", "lang", "dir"},  # ids: toc anchors; classes: admonitions
    "a": {"href"},
    "img": {"src", "alt", "width", "height"},
    "ol": {"start", "type"},
    "th": {"align", "colspan", "rowspan", "style"},
    "td": {"align", "colspan", "rowspan", "style"},
    "details": {"open"},
}
URL_SCHEMES = {"http", "https", "mailto"}
_ALIGN = re.compile(r"\s*text-align:\s*(left|right|center)\s*;?\s*")  # what tables write
_OTHER_SITE = re.compile(r"\s*([a-zA-Z][a-zA-Z0-9+.-]*:|[/\\]{2})")


def _attribute(tag: str, name: str, value: str) -> str | None:
    if name == "style":  # table cells' alignment, nothing else
        return value if _ALIGN.fullmatch(value) else None
    if name == "src" and _OTHER_SITE.match(value):  # a page loads nothing from other sites
        return None
    return value


def sanitise(html: str, url_schemes: set[str] = URL_SCHEMES) -> str:
    """The HTML with everything outside the allow-list removed; links keep only addresses
    of `url_schemes` (and relative ones)."""
    return nh3.clean(html, tags=TAGS, clean_content_tags={"script", "style"},
                     attributes=ATTRIBUTES, attribute_filter=_attribute, strip_comments=True,
                     link_rel=None, url_schemes=url_schemes)


def sanitiser() -> Callable[[str], str]:
    """`sanitise` for the pages of one build, each distinct body once: a case shows the same
    HTML on the page of every language it is not translated into, and those pages then
    share one string."""
    return cache(sanitise)
