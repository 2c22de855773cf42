"""The registry as people read it: the table of codes in docs/contribute.md (rewritten by
scripts/make_rule_docs.py between two marker lines) and `caseshelf validate --list-rules`."""

from __future__ import annotations

import json

from ..problems import Code, Severity
from . import REGISTRY

PATH = "docs/contribute.md"
BEGIN = ("<!-- the table of codes is made from the rules registry by scripts/make_rule_docs.py; "
         "do not edit it here -->")
END = "<!-- end of the table of codes -->"


def _in_order() -> list[Code]:
    """Errors before warnings, each in the registry's order."""
    return sorted(REGISTRY.values(), key=lambda code: code.severity != Severity.ERROR)


def table() -> str:
    """The Markdown table of every code: its severity, what it means, what to do."""
    lines = ["| code | severity | what it means | what to do |", "|---|---|---|---|"]
    lines += [f"| `{code.id}` | {code.severity} | {code.description} | {code.advice} |"
              for code in _in_order()]
    return "\n".join(lines) + "\n"


def update(text: str) -> str:
    """text (docs/contribute.md) with the table between the markers made afresh."""
    start = text.index(BEGIN) + len(BEGIN)
    end = text.index(END, start)
    return f"{text[:start]}\n\n{table()}\n{text[end:]}"


def listing(form: str = "text") -> str:
    """Every code, one a line (`code  severity  what it means`), or as JSON."""
    if form == "json":
        rows = [{"code": c.id, "severity": c.severity, "description": c.description,
                 "advice": c.advice} for c in _in_order()]
        return json.dumps(rows, indent=2, ensure_ascii=False) + "\n"
    width = max(len(code.id) for code in REGISTRY.values())
    return "".join(f"{code.id:<{width}}  {code.severity:<7}  {code.description}\n"
                   for code in _in_order())
