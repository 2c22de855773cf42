"""Keep the built site lean: no source maps, which readers would never use but could download."""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Collection, Iterable, Iterator
from pathlib import Path

from jinja2 import BaseLoader, Environment

_MAP_COMMENT = re.compile(rb"\n?(?://|/\*)# sourceMappingURL=[^\n]*?(?:\*/)?[ \t]*(?=\n|$)")


def strip_source_maps(site_dir: str | Path, copied: list[str] | None = None,
                      pages: Collection[str] = ()) -> int:
    """Delete every `.map` file and the comments that point to them. Returns files changed.
    `copied`: only these files were copied (`serve --dirty`), and only their folders are
    looked in. `pages`: folders (relative to the site, `cases/x`) that hold only the pages
    caseshelf wrote, and folders of such pages: not looked in (the site's other folders
    are, whoever wrote to them)."""
    changed = 0
    folders = _walk(site_dir, set(pages)) if copied is None else (
        (top, [], [name for name in os.listdir(top) if os.path.isfile(os.path.join(top, name))])
        for top in sorted({os.path.dirname(os.path.join(site_dir, path)) for path in copied})
        if os.path.isdir(top))
    for top, _, names in folders:  # names are tested before any path is made
        for name in names:
            if name.endswith(".map"):
                os.unlink(os.path.join(top, name))
                changed += 1
            elif name.endswith((".js", ".css")):
                path = Path(top, name)
                data = path.read_bytes()
                lean = _MAP_COMMENT.sub(b"", data)
                if lean != data:
                    path.write_bytes(lean)
                    changed += 1
    return changed


def own_folders(pages: Iterable[str], others: Iterable[str]) -> set[str]:
    """The folders of these pages (paths in the site: `cases/x/index.html`), but none that
    holds, at any depth, one of the `others` (the files copied into the site)."""
    taken = set()
    for path in others:
        parts = path.split("/")[:-1]
        taken.update("/".join(parts[:n]) for n in range(1, len(parts) + 1))
    return {folder for folder in (path.rpartition("/")[0] for path in pages)
            if folder and folder not in taken}


def _walk(site_dir: str | Path, pages: set[str]) -> Iterator[tuple[str, list[str], list[str]]]:
    root = str(site_dir)
    for top, folders, names in os.walk(root):
        here = os.path.relpath(top, root).replace(os.sep, "/")
        prefix = "" if here == "." else here + "/"
        folders[:] = [name for name in folders if prefix + name not in pages]
        yield top, folders, names


# The indentation of the theme's templates: a line break and the white space around it,
# next to a tag. A run of white space shows as one space, so a line break alone says the
# same, except inside elements that keep white space as written. Text between words and
# attribute values are left as they are: only white space that touches a tag goes.
_AFTER_TAG = re.compile(r">[ \t]*\n\s*")
# before a tag: the line break and what follows it here, the spaces before it in
# _lean_text (a pattern that starts with `[ \t]*` is tried at every space of the page,
# which took most of the time)
_BEFORE_TAG = re.compile(r"\n\s*<")
_KEPT = re.compile(r"(<(pre|textarea|script)\b.*?</\2>)", re.S | re.I)


# A line that holds one statement (that writes nothing itself) or comment and nothing
# else: the line break and the indentation before it go, the line break after it stays
# (a statement that strips the white space after it, `-%}`, is left as it is)
_STATEMENT_LINE = re.compile(
    r"\n[ \t]*(\{%-?[ \t]*(?:if|elif|else|endif|for|endfor|set|endset|macro|endmacro|import|"
    r"from|with|endwith|block|endblock)\b(?:[^%\n]|%(?!\}))*?(?<!-)%\}|\{#(?:[^#\n]|#(?!\}))*#\})"
    r"[ \t]*(?=\n)")


# the indentation of a line that starts with a statement or an expression
_BEFORE_CODE = re.compile(r"\n[ \t]+(?=\{[%{#])")


def unindent_source(source: str) -> str:
    """A template's source without the indentation of its markup and without the lines
    that only hold a statement (their white space, not the statement), so the pages it
    renders come out lean with no pass over each page: what `unindent` takes out of a page
    is white space next to a tag, which in the theme's templates is written in the
    source. The content of <pre>, <textarea> and <script> is left as it is."""
    return _outside_kept(source, lambda part: _lean_text(
        _BEFORE_CODE.sub("\n", _STATEMENT_LINE.sub(r"\1", part))))


class LeanLoader(BaseLoader):
    """A loader's HTML templates, each without its indentation (`unindent_source`)."""

    def __init__(self, loader: BaseLoader) -> None:
        self.loader = loader

    def get_source(self, environment: Environment, template: str):
        source, filename, uptodate = self.loader.get_source(environment, template)
        return (unindent_source(source) if template.endswith(".html") else source,
                filename, uptodate)

    def list_templates(self) -> list[str]:
        return self.loader.list_templates()


def unindent(html: str) -> str:
    """A page without the indentation its templates gave it (7% of its gzipped bytes), the
    content of <pre>, <textarea> and <script> as it was. Pages no longer pass through it:
    the templates are read by the same rule (LeanLoader), and a test compares with it."""
    return _outside_kept(html, _lean_text)


def _outside_kept(text: str, change: Callable[[str], str]) -> str:
    """The text with `change` made to each part outside <pre>, <textarea> and <script>."""
    parts = _KEPT.split(text)
    # split() returns text, then each kept element and its tag name, in turn
    return "".join(change(part) if n % 3 == 0 else part
                   for n, part in enumerate(parts) if n % 3 != 2)


def _lean_text(part: str) -> str:
    if "\n" in part and not part.strip():  # between two kept elements
        return "\n"
    lines = _BEFORE_TAG.sub("\n<", _AFTER_TAG.sub(">\n", part)).split("\n<")
    last = lines.pop()
    return "\n<".join([*(line.rstrip(" \t") for line in lines), last])
