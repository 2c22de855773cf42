"""The registry lists every code the validator reports, each once, with its severity and a line
on what it means and what to do; every problem found carries a registered code."""

from __future__ import annotations

import json

import fastjsonschema
import pytest
from jsonschema import Draft7Validator

from caseshelf.cases import checker, front_matter, rules, schema_check
from caseshelf.cases.problems import Code, Severity
from caseshelf.cases.rules import (
    FILES_RULES,
    REGISTRY,
    RULES,
    TRANSLATION_RULES,
    CaseRule,
    FilesRule,
)
from support.hostile_cases import BODY_BLOCK, case_file, load_vectors
from support.samples import BODY, FIXTURES, ROOT, TODAY, VALID, case_text, translation_text


def _other_inputs(folder):
    """Files for the codes that no fixture in fixtures/invalid shows."""
    texts = {
        "too-short.md": case_text(replace=("countries: [ZA]", "countries: []")),
        "duplicate-item.md": case_text(replace=("countries: [ZA]", "countries: [ZA, ZA]")),
        "range.md": case_text("year: 1850\n"),
        "blank-text.md": case_text(replace=("Community feedback kiosks", '"\u200b "')),
        "remote-resource.md": case_text(body=f"{BODY}\n![map](https://example.org/map.png)\n"),
        "invisible-character.md": case_text(body=f"{BODY}\nA vertical\x0btab.\n"),
        "missing-section.md": case_text(body=BODY.replace("## Results", "## Outcomes")),
        "personal-data.md": case_text(body=f"{BODY}\nWrite to jane.doe@example.org.\n"),
        "one.md": VALID,
        "two.md": VALID,  # the same title
        "a/clash.md": VALID.replace("Community", "Town"),
        "b/Clash.md": VALID.replace("Community", "City"),
        "notes.txt": "x",
        ".draft.md": VALID,  # hidden: the site would skip it
        "markdown-in-html.md": case_text(body=f'{BODY}\n<div dir="rtl">\n\n- a list\n\n</div>\n'),
        "comment-value.md": case_text(replace=("title: Community", "title: #1 Community")),
        "huge.md": "---\ntitle: x\n---\n" + "word " * 50_000,
        # translations of one.md
        "one.fr.md": translation_text("countries: [ZA]\n"),
        "one.es.md": translation_text('translated_from: "000000000000"\n'),
        "one.en.md": translation_text(),
        "one.french.md": translation_text(),
        "one.zh-hans.md": translation_text(),
        "one.zh-Hans.md": translation_text(),
        "ghost.fr.md": translation_text(),
    }
    for name, text in texts.items():
        (folder / name).parent.mkdir(exist_ok=True)
        (folder / name).write_text(text, encoding="utf-8")
    hostile = folder / "hostile"
    hostile.mkdir()
    for n, vector in enumerate(load_vectors()):
        (hostile / f"hostile-{n:03d}.md").write_text(case_file(n, {BODY_BLOCK: vector})[0],
                                                     encoding="utf-8")
    (folder / "folder.md").mkdir()  # the one file that cannot be read
    return checker.check_file(folder / "folder.md", TODAY).problems


@pytest.fixture(scope="module")
def reported(tmp_path_factory):
    """Every problem found in the test inputs: fixtures/invalid and fixtures/valid, the sample
    cases, the XSS corpus in a body, and a file for each code no fixture shows."""
    folder = tmp_path_factory.mktemp("inputs")
    problems = _other_inputs(folder)
    inputs = [FIXTURES / "invalid", FIXTURES / "valid", ROOT / "cases", folder]
    return problems + checker.check_paths(inputs, TODAY).problems


def test_every_code_reported_is_registered_with_its_severity(reported):
    assert len(reported) > 100
    for problem in reported:
        assert problem.code in REGISTRY, problem
        assert problem.severity is REGISTRY[problem.code].severity, problem


def test_every_registered_code_is_reported_by_some_input(reported):
    # 'schema' is the fallback for a schema keyword without a code of its own: the schema
    # uses none today, so test_the_schema_fallback_code makes one up
    assert set(REGISTRY) - {p.code for p in reported} == {"schema"}


def test_the_schema_fallback_code(monkeypatch):
    made_up = {"properties": {"title": {"pattern": "^[A-Z]"}}}
    monkeypatch.setattr(schema_check, "_is_valid",
                        lambda kind="case": fastjsonschema.compile(made_up))
    monkeypatch.setattr(schema_check, "_validator", lambda kind="case": Draft7Validator(made_up))
    fm = front_matter.parse("title: kiosks\n", path="kiosks.md", first_line=2)
    problems = list(schema_check.check(fm, "kiosks.md"))
    assert [(p.line, p.col, p.severity, p.code, p.message) for p in problems] == [
        (2, 8, Severity.ERROR, "schema", "'title': 'kiosks' does not match '^[A-Z]'")]


def _subclasses(cls):
    for sub in cls.__subclasses__():
        yield sub
        yield from _subclasses(sub)


def test_every_rule_class_is_in_the_registry_once():
    # a translation runs the rules of its text (the same objects as a case's) and its own
    shared = [rule for rule in TRANSLATION_RULES if rule in RULES]
    own = [type(rule).__name__ for rule in TRANSLATION_RULES if rule not in RULES]
    assert shared and len(set(map(id, shared))) == len(shared)
    assert sorted([*(type(r).__name__ for r in RULES), *own]) == sorted(
        c.__name__ for c in _subclasses(CaseRule))
    assert sorted(type(r).__name__ for r in FILES_RULES) == sorted(c.__name__ for c in
                                                                   _subclasses(FilesRule))
    for rule in (*RULES, *FILES_RULES, *TRANSLATION_RULES):
        assert REGISTRY[rule.ID] == rule.code


@pytest.mark.parametrize("code", list(REGISTRY.values()), ids=list(REGISTRY))
def test_each_code_declares_a_severity_and_one_line_each_of_meaning_and_advice(code):
    assert isinstance(code.severity, Severity)
    for line in (code.description, code.advice):
        assert line.endswith(".") and "\n" not in line and "|" not in line, line
        assert line[0].isupper() or line[0] == "`", line


def test_a_code_declared_twice_is_refused():
    code = Code("twice", Severity.ERROR, "A problem.", "Fix it.")
    with pytest.raises(ValueError, match="the code 'twice' is declared twice"):
        rules._registry([code, code])


def test_severities_read_as_plain_words_in_text_and_json():
    assert f"{Severity.ERROR}: {Severity.WARNING}" == "error: warning"
    assert json.dumps([Severity.ERROR, Severity.WARNING]) == '["error", "warning"]'
    assert Severity("warning") is Severity.WARNING


def test_the_rules_sections_and_slug_pattern_are_where_importers_find_them():
    from caseshelf.cases.rules import RECOMMENDED_SECTIONS, SLUG

    assert RECOMMENDED_SECTIONS == ("Challenge", "Innovation", "Results", "Lessons learned")
    assert SLUG.match("a-b-2") and not SLUG.match("A_b")
