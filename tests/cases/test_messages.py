"""Exact messages for the file-level and schema-level checks (the rules have test_rules.py)."""

from __future__ import annotations

import pytest

from support.samples import HEAD, brief, case_text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", (1, 1, "empty-file", "the file is empty; a case starts with a '---' line and its "
                                  "front-matter")),
        ("title: x\n", (1, 1, "front-matter-missing", "the file must start with a '---' line "
                        "that opens the front-matter (found 'title: x')")),
        ("---\ntitle: x\n", (1, 1, "front-matter-unclosed", "the front-matter opened on line 1 "
                             "is never closed; add a '---' line after it")),
        (b"---\ntitle: caf\xe9\n---\n", (2, 11, "encoding", "the file is not valid UTF-8 (byte "
                                         "0xe9); save it with the UTF-8 encoding")),
        ("---\na: 1\na: 2\n---\nx", (3, 1, "duplicate-key", "the key 'a' appears twice; it was "
                                     "first given on line 2. Keep one of them")),
        ("---\n- a\n---\nx", (2, 1, "not-a-mapping", "the front-matter must be 'key: value' "
                              "lines, but it is a list")),
        ("---\na: !!python/name:os.system\n---\nx", (2, 4, "yaml-tag", "the YAML tag "
         "'!!python/name:os.system' is not allowed; case files use plain values only")),
        ("---\na: &x 1\nb: *x\n---\nx", (2, 4, "yaml-alias", "YAML anchors and aliases ('&' and "
         "'*') are not allowed in a case file; write the value out in full")),
        ("---\na: [1\n---\nx", (3, 1, "yaml-syntax", "YAML syntax error: did not find expected "
                                "',' or ']' (while parsing a flow sequence on line 2)")),
        ("---\na: \x1b\n---\nx", (2, 4, "yaml-syntax", "the invisible control character U+001B "
                                  "is not allowed; delete it")),
    ],
)
def test_file_level_messages(check, text, expected):
    assert brief(check(text)) == [expected]


@pytest.mark.parametrize(
    ("replace", "expected"),
    [
        (("title: Community feedback kiosks", "title: Guichet unique : création d'entreprise"),
         (2, 23, "yaml-syntax", "a colon followed by a space inside a value makes YAML read a "
                                "new field; put the value in double quotes: title: \"Guichet "
                                "unique : création d'entreprise\"")),
        (("title: Community feedback kiosks", "title: GOV.UK: the best place to find services"),
         (2, 14, "yaml-syntax", "a colon followed by a space inside a value makes YAML read a "
                                "new field; put the value in double quotes: title: \"GOV.UK: "
                                "the best place to find services\"")),
        (("  title: Innovation awards report", '  title: Report "2019": the awards'),
         (9, 23, "yaml-syntax", "a colon followed by a space inside a value makes YAML read a "
                                "new field; put the value in double quotes: title: 'Report "
                                "\"2019\": the awards'")),
        (("Municipal offices placed", "Municipal offices\n  placed: kiosks"),
         (4, 9, "yaml-syntax", "a colon followed by a space inside a value makes YAML read a "
                               "new field; put the value in double quotes, from its first line "
                               "to its last")),
        (("  title: Innovation", "\ttitle: Innovation"),
         (9, 1, "yaml-syntax", "a tab is used to indent this line, and YAML reads only spaces; "
                               "indent with spaces (two for each level)")),
        (("themes: [service-delivery]", "themes: [service-delivery, #digital]"),
         (5, 28, "yaml-syntax", "'#' starts a comment in YAML, so the rest of this line is "
                                "ignored and the list is never closed; put the value in double "
                                'quotes: "#digital"')),
        (("title: Community feedback kiosks", "title: @home kiosks"),
         (2, 8, "yaml-syntax", "'@' cannot start a value in YAML; put the value in double "
                               'quotes: title: "@home kiosks"')),
        (("title: Community feedback kiosks", 'title: "GOV.UK" kiosks'),
         (2, 17, "yaml-syntax", "there is text after the closing quote; put the whole value in "
                                "quotes, single ones here: title: '\"GOV.UK\" kiosks'")),
        (("title: Community feedback kiosks", "title: #1 in service"),
         (2, 8, "comment-value", "'title' is empty: '#' starts a comment in YAML, so '#1 in "
                                 "service' is not read; put the value in double quotes: title: "
                                 '"#1 in service"')),
        (("themes: [service-delivery]", "themes:\n  - service-delivery\n  - #digital"),
         (7, 5, "comment-value", "'themes' item 2 is empty: '#' starts a comment in YAML, so "
                                 "'#digital' is not read; put the value in double quotes: "
                                 '- "#digital"')),
    ],
)
def test_yaml_mistakes_in_plain_words(check, replace, expected):
    assert brief(check(case_text(replace=replace))) == [expected]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (case_text(replace=("themes: [service-delivery]\n", "")),
         [(2, 1, "required", "the required field 'themes' is missing")]),
        (case_text(replace=("  body: Centre for Public Service Innovation\n", "")),
         [(8, 3, "required", "the required field 'source.body' is missing")]),
        (case_text("sumary: x\n"),
         [(11, 1, "unknown-field", "unknown field 'sumary'; did you mean 'summary'?")]),
        (case_text(replace=("  title: Innovation awards report\n",
                            "  title: Innovation awards report\n  auther: x\n")),
         [(10, 3, "unknown-field", "unknown field 'auther' in 'source'")]),
        (case_text(replace=("themes: [service-delivery]", "themes: service-delivery")),
         [(5, 9, "type", "'themes' must be a list, not text; did you mean [service-delivery]?")]),
        (case_text("year: '2019'\n"),
         [(11, 7, "type", "'year' must be a whole number, not text")]),
        (case_text("status: Implemented\n"),
         [(11, 9, "enum", "'status' expected one of: idea, pilot, implemented, scaled, "
                          "discontinued; but received: 'Implemented'; did you mean "
                          "'implemented'?")]),
        (case_text(replace=("countries: [ZA]", "countries: []")),
         [(4, 12, "too-short", "'countries' must list at least 1 value")]),
        (case_text(replace=("title: Community feedback kiosks", "title: K")),
         [(2, 8, "too-short", "'title' is too short (1 characters; at least 3)")]),
        (case_text(replace=("countries: [ZA]", "countries: [ZA, NA, ZA]")),
         [(4, 21, "duplicate-item", "'ZA' is listed twice in 'countries'")]),
        (case_text("year: 1850\n"),
         [(11, 7, "range", "'year' is 1850; it must be 1900 or later")]),
        (case_text("tags: [a, b, c]\nthemes: [health]\n"),
         [(12, 1, "duplicate-key", "the key 'themes' appears twice; it was first given on "
                                   "line 5. Keep one of them")]),
    ],
)
def test_schema_level_messages(check, text, expected):
    assert brief(check(text)) == expected


def test_head_is_what_the_line_numbers_assume():
    assert HEAD.count("\n") == 9
