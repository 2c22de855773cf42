"""The interface in the site's language: gettext catalogs managed with Babel.

Each language has locales/<lang>/LC_MESSAGES/caseshelf.po; it is compiled in memory when the
site is built, so no .mo file is kept in the repository. English, the language the
templates are written in, needs none. `make messages` extracts the strings
(locales/caseshelf.pot) and updates every catalog."""

from __future__ import annotations

import gettext
from functools import cache
from importlib import resources
from importlib.resources.abc import Traversable
from io import BytesIO

from babel import Locale, UnknownLocaleError
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import Translations

LOCALES = resources.files("caseshelf").joinpath("locales")
DOMAIN = "caseshelf"
SOURCE_LANGUAGE = "en"

# CLDR's plural categories, in CLDR's order (and gettext's, in Babel's plural forms)
CATEGORIES = ("zero", "one", "two", "few", "many", "other")
# integers to find one of each category with (French and Spanish "many" is 1,000,000)
_SAMPLES = (*range(0, 201), 1000, 10_000, 100_000, 1_000_000)


def N_(message: str) -> str:
    """Marks a string for extraction (pybabel extract -k N_) without translating it: the
    templates translate it where it is shown."""
    return message


def catalog_path(language: str) -> Traversable:
    return LOCALES.joinpath(language, "LC_MESSAGES", f"{DOMAIN}.po")


def languages() -> list[str]:
    """The languages with a catalog."""
    return sorted(folder.name for folder in LOCALES.iterdir()
                  if folder.is_dir() and catalog_path(folder.name).is_file())


@cache
def translations(language: str) -> gettext.NullTranslations:
    """The site's language's translations: its catalog (or its base language's: 'fr' for
    'fr-CA'), compiled in memory; no translation for English or a language without one."""
    tag = language.replace("-", "_")
    for candidate in dict.fromkeys((tag, tag.split("_")[0])):
        if candidate == SOURCE_LANGUAGE:
            break
        path = catalog_path(candidate)
        if path.is_file():
            with path.open("rb") as file:
                catalog = read_po(file, locale=candidate, domain=DOMAIN)
            compiled = BytesIO()
            write_mo(compiled, catalog, use_fuzzy=False)
            compiled.seek(0)
            return Translations(compiled, domain=DOMAIN)
    return gettext.NullTranslations()


@cache
def plural_samples(language: str) -> dict[str, int]:
    """One whole number of each CLDR plural category the language's whole numbers fall in,
    in CLDR's order: what the scripts' Intl.PluralRules can choose for a count."""
    try:
        rule = Locale.parse(language.replace("-", "_")).plural_form
    except (UnknownLocaleError, ValueError):
        rule = Locale.parse(SOURCE_LANGUAGE).plural_form
    found: dict[str, int] = {}
    for n in _SAMPLES:
        found.setdefault(rule(n), n)
    return {category: found[category] for category in CATEGORIES if category in found}


def plural_messages(ngettext, language: str, singular: str, plural: str,
                    zero: str | None = None) -> dict[str, str]:
    """A message in each plural category of the language, for a script to choose from by
    CLDR category (Intl.PluralRules); `zero`, if given, is the message for no items."""
    messages = {"zero": zero} if zero is not None else {}
    for category, n in plural_samples(language).items():
        messages.setdefault(category, ngettext(singular, plural, n))
    return messages


# the titles of this repository's own navigation (mkdocs.yml), which other languages'
# navigation shows translated; a title the catalogs lack is shown as it is written
NAV_TITLES = (N_("Home"), N_("Explore"), N_("Map"), N_("Matchmaking"), N_("Download"),
              N_("Open data"), N_("Contribute"), N_("Import"), N_("About"))

# the search filters whose values are words of the interface, not names from the cases
INTERFACE_FILTERS = frozenset({"level", "status"})
