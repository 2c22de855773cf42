"""`caseshelf fix` on translations (writes `translated_from` once, never over an existing one)
and `caseshelf new --translate` (starts a translation that validates)."""

from __future__ import annotations

from caseshelf.cases import checker, document, front_matter
from caseshelf.cli import main
from support.samples import TODAY, TRANSLATION_BODY, VALID, case_text, translation_text


def fields_of(path) -> dict:
    doc = document.read(path)
    return front_matter.parse(doc.yaml_text, path=str(path), first_line=doc.yaml_line).data


def original_hash(folder) -> str:
    (case,) = checker.check_paths([folder / "kiosks.md"], TODAY).cases
    return case.text_hash


def test_fix_writes_the_hash_once_and_is_idempotent(tmp_path, capsys):
    (tmp_path / "kiosks.md").write_text(VALID, encoding="utf-8")
    target = tmp_path / "kiosks.fr.md"
    target.write_text(translation_text("reviewed: false\n"), encoding="utf-8")
    assert main(["fix", str(target)]) == 0
    current = original_hash(tmp_path)
    assert f"wrote translated_from: {current}" in capsys.readouterr().out
    fixed = target.read_text(encoding="utf-8")
    assert fields_of(target)["translated_from"] == current
    assert fixed.endswith(TRANSLATION_BODY)  # the body as it was
    assert main(["fix", "--check", str(target)]) == 0  # nothing more to change
    assert main(["fix", str(target)]) == 0
    assert target.read_text(encoding="utf-8") == fixed
    assert checker.check_paths([tmp_path], TODAY).problems == []


def test_fix_never_overwrites_a_hash_which_would_hide_a_change(tmp_path):
    (tmp_path / "kiosks.md").write_text(VALID, encoding="utf-8")
    target = tmp_path / "kiosks.fr.md"
    target.write_text(translation_text(), encoding="utf-8")
    assert main(["fix", str(target)]) == 0
    before = fields_of(target)["translated_from"]
    (tmp_path / "kiosks.md").write_text(case_text(replace=("Community", "Neighbourhood")),
                                        encoding="utf-8")
    assert main(["fix", str(tmp_path)]) == 0
    assert fields_of(target)["translated_from"] == before
    (warning,) = checker.check_paths([tmp_path], TODAY).problems
    assert warning.code == "stale-translation" and original_hash(tmp_path) in warning.message


def test_fix_leaves_a_translation_without_an_original_unhashed(tmp_path, capsys):
    target = tmp_path / "kiosks.fr.md"
    target.write_text(translation_text(), encoding="utf-8")
    assert main(["fix", str(target)]) == 1  # the error left: no original
    assert "translated_from" not in fields_of(target)
    assert "[translation-original]" in capsys.readouterr().err


def test_new_translate_starts_a_translation_that_validates(tmp_path, capsys):
    (tmp_path / "kiosks.md").write_text(case_text("organisations: [Centre, Municipality]\n"),
                                        encoding="utf-8")
    assert main(["new", "--dir", str(tmp_path), "--translate", "kiosks",
                 "--language", "zh-hans"]) == 0
    target = tmp_path / "kiosks.zh-Hans.md"
    assert f"wrote {target}" in capsys.readouterr().out
    original = fields_of(tmp_path / "kiosks.md")
    fields = fields_of(target)
    assert fields == {"title": original["title"], "summary": original["summary"],
                      "organisations": original["organisations"],
                      "source": {"title": original["source"]["title"]}, "reviewed": False,
                      "translated_from": original_hash(tmp_path)}
    assert document.read(target).body == document.read(tmp_path / "kiosks.md").body
    report = checker.check_paths([tmp_path], TODAY)
    assert report.problems == []
    assert [t.language for t in report.cases[0].translations] == ["zh-Hans"]
    # once more: the file is there
    assert main(["new", "--dir", str(tmp_path), "--translate", "kiosks",
                 "--language", "zh-Hans"]) == 2
    assert "already exists" in capsys.readouterr().err


def test_new_translate_says_what_is_wrong(tmp_path, capsys):
    (tmp_path / "kiosks.md").write_text(VALID, encoding="utf-8")
    for args, said in ((["--translate", "kiosk", "--language", "fr"], "no case"),
                       (["--translate", "kiosks", "--language", "french"], "did you mean fr?"),
                       (["--translate", "kiosks", "--language", "en"], "already written in en"),
                       (["--translate", "kiosks"], "give both")):
        assert main(["new", "--dir", str(tmp_path), *args]) == 2
        assert said in capsys.readouterr().err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["kiosks.md"]
