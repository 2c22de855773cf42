"""Reading a PDF as its readers' tools do: Debian's poppler-utils (pdfinfo, pdffonts,
pdftotext) and qpdf, and pypdf for the outline and the links."""

from __future__ import annotations

import re
import subprocess
import unicodedata
from pathlib import Path

from lxml import etree
from pypdf import PdfReader

SITE_URL = "https://cases.example.org/"  # the compendium tests' site address
TRANSLATED = ("NP", "FJ", "IN")  # countries of cases translated into every UN language

LONG_WORD = "Pneumonoultramicroscopicsilicovolcanoconiosis" * 6
LONG_URL = "https://example.org/" + "/".join(f"segment-{n}-of-a-very-long-address" for n in range(12))
WIDE = 14  # columns of the wide table

OVERSIZED = f"""---
title: "Zz oversized text stays on the page"
summary: "A case whose body holds a very long word, a wide table and a long address."
countries: [ZA]
themes: [service-delivery]
sdgs: [16]
source: {{body: "Test body", title: "Test report", url: "{LONG_URL}"}}
added: "2024-05-01"
---
## Challenge

A word with no place to break: {LONG_WORD}.[^1]

## Innovation

| {" | ".join(f"Column {n} heading" for n in range(WIDE))} |
|{"---|" * WIDE}
| {" | ".join(f"cell-{n}-{LONG_WORD[:40]}" for n in range(WIDE))} |

## Results

An address: <{LONG_URL}>

## Lessons learned

Keep the page's margins.

[^1]: The footnote of the oversized case, printed at its end.
"""


# the marks pdftotext puts around right-to-left runs (embeddings, isolates): not text
_BIDI_MARKS = re.compile("[\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def run(*command: str | Path) -> str:
    return subprocess.run([str(part) for part in command], check=True, capture_output=True,
                          text=True).stdout


def info(pdf: Path) -> dict[str, str]:
    """pdfinfo's fields, by name."""
    return {key.strip(): value.strip() for line in run("pdfinfo", pdf).splitlines()
            if ":" in line for key, value in [line.split(":", 1)]}


def fonts(pdf: Path) -> list[dict[str, str]]:
    """pdffonts' table: each font's name and its emb, sub and uni columns."""
    lines = run("pdffonts", pdf).splitlines()
    header, rule = lines[0], lines[1]
    spans = [(m.start(), m.end()) for m in re.finditer(r"-+", rule)]
    names = [header[a:b].strip() for a, b in spans]
    return [{name: line[a:b].strip() for name, (a, b) in zip(names, spans, strict=True)}
            for line in lines[2:]]


def text(pdf: Path, first: int | None = None, last: int | None = None) -> str:
    """pdftotext's text in reading order, pages split by form feeds, without bidi marks."""
    pages = [*(["-f", str(first)] if first else []), *(["-l", str(last)] if last else [])]
    return _BIDI_MARKS.sub("", run("pdftotext", *pages, pdf, "-"))


def pages(pdf: Path) -> list[str]:
    """The text of each page, the first at index 0."""
    return text(pdf).split("\f")[:-1]


def flat(words: str) -> str:
    """A text with its white space made single spaces, in NFC: what a line of text reads."""
    return " ".join(unicodedata.normalize("NFC", words).split())


def words(pdf: Path) -> list[tuple[int, float, float, float, float, str]]:
    """Every word with its page (from 1) and box (xMin, yMin, xMax, yMax), from pdftotext
    -bbox; and the page's size comes from pdfinfo."""
    root = etree.fromstring(run("pdftotext", "-bbox", pdf, "-").encode("utf-8"),
                            etree.XMLParser(recover=True))
    found = []
    for number, page in enumerate(root.iter("{*}page"), start=1):
        for word in page.iter("{*}word"):
            box = [float(word.get(k)) for k in ("xMin", "yMin", "xMax", "yMax")]
            found.append((number, *box, word.text or ""))
    return found


def outline(pdf: Path) -> list[tuple[int, str, int]]:
    """The bookmarks, in order: (depth from 0, title, page from 1)."""
    reader = PdfReader(pdf)
    found = []

    def walk(items, depth):
        for item in items:
            if isinstance(item, list):
                walk(item, depth + 1)
            else:
                found.append((depth, item.title, reader.get_destination_page_number(item) + 1))

    walk(reader.outline, 0)
    return found


def link_actions(pdf: Path) -> list[dict]:
    """The action of every link annotation, resolved: {'S': '/URI', 'URI': ...} and the like."""
    reader = PdfReader(pdf)
    actions = []
    for page in reader.pages:
        for annotation in page.get("/Annots") or ():
            annotation = annotation.get_object()
            if annotation.get("/Subtype") == "/Link":
                action = annotation.get("/A")
                actions.append({k.lstrip("/"): str(v) for k, v in action.get_object().items()}
                               if action is not None else {"S": "GoTo", "Dest": "named"})
    return actions
