"""Rules on the written text: the summary is one plain paragraph, names and short texts can be
seen, the body has text and the recommended sections."""

from __future__ import annotations

import re

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
    """A body with text has the recommended sections, each a `## ` heading (an empty body is
    the empty-body rule's)."""

    ID = "missing-section"
    SEVERITY = Severity.WARNING
    DESCRIPTION = "A recommended section is missing."
    ADVICE = "Add it, even if only to say the source does not report it."

    def check(self, case):
        if not case.body.strip():
            return
        headings = {h.strip().casefold() for h in re.findall(r"^##\s+(.+?)\s*#*\s*$", case.body,
                                                             re.MULTILINE)}
        for section in RECOMMENDED_SECTIONS:
            if section.casefold() not in headings:
                yield self.at(case.path, case.body_line, 1,
                              f"the recommended section '## {section}' is missing")
