"""Parse front-matter YAML safely into plain values, remembering where each value stood.

The values are built straight from PyYAML's event stream, without its composer or
constructor, for four reasons a case file needs:
- positions: every value's line and column, for messages people can click;
- duplicate keys, which PyYAML's constructor silently resolves by keeping the last;
- safety: only plain YAML tags are accepted (no `!!python/...`), and anchors and aliases
  are refused, so an alias bomb never expands;
- no recursion: deep nesting is refused at a small depth instead of crashing the parser.
Dates stay as the text written (`2024-05-01`), so impossible dates reach the rules as
text and get a proper message instead of a traceback.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

import yaml
from yaml.constructor import SafeConstructor
from yaml.resolver import Resolver

from . import yaml_errors
from .problems import CaseFileError, Code, Severity
from .text import line_col

Path = tuple  # a value's place: ("source", "url") or ("countries", 2)

YAML_SYNTAX = Code(
    "yaml-syntax", Severity.ERROR,
    "The fields cannot be read: a missing bracket or quote, wrong indentation, an invisible "
    "control character, or nesting too deep.",
    "Look at the line named and the one before it.")
DUPLICATE_KEY = Code("duplicate-key", Severity.ERROR, "The same field is given twice.",
                     "Keep one of them.")
# reported by the checker, which reads the values parse() returns
NOT_A_MAPPING = Code("not-a-mapping", Severity.ERROR,
                     "The front-matter is not a list of `field: value` lines.",
                     "Write one `field: value` per line.")
YAML_TAG = Code("yaml-tag", Severity.ERROR,
                "A YAML tag such as `!!python/...` or `!include` is used.",
                "Remove it: case files hold plain values only.")
YAML_ALIAS = Code("yaml-alias", Severity.ERROR,
                  "A YAML anchor or alias (`&name`, `*name`) is used.",
                  "Write the value out in full.")
# reported by the schema check, where the empty value breaks the schema
COMMENT_VALUE = Code("comment-value", Severity.ERROR,
                     "A value starts with `#`, which starts a comment in YAML, so the value is "
                     "read as empty.",
                     'Put the value in double quotes: `title: "#1 in service"`.')
CODES = (YAML_SYNTAX, DUPLICATE_KEY, NOT_A_MAPPING, YAML_TAG, YAML_ALIAS, COMMENT_VALUE)

MAX_DEPTH = 8
_TAG = "tag:yaml.org,2002:"
_SCALAR_TAGS = {f"{_TAG}{name}" for name in ("str", "int", "float", "bool", "null", "timestamp")}
_COLLECTION_TAGS = {f"{_TAG}map", f"{_TAG}seq"}
_STR, _BOOL = f"{_TAG}str", f"{_TAG}bool"
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_resolver = Resolver()
_constructor = SafeConstructor()
_CONVERT = {
    f"{_TAG}int": _constructor.construct_yaml_int,
    f"{_TAG}float": _constructor.construct_yaml_float,
    f"{_TAG}bool": _constructor.construct_yaml_bool,
    f"{_TAG}null": lambda node: None,
}


@dataclass
class FrontMatter:
    """The parsed values, with the 1-based file position of each value and key."""

    data: Any
    positions: dict[Path, tuple[int, int]] = field(default_factory=dict)
    key_positions: dict[Path, tuple[int, int]] = field(default_factory=dict)
    raw: dict[Path, str] = field(default_factory=dict)
    # values left empty because they started with '#' (a comment), with the comment's text
    comments: dict[Path, str] = field(default_factory=dict)

    def where(self, path: Path, *, key: bool = False) -> tuple[int, int]:
        """The position of a value (or its key), falling back to its nearest parent."""
        table = self.key_positions if key else self.positions
        while path:
            if path in table:
                return table[path]
            if path in self.positions:
                return self.positions[path]
            path = path[:-1]
        return self.positions.get((), (1, 1))


class _Frame:
    """A mapping or list being filled, and where it stands."""

    __slots__ = ("value", "path", "key", "awaiting_key", "is_mapping")

    def __init__(self, value: Any, path: Path):
        self.value = value
        self.path = path
        self.key: Any = None
        self.is_mapping = self.awaiting_key = isinstance(value, dict)


_SCALAR = yaml.ScalarEvent
_STARTS = (yaml.MappingStartEvent, yaml.SequenceStartEvent)
_ENDS = (yaml.MappingEndEvent, yaml.SequenceEndEvent)


def parse(text: str, *, path: str, first_line: int) -> FrontMatter:
    """Parse YAML text whose first line is `first_line` of the file at `path`."""
    result = FrontMatter(data=None)
    positions, raw = result.positions, result.raw
    stack: list[_Frame] = []

    def place(mark: Any) -> tuple[int, int]:
        return first_line + mark.line, mark.column + 1

    def fail(mark: Any, code: Code, message: str) -> CaseFileError:
        line, col = place(mark) if mark is not None else (first_line, 1)
        return CaseFileError(code.at(path, line, col, message))

    def add_key(top: _Frame, value: Any, event: Any) -> None:
        if isinstance(value, (dict, list)):
            raise fail(event.start_mark, YAML_SYNTAX,
                       "a key must be a plain word, not a list or mapping")
        key = value if isinstance(value, str) else str(value)
        if key in top.value:
            first = result.key_positions[top.path + (key,)]
            raise fail(event.start_mark, DUPLICATE_KEY,
                       f"the key '{key}' appears twice; it was first given on line {first[0]}. "
                       "Keep one of them")
        top.key = key
        top.awaiting_key = False
        result.key_positions[top.path + (key,)] = place(event.start_mark)

    def add(value: Any, event: Any) -> Path:
        """Put a value (not a key: `add_key`) where it belongs, and return its place."""
        if not stack:
            result.data = value
            positions[()] = place(event.start_mark)
            return ()
        top = stack[-1]
        if top.is_mapping:
            top.value[top.key] = value
            top.awaiting_key = True
            return top.path + (top.key,)
        top.value.append(value)
        return top.path + (len(top.value) - 1,)

    try:
        for event in yaml.parse(text, Loader=_Loader):
            kind = type(event)
            if kind is _SCALAR:
                if event.anchor:
                    raise _alias(event, fail)
                value = _scalar(event, fail)
                if stack and stack[-1].is_mapping and stack[-1].awaiting_key:
                    add_key(stack[-1], value, event)
                    continue
                here = add(value, event)
                positions[here] = place(event.start_mark)
                raw[here] = event.value
                if event.value == "" and not event.style:
                    _comment_instead_of_value(text, event.start_mark, here, result)
            elif kind in _ENDS:
                stack.pop()
            elif kind in _STARTS:
                if event.anchor:
                    raise _alias(event, fail)
                _check_tag(event, _COLLECTION_TAGS, fail)
                if len(stack) >= MAX_DEPTH:
                    raise fail(event.start_mark, YAML_SYNTAX,
                               f"the front-matter is nested more than {MAX_DEPTH} levels deep")
                value = {} if kind is yaml.MappingStartEvent else []
                if stack and stack[-1].is_mapping and stack[-1].awaiting_key:
                    add_key(stack[-1], value, event)  # refused: a key is a plain word
                here = add(value, event)
                positions.setdefault(here, place(event.start_mark))
                stack.append(_Frame(value, here))
            elif kind is yaml.AliasEvent:
                raise _alias(event, fail)
            elif kind is yaml.DocumentStartEvent and event.explicit:
                raise fail(event.start_mark, YAML_SYNTAX,
                           "the front-matter holds a second YAML document; remove the extra '---'")
    except yaml.MarkedYAMLError as exc:
        plain = yaml_errors.explain(text, exc)
        if plain:
            raise CaseFileError(YAML_SYNTAX.at(path, first_line + plain.line, plain.column + 1,
                                               plain.message)) from None
        mark = exc.problem_mark or exc.context_mark
        problem = exc.problem or exc.context or "the YAML cannot be read"
        if exc.context and exc.context_mark and exc.problem:
            problem += f" ({exc.context} on line {place(exc.context_mark)[0]})"
        raise fail(mark, YAML_SYNTAX, f"YAML syntax error: {problem}") from None
    except yaml.reader.ReaderError as exc:  # a control character: no mark, but a position
        line, col = line_col(text, exc.position, first_line)
        char = exc.character if isinstance(exc.character, int) else ord(str(exc.character)[:1])
        raise CaseFileError(YAML_SYNTAX.at(
            path, line, col,
            f"the invisible control character U+{char:04X} is not allowed; delete it")) from None
    return result


def _alias(event: Any, fail: Any) -> CaseFileError:
    return fail(event.start_mark, YAML_ALIAS,
                "YAML anchors and aliases ('&' and '*') are not allowed in a case file; write "
                "the value out in full")


def _comment_instead_of_value(text: str, mark: Any, here: Path, result: FrontMatter) -> None:
    """Note an empty value followed by a comment (`title: #1 in service`): the contributor
    meant the '#' as text. Its position becomes the '#', where the quotes are missing."""
    line = text.split("\n", mark.line + 1)[mark.line] if text.count("\n") >= mark.line else ""
    rest = line[mark.column:]
    if rest.lstrip().startswith("#"):
        result.comments[here] = rest.strip()
        line_number, _ = result.positions[here]
        result.positions[here] = (line_number, mark.column + len(rest) - len(rest.lstrip()) + 1)


def _check_tag(event: Any, allowed: set[str], fail: Any) -> None:
    tag = event.tag
    if tag is None or tag in ("!", "?") or tag in allowed:
        return
    shown = "!!" + tag[len(_TAG):] if tag.startswith(_TAG) else tag
    raise fail(event.start_mark, YAML_TAG,
               f"the YAML tag '{shown}' is not allowed; case files use plain values only")


@lru_cache(maxsize=16384)  # codes, slugs, numbers and dates come back in every file
def _implicit_tag(value: str, implicit: tuple[bool, bool]) -> str:
    return _resolver.resolve(yaml.ScalarNode, value, implicit)


def _scalar(event: Any, fail: Any) -> Any:
    tag = event.tag
    if tag is None or tag == "!":
        tag = _implicit_tag(event.value, event.implicit)
    else:
        _check_tag(event, _SCALAR_TAGS, fail)
    if tag == _STR:
        return event.value
    if tag == _BOOL and event.value.lower() not in ("true", "false"):
        return event.value  # YAML 1.1 reads NO (Norway), yes, on and off as booleans: not here
    if tag not in _CONVERT:  # str, timestamp (kept as written) and quoted text
        return event.value
    try:
        return _CONVERT[tag](yaml.ScalarNode(tag, event.value))
    except (ValueError, OverflowError):
        raise fail(event.start_mark, YAML_SYNTAX,
                   f"cannot read {event.value!r} as a {tag[len(_TAG):]}") from None
