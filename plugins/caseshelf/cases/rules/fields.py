"""Rules on the form of single values: the file name as a slug, web addresses, dates and the
language tag."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from functools import lru_cache

from .. import languages
from ..text import MAX_SLUG, is_web_address, short_slug
from .base import CaseContext, CaseRule

SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


class SlugRule(CaseRule):
    """The file name is the URL: lowercase ASCII words joined by hyphens, at most 80 long."""

    ID = "slug"
    DESCRIPTION = "The file name is not lowercase words joined by hyphens."
    ADVICE = "Rename the file as suggested."

    def check(self, case):
        if SLUG.match(case.slug) and len(case.slug) <= MAX_SLUG:
            return
        suggestion = short_slug(case.slug)
        yield self.at(
            case.path, 1, 1,
            f"the file name '{case.slug}.md' is not a valid slug: use lowercase letters a-z, "
            f"digits and single hyphens, at most {MAX_SLUG} characters",
            f"'{suggestion}.md'" if suggestion else None,
        )


class UrlRule(CaseRule):
    """Links are http or https addresses; javascript:, data: and other schemes are refused."""

    ID = "url"
    DESCRIPTION = "A link does not start with `http://` or `https://`."
    ADVICE = "Use the web address of the page."

    def check(self, case):
        places = [(("source", "url"), (case.data.get("source") or {}).get("url")
                   if isinstance(case.data.get("source"), dict) else None)]
        links = case.data.get("links")
        for index, link in enumerate(links if isinstance(links, list) else []):
            if isinstance(link, dict):
                places.append((("links", index, "url"), link.get("url")))
        for where, url in places:
            if isinstance(url, str) and not is_web_address(url):
                yield self.problem(case, where, f"'{url[:80]}' is not a web address; "
                                   "links must start with http:// or https://")


def _dates(case: CaseContext) -> Iterator[tuple[tuple, str, tuple[str, ...]]]:
    """(place, text, the formats it may take) of each date in a case."""
    added = case.data.get("added")
    if isinstance(added, str):
        yield ("added",), added, ("%Y-%m-%d",)
    source = case.data.get("source")
    date = source.get("date") if isinstance(source, dict) else None
    if isinstance(date, (str, int)) and not isinstance(date, bool):
        yield ("source", "date"), str(date), ("%Y-%m-%d", "%Y-%m", "%Y")


@lru_cache(maxsize=8192)  # two rules read each date, and dates come back in many cases
def _read(text: str, formats: tuple[str, ...]) -> dt.date | str:
    """The date written in text, or what is wrong with it."""
    if not re.fullmatch(r"\d{4}(-\d{2}){0,2}", text.strip()):
        shapes = " or ".join(f.replace("%Y", "YYYY").replace("%m", "MM").replace("%d", "DD")
                             for f in formats)
        return f"'{text}' is not a date written as {shapes}"
    for form in formats:
        try:
            return dt.datetime.strptime(text.strip(), form).date()
        except ValueError:
            continue
    return f"{text} is not a real calendar date"


class DateRule(CaseRule):
    """Dates are real calendar dates; `added` is YYYY-MM-DD, the source's date may also be
    YYYY-MM or YYYY."""

    ID = "date"
    DESCRIPTION = "A date is impossible or not written as `YYYY-MM-DD`."
    ADVICE = "Correct the date."

    def check(self, case):
        for where, text, formats in _dates(case):
            when = _read(text, formats)
            if isinstance(when, str):
                yield self.problem(case, where, when)


class FutureDateRule(CaseRule):
    """Dates and the year of launch are not in the future."""

    ID = "future-date"
    DESCRIPTION = "A date or year is in the future."
    ADVICE = "Use the date the case was added or the practice started."

    def check(self, case):
        for where, text, formats in _dates(case):
            when = _read(text, formats)
            if isinstance(when, dt.date) and when > case.today:
                yield self.problem(case, where,
                                   f"the date {text} is in the future (today is {case.today})")
        year = case.data.get("year")
        if isinstance(year, int) and not isinstance(year, bool) and year > case.today.year:
            yield self.problem(case, ("year",), f"the year of launch {year} is in the future "
                               f"(this is {case.today.year})")


class LanguageRule(CaseRule):
    """`language` is a valid BCP 47 tag (every subtag in the IANA registry, read by
    langcodes), written in its usual form: en, fr, pt-BR, zh-Hant."""

    ID = "language"
    DESCRIPTION = "The language is not a BCP 47 tag."
    ADVICE = "Use the tag suggested, such as `en` or `fr`."

    def check(self, case):
        value = case.data.get("language")
        if not isinstance(value, str):
            return
        problem = languages.check_tag(value)
        if problem:
            yield self.problem(case, ("language",), problem.message,
                               f"'{problem.tag}'" if problem.tag else None)
