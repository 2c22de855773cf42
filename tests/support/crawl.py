"""A link checker for a built site. From the home page and from every HTML file on disk (so
pages nothing links to are checked too), it follows each internal href, src, srcset, form
action and stylesheet url(), over HTTP or from file:// URLs, and reports the links that lead
nowhere, the missing assets and the #fragments that name no id on their page. External
links are not fetched."""

from __future__ import annotations

import mimetypes
import re
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urldefrag, urlsplit
from urllib.parse import urljoin as join
from urllib.request import url2pathname

URL_ATTRIBUTES = {"href", "src", "action", "poster", "xlink:href"}
CSS_URL = re.compile(r"""url\(\s*['"]?([^'")]+)['"]?\s*\)""")


class PageParser(HTMLParser):
    """The ids of a page and every URL it refers to, with the line it is on."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.links: list[tuple[int, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        line = self.getpos()[0]
        for name, value in attrs:
            if value is None:
                continue
            if name == "id" or (name == "name" and tag == "a"):
                self.ids.add(value)
            elif name in URL_ATTRIBUTES:
                self.links.append((line, value.strip()))
            elif name == "srcset":
                for candidate in value.split(","):
                    if candidate.strip():
                        self.links.append((line, candidate.split()[0]))


@dataclass
class Report:
    """What a crawl found: the pages and files it read, and every broken link."""

    pages: dict[str, set[str]] = field(default_factory=dict)  # HTML page URL -> its ids
    files: set[str] = field(default_factory=set)  # other files fetched
    broken: list[str] = field(default_factory=list)  # "page:line: link: why", sorted
    links: dict[str, set[str]] = field(default_factory=dict)  # page URL -> internal targets
    fragments: int = 0  # links to a #fragment checked

    def reached(self, start: str) -> set[str]:
        """The URLs a reader can get to from start by following links."""
        seen, todo = {start}, [start]
        while todo:
            for target in self.links.get(todo.pop(), ()):
                if target not in seen:
                    seen.add(target)
                    todo.append(target)
        return seen


def fetch(url: str) -> tuple[str, bytes]:
    """The content type and bytes at an http(s) or file URL; OSError if there is none."""
    if url.startswith("file:"):
        path = Path(url2pathname(urlsplit(url).path))
        if path.is_dir():  # a browser shows a folder listing, not the page
            raise OSError("a folder; opened from disk, a link must name the .html file")
        kind = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        return kind, path.read_bytes()  # FileNotFoundError is an OSError
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.headers.get_content_type(), response.read()
    except urllib.error.HTTPError as error:
        raise OSError(f"HTTP {error.code}") from None


def crawl(root: str, start: str, seeds: list[str] = ()) -> Report:
    """Check every page and file under the URL `root` (ending in '/') that can be reached
    from `start` or from one of `seeds`."""
    report = Report()
    checked: dict[str, str | None] = {}  # URL -> None if it was found, else why not
    fragments: list[tuple[str, str, str]] = []  # (where, page URL, fragment)
    queue = [(normal(url), "") for url in (*seeds, start)]  # (URL, where it is linked)
    while queue:
        url, where = queue.pop()
        if url not in checked:
            try:
                kind, body = fetch(url)
            except OSError as error:
                checked[url] = "not found" if isinstance(error, FileNotFoundError) else str(error)
            else:
                checked[url] = None
                for line, link in read(url, kind, body, report):
                    target, fragment = urldefrag(join(url, link))
                    here = f"{url.removeprefix(root) or '/'}:{line}: {link}"
                    if not target.startswith(root):
                        if urlsplit(target)[:2] == urlsplit(root)[:2]:  # "/x" from file://
                            report.broken.append(f"{here}: outside the site")
                        continue  # another site, mailto:, data: ...
                    target = normal(target)
                    report.links.setdefault(url, set()).add(target)
                    if fragment:
                        fragments.append((here, target, unquote(fragment)))
                    queue.append((target, here))
        if checked[url] is not None:
            report.broken.append(f"{where or url}: {checked[url]}")
    for where, target, fragment in fragments:
        ids = report.pages.get(target)
        if ids is not None and fragment not in ids:
            report.broken.append(f"{where}: no id '{fragment}' on that page")
    report.fragments = len(fragments)
    report.broken = sorted(set(report.broken))
    return report


def read(url: str, kind: str, body: bytes, report: Report) -> list[tuple[int, str]]:
    """The links of an HTML page or a stylesheet; other files are only counted."""
    if kind == "text/html":
        parser = PageParser()
        parser.feed(body.decode("utf-8"))
        parser.close()
        report.pages[url] = parser.ids
        return parser.links
    report.files.add(url)
    if kind == "text/css":
        text = body.decode("utf-8")
        return [(text.count("\n", 0, m.start()) + 1, m[1]) for m in CSS_URL.finditer(text)
                if not m[1].startswith("data:")]
    return []


def normal(url: str) -> str:
    """One URL per page: without its query (a static site ignores it) and, over HTTP, with
    directory URLs for index.html."""
    url = url.split("?", 1)[0]
    if not url.startswith("file:") and url.endswith("/index.html"):
        url = url.removesuffix("index.html")
    return url


def html_files(site: Path, root: str) -> list[str]:
    """The URL of every HTML file under site, for crawl()'s seeds."""
    return [join(root, p.relative_to(site).as_posix()) for p in sorted(site.rglob("*.html"))]
