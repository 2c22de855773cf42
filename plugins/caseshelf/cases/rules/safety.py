"""Rules that keep readers safe: no HTML or links that run script, nothing loaded from other
sites, no invisible characters, no personal data."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..html_safety import remote_resources, unsafe_html
from ..problems import Severity
from .base import CaseRule


class UnsafeHtmlRule(CaseRule):
    """Refuse HTML that could run script: <script>, <iframe>, on* handlers, javascript: links.

    The validator refuses such input rather than relying on the renderer alone, so a
    case that passes is safe wherever its text is shown. Code spans and fenced code
    blocks are exempt: Markdown prints them as text.
    """

    ID = "unsafe-html"
    DESCRIPTION = "HTML or a link that could run a program."
    ADVICE = "Remove it; use plain Markdown links to `https://` pages."

    def check(self, case):
        for offset, message in unsafe_html(case.body, markdown=True):
            yield self.in_body(case, offset, message)
        for where, text in case.strings():
            for _, message in unsafe_html(text):
                yield self.problem(case, where, message)
                break


class RemoteResourceRule(CaseRule):
    """Refuse images and other resources from other sites in the body: a page view would
    load them from a third party (slow on metered connections, and it tells that site who
    reads what). Link to them instead."""

    ID = "remote-resource"
    DESCRIPTION = "An image (or other file) the page would load from another site."
    ADVICE = "Link to it instead of showing it."

    def check(self, case):
        for offset, address in remote_resources(case.body):
            yield self.in_body(case, offset, f"'{address[:60]}' would be loaded from another "
                               "site as the page opens, and pages here load nothing from other "
                               "sites; link to it instead")


class InvisibleCharacterRule(CaseRule):
    """Refuse characters that cannot be shown: control characters (other than tab and line
    breaks), halves of surrogate pairs and the non-characters U+FFFE and U+FFFF. The YAML
    reader refuses them written as they are; this catches them written as escapes ("\\0")
    and in the body. They would make the Atom feed ill-formed XML, and browsers drop them."""

    ID = "invisible-character"
    DESCRIPTION = ("An invisible control character, often pasted from another program or "
                   "written as `\\0` in quotes.")
    ADVICE = "Delete it."
    # what YAML may hold as printed text, which is also what XML 1.0 allows
    shown = re.compile(r"[^\t\n\r\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")

    def check(self, case):
        for match in self.shown.finditer(case.body):
            yield self.in_body(case, match.start(), self._message(match[0]))
        for where, text in case.strings():
            match = self.shown.search(text)
            if match:
                yield self.problem(case, where, self._message(match[0]))

    @staticmethod
    def _message(char: str) -> str:
        kind = "control character" if ord(char) < 0xD800 else "code point"
        return f"the invisible {kind} U+{ord(char):04X} is not allowed; delete it"


class PersonalDataRule(CaseRule):
    """Warn about e-mail addresses and phone numbers: cases describe practices, not people."""

    ID = "personal-data"
    SEVERITY = Severity.WARNING
    DESCRIPTION = "An e-mail address or phone number."
    ADVICE = "Remove it; link to the organisation's page."
    email = re.compile(r"[\w.+-]+@[\w-]+\.[\w.-]*[a-zA-Z]")
    # what a phone number holds, from its first digit: a pattern that starts with a digit is
    # looked for only where there is one (four times as fast over a body as `+?(?` first)
    phone = re.compile(r"\d[\d ().-]{6,}\d")
    dates = re.compile(r"\b\d{4}-\d{2}-\d{2}\b|\b\d{4}\s*[-–]\s*\d{4}\b")
    free_text = {"title", "summary", "organisations", "tags", "awards", "translator"}

    def check(self, case):
        region = next((c for _, c in case.items("countries") if len(c) == 2), None)
        for offset, kind in self.find(case.body, region):
            yield self.in_body(case, offset, self._message(kind))
        for where, text in case.strings():
            if where[0] in self.free_text or where[:2] in (("source", "body"), ("source", "title")):
                for _, kind in self.find(text, region):
                    yield self.problem(case, where, self._message(kind))

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
