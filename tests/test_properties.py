"""Property tests: no input, however hostile, makes the validator raise or hang."""

from __future__ import annotations

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from caseshelf import checker, schema_check
from caseshelf.vocabularies import schema
from conftest import TODAY

SETTINGS = settings(max_examples=300, deadline=2000,
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
    assert result.case is None or not [p for p in result.problems if p.severity == "error"]


@SETTINGS
@given(front_matter)
def test_fast_schema_gate_agrees_with_jsonschema(data):
    fast_ok = True
    try:
        schema_check._is_valid()(data)
    except Exception:
        fast_ok = False
    assert fast_ok == schema_check._validator().is_valid(data)
