"""Property tests: no input, however hostile, makes the validator raise or hang; every case
drawn from the schema and the vocabularies, however awkward its text, is valid.

`valid_case_files` (support/strategies.py) draws such cases; test_pipeline.py builds sites
of them.
"""

from __future__ import annotations

import re

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from caseshelf.cases import checker, document, schema_check
from caseshelf.cases.front_matter import parse as parse_front_matter
from caseshelf.cases.problems import CaseFileError, Severity
from caseshelf.cases.rules import REGISTRY
from caseshelf.cases.vocabularies import schema
from support.samples import TODAY, VALID
from support.strategies import assert_valid, valid_case_files

EXAMPLES = settings.default.max_examples  # 300 in `make test`, fewer in a quick run
SETTINGS = settings(max_examples=EXAMPLES, deadline=2000,
                    suppress_health_check=[HealthCheck.function_scoped_fixture])

plain = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False),
                  st.text(max_size=30), st.dates().map(str))
values = st.recursive(plain, lambda inner: st.one_of(
    st.lists(inner, max_size=4),
    st.dictionaries(st.text(max_size=12), inner, max_size=4)), max_leaves=20)
fields = st.sampled_from(list(schema()["properties"]) + ["contries", "source.url", ""])
front_matter = st.dictionaries(fields, values, max_size=12)


def _check(tmp_path, data: bytes):
    path = tmp_path / "case.md"
    path.write_bytes(data)
    result = checker.check_file(path, TODAY)
    for problem in result.problems:
        assert problem.line >= 1 and problem.col >= 1 and problem.message
        assert problem.code in REGISTRY, problem
        assert problem.severity is REGISTRY[problem.code].severity, problem
    return result


@SETTINGS
@given(st.binary(max_size=2000))
def test_arbitrary_bytes(tmp_path, data):
    _check(tmp_path, data)


@SETTINGS
@given(st.binary(max_size=1000))
def test_arbitrary_bytes_inside_front_matter(tmp_path, data):
    _check(tmp_path, b"---\n" + data + b"\n---\nBody.\n")


@SETTINGS
@given(st.text(alphabet=st.sampled_from(list("abc:-[]{}&*!|>'\"#%@`,? \n\t\\0123.")), max_size=300))
def test_arbitrary_yaml_punctuation(tmp_path, text):
    _check(tmp_path, f"---\n{text}\n---\nBody.\n".encode())


@SETTINGS
@given(front_matter)
def test_arbitrary_yaml_values(tmp_path, data):
    text = yaml.safe_dump(data, allow_unicode=True)
    result = _check(tmp_path, f"---\n{text}---\nSome text.\n".encode())
    assert result.case is None or not [p for p in result.problems if p.severity == Severity.ERROR]


@SETTINGS
@given(front_matter)
def test_fast_schema_gate_agrees_with_jsonschema(data):
    fast_ok = True
    try:
        schema_check._is_valid()(data)
    except Exception:
        fast_ok = False
    assert fast_ok == schema_check._validator().is_valid(data)


# --- Valid cases, drawn from the schema's enumerations and the vocabularies ---------------

@settings(max_examples=EXAMPLES // 2, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(valid_case_files())
def test_every_case_drawn_from_the_schema_and_vocabularies_is_valid(tmp_path, files):
    (name, text_), = files.items()
    case = assert_valid(tmp_path, name, text_)
    data = yaml.safe_load(re.split(r"(?m)^---\n", text_)[1])  # a value may end in "---"
    assert case.title == data["title"] and case.countries == tuple(data["countries"])
    # line breaks and runs of spaces are one space, as YAML folds them; a no-break space
    # (before a French ';') is the writer's, and stays
    assert case.summary == re.sub(r"[ \t\r\n]+", " ", data["summary"]).strip(" \t\r\n")


# --- Parser fuzzing: valid files with bytes flipped, inserted and deleted ------------------

FUZZ = settings(max_examples=EXAMPLES * 5 // 6, deadline=None,
                suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
edits = st.lists(st.tuples(st.sampled_from(["flip", "insert", "delete"]), st.floats(0, 1),
                           st.binary(min_size=1, max_size=4)), min_size=1, max_size=8)
seeds = st.one_of(st.just(VALID), valid_case_files().map(lambda f: next(iter(f.values()))))


def mutate(data: bytes, changes) -> bytes:
    out = bytearray(data)
    for kind, where, chunk in changes:
        at = min(int(where * len(out)), max(len(out) - 1, 0))
        if kind == "flip" and out:
            out[at] ^= chunk[0] or 0xFF
        elif kind == "insert":
            out[at:at] = chunk
        elif kind == "delete":
            del out[at:at + len(chunk)]
    return bytes(out)


@FUZZ
@given(seeds, edits)
def test_mutated_valid_files(tmp_path, seed, changes):
    """The whole checker on one file: it reports Problems and never raises."""
    data = mutate(seed.encode("utf-8"), changes)
    result = _check(tmp_path, data)
    assert (result.case is None) == any(p.severity == Severity.ERROR for p in result.problems)


@FUZZ
@given(seeds, edits)
def test_the_splitter_and_the_yaml_reader_raise_only_their_own_errors(seed, changes):
    """document.py and front_matter.py signal bad input only with CaseFileError, carrying a
    Problem with a position and a registered code (check_file turns these into reports); any
    other exception fails this test."""
    data = mutate(seed.encode("utf-8"), changes)
    try:
        doc = document.split("case.md", document.decode("case.md", data))
        parsed = parse_front_matter(doc.yaml_text, path="case.md", first_line=doc.yaml_line)
    except CaseFileError as error:
        assert error.problem.line >= 1 and error.problem.col >= 1 and error.problem.message
        assert error.problem.code in REGISTRY, error.problem
        return
    assert doc.yaml_line == 2 and doc.body_line >= 3
    for line, col in parsed.positions.values():
        assert line >= 2 and col >= 1
    lines = len(re.findall(r"\r\n|\r|\n", doc.text)) + 1
    assert all(line <= lines for line, _ in parsed.positions.values())
