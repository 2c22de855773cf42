"""Which generated pages the search index reads, on a site in several languages.

A case that is not translated into French shows the same text on `/fr/` as on the English
site. Indexing that text again for every language that shows it made Pagefind, the largest
single cost of a build in six languages, do the same work up to six times. So each text of a
case is indexed once, on the page of the first site language (in the configured order) that
shows it. That page carries a `site:<language>` filter for every language it stands for, and
the case's countries in each one's words (`countries_<language>`). Every other page the index
reads carries `site:<its language>`. The search scripts merge every language's index and
search with the filter `site:<the reader's language>` (assets/caseshelf-search.js), so a
reader finds each case once, in the text their language's site shows.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from ..cases import countries, vocabularies
from ..cases.model import Case
from . import i18n

if TYPE_CHECKING:
    from .pages import PageSpec


def searched(spec: PageSpec) -> bool | None:
    """What the search index makes of a page: True for a case page it indexes, None for a
    case page whose text another language's page stands for, False for the others (the
    first pages of some listings are indexed: search/build_index.py)."""
    if spec.case is None:
        return False
    return spec.context.get("search_sites", ()) is not None


def search_once(cases: Sequence[Case], languages: Sequence[str], specs: list[PageSpec]
                ) -> None:
    """Set each page's `search_sites`: the sites a page's search entry stands for, each
    with the case's countries as that site names them (None for the page's own site), or
    None for a case page that another language's page stands for."""
    sites: dict[str, dict[str, list[str]]] = {}  # slug -> the sites showing each text
    for case in cases:
        texts: dict[str, list[str]] = {}
        for language in languages:
            texts.setdefault(language if case.translation(language) else "", []).append(
                language)
        sites[case.slug] = {site: shown for shown in texts.values() for site in shown}
    for spec in specs:
        site = spec.context["cs_language"]
        if spec.case is None:
            spec.context["search_sites"] = [(site, None)]
            continue
        shown = sites[spec.case.slug][site]
        spec.context["search_sites"] = None if shown[0] != site else [
            (other, None if other == site else _countries_in(spec.case, other))
            for other in shown]


def _countries_in(case: Case, language: str) -> str:
    """A case's groupings and countries as its search data names them in `language`."""
    comma = i18n.translations(language).gettext(", ")
    return "".join(f"{vocabularies.groupings()[key].name}, " for key in case.groupings) + \
        comma.join(countries.name_of(code, language) for code in case.countries)
