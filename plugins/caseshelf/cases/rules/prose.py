"""Rules on the written text: the summary is one plain paragraph, names and short texts can be
seen, the body has text, the recommended sections and no Markdown hidden in HTML blocks."""

from __future__ import annotations

import re

from .. import languages
from ..html_safety import mask_code
from ..problems import Severity
from ..text import has_visible_text, line_col
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
    DESCRIPTION = ("A title, summary, source, organisation, tag, award, link title or translator "
                   "holds only spaces or invisible characters.")
    ADVICE = "Write the text out."
    labels = {("title",): "title", ("summary",): "summary", ("source", "body"): "source body",
              ("source", "title"): "source title", ("organisations",): "organisation",
              ("tags",): "tag", ("awards",): "award", ("links", "title"): "link title",
              ("translator",): "translator"}

    def check(self, case):
        for where, text in case.strings():
            if has_visible_text(text):  # nearly every text: its label is not looked up
                continue
            label = self.labels.get(tuple(part for part in where if not isinstance(part, int)))
            if label:
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
    any language of data/section_headings.yml (an empty body is the empty-body rule's); the
    message names them in the language of the text (a translation's, from its file name)."""

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
        tag = case.text_language
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
    def _recognised(section: str) -> str:
        usual = dict.fromkeys(f"## {headings[section][0]}"
                              for headings in languages.section_headings().values())
        *others, last = usual
        return f"{', '.join(others)} or {last}"


class MarkdownInHtmlRule(CaseRule):
    """A block of HTML that wraps Markdown (a `<div dir="rtl">` around headings and lists)
    has a `markdown` attribute. Python-Markdown leaves the inside of an HTML block as it is
    written; its md_in_html extension (which the plugin turns on) renders the inside only
    when the tag says `markdown`. Without it, readers see `## Challenge` and `- item`."""

    ID = "markdown-in-html"
    SEVERITY = Severity.WARNING
    DESCRIPTION = ("Markdown inside an HTML block such as `<div dir=\"rtl\">` would be shown as "
                   "it is written, not rendered.")
    ADVICE = ("Add `markdown` to the tag (`<div dir=\"rtl\" markdown>`), or remove the "
              "wrapper.")
    # The tags in which md_in_html renders headings and lists once they say `markdown` (its
    # block tags, less the parts of a table and the tags unsafe-html refuses): the advice
    # holds for these. tests/cases/test_rules.py checks each against Python-Markdown.
    WRAPPERS = ("article", "aside", "blockquote", "center", "details", "div", "dl", "fieldset",
                "figcaption", "figure", "footer", "header", "hgroup", "main", "menu", "nav",
                "section")
    opening = re.compile(rf"^ {{0,3}}<({'|'.join(WRAPPERS)})(?=[\s>/])([^>]*)>",
                         re.IGNORECASE | re.MULTILINE)
    has_attribute = re.compile(r"(?:^|\s)markdown(?=[\s=/]|$)", re.IGNORECASE)
    # what Markdown makes of a line: a heading, a list item, bold text or a link
    kinds = (("a heading", re.compile(r"^[ \t]*#{1,6}[ \t]+\S", re.MULTILINE)),
             ("a list", re.compile(r"^[ \t]*(?:[-*+]|\d{1,9}[.)])[ \t]+\S", re.MULTILINE)),
             ("bold text", re.compile(r"\*\*\S[^\n]*?\*\*|__\S[^\n]*?__")),
             ("a link", re.compile(r"\[[^\]\n]+\]\([^)\n]+\)")))

    def check(self, case):
        if "<" not in case.body:
            return
        text = mask_code(case.body)
        for match in self.opening.finditer(text):
            if self.has_attribute.search(match[2]):
                continue
            inside = self._inside(text, match)
            found = self._markdown(inside, match.end())
            if found:
                kind, offset = found
                line = line_col(case.body, offset, case.body_line)[0]
                tag = re.sub(r"\s+", " ", match[0].strip()[:-1]).rstrip(" /")
                yield self.in_body(case, match.start() + match[0].index("<"), (
                    f"the text inside <{match[1]}> holds Markdown ({kind} on line {line}) that "
                    "would be shown as it is written; add markdown to the tag "
                    f"({tag} markdown>) so the text inside is rendered, or remove the wrapper"))

    @staticmethod
    def _inside(text: str, opening: re.Match) -> str:
        """The text between a tag and its matching end tag (or the end of the text)."""
        name, depth = opening[1], 1
        tags = re.compile(rf"<(/?){name}(?=[\s>/])[^>]*>", re.IGNORECASE)
        for tag in tags.finditer(text, opening.end()):
            depth += -1 if tag[1] else 1
            if depth == 0:
                return text[opening.end():tag.start()]
        return text[opening.end():]

    def _markdown(self, inside: str, start: int) -> tuple[str, int] | None:
        """What Markdown the inside of a block holds, and where: the first of a heading, a
        list, bold text or a link, or else a second paragraph after a blank line."""
        found = [(match.start(), kind) for kind, pattern in self.kinds
                 if (match := pattern.search(inside))]
        if found:
            offset, kind = min(found)
            return kind, start + offset
        paragraphs = [m for m in re.finditer(r"(?:^[ \t]*\S[^\n]*\n?)+", inside, re.MULTILINE)
                      if re.sub(r"<[^>]*>", "", m[0]).strip()]
        if len(paragraphs) >= 2:
            return "paragraphs apart", start + paragraphs[1].start()
        return None
