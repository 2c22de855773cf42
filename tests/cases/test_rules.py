"""One test per rule: the exact message, rule code and line:col."""

from __future__ import annotations

import pytest

from caseshelf.cases.problems import Severity
from support.samples import BODY, VALID, brief, case_text


def test_the_valid_case_has_no_problems(check):
    assert check(VALID) == []


@pytest.mark.parametrize(
    ("replace", "expected"),
    [
        (("countries: [ZA]", "countries: [Republic of Kazakhstan]"),
         (4, 13, "country", "'Republic of Kazakhstan' is a name, not an ISO 3166 country code; "
                            "did you mean 'KZ' (Kazakhstan)?")),
        (("countries: [ZA]", "countries: [ZA, The Kingdom of Thailand]"),
         (4, 17, "country", "'The Kingdom of Thailand' is a name, not an ISO 3166 country code; "
                            "did you mean 'TH' (Thailand)?")),
        (("countries: [ZA]", "countries: [Carpathian Ukraine]"),
         (4, 13, "country", "'Carpathian Ukraine' is a name, not an ISO 3166 country code; "
                            "did you mean 'UA-21' (Zakarpattia Oblast (Ukraine))?")),
        (("countries: [ZA]", "countries: [KAZ]"),
         (4, 13, "country", "'KAZ' is an ISO alpha-3 code; write the two-letter alpha-2 code; "
                            "did you mean 'KZ' (Kazakhstan)?")),
        (("countries: [ZA]", "countries: [za]"),
         (4, 13, "country", "the country code 'za' must be written in capitals; "
                            "did you mean 'ZA' (South Africa)?")),
        (("countries: [ZA]", "countries: [QQ]"),
         (4, 13, "country", "'QQ' is not an ISO 3166 country or subdivision code")),
        (("countries: [ZA]", "countries: [UA-99]"),
         (4, 13, "country", "'UA-99' is not an ISO 3166 country or subdivision code")),
    ],
)
def test_country_rule(check, replace, expected):
    assert brief(check(case_text(replace=replace))) == [expected]


def test_country_rule_checks_interested_and_adapted_countries(check):
    text = case_text("interested_countries: [TH, Russia]\nadapted_in: [Viet Nam]\n")
    assert brief(check(text)) == [
        (11, 28, "country", "'Russia' is a name, not an ISO 3166 country code; "
                            "did you mean 'RU' (Russian Federation)?"),
        (12, 14, "country", "'Viet Nam' is a name, not an ISO 3166 country code; "
                            "did you mean 'VN' (Vietnam)?"),
    ]


def test_subnational_codes_are_countries(check):
    assert check(case_text(replace=("countries: [ZA]", "countries: [NG-LA, UA-21]"))) == []


def test_norway_is_not_false(check):
    # YAML 1.1 reads a bare NO as false; case files read it as the country code
    assert check(case_text(replace=("countries: [ZA]", "countries: [NO, ZA]"))) == []


def test_theme_rule(check):
    problems = check(case_text(replace=("themes: [service-delivery]",
                                        "themes: [service-delivery, Digital government, helth]")))
    assert brief(problems) == [
        (5, 28, "theme", "unknown theme 'Digital government'; the themes are listed in "
                         "docs/contribute.md; did you mean 'digital-government'?"),
        (5, 48, "theme", "unknown theme 'helth'; the themes are listed in docs/contribute.md; "
                         "did you mean 'health'?"),
    ]


@pytest.mark.parametrize(
    ("sdgs", "expected"),
    [
        ("[0]", (6, 8, "sdg", "there is no SDG 0; the goals are 1 to 17")),
        ('["16.11"]', (6, 8, "sdg", "'16.11' is not a target of SDG 16; its targets are 16.1, "
                                    "16.2, 16.3, 16.4, 16.5, 16.6, 16.7, 16.8, 16.9, 16.10, 16.a, 16.b")),
        ('["peace"]', (6, 8, "sdg", "'peace' is not an SDG goal or target; write a goal (16) or a "
                                    'target ("16.6")')),
        ("[16.10]", (6, 8, "type", "'sdgs' item 1 must be a whole number or text, not a number; "
                                   'did you mean "16.10" (in quotes)?')),
    ],
)
def test_sdg_rule(check, sdgs, expected):
    assert brief(check(case_text(replace=('sdgs: [16, "16.6"]', f"sdgs: {sdgs}")))) == [expected]


def test_sdg_targets_with_letters_and_goal_as_text_are_valid(check):
    assert check(case_text(replace=('sdgs: [16, "16.6"]', 'sdgs: ["17", "17.17", 1.a, "16.10"]'))) == []


@pytest.mark.parametrize("url", ["javascript:alert(1)", "data:text/html,x", "ftp://example.org/x",
                                 "example.org", "https://", "http://exa mple.org"])
def test_url_rule_refuses_anything_but_http(check, url):
    text = case_text(f"links:\n  - title: Report\n    url: '{url}'\n")
    assert brief(check(text)) == [
        (13, 10, "url", f"'{url}' is not a web address; links must start with http:// or https://")]


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("added: 2023-02-29", (10, 8, "date", "2023-02-29 is not a real calendar date")),
        ("added: 2026-01-16", (10, 8, "future-date",
                               "the date 2026-01-16 is in the future (today is 2026-01-15)")),
        ("added: 01/05/2024", (10, 8, "date", "'01/05/2024' is not a date written as YYYY-MM-DD")),
        ("added: 2024-5-1", (10, 8, "date", "'2024-5-1' is not a date written as YYYY-MM-DD")),
    ],
)
def test_date_rule(check, line, expected):
    assert brief(check(case_text(replace=("added: 2024-05-01", line)))) == [expected]


def test_source_date_may_be_a_year_or_month_but_must_be_real(check):
    ok = case_text(replace=("  title: Innovation awards report\n",
                            "  title: Innovation awards report\n  date: 2021-08\n"))
    assert check(ok) == []
    bad = case_text(replace=("  title: Innovation awards report\n",
                             "  title: Innovation awards report\n  date: 2021-13\n"))
    assert brief(check(bad)) == [(10, 9, "date", "2021-13 is not a real calendar date")]


def test_year_in_the_future(check):
    assert brief(check(case_text("year: 2027\n"))) == [
        (11, 7, "future-date", "the year of launch 2027 is in the future (this is 2026)")]


def test_language_rule(check):
    assert check(case_text("language: pt-BR\n")) == []
    assert brief(check(case_text("language: French\n"))) == [
        (11, 11, "language", "'French' is not a BCP 47 language tag such as en, fr or pt-BR; "
                             "did you mean 'fr'?")]


def test_names_and_short_texts_must_have_visible_text(check):
    text = case_text("tags: [ok, \"\u200b\u200f\"]\nlinks:\n  - {title: \"  \", url: \"https://example.org\"}\n",
                     replace=("title: Community feedback kiosks", 'title: "\u00a0\u0301\u200e "'))
    assert sorted(brief(check(text))) == [
        (2, 8, "blank-text", "the title has only spaces or invisible characters; write it out in words"),
        (11, 12, "blank-text", "the tag has only spaces or invisible characters; write it out in words"),
        (13, 13, "blank-text", "the link title has only spaces or invisible characters; write it out in words"),
    ]
    assert check(case_text("tags: [\"e\u0301\", \"\U0001f642\", \"\u0645\u0631\u062d\u0628\u0627\"]\n")) == []


def test_summary_must_be_one_plain_paragraph(check):
    two = case_text(replace=(
        "summary: Municipal offices placed feedback kiosks in service centres so that residents "
        "can rate the services they receive.",
        "summary: |\n  One paragraph about kiosks.\n\n  And **another** one."))
    assert brief(check(two)) == [
        (3, 10, "summary", "the summary must be a single paragraph; remove the blank line"),
        (3, 10, "summary", "the summary must be plain text; remove the Markdown formatting"),
    ]


def test_slug_rule(check):
    assert brief(check(VALID, name="Kiosks_2024.md")) == [
        (1, 1, "slug", "the file name 'Kiosks_2024.md' is not a valid slug: use lowercase letters "
                       "a-z, digits and single hyphens, at most 80 characters; "
                       "did you mean 'kiosks-2024.md'?")]


def test_empty_body_is_an_error(check):
    assert brief(check(case_text(body="\n  \n"))) == [
        (12, 1, "empty-body", "the case has no text after the front-matter; describe the practice "
                              "under ## Challenge, ## Innovation, ## Results and ## Lessons learned")]


def test_missing_sections_are_warnings(check):
    problems = check(case_text(body=BODY.replace("## Results", "## Outcomes")))
    assert [(p.severity, *t) for p, t in zip(problems, brief(problems), strict=True)] == [
        (Severity.WARNING, 12, 1, "missing-section", "the recommended section '## Results' is missing")]


@pytest.mark.parametrize(
    ("html", "col", "message"),
    [
        ("<script>alert(1)</script>", 1, "the HTML tag <script> is not allowed in a case"),
        ('<iframe src="https://example.org"></iframe>', 1,
         "the HTML tag <iframe> is not allowed in a case"),
        ('Text <img src=x onerror="alert(1)">', 6,
         "the HTML attribute 'onerror' runs script and is not allowed"),
        ('<a href="javascript:alert(1)">x</a>', 1,
         "the link 'javascript:alert(1)' is not a web address; use http:// or https://"),
        ("[x](javascript:alert(1))", 5,
         "the link scheme 'javascript:' is not allowed; links must start with http:// or https://"),
        ("<javascript:alert(1)>", 2,
         "the link scheme 'javascript:' is not allowed; links must start with http:// or https://"),
        # what a browser finds where a grammar-following parser sees a comment or text
        ("<!--><img src=x onerror=alert(1)>-->", 6,
         "the HTML attribute 'onerror' runs script and is not allowed"),
        ('<a href="jav&#x09;ascript:alert(1)">x</a>', 1,
         "the link 'jav&#x09;ascript:alert(1)' is not a web address; use http:// or https://"),
        ("[x](&#106;avascript:alert(1))", 5,
         "the link scheme 'javascript:' is not allowed; links must start with http:// or https://"),
        ("[x](`javascript:alert(1)`)", 6,
         "the link scheme 'javascript:' is not allowed; links must start with http:// or https://"),
        ('[x](https://example.org/){: onclick="alert(1)" }', 26,
         "the attribute list sets 'onclick', which runs script; remove it"),
    ],
)
def test_unsafe_html_in_the_body(check, html, col, message):
    problems = check(case_text(body=f"{BODY}\n{html}\n"))
    assert brief(problems) == [(30, col, "unsafe-html", message)]
    assert problems[0].severity == Severity.ERROR


def test_html_in_code_is_text_not_markup(check):
    body = BODY + "\nWrite `<script>` as code.\n\n```html\n<script>alert(1)</script>\n```\n"
    assert check(case_text(body=body)) == []


@pytest.mark.parametrize("body", [
    "<div>\n`<script>alert(1)</script>`\n</div>\n",  # raw HTML: Markdown keeps the backticks
    "``` <b>\n\n<script>alert(1)</script>\n\n```\n",  # not a fence to Python-Markdown
    "````\n<script>alert(1)</script>\n```\n",  # a fence closes only with the same fence
])
def test_html_is_code_only_where_markdown_agrees(check, body):
    problems = check(case_text(body=f"{BODY}\n{body}"))
    assert [p.message for p in problems] == ["the HTML tag <script> is not allowed in a case"]


def test_a_reference_link_to_script_is_refused(check):
    problems = check(case_text(body=f"{BODY}\n[x][r]\n\n[r]: javascript:alert(1)\n"))
    assert brief(problems) == [(32, 6, "unsafe-html", "the link scheme 'javascript:' is not "
                                "allowed; links must start with http:// or https://")]


def test_invisible_characters_are_refused(check):
    text = case_text(replace=("Community feedback kiosks", '"Community\\0 kiosks"'),
                     body=f"{BODY}\nA vertical\x0btab.\n")
    assert sorted(brief(check(text))) == [
        (2, 8, "invisible-character",
         "the invisible control character U+0000 is not allowed; delete it"),
        (30, 11, "invisible-character",
         "the invisible control character U+000B is not allowed; delete it")]


def test_images_from_other_sites_are_refused(check):
    body = f"{BODY}\n![map](https://example.org/map.png) and ![here](map.png)\n"
    assert brief(check(case_text(body=body))) == [
        (30, 1, "remote-resource", "'https://example.org/map.png' would be loaded from another "
         "site as the page opens, and pages here load nothing from other sites; link to it "
         "instead")]


def test_unsafe_html_in_front_matter_strings(check):
    text = case_text(replace=("Community feedback kiosks",
                              "Kiosks <img src=x onerror=alert(1)>"))
    assert brief(check(text)) == [
        (2, 8, "unsafe-html", "the HTML attribute 'onerror' runs script and is not allowed")]


def test_personal_data_warnings(check):
    body = BODY + "\nWrite to jane.doe@example.org or call +27 12 345 6789.\n"
    problems = check(case_text(body=body))
    assert [(p.severity, p.line, p.col, p.code) for p in problems] == [
        (Severity.WARNING, 30, 10, "personal-data"), (Severity.WARNING, 30, 39, "personal-data")]
    assert problems[0].text == ("this looks like an e-mail address; cases must not hold personal "
                                "data, so link to the organisation's page instead")
    assert "a phone number" in problems[1].text


def test_dates_and_year_ranges_are_not_phone_numbers(check):
    body = BODY + "\nThe programme ran 2013-2017 and was reviewed on 2021-09-06.\n"
    assert check(case_text(body=body)) == []
