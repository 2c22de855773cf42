"""Front-matter written as `caseshelf fix` writes it: flow lists of plain values, block
mappings, long texts folded at 88 columns, and text quoted only where YAML would read it as
something else. `fix`, `import` and `new --translate` write through here, so a file is laid
out the same whichever made it."""

from __future__ import annotations

import json
import re
from typing import Any

import yaml

# Text left unquoted only when it reads the same in a block value and inside [...] lists,
# and never when it starts with a digit, so "1.a" and "2024 plan" stay visibly text.
_PLAIN = re.compile(r"^[^\W\d_][\w .'’()/&+-]*(?<! )$")
_PLAIN_DATE = re.compile(r"^\d{4}(-\d{2}){0,2}$")


def dump(data: dict) -> str:
    """Canonical front-matter YAML: flow lists of plain values, block mappings."""
    lines: list[str] = []
    for key, value in data.items():
        lines.extend(_dump_field(key, value, ""))
    return "\n".join(lines) + "\n"


def _dump_field(key: str, value: Any, indent: str) -> list[str]:
    if isinstance(value, dict):
        return [f"{indent}{key}:"] + [line for k, v in value.items()
                                      for line in _dump_field(k, v, indent + "  ")]
    if isinstance(value, list) and all(not isinstance(v, (dict, list)) for v in value):
        flow = f"{indent}{key}: [{', '.join(scalar(v) for v in value)}]"
        if len(flow) <= 100:
            return [flow]
        return [f"{indent}{key}:"] + [f"{indent}  - {scalar(v)}" for v in value]
    if isinstance(value, list):
        lines = [f"{indent}{key}:"]
        for item in value:
            if isinstance(item, dict) and item:
                sub = [line for k, v in item.items() for line in _dump_field(k, v, indent + "    ")]
                lines.append(f"{indent}  - " + sub[0].lstrip())
                lines.extend(sub[1:])
            else:
                lines.append(f"{indent}  - {scalar(item)}")
        return lines
    if isinstance(value, str) and len(value) > 80 and "\n" not in value.strip():
        lines = _fold_plain(key, value)
        if lines is not None:
            return [indent + line for line in lines]
        folded = yaml.safe_dump({key: value}, allow_unicode=True, width=88, sort_keys=False)
        if folded.startswith(f"{key}: '"):  # quote as the short values are quoted: "…"
            folded = yaml.safe_dump({key: value}, allow_unicode=True, width=88, sort_keys=False,
                                    default_style='"').replace(f'"{key}":', f"{key}:", 1)
        return [indent + line for line in folded.rstrip("\n").split("\n")]
    return [f"{indent}{key}: {scalar(value)}"]


# The plain words YAML 1.1 reads as something other than text (PyYAML's resolvers)
_YAML_WORDS = frozenset("yes no true false on off null".split())


# Text that YAML writes as a plain scalar in a block mapping: no character it would escape
# or take for a line break, no leading indicator, no ': ' or ' #', no space at either end
_FOLDABLE = re.compile(r"^(?![-?:#,\[\]{}&*!|>'\"%@`])(?!.*(?:: | #|:$))"
                       r"[^\x00-\x1f\x7f-\x9f\ufeff\ud800-\udfff\ufffe\uffff\u2028\u2029]*"
                       r"(?<! )$", re.DOTALL)
_RESOLVER = yaml.resolver.Resolver()
FOLD_WIDTH = 88


def _fold_plain(key: str, value: str) -> list[str] | None:
    """`key: value` folded over lines as PyYAML's emitter folds a plain scalar at width 88
    (a line breaks at the first single space past the width), or None for a text YAML
    would quote, which is left to YAML. Five times faster than asking YAML."""
    if (value.startswith(" ") or not _FOLDABLE.fullmatch(value)
            or _RESOLVER.resolve(yaml.ScalarNode, value, (True, False))
            != _RESOLVER.DEFAULT_SCALAR_TAG):
        return None
    lines, line, column = [], [f"{key}: "], len(key) + 2
    for token in re.findall(r" +|[^ ]+", value):
        if token == " " and column > FOLD_WIDTH:
            lines.append("".join(line))
            line, column = ["  "], 2
        else:
            line.append(token)
            column += len(token)
    lines.append("".join(line))
    return lines


def scalar(value: Any) -> str:
    if isinstance(value, str) and _PLAIN_DATE.match(value) and "-" in value:
        return value  # dates stay unquoted; they are read back as the same text
    if type(value) is int:
        return str(value)
    if isinstance(value, str):  # decided without asking YAML, in a tenth of the time
        if _PLAIN.fullmatch(value) and value.casefold() not in _YAML_WORDS:
            return value  # what YAML writes plain and reads back as the same text
        return json.dumps(value, ensure_ascii=False)  # JSON strings are valid YAML
    text = yaml.safe_dump(value, allow_unicode=True, width=float("inf"))
    text = text.removesuffix("\n").removesuffix("\n...")
    if text.startswith("'") or "\n" in text or (isinstance(value, str) and not _PLAIN.match(text)):
        return json.dumps(value, ensure_ascii=False)  # JSON strings are valid YAML, in any context
    return text
