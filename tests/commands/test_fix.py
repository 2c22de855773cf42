"""`caseshelf fix`: what it rewrites, that the body is untouched, and that it is idempotent."""

from __future__ import annotations

import json

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from caseshelf.cases import checker
from caseshelf.cli import main
from caseshelf.commands import fixer, yaml_text
from support.samples import BODY, TODAY, VALID, case_text

MESSY = """\
---
# a contributor's note
added: 2024-5-1
countries: [Republic of Kazakhstan, The Kingdom of Thailand, KZ, Carpathian Ukraine]
title: Kiosks for feedback
sdgs: ["16.6", 16.10, "9", 1.a, 16]
themes: [Health, digital-government, Health]
summary: Municipal offices placed feedback kiosks in service centres so that residents can rate the services they receive.
source: {title: Report, body: CPSI}
interested_countries: [Russia, ZAF]
tags: [zeta, Alpha, beta]
---
"""


def test_fix_rewrites_what_has_one_right_answer():
    fixed, changes = fixer.fix_text(MESSY + BODY)
    assert fixed == """\
---
title: Kiosks for feedback
summary: Municipal offices placed feedback kiosks in service centres so that residents can
  rate the services they receive.
countries: [KZ, TH, UA-21]
themes: [digital-government, health]
sdgs: ["1.a", 9, 16, "16.6", "16.10"]
source:
  body: CPSI
  title: Report
added: 2024-05-01
interested_countries: [RU, ZA]
tags: [Alpha, beta, zeta]
---
""" + BODY
    assert "countries: 'Republic of Kazakhstan' -> 'KZ'" in changes
    assert "comments in the front-matter were removed" in changes
    assert "put the fields in the usual order" in changes


def test_sdgs_sort_goals_then_their_targets():
    assert sorted(["1.a", "16.10", 9, "16.6", 16, "1.2"], key=fixer._sdg_order) == [
        "1.2", "1.a", 9, 16, "16.6", "16.10"]


def test_fixed_case_is_valid_and_fix_is_idempotent(tmp_path):
    fixed, _ = fixer.fix_text(MESSY + BODY)
    assert fixer.fix_text(fixed) == (fixed, [])
    path = tmp_path / "kiosks.md"
    path.write_text(fixed, encoding="utf-8")
    assert checker.check_file(path, TODAY).problems == []


def test_a_valid_case_is_left_alone():
    fixed, changes = fixer.fix_text(VALID)
    assert fixer.fix_text(fixed)[0] == fixed


def test_body_is_kept_byte_for_byte_with_crlf(tmp_path):
    body = "Text with  two spaces,\r\ntrailing space \r\n\r\n## Challenge\r\n\tTabbed\r\nno newline"
    text = case_text(replace=("countries: [ZA]", "countries: [South Africa]")).replace("\n", "\r\n")
    text = text.split("---\r\n", 2)
    original = "---\r\n" + text[1] + "---\r\n" + body
    path = tmp_path / "kiosks.md"
    path.write_bytes(original.encode("utf-8"))
    assert main(["fix", str(path)]) == 0
    data = path.read_bytes()
    assert data.endswith(("---\r\n" + body).encode("utf-8"))
    assert b"countries: [ZA]\r\n" in data


def test_fix_check_reports_without_writing(tmp_path, capsys):
    path = tmp_path / "kiosks.md"
    path.write_text(MESSY + BODY, encoding="utf-8")
    assert main(["fix", "--check", str(path)]) == 1
    assert path.read_text(encoding="utf-8") == MESSY + BODY
    assert f"{path}: countries: 'Republic of Kazakhstan' -> 'KZ'" in capsys.readouterr().out


def test_fix_leaves_unreadable_files_and_says_why(tmp_path, capsys):
    path = tmp_path / "broken.md"
    path.write_text("---\ntitle: [x\n---\nBody\n", encoding="utf-8")
    assert main(["fix", str(path)]) == 1
    assert path.read_text(encoding="utf-8") == "---\ntitle: [x\n---\nBody\n"
    assert "cannot fix" in capsys.readouterr().err


def test_fix_does_not_guess(tmp_path):
    text = case_text(replace=("countries: [ZA]", "countries: [Kazakstan]"))  # a typo: no one answer
    fixed, changes = fixer.fix_text(text)
    assert "Kazakstan" in fixed and not any("Kazakstan" in c for c in changes)


# without the full-width, ideographic and Arabic commas, at which fix splits a tag by design
words = st.text(st.characters(codec="utf-8", exclude_categories=["Cs", "Cc"], exclude_characters="，、،"), min_size=1, max_size=40)


@settings(max_examples=settings.default.max_examples // 2, deadline=2000)
@given(title=words, tags=st.lists(words, max_size=5), body=st.text(max_size=200))
def test_round_trip_keeps_values_and_body(title, tags, body):
    from caseshelf.cases import front_matter

    text = case_text(f"tags: {yaml_text.scalar(tags) if not tags else '[' + ', '.join(yaml_text.scalar(t) for t in tags) + ']'}\n",
                     replace=("title: Community feedback kiosks", f"title: {yaml_text.scalar(title)}"),
                     body=body)
    fixed, _ = fixer.fix_text(text)
    assert fixed.endswith("---\n" + body)
    assert fixer.fix_text(fixed)[0] == fixed
    data = front_matter.parse(fixed.split("---\n")[1], path="x", first_line=2).data
    assert data["title"] == title
    assert data["tags"] == sorted(dict.fromkeys(tags), key=fixer._text_order)


def test_a_value_yaml_read_as_a_comment_is_quoted():
    text = case_text("tags:\n  - #digital\n", replace=("title: Community feedback kiosks",
                                                        "title: #1 in service"))
    fixed, changes = fixer.fix_text(text)
    assert 'title: "#1 in service"\n' in fixed and 'tags: ["#digital"]\n' in fixed
    assert changes[:2] == ["'title': quoted '#1 in service', which YAML read as a comment",
                           "'tags' item 1: quoted '#digital', which YAML read as a comment"]


def test_fix_writes_what_has_one_right_answer_in_any_language():
    text = case_text(
        "year: \"2018\"\nlanguage: pt_BR\ntags: [数字政府，电子政务]\norganizations: [Ministério، Prefeitura]\n",
        replace=('sdgs: [16, "16.6"]', 'sdgs: [SDG 16, Goal 16.6, ODS 5, ODD 10, ЦУР 17, "目标 3"]'))
    fixed, changes = fixer.fix_text(text.replace("countries: [ZA]", "country: Rwanda, Kenya"))
    assert fixed.split("---\n")[1] == """\
title: Community feedback kiosks
summary: Municipal offices placed feedback kiosks in service centres so that residents can
  rate the services they receive.
countries: [KE, RW]
themes: [service-delivery]
sdgs: [3, 5, 10, 16, "16.6", 17]
source:
  body: Centre for Public Service Innovation
  title: Innovation awards report
added: 2024-05-01
year: 2018
organisations: [Ministério, Prefeitura]
tags: [数字政府, 电子政务]
language: pt-BR
"""
    assert changes[:4] == ["renamed the field 'country' to 'countries'",
                           "renamed the field 'organizations' to 'organisations'",
                           "year: '2018' -> 2018", "language: 'pt_BR' -> 'pt-BR'"]
    assert "split the values of 'tags' at their commas" in changes
    assert "sdgs: 'ЦУР 17' -> 17" in changes
    assert fixer.fix_text(fixed) == (fixed, [])


def test_a_misspelled_field_is_renamed_where_it_stands():
    canonical, _ = fixer.fix_text(VALID)
    text = canonical.replace("countries: [ZA]", "country: Rwanda")
    fixed, changes = fixer.fix_text(text)
    assert fixed == canonical.replace("countries: [ZA]", "countries: [RW]")
    assert changes == ["renamed the field 'country' to 'countries'", "made 'countries' a list",
                       "countries: 'Rwanda' -> 'RW'"]


@pytest.mark.parametrize(("written", "fixed"), [
    ("countries: Rwanda", "countries: [RW]"),
    ("countries: Korea, Republic of", "countries: [KR]"),  # one name with a comma
    ("countries: [Rwanda، Kenya]", "countries: [KE, RW]"),
    ("countries: [Rwanda，Kenya]", "countries: [KE, RW]"),
])
def test_a_single_value_becomes_a_list(written, fixed):
    assert f"\n{fixed}\n" in fixer.fix_text(case_text(replace=("countries: [ZA]", written)))[0]


def test_fix_renames_only_when_the_right_name_is_not_there_too():
    text = case_text("country: [KE]\nlevel: local\n")
    fixed, changes = fixer.fix_text(text)
    assert "country: [KE]" in fixed and "level_of_government: local" in fixed
    assert "renamed the field 'level' to 'level_of_government'" in changes
    assert not any("'country'" in change for change in changes)


def test_fix_exits_1_when_something_is_left_to_fix(tmp_path, capsys):
    path = tmp_path / "kiosks.md"
    path.write_text(case_text(replace=("countries: [ZA]", "country: [Kazakstan]")), encoding="utf-8")
    assert main(["fix", str(path)]) == 1
    out, err = capsys.readouterr()
    assert out == f"{path}: renamed the field 'country' to 'countries'\n"
    assert err == (f"{path}:5:13: error: 'Kazakstan' is a name, not an ISO 3166 country code; "
                   "did you mean 'KZ' (Kazakhstan)? [country]\n"
                   f"{path}: 1 problem is left that fix cannot correct\n")
    assert main(["fix", str(path)]) == 1  # nothing more to change, but still not valid
    path.write_text(VALID, encoding="utf-8")
    assert main(["fix", str(path)]) == 0


def _scalar_as_yaml_writes_it(value):
    """The scalar as `fix` wrote it before it decided text without YAML: asked of PyYAML."""
    if isinstance(value, str) and yaml_text._PLAIN_DATE.match(value) and "-" in value:
        return value
    text = yaml.safe_dump(value, allow_unicode=True, width=float("inf"))
    text = text.removesuffix("\n").removesuffix("\n...")
    if text.startswith("'") or "\n" in text or (isinstance(value, str)
                                                and not yaml_text._PLAIN.match(text)):
        return json.dumps(value, ensure_ascii=False)
    return text


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.text(max_size=30), st.integers(),
                 st.sampled_from(["yes", "No", "TRUE", "off", "null", "Null", "~", "y", "n",
                                  "1.a", "16.10", "2024", "2024-05", "Hong Kong, China",
                                  "Côte d'Ivoire", "a: b", "a #b", "-x", "x ", "Ünï cödé",
                                  "数字政府", "الحكومة", "O'Brien & Co (UK)/EU+"])))
def test_a_scalar_is_written_as_yaml_would_write_it(value):
    written = yaml_text.scalar(value)
    assert written == _scalar_as_yaml_writes_it(value)
    if str(value).isprintable():  # YAML refuses control characters, however quoted
        assert yaml.safe_load(f"k: {written}")["k"] == value


WORDS = st.one_of(st.sampled_from(["the", "Ministry", "of", "e-services", "16.6", "(SDG)",
                                   "d'Ivoire,", "«ODD»", "数字政府", "الحكومة", "№5", "50%",
                                   "a:b", "#tag", "-", "x" * 95, "Ünïcode", "’s"]),
                  st.text(min_size=1, max_size=12).filter(lambda w: " " not in w))


@settings(max_examples=400, deadline=None)
@given(st.lists(st.tuples(WORDS, st.sampled_from([" ", " ", " ", "  "])), min_size=8,
                max_size=40))
def test_a_long_text_is_folded_as_yaml_folds_it(parts):
    value = "".join(word + space for word, space in parts).strip(" ")
    yaml_lines = yaml.safe_dump({"summary": value}, allow_unicode=True, width=88,
                                sort_keys=False).rstrip("\n").split("\n")
    ours = yaml_text._fold_plain("summary", value)
    if ours is not None:  # where it folds, it folds exactly as YAML does
        assert ours == yaml_lines
        assert yaml.safe_load("\n".join(ours))["summary"] == value


def test_an_ordinary_summary_is_folded_without_yaml():
    summary = ("Bangladesh presented a blended-training approach to professional and skills "
               "development at the SSN4PSI matchmaking workshop of October 2021; five countries"
               " (Kazakhstan, India, Nepal, Thailand and Ukraine) asked to learn from it.")
    assert yaml_text._fold_plain("summary", summary) == yaml.safe_dump(
        {"summary": summary}, allow_unicode=True, width=88, sort_keys=False).rstrip().split("\n")
