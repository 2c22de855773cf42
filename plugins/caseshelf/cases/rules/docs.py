"""The registry as people read it: the table of codes in docs/contribute.md (rewritten by
scripts/make_rule_docs.py between two marker lines, with the table of section headings in
each language) and `caseshelf validate --list-rules`."""

from __future__ import annotations

import json

from .. import languages
from ..problems import Code, Severity
from . import REGISTRY

PATH = "docs/contribute.md"
BEGIN = ("<!-- the table of codes is made from the rules registry by scripts/make_rule_docs.py; "
         "do not edit it here -->")
END = "<!-- end of the table of codes -->"
HEADINGS_BEGIN = ("<!-- the table of headings is made from data/section_headings.yml by "
                  "scripts/make_rule_docs.py; do not edit it here -->")
HEADINGS_END = "<!-- end of the table of headings -->"


def _in_order() -> list[Code]:
    """Errors before warnings, each in the registry's order."""
    return sorted(REGISTRY.values(), key=lambda code: code.severity != Severity.ERROR)


def table() -> str:
    """The Markdown table of every code: its severity, what it means, what to do."""
    lines = ["| code | severity | what it means | what to do |", "|---|---|---|---|"]
    lines += [f"| `{code.id}` | {code.severity} | {code.description} | {code.advice} |"
              for code in _in_order()]
    return "\n".join(lines) + "\n"


def headings_table() -> str:
    """The Markdown table of the section headings recognised in each language."""
    lines = ["| language | Challenge | Innovation | Results | Lessons learned |",
             "|---|---|---|---|---|"]
    for tag, sections in languages.section_headings().items():
        cells = [" or ".join(f"`{heading}`" for heading in headings)
                 for headings in sections.values()]
        lines.append(f"| {languages.language_name(tag)} (`{tag}`) | {' | '.join(cells)} |")
    return "\n".join(lines) + "\n"


def _between(text: str, begin: str, end: str, table_text: str) -> str:
    start = text.index(begin) + len(begin)
    stop = text.index(end, start)
    return f"{text[:start]}\n\n{table_text}\n{text[stop:]}"


def update(text: str) -> str:
    """text (docs/contribute.md) with the tables between the markers made afresh."""
    text = _between(text, BEGIN, END, table())
    return _between(text, HEADINGS_BEGIN, HEADINGS_END, headings_table())


def listing(form: str = "text") -> str:
    """Every code, one a line (`code  severity  what it means`), or as JSON."""
    if form == "json":
        rows = [{"code": c.id, "severity": c.severity, "description": c.description,
                 "advice": c.advice} for c in _in_order()]
        return json.dumps(rows, indent=2, ensure_ascii=False) + "\n"
    width = max(len(code.id) for code in REGISTRY.values())
    return "".join(f"{code.id:<{width}}  {code.severity:<7}  {code.description}\n"
                   for code in _in_order())
