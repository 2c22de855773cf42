"""The `caseshelf` command as people and CI run it: output formats, exit codes, new."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from caseshelf.cli import main
from support.samples import ROOT, VALID, case_text

BAD = case_text(replace=("countries: [ZA]", "contries: [ZA]"))
WARN = VALID.replace("## Results", "## Outcomes")


def _files(tmp_path, **texts):
    for name, text in texts.items():
        (tmp_path / f"{name}.md").write_text(text, encoding="utf-8")
    return tmp_path


def test_text_format_and_exit_1(tmp_path, capsys):
    folder = _files(tmp_path, kiosks=BAD, other=VALID.replace("Community", "Town"))
    assert main(["validate", str(folder)]) == 1
    out, err = capsys.readouterr()
    assert out.splitlines() == [
        f"{folder}/kiosks.md:2:1: error: the required field 'countries' is missing [required]",
        f"{folder}/kiosks.md:4:1: error: unknown field 'contries'; did you mean 'countries'? "
        "[unknown-field]",
    ]
    assert err == "checked 2 files: 2 errors, 0 warnings\n"


def test_warnings_pass_unless_strict(tmp_path, capsys):
    folder = _files(tmp_path, kiosks=WARN)
    assert main(["validate", str(folder)]) == 0
    assert ": warning: the recommended section '## Results' is missing" in capsys.readouterr().out
    assert main(["validate", "--strict", str(folder)]) == 1
    assert ": error: the recommended section '## Results' is missing" in capsys.readouterr().out


def test_github_format(tmp_path, capsys):
    folder = _files(tmp_path, kiosks=BAD)
    assert main(["validate", "--format", "github", str(folder / "kiosks.md")]) == 1
    lines = capsys.readouterr().out.splitlines()
    assert lines[1] == (f"::error file={folder}/kiosks.md,line=4,col=1,title=unknown-field::"
                        "unknown field 'contries'; did you mean 'countries'? [unknown-field]")


def test_json_format(tmp_path, capsys):
    folder = _files(tmp_path, kiosks=BAD)
    assert main(["validate", "--format", "json", str(folder)]) == 1
    rows = json.loads(capsys.readouterr().out)
    assert rows[1] == {"path": f"{folder}/kiosks.md", "line": 4, "column": 1,
                       "severity": "error", "code": "unknown-field",
                       "message": "unknown field 'contries'", "hint": "'countries'"}


def test_list_rules_prints_the_registry(tmp_path, capsys):
    from caseshelf.cases.problems import Severity
    from caseshelf.cases.rules import REGISTRY

    assert main(["validate", "--list-rules", str(tmp_path / "not-checked")]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert [line.split()[:2] for line in lines] == [
        [code.id, code.severity] for code in sorted(REGISTRY.values(),
                                                    key=lambda c: c.severity != Severity.ERROR)]
    assert lines[0].split(None, 2)[2] == REGISTRY[lines[0].split()[0]].description
    assert main(["validate", "--list-rules", "--format", "json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert {row["code"]: row["severity"] for row in rows} == {
        code.id: str(code.severity) for code in REGISTRY.values()}
    last = [code for code in REGISTRY.values() if code.severity is Severity.WARNING][-1]
    assert rows[-1] == {"code": last.id, "severity": "warning",
                        "description": last.description, "advice": last.advice}


def test_usage_errors_exit_2(tmp_path, capsys):
    assert main(["validate", str(tmp_path / "missing")]) == 2
    assert "no such file or folder" in capsys.readouterr().err
    try:
        main(["validate", "--format", "xml"])
    except SystemExit as exc:
        assert exc.code == 2


def test_default_path_is_cases(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    assert main(["validate"]) == 2  # no cases/ folder here
    (tmp_path / "cases").mkdir()
    _files(tmp_path / "cases", kiosks=VALID)
    assert main(["validate"]) == 0


def test_the_installed_command_runs(tmp_path):
    folder = _files(tmp_path, kiosks=BAD)
    exe = Path(sys.executable).parent / "caseshelf"
    result = subprocess.run([str(exe), "validate", str(folder)], capture_output=True, text=True,
                            timeout=60)
    assert result.returncode == 1 and "[unknown-field]" in result.stdout


def test_sample_corpus_passes_strict_and_is_canonical(capsys):
    assert main(["validate", "--strict", str(ROOT / "cases")]) == 0
    assert main(["fix", "--check", str(ROOT / "cases")]) == 0, capsys.readouterr().out


def test_new_from_flags_writes_a_case_that_validates(tmp_path, capsys):
    assert main(["new", "--dir", str(tmp_path), "--title", "Mobile birth registration",
                 "--summary", "Registrars use phones to record births in remote villages "
                              "so that every child gets a certificate.",
                 "--country", "Republic of Kazakhstan", "--country", "TH",
                 "--theme", "digital-government,inclusion", "--sdg", "16", "--sdg", "16.9",
                 "--source-body", "UN DESA", "--source-title", "Report on registration"]) == 0
    path = tmp_path / "mobile-birth-registration.md"
    assert f"wrote {path}" in capsys.readouterr().out
    text = path.read_text(encoding="utf-8")
    assert "countries: [KZ, TH]" in text and 'sdgs: [16, "16.9"]' in text
    assert "# level_of_government: national" in text  # optional fields explained, commented out
    # the placeholder body has every recommended section, and the file is valid as written
    assert main(["validate", "--strict", str(path)]) == 0
    assert main(["new", "--dir", str(tmp_path), "--title", "Mobile birth registration"]) == 2


def test_new_without_a_terminal_needs_a_title(tmp_path, capsys):
    env = dict(os.environ)
    result = subprocess.run([sys.executable, "-m", "caseshelf.cli", "new", "--dir", str(tmp_path)],
                            capture_output=True, text=True, stdin=subprocess.DEVNULL, env=env,
                            timeout=60)
    assert result.returncode == 2 and "give --title" in result.stderr


def test_new_asks_in_a_terminal(tmp_path):
    import pty

    answers = ["Village water committees",
               "Villages elect committees that run and repair their own water points.",
               "Nepal", "participation-and-co-design", "6, 6.b", "UNDP", "Water report"]
    pid, fd = pty.fork()
    if pid == 0:  # the child: run the command with the terminal as its input
        os.execv(sys.executable, [sys.executable, "-m", "caseshelf.cli", "new", "--dir",
                                  str(tmp_path)])
    output = b""
    for answer in answers:
        while not output.rstrip().endswith(b":"):
            output += os.read(fd, 1024)
        os.write(fd, answer.encode() + b"\n")
        output = b""
    while True:
        try:
            chunk = os.read(fd, 1024)
        except OSError:
            break
        if not chunk:
            break
    _, status = os.waitpid(pid, 0)
    assert os.waitstatus_to_exitcode(status) == 0
    text = (tmp_path / "village-water-committees.md").read_text(encoding="utf-8")
    assert "countries: [NP]" in text and 'sdgs: [6, "6.b"]' in text
    assert main(["validate", "--strict", str(tmp_path)]) == 0


def test_new_makes_a_readable_file_name_from_a_title_in_any_script(tmp_path, capsys):
    assert main(["new", "--dir", str(tmp_path), "--title", "数字政府服务平台", "--summary",
                 "各级政府通过一个平台提供在线服务，使居民可以在网上办理大多数事务。",
                 "--country", "CN", "--theme", "digital-government", "--sdg", "SDG 16, ODS 16.6",
                 "--source-body", "UN DESA", "--source-title", "Report"]) == 0
    path = tmp_path / "shu-zi-zheng-fu-fu-wu-ping-tai.md"
    assert capsys.readouterr().out.startswith(f"wrote {path}")
    assert [p.name for p in tmp_path.iterdir()] == [path.name]
    assert 'sdgs: [16, "16.6"]' in path.read_text(encoding="utf-8")


def test_new_refuses_a_slug_that_cannot_be_a_file_name(tmp_path, capsys):
    assert main(["new", "--dir", str(tmp_path), "--title", "Kiosks", "--slug", ".Kiosks"]) == 2
    assert capsys.readouterr().err == (
        "caseshelf new: '.Kiosks' cannot be a file name: use lowercase letters a-z, digits and "
        "single hyphens; give --slug, such as kiosks\n")
    assert main(["new", "--dir", str(tmp_path), "--title", "\u200b\u200b\u200b"]) == 2
    assert "give --slug, such as a name in lowercase words" in capsys.readouterr().err
    assert list(tmp_path.iterdir()) == []


def test_hidden_files_in_the_cases_folder_are_refused_never_skipped(tmp_path, capsys):
    chinese = VALID.replace("Community feedback kiosks", "数字政府服务平台")
    _files(tmp_path, kiosks=VALID)
    (tmp_path / ".md").write_text(chinese, encoding="utf-8")
    (tmp_path / ".draft.md").write_text(VALID, encoding="utf-8")
    (tmp_path / ".DS_Store").write_bytes(b"\0\0\0\1Bud1")
    (tmp_path / ".old").mkdir()
    (tmp_path / ".old" / "kiosks.md").write_text(VALID, encoding="utf-8")
    assert main(["validate", str(tmp_path)]) == 1
    assert capsys.readouterr().out.splitlines() == [
        f"{tmp_path}/.DS_Store:1:1: error: the file '.DS_Store' is hidden (its name starts with "
        "a dot) and is not a case; remove it, or move it out of the cases folder [hidden-file]",
        f"{tmp_path}/.draft.md:1:1: error: the file name '.draft.md' starts with a dot, so the "
        "file is hidden and the site would skip it; rename it without the dot; did you mean "
        "'draft.md'? [hidden-file]",
        f"{tmp_path}/.md:1:1: error: the file name has nothing before '.md', so the file is "
        "hidden and the site would skip it; name it after the case, in lowercase words joined "
        "by hyphens; did you mean 'shu-zi-zheng-fu-fu-wu-ping-tai.md'? [hidden-file]",
        f"{tmp_path}/.old/kiosks.md:1:1: error: the folder '.old' is hidden (its name starts "
        "with a dot), so the site would skip the files in it; move this file out of it "
        "[hidden-file]",
    ]
    assert main(["validate", str(tmp_path / ".md")]) == 1
    assert "[hidden-file]" in capsys.readouterr().out
