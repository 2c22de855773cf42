"""Find HTML and links in text that could run script when the text is shown as a web page.

Used by the `unsafe-html` rule on case bodies and on every front-matter string. Code spans
and fenced code blocks are masked first: Markdown prints them as text, not as HTML.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser


def mask_code(markdown: str) -> str:
    """The Markdown with fenced blocks and code spans blanked out, offsets unchanged."""
    if "`" not in markdown and "~~~" not in markdown:
        return markdown
    blank = lambda m: re.sub(r"[^\n]", " ", m.group(0))  # noqa: E731
    masked = re.sub(r"^(```|~~~).*?^\1[^\n]*$", blank, markdown, flags=re.MULTILINE | re.DOTALL)
    return re.sub(r"(`+)[^`\n].*?\1", blank, masked)


_DANGEROUS_TAGS = {"script", "iframe", "frame", "frameset", "object", "embed", "applet", "base",
                   "form", "meta", "link", "style", "svg", "math", "template"}
_URL_ATTRS = {"href", "src", "action", "formaction", "xlink:href", "data", "srcdoc", "background"}
_BAD_SCHEME = re.compile(r"^\s*(javascript|vbscript|data|file):", re.IGNORECASE)
_MD_LINK = re.compile(r"\]\(\s*<?\s*(javascript|vbscript|data|file):|<(javascript|vbscript|data):",
                      re.IGNORECASE)


class _HtmlScan(HTMLParser):
    def __init__(self, text: str):
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[tuple[int, int], str]] = []
        self.feed(text)
        self.close()

    def handle_starttag(self, tag, attrs):
        if tag in _DANGEROUS_TAGS:
            self.found.append((self.getpos(), f"the HTML tag <{tag}> is not allowed in a case"))
        for name, value in attrs:
            if name.startswith("on"):
                self.found.append((self.getpos(), f"the HTML attribute '{name}' runs script and "
                                                  "is not allowed"))
            elif name in _URL_ATTRS and value and _BAD_SCHEME.match(value):
                self.found.append((self.getpos(), f"the link '{value[:40]}' is not a web address; "
                                                  "use http:// or https://"))

    handle_startendtag = handle_starttag


def unsafe_html(text: str) -> list[tuple[int, str]]:
    """(offset, message) for each piece of text that could run script when shown as HTML."""
    found = []
    if "<" not in text and ":" not in text:
        return found
    if "<" in text:
        starts = [0] + [m.end() for m in re.finditer("\n", text)]
        for (line, col), message in _HtmlScan(text).found:
            found.append((starts[line - 1] + col, message))
    for match in _MD_LINK.finditer(text):
        scheme = 1 if match[1] else 2
        found.append((match.start(scheme), f"the link scheme '{match[scheme].lower()}:' is not "
                                           "allowed; links must start with http:// or https://"))
    return sorted(found)
