"""Hostile cases for test_hostile.py: the XSS corpus, the string fields of the schema, and a
case file with a vector in one field (or in every field that accepts it)."""

from __future__ import annotations

import json
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent
CORPUS = ROOT / "tests" / "fixtures" / "xss_vectors.txt"
SCHEMA = ROOT / "plugins" / "caseshelf" / "schema" / "case.schema.json"
# the Markdown body, beside the front-matter fields: a vector inside a paragraph, and one
# that starts a block of its own (where Markdown reads raw HTML blocks, fences, definitions)
BODY_INLINE = "body, in a paragraph"
BODY_BLOCK = "body, as a block"
BODIES = (BODY_INLINE, BODY_BLOCK)


def load_vectors(path: Path = CORPUS) -> list[str]:
    """The corpus, with \\xNN and \\uNNNN turned into their characters."""
    vectors = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line == "#" or line.startswith("# "):
            continue
        vectors.append(re.sub(r"\\x([0-9a-fA-F]{2})|\\u([0-9a-fA-F]{4})",
                              lambda m: chr(int(m[1] or m[2], 16)), line))
    return vectors


def string_fields(schema: dict | None = None) -> list[tuple]:
    """The place of every string a case can hold, read from the schema: ("title",),
    ("countries", 0), ("source", "body"), ("links", 0, "url")..."""
    schema = schema or json.loads(SCHEMA.read_text(encoding="utf-8"))
    defs = schema["$defs"]

    def resolve(node):
        while "$ref" in node:
            node = {**defs[node["$ref"].split("/")[-1]],
                    **{k: v for k, v in node.items() if k != "$ref"}}
        return node

    def holds_text(node) -> bool:
        kinds = node.get("type", [])
        kinds = [kinds] if isinstance(kinds, str) else kinds
        return "string" in kinds or any(isinstance(v, str) for v in node.get("enum", []))

    def walk(node, where):
        node = resolve(node)
        if node.get("type") == "object":
            for name, child in node["properties"].items():
                yield from walk(child, where + (name,))
        elif node.get("type") == "array":
            yield from walk(node["items"], where + (0,))
        elif holds_text(node):
            yield where

    return list(walk(schema, ()))


def base_data(n: int) -> dict:
    """A valid case with every field filled, each value unique to case n."""
    return {
        "title": f"Hostile {n:03d} kiosks",
        "summary": f"Summary of hostile case {n:03d}: residents rate the services they receive.",
        "countries": ["ZA"],
        "groupings": ["SADC"],
        "themes": ["service-delivery"],
        "sdgs": [16, "16.6"],
        "source": {"body": f"Hostile body {n:03d}", "title": f"Hostile report {n:03d}",
                   "url": f"https://example.org/hostile/{n}", "date": "2020",
                   "licence": "CC-BY-4.0"},
        "added": "2024-05-01",
        "year": 2019,
        "level_of_government": "local",
        "status": "pilot",
        "organisations": [f"Hostile organisation {n:03d}"],
        "innovation_facets": ["adaptive"],
        "interested_countries": ["KE"],
        "adapted_in": ["TZ"],
        "tags": [f"hostile tag {n:03d}"],
        "language": "en",
        "awards": [f"Hostile award {n:03d}"],
        "links": [{"title": f"Hostile link {n:03d}", "url": f"https://example.org/more/{n}"}],
    }


def hostile_value(field: tuple, n: int, vector: str) -> str:
    """The vector as the field's value: after a word of its own in free text (so titles stay
    unique and long enough), alone in coded fields (codes, dates, URLs)."""
    if field == ("summary",):  # '__' is Markdown to the summary rule: set the same sentinel
        return f"Summary of hostile case zq{n:03d}: " + vector.replace(".__xss", "['_'+'_xss']")
    if field == ("title",):
        return f"Zq{n:03d} {vector}"
    if field in (("source", "body"), ("source", "title"), ("source", "licence"),
                 ("organisations", 0), ("tags", 0), ("awards", 0), ("links", 0, "title")):
        return f"zq{n:03d} {vector}"
    return vector


def _set(data: dict, where: tuple, value) -> None:
    for key in where[:-1]:
        data = data[key]
    data[where[-1]] = value


def _yaml(data: dict) -> tuple[str, dict[tuple, int]]:
    """Block YAML with every scalar JSON-quoted (JSON strings are YAML), one value a line;
    and the line (from 1, in the .md file) where each place's value is."""
    lines, at = [], {}

    def put(where, text):
        lines.append(text)
        at[where] = len(lines) + 1  # the file's line 1 is '---'

    for key, value in data.items():
        if isinstance(value, dict):
            lines.append(f"{key}:")
            for sub, inner in value.items():
                put((key, sub), f"  {sub}: {json.dumps(inner)}")
        elif isinstance(value, list) and value and isinstance(value[0], dict):
            lines.append(f"{key}:")
            for index, item in enumerate(value):
                for number, (sub, inner) in enumerate(item.items()):
                    put((key, index, sub), f"  {'-' if number == 0 else ' '} {sub}: "
                        f"{json.dumps(inner)}")
        else:
            put((key,) if not isinstance(value, list) else (key, 0),
                f"{key}: {json.dumps(value)}")
    return "\n".join(lines) + "\n", at


BODY_TEXT = """\
## Challenge

Residents had no simple way to say how a visit went.

## Innovation

Kiosks at the exit ask one question and record the answer (zq{n:03d}).

## Results

The source reports that the kiosks are in use.

## Lessons learned

Ask one question at a time.
"""


def case_file(n: int, vectors: dict) -> tuple[str, dict]:
    """The text of case n with vectors[field] in each given field, and the lines (first,
    last) where each vector is."""
    data = base_data(n)
    for field, vector in vectors.items():
        if field not in BODIES:
            _set(data, field, hostile_value(field, n, vector))
    head, at = _yaml(data)
    where = {field: (at[field], at[field]) for field in vectors if field not in BODIES}
    body = BODY_TEXT.format(n=n)
    for field, text in ((BODY_INLINE, "Body zq{n:03d} says: {vector} (end)\n"),
                        (BODY_BLOCK, "{vector}\n")):
        if field in vectors:
            vector = vectors[field]
            first = 1 + head.count("\n") + 1 + body.count("\n") + 2  # '---' lines, blank line
            body += "\n" + text.format(n=n, vector=vector)
            where[field] = (first, first + vector.count("\n"))
    return f"---\n{head}---\n{body}", where
