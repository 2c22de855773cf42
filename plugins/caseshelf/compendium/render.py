"""A compendium's HTML, from caseshelf's own template (templates/compendium/) in its
language, and its PDF, laid out by WeasyPrint with the print stylesheet: tagged (PDF/UA-1),
its fonts subset, dated by its newest case, so that the same cases give the same bytes."""

from __future__ import annotations

import hashlib
import logging
import sys
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

import jinja2
from markupsafe import Markup

from ..cases import countries, vocabularies
from ..site import formats, i18n
from ..site.languages import direction
from .body import BodyConverter
from .contents import Contents, Entry

PACKAGE = resources.files("caseshelf")
CHART_WIDTH = 140  # CSS pixels of the longest bar


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


def render_html(book: Book, contents: Contents) -> str:
    """The compendium as one HTML document."""
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

    context = {
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
        "titles": {entry.anchor: entry.case.title for entry in contents.entries},
        "own": own, "goal": goal,
        "body": lambda entry: converter.convert(entry.case.body, entry.anchor),
        "country_name": lambda code: countries.name_of(code, language),
        "grouping_name": lambda key: vocabularies.groupings()[key].name,
        "theme_label": lambda slug: vocabularies.theme_label(slug, language),
        "innovation_facet": lambda key: vocabularies.facet_label(key, language),
        "date": lambda day: formats.date(day, language),
    }
    return _environment(language).get_template("compendium.html").render(context)


def _refuse(url: str, *args, **kwargs):
    """The compendium fetches nothing: no font, image or stylesheet from anywhere."""
    raise ValueError(f"the compendium fetches nothing ({url})")


class _Progress(logging.Handler):
    """WeasyPrint's steps and pages, on one line of a terminal."""

    def __init__(self, label: str) -> None:
        super().__init__()
        self.label = label

    def emit(self, record: logging.LogRecord) -> None:
        text = record.getMessage() % () if not record.args else record.getMessage()
        sys.stderr.write(f"\r\033[K{self.label}: {text}")
        sys.stderr.flush()


def write_pdf(html: str, target: Path, *, progress: str | None = None) -> Path:
    """Lay out `html` as a tagged PDF (PDF/UA-1) into `target`. `progress`: a label to
    show WeasyPrint's steps under, in a terminal."""
    import weasyprint

    stylesheet = weasyprint.CSS(string=PACKAGE.joinpath("assets", "compendium.css")
                                .read_text(encoding="utf-8"))
    handler = None
    if progress:
        handler = _Progress(progress)
        weasyprint.PROGRESS_LOGGER.addHandler(handler)
        weasyprint.PROGRESS_LOGGER.setLevel(logging.INFO)
    try:
        document = weasyprint.HTML(string=html, url_fetcher=_refuse, base_url="about:blank")
        target.parent.mkdir(parents=True, exist_ok=True)
        document.write_pdf(
            target, stylesheets=[stylesheet], pdf_variant="pdf/ua-1",
            # the file's identifier from its content: the same HTML, the same bytes
            pdf_identifier=hashlib.sha256(html.encode("utf-8")).hexdigest()[:32].encode(),
            optimize_images=True, uncompressed_pdf=False)
    finally:
        if handler is not None:
            weasyprint.PROGRESS_LOGGER.removeHandler(handler)
            sys.stderr.write("\r\033[K")
    return target
