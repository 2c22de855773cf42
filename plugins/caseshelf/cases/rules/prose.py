"""Rules on the written text: the summary is one plain paragraph, names and short texts can be
seen, the body has text and the recommended sections."""

from __future__ import annotations

import re

from .. import languages
from ..problems import Severity
from ..text import has_visible_text
from .base import CaseRule

RECOMMENDED_SECTIONS = ("Challenge", "Innovation", "Results", "Lessons learned")


class SummaryRule(CaseRule):
    """The summary is one plain-text paragraph: no blank lines, no Markdown."""

    ID = "summary"
    DESCRIPTION = "The summary has a blank line or Markdown formatting."
    ADVICE = "Make it one plain paragraph."
    markdown = re.compile(r"\[[^\]]*\]\([^)]*\)|\*\*|__|^#|`", re.MULTILINE)

    def check(self, case):
        summary = case.data.get("summary")
        if not isinstance(summary, str):
            return
        if re.search(r"\n\s*\n", summary.strip()):
            yield self.problem(case, ("summary",),
                               "the summary must be a single paragraph; remove the blank line")
        if self.markdown.search(summary):
            yield self.problem(case, ("summary",),
                               "the summary must be plain text; remove the Markdown formatting")


class VisibleTextRule(CaseRule):
    """Names and short texts hold something a reader can see: not only spaces, zero-width
    or direction marks, or accents with no letter to sit on (a blank title would leave an
    empty heading and an empty link in every listing)."""

    ID = "blank-text"
    DESCRIPTION = ("A title, summary, source, organisation, tag, award or link title holds only "
                   "spaces or invisible characters.")
    ADVICE = "Write the text out."
    labels = {("title",): "title", ("summary",): "summary", ("source", "body"): "source body",
              ("source", "title"): "source title", ("organisations",): "organisation",
              ("tags",): "tag", ("awards",): "award", ("links", "title"): "link title"}

    def check(self, case):
        for where, text in case.strings():
            named = tuple(part for part in where if not isinstance(part, int))
            label = self.labels.get(named)
            if label and not has_visible_text(text):
                yield self.problem(case, where, f"the {label} has only spaces or invisible "
                                   "characters; write it out in words")


class EmptyBodyRule(CaseRule):
    """The body is not empty."""

    ID = "empty-body"
    DESCRIPTION = "There is no text after the front-matter."
    ADVICE = "Write the case."

    def check(self, case):
        if not case.body.strip():
            yield self.at(case.path, case.body_line, 1,
                          "the case has no text after the front-matter; describe the practice "
                          "under ## Challenge, ## Innovation, ## Results and ## Lessons learned")


class MissingSectionRule(CaseRule):
    """A body with text has the recommended sections, each a `## ` heading, in English or in
    any language of data/section_headings.yml (an empty body is the empty-body rule's)."""

    ID = "missing-section"
    SEVERITY = Severity.WARNING
    DESCRIPTION = "A recommended section is missing."
    ADVICE = "Add it, even if only to say the source does not report it."
    heading = re.compile(r"^##\s+(.+?)\s*#*\s*$", re.MULTILINE)

    def check(self, case):
        if not case.body.strip():
            return
        found = {languages.section_of(h) for h in self.heading.findall(case.body)}
        missing = [section for section in RECOMMENDED_SECTIONS if section not in found]
        if not missing:
            return
        tag = self._language(case)
        known = languages.heading_language(tag)
        for section in missing:
            if known:
                usual = languages.section_headings()[known][section][0]
                named = f"'## {usual}'" + (f" ({section})" if usual != section else "")
                message = f"the recommended section {named} is missing"
            else:
                message = (f"the recommended section '{section}' is missing; there are no "
                           f"headings in {languages.language_name(tag)} ({tag}) yet, so write "
                           f"one of those recognised: {self._recognised(section)}")
            yield self.at(case.path, case.body_line, 1, message)

    @staticmethod
    def _language(case) -> str:
        """The case's language tag, or the tag it was meant to be ('Français' -> fr)."""
        value = case.data.get("language", "en")
        if not isinstance(value, str):
            return "en"
        problem = languages.check_tag(value)
        return value if problem is None else problem.tag or "en"

    @staticmethod
    def _recognised(section: str) -> str:
        usual = dict.fromkeys(f"## {headings[section][0]}"
                              for headings in languages.section_headings().values())
        *others, last = usual
        return f"{', '.join(others)} or {last}"
