"""The rules a JSON Schema cannot express: vocabularies, ISO codes, slugs, dates, body checks.

Each rule is one small class with a `code` (shown as `[code]` in messages) and a
docstring saying what it checks. Rules run after the schema check and look only at
values of the right type, so a wrong type is reported once, by the schema.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

import pycountry

from . import countries, vocabularies
from .front_matter import FrontMatter
from .html_safety import remote_resources, unsafe_html
from .problems import ERROR, WARNING, Problem
from .text import MAX_SLUG, has_visible_text, is_web_address, line_col, short_slug

SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
RECOMMENDED_SECTIONS = ("Challenge", "Innovation", "Results", "Lessons learned")


@dataclass
class CaseContext:
    """What a rule sees of one case file."""

    path: str
    slug: str
    fm: FrontMatter
    body: str
    body_line: int
    today: dt.date

    @property
    def data(self) -> dict:
        return self.fm.data

    def at(self, where: tuple, code: str, message: str, hint: str | None = None,
           severity: str = ERROR) -> Problem:
        line, col = self.fm.where(where)
        return Problem(self.path, line, col, severity, code, message, hint)

    def in_body(self, offset: int, code: str, message: str, severity: str = ERROR) -> Problem:
        line, col = line_col(self.body, offset, self.body_line)
        return Problem(self.path, line, col, severity, code, message)

    def items(self, field: str, kind: type = str) -> Iterator[tuple[tuple, Any]]:
        """(place, value) for each value of the right type in a list field."""
        values = self.data.get(field)
        if isinstance(values, list):
            for index, value in enumerate(values):
                if isinstance(value, kind) and not isinstance(value, bool):
                    yield (field, index), value

    def strings(self) -> Iterator[tuple[tuple, str]]:
        """Every text value in the front-matter, with its place."""
        stack: list[tuple[tuple, Any]] = [((), self.data)]
        while stack:
            where, value = stack.pop()
            if isinstance(value, str):
                yield where, value
            elif isinstance(value, dict):
                stack.extend((where + (k,), v) for k, v in value.items())
            elif isinstance(value, list):
                stack.extend((where + (i,), v) for i, v in enumerate(value))


class Rule:
    code = ""

    def check(self, case: CaseContext) -> Iterable[Problem]:
        raise NotImplementedError


class SlugRule(Rule):
    """The file name is the URL: lowercase ASCII words joined by hyphens, at most 80 long."""

    code = "slug"

    def check(self, case):
        if SLUG.match(case.slug) and len(case.slug) <= MAX_SLUG:
            return
        suggestion = short_slug(case.slug)
        yield Problem(
            case.path, 1, 1, ERROR, self.code,
            f"the file name '{case.slug}.md' is not a valid slug: use lowercase letters a-z, "
            f"digits and single hyphens, at most {MAX_SLUG} characters",
            f"'{suggestion}.md'" if suggestion else None,
        )


class CountryRule(Rule):
    """Countries are ISO 3166-1 alpha-2 codes (KZ) or ISO 3166-2 subdivision codes (UA-21)."""

    code = "country"
    fields = ("countries", "interested_countries", "adapted_in")

    def check(self, case):
        for field in self.fields:
            for where, value in case.items(field):
                if countries.is_valid(value):
                    continue
                guess = countries.guess(value)
                hint = f"'{guess}' ({countries.name_of(guess)})" if guess else None
                if value.upper() != value and countries.is_valid(value.upper()):
                    message = f"the country code '{value}' must be written in capitals"
                elif len(value) == 3 and value.isalpha() and guess:
                    message = f"'{value}' is an ISO alpha-3 code; write the two-letter alpha-2 code"
                elif len(value) > 3 and "-" not in value:
                    message = f"'{value}' is a name, not an ISO 3166 country code"
                else:
                    message = f"'{value}' is not an ISO 3166 country or subdivision code"
                yield case.at(where, self.code, message, hint)


class ThemeRule(Rule):
    """Themes come from the themes vocabulary (data/themes.yml)."""

    code = "theme"

    def check(self, case):
        known = vocabularies.themes()
        by_label = {theme.label.casefold(): slug for slug, theme in known.items()}
        for where, value in case.items("themes"):
            if value in known:
                continue
            close = by_label.get(value.casefold()) or next(
                iter(difflib.get_close_matches(value.lower(), list(known), n=1, cutoff=0.6)), None)
            yield case.at(where, self.code, f"unknown theme '{value}'; the themes are listed in "
                          "docs/contribute.md", f"'{close}'" if close else None)


class SdgRule(Rule):
    """SDGs are goals 1 to 17 or targets from the official list ("16.6", "17.a")."""

    code = "sdg"

    def check(self, case):
        for where, value in case.items("sdgs", int):
            if not 1 <= value <= 17:
                yield case.at(where, self.code, f"there is no SDG {value}; the goals are 1 to 17")
        for where, value in case.items("sdgs"):
            text = value.strip()
            if text.isdigit() and 1 <= int(text) <= 17 or text in vocabularies.targets():
                continue
            number = text.split(".")[0]
            goal = vocabularies.goals().get(int(number)) if number.isdigit() else None
            if goal:
                message = (f"'{value}' is not a target of SDG {goal.number}; its targets are "
                           f"{', '.join(goal.targets)}")
            else:
                message = (f"'{value}' is not an SDG goal or target; "
                           'write a goal (16) or a target ("16.6")')
            yield case.at(where, self.code, message)


class UrlRule(Rule):
    """Links are http or https addresses; javascript:, data: and other schemes are refused."""

    code = "url"

    def check(self, case):
        places = [(("source", "url"), (case.data.get("source") or {}).get("url")
                   if isinstance(case.data.get("source"), dict) else None)]
        links = case.data.get("links")
        for index, link in enumerate(links if isinstance(links, list) else []):
            if isinstance(link, dict):
                places.append((("links", index, "url"), link.get("url")))
        for where, url in places:
            if isinstance(url, str) and not is_web_address(url):
                yield case.at(where, self.code, f"'{url[:80]}' is not a web address; "
                              "links must start with http:// or https://")


class DateRule(Rule):
    """Dates are real calendar dates and not in the future; `added` is YYYY-MM-DD."""

    code = "date"

    def check(self, case):
        added = case.data.get("added")
        if isinstance(added, str):
            yield from self._one(case, ("added",), added, ("%Y-%m-%d",))
        source = case.data.get("source")
        date = source.get("date") if isinstance(source, dict) else None
        if isinstance(date, (str, int)) and not isinstance(date, bool):
            yield from self._one(case, ("source", "date"), str(date), ("%Y-%m-%d", "%Y-%m", "%Y"))
        year = case.data.get("year")
        if isinstance(year, int) and not isinstance(year, bool) and year > case.today.year:
            yield case.at(("year",), "future-date",
                          f"the year of launch {year} is in the future (this is {case.today.year})")

    def _one(self, case, where, text, formats):
        shapes = " or ".join(f.replace("%Y", "YYYY").replace("%m", "MM").replace("%d", "DD")
                             for f in formats)
        if not re.fullmatch(r"\d{4}(-\d{2}){0,2}", text.strip()):
            yield case.at(where, self.code, f"'{text}' is not a date written as {shapes}")
            return
        for form in formats:
            try:
                when = dt.datetime.strptime(text.strip(), form).date()
            except ValueError:
                continue
            if when > case.today:
                yield case.at(where, "future-date",
                              f"the date {text} is in the future (today is {case.today})")
            return
        yield case.at(where, self.code, f"{text} is not a real calendar date")


class LanguageRule(Rule):
    """`language` is a BCP 47 tag whose language is in ISO 639 (en, fr, pt-BR, zh-Hant)."""

    code = "language"
    shape = re.compile(r"^([a-z]{2,3})(-[A-Z][a-z]{3})?(-([A-Z]{2}|\d{3}))?$")

    def check(self, case):
        value = case.data.get("language")
        if not isinstance(value, str):
            return
        match = self.shape.match(value)
        primary = match and (pycountry.languages.get(alpha_2=match[1])
                             or pycountry.languages.get(alpha_3=match[1]))
        if primary:
            return
        try:
            named = pycountry.languages.lookup(value.strip())
            hint = f"'{getattr(named, 'alpha_2', named.alpha_3)}'"
        except LookupError:
            hint = None
        yield case.at(("language",), self.code,
                      f"'{value}' is not a BCP 47 language tag such as en, fr or pt-BR", hint)


class SummaryRule(Rule):
    """The summary is one plain-text paragraph: no blank lines, no Markdown."""

    code = "summary"
    markdown = re.compile(r"\[[^\]]*\]\([^)]*\)|\*\*|__|^#|`", re.MULTILINE)

    def check(self, case):
        summary = case.data.get("summary")
        if not isinstance(summary, str):
            return
        if re.search(r"\n\s*\n", summary.strip()):
            yield case.at(("summary",), self.code,
                          "the summary must be a single paragraph; remove the blank line")
        if self.markdown.search(summary):
            yield case.at(("summary",), self.code,
                          "the summary must be plain text; remove the Markdown formatting")


class VisibleTextRule(Rule):
    """Names and short texts hold something a reader can see: not only spaces, zero-width
    or direction marks, or accents with no letter to sit on (a blank title would leave an
    empty heading and an empty link in every listing)."""

    code = "blank-text"
    labels = {("title",): "title", ("summary",): "summary", ("source", "body"): "source body",
              ("source", "title"): "source title", ("organisations",): "organisation",
              ("tags",): "tag", ("awards",): "award", ("links", "title"): "link title"}

    def check(self, case):
        for where, text in case.strings():
            named = tuple(part for part in where if not isinstance(part, int))
            label = self.labels.get(named)
            if label and not has_visible_text(text):
                yield case.at(where, self.code, f"the {label} has only spaces or invisible "
                              "characters; write it out in words")


class BodyRule(Rule):
    """The body is not empty and has the recommended sections (a warning if one is missing)."""

    code = "empty-body"

    def check(self, case):
        if not case.body.strip():
            yield Problem(case.path, case.body_line, 1, ERROR, self.code,
                          "the case has no text after the front-matter; describe the practice "
                          "under ## Challenge, ## Innovation, ## Results and ## Lessons learned")
            return
        headings = {h.strip().casefold() for h in re.findall(r"^##\s+(.+?)\s*#*\s*$", case.body,
                                                             re.MULTILINE)}
        for section in RECOMMENDED_SECTIONS:
            if section.casefold() not in headings:
                yield Problem(case.path, case.body_line, 1, WARNING, "missing-section",
                              f"the recommended section '## {section}' is missing")


class UnsafeHtmlRule(Rule):
    """Refuse HTML that could run script: <script>, <iframe>, on* handlers, javascript: links.

    The validator refuses such input rather than relying on the renderer alone, so a
    case that passes is safe wherever its text is shown. Code spans and fenced code
    blocks are exempt: Markdown prints them as text.
    """

    code = "unsafe-html"

    def check(self, case):
        for offset, message in unsafe_html(case.body, markdown=True):
            yield case.in_body(offset, self.code, message)
        for where, text in case.strings():
            for _, message in unsafe_html(text):
                yield case.at(where, self.code, message)
                break


class RemoteResourceRule(Rule):
    """Refuse images and other resources from other sites in the body: a page view would
    load them from a third party (slow on metered connections, and it tells that site who
    reads what). Link to them instead."""

    code = "remote-resource"

    def check(self, case):
        for offset, address in remote_resources(case.body):
            yield case.in_body(offset, self.code, f"'{address[:60]}' would be loaded from "
                               "another site as the page opens, and pages here load nothing "
                               "from other sites; link to it instead")


class InvisibleCharacterRule(Rule):
    """Refuse characters that cannot be shown: control characters (other than tab and line
    breaks), halves of surrogate pairs and the non-characters U+FFFE and U+FFFF. The YAML
    reader refuses them written as they are; this catches them written as escapes ("\\0")
    and in the body. They would make the Atom feed ill-formed XML, and browsers drop them."""

    code = "invisible-character"
    # what YAML may hold as printed text, which is also what XML 1.0 allows
    shown = re.compile(r"[^\t\n\r\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")

    def check(self, case):
        for match in self.shown.finditer(case.body):
            yield case.in_body(match.start(), self.code, self._message(match[0]))
        for where, text in case.strings():
            match = self.shown.search(text)
            if match:
                yield case.at(where, self.code, self._message(match[0]))

    @staticmethod
    def _message(char: str) -> str:
        kind = "control character" if ord(char) < 0xD800 else "code point"
        return f"the invisible {kind} U+{ord(char):04X} is not allowed; delete it"


class PersonalDataRule(Rule):
    """Warn about e-mail addresses and phone numbers: cases describe practices, not people."""

    code = "personal-data"
    email = re.compile(r"[\w.+-]+@[\w-]+\.[\w.-]*[a-zA-Z]")
    phone = re.compile(r"\+?\(?\d[\d ().-]{6,}\d")
    dates = re.compile(r"\b\d{4}-\d{2}-\d{2}\b|\b\d{4}\s*[-–]\s*\d{4}\b")
    free_text = {"title", "summary", "organisations", "tags", "awards"}

    def check(self, case):
        region = next((c for _, c in case.items("countries") if len(c) == 2), None)
        for offset, kind in self.find(case.body, region):
            yield case.in_body(offset, self.code, self._message(kind), WARNING)
        for where, text in case.strings():
            if where[0] in self.free_text or where[:2] in (("source", "body"), ("source", "title")):
                for _, kind in self.find(text, region):
                    yield case.at(where, self.code, self._message(kind), severity=WARNING)

    def find(self, text: str, region: str | None) -> Iterator[tuple[int, str]]:
        if "@" in text:
            for match in self.email.finditer(text):
                yield match.start(), "an e-mail address"
        if not self.phone.search(text):  # phonenumbers is thorough but slow: ask only if needed
            return
        import phonenumbers

        text = self.dates.sub(lambda m: " " * len(m.group(0)), text)  # dates are not phones
        matches = phonenumbers.PhoneNumberMatcher(
            text, region or "ZZ", leniency=phonenumbers.Leniency.STRICT_GROUPING)
        for match in matches:
            yield match.start, "a phone number"

    @staticmethod
    def _message(kind: str) -> str:
        return (f"this looks like {kind}; cases must not hold personal data, so link to the "
                "organisation's page instead")


RULES: tuple[Rule, ...] = (
    SlugRule(), CountryRule(), ThemeRule(), SdgRule(), UrlRule(), DateRule(), LanguageRule(),
    SummaryRule(), VisibleTextRule(), BodyRule(), UnsafeHtmlRule(), RemoteResourceRule(),
    InvisibleCharacterRule(), PersonalDataRule(),
)


def check(case: CaseContext) -> list[Problem]:
    """Run every rule on one case."""
    return [problem for rule in RULES for problem in rule.check(case)]
