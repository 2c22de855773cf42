"""One test per rule: the exact message, rule code and line:col."""

from __future__ import annotations

import markdown
import pytest

from caseshelf.cases.problems import Severity
from caseshelf.cases.rules.prose import MarkdownInHtmlRule
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


@pytest.mark.parametrize(("theme", "expected"), [
    ("e-government", "unknown theme 'e-government'; the themes are listed in docs/contribute.md; "
                     "did you mean 'digital-government'?"),
    ("Data sharing", "unknown theme 'Data sharing'; the themes are listed in docs/contribute.md; "
                     "did you mean 'data-and-evidence'?"),
    ("电子政务", "unknown theme '电子政务'; the themes are listed in docs/contribute.md; "
             "did you mean 'digital-government'?"),
    ("gobierno electrónico", "unknown theme 'gobierno electrónico'; the themes are listed in "
                             "docs/contribute.md; did you mean 'digital-government'?"),
    ("international", "'international' is a level of government, not a theme; write it as "
                      "level_of_government: supranational"),
])
def test_theme_hints_understand_synonyms(check, theme, expected):
    text = case_text(replace=("themes: [service-delivery]", f"themes: [{theme}]"))
    assert brief(check(text)) == [(5, 10, "theme", expected)]


def test_level_hints_understand_synonyms(check):
    assert brief(check(case_text("level_of_government: international\n"))) == [
        (11, 22, "enum", "'level_of_government' expected one of: national, subnational, local, "
                         "multilevel, supranational; but received: 'international'; did you "
                         "mean 'supranational'?")]


@pytest.mark.parametrize(("written", "field"), [
    ("country", "countries"), ("organizations", "organisations"), ("level", "level_of_government"),
    ("pays", "countries"), ("idioma", "language")])
def test_misspelled_field_names_get_the_right_name(check, written, field):
    problems = check(case_text(f"{written}: x\n"))
    assert (11, 1, "unknown-field", f"unknown field '{written}'; did you mean '{field}'?") in \
        brief(problems)


@pytest.mark.parametrize(
    ("sdgs", "expected"),
    [
        ("[0]", (6, 8, "sdg", "there is no SDG 0; the goals are 1 to 17")),
        ('["16.11"]', (6, 8, "sdg", "'16.11' is not a target of SDG 16; its targets are 16.1, "
                                    "16.2, 16.3, 16.4, 16.5, 16.6, 16.7, 16.8, 16.9, 16.10, 16.a, 16.b")),
        ('["peace"]', (6, 8, "sdg", "'peace' is not an SDG goal or target; write a goal (16) or a "
                                    'target ("16.6")')),
        ('["SDG 16"]', (6, 8, "sdg", "'SDG 16' is not an SDG goal or target; write a goal (16) "
                                     'or a target ("16.6"); did you mean 16?')),
        ('["Goal 16.6"]', (6, 8, "sdg", "'Goal 16.6' is not an SDG goal or target; write a goal "
                                        '(16) or a target ("16.6"); did you mean "16.6"?')),
        ('["ЦУР 16"]', (6, 8, "sdg", "'ЦУР 16' is not an SDG goal or target; write a goal (16) "
                                     'or a target ("16.6"); did you mean 16?')),
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


@pytest.mark.parametrize("tag", ["en", "pt-BR", "zh-Hant", "es-419", "sr-Latn", "fil"])
def test_language_rule_accepts_bcp_47_tags(check, tag):
    assert check(case_text(f"language: {tag}\n")) == []


@pytest.mark.parametrize(("value", "expected"), [
    ("español", "'español' is the name of a language, not a BCP 47 tag such as en, fr or pt-BR; "
                "did you mean 'es'?"),
    ("中文", "'中文' is the name of a language, not a BCP 47 tag such as en, fr or pt-BR; "
            "did you mean 'zh'?"),
    ("French", "'French' is the name of a language, not a BCP 47 tag such as en, fr or pt-BR; "
               "did you mean 'fr'?"),
    ("pt_BR", "the language tag 'pt_BR' joins its parts with an underscore; BCP 47 tags use a "
              "hyphen, as in pt-BR; did you mean 'pt-BR'?"),
    ("EN", "the language tag 'EN' is in the wrong case; BCP 47 tags write the language in "
           "lowercase and a country in capitals, as in pt-BR; did you mean 'en'?"),
    ("eng", "'eng' is not how BCP 47 writes this language; did you mean 'en'?"),
    ("xx", "'xx' is not a BCP 47 language tag such as en, fr or pt-BR"),
    ("fr-FRA", "'fr-FRA' is not a BCP 47 language tag such as en, fr or pt-BR"),
])
def test_language_rule(check, value, expected):
    assert brief(check(case_text(f"language: {value}\n"))) == [(11, 11, "language", expected)]


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


FRENCH = """Les mairies ont installé des bornes dans leurs guichets.

## Défi

Les habitants n'avaient aucun moyen simple de donner leur avis.

## Innovation

Une borne à la sortie pose une question.

## Résultats :

La source indique que les bornes sont utilisées.

## Enseignements tirés

Poser une question à la fois.
"""


@pytest.mark.parametrize(("language", "headings"), [
    ("fr", ("Défi", "Innovation", "Résultats :", "Enseignements tirés")),
    ("es", ("Desafío", "Innovación", "Resultados", "Lecciones aprendidas")),
    ("pt-BR", ("Desafio", "Inovação", "Resultados", "Lições aprendidas")),
    ("ar", ("التحدي", "الابتكار", "النتائج", "الدروس المستفادة")),
    ("zh", ("挑战", "创新", "成果", "经验教训")),
    ("zh-Hant", ("挑戰", "創新", "成果", "經驗教訓")),
    ("ru", ("Проблема", "Инновация", "Результаты", "Извлечённые уроки")),
    ("fr", ("défi", "INNOVATION", "Resultats", "Leçons apprises")),  # case, accents, variants
    ("en", ("Défi", "Innovation", "Results", "Lessons learned")),  # any language counts
])
def test_sections_are_recognised_in_the_un_languages_and_portuguese(check, language, headings):
    body = FRENCH
    for old, new in zip(("Défi", "Innovation", "Résultats :", "Enseignements tirés"), headings,
                        strict=True):
        body = body.replace(f"## {old}\n", f"## {new}\n")
    assert check(case_text(f"language: {language}\n", body=body)) == []


@pytest.mark.parametrize(("language", "message"), [
    ("fr", "the recommended section '## Résultats' (Results) is missing"),
    ("pt-BR", "the recommended section '## Resultados' (Results) is missing"),
    ("zh-TW", "the recommended section '## 成果' (Results) is missing"),
    ("de", "the recommended section 'Results' is missing; there are no headings in German (de) "
           "yet, so write one of those recognised: ## Results, ## النتائج, ## 成果, ## Résultats, "
           "## Результаты or ## Resultados"),
])
def test_a_missing_section_is_named_in_the_cases_language(check, language, message):
    body = FRENCH.replace("## Résultats :", "## Effets")
    problems = check(case_text(f"language: {language}\n", body=body))
    assert brief(problems) == [(13, 1, "missing-section", message)]
    assert problems[0].severity is Severity.WARNING


def test_every_language_names_the_four_sections():
    from caseshelf.cases import languages
    from caseshelf.cases.rules import RECOMMENDED_SECTIONS

    headings = languages.section_headings()
    assert {"en", "ar", "zh", "fr", "ru", "es", "pt"} <= set(headings)
    for tag, sections in headings.items():
        assert tuple(sections) == RECOMMENDED_SECTIONS, tag
        assert languages.heading_language(tag) == tag
    assert headings["en"] == {section: (section,) for section in RECOMMENDED_SECTIONS}


ARABIC = """<div dir="rtl">

## التحدي

لم يكن لدى السكان وسيلة بسيطة لإبداء رأيهم.

</div>
"""


@pytest.mark.parametrize(("block", "col", "message"), [
    (ARABIC, 1, "the text inside <div> holds Markdown (a heading on line 32) that would be shown "
                'as it is written; add markdown to the tag (<div dir="rtl" markdown>) so the text '
                "inside is rendered, or remove the wrapper"),
    ("  <section class=x>\n- one\n- two\n</section>\n", 3,
     "the text inside <section> holds Markdown (a list on line 31) that would be shown as it is "
     "written; add markdown to the tag (<section class=x markdown>) so the text inside is "
     "rendered, or remove the wrapper"),
    ("<BLOCKQUOTE>\nThe source says **so**.\n</BLOCKQUOTE>\n", 1,
     "the text inside <BLOCKQUOTE> holds Markdown (bold text on line 31) that would be shown as "
     "it is written; add markdown to the tag (<BLOCKQUOTE markdown>) so the text inside is "
     "rendered, or remove the wrapper"),
    ("<div>\nOne paragraph.\n\nAnother.\n</div>\n", 1,
     "the text inside <div> holds Markdown (paragraphs apart on line 33) that would be shown as "
     "it is written; add markdown to the tag (<div markdown>) so the text inside is rendered, "
     "or remove the wrapper"),
    ('<div dir="rtl" markdown>\n<div class="note">\n## H\n</div>\n</div>\n', 1,
     "the text inside <div> holds Markdown (a heading on line 32) that would be shown as it is "
     'written; add markdown to the tag (<div class="note" markdown>) so the text inside is '
     "rendered, or remove the wrapper"),
])
def test_markdown_in_an_html_block_is_a_warning(check, block, col, message):
    problems = check(case_text(body=f"{BODY}\n{block}"))
    line = 30 + (block.count("\n", 0, block.index('<div class="note"')) if "note" in block else 0)
    assert brief(problems) == [(line, col, "markdown-in-html", message)]
    assert problems[0].severity is Severity.WARNING


@pytest.mark.parametrize("block", [
    ARABIC.replace('<div dir="rtl">', '<div dir="rtl" markdown>'),
    ARABIC.replace('<div dir="rtl">', '<div dir="rtl" markdown="1">'),
    '<div dir="rtl">نص قصير</div>\n',  # one line of text: shown the same either way
    "<div>\n<p>HTML all through.</p>\n</div>\n",
    "```html\n<div>\n## Not a heading: code\n</div>\n```\n",
    "<span>\n## H\n</span>\n",  # not a block: Markdown renders it
])
def test_html_blocks_without_hidden_markdown_pass(check, block):
    assert check(case_text(body=f"{BODY}\n{block}")) == []


@pytest.mark.parametrize("tag", MarkdownInHtmlRule.WRAPPERS)
def test_the_advice_holds_for_every_wrapper_python_markdown_has(tag):
    """What the rule says, Python-Markdown does: without the attribute the heading and the
    list are shown as written; with it, they are rendered."""
    def render(opening):
        return markdown.markdown(f"{opening}\n## H\n\n- item\n</{tag}>\n",
                                 extensions=["md_in_html"])

    assert "<h2>" not in render(f"<{tag}>") and "<li>" not in render(f"<{tag}>")
    assert "<h2>H</h2>" in render(f"<{tag} markdown>") and "<li>item</li>" in render(
        f"<{tag} markdown>")


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
