"""A case's Markdown as the HTML a compendium prints.

The site's pages are converted by MkDocs' converter in the engine layer; a compendium
converts with the `markdown` library itself, with the extensions a case may use on the site
(mkdocs.yml's and the plugin's: tables, attribute lists, admonitions, footnotes, Markdown
in HTML blocks). Then, as on the site, nh3 keeps only what Markdown writes (site/sanitise.py),
and here only web links: a link to a page of the site or an address of another kind is
printed as its text. Every id is given the case's prefix, so that two cases' footnotes and
headings do not share an anchor in the one document, and the case's headings are moved
under its title (## Challenge becomes a fourth-level heading, the title being the third).
"""

from __future__ import annotations

import markdown
from lxml import html as lxml_html
from markupsafe import Markup, escape

from ..site.sanitise import sanitise

EXTENSIONS = ("tables", "attr_list", "admonition", "footnotes", "md_in_html", "toc")
SETTINGS = {"toc": {"baselevel": 3},
            "footnotes": {"BACKLINK_TEXT": "\u21a9\ufe0e", "BACKLINK_TITLE": ""}}
WEB = ("http://", "https://")


class BodyConverter:
    """One Markdown converter for every case of a compendium, reset between cases."""

    def __init__(self) -> None:
        self.markdown = markdown.Markdown(extensions=list(EXTENSIONS),
                                          extension_configs=SETTINGS)

    def convert(self, text: str, prefix: str) -> Markup:
        self.markdown.reset()
        clean = sanitise(self.markdown.convert(text), url_schemes={"http", "https"})
        return _placed(clean, prefix) if clean.strip() else Markup()


def _placed(html: str, prefix: str) -> Markup:
    """Ids prefixed, links within the case kept, web links kept, other links made text."""
    root = lxml_html.fragment_fromstring(html, create_parent="div")
    for element in root.iter():
        if not isinstance(element.tag, str):
            continue  # comments are gone already; entities and the like
        if element.get("id"):
            element.set("id", f"{prefix}-{element.get('id')}")
        href = element.get("href")
        if element.tag == "a" and href is not None:
            if href.startswith("#") and len(href) > 1:
                element.set("href", f"#{prefix}-{href[1:]}")
            elif not href.strip().lower().startswith(WEB):
                element.tag = "span"
                del element.attrib["href"]
        if element.tag == "img":  # no image is fetched: its text stands for it
            element.tag = "span"
            alt = element.get("alt") or ""
            for name in list(element.attrib):
                del element.attrib[name]
            element.text = alt
    children = "".join(lxml_html.tostring(child, encoding="unicode") for child in root)
    return Markup(str(escape(root.text or "")) + children)
