"""Hypothesis strategies for valid cases, drawn from the schema and the vocabularies, with
awkward text (right-to-left, combining marks, emoji, CJK, Markdown characters, `{{ }}`)."""

from __future__ import annotations

import datetime as dt

import pycountry
import yaml
from hypothesis import strategies as st

from caseshelf.cases import checker, countries, vocabularies
from caseshelf.cases.vocabularies import schema
from support.samples import TODAY

PROPERTIES = schema()["properties"]
COUNTRIES = sorted([c.alpha_2 for c in pycountry.countries] + list(vocabularies.other_places()))
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
    "groupings": st.lists(st.sampled_from(sorted(vocabularies.groupings())), min_size=1,
                          max_size=2, unique=True),
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
