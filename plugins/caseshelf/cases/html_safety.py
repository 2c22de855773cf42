"""Find HTML and links in text that could run script when the text is shown as a web page.

Used by the `unsafe-html` rule on case bodies and on every front-matter string. The text is
read the way a browser could read it at its most dangerous, not by the HTML grammar: every
`<` followed by a letter counts as a tag wherever it stands (in a comment, an attribute, a
<textarea>), its attributes are split as a browser's tokenizer splits them, and addresses
are read as a browser reads them (entities decoded, tabs and newlines dropped, leading
control characters ignored). A grammar-following parser misses what a browser finds after
a parser difference: `<!--><img onerror=…>` or `<noscript><p title="</noscript><img …>">`.
Markdown's own ways to make links and attributes (inline and reference links, autolinks,
attribute lists) are read the same way, code or not: Markdown makes a link of
[x](`javascript:…`). Tags in fenced blocks and code spans are text, but only where
Python-Markdown agrees that they are code (see mask_code).
"""

from __future__ import annotations

import html
import re

# A fence as Python-Markdown's fenced_code (always on in MkDocs) finds one: ``` or ~~~ (or
# longer) with at most a language after it, closed by the very same fence.
_FENCE = re.compile(r"^(`{3,}|~{3,})[ ]*\.?[\w#.+-]*[ ]*\r?\n.*?(?<=\n)\1[ ]*\r?$",
                    re.MULTILINE | re.DOTALL)
# A code span as Python-Markdown finds one: a run of backticks not after a backslash, closed
# by a run of the same length; here on one line only (masking less than Markdown is safe).
_CODE_SPAN = re.compile(r"(?<![\\`])(`+)(?!`)[^\n]{1,500}?(?<!`)\1(?!`)")  # bounded: linear
# A line that starts with a tag may open a raw HTML block, where Markdown leaves backticks
# as they are: a "code span" there is markup.
_RAW_BLOCK = re.compile(r"^\s*<[a-zA-Z!?/]", re.MULTILINE)


def mask_code(markdown: str) -> str:
    """The Markdown with fenced blocks and code spans blanked out, offsets unchanged. Code
    spans are masked only when no line starts with a tag (no raw HTML block can hold them)."""
    if "`" not in markdown and "~~~" not in markdown:
        return markdown
    blank = lambda m: re.sub(r"[^\n]", " ", m.group(0))  # noqa: E731
    masked = _FENCE.sub(blank, markdown)
    if "`" in masked and not _RAW_BLOCK.search(masked):
        masked = _CODE_SPAN.sub(blank, masked)
    return masked


_DANGEROUS_TAGS = {
    "script", "iframe", "frame", "frameset", "object", "embed", "applet", "base", "form",
    "meta", "link", "style", "svg", "math", "template", "portal", "isindex",
    # raw-text elements: the rest of the page would become their text
    "noscript", "noembed", "noframes", "xmp", "plaintext", "textarea", "title",
}
_URL_ATTRS = {"href", "src", "action", "formaction", "xlink:href", "data", "background",
              "poster", "codebase", "cite", "ping", "lowsrc", "dynsrc"}
_SCRIPT_SCHEMES = {"javascript", "vbscript", "data", "file"}
_TAG = re.compile(r"<(/?)([a-zA-Z][^\s/<>]*)")  # not '<' in a name: each '<' is looked at
_MD_DESTINATION = re.compile(r"\]\(([^)]*)|\]:\s*(\S+)")  # [x](here), [x]: here
_ATTR_LIST_ITEM = re.compile(r"""(?<![^\s{:])([^\s=}]+)=("[^"]*"|'[^']*'|[^\s}]*)""")
# name=value after a space, a quote or '/': every attribute a browser could find, and more
_ANY_ATTRIBUTE = re.compile(r"""(?<![^\s"'/])([^\s"'<>/=]+)\s*=\s*("[^"]*"?|'[^']*'?|[^\s>]*)""")
_SCHEME = re.compile(r"([a-zA-Z][a-zA-Z0-9+.-]*):")
_LEADING = "".join(chr(c) for c in range(0x21)) + "<`"  # `: Markdown unwraps code there


def script_scheme(address: str) -> str | None:
    """The scheme of an address that could run script or hold a page ('javascript', 'data'),
    as a browser reads it: entities decoded, tabs and newlines dropped, leading spaces and
    control characters ignored. None for web addresses and relative links."""
    plain = re.sub(r"[\t\n\r]", "", html.unescape(address)).lstrip(_LEADING)
    match = _SCHEME.match(plain)
    scheme = match[1].lower() if match else None
    return scheme if scheme in _SCRIPT_SCHEMES else None


def _attributes(text: str, pos: int) -> tuple[list[tuple[str, str]], int]:
    """(name, value) of each attribute of the tag whose name ends at pos, split as a
    browser's tokenizer splits them, up to the tag's '>' or the end of the text; and where
    the tag ends."""
    found, end = [], len(text)
    while pos < end:
        while pos < end and (text[pos].isspace() or text[pos] == "/"):
            pos += 1
        if pos >= end or text[pos] == ">":
            break
        start = pos
        pos += 1  # a name may start with '=' or a quote
        while pos < end and not (text[pos].isspace() or text[pos] in "/>="):
            pos += 1
        name = text[start:pos].lower()
        while pos < end and text[pos].isspace():
            pos += 1
        value = ""
        if pos < end and text[pos] == "=":
            pos += 1
            while pos < end and text[pos].isspace():
                pos += 1
            if pos < end and text[pos] in "\"'":
                close = text.find(text[pos], pos + 1)
                close = end if close < 0 else close
                value, pos = text[pos + 1:close], close + 1
            else:
                start = pos
                while pos < end and not (text[pos].isspace() or text[pos] == ">"):
                    pos += 1
                value = text[start:pos]
        found.append((name, value))
    return found, pos


def _shown(text: str, limit: int = 40) -> str:
    """Text for a message: cut short, invisible characters written as \\xNN."""
    return "".join(c if c.isprintable() else f"\\x{ord(c):02x}" for c in text[:limit])


def _attribute_problem(name: str, value: str) -> str | None:
    """What makes an attribute unsafe ('runs script', 'is not a web address'), or None."""
    if name.startswith("on"):
        return "runs script"
    if name == "srcdoc":
        return "holds a page of its own"
    if (name in _URL_ATTRS or name.endswith(":href")) and script_scheme(value):
        return "is not a web address"
    return None


def _tags(text: str):
    """(offset, end tag?, lowercase name, attributes) for every '<' followed by a letter.
    Attributes are split as a browser splits them while that stays cheap; if many unclosed
    tags make it costly, every name=value in the rest of the text is taken for the tag
    where the budget ran out (finding more, never less), so the work stays linear."""
    budget = 8 * len(text) + 4096
    for match in _TAG.finditer(text):
        attributes: list[tuple[str, str]] = []
        if not match[1] and budget >= 0:
            attributes, stop = _attributes(text, match.end())
            budget -= stop - match.end()
            if budget < 0:
                attributes = [(m[1].lower(), m[2].strip("\"'"))
                              for m in _ANY_ATTRIBUTE.finditer(text, match.end())]
        yield match.start(), bool(match[1]), match[2].lower(), attributes


def _tag_problems(text: str):
    for at, closing, name, attributes in _tags(text):
        scheme = script_scheme(name) if ":" in name and not closing else None
        if scheme:  # <javascript:…>, a Markdown autolink
            yield at + 1, (f"the link scheme '{scheme}:' is not allowed; links must start "
                           "with http:// or https://")
            continue
        if closing:  # an end tag opens nothing
            continue
        if name in _DANGEROUS_TAGS:
            yield at, f"the HTML tag <{name}> is not allowed in a case"
        for attribute, value in attributes:
            why = _attribute_problem(attribute, value)
            if why == "is not a web address":
                yield at, (f"the link '{_shown(value)}' is not a web address; "
                           "use http:// or https://")
            elif why:
                yield at, f"the HTML attribute '{attribute}' {why} and is not allowed"


def _markdown_links(text: str):
    for match in _MD_DESTINATION.finditer(text):
        group = 1 if match[1] is not None else 2
        scheme = script_scheme(match[group])
        if scheme:
            at = match.start(group) + len(match[group]) - len(match[group].lstrip(_LEADING))
            yield at, (f"the link scheme '{scheme}:' is not allowed; links must start with "
                       "http:// or https://")


def _attribute_lists(text: str):
    """Markdown attribute lists, as attr_list finds them: from the first '{' to the next
    '}' on a line (found by splitting, so that many '{' cost no more than one)."""
    for line in re.finditer(r"[^\n]+", text):
        start = 0
        while (close := line[0].find("}", start)) >= 0:
            opening = line[0].find("{", start, close)
            start = close + 1
            if opening < 0:
                continue
            for item in _ATTR_LIST_ITEM.finditer(line[0], opening + 1, close):
                name, value = item[1].lower(), item[2].strip("\"'")
                why = _attribute_problem(name, value)
                if why == "is not a web address":
                    yield line.start() + opening, (
                        f"the attribute list sets '{name}' to '{_shown(value)}', which is "
                        "not a web address; use http:// or https://")
                elif why:
                    yield line.start() + opening, (f"the attribute list sets '{name}', which "
                                                   f"{why}; remove it")


# Attributes that make the browser fetch something as the page loads, without a click.
_LOADING_ATTRS = {"src", "srcset", "poster", "background", "lowsrc", "dynsrc", "data"}
_REMOTE = re.compile(r"^(?:[a-zA-Z][a-zA-Z0-9+.-]*:|[/\\]{2})")  # a scheme, or //host
_CSS_URL = re.compile(r"url\(\s*['\"]?([^'\")\s]*)", re.IGNORECASE)
# (alt text without brackets: cheap to find; the sanitiser drops other sites' images anyway)
_MD_IMAGE = re.compile(r"!\[([^\][\n]*)\](?:\(([^)]*)|\[([^\][\n]*)\])?")
_MD_DEFINITION = re.compile(r"^[ \t>]*\[([^\]\n]+)\]:\s*(\S+)", re.MULTILINE)


def _is_remote(address: str) -> bool:
    plain = re.sub(r"[\t\n\r]", "", html.unescape(address)).lstrip(_LEADING)
    return bool(_REMOTE.match(plain)) and not script_scheme(plain)


def remote_resources(markdown: str) -> list[tuple[int, str]]:
    """(offset, address) of each image or other resource the page would load from another
    site as it opens: <img src>, srcset, poster, style url(), Markdown images."""
    found = []
    if "<" in markdown:
        for at, closing, name, attributes in _tags(mask_code(markdown)):
            if closing or name in _DANGEROUS_TAGS:  # refused as unsafe anyway
                continue
            for attribute, value in attributes:
                addresses = (_CSS_URL.findall(value) if attribute == "style" else
                             [part.split()[0] for part in value.split(",") if part.split()]
                             if attribute == "srcset" else
                             [value] if attribute in _LOADING_ATTRS else [])
                found += [(at, a) for a in addresses if _is_remote(a)]
    if "![" in markdown:
        defined = {label.casefold(): url for label, url in _MD_DEFINITION.findall(markdown)}
        for match in _MD_IMAGE.finditer(markdown):
            if match[2] is not None:
                address = match[2].strip(" \t\n<>`").split()[0] if match[2].split() else ""
            else:
                address = defined.get((match[3] or match[1]).casefold(), "")
            if _is_remote(address.strip("<>")):
                found.append((match.start(), address.strip("<>")))
    return sorted(set(found))


def unsafe_html(text: str, *, markdown: bool = False) -> list[tuple[int, str]]:
    """(offset, message) for each piece of text that could run script when shown as HTML.
    In Markdown, tags in code are text; links and attribute lists count everywhere."""
    found: list[tuple[int, str]] = []
    if "<" in text:
        found += _tag_problems(mask_code(text) if markdown else text)
    if "]" in text:
        found += _markdown_links(text)
    if "{" in text:
        found += _attribute_lists(text)
    return sorted(set(found))
