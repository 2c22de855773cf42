"""The rules a JSON Schema cannot express, and the registry of every code the validator reports.

As in yamllint's rules package, each rule is one small class with an `ID` (its code), a
`SEVERITY`, a one-line `DESCRIPTION` and `ADVICE`, and a `check()` (base.py says what a rule
is). The modules group the rules by concern:

    fields.py         slug, url, date, future-date, language
    places.py         country, grouping
    topics.py         theme, sdg
    prose.py          summary, blank-text, empty-body, missing-section, markdown-in-html
    safety.py         unsafe-html, remote-resource, invisible-character, personal-data
    between_files.py  slug-collision, duplicate-title (once every file is checked)
    translations.py   translation-language, translation-original, translation-same-language,
                      original-field, stale-translation, duplicate-translation

A translation (`<slug>.<language>.md`) is checked by TRANSLATION_RULES: its own, then those
of the text (prose and safety), judged in the translation's language.

`REGISTRY` lists every code the validator can report: those of reading a file
(document.py), its YAML (front_matter.py) and the schema (schema_check.py), declared where
they are reported, then the rules' own. docs/contribute.md shows it as a table (docs.py).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from .. import document, front_matter, schema_check
from ..problems import Code, Problem
from .base import CaseContext, CaseRule, FilesRule, Rule
from .between_files import DuplicateTitleRule, SlugCollisionRule
from .fields import SLUG, DateRule, FutureDateRule, LanguageRule, SlugRule, UrlRule
from .places import CountryRule, GroupingRule
from .prose import (
    RECOMMENDED_SECTIONS,
    EmptyBodyRule,
    MarkdownInHtmlRule,
    MissingSectionRule,
    SummaryRule,
    VisibleTextRule,
)
from .safety import InvisibleCharacterRule, PersonalDataRule, RemoteResourceRule, UnsafeHtmlRule
from .topics import SdgRule, ThemeRule
from .translations import (
    DuplicateTranslationRule,
    OriginalFieldRule,
    StaleTranslationRule,
    TranslationContext,
    TranslationLanguageRule,
    TranslationOriginalRule,
    TranslationSameLanguageRule,
)

if TYPE_CHECKING:
    from ..checker import FileResult

__all__ = ["REGISTRY", "RULES", "FILES_RULES", "TRANSLATION_RULES", "RECOMMENDED_SECTIONS",
           "SLUG", "CaseContext", "CaseRule", "FilesRule", "Rule", "TranslationContext", "check",
           "check_files", "check_translation"]

# the rules of one case file, in the order they run (and their problems are listed)
RULES: tuple[CaseRule, ...] = (
    SlugRule(), CountryRule(), GroupingRule(), ThemeRule(), SdgRule(), UrlRule(), DateRule(),
    FutureDateRule(), LanguageRule(), SummaryRule(), VisibleTextRule(), EmptyBodyRule(),
    MissingSectionRule(), MarkdownInHtmlRule(),
    UnsafeHtmlRule(), RemoteResourceRule(), InvisibleCharacterRule(), PersonalDataRule(),
)
FILES_RULES: tuple[FilesRule, ...] = (SlugCollisionRule(), DuplicateTitleRule(),
                                      DuplicateTranslationRule())
_TEXT_RULES = (SummaryRule, VisibleTextRule, EmptyBodyRule, MissingSectionRule,
               MarkdownInHtmlRule, UnsafeHtmlRule, RemoteResourceRule, InvisibleCharacterRule,
               PersonalDataRule)
# the rules of one translation: its own, then those of its text, as for a case's
TRANSLATION_RULES: tuple[CaseRule, ...] = (
    TranslationLanguageRule(), TranslationOriginalRule(), TranslationSameLanguageRule(),
    OriginalFieldRule(), StaleTranslationRule(),
    *(rule for rule in RULES if isinstance(rule, _TEXT_RULES)),
)


def _registry(codes: Iterable[Code]) -> dict[str, Code]:
    registry: dict[str, Code] = {}
    for code in codes:
        if code.id in registry:
            raise ValueError(f"the code '{code.id}' is declared twice")
        registry[code.id] = code
    return registry


REGISTRY: dict[str, Code] = _registry((
    *document.CODES, *front_matter.CODES, *schema_check.CODES,
    *(rule.code for rule in RULES), *(rule.code for rule in FILES_RULES),
    *(rule.code for rule in TRANSLATION_RULES if not isinstance(rule, _TEXT_RULES)),
))


def check(case: CaseContext) -> list[Problem]:
    """Run every rule on one case."""
    return [problem for rule in RULES for problem in rule.check(case)]


def check_files(files: Sequence[FileResult]) -> list[Problem]:
    """Run the rules between files on every file checked."""
    return [problem for rule in FILES_RULES for problem in rule.check(files)]


def check_translation(translation: TranslationContext) -> list[Problem]:
    """Run every rule of translations on one translation."""
    return [problem for rule in TRANSLATION_RULES for problem in rule.check(translation)]
