"""Translations (`<slug>.<language>.md`): each rule fires at its file, line and column on real
files and stays silent on a good translation; the translation reaches its case, and only the
case counts as one."""

from __future__ import annotations

import json

import pytest

from caseshelf.cases import checker, front_matter
from caseshelf.cases.model import text_hash
from caseshelf.cases.problems import Severity
from caseshelf.cases.rules import REGISTRY
from support.hostile_cases import BODY_BLOCK, BODY_INLINE, case_file, hostile_value, load_vectors
from support.samples import (
    TODAY,
    TRANSLATION_BODY,
    TRANSLATION_HEAD,
    VALID,
    brief,
    case_text,
    translation_text,
)


def write(folder, files: dict[str, str]):
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def problems_of(report, name: str):
    return [p for p in report.problems if p.path.endswith(f"/{name}")]


def line_of(text: str, start: str) -> int:
    """The 1-based line of the file's first line that starts with `start`."""
    return next(n for n, line in enumerate(text.splitlines(), 1) if line.startswith(start))


def test_a_good_translation_is_silent_and_reaches_its_case(tmp_path):
    write(tmp_path, {"kiosks.md": VALID, "kiosks.fr.md": translation_text(
        "organisations: [Centre pour l'innovation]\nsource:\n  title: Rapport des prix\n"
        "translator: Équipe de traduction\nreviewed: true\n")})
    report = checker.check_paths([tmp_path], TODAY)
    assert report.problems == []
    assert [case.slug for case in report.cases] == ["kiosks"]  # a translation is not a case
    (case,) = report.cases
    (fr,) = case.translations
    data = front_matter.parse((tmp_path / "kiosks.fr.md").read_text().split("---\n")[1],
                              path="x", first_line=2).data
    assert (fr.language, fr.path, fr.title, fr.summary) == (
        "fr", str(tmp_path / "kiosks.fr.md"), data["title"], data["summary"])
    assert fr.body == TRANSLATION_BODY
    assert fr.organisations == tuple(data["organisations"])
    assert (fr.source_title, fr.translator, fr.reviewed, fr.translated_from) == (
        data["source"]["title"], data["translator"], True, None)


def test_translations_are_sorted_and_found_by_tag_then_by_language(tmp_path):
    write(tmp_path, {"kiosks.md": VALID, "kiosks.zh-Hans.md": translation_text(),
                     "kiosks.fr.md": translation_text(), "kiosks.pt-BR.md": translation_text()})
    (case,) = checker.check_paths([tmp_path], TODAY).cases
    assert [t.language for t in case.translations] == ["fr", "pt-BR", "zh-Hans"]
    assert case.translation("fr").language == "fr"
    assert case.translation("FR").language == "fr"
    assert case.translation("fr-CA").language == "fr"
    assert case.translation("zh").language == "zh-Hans"
    assert case.translation("pt").language == "pt-BR"
    assert case.translation("ar") is None and case.translation("en") is None


def test_the_hash_is_of_the_title_summary_and_body_only(tmp_path):
    write(tmp_path, {"kiosks.md": VALID})
    (case,) = checker.check_paths([tmp_path], TODAY).cases
    assert case.text_hash == text_hash(case.title, case.summary, case.body)
    assert len(case.text_hash) == 12 and int(case.text_hash, 16) >= 0
    # a line ending or a re-wrapped summary changes nothing a reader sees
    assert text_hash(case.title, case.summary.replace(" ", "\n  ", 2),
                     case.body.replace("\n", "\r\n")) == case.text_hash
    assert text_hash(case.title + "!", case.summary, case.body) != case.text_hash
    # other fields do not count
    write(tmp_path, {"kiosks.md": case_text("year: 2019\n")})
    (changed,) = checker.check_paths([tmp_path], TODAY).cases
    assert changed.text_hash == case.text_hash


@pytest.mark.parametrize("written, hint", [("french", "'kiosks.fr.md'"), ("pt_BR", "'kiosks.pt-BR.md'"),
                                           ("xx-notalanguage", None), ("draft", None)])
def test_a_file_name_tag_that_is_not_a_language(tmp_path, written, hint):
    name = f"kiosks.{written}.md"
    report = checker.check_paths([write(tmp_path, {"kiosks.md": VALID,
                                                   name: translation_text()})], TODAY)
    (problem,) = problems_of(report, name)
    assert (problem.line, problem.col, problem.code, problem.hint) == (
        1, 1, "translation-language", hint)
    assert f"'{written}'" in problem.message
    assert report.cases[0].translations == ()


def test_a_tag_in_another_case_is_the_same_language(tmp_path):
    report = checker.check_paths([write(tmp_path, {"kiosks.md": VALID,
                                                   "kiosks.ZH-hant.md": translation_text()})],
                                 TODAY)
    assert report.problems == []
    assert [t.language for t in report.cases[0].translations] == ["zh-Hant"]


def test_a_translation_without_its_original(tmp_path):
    report = checker.check_paths([write(tmp_path, {"kiosk.fr.md": translation_text()})], TODAY)
    assert brief(report.problems) == [(1, 1, "translation-original", (
        "this translation has no original: there is no kiosk.md in the same folder; name the "
        "file after the case it translates (<case>.fr.md)"))]
    assert report.cases == []


def test_the_original_is_looked_for_on_disk_when_only_the_translation_is_checked(tmp_path):
    write(tmp_path, {"kiosks.md": VALID, "kiosks.fr.md": translation_text(),
                     "kiosks.en.md": translation_text()})
    assert checker.check_paths([tmp_path / "kiosks.fr.md"], TODAY).problems == []
    (problem,) = checker.check_paths([tmp_path / "kiosks.en.md"], TODAY).problems
    assert (problem.path, problem.line, problem.col, problem.code) == (
        str(tmp_path / "kiosks.en.md"), 1, 1, "translation-same-language")
    assert problem.message == ("kiosks.md is already written in English (en), so it needs no "
                               "translation into 'en'; correct the language in the file name")


def test_a_translation_into_the_originals_own_language_by_region(tmp_path):
    write(tmp_path, {"kiosks.md": case_text("language: fr\n"), "kiosks.FR.md": translation_text()})
    report = checker.check_paths([tmp_path], TODAY)
    assert [(p.path.rsplit("/", 1)[1], p.code) for p in report.problems] == [
        ("kiosks.FR.md", "translation-same-language")]


def test_two_translations_into_one_language(tmp_path):
    write(tmp_path, {"kiosks.md": VALID, "kiosks.zh-hans.md": translation_text(),
                     "kiosks.zh-Hans.md": translation_text(), "kiosks.zh-Hant.md":
                     translation_text(), "kiosks.fr-FR.md": translation_text(),
                     "kiosks.fr.md": translation_text()})
    report = checker.check_paths([tmp_path], TODAY)
    first, second = sorted(["kiosks.zh-hans.md", "kiosks.zh-Hans.md"])
    assert [(p.path.rsplit("/", 1)[1], p.line, p.col, p.code, p.message)
            for p in report.problems] == [
        (second, 1, 1, "duplicate-translation",
         f"{first} already translates this case into the same language; keep one of the two "
         "files")]


@pytest.mark.parametrize("extra, where, field", [
    ("countries: [FR]\n", "countries", "'countries'"),
    ("themes: [service-delivery]\n", "themes", "'themes'"),
    ("added: 2024-05-01\n", "added", "'added'"),
    ("language: fr\n", "language", "'language'"),
    ("source:\n  title: Rapport\n  url: https://example.org/fr\n", "  url", "'source.url'"),
])
def test_a_field_only_the_original_sets(tmp_path, extra, where, field):
    text = translation_text(extra)
    report = checker.check_paths([write(tmp_path, {"kiosks.md": VALID, "kiosks.fr.md": text})],
                                 TODAY)
    line = line_of(text, where)
    assert brief(report.problems) == [(line, len(where) - len(where.lstrip()) + 1,
                                       "original-field", (
        f"a translation does not set {field}: it takes it from the original, kiosks.md; remove "
        "it here (change it in kiosks.md if it is wrong)"))]
    assert report.cases[0].translations == ()  # an error: the build fails on it


def test_a_source_with_only_the_originals_fields_is_reported_once(tmp_path):
    text = translation_text("source:\n  body: Centre\n")
    report = checker.check_paths([write(tmp_path, {"kiosks.md": VALID, "kiosks.fr.md": text})],
                                 TODAY)
    assert [(p.line, p.col, p.code) for p in report.problems] == [
        (line_of(text, "  body"), 3, "original-field")]


def test_the_schema_of_translations_in_the_usual_words(tmp_path):
    head = TRANSLATION_HEAD.replace("title:", "titel:")
    text = translation_text("reviewed: yes\n", head=head)
    report = checker.check_paths([write(tmp_path, {"kiosks.md": VALID, "kiosks.fr.md": text})],
                                 TODAY)
    assert sorted((p.line, p.col, p.code, p.hint) for p in report.problems) == [
        (2, 1, "required", None),
        (2, 1, "unknown-field", "'title'"),
        (4, 11, "type", None),
    ]


def test_a_stale_translation_is_a_warning_that_gives_the_new_hash(tmp_path):
    text = translation_text('translated_from: "0123456789ab"\n')
    write(tmp_path, {"kiosks.md": VALID, "kiosks.fr.md": text})
    report = checker.check_paths([tmp_path], TODAY)
    current = report.cases[0].text_hash
    assert brief(report.problems) == [(line_of(text, "translated_from"), 18, "stale-translation", (
        "kiosks.md has changed since this translation was made from it (its text was "
        f"'0123456789ab', it is now '{current}'); update the translation to match, then write "
        f"translated_from: {current}"))]
    assert REGISTRY["stale-translation"].severity is Severity.WARNING
    assert report.cases[0].translations[0].translated_from == "0123456789ab"  # still shown
    write(tmp_path, {"kiosks.fr.md": translation_text(f"translated_from: {current}\n")})
    assert checker.check_paths([tmp_path], TODAY).problems == []


def test_invalid_yaml_gets_the_same_messages_as_a_case(tmp_path):
    broken = "summary: residents: rate services\n"
    case = checker.check_paths([write(tmp_path, {"kiosks.md": case_text(
        replace=("summary: Municipal", f"{broken}x: Municipal"))})], TODAY).problems
    (tmp_path / "kiosks.md").write_text(VALID, encoding="utf-8")
    text = f"---\n{broken}---\n{TRANSLATION_BODY}"
    translated = checker.check_paths([write(tmp_path, {"kiosks.fr.md": text})], TODAY).problems
    assert case and [(p.code, p.col, p.message) for p in translated] == [
        (p.code, p.col, p.message) for p in case]


def test_the_sections_are_named_in_the_translations_language(tmp_path):
    text = translation_text(body=TRANSLATION_BODY.replace("## Résultats", "## Suites"))
    write(tmp_path, {"kiosks.md": VALID, "kiosks.fr.md": text})
    assert brief(checker.check_paths([tmp_path], TODAY).problems) == [
        (line_of(text, "---") + 4, 1, "missing-section",
         "the recommended section '## Résultats' (Results) is missing")]


def test_text_rules_apply_to_a_translation(tmp_path):
    text = translation_text("translator: \"\u200b\"\n", body="")
    write(tmp_path, {"kiosks.md": VALID, "kiosks.fr.md": text})
    assert {(p.line, p.code) for p in checker.check_paths([tmp_path], TODAY).problems} == {
        (line_of(text, "translator"), "blank-text"), (line_of(text, "---") + 5, "empty-body")}


def test_rules_between_files_ignore_translations(tmp_path):
    # the same title as the original and as each other: no duplicate-title, no slug clash
    write(tmp_path, {"kiosks.md": VALID, "kiosks.fr.md": translation_text(),
                     "kiosks.es.md": translation_text(), "other.md": VALID.replace(
                         "Community feedback", "Town feedback")})
    report = checker.check_paths([tmp_path], TODAY)
    assert report.problems == [] and len(report.cases) == 2


VECTORS = load_vectors()


def hostile_translation(n: int, vector: str, place) -> str:
    """A French translation with the vector where case_file puts it in case n."""
    if place == ("title",):
        title = json.dumps(hostile_value(place, n, vector))
        return translation_text(head=TRANSLATION_HEAD.replace(
            "title: Bornes de retour d'expérience", f"title: {title}"))
    added = (f"Body zq{n:03d} says: {vector} (end)\n" if place == BODY_INLINE
             else f"{vector}\n")
    return translation_text(body=f"{TRANSLATION_BODY}\n{added}")


@pytest.mark.parametrize("place", [BODY_BLOCK, BODY_INLINE, ("title",)])
def test_hostile_content_in_a_translation_is_caught_by_the_same_rules(tmp_path, place):
    """Each vector of the corpus, in a translation's body or title, gets the errors it gets
    in a case (the same codes), and a translation with an error never reaches its case."""
    refused = 0
    for n, vector in enumerate(VECTORS):
        write(tmp_path, {"hostile.md": case_file(n, {place: vector})[0],
                         "hostile.fr.md": hostile_translation(n, vector, place)})
        report = checker.check_paths([tmp_path], TODAY)
        by_file = {name: {p.code for p in problems_of(report, name)
                          if p.severity is Severity.ERROR}
                   for name in ("hostile.md", "hostile.fr.md")}
        assert by_file["hostile.fr.md"] == by_file["hostile.md"], (n, vector)
        if by_file["hostile.fr.md"]:
            refused += 1
            assert all(case.translations == () for case in report.cases)
    assert refused > len(VECTORS) // 2
