"""Turn problems into text people read, GitHub annotations, or JSON for machines."""

from __future__ import annotations

import json
from collections.abc import Sequence

from .problems import Problem, Severity


def as_text(problems: Sequence[Problem]) -> str:
    """`path:line:col: severity: message [code]`, as compilers and yamllint print it."""
    return "".join(f"{p.path}:{p.line}:{p.col}: {p.severity}: {p.text} [{p.code}]\n"
                   for p in problems)


def _escape(value: str, *, property_: bool = False) -> str:
    # GitHub's workflow-command escaping: % CR LF always, and : , inside properties.
    value = value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    if property_:
        value = value.replace(":", "%3A").replace(",", "%2C")
    return value


def as_github(problems: Sequence[Problem]) -> str:
    """`::error file=…,line=…,col=…::message`, shown inline on a pull request's files."""
    lines = []
    for p in problems:
        level = "error" if p.severity == Severity.ERROR else "warning"
        props = ",".join([f"file={_escape(p.path, property_=True)}", f"line={p.line}",
                          f"col={p.col}", f"title={_escape(p.code, property_=True)}"])
        lines.append(f"::{level} {props}::{_escape(p.text)} [{p.code}]\n")
    return "".join(lines)


def as_json(problems: Sequence[Problem]) -> str:
    """A JSON list of problems, one object each, for other tools."""
    rows = [
        {"path": p.path, "line": p.line, "column": p.col, "severity": p.severity,
         "code": p.code, "message": p.message, "hint": p.hint}
        for p in problems
    ]
    return json.dumps(rows, indent=2, ensure_ascii=False) + "\n"


FORMATS = {"text": as_text, "github": as_github, "json": as_json}


def summary(files: int, problems: Sequence[Problem]) -> str:
    errors = sum(p.severity == Severity.ERROR for p in problems)
    warnings = len(problems) - errors
    plural = lambda n, word: f"{n} {word}{'s' * (n != 1)}"  # noqa: E731
    counts = f"{plural(errors, 'error')}, {plural(warnings, 'warning')}"
    return f"checked {plural(files, 'file')}: {counts}"


def as_summary(files: Sequence[str], problems: Sequence[Problem]) -> str:
    """A Markdown table of the files checked and their status, for a CI job summary."""
    lines = ["| case | status |", "|---|---|"]
    for path in files:
        errors = sum(p.path == path and p.severity == Severity.ERROR for p in problems)
        warnings = sum(p.path == path and p.severity == Severity.WARNING for p in problems)
        if errors:
            status = f"❌ {errors} error{'s' * (errors != 1)}"
        elif warnings:
            status = f"⚠️ {warnings} warning{'s' * (warnings != 1)}"
        else:
            status = "✅ valid"
        lines.append(f"| `{path}` | {status} |")
    if not files:
        lines.append("| (no case files added or changed) | |")
    return "\n".join(lines) + "\n"


def as_build_failure(errors: Sequence[Problem], listed: int = 50) -> str:
    """Why a site build stopped: the count, then the first `listed` errors as text."""
    more = len(errors) - listed
    tail = f"... and {more} more: run `caseshelf validate`" if more > 0 else ""
    return (f"{len(errors)} error(s) in case files; nothing was built:\n"
            f"{as_text(errors[:listed])}{tail}")
