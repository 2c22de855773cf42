"""Property tests: no input, however hostile, makes the validator raise or hang; every case
drawn from the schema and the vocabularies, however awkward its text, is valid.

`valid_case_files` is the strategy for such cases; test_pipeline.py builds sites of them.
"""

from __future__ import annotations

import datetime as dt
import re

import pycountry
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from caseshelf.cases import checker, countries, document, schema_check, vocabularies
from caseshelf.cases.front_matter import parse as parse_front_matter
from caseshelf.cases.problems import CaseFileError, Severity
from caseshelf.cases.rules import REGISTRY
from caseshelf.cases.vocabularies import schema
from support.samples import TODAY, VALID

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

PROPERTIES = schema()["properties"]
COUNTRIES = sorted(c.alpha_2 for c in pycountry.countries)
SUBDIVISIONS = sorted(s.code for s in pycountry.subdivisions)
assert all(countries.is_valid(code) for code in COUNTRIES[:5] + SUBDIVISIONS[:5])
THEMES = sorted(vocabularies.themes())
GOALS = sorted(vocabularies.goals())
TARGETS = sorted(vocabularies.targets())
SECTIONS = ("Challenge", "Innovation", "Results", "Lessons learned")
LANGUAGES = ["en", "fr", "pt-BR", "zh-Hant", "zh-Hant-TW", "ar", "he", "es-419", "kk", "fil"]
# Text a contributor may well write: right-to-left scripts and marks, combining accents, emoji
# (with skin tones, joiners and flags), CJK, Markdown metacharacters, quotes, HTML-ish bits.
AWKWARD = [
    "مرحبا بالعالم", "الحكومة الرقمية", "שלום עולם", "\u200f", "\u200e", "\u202b", "\u2067",
    "e\u0301", "n\u0303", "Å", "ﬁ", "ß", "İ", "ǅ", "🙂", "👩🏽‍💻", "🇰🇿", "🏳️‍🌈", "中文", "日本語の文",
    "한국어", "Ελληνικά", "ру́сский", "हिन्दी", "ไทย", "COVID-19", '"', "'", "“quoted”", "«x»",
    "&", "&amp;", "<3", "a < b", "c > d", "\\", "*", "_", "#", "[", "]", "(", ")", "|", "~",
    "{{ x }}", "{% y %}", ":", "- ", "!", "?", "%", "@", "^", "=", "+", ";", ",", "...", "—",
]
PLAIN_TEXT_MARKDOWN = set("`*_#[]")  # a summary is plain text: the summary rule refuses these
_chars = st.characters(categories=("L", "M", "S", "Zs", "Pd", "Po"), exclude_characters="`")
_word = st.text(_chars, min_size=1, max_size=8)
MARKDOWN = ["**bold**", "_em_", "`code`", "``{{ raw }}``", "[a link](https://example.org/a_(b))",
            "<https://example.org>", "\n> a quote", "\n- an item", "\n1. a step", "\\*",
            "\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n", "\n```\n<script>x</script>\n```\n"]


def text(low: int, high: int, *, plain: bool = False, words: int = 12) -> st.SearchStrategy:
    """Single-line text of `low` to `high` characters made of awkward pieces and random
    words, with at least one letter; `plain` leaves out what the summary rule reads as
    Markdown."""
    pieces = st.sampled_from([p for p in AWKWARD if not (plain and set(p) & PLAIN_TEXT_MARKDOWN)])
    word = _word.filter(lambda w: not (plain and set(w) & PLAIN_TEXT_MARKDOWN))

    def fit(parts: list[str], letters: str) -> str:
        joined = " ".join(parts)
        if not any(char.isalpha() for char in joined[:high]):
            joined = f"{letters} {joined}"
        while len(joined) < low:
            joined += f" {letters}"
        return joined[:high]

    return st.builds(fit, st.lists(st.one_of(pieces, word), min_size=1, max_size=words),
                     st.sampled_from(["practice", "مرحبا", "שלום", "中文", "e\u0301", "İ"]))


def text_list(low: int, high: int) -> st.SearchStrategy:
    return st.lists(text(1, 200, words=4), min_size=low, max_size=high, unique=True)


def body() -> st.SearchStrategy:
    paragraph = st.lists(st.one_of(st.sampled_from(AWKWARD), st.sampled_from(MARKDOWN), _word),
                         min_size=1, max_size=25).map(" ".join)
    return st.builds(lambda intro, parts: intro + "".join(
        f"\n\n## {section}\n\n{part}" for section, part in zip(SECTIONS, parts, strict=True)) + "\n",
        paragraph, st.lists(paragraph, min_size=4, max_size=4))


country_codes = st.one_of(st.sampled_from(COUNTRIES), st.sampled_from(SUBDIVISIONS))
dates = st.dates(dt.date(1990, 1, 1), dt.date(2025, 12, 31))
source_dates = st.one_of(dates.map(str), dates.map(lambda d: f"{d:%Y-%m}"),
                         dates.map(lambda d: d.year))
web_addresses = st.builds(lambda host, path: f"https://{host}.example.org/{path}",
                          st.from_regex(r"\A[a-z0-9]{1,12}\Z"),
                          st.from_regex(r"\A[A-Za-z0-9_./%-]{0,30}\Z"))
optional = {
    "year": st.integers(1900, 2025),
    "level_of_government": st.sampled_from(PROPERTIES["level_of_government"]["enum"]),
    "status": st.sampled_from(PROPERTIES["status"]["enum"]),
    "organisations": text_list(1, 3),
    "innovation_facets": st.lists(
        st.sampled_from(PROPERTIES["innovation_facets"]["items"]["enum"]), unique=True),
    "interested_countries": st.lists(country_codes, max_size=4, unique=True),
    "adapted_in": st.lists(country_codes, max_size=3, unique=True),
    "tags": text_list(0, 4),
    "language": st.sampled_from(LANGUAGES),
    "awards": text_list(0, 2),
    "links": st.lists(st.fixed_dictionaries({"title": text(2, 200, words=4),
                                             "url": web_addresses}), max_size=2),
}
front_matter_values = st.fixed_dictionaries(
    {
        "title": text(3, 200, words=8),
        "summary": text(20, 400, plain=True, words=30),
        "countries": st.lists(country_codes, min_size=1, max_size=4, unique=True),
        "themes": st.lists(st.sampled_from(THEMES), min_size=1, max_size=6, unique=True),
        "sdgs": st.lists(st.one_of(st.sampled_from(GOALS), st.sampled_from(TARGETS)),
                         min_size=1, max_size=4, unique=True),
        "source": st.fixed_dictionaries(
            {"body": text(2, 200, words=6), "title": text(2, 300, words=6)},
            optional={"url": web_addresses, "date": source_dates,
                      "licence": st.sampled_from(["CC-BY-4.0", "CC0-1.0", "© the authors"])}),
        "added": dates.map(str),
    },
    optional=optional,
)
slugs = st.from_regex(r"\A[a-z0-9]{1,12}(-[a-z0-9]{1,12}){0,3}\Z")


def case_file(data: dict, body_text: str) -> str:
    head = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=float("inf"))
    return f"---\n{head}---\n{body_text}"


def valid_case_files(max_cases: int = 1) -> st.SearchStrategy:
    """{file name: text} of 1 to `max_cases` valid cases, with distinct slugs and titles."""
    one = st.tuples(slugs, front_matter_values, body())
    return st.lists(one, min_size=1, max_size=max_cases,
                    unique_by=(lambda c: c[0], lambda c: c[1]["title"].casefold().strip())
                    ).map(lambda cases: {f"{slug}.md": case_file(data, text)
                                         for slug, data, text in cases})


def assert_valid(tmp_path, name: str, text: str):
    """The checker accepts the case without a single problem, warnings included."""
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    result = checker.check_file(path, TODAY)
    assert [(p.line, p.code, p.message) for p in result.problems] == [], text
    assert result.case is not None
    return result.case


@settings(max_examples=150, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(valid_case_files())
def test_every_case_drawn_from_the_schema_and_vocabularies_is_valid(tmp_path, files):
    (name, text_), = files.items()
    case = assert_valid(tmp_path, name, text_)
    data = yaml.safe_load(text_.split("---\n")[1])
    assert case.title == data["title"] and case.countries == tuple(data["countries"])
    assert case.summary == " ".join(data["summary"].split())


# --- Parser fuzzing: valid files with bytes flipped, inserted and deleted ------------------

FUZZ = settings(max_examples=250, deadline=None,
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
