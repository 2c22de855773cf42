"""Rules of translations (`cases/<slug>.<language>.md`): a language in the file name, an
original beside it in another language, only the texts a translator gives, one translation
a language, and a warning when the original has changed since it was translated."""

from __future__ import annotations

import os
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from .. import languages, schema_check
from ..problems import Severity
from ..translations import Original, TranslationName, original_only, parse_name
from .base import CaseContext, CaseRule, FilesRule


@dataclass
class TranslationContext(CaseContext):
    """What a rule sees of a translation: the case context, what its file name says, and its
    original as read from disk (None when there is none)."""

    name: TranslationName
    original: Original | None

    @property
    def text_language(self) -> str:
        return self.name.language or "en"


class TranslationLanguageRule(CaseRule):
    """The part of a translation's file name between the slug and `.md` is a BCP 47 tag of a
    language (in any case: `zh-hans` is `zh-Hans`)."""

    ID = "translation-language"
    DESCRIPTION = ("A file named `<case>.<something>.md` is a translation, but `<something>` "
                   "is not a language tag.")
    ADVICE = "Rename the file with the language's tag, as in `kiosks.fr.md`."

    def check(self, case):
        if not isinstance(case, TranslationContext) or case.name.language:
            return
        written = case.name.written
        problem = languages.check_tag(written)
        meant = problem.tag if problem and problem.tag and "." not in written else None
        yield self.at(case.path, 1, 1, (
            f"the file name says this is a translation into '{written}', which is not a "
            "language tag such as fr, ar, zh or pt-BR (case studies' own file names have no "
            "dot)"), f"'{case.name.slug}.{meant}.md'" if meant else None)


class TranslationOriginalRule(CaseRule):
    """A translation stands beside its original: `kiosks.fr.md` needs `kiosks.md` in the
    same folder."""

    ID = "translation-original"
    DESCRIPTION = "A translation has no original case beside it."
    ADVICE = "Name the file after the case it translates, in the same folder."

    def check(self, case):
        if isinstance(case, TranslationContext) and case.original is None:
            yield self.at(case.path, 1, 1, (
                f"this translation has no original: there is no {case.name.original.name} "
                f"in the same folder; name the file after the case it translates "
                f"(<case>.{case.name.written}.md)"))


class TranslationSameLanguageRule(CaseRule):
    """A translation is not in its original's own language."""

    ID = "translation-same-language"
    DESCRIPTION = "A translation is in the language the case is already written in."
    ADVICE = "Correct the language in the file name, or remove the file."

    def check(self, case):
        if not isinstance(case, TranslationContext) or not case.original \
                or not case.name.language:
            return
        tag, own = case.name.language, case.original.language
        if tag.casefold() == own.casefold():
            yield self.at(case.path, 1, 1, (
                f"{case.name.original.name} is already written in "
                f"{languages.language_name(own)} ({own}), so it needs no translation into "
                f"'{case.name.written}'; correct the language in the file name"))


class OriginalFieldRule(CaseRule):
    """A translation gives only texts: title, summary, organisations, source.title,
    translator, reviewed and translated_from. Every other field of a case (countries,
    themes, dates, …) comes from the original."""

    ID = "original-field"
    DESCRIPTION = ("A translation sets a field that only the original case sets, such as "
                   "countries, themes or dates.")
    ADVICE = "Remove it: the translation takes it from the original."

    def check(self, case):
        if not isinstance(case, TranslationContext):
            return
        original = case.name.original.name
        for where in original_only(case.fm):
            name = schema_check.field_name(where)
            yield self.at(case.path, *case.fm.where(where, key=True), (
                f"a translation does not set {name}: it takes it from the original, "
                f"{original}; remove it here (change it in {original} if it is wrong)"))


class StaleTranslationRule(CaseRule):
    """Warn when the original's title, summary or body changed after the translation was
    made: `translated_from` holds the original's hash as it was (`caseshelf fix` writes it
    when it is missing, and never changes it, which would hide the change)."""

    ID = "stale-translation"
    SEVERITY = Severity.WARNING
    DESCRIPTION = "The original case has changed since it was translated."
    ADVICE = ("Update the translation, then write the new hash given in the message as "
              "`translated_from`.")

    def check(self, case):
        if not isinstance(case, TranslationContext) or not case.original \
                or not case.original.text_hash:
            return
        recorded = case.data.get("translated_from")
        current = case.original.text_hash
        if not isinstance(recorded, str) or recorded == current:
            return
        yield self.at(case.path, *case.fm.where(("translated_from",)), (
            f"{case.name.original.name} has changed since this translation was made from it "
            f"(its text was {recorded!r}, it is now {current!r}); update the translation to "
            f"match, then write translated_from: {current}"))


class DuplicateTranslationRule(FilesRule):
    """One translation a language for each case: `kiosks.zh-hans.md` and `kiosks.zh-Hans.md`
    are one language (tags are the same whatever their case), and would share a page."""

    ID = "duplicate-translation"
    DESCRIPTION = "Two files translate one case into the same language."
    ADVICE = "Keep one of them."

    def check(self, files):
        by_language: dict[tuple, list[str]] = defaultdict(list)
        for result in files:
            name = parse_name(result.path)
            if name and name.language:
                key = (os.path.dirname(result.path), name.slug, name.language.casefold())
                by_language[key].append(result.path)
        for paths in by_language.values():
            first, *others = sorted(paths)
            for path in others:
                yield self.at(path, 1, 1, f"{Path(first).name} already translates this case "
                              "into the same language; keep one of the two files")
