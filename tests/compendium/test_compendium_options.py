"""`caseshelf pdf`'s options: each value read as a person types it, and every value that
names nothing refused with a usage error (exit 2) that says what is wrong, with a
"did you mean" where one is close, and no traceback."""

from __future__ import annotations

import pytest

from caseshelf.cases import checker, vocabularies
from caseshelf.cli import main
from caseshelf.compendium.selection import Selection
from caseshelf.editions.downloads import find_downloads
from support.sitebuild import ROOT


@pytest.mark.parametrize(("argv", "message"), [
    (["--region", "Asai"], "--region 'Asai' names no region caseshelf knows; did you mean 'Asia'?"),
    (["--theme", "helth"], "--theme 'helth' names no theme caseshelf knows; did you mean 'health'?"),
    (["--sdg", "18"], "--sdg '18' is not a Sustainable Development Goal: give its number, 1 to 17"),
    (["--country", "Kazakstan"], "--country 'Kazakstan' names no country caseshelf knows (give "
                                 "its ISO code or its name); did you mean KZ (Kazakhstan)?"),
    (["--language", "de"], "--language 'de' is not one of the site's languages "
                           "(en, fr, es, ar, ru, zh); did you mean 'es'?"),
    (["--all", "--region", "Asia"], "--all builds every compendium of `make pdf`: give it no "
                                    "--region, --country, --theme, --sdg, --language or --output"),
    (["--config-file", "missing.yml"], "no such file: missing.yml"),
])
def test_usage_errors_say_what_is_wrong_and_exit_2(argv, message, capsys, monkeypatch):
    monkeypatch.chdir(ROOT)
    assert main(["pdf", *argv]) == 2
    captured = capsys.readouterr()
    assert captured.err == f"caseshelf pdf: {message}\n"
    assert captured.out == ""


def test_a_selection_without_cases_says_so_and_exits_1(capsys, monkeypatch):
    monkeypatch.chdir(ROOT)
    assert main(["pdf", "--region", "Oceania", "--theme", "health"]) == 1
    assert capsys.readouterr().err == ("caseshelf pdf: no case matches the selection "
                                       "(Oceania · Health)\n")


def test_values_are_read_in_any_un_language_and_narrow_together():
    cases = checker.check_paths([ROOT / "cases"]).cases
    typed = Selection.parse(regions=["Asie"], themes=["Service delivery"], sdgs=["SDG 16"])
    assert typed == Selection(regions=("Asia",), themes=("service-delivery",), sdgs=(16,))
    held = typed.of(cases)
    assert held == [c for c in cases if "Asia" in c.regions and "service-delivery" in c.themes
                    and 16 in c.goals]
    assert held and len(held) < len(cases)
    either = Selection.parse(countries=["Nepal", "IN"])
    assert {c.slug for c in either.of(cases)} == {
        c.slug for c in cases if {"NP", "IN"} & {p.split("-")[0] for p in c.places}}
    assert typed.labels("fr") == ["Asie", vocabularies.theme_label("service-delivery", "fr"),
                                  f"16. {vocabularies.goal_name(16, 'fr')}"]
    assert Selection.parse(regions=["South-eastern Asia"]).regions == ("South-eastern Asia",)


def test_the_download_page_finds_each_language_and_region_but_no_other_selection(tmp_path):
    for name in ("caseshelf-compendium_en_2026-01-01.pdf", "caseshelf-compendium_en_2026-02-01.pdf",
                 "caseshelf-compendium-asia_fr_2026-02-01.pdf",
                 "caseshelf-compendium-asia-health_en_2026-02-01.pdf",
                 "caseshelf_en_2026-02-01.zim"):
        (tmp_path / name).write_bytes(name.encode())
    found = {d.edition.key: d.files for d in find_downloads(tmp_path)}
    assert [(f.name, f.language, f.part) for f in found["pdf"]] == [
        ("caseshelf-compendium_en_2026-02-01.pdf", "en", ""),
        ("caseshelf-compendium-asia_fr_2026-02-01.pdf", "fr", "asia")]
    assert [(f.name, f.language) for f in found["zim"]] == [("caseshelf_en_2026-02-01.zim", "en")]
