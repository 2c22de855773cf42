"""The cache of checked files (.cache/caseshelf/): a run that uses it reports exactly what a
run without it reports; a file is checked again when it, its original or the checker
changed; an entry from another version, or a file left by an interrupted run, is never
trusted."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import shutil

import pytest

from caseshelf import cli
from caseshelf.cases import cache, checker
from support.samples import ROOT

TODAY = dt.date(2026, 12, 1)  # after every sample case was added


@pytest.fixture
def cases(tmp_path):
    """The project's cases (originals and translations, in several languages), and one
    case with an error."""
    folder = tmp_path / "cases"
    shutil.copytree(ROOT / "cases", folder)
    text = (folder / "bangladesh-nationwide-telehealth.md").read_text(encoding="utf-8")
    (folder / "bad-country.md").write_text(text.replace("countries: [BD]", "countries: [XQ]"),
                                           encoding="utf-8")
    assert "countries: [BD]" in text
    return folder


@pytest.fixture
def checked(monkeypatch):
    """The names of the files actually checked (not taken from the cache)."""
    names: list[str] = []
    original = checker.check_text

    def counting(name, text, today=None, **options):
        names.append(name)
        return original(name, text, today, **options)

    monkeypatch.setattr(checker, "check_text", counting)
    return names


def as_data(report: checker.Report) -> tuple:
    return (report.files, [dataclasses.astuple(p) for p in report.problems],
            [dataclasses.asdict(c) for c in report.cases])


def test_a_run_with_the_cache_reports_what_one_without_it_reports(cases, tmp_path, checked):
    plain = checker.check_paths([cases], TODAY)
    assert len(checked) == len(plain.files) > 30
    assert [p.code for p in plain.errors] == ["country"]
    assert any(case.translations for case in plain.cases)
    first = checker.check_paths([cases], TODAY, cache=cache.CheckCache(tmp_path / "c"))
    written = (tmp_path / "c" / cache.FILE).stat().st_mtime_ns
    checked.clear()
    second = checker.check_paths([cases], TODAY, cache=cache.CheckCache(tmp_path / "c"))
    assert checked == []  # nothing was checked again
    assert (tmp_path / "c" / cache.FILE).stat().st_mtime_ns == written  # nor written again
    assert as_data(first) == as_data(second) == as_data(plain)


def test_validate_without_the_cases_reports_the_same_problems(cases, tmp_path, checked):
    """`caseshelf validate` asks for the problems only (`cases=False`): the same problems,
    a duplicated title among them, checked or from the cache, and no case made."""
    text = (cases / "fiji-pidf-productivity.md").read_text(encoding="utf-8")
    (cases / "fiji-again.md").write_text(text, encoding="utf-8")
    full = checker.check_paths([cases], TODAY)
    assert "duplicate-title" in [p.code for p in full.warnings]
    problems = [dataclasses.astuple(p) for p in full.problems]
    for folder in (None, tmp_path / "c", tmp_path / "c"):  # none; filled; read
        checked.clear()
        report = checker.check_paths([cases], TODAY, cache=folder and cache.CheckCache(folder),
                                     cases=False)
        assert [dataclasses.astuple(p) for p in report.problems] == problems
        assert report.files == full.files and report.cases == []
    assert checked == []  # the last run took every file from the cache


def test_only_what_changed_is_checked_again(cases, tmp_path, checked):
    folder = tmp_path / "c"
    checker.check_paths([cases], TODAY, cache=cache.CheckCache(folder))
    edited = cases / "bangladesh-nationwide-telehealth.md"
    edited.write_text(edited.read_text(encoding="utf-8").replace("countries: [BD]",
                                                                 "countries: [BD, IN]"),
                      encoding="utf-8")
    original = cases / "fiji-pidf-productivity.md"
    original.write_text(original.read_text(encoding="utf-8") + "\nOne more line.\n",
                        encoding="utf-8")
    checked.clear()
    report = checker.check_paths([cases], TODAY, cache=cache.CheckCache(folder))
    # the two edited files, and the original's translations (their check reads it)
    assert sorted(checked) == sorted(str(p) for p in [edited, original,
                                                      *cases.glob("fiji-pidf-productivity.*.md")])
    case = next(c for c in report.cases if c.slug == "bangladesh-nationwide-telehealth")
    assert case.countries == ("BD", "IN")
    assert as_data(report) == as_data(checker.check_paths([cases], TODAY))


def test_an_entry_from_another_version_is_never_used(cases, tmp_path, checked, monkeypatch):
    folder = tmp_path / "c"
    checker.check_paths([cases], TODAY, cache=cache.CheckCache(folder))
    stored = json.loads((folder / cache.FILE).read_text(encoding="utf-8"))
    for entry in stored["entries"].values():  # every file said to be without a problem
        entry["problems"] = []
    (folder / cache.FILE).write_text(json.dumps(stored), encoding="utf-8")
    ours = cache.fingerprint()
    with monkeypatch.context() as patch:
        patch.setattr(cache, "__version__", "0.0.0-another")
        assert cache.fingerprint() != ours
        checked.clear()
        report = checker.check_paths([cases], TODAY, cache=cache.CheckCache(folder))
    assert len(checked) == len(report.files)
    assert [p.code for p in report.errors] == ["country"]
    # a change to the checker's data (or code) changes the fingerprint as well
    with monkeypatch.context() as patch:
        data = cache.Path(str(cache.resources.files("caseshelf"))) / "data" / "synonyms.yml"
        read_bytes = cache.Path.read_bytes
        patch.setattr(cache.Path, "read_bytes", lambda self: read_bytes(self) + (
            b"\n# changed" if self == data else b""))
        assert cache.fingerprint() != ours


def test_an_interrupted_run_leaves_nothing_that_is_trusted(cases, tmp_path, checked,
                                                           monkeypatch):
    folder = tmp_path / "c"
    checker.check_paths([cases], TODAY, cache=cache.CheckCache(folder))
    whole = (folder / cache.FILE).read_bytes()

    def interrupted(source, target):  # the new file is written, the run stops before its rename
        assert source.read_bytes().startswith(b'{"fingerprint":')
        raise KeyboardInterrupt

    edited = cases / "bad-country.md"  # a run after an edit: its cache has a new entry
    edited.write_text(edited.read_text(encoding="utf-8") + "\nMore.\n", encoding="utf-8")
    with monkeypatch.context() as patch, pytest.raises(KeyboardInterrupt):
        patch.setattr(cache.os, "replace", interrupted)
        checker.check_paths([cases], TODAY + dt.timedelta(days=1),
                            cache=cache.CheckCache(folder))
    assert (folder / cache.FILE).read_bytes() == whole  # the last whole file, untouched
    assert [p.name for p in folder.iterdir()] == [cache.FILE]  # no half-written file left
    # a file cut short (a machine that stopped while writing it) is not read at all
    (folder / cache.FILE).write_bytes(whole[: len(whole) // 2])
    checked.clear()
    report = checker.check_paths([cases], TODAY, cache=cache.CheckCache(folder))
    assert len(checked) == len(report.files)
    assert as_data(report) == as_data(checker.check_paths([cases], TODAY))


def test_a_date_in_the_future_is_checked_again_on_a_later_day(cases, tmp_path, checked):
    folder = tmp_path / "c"
    future = cases / "bangladesh-rapid-digitization.md"
    text = future.read_text(encoding="utf-8")
    added = next(line for line in text.splitlines() if line.startswith("added: "))
    future.write_text(text.replace(added, "added: 2026-12-20"), encoding="utf-8")
    first = checker.check_paths([cases], TODAY, cache=cache.CheckCache(folder))
    assert "future-date" in [p.code for p in first.errors]
    checked.clear()
    later = checker.check_paths([cases], dt.date(2027, 1, 1), cache=cache.CheckCache(folder))
    assert checked == [str(future)]  # the others hold on any later day
    assert "future-date" not in [p.code for p in later.problems]
    checked.clear()
    earlier = checker.check_paths([cases], dt.date(2026, 11, 30), cache=cache.CheckCache(folder))
    assert len(checked) == len(earlier.files)  # an earlier day trusts nothing


def test_validate_keeps_its_cache_in_the_project_unless_told_not_to(cases, tmp_path,
                                                                    monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    assert cli.main(["validate", "--no-cache", "cases"]) == 1
    assert not (tmp_path / ".cache").exists()
    assert cli.main(["validate", "cases"]) == 1
    stored = json.loads((tmp_path / cache.CACHE / cache.FILE).read_text(encoding="utf-8"))
    assert len(stored["entries"]) == len(list(cases.glob("*.md")))
    capsys.readouterr()
    assert cli.main(["validate", "--format", "json", "cases"]) == 1
    from_cache = capsys.readouterr().out
    assert cli.main(["validate", "--format", "json", "--no-cache", "cases"]) == 1
    assert capsys.readouterr().out == from_cache


def test_a_memo_checks_only_the_files_saved_since_and_reports_the_same(cases, checked):
    """`serve` keeps a memo between builds: a file is read again only when it, or its
    original, changed since the memo's check, and the report is the one a plain run gives."""
    memo = checker.Memo()
    first = checker.check_paths([cases], TODAY, memo=memo)
    assert as_data(first) == as_data(checker.check_paths([cases], TODAY))
    original = cases / "fiji-pidf-productivity.md"
    original.write_text(original.read_text(encoding="utf-8") + "\nOne more line.\n",
                        encoding="utf-8")
    added = cases / "added.md"
    added.write_text((cases / "bad-country.md").read_text(encoding="utf-8").replace(
        "countries: [XQ]", "countries: [KE]"), encoding="utf-8")
    (cases / "bangladesh-blended-training.md").unlink()
    checked.clear()
    second = checker.check_paths([cases], TODAY, memo=memo)
    assert sorted(checked) == sorted(
        str(p) for p in [original, added, *cases.glob("fiji-pidf-productivity.*.md")])
    checked.clear()
    assert as_data(second) == as_data(checker.check_paths([cases], TODAY))
    assert "bangladesh-blended-training" not in {case.slug for case in second.cases}
    checked.clear()
    checker.check_paths([cases], TODAY + dt.timedelta(days=1), memo=memo)
    assert len(checked) == len(second.files)  # a new day: every file is checked again
