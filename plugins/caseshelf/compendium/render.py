"""A compendium's HTML, from caseshelf's own template (templates/compendium/) in its
language, and its PDF, laid out by WeasyPrint with the print stylesheet: tagged (PDF/UA-1),
its fonts subset, dated by its newest case, so that the same cases give the same bytes."""

from __future__ import annotations

import hashlib
import logging
import sys
from collections import defaultdict
from contextlib import contextmanager
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

import jinja2
from markupsafe import Markup

from ..cases import countries, vocabularies
from ..site import formats, i18n
from ..site.languages import direction
from .body import BodyConverter
from .contents import Contents, Entry, Group, Part

PACKAGE = resources.files("caseshelf")
CHART_WIDTH = 140  # CSS pixels of the longest bar
STAND_IN = 8888  # the page number the contents show before the pages are known


@dataclass(frozen=True)
class Book:
    """What the cover and the metadata say, beside the contents."""

    site_name: str
    site_url: str
    licence: str
    language: str
    selection: tuple[str, ...]  # each option's values, named in the language; () for all


def _environment(language: str) -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(PACKAGE.joinpath("templates", "compendium"))),
        autoescape=True, extensions=["jinja2.ext.i18n"], trim_blocks=False)
    env.install_gettext_translations(i18n.translations(language), newstyle=True)
    return env


def _context(book: Book, contents: Contents) -> dict:
    """What every document of the compendium is rendered with."""
    language = book.language
    translations = i18n.translations(language)
    gettext, ngettext = translations.gettext, translations.ngettext
    converter = BodyConverter()
    count = len(contents.entries)
    count_text = ngettext("%(count)s case", "%(count)s cases", count) % {
        "count": formats.number(count, language)}
    title = book.site_name + (": " + " · ".join(book.selection) if book.selection else "")

    def own(entry: Entry) -> Markup:
        """lang and dir on a case's own text when it is not in the compendium's language."""
        if entry.case.language.casefold() == language.casefold():
            return Markup("")
        return Markup(' lang="{}" dir="{}"').format(entry.case.language, entry.direction)

    def goal(number: int) -> vocabularies.Goal:
        found = vocabularies.goals()[number]
        return vocabularies.Goal(number, vocabularies.goal_name(number, language),
                                 found.colour, found.targets)

    return {
        "language": language, "direction": direction(language), "title": title,
        "subject": gettext("Public-sector innovation case studies") + ": " + count_text,
        "keywords": [bar.label for bar in contents.themes],
        "stamp": f"{contents.newest.isoformat()}T00:00:00Z",
        "site_name": book.site_name, "site_url": book.site_url, "licence": book.licence,
        "selection": book.selection, "count_text": count_text,
        "newest": formats.date(contents.newest, language),
        "charts": [(gettext("UN regions"), contents.regions), (gettext("Themes"), contents.themes),
                   (gettext("Sustainable Development Goals"), contents.sdgs)],
        "chart_width": CHART_WIDTH, "contents": contents,
        "index": [(gettext("Themes"), contents.theme_index),
                  (gettext("Sustainable Development Goals"), contents.sdg_index)],
        "own": own, "goal": goal,
        "body": lambda entry: converter.convert(entry.case.body, entry.anchor),
        "country_name": lambda code: countries.name_of(code, language),
        "grouping_name": lambda key: vocabularies.groupings()[key].name,
        "theme_label": lambda slug: vocabularies.theme_label(slug, language),
        "innovation_facet": lambda key: vocabularies.facet_label(key, language),
        "date": lambda day: formats.date(day, language),
    }


def shares(contents: Contents, size: int) -> list[list[tuple[Part, Group, Entry]]]:
    """The cases in the order they are printed, in shares of about `size` cases, each
    share whole countries (a country of more cases is a share of its own)."""
    found: list[list[tuple[Part, Group, Entry]]] = [[]]
    for part in contents.parts:
        for group in part.groups:
            if found[-1] and len(found[-1]) + len(group.entries) > size:
                found.append([])
            found[-1].extend((part, group, entry) for entry in group.entries)
    return [share for share in found if share]


def _refuse(url: str, *args, **kwargs):
    """The compendium fetches nothing: no font, image or stylesheet from anywhere."""
    raise ValueError(f"the compendium fetches nothing ({url})")


class _Progress(logging.Handler):
    """WeasyPrint's steps and pages, on one line of a terminal."""

    def __init__(self, label: str) -> None:
        super().__init__()
        self.label = label

    def emit(self, record: logging.LogRecord) -> None:
        sys.stderr.write(f"\r\033[K{self.label}: {record.getMessage()}")
        sys.stderr.flush()


SHARE = 40  # cases laid out as one document: WeasyPrint's time per page grows with a document


@contextmanager
def _page_references_kept():
    """pydyf 0.13 makes the tuple of every page's reference each time a tagged element asks
    for its page's (`PDF.page_references`, a property): a time that grows as pages times
    elements, most of writing a book of a thousand pages. While the compendium is written,
    the tuple is kept until a page is added; the bytes written are the same."""
    import pydyf

    made = pydyf.PDF.page_references

    def kept(pdf) -> tuple[bytes, ...]:
        kids = len(pdf.pages["Kids"])
        if getattr(pdf, "_cs_page_references", (None,))[0] != kids:
            pdf._cs_page_references = (kids, made.fget(pdf))
        return pdf._cs_page_references[1]

    pydyf.PDF.page_references = property(kept)
    try:
        yield
    finally:
        pydyf.PDF.page_references = made


def write_pdf(book: Book, contents: Contents, target: Path, *, progress: str | None = None,
              share: int = SHARE) -> Path:
    """Lay out the compendium as a tagged PDF (PDF/UA-1) into `target`. `progress`: a label
    to show WeasyPrint's steps under, in a terminal.

    WeasyPrint's layout slows as a document grows (it looks back over earlier pages for
    each page it makes), so the book is laid out as several documents whose pages are
    joined into one PDF: the front matter (cover, overview, contents), the cases a share
    at a time, each share's page numbers starting where the last ended, and the index.
    The contents and the index give page numbers found in the laid-out shares, so the
    front matter is laid out first with stand-in numbers to find where the cases start,
    and again (until its length holds) with the real ones. Links, bookmarks and tags are
    made over the joined pages, as for one document."""
    import weasyprint

    env = _environment(book.language)
    context = _context(book, contents)
    options = {"pdf_variant": "pdf/ua-1", "stylesheets": [weasyprint.CSS(
        string=PACKAGE.joinpath("assets", "compendium.css").read_text(encoding="utf-8"))]}
    handler, level = None, weasyprint.PROGRESS_LOGGER.level
    if progress:
        handler = _Progress(progress)
        weasyprint.PROGRESS_LOGGER.addHandler(handler)
        weasyprint.PROGRESS_LOGGER.setLevel(logging.INFO)

    def lay_out(template: str, **values) -> weasyprint.Document:
        html = env.get_template(template).render(context, **values)
        digest.update(html.encode("utf-8"))
        return weasyprint.HTML(string=html, url_fetcher=_refuse,
                               base_url="about:blank").render(**options)

    digest = hashlib.sha256()  # of the HTML laid out: the file's identifier
    try:
        stand_in = defaultdict(lambda: STAND_IN)
        first = len(lay_out("front.html", pages=stand_in).pages) + 1
        while True:
            digest = hashlib.sha256()
            pages, body, start = {}, [], first
            for number, cases in enumerate(shares(contents, share), start=1):
                if handler:
                    handler.label = f"{progress} ({number}/{len(shares(contents, share))})"
                laid = lay_out("cases.html", share=cases, start=start)
                for offset, page in enumerate(laid.pages):
                    for anchor in page.anchors:
                        pages.setdefault(anchor, start + offset)
                body += laid.pages
                start += len(laid.pages)
            pages["index"] = start
            front = lay_out("front.html", pages=pages)
            if len(front.pages) + 1 == first:
                break
            first = len(front.pages) + 1  # the real numbers changed its length: again
        index = lay_out("index.html", pages=pages, start=start)
        target.parent.mkdir(parents=True, exist_ok=True)
        with _page_references_kept():
            front.copy([*front.pages, *body, *index.pages]).write_pdf(
                target, **options, optimize_images=True,
                # the file's identifier from its content: the same HTML, the same bytes
                pdf_identifier=digest.hexdigest()[:32].encode())
    finally:
        if handler is not None:
            weasyprint.PROGRESS_LOGGER.removeHandler(handler)
            weasyprint.PROGRESS_LOGGER.setLevel(level)
            sys.stderr.write("\r\033[K")
    return target
